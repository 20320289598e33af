//! What the benches share: a record of each measurement's time per element, so that a bench can
//! print, at its end, every figure as a ratio to its baseline measured in the same run.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::Duration;

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
