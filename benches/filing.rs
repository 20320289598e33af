//! Durable filing: complaints per second with 1 and with 64 concurrent filers, each acknowledged
//! only once on disk for good. Baselines in the same run, on the same disk:
//!
//! * SQLite through rusqlite (WAL, `synchronous=FULL`, one transaction per complaint) holding the
//!   same records and indexes: the complaint, by reporter, by status, by agency, the idempotency
//!   key, the identifiers found in the text and the day, month and total counters. The 64 filers
//!   share one connection behind a mutex: SQLite has one writer at a time, and 64 connections
//!   contending for its lock file are many times slower (about 75 filings per second here);
//! * the raw rate of write-plus-fsync of a record of the same size, one at a time: the physical
//!   limit of one-at-a-time durability.
//!
//! `cargo bench --bench filing`; the ratios are printed at the end. The data lives in a
//! temporary folder under `target/` (`OCC_BENCH_DIR` to choose another disk).

mod common;

use std::fs::File;
use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput};
use occ::occ_core::analysis::identifiers;
use occ::occ_core::store::{NewComplaint, SledStore, Store, StoreConfig};
use occ::occ_core::testing::{sample_new_complaint, sample_reporter};
use occ::occ_core::{AgencyCode, Channel, IssueId, MessageKey};
use rusqlite::{Connection, params};

const FILERS: u64 = 64;

/// A new complaint, different for every `n` (user and message).
fn complaint(n: u64) -> NewComplaint {
    let user = format!("u{}", n % 5000);
    let mut new = sample_new_complaint("m");
    new.source = MessageKey::new(Channel::terminal(), &user, &format!("m{n}")).unwrap();
    new.reporter = sample_reporter(&user);
    new
}

/// SQLite with the records and indexes OCC keeps.
fn sqlite(path: &std::path::Path) -> Connection {
    let db = Connection::open(path).unwrap();
    db.busy_timeout(Duration::from_secs(60)).unwrap();
    db.pragma_update(None, "journal_mode", "WAL").unwrap();
    db.pragma_update(None, "synchronous", "FULL").unwrap();
    db.execute_batch(
        "CREATE TABLE IF NOT EXISTS sequences (year INTEGER PRIMARY KEY, last INTEGER NOT NULL);
         CREATE TABLE IF NOT EXISTS complaints (id TEXT PRIMARY KEY, body BLOB NOT NULL);
         CREATE TABLE IF NOT EXISTS by_reporter (reporter TEXT, id TEXT, PRIMARY KEY (reporter, id));
         CREATE TABLE IF NOT EXISTS by_status (status TEXT, id TEXT, PRIMARY KEY (status, id));
         CREATE TABLE IF NOT EXISTS by_agency (agency TEXT, id TEXT, PRIMARY KEY (agency, id));
         CREATE TABLE IF NOT EXISTS message_keys (key TEXT PRIMARY KEY, id TEXT NOT NULL);
         CREATE TABLE IF NOT EXISTS identifiers (kind TEXT, value TEXT, id TEXT,
                                                 PRIMARY KEY (kind, value, id));
         CREATE TABLE IF NOT EXISTS counters (key TEXT PRIMARY KEY, n INTEGER NOT NULL);",
    )
    .unwrap();
    db
}

/// Files `new` in SQLite as OCC files it: the next number of the year, the record, its indexes
/// and counters, in one transaction.
fn sqlite_file(db: &mut Connection, new: NewComplaint) {
    let found = new.identifiers();
    let tx = db
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .unwrap();
    let key = String::from_utf8_lossy(&new.source.to_key()).into_owned();
    let repeated: Option<String> = tx
        .query_row("SELECT id FROM message_keys WHERE key = ?1", [&key], |r| {
            r.get(0)
        })
        .ok();
    if repeated.is_some() {
        return;
    }
    let seq: u32 = tx
        .query_row(
            "INSERT INTO sequences (year, last) VALUES (2569, 1)
             ON CONFLICT (year) DO UPDATE SET last = last + 1 RETURNING last",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let id = IssueId::new(2569, seq).unwrap();
    let reporter = new.reporter.user.to_string();
    let complaint = new.into_complaint(id, AgencyCode::new("OCC").unwrap());
    let body = serde_json::to_vec(&complaint).unwrap();
    let id = id.to_string();
    tx.execute(
        "INSERT INTO complaints (id, body) VALUES (?1, ?2)",
        params![id, body],
    )
    .unwrap();
    tx.execute(
        "INSERT INTO by_reporter VALUES (?1, ?2)",
        params![reporter, id],
    )
    .unwrap();
    tx.execute("INSERT INTO by_status VALUES ('received', ?1)", params![id])
        .unwrap();
    tx.execute("INSERT INTO by_agency VALUES ('OCC', ?1)", params![id])
        .unwrap();
    tx.execute("INSERT INTO message_keys VALUES (?1, ?2)", params![key, id])
        .unwrap();
    for i in &found {
        tx.execute(
            "INSERT OR IGNORE INTO identifiers VALUES (?1, ?2, ?3)",
            params![i.kind.code(), i.value, id],
        )
        .unwrap();
    }
    for counter in ["total", "month:2569-12:shopping", "day:2569-12-04:received"] {
        tx.execute(
            "INSERT INTO counters VALUES (?1, 1) ON CONFLICT (key) DO UPDATE SET n = n + 1",
            [counter],
        )
        .unwrap();
    }
    tx.commit().unwrap();
}

fn filing(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let next = Arc::new(AtomicU64::new(0));
    let record_size = serde_json::to_vec(&complaint(0).into_complaint(
        IssueId::new(2569, 1).unwrap(),
        AgencyCode::new("OCC").unwrap(),
    ))
    .unwrap()
    .len();
    // The analysis cost is the same in both: OCC finds identifiers as it files.
    assert!(!identifiers(complaint(0).description.as_str()).is_empty());

    let mut group = c.benchmark_group("durable filing");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(8));
    group.warm_up_time(Duration::from_secs(1));

    // The physical limit: append a record and fsync, one at a time.
    let dir = common::bench_dir();
    let mut raw = File::create(dir.path().join("raw.log")).unwrap();
    let record = vec![b'x'; record_size];
    group.throughput(Throughput::Elements(1));
    group.bench_function("baseline: raw write + fsync", |b| {
        b.iter_custom(|iters| {
            let start = Instant::now();
            for _ in 0..iters {
                raw.write_all(&record).unwrap();
                raw.sync_all().unwrap();
            }
            let elapsed = start.elapsed();
            common::record("raw fsync", elapsed, iters);
            elapsed
        })
    });

    for filers in [1, FILERS] {
        group.throughput(Throughput::Elements(filers));
        let dir = common::bench_dir();
        let path = dir.path().join("occ.sqlite");
        let db = std::sync::Mutex::new(sqlite(&path));
        let name = format!("sqlite, {filers} filers");
        group.bench_function(
            format!("baseline: SQLite WAL synchronous=FULL, {filers} filers"),
            |b| {
                b.iter_custom(|iters| {
                    let start = Instant::now();
                    std::thread::scope(|s| {
                        for _ in 0..filers {
                            let next = Arc::clone(&next);
                            let db = &db;
                            s.spawn(move || {
                                for _ in 0..iters {
                                    let new = complaint(next.fetch_add(1, Ordering::Relaxed));
                                    sqlite_file(&mut db.lock().unwrap(), new);
                                }
                            });
                        }
                    });
                    let elapsed = start.elapsed();
                    common::record(&name, elapsed, iters * filers);
                    elapsed
                })
            },
        );

        let dir = common::bench_dir();
        let store = Arc::new(SledStore::open(dir.path(), StoreConfig::default()).unwrap());
        let name = format!("occ, {filers} filers");
        group.bench_function(format!("SledStore::file, {filers} filers"), |b| {
            b.iter_custom(|iters| {
                let store = Arc::clone(&store);
                let elapsed = common::concurrently(&rt, filers, iters, move |n| {
                    let store = Arc::clone(&store);
                    async move {
                        store.file(complaint(n)).await.unwrap();
                    }
                });
                common::record(&name, elapsed, iters * filers);
                elapsed
            })
        });
        let stats = store.durability_stats();
        println!(
            "occ, {filers} filers: {:.1} filings per sync",
            stats.requests as f64 / stats.syncs.max(1) as f64
        );
    }
    group.finish();

    println!();
    println!("record size {record_size} bytes");
    common::ratio("occ, 1 filers", "sqlite, 1 filers", None);
    common::ratio(
        &format!("occ, {FILERS} filers"),
        &format!("sqlite, {FILERS} filers"),
        Some(5.0),
    );
    common::ratio(&format!("occ, {FILERS} filers"), "raw fsync", Some(3.0));
    common::ratio("occ, 1 filers", "raw fsync", Some(0.8));
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    filing(&mut c);
    c.final_summary();
}
