//! `coloop sandbox` as a process of its own, for the tests that open its page (over HTTP, or
//! in a real browser).

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::Receiver;
use std::time::Duration;

use crate::process::coloop_binary;

/// A running `coloop sandbox --listen 127.0.0.1:0`, stopped with SIGTERM when dropped (so it
/// removes its temporary database).
pub struct SandboxProcess {
    child: Child,
    /// The page's address, as the sandbox printed it: `http://127.0.0.1:<port>`.
    pub url: String,
    /// The lines it prints after the address.
    lines: Receiver<String>,
}

impl SandboxProcess {
    /// Starts the sandbox with `extra` arguments and waits (at most 30 s) until it prints the
    /// address to open. Panics when it does not.
    pub fn start(extra: &[&str]) -> SandboxProcess {
        SandboxProcess::start_binary(coloop_binary(), extra)
    }

    /// [`start`](Self::start) with this `coloop` binary (the release one, to measure it).
    pub fn start_binary(binary: &Path, extra: &[&str]) -> SandboxProcess {
        let mut child = Command::new(binary)
            .args(["sandbox", "--listen", "127.0.0.1:0"])
            .args(extra)
            .env("RUST_LOG", "warn")
            .env_remove("COLOOP_DATABASE")
            .env_remove("COLOOP_HTTP_LISTEN")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("starting coloop sandbox");
        let stdout = child.stdout.take().expect("its standard output");
        let (printed, lines) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if printed.send(line).is_err() {
                    break;
                }
            }
        });
        let mut sandbox = SandboxProcess {
            child,
            url: String::new(),
            lines,
        };
        let line = sandbox.wait_for_line("open ", Duration::from_secs(30));
        sandbox.url = line["open ".len()..].trim().to_owned();
        sandbox
    }

    /// The next line it prints that starts with `start`, waiting at most `patience`. Panics
    /// when none comes.
    pub fn wait_for_line(&self, start: &str, patience: Duration) -> String {
        let deadline = std::time::Instant::now() + patience;
        loop {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) if line.starts_with(start) => return line,
                Ok(_) => {}
                Err(_) => panic!(
                    "coloop sandbox printed no line starting with {start:?} within {patience:?}"
                ),
            }
        }
    }

    /// The process id (to measure its memory).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Stops it with SIGTERM and waits; `true` when it exited cleanly.
    pub fn stop(mut self) -> bool {
        self.terminate()
    }

    fn terminate(&mut self) -> bool {
        if let Ok(Some(status)) = self.child.try_wait() {
            return status.success();
        }
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        for _ in 0..200 {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.success();
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        false
    }
}

impl Drop for SandboxProcess {
    fn drop(&mut self) {
        self.terminate();
    }
}
