//! Many filers at once: unique, consecutive Issue IDs, counters that match a full scan, and
//! flushes shared between them.

use std::sync::Arc;
use std::time::Instant;

use occ_core::store::{Counters, SledStore, Store};

use crate::util::{all_complaints, complaint_by, open};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sixty_four_filers_get_consecutive_ids_and_share_flushes() {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(open(dir.path()));
    let before = store.durability_stats();

    let tasks: Vec<_> = (0..64)
        .map(|i| {
            let store = Arc::clone(&store);
            tokio::spawn(async move {
                store
                    .file(complaint_by(&format!("user{}", i % 8), &format!("m{i}")))
                    .await
            })
        })
        .collect();
    let mut seqs = Vec::new();
    for t in tasks {
        let filing = t.await.unwrap().unwrap();
        assert!(filing.is_new);
        seqs.push(filing.complaint.id.seq());
    }
    seqs.sort_unstable();
    assert_eq!(seqs, (1..=64).collect::<Vec<_>>());

    let all = all_complaints(store.as_ref()).await;
    assert_eq!(all.len(), 64);
    assert_eq!(store.counters().await.unwrap(), Counters::recount(&all));

    let stats = store.durability_stats();
    let (requests, syncs) = (stats.requests - before.requests, stats.syncs - before.syncs);
    assert_eq!(requests, 64);
    assert!(
        syncs < requests,
        "group commit: {syncs} syncs for {requests} filings"
    );
}

/// Durable filing throughput with 1 and with 64 concurrent filers. A measurement, not a test:
/// `cargo test --release -p occ-core --test store -- --ignored --nocapture filing_rate`.
#[test]
#[ignore = "a measurement; run by hand"]
fn filing_rate() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        for filers in [1usize, 64] {
            let dir = tempfile::tempdir().unwrap();
            let store = Arc::new(open(dir.path()));
            let per_filer = if filers == 1 { 300 } else { 40 };
            let start = Instant::now();
            let tasks: Vec<_> = (0..filers)
                .map(|f| {
                    let store: Arc<SledStore> = Arc::clone(&store);
                    tokio::spawn(async move {
                        for i in 0..per_filer {
                            store.file(complaint_by(&format!("u{f}"), &format!("m{i}"))).await.unwrap();
                        }
                    })
                })
                .collect();
            for t in tasks {
                t.await.unwrap();
            }
            let elapsed = start.elapsed().as_secs_f64();
            let n = filers * per_filer;
            let stats = store.durability_stats();
            println!(
                "{filers:>2} filers: {n} filings in {elapsed:.2} s = {:.0}/s, {} syncs ({:.1} filings per sync)",
                n as f64 / elapsed,
                stats.syncs,
                stats.requests as f64 / stats.syncs as f64
            );
        }
    });
}

#[tokio::test]
async fn many_complaints_filed_at_once_share_one_wait_for_the_disk() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let first = store.file(complaint_by("a", "m0")).await.unwrap().complaint;
    let before = store.durability_stats();
    let news = vec![
        complaint_by("a", "m1"),
        complaint_by("b", "m1"),
        // Already filed: given back, not filed twice.
        complaint_by("a", "m0"),
    ];
    let filings = store.file_many(news).await.unwrap();
    let after = store.durability_stats();
    assert_eq!(
        after.requests - before.requests,
        1,
        "one wait for three filings"
    );
    assert_eq!(
        filings.iter().map(|f| f.is_new).collect::<Vec<_>>(),
        [true, true, false]
    );
    assert_eq!(filings[2].complaint.id, first.id);
    assert_eq!(filings[1].complaint.id.seq(), first.id.seq() + 2);
    assert_eq!(all_complaints(&store).await.len(), 3);

    // A complaint the catalog refuses stops the whole batch: none of it is filed.
    let mut bad = complaint_by("c", "m1");
    bad.category = occ_core::CategoryCode::new("cooking").unwrap();
    let err = store
        .file_many(vec![complaint_by("c", "m0"), bad, complaint_by("c", "m2")])
        .await
        .unwrap_err();
    assert!(
        matches!(err, occ_core::store::StoreError::Catalog(_)),
        "{err:?}"
    );
    assert_eq!(all_complaints(&store).await.len(), 3);
    // The same source twice in one batch is filed once.
    let twice = store
        .file_many(vec![complaint_by("d", "m0"), complaint_by("d", "m0")])
        .await
        .unwrap();
    assert_eq!(
        (twice[0].is_new, twice[1].is_new, twice[0].complaint.id),
        (true, false, twice[1].complaint.id)
    );
    drop(store);
    assert_eq!(all_complaints(&open(dir.path())).await.len(), 4);
}
