//! Logging with `tracing`: human-readable lines (or JSON lines, `COLOOP_LOG_FORMAT=json`) on
//! stderr, filtered by `RUST_LOG` (default `info`). Every line passes through [`Redacting`], which replaces the bot token, so that not
//! even a dependency logging a request URL at `trace` level can leak it.

use std::io::{self, IsTerminal as _, Write};

use tracing_subscriber::EnvFilter;
use tracing_subscriber::fmt::MakeWriter;

use crate::config::ops::LogFormat;

/// A writer that replaces every occurrence of the secrets before writing.
pub struct Redacting<W> {
    inner: W,
    secrets: Vec<String>,
}

impl<W: Write> Write for Redacting<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let text = String::from_utf8_lossy(buf);
        if self.secrets.iter().any(|s| text.contains(s.as_str())) {
            let mut clean = text.into_owned();
            for secret in &self.secrets {
                clean = clean.replace(secret.as_str(), "[redacted]");
            }
            self.inner.write_all(clean.as_bytes())?;
        } else {
            self.inner.write_all(buf)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Makes a [`Redacting`] stderr writer for each log line.
#[derive(Clone)]
pub struct RedactingStderr {
    secrets: Vec<String>,
}

impl<'a> MakeWriter<'a> for RedactingStderr {
    type Writer = Redacting<io::StderrLock<'static>>;

    fn make_writer(&'a self) -> Self::Writer {
        Redacting {
            inner: io::stderr().lock(),
            secrets: self.secrets.clone(),
        }
    }
}

/// Installs the global subscriber (human-readable lines). `token` is the bot token when there
/// is one: it and its secret part are redacted from every line.
pub fn init(token: Option<&str>) {
    init_with(token, LogFormat::Text);
}

/// [`init`] in the given format.
pub fn init_with(token: Option<&str>, format: LogFormat) {
    let mut secrets = Vec::new();
    if let Some(token) = token {
        secrets.push(token.to_owned());
        if let Some((_, secret)) = token.split_once(':') {
            secrets.push(secret.to_owned());
        }
    }
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    // Colours only on a terminal: not in the journal, a container log or a file.
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(io::stderr().is_terminal())
        .with_writer(RedactingStderr { secrets });
    let _ = match format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_replaced() {
        let mut out = Vec::new();
        {
            let mut w = Redacting {
                inner: &mut out,
                secrets: vec!["123:SECRET".into(), "SECRET".into()],
            };
            w.write_all(b"GET http://x/bot123:SECRET/getMe and SECRET again\n")
                .unwrap();
            w.write_all(b"nothing here\n").unwrap();
        }
        let out = String::from_utf8(out).unwrap();
        assert!(!out.contains("SECRET"), "{out}");
        assert!(out.contains("bot[redacted]/getMe"));
        assert!(out.contains("nothing here"));
    }
}
