//! A real SMTP server on loopback for the e-mail tests: Python's smtpd DebuggingServer, which
//! prints every message it receives. Included with `#[path]` by the server's process test and
//! the workstation's e-mail test.

#![allow(dead_code)] // each includer uses only part of it

use std::process::Command;
use std::time::Duration;

/// The running SMTP server.
pub struct SmtpSink {
    child: std::process::Child,
    /// Its port on 127.0.0.1.
    pub port: u16,
}

impl SmtpSink {
    /// Starts it on a free port and waits until it accepts connections.
    pub fn start() -> SmtpSink {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mut child = Command::new("python3")
            .args([
                "-u",
                "-W",
                "ignore",
                "-m",
                "smtpd",
                "-n",
                "-c",
                "DebuggingServer",
            ])
            .arg(format!("127.0.0.1:{port}"))
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("python3 is needed (Debian package python3): {e}"));
        for _ in 0..200 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return SmtpSink { child, port };
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = child.kill();
        let _ = child.wait();
        panic!(
            "the SMTP server did not start; python3 -m smtpd needs Python ≤ 3.11 (Debian bookworm's python3)"
        );
    }

    /// `host:port` for the server's `--smtp`.
    pub fn relay(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// Stops it and returns everything it printed.
    pub fn finish(mut self) -> String {
        let _ = self.child.kill();
        let out = self.child.wait_with_output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
}

/// What smtpd printed, with each message line taken out of its Python bytes literal (`b'...'`)
/// and the lines joined, so a base64 body wrapped over many lines reads as one string.
pub fn flat(printed: &str) -> String {
    printed
        .lines()
        .map(|l| {
            let l = l.trim();
            l.strip_prefix("b'")
                .and_then(|l| l.strip_suffix('\''))
                .unwrap_or(l)
        })
        .collect()
}

/// Standard base64 with padding, to find an attachment in a message.
pub fn base64(bytes: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for c in bytes.chunks(3) {
        let n = (u32::from(c[0]) << 16)
            | (u32::from(*c.get(1).unwrap_or(&0)) << 8)
            | u32::from(*c.get(2).unwrap_or(&0));
        for i in 0..4 {
            if i <= c.len() {
                out.push(T[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}
