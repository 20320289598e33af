//! Parsing Issue IDs as citizens type them, against a baseline in the same run: parsing the same
//! digits as a plain integer, the least any parser of a typed number must do.
//!
//! Run with `cargo bench --bench issue_id`; compare the medians of the two functions in a group
//! (the ratio is what counts, the machine is shared).

use criterion::{Criterion, criterion_group, criterion_main};
use occ::occ_core::IssueId;
use std::hint::black_box;

fn inputs() -> Vec<(String, String)> {
    (1..=1000u32)
        .map(|seq| {
            let id = IssueId::new(2569, seq * 97).expect("valid");
            let digits = format!("2569{:06}{}", id.seq(), id.check_digit());
            let typed = match seq % 4 {
                0 => id.to_string(),
                1 => id.to_string().to_lowercase().replace('-', " "),
                2 => digits.clone(),
                _ => id.to_string().replace("OCC-", ""),
            };
            (typed, digits)
        })
        .collect()
}

fn parse(c: &mut Criterion) {
    let inputs = inputs();
    let mut group = c.benchmark_group("parse 1,000 typed Issue IDs");
    group.bench_function("baseline: digits as u64", |b| {
        b.iter(|| {
            inputs
                .iter()
                .map(|(_, d)| black_box(d).parse::<u64>().unwrap())
                .sum::<u64>()
        })
    });
    group.bench_function("IssueId::from_str, lenient", |b| {
        b.iter(|| {
            inputs
                .iter()
                .map(|(t, _)| black_box(t).parse::<IssueId>().unwrap().seq())
                .sum::<u32>()
        })
    });
    group.finish();
}

criterion_group!(benches, parse);
criterion_main!(benches);
