//! A private CUPS scheduler for tests: its own configuration, spool, cache and logs in a temp
//! directory, listening only on a Unix socket there, stopped when dropped.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

/// The PPD that printer-driver-cups-pdf ships.
pub const CUPS_PDF_PPD: &str = "/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd";
/// cups-pdf's configuration; where it writes is read from here.
pub const CUPS_PDF_CONF: &str = "/etc/cups/cups-pdf.conf";

/// Finds a tool on PATH or in the sbin directories, or fails naming the package to install.
pub fn tool(name: &str, package: &str) -> PathBuf {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain(["/usr/sbin", "/sbin", "/usr/bin"].map(PathBuf::from))
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
        .unwrap_or_else(|| {
            panic!("`{name}` is missing: install the Debian package {package} (scripts/setup-debian --test)")
        })
}

/// Output of a command, failing the test with its messages when it fails.
pub fn run_ok(cmd: &mut Command) -> String {
    let out = cmd
        .env("LC_ALL", "C")
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A running `cupsd -f` of our own.
pub struct Scheduler {
    dir: tempfile::TempDir,
    child: Child,
    socket: PathBuf,
}

impl Scheduler {
    /// Writes a configuration in a fresh temp directory and starts cupsd on it; waits (at most
    /// 20 s) until `lpstat -r` says the scheduler runs.
    pub fn start() -> Self {
        let cupsd = tool("cupsd", "cups");
        tool("lpstat", "cups-client");
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        for sub in ["conf", "spool", "spool/tmp", "cache", "state", "log", "run"] {
            std::fs::create_dir_all(root.join(sub)).expect("create dir");
        }
        // Filters run as the unprivileged `lp` user and must reach the spooled files.
        chmod_tree(root, 0o755);
        let p = |s: &str| root.join(s).display().to_string();
        let socket = root.join("run/cups.sock");
        std::fs::write(
            root.join("conf/cups-files.conf"),
            format!(
                "ServerRoot {}\nRequestRoot {}\nTempDir {}\nCacheDir {}\nStateDir {}\n\
                 ErrorLog {}\nAccessLog {}\nPageLog {}\nPrintcap {}\nSystemGroup root\n",
                p("conf"),
                p("spool"),
                p("spool/tmp"),
                p("cache"),
                p("state"),
                p("log/error_log"),
                p("log/access_log"),
                p("log/page_log"),
                p("run/printcap"),
            ),
        )
        .expect("write cups-files.conf");
        std::fs::write(
            root.join("conf/cupsd.conf"),
            format!(
                "Listen {}\nLogLevel info\nWebInterface No\nBrowsing No\n\
                 <Location />\n  Order allow,deny\n  Allow all\n</Location>\n\
                 <Location /admin>\n  Order allow,deny\n  Allow all\n</Location>\n\
                 <Policy default>\n  <Limit All>\n    Order deny,allow\n  </Limit>\n</Policy>\n",
                socket.display()
            ),
        )
        .expect("write cupsd.conf");
        let child = Command::new(cupsd)
            .arg("-f")
            .arg("-c")
            .arg(root.join("conf/cupsd.conf"))
            .arg("-s")
            .arg(root.join("conf/cups-files.conf"))
            .env("LC_ALL", "C")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start cupsd");
        let scheduler = Self { dir, child, socket };
        scheduler.wait_until_running();
        scheduler
    }

    fn wait_until_running(&self) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if self.socket.exists() {
                let out = Command::new("lpstat")
                    .args(["-h", self.server(), "-r"])
                    .env("LC_ALL", "C")
                    .output()
                    .expect("run lpstat");
                if String::from_utf8_lossy(&out.stdout).trim() == "scheduler is running" {
                    return;
                }
            }
            sleep(Duration::from_millis(100));
        }
        panic!(
            "cupsd did not come up within 20 s; its log:\n{}",
            self.log()
        );
    }

    /// The socket path, as `-h` and `PrintService::at` take it.
    pub fn server(&self) -> &str {
        self.socket.to_str().expect("utf-8 temp path")
    }

    /// The scheduler's error log, for failure messages.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("log/error_log")).unwrap_or_default()
    }

    /// Adds an enabled, accepting cups-pdf queue.
    pub fn add_cups_pdf_queue(&self, name: &str) {
        assert!(
            Path::new(CUPS_PDF_PPD).is_file(),
            "{CUPS_PDF_PPD} is missing: install the Debian package printer-driver-cups-pdf"
        );
        run_ok(Command::new(tool("lpadmin", "cups-client")).args([
            "-h",
            self.server(),
            "-p",
            name,
            "-E",
            "-v",
            "cups-pdf:/",
            "-P",
            CUPS_PDF_PPD,
        ]));
    }

    /// Runs an admin client (`cupsdisable`, `cupsreject`, …) against this scheduler.
    pub fn admin(&self, program: &str, args: &[&str]) {
        run_ok(
            Command::new(tool(program, "cups-client"))
                .args(["-h", self.server()])
                .args(args),
        );
    }
}

impl Drop for Scheduler {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn chmod_tree(dir: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(mode)).expect("chmod");
    for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
        if entry.path().is_dir() {
            chmod_tree(&entry.path(), mode);
        }
    }
}

/// Where cups-pdf writes a job submitted by the current user: the `Out` setting of its
/// configuration (cups-pdf's built-in default is `/var/spool/cups-pdf/${USER}`), with `${HOME}`
/// and `${USER}` replaced as cups-pdf does, from the user's passwd entry.
pub fn cups_pdf_out_dir() -> PathBuf {
    let conf = std::fs::read_to_string(CUPS_PDF_CONF).unwrap_or_else(|e| {
        panic!("{CUPS_PDF_CONF}: {e}; install the Debian package printer-driver-cups-pdf")
    });
    let out = conf
        .lines()
        .rev()
        .filter_map(|l| l.trim().strip_prefix("Out"))
        .find(|rest| rest.starts_with(char::is_whitespace))
        .map(|rest| rest.trim().to_string())
        .unwrap_or_else(|| "/var/spool/cups-pdf/${USER}".to_string());
    let user = run_ok(Command::new("id").arg("-un")).trim().to_string();
    let entry = run_ok(Command::new("getent").args(["passwd", &user]));
    let home = entry
        .trim()
        .split(':')
        .nth(5)
        .expect("home field in passwd entry")
        .to_string();
    PathBuf::from(out.replace("${HOME}", &home).replace("${USER}", &user))
}

/// Whether this process runs as root (the cups-pdf backend is root-only, mode 0700).
pub fn is_root() -> bool {
    run_ok(Command::new("id").arg("-u")).trim() == "0"
}
