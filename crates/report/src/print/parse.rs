//! Pure readers of what the CUPS command-line clients print in the C locale. Kept free of I/O so
//! they are tested on captured outputs of real `lpstat`, `lp` and `ipptool` runs.

use super::{JobId, JobState, Printer};

/// How a scheduler answered, judged from a client's stderr.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Complaint {
    /// No scheduler answers at the address ("Scheduler is not running.").
    NotRunning,
    /// The scheduler runs but has no queues ("No destinations added.").
    NoDestinations,
    /// The named queue does not exist.
    UnknownDestination,
    /// The queue exists but does not accept jobs.
    NotAccepting,
    /// Anything else.
    Other,
}

/// Sorts a client's stderr into the cases the operator must be told apart.
pub(crate) fn complaint(stderr: &str) -> Complaint {
    let text = stderr.to_ascii_lowercase();
    if text.contains("scheduler is not running")
        || text.contains("bad file descriptor")
        || text.contains("connection refused")
        || text.contains("unable to connect")
    {
        Complaint::NotRunning
    } else if text.contains("no destinations added") {
        Complaint::NoDestinations
    } else if text.contains("printer or class does not exist")
        || text.contains("invalid destination name")
        || text.contains("unknown destination")
    {
        Complaint::UnknownDestination
    } else if text.contains("is not accepting jobs") {
        Complaint::NotAccepting
    } else {
        Complaint::Other
    }
}

/// `lpstat -r`: "scheduler is running" / "scheduler is not running".
pub(crate) fn scheduler_running(stdout: &str) -> bool {
    stdout.lines().any(|l| l.trim() == "scheduler is running")
}

/// `lp`: "request id is TerezePDF-3 (1 file(s))" gives `TerezePDF-3`.
pub(crate) fn request_id(stdout: &str) -> Option<JobId> {
    stdout.lines().find_map(|line| {
        let rest = line.trim().strip_prefix("request id is ")?;
        let id = rest.split_whitespace().next()?;
        JobId::parse(id)
    })
}

/// `lpstat -d`: "system default destination: TerezePDF" or "no system default destination".
pub(crate) fn default_destination(stdout: &str) -> Option<String> {
    stdout.lines().find_map(|line| {
        let name = line
            .trim()
            .strip_prefix("system default destination:")?
            .trim();
        // A default instance is printed as "Queue/instance"; the queue is what lp takes.
        let name = name.split('/').next().unwrap_or(name);
        (!name.is_empty()).then(|| name.to_string())
    })
}

/// `lpstat -a`: names of queues that accept jobs ("X accepting requests since …" versus
/// "X not accepting requests since …").
pub(crate) fn accepting(stdout: &str) -> Vec<String> {
    stdout
        .lines()
        .filter(|line| !line.starts_with(char::is_whitespace))
        .filter_map(|line| {
            let mut words = line.split_whitespace();
            let name = words.next()?;
            (words.next() == Some("accepting")).then(|| name.to_string())
        })
        .collect()
}

/// `lpstat -l -p`: one entry per queue with its enabled state and description. Accepting and
/// default are filled in by the caller from `lpstat -a` and `lpstat -d`.
pub(crate) fn printers(stdout: &str) -> Vec<Printer> {
    let mut found: Vec<Printer> = Vec::new();
    for line in stdout.lines() {
        if let Some(rest) = line.strip_prefix("printer ") {
            let mut words = rest.split_whitespace();
            let Some(name) = words.next() else { continue };
            // "is idle." / "now printing X-3." are enabled; "disabled since …" is not.
            let enabled = words.next() != Some("disabled");
            found.push(Printer {
                name: name.to_string(),
                description: None,
                is_default: false,
                enabled,
                accepting: false,
            });
        } else if let Some(text) = line.trim_start().strip_prefix("Description:") {
            let text = text.trim();
            if let Some(last) = found.last_mut() {
                // CUPS fills an unset description with the queue name; that tells nothing.
                if !text.is_empty() && text != last.name {
                    last.description = Some(text.to_string());
                }
            }
        }
    }
    found
}

/// `lpstat -p`: the job a queue is printing right now ("printer X now printing X-3.  enabled …").
pub(crate) fn now_printing(stdout: &str) -> Vec<JobId> {
    stdout
        .lines()
        .filter_map(|line| {
            let rest = line.strip_prefix("printer ")?;
            let (_, after) = rest.split_once(" now printing ")?;
            let id = after.split_whitespace().next()?.trim_end_matches('.');
            JobId::parse(id)
        })
        .collect()
}

/// `lpstat -W … -o`: the job ids listed, one per line ("TerezePDF-1  root  1024  Mon …").
pub(crate) fn listed_jobs(stdout: &str) -> Vec<JobId> {
    stdout
        .lines()
        .filter(|line| !line.starts_with(char::is_whitespace))
        .filter_map(|line| JobId::parse(line.split_whitespace().next()?))
        .collect()
}

/// `ipptool -tv … get-job-attributes.test`: the `job-state` of a finished job.
pub(crate) fn ipp_job_state(stdout: &str) -> Option<JobState> {
    stdout.lines().find_map(|line| {
        let value = line.trim().strip_prefix("job-state (enum) = ")?;
        match value.trim() {
            "pending" | "pending-held" => Some(JobState::Pending),
            "processing" | "processing-stopped" => Some(JobState::Processing),
            "completed" => Some(JobState::Completed),
            "canceled" => Some(JobState::Cancelled),
            "aborted" => Some(JobState::Aborted),
            _ => None,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    // Captured from lpstat/lp/ipptool of CUPS 2.4.2 (Debian 12) with LC_ALL=C, against a
    // scheduler with four queues: a cups-pdf one, one disabled, one rejecting, one described.
    const LPSTAT_LP: &str = "\
printer Office_Laser is idle.  enabled since Mon Nov 23 09:31:52 2026
\tForm mounted:
\tContent types: any
\tPrinter types: unknown
\tDescription: Кабинет 12 — лазерный
\tAlerts: none
\tLocation: Room 12
printer Rejecting is idle.  enabled since Mon Nov 23 09:31:52 2026
\tout of toner
\tDescription: Rejecting
\tLocation: 
printer Stopped disabled since Mon Nov 23 09:31:52 2026 -
\tpaper jam
\tDescription: Stopped
\tLocation: 
printer TerezePDF now printing TerezePDF-7.  enabled since Mon Nov 23 09:31:07 2026
\tDescription: TerezePDF
\tLocation: 
";

    const LPSTAT_A: &str = "\
Office_Laser accepting requests since Mon Nov 23 09:31:52 2026
Rejecting not accepting requests since Mon Nov 23 09:31:52 2026 -
\tout of toner
Stopped accepting requests since Mon Nov 23 09:31:52 2026
TerezePDF accepting requests since Mon Nov 23 09:31:07 2026
";

    const LPSTAT_W_ALL: &str = "\
TerezePDF-1             root              1024   Mon Nov 23 09:31:07 2026
Stopped-2               root              1024   Mon Nov 23 09:31:59 2026
Office_Laser-4          root              1024   Mon Nov 23 09:31:59 2026
";

    const LPSTAT_W_LONG: &str = "\
Office_Laser-4          root              1024   Mon Nov 23 09:32:13 2026
\tStatus: The printer may not exist or is unavailable at this time.
\tAlerts: processing-to-stop-point
\tqueued for Office_Laser
Stopped-5               root              1024   Mon Nov 23 09:32:13 2026
\tAlerts: processing-to-stop-point
\tqueued for Stopped
";

    const IPPTOOL_CANCELED: &str = "\
\"/usr/share/cups/ipptool/get-job-attributes.test\":
    Get-Job-Attributes:
        job-uri (uri) = ipp://%2Ftmp%2Fcups.sock:631/jobs/5
    Get job info with get-job-attributes                                 [PASS]
        status-code = successful-ok (successful-ok)
        job-id (integer) = 5
        job-state (enum) = canceled
        job-state-reasons (keyword) = job-canceled-by-user
";

    #[test]
    fn lp_request_id_is_the_job() {
        let id = request_id("request id is TerezePDF-1 (1 file(s))\n");
        assert_eq!(id.as_ref().map(JobId::as_str), Some("TerezePDF-1"));
        assert_eq!(id.map(|j| j.number()), Some(1));
        let id = request_id("request id is Office_Laser-412 (1 file(s))\n");
        assert_eq!(id.map(|j| j.number()), Some(412));
        assert_eq!(request_id(""), None);
        assert_eq!(request_id("request id is garbage (1 file(s))"), None);
    }

    #[test]
    fn printer_list_keeps_state_and_real_descriptions() {
        let list = printers(LPSTAT_LP);
        let names: Vec<&str> = list.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Office_Laser", "Rejecting", "Stopped", "TerezePDF"]);
        assert_eq!(
            list[0].description.as_deref(),
            Some("Кабинет 12 — лазерный")
        );
        assert_eq!(
            list[1].description, None,
            "description equal to the name says nothing"
        );
        assert!(list[0].enabled && list[1].enabled && list[3].enabled);
        assert!(!list[2].enabled, "a disabled queue is reported disabled");
    }

    #[test]
    fn accepting_queues_exclude_rejecting_ones() {
        assert_eq!(
            accepting(LPSTAT_A),
            ["Office_Laser", "Stopped", "TerezePDF"]
        );
    }

    #[test]
    fn default_destination_is_read_or_absent() {
        assert_eq!(
            default_destination("system default destination: TerezePDF\n").as_deref(),
            Some("TerezePDF")
        );
        assert_eq!(
            default_destination("system default destination: Laser/duplex\n").as_deref(),
            Some("Laser")
        );
        assert_eq!(default_destination("no system default destination\n"), None);
    }

    #[test]
    fn scheduler_state_from_lpstat_r() {
        assert!(scheduler_running("scheduler is running\n"));
        assert!(!scheduler_running("scheduler is not running\n"));
        assert!(!scheduler_running(""));
    }

    #[test]
    fn job_lists_give_ids_and_skip_detail_lines() {
        let ids: Vec<String> = listed_jobs(LPSTAT_W_ALL)
            .into_iter()
            .map(|j| j.as_str().to_string())
            .collect();
        assert_eq!(ids, ["TerezePDF-1", "Stopped-2", "Office_Laser-4"]);
        let ids: Vec<String> = listed_jobs(LPSTAT_W_LONG)
            .into_iter()
            .map(|j| j.as_str().to_string())
            .collect();
        assert_eq!(ids, ["Office_Laser-4", "Stopped-5"]);
        assert!(listed_jobs("").is_empty());
    }

    #[test]
    fn the_job_being_printed_is_found() {
        let ids: Vec<String> = now_printing(LPSTAT_LP)
            .into_iter()
            .map(|j| j.as_str().to_string())
            .collect();
        assert_eq!(ids, ["TerezePDF-7"]);
    }

    #[test]
    fn ipptool_job_state_tells_finished_jobs_apart() {
        assert_eq!(ipp_job_state(IPPTOOL_CANCELED), Some(JobState::Cancelled));
        let done = IPPTOOL_CANCELED.replace("= canceled", "= completed");
        assert_eq!(ipp_job_state(&done), Some(JobState::Completed));
        let aborted = IPPTOOL_CANCELED.replace("= canceled", "= aborted");
        assert_eq!(ipp_job_state(&aborted), Some(JobState::Aborted));
        assert_eq!(ipp_job_state("status-code = client-error-not-found"), None);
    }

    #[test]
    fn complaints_are_told_apart() {
        assert_eq!(
            complaint("lpstat: Scheduler is not running.\n"),
            Complaint::NotRunning
        );
        assert_eq!(
            complaint("lpstat: Bad file descriptor\n"),
            Complaint::NotRunning
        );
        assert_eq!(
            complaint("lpstat: No destinations added.\n"),
            Complaint::NoDestinations
        );
        assert_eq!(
            complaint("lp: Error - The printer or class does not exist.\n"),
            Complaint::UnknownDestination
        );
        assert_eq!(
            complaint("lpstat: Invalid destination name in list \"NoSuch\".\n"),
            Complaint::UnknownDestination
        );
        assert_eq!(
            complaint("lp: Destination \"Rejecting\" is not accepting jobs.\n"),
            Complaint::NotAccepting
        );
        assert_eq!(
            complaint("lp: Error - unable to access \"/x.pdf\" - No such file or directory\n"),
            Complaint::Other
        );
    }
}
