//! `occ-bot admin ...`: the operators' command line. It works on the data directory directly,
//! so it runs while the bot is stopped (sled lets one process open a store at a time).
//!
//! What it prints for people comes from the same Fluent messages as the bot, in Thai or English
//! (`--lang`); `--json` and `--csv` print for scripts.

use std::io::{BufRead, BufReader, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context as _, bail};
use clap::{ArgGroup, Args, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use occ_bot::config::Config;
use occ_bot::{Engine, I18n, Msg};
use occ_core::calendar::Day;
use occ_core::office::CaseView;
use occ_core::officers::{Officer, Role};
use occ_core::routing::{Router, SharedRouter};
use occ_core::stats::{Period, PeriodReport};
use occ_core::store::{SledStore, Store};
use occ_core::{AgencyCode, CategoryCode, IssueId, Language, UserRef};
use serde_json::json;

/// Operators' tasks on the data directory (stop the bot first).
#[derive(Debug, Args)]
pub struct AdminArgs {
    /// The language of what is printed for people [default: th when LANG is Thai, else en]
    #[arg(long, global = true, value_name = "th|en")]
    lang: Option<Language>,
    #[command(subcommand)]
    command: AdminCommand,
}

#[derive(Debug, Subcommand)]
enum AdminCommand {
    /// List, add or remove officers.
    Officers {
        #[command(subcommand)]
        command: OfficersCommand,
    },
    /// A period report: this month by default.
    #[command(group(ArgGroup::new("format").args(["json", "csv"])))]
    Stats {
        /// A month: 2569-11 (Buddhist Era) or 2026-11.
        #[arg(long, value_name = "YYYY-MM", conflicts_with_all = ["from", "to"])]
        month: Option<String>,
        /// The first day, Buddhist Era: 2569-11-01.
        #[arg(long, value_name = "YYYY-MM-DD", requires = "to")]
        from: Option<Day>,
        /// The last day, Buddhist Era: 2569-11-30.
        #[arg(long, value_name = "YYYY-MM-DD", requires = "from")]
        to: Option<Day>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
        /// Print CSV.
        #[arg(long)]
        csv: bool,
        /// Also write the chart of complaints per month by category (PNG) to this file.
        #[arg(long, value_name = "FILE")]
        chart: Option<PathBuf>,
    },
    /// Write the whole store as JSON Lines, to FILE or standard output.
    Export {
        /// The file to write [default: standard output].
        file: Option<PathBuf>,
    },
    /// Read an export into an empty data directory.
    Import {
        /// The JSON Lines file an export wrote.
        file: PathBuf,
    },
    /// Check a routing rules file.
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
    /// Explain how a text would be routed, with the configured rules (or --rules FILE).
    Route {
        /// The text (standard input when none is given).
        text: Vec<String>,
        /// The category the citizen would choose (such as shopping or shopping/not_delivered).
        #[arg(long, value_name = "CODE")]
        category: Option<String>,
        /// A rules file instead of the configured ones.
        #[arg(long, value_name = "FILE")]
        rules: Option<PathBuf>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Show a complaint as the screening desk sees it.
    Show {
        /// Its Issue ID (OCC-2569-000123-4).
        id: IssueId,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// The queue: complaints awaiting screening, or an agency's open complaints.
    Queue {
        /// An agency's queue instead of the screening desk's.
        #[arg(long, value_name = "CODE")]
        agency: Option<AgencyCode>,
        /// At most this many.
        #[arg(long, default_value_t = 50)]
        limit: usize,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// The audit log of refused officer operations, newest first.
    Audit {
        /// At most this many.
        #[arg(long, default_value_t = 50)]
        limit: usize,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
enum OfficersCommand {
    /// List the officers.
    List {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Add an officer, or change one.
    Add {
        /// Their platform identity: telegram:123456789, discord:4567, terminal:somchai.
        user: UserRef,
        /// Their name, as colleagues know it.
        #[arg(long)]
        name: String,
        /// desk, admin or agency:CODE (such as agency:OCPB).
        #[arg(long)]
        role: Role,
        /// The language they read.
        #[arg(long = "officer-lang", default_value = "th", value_name = "th|en")]
        language: Language,
    },
    /// Remove an officer.
    Remove {
        /// Their platform identity.
        user: UserRef,
    },
}

#[derive(Debug, Subcommand)]
enum RulesCommand {
    /// Check a rules file: every rule is valid and names known agencies and categories.
    Check {
        /// The file.
        file: PathBuf,
    },
}

/// What the admin commands work with.
struct Admin {
    config: Config,
    i18n: I18n,
    lang: Language,
    out: std::io::StdoutLock<'static>,
}

impl Admin {
    fn say(&mut self, msg: &Msg) -> anyhow::Result<()> {
        writeln!(self.out, "{}", self.i18n.render(self.lang, msg))?;
        Ok(())
    }

    fn json(&mut self, value: &serde_json::Value) -> anyhow::Result<()> {
        writeln!(self.out, "{}", serde_json::to_string_pretty(value)?)?;
        Ok(())
    }

    fn open_store(&self, data: &Path) -> anyhow::Result<Arc<dyn Store>> {
        let store_config = self.config.store_config()?;
        Ok(Arc::new(SledStore::open(data, store_config)?))
    }

    fn engine(&self, store: Arc<dyn Store>) -> anyhow::Result<Engine> {
        let router = self.config.router(store.catalog())?;
        let mut engine_config = self.config.engine_config();
        engine_config.targets = self.config.targets(store.catalog())?;
        Ok(Engine::new(store, SharedRouter::new(router), engine_config))
    }
}

/// The language for people: the flag, else Thai when the locale is Thai, else English.
fn default_lang() -> Language {
    let thai = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.is_empty())
        .is_some_and(|v| v.starts_with("th"));
    if thai {
        Language::Thai
    } else {
        Language::English
    }
}

/// Runs an admin command.
pub async fn run(args: AdminArgs, config: Config, data: PathBuf) -> anyhow::Result<()> {
    let mut admin = Admin {
        config,
        i18n: I18n::embedded().context("the built-in messages")?,
        lang: args.lang.unwrap_or_else(default_lang),
        out: std::io::stdout().lock(),
    };
    match args.command {
        AdminCommand::Rules {
            command: RulesCommand::Check { file },
        } => rules_check(&mut admin, &file),
        AdminCommand::Route {
            text,
            category,
            rules,
            json,
        } => route(&mut admin, text, category, rules, json),
        AdminCommand::Import { file } => import(&mut admin, &data, &file).await,
        command => {
            let store = admin.open_store(&data)?;
            let result = with_store(&mut admin, command, Arc::clone(&store)).await;
            drop(store);
            result
        }
    }
}

async fn with_store(
    admin: &mut Admin,
    command: AdminCommand,
    store: Arc<dyn Store>,
) -> anyhow::Result<()> {
    let now = occ_core::jiff::Timestamp::now();
    match command {
        AdminCommand::Officers { command } => officers(admin, &*store, command).await,
        AdminCommand::Stats {
            month,
            from,
            to,
            json,
            csv,
            chart,
        } => {
            let period = match (month, from, to) {
                (Some(m), _, _) => Period::parse_month(&m).with_context(|| {
                    format!("--month {m:?} is not a month: write it as 2569-11 or 2026-11")
                })?,
                (None, Some(first), Some(last)) => {
                    Period::new(first, last).context("--to is before --from")?
                }
                _ => {
                    let today = Day::of(now);
                    Period::month(today.year_be(), today.month()).context("this month")?
                }
            };
            let report = store.report(period).await?;
            if let Some(path) = &chart {
                let counters = store.counters().await?;
                let png = occ_bot::chart::monthly_by_category(
                    &counters,
                    store.catalog(),
                    period.last,
                    admin.lang,
                );
                std::fs::write(path, png)
                    .with_context(|| format!("cannot write {}", path.display()))?;
            }
            if csv {
                write!(admin.out, "{}", report.to_csv())?;
                Ok(())
            } else if json {
                admin.json(&report_json(&report))
            } else {
                let engine = admin.engine(store)?;
                admin.say(&engine.report_message(admin.lang, &report))
            }
        }
        AdminCommand::Export { file } => export(admin, &*store, file.as_deref()).await,
        AdminCommand::Show { id, json } => {
            let Some(complaint) = store.get(id).await? else {
                bail!("there is no complaint {id}");
            };
            if json {
                return admin.json(&serde_json::to_value(&complaint)?);
            }
            let engine = admin.engine(Arc::clone(&store))?;
            let view = CaseView {
                officer_names: engine.office().officer_names(&complaint).await?,
                late: engine.office().targets().late(&complaint, now),
                incidents: store.incidents_of(id).await?,
                contact_shown: true,
                complaint,
            };
            admin.say(&engine.case_message(admin.lang, &view))
        }
        AdminCommand::Queue {
            agency,
            limit,
            json,
        } => {
            let engine = admin.engine(Arc::clone(&store))?;
            let role = match agency {
                None => Role::Desk,
                Some(a) if store.catalog().agency(&a).is_none() => {
                    bail!("there is no agency {a} in the catalog")
                }
                Some(a) => Role::Agency(a),
            };
            let items = engine.office().queue_for(&role, now, limit).await?;
            if json {
                let rows: Vec<_> = items
                    .iter()
                    .map(|i| {
                        let c = &i.complaint;
                        json!({
                            "id": c.id,
                            "status": c.status.code(),
                            "agency": c.agency,
                            "category": c.category,
                            "subcategory": c.subcategory,
                            "filed_at": c.filed_at,
                            "suggestion": c.routing.as_ref().map(|r| &r.agency),
                            "late": i.late.is_some(),
                        })
                    })
                    .collect();
                return admin.json(&json!(rows));
            }
            if items.is_empty() {
                return admin.say(&Msg::new("queue-empty"));
            }
            let late = items.iter().filter(|i| i.late.is_some()).count();
            admin.say(
                &Msg::new("admin-queue")
                    .arg("count", items.len())
                    .arg("late", late),
            )?;
            for i in &items {
                admin.say(&engine.queue_item_message(admin.lang, i))?;
            }
            Ok(())
        }
        AdminCommand::Audit { limit, json } => {
            let log = store.audit_log(limit).await?;
            if json {
                return admin.json(&serde_json::to_value(&log)?);
            }
            if log.is_empty() {
                return admin.say(&Msg::new("admin-audit-none"));
            }
            for e in &log {
                let line = Msg::new("admin-audit-line")
                    .arg("at", occ_bot::i18n::date_msg("date-time", admin.lang, e.at))
                    .arg("who", e.who.as_str())
                    .arg("action", e.action.as_str())
                    .arg(
                        "issue",
                        e.issue.map_or_else(|| "-".to_owned(), |i| i.to_string()),
                    )
                    .arg("reason", e.reason.as_str());
                admin.say(&line)?;
            }
            Ok(())
        }
        AdminCommand::Rules { .. } | AdminCommand::Route { .. } | AdminCommand::Import { .. } => {
            unreachable!("handled without the store")
        }
    }
}

async fn officers(
    admin: &mut Admin,
    store: &dyn Store,
    command: OfficersCommand,
) -> anyhow::Result<()> {
    match command {
        OfficersCommand::List { json } => {
            let list = store.officers().await?;
            if json {
                return admin.json(&serde_json::to_value(&list)?);
            }
            if list.is_empty() {
                return admin.say(&Msg::new("admin-officers-none"));
            }
            for o in &list {
                admin.say(&officer_line("admin-officer-line", o))?;
            }
            Ok(())
        }
        OfficersCommand::Add {
            user,
            name,
            role,
            language,
        } => {
            if let Role::Agency(a) = &role
                && store.catalog().agency(a).is_none()
            {
                bail!("there is no agency {a} in the catalog");
            }
            if name.trim().is_empty() {
                bail!("--name is empty");
            }
            let existed = store.officer(&user).await?.is_some();
            let officer = Officer {
                user,
                name: name.trim().to_owned(),
                role,
                language,
            };
            store.put_officer(&officer).await?;
            let id = if existed {
                "admin-officer-changed"
            } else {
                "admin-officer-added"
            };
            admin.say(&officer_line(id, &officer))
        }
        OfficersCommand::Remove { user } => {
            if store.remove_officer(&user).await? {
                admin.say(&Msg::new("admin-officer-removed").arg("user", user.to_string()))
            } else {
                bail!("{user} is not an officer")
            }
        }
    }
}

fn officer_line(id: &'static str, o: &Officer) -> Msg {
    Msg::new(id)
        .arg("user", o.user.to_string())
        .arg("name", o.name.as_str())
        .arg("role", o.role.to_string())
        .arg("language", o.language.code())
}

fn report_json(r: &PeriodReport) -> serde_json::Value {
    let hours = |d: Option<occ_core::jiff::SignedDuration>| d.map(|d| d.as_secs_f64() / 3600.0);
    let figures = |f: &occ_core::stats::PeriodFigures| {
        json!({
            "received": f.received,
            "forwarded": f.forwarded_total(),
            "forwarded_by_agency": f.forwarded,
            "resolved": f.resolved,
            "median_hours_to_forward": hours(f.median_time_to_forward()),
            "median_hours_to_resolve": hours(f.median_time_to_resolve()),
        })
    };
    json!({
        "period": r.period,
        "current": figures(&r.current),
        "previous_period": r.previous_period,
        "previous": figures(&r.previous),
        "received_ratio": r.received_ratio(),
    })
}

/// A progress bar on standard error for `total` bytes, when someone is watching.
fn progress(total: Option<u64>) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let (bar, template) = match total {
        Some(t) => (
            ProgressBar::new(t),
            "[{elapsed_precise}] {bar:40} {bytes}/{total_bytes} ({bytes_per_sec}, {eta})",
        ),
        None => (
            ProgressBar::new_spinner(),
            "{spinner} [{elapsed_precise}] {bytes} ({bytes_per_sec})",
        ),
    };
    bar.set_style(
        ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar
}

async fn export(admin: &mut Admin, store: &dyn Store, file: Option<&Path>) -> anyhow::Result<()> {
    let summary = match file {
        Some(path) => {
            let f = std::fs::File::create(path)
                .with_context(|| format!("cannot create {}", path.display()))?;
            let synced = f.try_clone()?;
            let bar = progress(None);
            let mut w = std::io::BufWriter::new(bar.wrap_write(f));
            let summary = store.export(&mut w).await?;
            w.flush()?;
            synced.sync_all()?;
            bar.finish_and_clear();
            summary
        }
        None => {
            let mut w = std::io::BufWriter::new(std::io::stdout());
            let summary = store.export(&mut w).await?;
            w.flush()?;
            summary
        }
    };
    // The summary goes to standard error, so that standard output stays a clean export.
    let msg = Msg::new("admin-exported")
        .arg("complaints", summary.complaints as usize)
        .arg("officers", summary.officers as usize)
        .arg(
            "notifications",
            (summary.notifications + summary.parked) as usize,
        )
        .arg("sessions", summary.sessions as usize);
    eprintln!("{}", admin.i18n.render(admin.lang, &msg));
    Ok(())
}

async fn import(admin: &mut Admin, data: &Path, file: &Path) -> anyhow::Result<()> {
    let f = std::fs::File::open(file).with_context(|| format!("cannot open {}", file.display()))?;
    let total = f.metadata().ok().map(|m| m.len());
    let store = admin.open_store(data)?;
    let bar = progress(total);
    let mut r = BufReader::new(bar.wrap_read(f));
    let summary = store.import(&mut r).await;
    bar.finish_and_clear();
    let summary = summary.with_context(|| format!("importing {}", file.display()))?;
    drop(store);
    admin.say(
        &Msg::new("admin-imported")
            .arg("complaints", summary.complaints as usize)
            .arg("officers", summary.officers as usize)
            .arg(
                "notifications",
                (summary.notifications + summary.parked) as usize,
            )
            .arg("sessions", summary.sessions as usize),
    )
}

fn rules_check(admin: &mut Admin, file: &Path) -> anyhow::Result<()> {
    let catalog = admin.config.catalog()?;
    let router = Router::from_file(file, &catalog)?;
    admin.say(
        &Msg::new("admin-rules-ok")
            .arg("file", file.display().to_string())
            .arg("count", router.rules().len()),
    )
}

fn route(
    admin: &mut Admin,
    text: Vec<String>,
    category: Option<String>,
    rules: Option<PathBuf>,
    json: bool,
) -> anyhow::Result<()> {
    let catalog = admin.config.catalog()?;
    let router = match &rules {
        Some(path) => Router::from_file(path, &catalog)?,
        None => admin.config.router(&catalog)?,
    };
    let text = if text.is_empty() {
        let mut s = String::new();
        for line in std::io::stdin().lock().lines() {
            s.push_str(&line?);
            s.push('\n');
        }
        s
    } else {
        text.join(" ")
    };
    if text.trim().is_empty() {
        bail!("there is no text to route: give it as arguments or on standard input");
    }
    let (category, subcategory) = match category.as_deref() {
        None => (None, None),
        Some(c) => {
            let (c, s) = c.split_once('/').map_or((c, None), |(c, s)| (c, Some(s)));
            let code = CategoryCode::new(c)
                .ok()
                .filter(|k| catalog.category(k).is_some());
            let code =
                code.with_context(|| format!("there is no category {c:?} in the catalog"))?;
            let sub = match s {
                Some(s) => Some(catalog.check(c, s).map_err(|e| anyhow::anyhow!("{e}"))?.1),
                None => None,
            };
            (Some(code), sub)
        }
    };
    let decision = router.route_text(category.as_ref(), subcategory.as_ref(), &text);
    if json {
        let mut value = serde_json::to_value(&decision)?;
        value["identifiers"] = serde_json::to_value(occ_core::analysis::identifiers(&text))?;
        return admin.json(&value);
    }
    let lang = admin.lang;
    let name = |a: &AgencyCode| {
        catalog
            .agency(a)
            .map_or_else(|| a.to_string(), |x| x.name.get(lang).to_owned())
    };
    let msg = match &decision.rule {
        None => Msg::new("admin-route-none").arg("agency", name(&decision.agency)),
        Some(rule) => {
            let matched: Vec<String> = decision
                .matched_keywords
                .iter()
                .chain(&decision.matched_patterns)
                .cloned()
                .chain(
                    decision
                        .matched_identifiers
                        .iter()
                        .map(|k| k.code().to_owned()),
                )
                .collect();
            Msg::new("admin-route")
                .arg("agency", name(&decision.agency))
                .arg("rule", rule.as_str())
                .arg(
                    "reason",
                    decision
                        .reason
                        .as_ref()
                        .map_or(String::new(), |r| r.get(lang).to_owned()),
                )
                .arg("confidence", i64::from(decision.confidence))
                .arg("matched", matched.join(", "))
                .arg(
                    "runner_up",
                    decision.runner_up.as_ref().map_or_else(
                        || "-".to_owned(),
                        |r| format!("{} ({})", name(&r.agency), r.rule),
                    ),
                )
        }
    };
    admin.say(&msg)
}
