//! Reads with 1,000,000 complaints stored, on one core: where a complaint stands by its Issue ID
//! (`Store::status`, a status page's or a hotline's look-up), the whole complaint (`Store::get`,
//! what the bot's status check shows with its timeline) and a reporter's list of complaints. Baseline in the same run: the same
//! complaints in SQLite (through rusqlite, as JSON, keyed by Issue ID, with a reporter index),
//! read with prepared statements and decoded into the same `Complaint`.
//!
//! Both are filled once (OCC with `Store::file_many`) and kept under `target/bench-data/` for
//! later runs. `OCC_BENCH_COMPLAINTS` sets another size.
//!
//! `cargo bench --bench reads`; the ratios are printed at the end.

mod common;

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput};
use occ::occ_core::store::{Filing, Page, SledStore, Store, StoreConfig};
use occ::occ_core::testing::{sample_new_complaint, sample_reporter};
use occ::occ_core::{Channel, Complaint, IssueId, MessageKey, UserRef};

/// Reporters: each has a few complaints, as real ones do.
const REPORTERS: u64 = 250_000;

fn size() -> u64 {
    std::env::var("OCC_BENCH_COMPLAINTS")
        .ok()
        .and_then(|v| v.replace(['_', ','], "").parse().ok())
        .unwrap_or(1_000_000)
}

fn user(n: u64) -> String {
    format!("r{}", n % REPORTERS)
}

/// The store with `n` complaints, filled on the first run.
fn filled(n: u64) -> PathBuf {
    let dir = common::bench_base().join(format!("reads-{n}"));
    let done = dir.join("filled");
    if done.exists() {
        return dir;
    }
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let store_dir = dir.join("store");
    let rt = tokio::runtime::Runtime::new().unwrap();
    let start = Instant::now();
    // SQLite is loaded on a thread of its own, from what OCC filed, while OCC files the next batch.
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Filing>>(2);
    let baseline = dir.join("baseline.sqlite");
    let loader = std::thread::spawn(move || {
        let mut sqlite = rusqlite::Connection::open(baseline).unwrap();
        sqlite
            .execute_batch(
                "PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF;
                 CREATE TABLE complaints (id TEXT PRIMARY KEY, body BLOB NOT NULL) WITHOUT ROWID;
                 CREATE TABLE by_reporter (reporter TEXT, id TEXT, PRIMARY KEY (reporter, id))
                     WITHOUT ROWID;",
            )
            .unwrap();
        for filings in rx {
            let tx = sqlite.transaction().unwrap();
            for f in &filings {
                let c = &f.complaint;
                let id = c.id.to_string();
                tx.execute(
                    "INSERT INTO complaints VALUES (?1, ?2)",
                    rusqlite::params![id, serde_json::to_vec(c).unwrap()],
                )
                .unwrap();
                tx.execute(
                    "INSERT INTO by_reporter VALUES (?1, ?2)",
                    rusqlite::params![c.reporter.user.to_string(), id],
                )
                .unwrap();
            }
            tx.commit().unwrap();
        }
    });
    {
        let store = SledStore::open(&store_dir, StoreConfig::default()).unwrap();
        let mut next = 0;
        while next < n {
            let batch: Vec<_> = (next..(next + 10_000).min(n))
                .map(|i| {
                    let user = user(i);
                    let mut new = sample_new_complaint("m");
                    new.source =
                        MessageKey::new(Channel::terminal(), &user, &format!("m{i}")).unwrap();
                    new.reporter = sample_reporter(&user);
                    new
                })
                .collect();
            next += batch.len() as u64;
            tx.send(rt.block_on(store.file_many(batch)).unwrap())
                .unwrap();
            if next % 100_000 == 0 {
                eprintln!(
                    "filled {next} of {n} in {:.0} s",
                    start.elapsed().as_secs_f64()
                );
            }
        }
    }
    drop(tx);
    loader.join().unwrap();
    std::fs::write(&done, b"").unwrap();
    eprintln!(
        "filled {n} complaints in {:.0} s",
        start.elapsed().as_secs_f64()
    );
    dir
}

/// Issue IDs spread over the whole store, in a scattered order.
fn ids(n: u64, count: u64) -> Vec<IssueId> {
    (0..count)
        .map(|i| IssueId::new(2569, (i * 7_919 % n + 1) as u32).unwrap())
        .collect()
}

fn reads(c: &mut Criterion) {
    let n = size();
    let dir = filled(n);
    let lookups = ids(n, 10_000);
    // One core: a runtime on the bench's own thread.
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();

    let mut group = c.benchmark_group(format!("reads, {n} complaints"));
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(5));
    group.throughput(Throughput::Elements(lookups.len() as u64));

    // The baseline: SQLite, prepared statements, the same complaints decoded from JSON.
    let sqlite = rusqlite::Connection::open(dir.join("baseline.sqlite")).unwrap();
    let reporters: Vec<UserRef> = (0..1_000u64)
        .map(|i| UserRef::new(Channel::terminal(), &user(i * 241 % REPORTERS.min(n))).unwrap())
        .collect();
    {
        let mut get = sqlite
            .prepare("SELECT body FROM complaints WHERE id = ?1")
            .unwrap();
        let keys: Vec<String> = lookups.iter().map(ToString::to_string).collect();
        group.bench_function("baseline: SQLite, by primary key", |b| {
            b.iter_custom(|iters| {
                let start = Instant::now();
                for _ in 0..iters {
                    for id in &keys {
                        let body: Vec<u8> = get.query_row([id], |r| r.get(0)).unwrap();
                        let c: Complaint = serde_json::from_slice(&body).unwrap();
                        black_box(c.status);
                    }
                }
                let elapsed = start.elapsed();
                common::record("sqlite get", elapsed, iters * keys.len() as u64);
                elapsed
            })
        });
        let mut list = sqlite
            .prepare(
                "SELECT c.body FROM by_reporter r JOIN complaints c ON c.id = r.id
                 WHERE r.reporter = ?1 ORDER BY r.id DESC LIMIT 10",
            )
            .unwrap();
        let names: Vec<String> = reporters.iter().map(ToString::to_string).collect();
        group.throughput(Throughput::Elements(names.len() as u64));
        group.bench_function("baseline: SQLite, a reporter's list", |b| {
            b.iter_custom(|iters| {
                let start = Instant::now();
                for _ in 0..iters {
                    for r in &names {
                        let found: Vec<Complaint> = list
                            .query_map([r], |row| row.get::<_, Vec<u8>>(0))
                            .unwrap()
                            .map(|b| serde_json::from_slice(&b.unwrap()).unwrap())
                            .collect();
                        assert!(!found.is_empty());
                        black_box(found);
                    }
                }
                let elapsed = start.elapsed();
                common::record("sqlite list", elapsed, iters * names.len() as u64);
                elapsed
            })
        });
    }
    group.throughput(Throughput::Elements(lookups.len() as u64));

    // sled's cache: the default (1 GiB), or `OCC_BENCH_CACHE_MIB` MiB to try another.
    let mut config = StoreConfig::default();
    if let Some(mib) = std::env::var("OCC_BENCH_CACHE_MIB")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
    {
        config.cache_capacity_bytes = mib << 20;
    }
    let store = SledStore::open(dir.join("store"), config).unwrap();
    group.bench_function("Store::status (where it stands)", |b| {
        b.iter_custom(|iters| {
            let start = Instant::now();
            rt.block_on(async {
                for _ in 0..iters {
                    for id in &lookups {
                        let s = store.status(*id).await.unwrap().unwrap();
                        black_box(s.status);
                    }
                }
            });
            let elapsed = start.elapsed();
            common::record("status by Issue ID", elapsed, iters * lookups.len() as u64);
            elapsed
        })
    });
    group.bench_function("Store::get (the whole complaint)", |b| {
        b.iter_custom(|iters| {
            let start = Instant::now();
            rt.block_on(async {
                for _ in 0..iters {
                    for id in &lookups {
                        let c = store.get(*id).await.unwrap().unwrap();
                        black_box(c.status);
                    }
                }
            });
            let elapsed = start.elapsed();
            common::record(
                "complaint by Issue ID",
                elapsed,
                iters * lookups.len() as u64,
            );
            elapsed
        })
    });
    group.throughput(Throughput::Elements(reporters.len() as u64));
    group.bench_function("Store::by_reporter (my complaints)", |b| {
        b.iter_custom(|iters| {
            let start = Instant::now();
            rt.block_on(async {
                for _ in 0..iters {
                    for r in &reporters {
                        let list = store.by_reporter(r, Page::first(10)).await.unwrap();
                        assert!(!list.is_empty());
                        black_box(list);
                    }
                }
            });
            let elapsed = start.elapsed();
            common::record("reporter's list", elapsed, iters * reporters.len() as u64);
            elapsed
        })
    });
    group.finish();

    println!();
    println!(
        "{n} complaints, {} reporters with about {} each",
        REPORTERS.min(n),
        n / REPORTERS.min(n)
    );
    common::ratio("status by Issue ID", "sqlite get", None);
    common::ratio("complaint by Issue ID", "sqlite get", None);
    common::ratio("reporter's list", "sqlite list", None);
    if let Some(x) = common::median("status by Issue ID") {
        let rate = 1.0 / x;
        println!(
            "status look-ups on one core: {rate:.0}/s (goal ≥ 200,000/s: {})",
            if rate >= 200_000.0 { "met" } else { "NOT met" }
        );
    }
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    reads(&mut c);
    c.final_summary();
}
