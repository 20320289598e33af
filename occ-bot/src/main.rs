//! `occ-bot`: the OCC chat bot and its command line.

use std::io::IsTerminal;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context as _;
use clap::{Parser, Subcommand};
use occ_bot::config::Config;
use occ_bot::terminal::Console;
use occ_bot::{Engine, I18n};
use occ_core::Language;
use occ_core::routing::SharedRouter;
use occ_core::store::{SledStore, Store};
use tokio::sync::watch;

mod admin;

/// Reminders of overdue complaints go out from this hour, Bangkok time, once a day.
const REMINDER_HOUR: i8 = 8;

/// The OCC chat bot: citizens report online problems, get an Issue ID and follow their complaint.
#[derive(Debug, Parser)]
#[command(name = "occ-bot", version, propagate_version = true)]
struct Cli {
    /// The data directory [default: ./occ-data, or `data` in occ.toml]
    #[arg(long, env = "OCC_DATA", global = true, value_name = "DIR")]
    data: Option<PathBuf>,
    /// The configuration file [default: ./occ.toml if there is one]
    #[arg(long, env = "OCC_CONFIG", global = true, value_name = "FILE")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Talk to the bot in the terminal, as a citizen would on a chat platform.
    ///
    /// Buttons are numbered: type the number or the label. Send a file by typing its path.
    /// Type /quit to leave. When standard input is not a terminal, each line is one input.
    Console {
        /// The language to start in (th or en); the conversation can change it later.
        #[arg(long, value_name = "th|en")]
        lang: Option<Language>,
        /// Who you are in the conversation (a terminal user name).
        #[arg(long, default_value = "citizen", value_name = "NAME")]
        user: String,
    },
    /// Run the Telegram bot.
    ///
    /// The token comes from TELOXIDE_TOKEN (or `[telegram] token_file` in occ.toml);
    /// TELOXIDE_API_URL points it at another Bot API server. Long polling by default.
    Telegram {
        /// Receive updates by webhook at this public HTTPS URL instead of long polling.
        #[arg(long, value_name = "URL")]
        webhook_url: Option<url::Url>,
        /// Where the webhook listens.
        #[arg(long, default_value = "0.0.0.0:8443", value_name = "ADDR")]
        listen: SocketAddr,
    },
    /// Run the Discord bot. The token comes from DISCORD_TOKEN (or `[discord] token_file`).
    Discord,
    /// Operators' tasks on the data directory: officers, statistics, export and import, rules,
    /// routing, complaints and the queue. Stop the bot first: one process opens a store at a time.
    Admin(admin::AdminArgs),
    /// Run every channel that has a token, and the terminal when asked, on one store.
    Run {
        /// Also talk in this terminal (stops everything when you leave it).
        #[arg(long)]
        console: bool,
        /// The terminal's language.
        #[arg(long, value_name = "th|en")]
        lang: Option<Language>,
        /// The terminal's user name.
        #[arg(long, default_value = "citizen", value_name = "NAME")]
        user: String,
    },
}

fn init_logging(default: &str) {
    // Logs go to standard error and carry no message text and no personal data.
    let filter = tracing_subscriber::EnvFilter::try_from_env("OCC_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false)
        .init();
}

/// The store, engine and messages every subcommand shares.
struct App {
    config: Config,
    /// The data directory.
    dir: PathBuf,
    engine: Arc<Engine>,
    i18n: Arc<I18n>,
}

async fn open(cli: &Cli) -> anyhow::Result<App> {
    let config = Config::load(cli.config.as_deref())?;
    let store_config = config.store_config()?;
    let router = config.router(&store_config.catalog)?;
    let dir = config.data_dir(cli.data.as_deref());
    let officers = config.officers(&store_config.catalog)?;
    let mut engine_config = config.engine_config();
    engine_config.targets = config.targets(&store_config.catalog)?;
    let store: Arc<dyn Store> = Arc::new(SledStore::open(&dir, store_config)?);
    for officer in &officers {
        store.put_officer(officer).await?;
    }
    let engine = Arc::new(Engine::new(store, SharedRouter::new(router), engine_config));
    let i18n = Arc::new(I18n::embedded().context("the built-in messages")?);
    Ok(App {
        config,
        dir,
        engine,
        i18n,
    })
}

/// Turns SIGINT and SIGTERM into a stop that every channel watches.
fn stop_on_signals() -> watch::Receiver<bool> {
    let (tx, rx) = watch::channel(false);
    tokio::spawn(async move {
        #[cfg(unix)]
        let term = async {
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(mut s) => {
                    s.recv().await;
                }
                Err(_) => std::future::pending().await,
            }
        };
        #[cfg(not(unix))]
        let term = std::future::pending::<()>();
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            () = term => {}
        }
        tracing::info!("stopping: finishing the updates in flight");
        let _ = tx.send(true);
    });
    rx
}

fn telegram_config(
    app: &App,
    webhook: Option<occ_bot::telegram::Webhook>,
) -> anyhow::Result<Option<occ_bot::telegram::TelegramConfig>> {
    let Some(token) = app.config.telegram.token("TELOXIDE_TOKEN")? else {
        return Ok(None);
    };
    let mut c = occ_bot::telegram::TelegramConfig::new(token);
    if let Ok(u) = std::env::var("TELOXIDE_API_URL") {
        c.api_url = Some(
            url::Url::parse(u.trim_end_matches('/'))
                .map_err(|e| occ_bot::telegram::TelegramError::BadApiUrl(e.to_string()))?,
        );
    }
    c.webhook = webhook;
    Ok(Some(c))
}

fn discord_config(app: &App) -> anyhow::Result<Option<occ_bot::discord::DiscordConfig>> {
    Ok(app
        .config
        .discord
        .token("DISCORD_TOKEN")?
        .map(occ_bot::discord::DiscordConfig::new))
}

async fn console(
    app: &App,
    lang: Option<Language>,
    user: &str,
    stop: watch::Receiver<bool>,
) -> anyhow::Result<()> {
    let mut console = Console::new(Arc::clone(&app.engine), Arc::clone(&app.i18n), user)
        .map_err(|e| anyhow::anyhow!("--user {user:?}: {e}"))?
        .with_files_dir(app.dir.join("terminal-files"));
    let interactive = std::io::stdin().is_terminal();
    let stdin = tokio::io::BufReader::new(tokio::io::stdin());
    let mut stdout = std::io::stdout();
    let mut stop = stop;
    tokio::select! {
        result = console.run(stdin, &mut stdout, lang, interactive) => result.context("the terminal")?,
        _ = stop.wait_for(|s| *s) => {}
    }
    Ok(())
}

/// Sends the daily reminders of overdue complaints while the bot runs.
fn spawn_reminders(engine: Arc<Engine>, mut stop: watch::Receiver<bool>) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(300));
        loop {
            tokio::select! {
                _ = tick.tick() => {}
                _ = stop.wait_for(|s| *s) => return,
            }
            let now = occ_core::jiff::Timestamp::now();
            match engine
                .office()
                .send_daily_reminders(now, REMINDER_HOUR)
                .await
            {
                Ok(Some(n)) => tracing::info!(officers = n, "overdue reminders queued"),
                Ok(None) => {}
                Err(e) => tracing::error!(error = %e, "overdue reminders could not be queued"),
            }
        }
    });
}

async fn main_async(cli: Cli) -> anyhow::Result<()> {
    if let Command::Admin(args) = cli.command {
        let config = Config::load(cli.config.as_deref())?;
        let data = config.data_dir(cli.data.as_deref());
        return admin::run(args, config, data).await;
    }
    let app = open(&cli).await?;
    let stop = stop_on_signals();
    if !matches!(cli.command, Command::Console { .. }) {
        spawn_reminders(Arc::clone(&app.engine), stop.clone());
    }
    match &cli.command {
        Command::Admin(_) => unreachable!("handled above"),
        Command::Console { lang, user } => console(&app, *lang, user, stop).await?,
        Command::Telegram {
            webhook_url,
            listen,
        } => {
            let webhook = webhook_url.clone().map(|url| occ_bot::telegram::Webhook {
                url,
                listen: *listen,
            });
            let config =
                telegram_config(&app, webhook)?.ok_or(occ_bot::telegram::TelegramError::NoToken)?;
            occ_bot::telegram::run(Arc::clone(&app.engine), Arc::clone(&app.i18n), config, stop)
                .await?;
        }
        Command::Discord => {
            let config = discord_config(&app)?.ok_or(occ_bot::discord::DiscordError::NoToken)?;
            occ_bot::discord::run(Arc::clone(&app.engine), Arc::clone(&app.i18n), config, stop)
                .await?;
        }
        Command::Run {
            console: with_console,
            lang,
            user,
        } => {
            let mut channels = tokio::task::JoinSet::new();
            if let Some(config) = telegram_config(&app, None)? {
                let (engine, i18n, stop) =
                    (Arc::clone(&app.engine), Arc::clone(&app.i18n), stop.clone());
                channels.spawn(async move {
                    occ_bot::telegram::run(engine, i18n, config, stop)
                        .await
                        .context("Telegram")
                });
            }
            if let Some(config) = discord_config(&app)? {
                let (engine, i18n, stop) =
                    (Arc::clone(&app.engine), Arc::clone(&app.i18n), stop.clone());
                channels.spawn(async move {
                    occ_bot::discord::run(engine, i18n, config, stop)
                        .await
                        .context("Discord")
                });
            }
            if channels.is_empty() && !with_console {
                anyhow::bail!(
                    "nothing to run: set TELOXIDE_TOKEN or DISCORD_TOKEN (or a token_file in occ.toml), or pass --console"
                );
            }
            if *with_console {
                console(&app, *lang, user, stop.clone()).await?;
                // Leaving the terminal stops the other channels too.
                channels.abort_all();
            }
            while let Some(result) = channels.join_next().await {
                match result {
                    Ok(r) => r?,
                    Err(e) if e.is_cancelled() => {}
                    Err(e) => return Err(e.into()),
                }
            }
        }
    }
    // The store closes (flushes and records a clean close) when the last reference goes.
    drop(app);
    Ok(())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging(
        if matches!(cli.command, Command::Console { .. } | Command::Admin(_)) {
            "warn"
        } else {
            "info"
        },
    );
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    let result = runtime.block_on(main_async(cli));
    // Give the store's last flush a moment if a channel task still held it.
    runtime.shutdown_timeout(std::time::Duration::from_secs(10));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("occ-bot: {e:#}");
            ExitCode::FAILURE
        }
    }
}
