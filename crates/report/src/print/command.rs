//! Runs one CUPS command-line client in the C locale, against the chosen scheduler.

use std::io::ErrorKind;
use std::process::Command;

use super::PrintError;

/// What a client printed and whether it exited with success.
pub(crate) struct Output {
    /// Exit status was zero.
    pub success: bool,
    /// Standard output, lossily decoded.
    pub stdout: String,
    /// Standard error, lossily decoded.
    pub stderr: String,
}

/// Runs `program` with `-h server` (when a server is set) followed by `args`. `LC_ALL=C` keeps
/// the messages in the English the parsers read, whatever the operator's locale.
pub(crate) fn run(
    program: &str,
    server: Option<&str>,
    args: &[&str],
) -> Result<Output, PrintError> {
    let mut command = Command::new(program);
    command.env("LC_ALL", "C").env("LANG", "C");
    if let Some(server) = server {
        command.arg("-h").arg(server);
    }
    command.args(args);
    let out = command.output().map_err(|err| spawn_error(program, &err))?;
    Ok(Output {
        success: out.status.success(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    })
}

/// A client that cannot be started: missing means the print service is not installed.
pub(crate) fn spawn_error(program: &str, err: &std::io::Error) -> PrintError {
    if err.kind() == ErrorKind::NotFound {
        PrintError::NoPrintService {
            program: program.to_string(),
        }
    } else {
        PrintError::Io {
            detail: format!("cannot start {program}: {err}"),
        }
    }
}
