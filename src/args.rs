//! The command line: `tereze [--data-dir PATH] [--demo] [--lang kk|ru|en]`, `--version`, `--help`,
//! `tereze connect FILE [--data-dir PATH]` and `tereze disconnect [--data-dir PATH]`.

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
    /// `tereze connect FILE`: check a connection file against its server and keep it.
    Connect {
        /// The connection file from `tereze-server provision-workstation --out`.
        file: PathBuf,
        /// The data folder and language.
        run: RunArgs,
    },
    /// `tereze disconnect`: forget the server (the local data stays).
    Disconnect(RunArgs),
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
    /// `connect` without the connection file.
    #[error("connect needs the connection file")]
    MissingFile,
}

impl Localize for ArgsError {
    fn localized(&self) -> Localized {
        match self {
            ArgsError::Unknown(o) => Localized::new("args-unknown").arg("option", o),
            ArgsError::MissingValue(o) => Localized::new("args-missing-value").arg("option", o),
            ArgsError::Language(l) => Localized::new("args-language").arg("value", l),
            ArgsError::MissingFile => Localized::new("connect-missing-file"),
        }
    }
}

/// Parses the arguments after the program name.
pub fn parse<I, S>(args: I) -> Result<Command, ArgsError>
where
    I: IntoIterator<Item = S>,
    S: Into<String>,
{
    let mut args = args.into_iter().map(Into::into).peekable();
    let sub = args
        .peek()
        .filter(|a| *a == "connect" || *a == "disconnect")
        .cloned();
    let Some(sub) = sub else {
        return options(args, &mut |positional| {
            Err(ArgsError::Unknown(positional.to_owned()))
        })
        .map(|parsed| match parsed {
            Ok(run) => Command::Run(run),
            Err(early) => early,
        });
    };
    args.next();
    let mut file = None;
    let parsed = options(args, &mut |positional| {
        if sub == "connect" && file.is_none() {
            file = Some(PathBuf::from(positional));
            Ok(())
        } else {
            Err(ArgsError::Unknown(positional.to_owned()))
        }
    })?;
    let run = match parsed {
        Ok(run) => run,
        Err(early) => return Ok(early),
    };
    match (sub.as_str(), file) {
        ("connect", Some(file)) => Ok(Command::Connect { file, run }),
        ("connect", None) => Err(ArgsError::MissingFile),
        _ => Ok(Command::Disconnect(run)),
    }
}

/// Reads `--data-dir`, `--demo` and `--lang`; `--version` and `--help` end the parse early
/// (`Ok(Err(command))`). Anything not an option goes to `positional`.
fn options(
    mut args: impl Iterator<Item = String>,
    positional: &mut dyn FnMut(&str) -> Result<(), ArgsError>,
) -> Result<Result<RunArgs, Command>, ArgsError> {
    let mut run = RunArgs::default();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--version" | "-V" => return Ok(Err(Command::Version)),
            "--help" | "-h" => return Ok(Err(Command::Help)),
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
                } else if other.starts_with('-') {
                    return Err(ArgsError::Unknown(other.to_owned()));
                } else {
                    positional(other)?;
                }
            }
        }
    }
    Ok(Ok(run))
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
        assert_eq!(parse(["extra"]), Err(ArgsError::Unknown("extra".into())));
    }

    #[test]
    fn connect_takes_a_file_and_disconnect_none() {
        assert_eq!(
            parse(["connect", "c.toml", "--data-dir", "/srv/t"]),
            Ok(Command::Connect {
                file: PathBuf::from("c.toml"),
                run: RunArgs {
                    data_dir: Some(PathBuf::from("/srv/t")),
                    ..RunArgs::default()
                },
            })
        );
        assert_eq!(parse(["connect"]), Err(ArgsError::MissingFile));
        assert_eq!(
            parse(["connect", "a.toml", "b.toml"]),
            Err(ArgsError::Unknown("b.toml".into()))
        );
        assert_eq!(
            parse(["disconnect"]),
            Ok(Command::Disconnect(RunArgs::default()))
        );
        assert_eq!(
            parse(["disconnect", "x"]),
            Err(ArgsError::Unknown("x".into()))
        );
    }
}
