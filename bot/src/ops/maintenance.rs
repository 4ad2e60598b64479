//! The operator's commands besides `run`: `coloop backup <file>` and its nightly form
//! `coloop backup --dir <dir> --keep <n>` (a dated file, the newest n kept), `coloop migrate
//! --status` and `coloop health` (the container's health check, without curl).

use std::fmt::Write as _;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::path::Path;
use std::time::Duration;

use anyhow::Context as _;
use chrono::{DateTime, NaiveDateTime, Utc};
use coloop_core::Store;
use coloop_core::store::{MIGRATOR, MigrationStatus};

use crate::config::ops::DEFAULT_HTTP_LISTEN;

/// Copies the live database to `target` (which must not exist) with `VACUUM INTO`, then checks
/// the copy with `PRAGMA integrity_check`. Safe while the bot runs. Returns a one-line report.
///
/// The copy holds everyone's data: it is created first, atomically (it must not exist — no
/// check-then-write race), readable and writable by its owner only (0600, whatever the umask),
/// then filled. A target starting with `file:` is refused: SQLite would read it as a URI.
pub async fn backup(database: &Path, target: &Path) -> anyhow::Result<String> {
    anyhow::ensure!(
        !target.to_string_lossy().starts_with("file:"),
        "refusing the backup target {}: a name starting with \"file:\" is a URI to SQLite (use ./file:… for a file)",
        target.display()
    );
    create_private(target)?;
    if let Err(error) = Store::backup(database, target).await {
        let _ = std::fs::remove_file(target);
        return Err(anyhow::Error::new(error)
            .context(format!("copying the database to {}", target.display())));
    }
    let check = Store::integrity_check(target)
        .await
        .with_context(|| format!("checking the copy {}", target.display()))?;
    anyhow::ensure!(
        check == ["ok"],
        "the copy {} failed its integrity check: {}",
        target.display(),
        check.join("; ")
    );
    let bytes = std::fs::metadata(target).map(|m| m.len()).unwrap_or(0);
    Ok(format!(
        "Backed up {} to {} ({bytes} bytes); integrity check: ok.",
        database.display(),
        target.display()
    ))
}

/// How a nightly backup's time is written in its name: names sort as times.
const DATED_FORMAT: &str = "%Y-%m-%dT%H%M%SZ";

/// The file name of a backup taken at `at`: `coloop-2026-12-06T033000Z.db`.
pub fn dated_name(at: DateTime<Utc>) -> String {
    format!("coloop-{}.db", at.format(DATED_FORMAT))
}

/// Whether `name` is a dated backup's (only those are ever removed by `--keep`).
fn is_dated_name(name: &str) -> bool {
    name.strip_prefix("coloop-")
        .and_then(|rest| rest.strip_suffix(".db"))
        .is_some_and(|stamp| NaiveDateTime::parse_from_str(stamp, DATED_FORMAT).is_ok())
}

/// `coloop backup --dir <dir> --keep <n>` (the nightly timer): a [`backup`] into a new dated
/// file in `dir` (created, owner-only, if missing), then the dated backups there beyond the
/// newest `keep` are removed — never the one just written, nor any other file.
pub async fn backup_into(
    database: &Path,
    dir: &Path,
    keep: usize,
    at: DateTime<Utc>,
) -> anyhow::Result<String> {
    anyhow::ensure!(keep >= 1, "--keep must be at least 1");
    create_private_dir(dir)?;
    let name = dated_name(at);
    let mut report = backup(database, &dir.join(&name)).await?;
    let mut dated: Vec<String> = std::fs::read_dir(dir)
        .with_context(|| format!("listing {}", dir.display()))?
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|n| is_dated_name(n) && *n != name)
        .collect();
    // Newest first: the one just written, then the others by the time in their names.
    dated.sort_unstable_by(|a, b| b.cmp(a));
    let old = dated.split_off(dated.len().min(keep - 1));
    for file in &old {
        std::fs::remove_file(dir.join(file))
            .with_context(|| format!("removing the old backup {}", dir.join(file).display()))?;
    }
    let _ = write!(
        report,
        " {} backup(s) kept in {}; {} older removed.",
        dated.len() + 1,
        dir.display(),
        old.len()
    );
    Ok(report)
}

/// Creates `dir` (and its parents) when missing, the last one readable by its owner only.
fn create_private_dir(dir: &Path) -> anyhow::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder
        .create(dir)
        .with_context(|| format!("creating the backup directory {}", dir.display()))
}

/// Creates `target` as a new empty file only its owner can read and write; fails if anything
/// is there already (a file, a link).
fn create_private(target: &Path) -> anyhow::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt as _, PermissionsExt as _};
        options.mode(0o600);
        let file = options.open(target).map_err(|e| refused(target, e))?;
        // The mode above is masked by the umask; this is not.
        file.set_permissions(std::fs::Permissions::from_mode(0o600))
            .with_context(|| format!("making {} private", target.display()))?;
    }
    #[cfg(not(unix))]
    options.open(target).map_err(|e| refused(target, e))?;
    Ok(())
}

fn refused(target: &Path, error: std::io::Error) -> anyhow::Error {
    if error.kind() == std::io::ErrorKind::AlreadyExists {
        anyhow::anyhow!(
            "refusing to overwrite {}: it exists (choose a new file name)",
            target.display()
        )
    } else {
        anyhow::Error::new(error).context(format!("creating {}", target.display()))
    }
}

/// `coloop migrate --status`: one line per migration, applied, pending, or unknown to this
/// binary (applied by a newer coloop). Does not create a missing database.
pub async fn migration_status(database: &Path) -> anyhow::Result<String> {
    let status = if database.exists() {
        let store = Store::open_existing(database).await?;
        let status = store.migration_status().await;
        store.close().await;
        status.context("reading the applied migrations")?
    } else {
        MIGRATOR
            .iter()
            .filter(|m| m.migration_type.is_up_migration())
            .map(|m| MigrationStatus {
                version: m.version,
                description: m.description.to_string(),
                applied_on: None,
                known: true,
            })
            .collect()
    };
    let mut out = format!("Database {}:\n", database.display());
    for m in &status {
        let state = match (&m.applied_on, m.known) {
            (Some(_), true) => "applied",
            (None, _) => "pending",
            (Some(_), false) => "UNKNOWN",
        };
        let _ = write!(out, "{:<16} {:<8} {}", m.version, state, m.description);
        if let Some(on) = &m.applied_on {
            let _ = write!(out, " (applied {on})");
        }
        if !m.known {
            out.push_str(" — applied by a newer coloop: this binary refuses to run on it");
        }
        out.push('\n');
    }
    let pending = status.iter().filter(|m| m.is_pending()).count();
    let _ = write!(out, "{} applied, {pending} pending", status.len() - pending);
    out.push_str(if pending > 0 {
        " (applied at the next `coloop run` or `coloop migrate`).\n"
    } else {
        ".\n"
    });
    Ok(out)
}

/// `coloop health`: `GET /healthz` on the local HTTP server; `Ok` on 200.
pub async fn health(listen: Option<&str>) -> anyhow::Result<()> {
    let raw = listen
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .unwrap_or(DEFAULT_HTTP_LISTEN);
    let mut addr: SocketAddr = raw.parse().map_err(|_| {
        anyhow::anyhow!("COLOOP_HTTP_LISTEN must be an address and port, not {raw:?}")
    })?;
    // A server listening on every interface answers on the loopback one.
    if addr.ip().is_unspecified() {
        addr.set_ip(match addr.ip() {
            IpAddr::V4(_) => IpAddr::V4(Ipv4Addr::LOCALHOST),
            IpAddr::V6(_) => IpAddr::V6(Ipv6Addr::LOCALHOST),
        });
    }
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(3))
        .build()
        .context("building the HTTP client")?;
    let response = client
        .get(format!("http://{addr}/healthz"))
        .send()
        .await
        .map_err(|e| anyhow::anyhow!("no answer from {addr}: {}", e.without_url()))?;
    anyhow::ensure!(
        response.status().is_success(),
        "{addr}/healthz answered {}",
        response.status()
    );
    Ok(())
}
