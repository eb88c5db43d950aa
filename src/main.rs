//! `tereze`: starts the executor's workstation.

use std::process::ExitCode;

use tereze::args::{self, Command};
use tereze::i18n::{Lang, Translator};
use tereze::{connect, failure, gate, startup, theme};
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
            println!("{}", t.tr("connect-usage"));
            return ExitCode::SUCCESS;
        }
        Command::Run(run) => run,
        Command::Connect { file, run } => {
            let t = Translator::new(startup::language(&run, locale_lang));
            return match connect::data_dir(run.data_dir) {
                Ok(dir) => connect::run_connect(&file, &dir, &t),
                Err(e) => {
                    eprintln!("{}", t.text(&e.localized()));
                    ExitCode::FAILURE
                }
            };
        }
        Command::Disconnect(run) => {
            let t = Translator::new(startup::language(&run, locale_lang));
            return match connect::data_dir(run.data_dir) {
                Ok(dir) => connect::run_disconnect(&dir, &t),
                Err(e) => {
                    eprintln!("{}", t.text(&e.localized()));
                    ExitCode::FAILURE
                }
            };
        }
    };
    let lang = startup::language(&run, locale_lang);
    let started = match startup::start(&run, lang) {
        Ok(started) => started,
        Err(e) => {
            let reason = Translator::new(lang).text(&e.localized());
            eprintln!("{reason}");
            show_failure(lang, reason);
            return ExitCode::FAILURE;
        }
    };
    let result = iced::application(
        move || gate::Shell::boot(started.clone()),
        gate::Shell::update,
        gate::Shell::view,
    )
    .title(gate::Shell::title)
    .subscription(gate::Shell::subscription)
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

/// Shows why the workstation could not start, in a window of its own: an operator who started
/// it from the desktop never sees the terminal.
fn show_failure(lang: Lang, reason: String) {
    let result = iced::application(
        move || failure::Failure::new(Translator::new(lang), reason.clone()),
        failure::Failure::update,
        failure::Failure::view,
    )
    .title(failure::Failure::title)
    .font(theme::FONT_REGULAR)
    .font(theme::FONT_BOLD)
    .default_font(theme::FONT)
    .window_size((760.0, 320.0))
    .run();
    if let Err(e) = result {
        eprintln!("{e}");
    }
}
