//! Start-up and shutdown: [`run`] opens the database, checks the token, registers the menu,
//! starts the tasks and the dispatcher, and stops everything on one shutdown signal.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use coloop_core::delivery::{OtherSends, Worker};
use coloop_core::wake::Wake;
use teloxide::RequestError;
use teloxide::prelude::*;
use teloxide::types::BotCommand;

use crate::config::Config;
use crate::ops::{Ops, Started};
use crate::router;
use crate::tasks::sender::TelegramTransport;
use crate::telegram::{App, SurveyRuntime, telegram_client};
use crate::texts::Catalogues;

/// `coloop run`: opens and migrates the database, checks the token with getMe, registers the
/// commands, then runs the delivery worker and handles updates (long polling, or the webhook)
/// until `shutdown` resolves. Everything stops on that one signal: no new updates are taken,
/// handlers in flight get `COLOOP_SHUTDOWN_GRACE_SECS` (10 s) to finish, the worker records
/// the send in hand, then the database is closed.
pub async fn run(
    config: Config,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    run_reporting(config, shutdown, |_| {}).await
}

/// [`run`], telling `started` where the HTTP server listens once updates are being taken.
pub async fn run_reporting(
    config: Config,
    shutdown: impl Future<Output = ()> + Send + 'static,
    started: impl FnOnce(Started) + Send,
) -> anyhow::Result<()> {
    run_serving(config, shutdown, axum::Router::new(), started).await
}

/// [`run_reporting`], with `pages` served beside `/healthz` on the HTTP server (the
/// sandbox's chat client). The server must be configured (`config.ops.http_listen`) for them
/// to be reachable.
pub async fn run_serving(
    config: Config,
    shutdown: impl Future<Output = ()> + Send + 'static,
    pages: axum::Router,
    started: impl FnOnce(Started) + Send,
) -> anyhow::Result<()> {
    let i18n = Arc::new(Catalogues::embedded().context("loading the message catalogues")?);
    let store = config
        .base
        .open_store()
        .await
        .context("preparing the database")?;
    let bot = telegram_client(&config);
    let me = bot.get_me().await.map_err(|e| match e {
        RequestError::Api(teloxide::ApiError::InvalidToken) => anyhow::anyhow!(
            "Telegram refused the bot token (401 Unauthorized). Check COLOOP_BOT_TOKEN against @BotFather."
        ),
        other => anyhow::Error::new(other).context("asking Telegram who this bot is (getMe)"),
    })?;
    let bot_username = me.username.clone().unwrap_or_default();
    tracing::info!(bot = %bot_username, "connected to the Telegram Bot API");

    // The menu in English for everyone, and in each other language for the people whose
    // Telegram app is set to it.
    for texts in i18n.all() {
        let commands: Vec<BotCommand> = texts
            .menu()
            .into_iter()
            .map(|(name, description)| BotCommand::new(name.as_str(), description))
            .collect();
        let mut request = bot.set_my_commands(commands);
        if texts.code() != crate::texts::DEFAULT_LANGUAGE {
            request = request.language_code(texts.code());
        }
        if let Err(error) = request.await {
            // The menu is a convenience; the bot works without it.
            tracing::warn!(error = %error, language = texts.code(), "could not register the command menu (setMyCommands)");
        }
    }

    let answer_key = crate::tasks::survey_keeper::open_key(
        &store,
        &config.surveys.key_path(&config.base.database),
        config.surveys.allow_open_key,
    )
    .await?;
    let outbox = Wake::default();
    let other_sends = OtherSends::default();
    let keeper_signal = Wake::default();
    let app = Arc::new(App {
        limits: crate::telegram::limit::UpdateLimits::new(config.comments.update_burst),
        store: store.clone(),
        coordinators: config.base.coordinators.clone(),
        bot_username,
        outbox: outbox.clone(),
        other_sends: other_sends.clone(),
        comments: config.comments.clone(),
        i18n: i18n.clone(),
        surveys: SurveyRuntime {
            key: answer_key,
            zone: config.surveys.zone,
            keeper: keeper_signal.clone(),
        },
        dashboard: std::sync::OnceLock::new(),
    });
    // The dashboard (issue #21) is served beside the given pages.
    let pages = pages.merge(crate::dashboard::router(app.clone(), bot.clone()));

    let (stop, stopped) = tokio::sync::watch::channel(false);
    let stop_signal = |mut rx: tokio::sync::watch::Receiver<bool>| async move {
        // An error means the sender is gone: stop too.
        let _ = rx.wait_for(|stop| *stop).await;
    };
    let worker = Worker::new(
        store.clone(),
        TelegramTransport::new(bot.client().clone(), &config),
        config.delivery.clone(),
        outbox.clone(),
    )
    .with_other_sends(other_sends);
    let worker = match config.surveys.quiet {
        Some(quiet) => worker.with_quiet_hours(quiet),
        None => worker,
    };
    let heartbeat = worker.heartbeat();
    let outage = worker.outage();
    let worker = tokio::spawn(worker.run_until_stopped(stop_signal(stopped.clone())));
    // The HTTP server (webhook, health, metrics) stops last, after the updates in hand: while
    // they finish, webhook requests get 503 and /readyz still answers.
    let (stop_server, server_stopped) = tokio::sync::watch::channel(false);

    let (ops, listener) = match Ops::start(
        &config,
        &bot,
        &store,
        heartbeat,
        outage,
        pages,
        stop_signal(server_stopped),
    )
    .await
    {
        Ok(started) => started,
        Err(error) => {
            let _ = stop.send(true);
            let _ = worker.await;
            store.close().await;
            return Err(error);
        }
    };
    if let Some(url) = config.ops.dashboard_url(ops.started().http) {
        let _ = app.dashboard.set(url);
    }
    // Started only once the bot is surely running.
    let retention = config.retention_days.map(|days| {
        tokio::spawn(crate::tasks::retention::run_until_stopped(
            store.clone(),
            days,
            stopped.clone(),
        ))
    });
    let scheduler = config.digests.schedule.map(|schedule| {
        let scheduler = crate::tasks::digests::Scheduler {
            bot: bot.clone(),
            store: store.clone(),
            coordinators: config.base.coordinators.iter().map(|id| id.get()).collect(),
            i18n: i18n.clone(),
            schedule,
        };
        tokio::spawn(scheduler.run_until_stopped(config.digests.tick, stopped.clone()))
    });
    let keeper = tokio::spawn(
        crate::tasks::survey_keeper::Keeper {
            bot: bot.clone(),
            store: store.clone(),
            settings: config.surveys.clone(),
            outbox,
            wake: keeper_signal,
        }
        .run_until_stopped(stopped.clone()),
    );
    let notifier = tokio::spawn(crate::tasks::notices::run_until_stopped(
        bot.clone(),
        store.clone(),
        config.comments.clone(),
        i18n.clone(),
        stopped.clone(),
    ));
    let held_watch = tokio::spawn(crate::tasks::held::run_until_stopped(
        bot.clone(),
        store.clone(),
        config.held.clone(),
        i18n,
        stopped.clone(),
    ));

    started(ops.started());
    let mut dispatcher = Dispatcher::builder(bot, router::schema())
        .distribution_function(router::lane)
        .dependencies(dptree::deps![app])
        .default_handler(|update| async move {
            tracing::debug!(
                update_id = update.id.0,
                "ignored an update of a kind coloop does not handle"
            );
        })
        .build();

    let token = dispatcher.shutdown_token();
    let stop_all = stop.clone();
    let stopper = tokio::spawn(async move {
        shutdown.await;
        tracing::info!("shutting down: finishing the updates and the send in hand");
        let _ = stop_all.send(true);
        // The dispatcher may not be running yet; try until it takes the request.
        loop {
            match token.shutdown() {
                Ok(done) => {
                    done.await;
                    break;
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
            }
        }
    });

    let dispatching = dispatcher.dispatch_with_listener(
        listener,
        teloxide::error_handlers::LoggingErrorHandler::with_custom_text("fetching updates failed"),
    );
    let shutdown_grace = config.ops.shutdown_grace;
    let grace = async move {
        stop_signal(stopped).await;
        tokio::time::sleep(shutdown_grace).await;
    };
    tokio::select! {
        () = dispatching => {}
        () = grace => tracing::warn!(
            "handlers still running {} s after the shutdown signal: stopping them",
            shutdown_grace.as_secs()
        ),
    }
    stopper.abort();
    let _ = stop.send(true);
    if let Err(error) = worker.await {
        tracing::error!(%error, "the delivery worker panicked");
    }
    for (name, task) in std::iter::once(("comment notifier", notifier))
        .chain(std::iter::once(("held-broadcast watcher", held_watch)))
        .chain(std::iter::once(("survey keeper", keeper)))
        .chain(retention.map(|task| ("retention task", task)))
        .chain(scheduler.map(|task| ("digest scheduler", task)))
    {
        // Each checks the stop signal between units of work; still, never wait for ever.
        let abort = task.abort_handle();
        match tokio::time::timeout(Duration::from_secs(5), task).await {
            Ok(Ok(())) => {}
            Ok(Err(error)) if error.is_cancelled() => {}
            Ok(Err(error)) => tracing::error!(%error, "the {name} panicked"),
            Err(_) => {
                tracing::warn!("the {name} did not stop within 5 s: stopping it");
                abort.abort();
            }
        }
    }
    let _ = stop_server.send(true);
    ops.finish().await;
    store.close().await;
    tracing::info!("stopped");
    Ok(())
}
