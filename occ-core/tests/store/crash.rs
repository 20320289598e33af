//! The crash test: this test binary re-runs itself as a child that files complaints and prints
//! each Issue ID once its filing is acknowledged; the parent kills it with SIGKILL at random
//! moments and checks, after each kill, that every acknowledged complaint is there and intact,
//! that no Issue ID was given twice, and that numbering continues without a gap.

use std::collections::{BTreeMap, HashSet};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use occ_core::IssueId;
use occ_core::store::{SledStore, Store, StoreConfig};

use crate::util::{all_complaints, complaint_by, expected_description, open, runtime};

const CHILD_DIR: &str = "OCC_CRASH_CHILD_DIR";
const CHILD_RUN: &str = "OCC_CRASH_CHILD_RUN";
const RUNS: u32 = 32;
const USER: &str = "crash";

/// The child: does nothing unless the parent started it.
#[test]
fn crash_child() {
    let Ok(dir) = std::env::var(CHILD_DIR) else {
        return;
    };
    let run: u32 = std::env::var(CHILD_RUN).unwrap().parse().unwrap();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async move {
        let store = Arc::new(
            SledStore::open(&dir, StoreConfig::default()).expect("the store opens after a crash"),
        );
        // Builds the phone number tables before the parent starts its random countdown.
        let _ = complaint_by(USER, "warm-up");
        println!("READY");
        let filers: Vec<_> = (0..8)
            .map(|t| {
                let store = Arc::clone(&store);
                tokio::spawn(async move {
                    for i in 0.. {
                        let key = format!("r{run}-t{t}-{i}");
                        let filing = store.file(complaint_by(USER, &key)).await.unwrap();
                        // Printed only after the store acknowledged the filing as durable.
                        println!("ACK {} {key}", filing.complaint.id);
                    }
                })
            })
            .collect();
        for f in filers {
            f.await.unwrap();
        }
    });
}

/// A small xorshift generator; the seed is printed so that a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn killed_at_random_moments_loses_nothing_acknowledged() {
    if std::env::var(CHILD_DIR).is_ok() {
        return;
    }
    let seed = std::env::var("OCC_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(SystemTime::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
                | 1
        });
    println!("crash test seed {seed} (set OCC_CRASH_SEED to replay)");
    let mut rng = Rng(seed);
    let dir = tempfile::tempdir().unwrap();
    let mut acked: BTreeMap<IssueId, String> = BTreeMap::new();
    let mut acked_by_children = 0usize;
    let rt = runtime();

    for run in 0..RUNS {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "crash::crash_child",
                "--exact",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_DIR, dir.path())
            .env(CHILD_RUN, run.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, lines) = std::sync::mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        // Every fourth child is killed at a random moment from its start (while it opens and
        // recovers the store); the others at a random moment once they are filing.
        if run % 4 != 0 {
            let ready = lines.iter().find(|l| l.contains("READY"));
            assert!(
                ready.is_some(),
                "run {run}: the child ended before it was ready"
            );
        }
        std::thread::sleep(Duration::from_millis(rng.next() % 300));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        reader.join().unwrap();

        for line in lines.try_iter() {
            let Some((_, rest)) = line.split_once("ACK ") else {
                continue;
            };
            let (id, key) = rest.split_once(' ').unwrap();
            let id: IssueId = id.parse().unwrap();
            if let Some(earlier) = acked.insert(id, key.to_owned()) {
                panic!("run {run}: {id} was given to {earlier} and again to {key}");
            }
            acked_by_children += 1;
        }

        rt.block_on(async {
            let store = open(dir.path());
            let all = all_complaints(&store).await;
            let seqs: Vec<u32> = all.iter().map(|c| c.id.seq()).collect();
            assert_eq!(
                seqs,
                (1..=all.len() as u32).collect::<Vec<_>>(),
                "run {run}: Issue IDs have a gap"
            );
            let sources: HashSet<_> = all.iter().map(|c| c.source.message.clone()).collect();
            assert_eq!(
                sources.len(),
                all.len(),
                "run {run}: a message was filed twice"
            );
            for (id, key) in &acked {
                let c = store
                    .get(*id)
                    .await
                    .unwrap()
                    .unwrap_or_else(|| panic!("run {run}: acknowledged {id} is lost"));
                assert_eq!(
                    &c.source.message, key,
                    "run {run}: {id} holds another complaint"
                );
                assert_eq!(
                    c.description.as_str(),
                    expected_description(USER, key),
                    "run {run}: {id} is damaged"
                );
            }
            if let Some(last) = acked.keys().next_back() {
                assert!(all.len() as u32 >= last.seq());
            }
            // The numbering continues right after the last complaint on disk.
            let key = format!("parent-{run}");
            let next = store.file(complaint_by(USER, &key)).await.unwrap();
            assert_eq!(
                next.complaint.id.seq(),
                all.len() as u32 + 1,
                "run {run}: numbering did not continue"
            );
            acked.insert(next.complaint.id, key);
        });
    }
    println!("{RUNS} kills, {acked_by_children} filings acknowledged by children, all present");
    assert!(
        acked_by_children >= RUNS as usize,
        "the children filed too little to test anything"
    );
}
