//! `tereze`: starts the executor's workstation.

use std::process::ExitCode;

use tereze::args::{self, Command};
use tereze::i18n::{Lang, Translator};
use tereze::{app, startup, theme};
use tereze_core::i18n::Localize;

fn main() -> ExitCode {
    let locale_lang = Lang::from_locale(&std::env::var("LANG").unwrap_or_default());
    let t = Translator::new(locale_lang);
    let command = match args::parse(std::env::args().skip(1)) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{}", t.text(&e.localized()));
            eprintln!("{}", t.tr("args-usage"));
            return ExitCode::from(2);
        }
    };
    let run = match command {
        Command::Version => {
            println!("tereze {}", env!("CARGO_PKG_VERSION"));
            return ExitCode::SUCCESS;
        }
        Command::Help => {
            println!("{}", t.tr("args-usage"));
            return ExitCode::SUCCESS;
        }
        Command::Run(run) => run,
    };
    let started = match startup::start(&run, locale_lang) {
        Ok(started) => started,
        Err(e) => {
            eprintln!("{}", t.text(&e.localized()));
            return ExitCode::FAILURE;
        }
    };
    let result = iced::application(
        move || app::App::new(started.context()),
        app::App::update,
        app::App::view,
    )
    .title(app::App::title)
    .font(theme::FONT_REGULAR)
    .font(theme::FONT_BOLD)
    .default_font(theme::FONT)
    .window_size((960.0, 640.0))
    .run();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{}: {e}", t.tr("app-window-failed"));
            ExitCode::FAILURE
        }
    }
}
