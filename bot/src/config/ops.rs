//! The operations settings of `coloop run`: webhook mode, the local HTTP server (webhook,
//! health, metrics), readiness, log format. Parsed once, like the rest of [`crate::config`].

use std::fmt;
use std::net::SocketAddr;
use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};

/// Where the HTTP server listens in webhook mode unless `COLOOP_HTTP_LISTEN` says otherwise.
pub const DEFAULT_HTTP_LISTEN: &str = "127.0.0.1:8080";
/// Paths the HTTP server keeps for itself.
pub const RESERVED_PATHS: [&str; 3] = ["/healthz", "/readyz", "/metrics"];

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum OpsConfigError {
    #[error(
        "COLOOP_WEBHOOK_URL must be the https:// address Telegram posts to (your reverse proxy), \
         not {0:?}"
    )]
    BadWebhookUrl(String),
    #[error("COLOOP_WEBHOOK_URL's path must not be one of {RESERVED_PATHS:?}")]
    ReservedWebhookPath,
    #[error(
        "`coloop run --webhook` needs COLOOP_WEBHOOK_URL: the public https:// address of your \
         reverse proxy that forwards to COLOOP_HTTP_LISTEN"
    )]
    WebhookWithoutUrl,
    #[error("COLOOP_WEBHOOK_SECRET must be 1–256 characters of A–Z, a–z, 0–9, _ and -")]
    BadWebhookSecret,
    #[error(
        "COLOOP_WEBHOOK_SECRET is too short: use at least 32 characters (of A–Z, a–z, 0–9, _ \
         and -), or leave it unset and coloop derives one from the bot token"
    )]
    ShortWebhookSecret,
    #[error("COLOOP_HTTP_LISTEN must be an address and port such as 127.0.0.1:8080, not {0:?}")]
    BadListen(String),
    #[error(
        "COLOOP_PUBLIC_URL must be the http:// or https:// address people open the dashboard \
         at (your reverse proxy's origin, e.g. https://coloop.example.org), not {0:?}"
    )]
    BadPublicUrl(String),
    #[error("COLOOP_LOG_FORMAT must be `text` or `json`, not {0:?}")]
    BadLogFormat(String),
    #[error("COLOOP_READY_WINDOW_SECS must be a whole number between 10 and 86400, not {0:?}")]
    BadReadyWindow(String),
    #[error("COLOOP_SHUTDOWN_GRACE_SECS must be a whole number between 1 and 300, not {0:?}")]
    BadShutdownGrace(String),
}

/// The least length of a secret given in `COLOOP_WEBHOOK_SECRET`.
pub const MIN_GIVEN_SECRET: usize = 32;

/// The secret Telegram sends back in `X-Telegram-Bot-Api-Secret-Token` with every webhook
/// request: 1–256 characters of `A-Za-z0-9_-`.
#[derive(Clone)]
pub struct WebhookSecret(SecretString);

impl WebhookSecret {
    pub fn parse(raw: &str) -> Result<Self, OpsConfigError> {
        let valid = (1..=256).contains(&raw.len())
            && raw
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
        if valid {
            Ok(Self(SecretString::from(raw.to_owned())))
        } else {
            Err(OpsConfigError::BadWebhookSecret)
        }
    }

    /// The secret of a bot whose token is `token`: a keyed hash of it, 64 hex digits — the
    /// same at every start, and kept nowhere (not in the database, so not in its backups).
    pub fn derive(token: &str) -> Self {
        Self(SecretString::from(coloop_core::keyed::derive_hex(
            token.as_bytes(),
            "coloop webhook secret token",
        )))
    }

    /// A new random secret (64 alphanumeric characters).
    pub fn generate() -> Self {
        use rand::Rng as _;
        let secret: String = rand::rng()
            .sample_iter(rand::distr::Alphanumeric)
            .take(64)
            .map(char::from)
            .collect();
        Self(SecretString::from(secret))
    }

    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }
}

impl fmt::Debug for WebhookSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("WebhookSecret([redacted])")
    }
}

/// Webhook mode: Telegram posts updates to `url` (a reverse proxy in front of the local HTTP
/// server); the server answers on the URL's path.
#[derive(Debug, Clone)]
pub struct WebhookConfig {
    pub url: reqwest::Url,
    /// `None`: generated once and kept in the database.
    pub secret: Option<WebhookSecret>,
}

impl WebhookConfig {
    /// The path the local server answers webhook requests on.
    pub fn path(&self) -> &str {
        self.url.path()
    }
}

/// Human-readable lines (the default) or JSON lines.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum LogFormat {
    #[default]
    Text,
    Json,
}

impl LogFormat {
    /// `COLOOP_LOG_FORMAT`: `text` (default) or `json`.
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self, OpsConfigError> {
        match get("COLOOP_LOG_FORMAT")
            .map(|v| v.trim().to_ascii_lowercase())
            .as_deref()
        {
            None | Some("" | "text") => Ok(Self::Text),
            Some("json") => Ok(Self::Json),
            Some(other) => Err(OpsConfigError::BadLogFormat(other.to_owned())),
        }
    }

    pub fn from_env() -> Result<Self, OpsConfigError> {
        Self::from_lookup(|key| std::env::var(key).ok())
    }
}

/// Operations settings; the default is polling with no HTTP server.
#[derive(Debug, Clone)]
pub struct OpsConfig {
    /// Where the HTTP server listens (webhook, `/healthz`, `/readyz`, `/metrics`); `None`: no
    /// server (polling mode without `COLOOP_HTTP_LISTEN`). Port 0 picks a free port.
    pub http_listen: Option<SocketAddr>,
    /// `Some`: webhook mode.
    pub webhook: Option<WebhookConfig>,
    /// `/readyz` fails when no update was fetched (or no webhook request came, or the webhook
    /// check did not succeed) for this long.
    pub ready_window: Duration,
    /// How long handlers in flight may take to finish once shutdown began.
    pub shutdown_grace: Duration,
    /// `COLOOP_PUBLIC_URL`: where people open the dashboard (issue #21), when it is not the
    /// webhook URL's origin.
    pub public_url: Option<reqwest::Url>,
}

impl Default for OpsConfig {
    fn default() -> Self {
        Self {
            http_listen: None,
            webhook: None,
            ready_window: Duration::from_secs(120),
            shutdown_grace: Duration::from_secs(10),
            public_url: None,
        }
    }
}

/// A number of seconds from the environment within `range`, or `default`.
fn seconds(
    get: &impl Fn(&str) -> Option<String>,
    key: &str,
    range: std::ops::RangeInclusive<u64>,
    default: Duration,
    error: fn(String) -> OpsConfigError,
) -> Result<Duration, OpsConfigError> {
    match non_empty(get, key) {
        None => Ok(default),
        Some(raw) => raw
            .parse::<u64>()
            .ok()
            .filter(|n| range.contains(n))
            .map(Duration::from_secs)
            .ok_or_else(|| error(raw)),
    }
}

fn non_empty(get: &impl Fn(&str) -> Option<String>, key: &str) -> Option<String> {
    get(key)
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
}

impl OpsConfig {
    /// `COLOOP_WEBHOOK_URL`, `COLOOP_WEBHOOK_SECRET`, `COLOOP_HTTP_LISTEN`,
    /// `COLOOP_READY_WINDOW_SECS`, `COLOOP_SHUTDOWN_GRACE_SECS`. `webhook_flag` is
    /// `coloop run --webhook`.
    pub fn from_lookup(
        get: &impl Fn(&str) -> Option<String>,
        webhook_flag: bool,
    ) -> Result<Self, OpsConfigError> {
        let webhook = match non_empty(get, "COLOOP_WEBHOOK_URL") {
            None if webhook_flag => return Err(OpsConfigError::WebhookWithoutUrl),
            None => None,
            Some(raw) => {
                let url = reqwest::Url::parse(&raw)
                    .ok()
                    .filter(|u| u.scheme() == "https" && u.host().is_some())
                    .ok_or_else(|| OpsConfigError::BadWebhookUrl(raw.clone()))?;
                if RESERVED_PATHS.contains(&url.path()) {
                    return Err(OpsConfigError::ReservedWebhookPath);
                }
                let secret = non_empty(get, "COLOOP_WEBHOOK_SECRET")
                    .map(|s| WebhookSecret::parse(&s))
                    .transpose()?;
                if secret
                    .as_ref()
                    .is_some_and(|s| s.expose().len() < MIN_GIVEN_SECRET)
                {
                    return Err(OpsConfigError::ShortWebhookSecret);
                }
                Some(WebhookConfig { url, secret })
            }
        };
        let http_listen = match non_empty(get, "COLOOP_HTTP_LISTEN") {
            Some(raw) => Some(
                raw.parse::<SocketAddr>()
                    .map_err(|_| OpsConfigError::BadListen(raw))?,
            ),
            None if webhook.is_some() => DEFAULT_HTTP_LISTEN.parse().ok(),
            None => None,
        };
        let public_url = match non_empty(get, "COLOOP_PUBLIC_URL") {
            None => None,
            Some(raw) => Some(
                reqwest::Url::parse(&raw)
                    .ok()
                    .filter(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some())
                    .ok_or(OpsConfigError::BadPublicUrl(raw))?,
            ),
        };
        let defaults = OpsConfig::default();
        Ok(Self {
            public_url,
            http_listen,
            webhook,
            ready_window: seconds(
                get,
                "COLOOP_READY_WINDOW_SECS",
                10..=86_400,
                defaults.ready_window,
                OpsConfigError::BadReadyWindow,
            )?,
            shutdown_grace: seconds(
                get,
                "COLOOP_SHUTDOWN_GRACE_SECS",
                1..=300,
                defaults.shutdown_grace,
                OpsConfigError::BadShutdownGrace,
            )?,
        })
    }
}

impl OpsConfig {
    /// The address the dashboard's links start with (without its `/web/...` path), when the
    /// HTTP server listens: `COLOOP_PUBLIC_URL`, else the webhook URL's origin, else the
    /// address it listens on (`listening`; a wildcard address reads as this machine's).
    pub fn dashboard_url(&self, listening: Option<SocketAddr>) -> Option<reqwest::Url> {
        let listening = listening?;
        if let Some(url) = &self.public_url {
            return Some(url.clone());
        }
        if let Some(webhook) = &self.webhook {
            let origin = webhook.url.origin().ascii_serialization();
            return reqwest::Url::parse(&origin).ok();
        }
        let shown = match listening.ip().is_unspecified() {
            true => SocketAddr::from(([127, 0, 0, 1], listening.port())),
            false => listening,
        };
        reqwest::Url::parse(&format!("http://{shown}")).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn ops(vars: &[(&str, &str)], flag: bool) -> Result<OpsConfig, OpsConfigError> {
        let vars: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        OpsConfig::from_lookup(&|k: &str| vars.get(k).cloned(), flag)
    }

    #[test]
    fn polling_without_a_server_by_default() {
        let c = ops(&[], false).unwrap();
        assert!(c.webhook.is_none() && c.http_listen.is_none());
        assert_eq!(c.ready_window, Duration::from_secs(120));
        let c = ops(&[("COLOOP_HTTP_LISTEN", "0.0.0.0:9000")], false).unwrap();
        assert_eq!(c.http_listen, Some("0.0.0.0:9000".parse().unwrap()));
        assert!(matches!(
            ops(&[("COLOOP_HTTP_LISTEN", "localhost")], false),
            Err(OpsConfigError::BadListen(_))
        ));
    }

    #[test]
    fn webhook_mode_needs_an_https_url_and_listens_locally() {
        assert_eq!(
            ops(&[], true).unwrap_err(),
            OpsConfigError::WebhookWithoutUrl
        );
        let c = ops(
            &[(
                "COLOOP_WEBHOOK_URL",
                "https://bot.example.org/telegram/hook",
            )],
            false,
        )
        .unwrap();
        let webhook = c.webhook.unwrap();
        assert_eq!(webhook.path(), "/telegram/hook");
        assert!(webhook.secret.is_none());
        assert_eq!(c.http_listen, Some("127.0.0.1:8080".parse().unwrap()));
        for bad in [
            "http://bot.example.org/hook",
            "not a url",
            "ftp://x.org/hook",
        ] {
            assert!(
                matches!(
                    ops(&[("COLOOP_WEBHOOK_URL", bad)], true),
                    Err(OpsConfigError::BadWebhookUrl(_))
                ),
                "{bad}"
            );
        }
        assert_eq!(
            ops(&[("COLOOP_WEBHOOK_URL", "https://x.org/healthz")], true).unwrap_err(),
            OpsConfigError::ReservedWebhookPath
        );
    }

    #[test]
    fn webhook_secrets_are_checked_and_never_printed() {
        let url = ("COLOOP_WEBHOOK_URL", "https://x.org/hook");
        let given = "abc_DEF-123-abcdefghijklmnopqrstu";
        let c = ops(&[url, ("COLOOP_WEBHOOK_SECRET", given)], true).unwrap();
        let secret = c.webhook.as_ref().unwrap().secret.as_ref().unwrap();
        assert_eq!(secret.expose(), given);
        assert!(!format!("{c:?}").contains("abc_DEF"));
        // Issue #20: a given secret has at least 32 characters.
        assert_eq!(
            ops(&[url, ("COLOOP_WEBHOOK_SECRET", "abc_DEF-123")], true).unwrap_err(),
            OpsConfigError::ShortWebhookSecret
        );
        assert!(ops(&[url, ("COLOOP_WEBHOOK_SECRET", &given[..32])], true).is_ok());
        let long = "a".repeat(257);
        for bad in ["with space", "ünï", long.as_str()] {
            assert_eq!(
                ops(&[url, ("COLOOP_WEBHOOK_SECRET", bad)], true).unwrap_err(),
                OpsConfigError::BadWebhookSecret
            );
        }
        assert!(WebhookSecret::parse(&"a".repeat(256)).is_ok());
        let generated = WebhookSecret::generate();
        assert!(WebhookSecret::parse(generated.expose()).is_ok());
        assert_ne!(generated.expose(), WebhookSecret::generate().expose());
    }

    #[test]
    fn the_dashboard_is_at_the_public_url_else_the_webhook_origin_else_the_local_address() {
        let listening = Some("0.0.0.0:8080".parse().unwrap());
        let url = |c: &OpsConfig| c.dashboard_url(listening).map(|u| u.to_string());
        let c = ops(&[("COLOOP_HTTP_LISTEN", "0.0.0.0:8080")], false).unwrap();
        assert_eq!(url(&c).as_deref(), Some("http://127.0.0.1:8080/"));
        assert_eq!(c.dashboard_url(None), None, "no HTTP server, no dashboard");
        let hook = (
            "COLOOP_WEBHOOK_URL",
            "https://bot.example.org:8443/telegram/hook",
        );
        let c = ops(&[hook], false).unwrap();
        assert_eq!(url(&c).as_deref(), Some("https://bot.example.org:8443/"));
        let public = ("COLOOP_PUBLIC_URL", "https://coloop.example.org/");
        let c = ops(&[hook, public], false).unwrap();
        assert_eq!(url(&c).as_deref(), Some("https://coloop.example.org/"));
        for bad in ["coloop.example.org", "ftp://x.org/", "https://"] {
            assert_eq!(
                ops(&[("COLOOP_PUBLIC_URL", bad)], false).unwrap_err(),
                OpsConfigError::BadPublicUrl(bad.into())
            );
        }
    }

    #[test]
    fn log_format_and_ready_window() {
        let get = |v: &'static str| move |_: &str| Some(v.to_owned());
        assert_eq!(LogFormat::from_lookup(|_| None), Ok(LogFormat::Text));
        assert_eq!(LogFormat::from_lookup(get("JSON")), Ok(LogFormat::Json));
        assert!(LogFormat::from_lookup(get("xml")).is_err());
        assert_eq!(
            ops(&[("COLOOP_READY_WINDOW_SECS", "300")], false)
                .unwrap()
                .ready_window,
            Duration::from_secs(300)
        );
        assert!(ops(&[("COLOOP_READY_WINDOW_SECS", "5")], false).is_err());
        assert_eq!(
            ops(&[], false).unwrap().shutdown_grace,
            Duration::from_secs(10)
        );
        assert_eq!(
            ops(&[("COLOOP_SHUTDOWN_GRACE_SECS", "25")], false)
                .unwrap()
                .shutdown_grace,
            Duration::from_secs(25)
        );
        assert_eq!(
            ops(&[("COLOOP_SHUTDOWN_GRACE_SECS", "0")], false).unwrap_err(),
            OpsConfigError::BadShutdownGrace("0".into())
        );
    }
}
