//! The engine: conversation turns per second for a whole filing dialogue (greeting, registration,
//! category, description, evidence, confirmation: 12 turns, one durable filing), through the
//! real engine and store in a temporary folder, one conversation at a time and 64 at once.
//! Baseline in the same run: the durable filing alone (`Store::file`), the one step of the
//! dialogue that must wait for the disk.
//!
//! `cargo bench --bench engine`; the ratios are printed at the end.

mod common;

use std::sync::Arc;
use std::time::Duration;

use criterion::{Criterion, Throughput};
use occ::occ_bot::{Engine, EngineConfig, Incoming, Input};
use occ::occ_core::jiff::Timestamp;
use occ::occ_core::routing::{Router, SharedRouter};
use occ::occ_core::store::{SledStore, Store, StoreConfig};
use occ::occ_core::testing::{sample_new_complaint, sample_reporter};
use occ::occ_core::{Channel, MessageKey, UserRef};

/// One citizen's dialogue, from the greeting to the Issue ID.
const DIALOGUE: &[(&str, &str)] = &[
    ("command", "start"),
    ("button", "menu:new"),
    ("text", "สมหญิง ใจดี"),
    ("text", "081-234-5678"),
    ("button", "reg:skip"),
    ("button", "reg:skip"),
    ("button", "reg:agree"),
    ("button", "cat:shopping"),
    ("button", "sub:not_delivered"),
    (
        "text",
        "สั่งรองเท้าจากเพจ Shoe Deal โอนเงินไป 1,500 บาท แต่ร้านไม่ส่งของ",
    ),
    ("button", "ev:done"),
    ("button", "sum:confirm"),
];

async fn dialogue(engine: &Engine, n: u64) {
    let user = UserRef::new(Channel::terminal(), &format!("citizen-{n}")).unwrap();
    for (i, (kind, value)) in DIALOGUE.iter().enumerate() {
        let input = match *kind {
            "command" => Input::Command {
                name: (*value).to_owned(),
                args: String::new(),
            },
            "button" => Input::Button((*value).to_owned()),
            _ => Input::Text((*value).to_owned()),
        };
        let response = engine
            .handle(Incoming {
                user: user.clone(),
                chat: user.id().to_owned(),
                message_id: format!("{n}-{i}"),
                locale: None,
                input,
                now: Timestamp::now(),
            })
            .await;
        assert!(!response.replies.is_empty());
    }
}

fn engine(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let dir = common::bench_dir();
    let store: Arc<dyn Store> =
        Arc::new(SledStore::open(dir.path(), StoreConfig::default()).unwrap());
    let router = SharedRouter::new(Router::builtin(store.catalog()));
    let engine = Arc::new(Engine::new(
        Arc::clone(&store),
        router,
        EngineConfig::default(),
    ));

    // Check once that the dialogue files a complaint.
    rt.block_on(dialogue(&engine, u64::MAX));
    let user = UserRef::new(Channel::terminal(), &format!("citizen-{}", u64::MAX)).unwrap();
    assert_eq!(
        rt.block_on(store.by_reporter(&user, occ::occ_core::store::Page::first(10)))
            .unwrap()
            .len(),
        1,
        "the dialogue files a complaint"
    );

    let mut group = c.benchmark_group("engine");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(8));
    group.warm_up_time(Duration::from_secs(1));
    for conversations in [1u64, 64] {
        group.throughput(Throughput::Elements(conversations));
        let name = format!("filing alone, {conversations} at once");
        group.bench_function(
            format!("baseline: Store::file, {conversations} at once"),
            |b| {
                b.iter_custom(|iters| {
                    let store = Arc::clone(&store);
                    let elapsed = common::concurrently(&rt, conversations, iters, move |n| {
                        let store = Arc::clone(&store);
                        async move {
                            let user = format!("filer-{n}");
                            let mut new = sample_new_complaint("m");
                            new.source = MessageKey::new(Channel::terminal(), &user, "m").unwrap();
                            new.reporter = sample_reporter(&user);
                            store.file(new).await.unwrap();
                        }
                    });
                    common::record(&name, elapsed, iters * conversations);
                    elapsed
                })
            },
        );
        let name = format!("dialogue, {conversations} at once");
        group.bench_function(
            format!("whole filing dialogue, {conversations} at once"),
            |b| {
                b.iter_custom(|iters| {
                    let engine = Arc::clone(&engine);
                    let elapsed = common::concurrently(&rt, conversations, iters, move |n| {
                        let engine = Arc::clone(&engine);
                        async move { dialogue(&engine, n).await }
                    });
                    common::record(&name, elapsed, iters * conversations);
                    elapsed
                })
            },
        );
    }
    group.finish();

    println!();
    for conversations in [1, 64] {
        let dialogue = format!("dialogue, {conversations} at once");
        if let Some(per_dialogue) = common::median(&dialogue) {
            println!(
                "turns per second, {conversations} at once: {:.0} ({} turns per dialogue)",
                DIALOGUE.len() as f64 / per_dialogue,
                DIALOGUE.len()
            );
        }
        common::ratio(
            &dialogue,
            &format!("filing alone, {conversations} at once"),
            None,
        );
    }
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    engine(&mut c);
    c.final_summary();
}
