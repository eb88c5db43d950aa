//! Printing through the system print service (CUPS).
//!
//! The counter operator prints a talon, referral or refusal on the office printer. Tereze talks
//! to CUPS through its command-line clients (`lpstat`, `lp`, `cancel` from the Debian package
//! cups-client; `ipptool` to tell how a finished job ended), run in the C locale so their messages
//! can be read. Every failure is a typed [`PrintError`] the operator sees translated, and saving
//! the document as PDF always remains the way out.

mod command;
mod parse;
mod spool;

use tereze_core::i18n::{Localize, Localized};

use command::run;
use parse::Complaint;

/// The Debian package that provides `lp`, `lpstat` and `cancel`.
pub const CLIENT_PACKAGE: &str = "cups-client";

/// Media every Tereze document is laid out for.
const MEDIA: &str = "media=A4";

/// Longest job title handed to `lp`; CUPS keeps job names short.
const MAX_TITLE_CHARS: usize = 200;

/// A print service: the local CUPS (or the one `CUPS_SERVER` names), or an explicit scheduler.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintService {
    server: Option<String>,
}

/// One print queue as the operator chooses it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Printer {
    /// Queue name, what [`PrintService::print_pdf`] takes.
    pub name: String,
    /// Human description set by the administrator, if it says more than the name.
    pub description: Option<String>,
    /// The system (or user) default destination.
    pub is_default: bool,
    /// The queue is enabled (a disabled queue holds jobs until re-enabled).
    pub enabled: bool,
    /// The queue accepts new jobs.
    pub accepting: bool,
}

/// A print job as CUPS names it, e.g. `TerezePDF-3`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct JobId {
    id: String,
    number: u32,
}

/// Where a print job stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobState {
    /// Waiting in the queue (or held, or its queue is stopped).
    Pending,
    /// Being printed.
    Processing,
    /// Printed.
    Completed,
    /// Cancelled by someone.
    Cancelled,
    /// Stopped by the print system because of an error.
    Aborted,
    /// Left the queue, but how it ended cannot be read: `ipptool` (package cups-ipp-utils) is
    /// missing on this computer.
    Finished,
}

/// Why printing did not happen. Shown translated; the document can still be saved as PDF.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PrintError {
    /// The CUPS clients are not installed (package cups-client).
    #[error("print service missing: cannot run {program} (install package cups-client)")]
    NoPrintService {
        /// The client that could not be started.
        program: String,
    },
    /// No CUPS scheduler answers at the configured address.
    #[error("the print scheduler is not running")]
    SchedulerNotRunning,
    /// The scheduler runs but has no printer queues.
    #[error("no printers are set up")]
    NoPrinters,
    /// No queue has this name.
    #[error("unknown printer {printer}")]
    UnknownPrinter {
        /// The name asked for.
        printer: String,
    },
    /// The queue exists but does not accept jobs.
    #[error("printer {printer} is not accepting jobs")]
    Rejected {
        /// The queue.
        printer: String,
    },
    /// No such job (never existed, or dropped from the history).
    #[error("unknown print job {job}")]
    UnknownJob {
        /// The job id asked for.
        job: String,
    },
    /// A client failed otherwise; `log` keeps its messages for the log, never for the screen.
    #[error("print command failed: {log}")]
    Failed {
        /// What the client printed, for the log only.
        log: String,
    },
    /// The document could not be written for printing, or a client could not be started.
    #[error("print I/O error: {detail}")]
    Io {
        /// The underlying error, for the log only.
        detail: String,
    },
}

impl Localize for PrintError {
    fn localized(&self) -> Localized {
        match self {
            Self::NoPrintService { program } => {
                Localized::new("print-no-service").arg("program", program)
            }
            Self::SchedulerNotRunning => Localized::new("print-scheduler-not-running"),
            Self::NoPrinters => Localized::new("print-no-printers"),
            Self::UnknownPrinter { printer } => {
                Localized::new("print-unknown-printer").arg("printer", printer)
            }
            Self::Rejected { printer } => Localized::new("print-rejected").arg("printer", printer),
            Self::UnknownJob { job } => Localized::new("print-unknown-job").arg("job", job),
            Self::Failed { .. } => Localized::new("print-failed"),
            Self::Io { .. } => Localized::new("print-io"),
        }
    }
}

impl JobId {
    /// Reads a CUPS job id `<queue>-<number>`.
    pub fn parse(id: &str) -> Option<Self> {
        let (queue, number) = id.rsplit_once('-')?;
        if queue.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        Some(Self {
            id: id.to_string(),
            number: number.parse().ok()?,
        })
    }

    /// The id as CUPS prints it, e.g. `TerezePDF-3`.
    pub fn as_str(&self) -> &str {
        &self.id
    }

    /// The scheduler-wide job number, e.g. 3.
    pub fn number(&self) -> u32 {
        self.number
    }
}

impl std::fmt::Display for JobId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.id)
    }
}

impl PrintService {
    /// The print service this computer is set up for: the scheduler `CUPS_SERVER` names, else
    /// the CUPS clients' own default (the local scheduler).
    pub fn system() -> Self {
        let server = std::env::var("CUPS_SERVER")
            .ok()
            .filter(|s| !s.trim().is_empty());
        Self { server }
    }

    /// A given scheduler: `host`, `host:port` or the path of its Unix socket.
    pub fn at(server: impl Into<String>) -> Self {
        Self {
            server: Some(server.into()),
        }
    }

    /// The scheduler addressed, if not the clients' default.
    pub fn server(&self) -> Option<&str> {
        self.server.as_deref()
    }

    /// Whether a scheduler answers at all.
    pub fn scheduler_running(&self) -> Result<bool, PrintError> {
        let out = self.lpstat(&["-r"])?;
        Ok(parse::scheduler_running(&out.stdout))
    }

    /// The printer queues to choose from; empty when the scheduler has none.
    pub fn printers(&self) -> Result<Vec<Printer>, PrintError> {
        let listed = self.lpstat(&["-l", "-p"])?;
        if !listed.success {
            return match parse::complaint(&listed.stderr) {
                Complaint::NoDestinations => Ok(Vec::new()),
                Complaint::NotRunning => Err(PrintError::SchedulerNotRunning),
                _ => Err(PrintError::Failed { log: listed.stderr }),
            };
        }
        let mut printers = parse::printers(&listed.stdout);
        let accepting = parse::accepting(&self.lpstat(&["-a"])?.stdout);
        let default = parse::default_destination(&self.lpstat(&["-d"])?.stdout);
        for printer in &mut printers {
            printer.accepting = accepting.contains(&printer.name);
            printer.is_default = default.as_deref() == Some(printer.name.as_str());
        }
        Ok(printers)
    }

    /// Sends a PDF to a queue and returns the job CUPS created. `title` names the job in queue
    /// listings (and the file name on PDF printers): a document kind and number, never a
    /// person's name or IIN.
    pub fn print_pdf(&self, printer: &str, pdf: &[u8], title: &str) -> Result<JobId, PrintError> {
        let printers = self.printers()?;
        if printers.is_empty() {
            return Err(PrintError::NoPrinters);
        }
        let Some(queue) = printers.iter().find(|p| p.name == printer) else {
            return Err(PrintError::UnknownPrinter {
                printer: printer.to_string(),
            });
        };
        if !queue.accepting {
            return Err(PrintError::Rejected {
                printer: printer.to_string(),
            });
        }
        // The temp path is absolute, so lp never mistakes it for an option.
        let file = spool::SpoolFile::write(pdf)?;
        let title = job_title(title);
        let path = file.path().to_string_lossy().into_owned();
        let out = run(
            "lp",
            self.server(),
            &["-d", printer, "-t", &title, "-o", MEDIA, &path],
        )?;
        if !out.success {
            return Err(match parse::complaint(&out.stderr) {
                Complaint::NotRunning => PrintError::SchedulerNotRunning,
                Complaint::NoDestinations => PrintError::NoPrinters,
                Complaint::UnknownDestination => PrintError::UnknownPrinter {
                    printer: printer.to_string(),
                },
                Complaint::NotAccepting => PrintError::Rejected {
                    printer: printer.to_string(),
                },
                Complaint::Other => PrintError::Failed { log: out.stderr },
            });
        }
        parse::request_id(&out.stdout).ok_or(PrintError::Failed {
            log: format!("no request id in lp output: {}", out.stdout.trim()),
        })
    }

    /// Where a job stands now.
    pub fn job_state(&self, job: &JobId) -> Result<JobState, PrintError> {
        let waiting = self.jobs("not-completed")?;
        if waiting.contains(job) {
            let queues = self.lpstat(&["-p"])?;
            return Ok(if parse::now_printing(&queues.stdout).contains(job) {
                JobState::Processing
            } else {
                JobState::Pending
            });
        }
        if self.jobs("completed")?.contains(job) {
            return Ok(self.finished_state(job));
        }
        Err(PrintError::UnknownJob {
            job: job.to_string(),
        })
    }

    /// Cancels a job that has not finished yet.
    pub fn cancel(&self, job: &JobId) -> Result<(), PrintError> {
        let out = run("cancel", self.server(), &[job.as_str()])?;
        if out.success {
            return Ok(());
        }
        Err(match parse::complaint(&out.stderr) {
            Complaint::NotRunning => PrintError::SchedulerNotRunning,
            _ if out.stderr.contains("does not exist") => PrintError::UnknownJob {
                job: job.to_string(),
            },
            _ => PrintError::Failed { log: out.stderr },
        })
    }

    /// `lpstat -W <which> -o`: the jobs in one part of the history.
    fn jobs(&self, which: &str) -> Result<Vec<JobId>, PrintError> {
        let out = self.lpstat(&["-W", which, "-o"])?;
        if !out.success {
            return Err(match parse::complaint(&out.stderr) {
                Complaint::NotRunning => PrintError::SchedulerNotRunning,
                Complaint::NoDestinations => return Ok(Vec::new()),
                _ => PrintError::Failed { log: out.stderr },
            });
        }
        Ok(parse::listed_jobs(&out.stdout))
    }

    /// lpstat lists completed, cancelled and aborted jobs alike; the job's own `job-state`
    /// attribute, read with `ipptool`, tells them apart.
    fn finished_state(&self, job: &JobId) -> JobState {
        let uri = job_uri(self.server(), job.number());
        let out = std::process::Command::new("ipptool")
            .env("LC_ALL", "C")
            .args(["-tv", &uri, "get-job-attributes.test"])
            .output();
        match out {
            Ok(out) => parse::ipp_job_state(&String::from_utf8_lossy(&out.stdout))
                .unwrap_or(JobState::Finished),
            Err(_) => JobState::Finished,
        }
    }

    fn lpstat(&self, args: &[&str]) -> Result<command::Output, PrintError> {
        run("lpstat", self.server(), args)
    }
}

/// A job title `lp` takes as one argument: no control characters, bounded length.
fn job_title(title: &str) -> String {
    let clean: String = title
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(MAX_TITLE_CHARS)
        .collect();
    let clean = clean.trim();
    if clean.is_empty() {
        "Tereze".to_string()
    } else {
        clean.to_string()
    }
}

/// The IPP address of a job on a scheduler given as `-h` takes it: a socket path is written as
/// a percent-encoded host, as the CUPS library reads it.
fn job_uri(server: Option<&str>, number: u32) -> String {
    let host = match server {
        Some(path) if path.starts_with('/') => path
            .bytes()
            .map(|b| {
                if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                    char::from(b).to_string()
                } else {
                    format!("%{b:02X}")
                }
            })
            .collect(),
        Some(host) => host.to_string(),
        None => "localhost".to_string(),
    };
    format!("ipp://{host}/jobs/{number}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn job_ids_are_queue_dash_number() {
        let id = JobId::parse("Office_Laser-412");
        assert_eq!(id.as_ref().map(JobId::number), Some(412));
        assert_eq!(
            id.map(|j| j.to_string()).as_deref(),
            Some("Office_Laser-412")
        );
        assert_eq!(JobId::parse("Cab-12-Laser-7").map(|j| j.number()), Some(7));
        assert_eq!(JobId::parse("Laser"), None);
        assert_eq!(JobId::parse("-3"), None);
        assert_eq!(JobId::parse("Laser-x3"), None);
    }

    #[test]
    fn job_uri_encodes_a_socket_path_as_host() {
        assert_eq!(
            job_uri(Some("/tmp/t x/cups.sock"), 5),
            "ipp://%2Ftmp%2Ft%20x%2Fcups.sock/jobs/5"
        );
        assert_eq!(
            job_uri(Some("print.office:631"), 9),
            "ipp://print.office:631/jobs/9"
        );
        assert_eq!(job_uri(None, 1), "ipp://localhost/jobs/1");
    }

    #[test]
    fn titles_lose_control_characters_and_stay_short() {
        assert_eq!(job_title("Талон\n№ 12\t"), "Талон № 12");
        assert_eq!(job_title(" \n "), "Tereze");
        assert_eq!(job_title(&"ж".repeat(500)).chars().count(), MAX_TITLE_CHARS);
    }

    #[test]
    fn explicit_server_wins_and_is_kept() {
        assert_eq!(
            PrintService::at("/run/x.sock").server(),
            Some("/run/x.sock")
        );
    }

    #[test]
    fn every_error_has_its_own_key_and_names_the_printer() {
        let errors = [
            PrintError::NoPrintService {
                program: "lp".into(),
            },
            PrintError::SchedulerNotRunning,
            PrintError::NoPrinters,
            PrintError::UnknownPrinter {
                printer: "Laser".into(),
            },
            PrintError::Rejected {
                printer: "Laser".into(),
            },
            PrintError::UnknownJob { job: "L-1".into() },
            PrintError::Failed {
                log: "lp: secret detail".into(),
            },
            PrintError::Io { detail: "x".into() },
        ];
        let keys: std::collections::BTreeSet<&str> =
            errors.iter().map(|e| e.localized().key).collect();
        assert_eq!(keys.len(), errors.len());
        assert_eq!(errors[3].localized().get("printer"), Some("Laser"));
        assert_eq!(errors[4].localized().get("printer"), Some("Laser"));
        // lp's own words are for the log, never on the operator's screen.
        assert!(errors[6].localized().args.is_empty());
        assert!(errors[0].to_string().contains(CLIENT_PACKAGE));
    }
}
