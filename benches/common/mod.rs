//! What the benches share: where they write, running many tasks at once, and a record of each
//! measurement's time per element, so that a bench can print, at its end, every figure as a
//! ratio to its baseline measured in the same run.

// Each bench uses the part it needs.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// Where the benches write: a disk like the one a deployment would use (`target/bench-data/`, or
/// `OCC_BENCH_DIR`), not a memory file system.
pub fn bench_base() -> PathBuf {
    let base = std::env::var_os("OCC_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data"));
    std::fs::create_dir_all(&base).expect("the bench folder can be created");
    base
}

/// A new folder under [`bench_base`], removed when dropped.
pub fn bench_dir() -> tempfile::TempDir {
    tempfile::tempdir_in(bench_base()).expect("a bench folder")
}

/// Runs `tasks` tasks at once on `rt`, each awaiting `step(n)` `iters` times with a number `n`
/// never given before, and returns how long they took together.
pub fn concurrently<F, Fut>(
    rt: &tokio::runtime::Runtime,
    tasks: u64,
    iters: u64,
    step: F,
) -> Duration
where
    F: Fn(u64) -> Fut + Clone + Send + 'static,
    Fut: Future<Output = ()> + Send + 'static,
{
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let start = Instant::now();
    rt.block_on(async {
        let handles: Vec<_> = (0..tasks)
            .map(|_| {
                let step = step.clone();
                tokio::spawn(async move {
                    for _ in 0..iters {
                        step(NEXT.fetch_add(1, Ordering::Relaxed)).await;
                    }
                })
            })
            .collect();
        for h in handles {
            h.await.expect("a bench task");
        }
    });
    start.elapsed()
}

static SAMPLES: Mutex<BTreeMap<String, Vec<f64>>> = Mutex::new(BTreeMap::new());

/// Records one criterion sample of `name`: `elapsed` for `elements` elements.
pub fn record(name: &str, elapsed: Duration, elements: u64) {
    if elements == 0 {
        return;
    }
    SAMPLES
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .entry(name.to_owned())
        .or_default()
        .push(elapsed.as_secs_f64() / elements as f64);
}

/// The median seconds per element of `name`'s samples, if it was measured (a filtered run
/// measures only some).
pub fn median(name: &str) -> Option<f64> {
    let samples = SAMPLES.lock().unwrap_or_else(|p| p.into_inner());
    let mut v = samples.get(name)?.clone();
    v.sort_by(f64::total_cmp);
    Some(v[v.len() / 2])
}

/// Prints `name`'s rate against `baseline`'s (how many times as many elements per second) and
/// whether it meets `goal`.
pub fn ratio(name: &str, baseline: &str, goal: Option<f64>) {
    let (Some(x), Some(b)) = (median(name), median(baseline)) else {
        return;
    };
    let r = b / x;
    let verdict = match goal {
        Some(g) if r >= g => format!("goal ≥ {g}×: met"),
        Some(g) => format!("goal ≥ {g}×: NOT met"),
        None => String::new(),
    };
    println!(
        "ratio  {name}  vs  {baseline}:  {r:.2}×  ({:.0}/s vs {:.0}/s)  {verdict}",
        1.0 / x,
        1.0 / b
    );
}
