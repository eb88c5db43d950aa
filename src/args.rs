//! The command line: `tereze [--data-dir PATH] [--demo] [--lang kk|ru|en]`, `--version`, `--help`.

use std::path::PathBuf;

use tereze_core::i18n::{Localize, Localized};
use thiserror::Error;

use crate::i18n::Lang;

/// What the operator (or the desktop launcher) asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Print the version and exit: used by packaging smoke tests.
    Version,
    /// Print the usage and exit.
    Help,
    /// Start the workstation.
    Run(RunArgs),
}

/// Options for starting the workstation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RunArgs {
    /// Where the database, scans and settings live; the OS data folder when absent.
    pub data_dir: Option<PathBuf>,
    /// Seed a demo operator and demo data (clearly marked demo) into the data folder.
    pub demo: bool,
    /// The interface language for this run, overriding the settings.
    pub lang: Option<Lang>,
}

/// A command line the workstation cannot understand.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ArgsError {
    /// An option the workstation does not know.
    #[error("unknown option {0}")]
    Unknown(String),
    /// An option that needs a value was last.
    #[error("option {0} needs a value")]
    MissingValue(String),
    /// `--lang` with something other than kk, ru or en.
    #[error("unknown language {0}")]
    Language(String),
}

impl Localize for ArgsError {
    fn localized(&self) -> Localized {
        match self {
            ArgsError::Unknown(o) => Localized::new("args-unknown").arg("option", o),
            ArgsError::MissingValue(o) => Localized::new("args-missing-value").arg("option", o),
            ArgsError::Language(l) => Localized::new("args-language").arg("value", l),
        }
    }
}

/// Parses the arguments after the program name.
pub fn parse<I, S>(args: I) -> Result<Command, ArgsError>
where
    I: IntoIterator<Item = S>,
    S: Into<String>,
{
    let mut run = RunArgs::default();
    let mut args = args.into_iter().map(Into::into);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--version" | "-V" => return Ok(Command::Version),
            "--help" | "-h" => return Ok(Command::Help),
            "--demo" => run.demo = true,
            "--data-dir" => {
                let value = args.next().ok_or(ArgsError::MissingValue(arg.clone()))?;
                run.data_dir = Some(PathBuf::from(value));
            }
            "--lang" => {
                let value = args.next().ok_or(ArgsError::MissingValue(arg.clone()))?;
                let lang = Lang::ALL
                    .into_iter()
                    .find(|l| l.code() == value)
                    .ok_or(ArgsError::Language(value))?;
                run.lang = Some(lang);
            }
            other => {
                if let Some(value) = other.strip_prefix("--data-dir=") {
                    run.data_dir = Some(PathBuf::from(value));
                } else {
                    return Err(ArgsError::Unknown(other.to_owned()));
                }
            }
        }
    }
    Ok(Command::Run(run))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_arguments_runs_with_defaults() {
        assert_eq!(
            parse(Vec::<String>::new()),
            Ok(Command::Run(RunArgs::default()))
        );
    }

    #[test]
    fn data_dir_demo_and_language_are_read() {
        let cmd = parse(["--data-dir", "/tmp/x", "--demo", "--lang", "ru"]).unwrap();
        assert_eq!(
            cmd,
            Command::Run(RunArgs {
                data_dir: Some(PathBuf::from("/tmp/x")),
                demo: true,
                lang: Some(Lang::Ru),
            })
        );
        let cmd = parse(["--data-dir=/srv/t"]).unwrap();
        assert!(
            matches!(cmd, Command::Run(RunArgs { data_dir: Some(p), .. }) if p == std::path::Path::new("/srv/t"))
        );
    }

    #[test]
    fn version_wins_and_mistakes_are_typed() {
        assert_eq!(parse(["--demo", "--version"]), Ok(Command::Version));
        assert_eq!(
            parse(["--data-dir"]),
            Err(ArgsError::MissingValue("--data-dir".into()))
        );
        assert_eq!(
            parse(["--colour"]),
            Err(ArgsError::Unknown("--colour".into()))
        );
        assert_eq!(
            parse(["--lang", "de"]),
            Err(ArgsError::Language("de".into()))
        );
    }
}
