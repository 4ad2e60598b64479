//! The `coloop` binary: parses the command line and calls into the library.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use chrono::Utc;
use clap::{Parser, Subcommand};
use coloop_bot::config::ops::{LogFormat, OpsConfigError};
use coloop_bot::ops::{groups, maintenance};
use coloop_bot::{BaseConfig, Config, logging};
use coloop_core::Store;
use coloop_core::domain::TelegramId;

/// coloop — keeps a community's listening process alive while its working groups co-create.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Option<Cmd>,
}

#[derive(Subcommand)]
enum Cmd {
    /// Run the bot (long polling, or the webhook). This is the default.
    Run {
        /// Take updates through the webhook at COLOOP_WEBHOOK_URL (also implied by setting it).
        #[arg(long)]
        webhook: bool,
    },
    /// Apply database migrations and exit.
    Migrate {
        /// Only list the applied and pending migrations.
        #[arg(long)]
        status: bool,
    },
    /// Copy the database (safe while the bot runs) to a new file and check the copy; or, with
    /// --dir, to a new dated file in that directory, keeping the newest --keep of them.
    #[command(group(clap::ArgGroup::new("target").required(true).args(["file", "dir"])))]
    Backup {
        file: Option<PathBuf>,
        /// Write `coloop-<UTC date and time>.db` into this directory (the nightly timer).
        #[arg(long)]
        dir: Option<PathBuf>,
        /// With --dir: how many dated backups to keep there, the oldest beyond are removed
        /// [default: 14].
        #[arg(long, conflicts_with = "file", value_parser = clap::value_parser!(u32).range(1..=10000))]
        keep: Option<u32>,
    },
    /// Exit 0 when the running bot's HTTP server answers /healthz (for container health checks).
    Health,
    /// Check this deployment (token, webhook, database, answer key, time zone, HTTP address,
    /// coordinators) and print a report; exit non-zero when something is wrong.
    Doctor,
    /// Manage coordinators; send failed deliveries again.
    Admin {
        #[command(subcommand)]
        action: AdminCmd,
    },
    /// Manage working groups (for when no coordinator can).
    Group {
        #[command(subcommand)]
        action: GroupCmd,
    },
    /// Print the feedback digest of a working group (or of all groups).
    Digest {
        /// The group's short name; all groups when left out.
        #[arg(long)]
        group: Option<String>,
        /// The window: the last N days.
        #[arg(long, default_value_t = 7, value_parser = clap::value_parser!(u32).range(1..=3650))]
        days: u32,
        #[arg(long, value_enum, default_value_t = DigestFormat::Md)]
        format: DigestFormat,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum DigestFormat {
    /// Markdown, with bar charts in block characters.
    Md,
    /// The window's comments as CSV (anonymous ones without their author).
    Csv,
    /// Everything, as JSON.
    Json,
}

#[derive(Subcommand)]
enum AdminCmd {
    /// Make a Telegram user a coordinator (their numeric Telegram user id).
    Add { telegram_id: i64 },
    /// Stop a Telegram user being a coordinator (one added with `coloop admin add`).
    Remove { telegram_id: i64 },
    /// List the coordinators (from the database and from COLOOP_COORDINATORS).
    List,
    /// Send failed deliveries again (of one post, or all); nobody who got a message gets it
    /// twice. The running bot picks them up within seconds.
    RetryFailed {
        /// Only this post's failed deliveries (its number, as `/status` shows it).
        #[arg(long)]
        post: Option<i64>,
    },
}

#[derive(Subcommand)]
enum GroupCmd {
    /// List the working groups.
    List,
    /// Replace both invite links of a group (the old ones stop working).
    Rotate { slug: String },
    /// Archive a group: no new posts or members; its open surveys close; its members' thanks
    /// are queued (the bot sends them on its next run).
    Archive {
        slug: String,
        /// Last words for the members, sent with the thanks.
        #[arg(long)]
        last_words: Option<String>,
    },
}

fn main() -> ExitCode {
    // A missing .env file is normal.
    let _ = dotenvy::dotenv();
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(error) => {
            eprintln!("coloop: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(dispatch(cli.command.unwrap_or(Cmd::Run { webhook: false }))) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("coloop: {error:#}");
            ExitCode::FAILURE
        }
    }
}

async fn dispatch(command: Cmd) -> anyhow::Result<()> {
    match command {
        Cmd::Run { webhook } => {
            let config = Config::from_env()?;
            if webhook && config.ops.webhook.is_none() {
                return Err(OpsConfigError::WebhookWithoutUrl.into());
            }
            logging::init_with(Some(config.token.expose()), LogFormat::from_env()?);
            coloop_bot::run(config, shutdown_signal()).await
        }
        Cmd::Migrate { status: true } => {
            let base = BaseConfig::from_env()?;
            print!("{}", maintenance::migration_status(&base.database).await?);
            Ok(())
        }
        Cmd::Backup { file, dir, keep } => {
            let base = BaseConfig::from_env()?;
            logging::init_with(None, LogFormat::from_env()?);
            let report = match (file, dir) {
                (Some(file), _) => maintenance::backup(&base.database, &file).await?,
                (None, Some(dir)) => {
                    let keep = keep.unwrap_or(14) as usize;
                    maintenance::backup_into(&base.database, &dir, keep, Utc::now()).await?
                }
                (None, None) => anyhow::bail!("give a file, or --dir"),
            };
            println!("{report}");
            Ok(())
        }
        Cmd::Doctor => {
            let report = coloop_bot::doctor::check(|name| std::env::var(name).ok()).await;
            print!("{report}");
            if report.has_errors() {
                anyhow::bail!("the deployment has problems: see the errors above");
            }
            Ok(())
        }
        Cmd::Health => {
            maintenance::health(std::env::var("COLOOP_HTTP_LISTEN").ok().as_deref()).await
        }
        Cmd::Migrate { status: false } => {
            let base = BaseConfig::from_env()?;
            logging::init_with(None, LogFormat::from_env()?);
            let store = base.open_store().await?;
            store.close().await;
            println!("Database {} is up to date.", base.database.display());
            Ok(())
        }
        Cmd::Digest {
            group,
            days,
            format,
        } => {
            let base = BaseConfig::from_env()?;
            logging::init_with(None, LogFormat::from_env()?);
            let group = group
                .map(|g| coloop_core::domain::GroupSlug::parse(&g))
                .transpose()
                .map_err(|e| anyhow::anyhow!("--group: {e}"))?;
            let store = base.open_store().await?;
            let result = digest(&store, group.as_ref(), days, format).await;
            store.close().await;
            result
        }
        Cmd::Group { action } => {
            let base = BaseConfig::from_env()?;
            logging::init_with(None, LogFormat::from_env()?);
            let store = Store::open_and_migrate(&base.database).await?;
            let result = match action {
                GroupCmd::List => groups::list(&store).await,
                GroupCmd::Rotate { slug } => groups::rotate(&store, &slug).await,
                GroupCmd::Archive { slug, last_words } => {
                    groups::archive(&store, &slug, last_words.as_deref()).await
                }
            };
            store.close().await;
            print!("{}", result?);
            Ok(())
        }
        Cmd::Admin { action } => {
            let base = BaseConfig::from_env()?;
            logging::init_with(None, LogFormat::from_env()?);
            let store = base.open_store().await?;
            let result = admin(&store, &base, action).await;
            store.close().await;
            result
        }
    }
}

async fn digest(
    store: &Store,
    group: Option<&coloop_core::domain::GroupSlug>,
    days: u32,
    format: DigestFormat,
) -> anyhow::Result<()> {
    use coloop_core::digest::{Digest, comments_csv};
    if let Some(slug) = group {
        anyhow::ensure!(
            store.group_by_slug(slug).await?.is_some(),
            "there is no working group called {slug}"
        );
    }
    let now = Utc::now();
    let digest = Digest::build(store, group, days, now)
        .await
        .context("building the digest")?;
    match format {
        DigestFormat::Md => print!("{}", digest.to_markdown()),
        DigestFormat::Json => println!("{}", digest.to_json()),
        DigestFormat::Csv => {
            let group_id = match group {
                Some(slug) => store.group_by_slug(slug).await?.map(|g| g.id),
                None => None,
            };
            let comments = store
                .digest_comments(group_id, digest.from, None)
                .await
                .context("reading the comments")?;
            print!("{}", comments_csv(&comments)?);
        }
    }
    Ok(())
}

async fn admin(store: &Store, base: &BaseConfig, action: AdminCmd) -> anyhow::Result<()> {
    match action {
        AdminCmd::Add { telegram_id } => {
            anyhow::ensure!(
                telegram_id > 0,
                "a Telegram user id is a positive number, not {telegram_id}"
            );
            let added = store
                .add_coordinator(TelegramId::new(telegram_id), Utc::now())
                .await
                .context("adding the coordinator")?;
            if added {
                println!("{telegram_id} is now a coordinator.");
            } else {
                println!("{telegram_id} already was a coordinator.");
            }
        }
        AdminCmd::Remove { telegram_id } => {
            let removed = store
                .remove_coordinator(TelegramId::new(telegram_id))
                .await
                .context("removing the coordinator")?;
            if removed {
                println!("{telegram_id} is no longer a coordinator.");
            } else if base.coordinators.contains(&TelegramId::new(telegram_id)) {
                println!(
                    "{telegram_id} is a coordinator through COLOOP_COORDINATORS: remove it there."
                );
            } else {
                println!("{telegram_id} was not a coordinator.");
            }
        }
        AdminCmd::List => {
            let stored = store
                .list_coordinators()
                .await
                .context("listing coordinators")?;
            if stored.is_empty() && base.coordinators.is_empty() {
                println!("No coordinators yet. Add one with `coloop admin add <telegram-id>`.");
            }
            for id in stored {
                println!("{id}\t(database)");
            }
            for id in &base.coordinators {
                println!("{id}\t(COLOOP_COORDINATORS)");
            }
        }
        AdminCmd::RetryFailed { post } => {
            let post = post.map(coloop_core::domain::PostId::new);
            let queued = store
                .retry_failed(post, Utc::now())
                .await
                .context("queueing the failed deliveries again")?;
            match post {
                Some(post) => println!("{queued} failed deliveries of post #{post} queued again."),
                None => println!("{queued} failed deliveries queued again."),
            }
        }
    }
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::error!(%error, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::error!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
