//! The store at scale: fills a store with N realistic complaints (1,000,000 by default) spread
//! over a year, and reports what an operator would ask before trusting it with a country's
//! complaints:
//!
//! * the time of a month's statistics report at 10,000, 100,000 and N complaints (it reads day
//!   counters, so it must not grow with the store);
//! * the size on disk against the size of the JSON Lines export of the same data;
//! * the time to close and reopen the store;
//! * the peak memory of a bot process holding the store with 10,000 conversations in progress.
//!
//! Run with:
//!
//! ```text
//! cargo run --release --example scale -- 1000000 [DIR]
//! ```
//!
//! DIR (default: a new folder under `target/`) must be on the disk a deployment would use.

use std::error::Error;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use occ_bot::{Engine, EngineConfig, Incoming, Input};
use occ_core::jiff::{SignedDuration, Timestamp};
use occ_core::routing::{Router, SharedRouter};
use occ_core::stats::Period;
use occ_core::store::{NewComplaint, SledStore, Store, StoreConfig};
use occ_core::testing::{sample_new_complaint, sample_reporter};
use occ_core::{CategoryCode, Channel, Description, MessageKey, SubcategoryCode, UserRef};

/// What people report, in the proportions the center sees most.
const KINDS: &[(&str, &str, &str)] = &[
    (
        "shopping",
        "not_delivered",
        "สั่งรองเท้าจากเพจ Shoe Deal โอนเงิน 1,500 บาท เข้าบัญชีกสิกร 123-4-56789-0 ร้านไม่ส่งของ",
    ),
    (
        "shopping",
        "not_as_described",
        "ได้กระเป๋าไม่ตรงปก ของปลอม สั่งจาก https://shop-deal.co.th/p/123 ขอคืนเงินไม่ได้",
    ),
    (
        "computer_crime",
        "online_fraud",
        "โดนหลอกลงทุนในกลุ่มไลน์ โอนไปรวม 45,000 บาท ถอนเงินไม่ได้",
    ),
    (
        "computer_crime",
        "hacked_account",
        "Facebook account hacked, they ask my friends for money from 081-234-5678",
    ),
    (
        "illegal_website",
        "gambling",
        "เว็บพนัน http://bet-win88.com โฆษณาในยูทูบ สมัครง่าย",
    ),
    (
        "cyber_threat",
        "phishing",
        "SMS แจ้งพัสดุตกค้าง ให้กดลิงก์ www.kerry-th-parcel.info กรอกข้อมูลบัตร",
    ),
];

fn complaint(n: u64, total: u64, start: Timestamp) -> NewComplaint {
    let (category, subcategory, text) = KINDS[(n % KINDS.len() as u64) as usize];
    let user = format!("r{}", n % 250_000);
    let mut new = sample_new_complaint("m");
    new.source = MessageKey::new(Channel::terminal(), &user, &format!("m{n}")).expect("valid");
    new.reporter = sample_reporter(&user);
    new.category = CategoryCode::new(category).expect("valid");
    new.subcategory = SubcategoryCode::new(subcategory).expect("valid");
    new.description = Description::new(&format!("{text} (เรื่องที่ {n})")).expect("valid");
    // Spread evenly over the year from `start`, oldest first.
    new.received_at = start + SignedDuration::from_secs((n * 31_536_000 / total.max(1)) as i64);
    new
}

fn size_of(path: &Path) -> u64 {
    let Ok(meta) = std::fs::metadata(path) else {
        return 0;
    };
    if meta.is_file() {
        return meta.len();
    }
    std::fs::read_dir(path)
        .map(|entries| entries.flatten().map(|e| size_of(&e.path())).sum())
        .unwrap_or(0)
}

/// The process's peak resident memory, in MiB (Linux).
fn peak_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

async fn report_time(store: &dyn Store) -> Result<f64, Box<dyn Error>> {
    // The first month the complaints span, full from the first checkpoint on.
    let period = Period::month(2568, 12).ok_or("a month")?;
    let mut times = Vec::new();
    for _ in 0..201 {
        let start = Instant::now();
        std::hint::black_box(store.report(period).await?);
        times.push(start.elapsed().as_secs_f64() * 1e6);
    }
    times.sort_by(f64::total_cmp);
    Ok(times[times.len() / 2])
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let mut args = std::env::args().skip(1).peekable();
    if args.peek().map(String::as_str) == Some("--hold") {
        let dir = args.nth(1).ok_or("--hold DIR")?;
        return hold(Path::new(&dir)).await;
    }
    let n: u64 = match args.next() {
        Some(a) => a.replace(['_', ','], "").parse()?,
        None => 1_000_000,
    };
    let dir = match args.next() {
        Some(d) => PathBuf::from(d),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("target")
            .join(format!("scale-{n}-{}", std::process::id())),
    };
    if dir.exists() {
        return Err(format!("{} exists: give a new folder", dir.display()).into());
    }
    let start: Timestamp = "2025-12-01T00:00:00Z".parse()?;
    println!("filling {} with {n} complaints", dir.display());

    let mut store = SledStore::open(&dir, StoreConfig::default())?;
    let began = Instant::now();
    let mut filed = 0u64;
    for checkpoint in [10_000, 100_000, n] {
        let checkpoint = checkpoint.min(n);
        while filed < checkpoint {
            let batch: Vec<_> = (filed..(filed + 10_000).min(checkpoint))
                .map(|i| complaint(i, n, start))
                .collect();
            filed += batch.len() as u64;
            store.file_many(batch).await?;
        }
        let elapsed = began.elapsed().as_secs_f64();
        let busy = report_time(&store).await?;
        // sled's pages are fragmented right after heavy writing; a reopened store reads them
        // consolidated, as a bot does most of the time.
        drop(store);
        store = SledStore::open(&dir, StoreConfig::default())?;
        println!(
            "{filed:>9} complaints: filed in {elapsed:.0} s; a month's report takes {:.0} µs \
             ({busy:.0} µs straight after filing)",
            report_time(&store).await?
        );
        if checkpoint == n {
            break;
        }
    }

    let export = dir.with_extension("jsonl");
    {
        let mut out = std::io::BufWriter::new(std::fs::File::create(&export)?);
        store.export(&mut out).await?;
    }
    drop(store);
    let (on_disk, exported) = (size_of(&dir), size_of(&export));
    println!(
        "size on disk {:.0} MiB, its JSON Lines export {:.0} MiB: {:.2}× the export",
        on_disk as f64 / 1048576.0,
        exported as f64 / 1048576.0,
        on_disk as f64 / exported as f64
    );
    std::fs::remove_file(&export)?;

    // The bot's part in a process of its own, so that its peak memory is its own.
    let status = std::process::Command::new(std::env::current_exe()?)
        .arg("--hold")
        .arg(&dir)
        .status()?;
    std::fs::remove_dir_all(&dir)?;
    if !status.success() {
        return Err("the bot process failed".into());
    }
    Ok(())
}

/// Opens the store as the bot does and holds 10,000 conversations in progress.
async fn hold(dir: &Path) -> Result<(), Box<dyn Error>> {
    let reopening = Instant::now();
    let store: Arc<dyn Store> = Arc::new(SledStore::open(dir, StoreConfig::default())?);
    println!("reopened in {:.2} s", reopening.elapsed().as_secs_f64());

    // A bot on this store, with 10,000 citizens each halfway through registering.
    let router = SharedRouter::new(Router::builtin(store.catalog()));
    let engine = Engine::new(Arc::clone(&store), router, EngineConfig::default());
    let before = peak_mib();
    for i in 0..10_000u64 {
        let user = UserRef::new(Channel::terminal(), &format!("active-{i}"))?;
        for (k, input) in [
            Input::Command {
                name: "start".into(),
                args: String::new(),
            },
            Input::Button("menu:new".into()),
            Input::Text("สมหญิง ใจดี".into()),
        ]
        .into_iter()
        .enumerate()
        {
            engine
                .handle(Incoming {
                    user: user.clone(),
                    chat: user.id().to_owned(),
                    message_id: format!("{i}-{k}"),
                    locale: None,
                    input,
                    now: Timestamp::now(),
                })
                .await;
        }
    }
    if let (Some(before), Some(after)) = (before, peak_mib()) {
        println!(
            "peak memory: {before:.0} MiB with the store open, {after:.0} MiB with 10,000 conversations in progress"
        );
    }
    drop(engine);
    drop(store);
    Ok(())
}
