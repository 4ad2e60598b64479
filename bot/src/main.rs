//! The `coloop` binary: parses the command line and calls into the library.

use std::process::ExitCode;

use anyhow::Context as _;
use chrono::Utc;
use clap::{Parser, Subcommand};
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
    /// Run the bot (long polling). This is the default.
    Run,
    /// Apply database migrations and exit.
    Migrate,
    /// Manage coordinators.
    Admin {
        #[command(subcommand)]
        action: AdminCmd,
    },
}

#[derive(Subcommand)]
enum AdminCmd {
    /// Make a Telegram user a coordinator (their numeric Telegram user id).
    Add { telegram_id: i64 },
    /// List the coordinators (from the database and from COLOOP_COORDINATORS).
    List,
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
    match runtime.block_on(dispatch(cli.command.unwrap_or(Cmd::Run))) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("coloop: {error:#}");
            ExitCode::FAILURE
        }
    }
}

async fn dispatch(command: Cmd) -> anyhow::Result<()> {
    match command {
        Cmd::Run => {
            let config = Config::from_env()?;
            logging::init(Some(config.token.expose()));
            coloop_bot::run(config, shutdown_signal()).await
        }
        Cmd::Migrate => {
            let base = BaseConfig::from_env()?;
            logging::init(None);
            let store = Store::open_and_migrate(&base.database).await?;
            store.close().await;
            println!("Database {} is up to date.", base.database.display());
            Ok(())
        }
        Cmd::Admin { action } => {
            let base = BaseConfig::from_env()?;
            logging::init(None);
            let store = Store::open_and_migrate(&base.database).await?;
            let result = admin(&store, &base, action).await;
            store.close().await;
            result
        }
    }
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
