//! `occ-bot`: the OCC chat bot and its command line.

use std::io::IsTerminal;
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

async fn console(cli: &Cli, lang: Option<Language>, user: &str) -> anyhow::Result<()> {
    let config = Config::load(cli.config.as_deref())?;
    let store_config = config.store_config()?;
    let router = config.router(&store_config.catalog)?;
    let dir = config.data_dir(cli.data.as_deref());
    let store: Arc<dyn Store> = Arc::new(SledStore::open(&dir, store_config)?);
    let engine = Arc::new(Engine::new(
        Arc::clone(&store),
        SharedRouter::new(router),
        config.engine_config(),
    ));
    let i18n = Arc::new(I18n::embedded().context("the built-in messages")?);
    let mut console =
        Console::new(engine, i18n, user).map_err(|e| anyhow::anyhow!("--user {user:?}: {e}"))?;

    let interactive = std::io::stdin().is_terminal();
    let stdin = tokio::io::BufReader::new(tokio::io::stdin());
    let mut stdout = std::io::stdout();
    tokio::select! {
        result = console.run(stdin, &mut stdout, lang, interactive) => result.context("the terminal")?,
        _ = tokio::signal::ctrl_c() => {}
    }
    drop(console);
    // The store closes (flushes and records a clean close) when the last reference goes.
    drop(store);
    Ok(())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Console { lang, user } => {
            init_logging("warn");
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()
                .expect("a tokio runtime");
            runtime.block_on(console(&cli, *lang, user))
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("occ-bot: {e:#}");
            ExitCode::FAILURE
        }
    }
}
