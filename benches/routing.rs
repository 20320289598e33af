//! Routing decisions over 1,200 Thai and English complaints with the default rules, against a
//! naive baseline in the same run that checks each rule's keywords and patterns one by one (the
//! same text preparation, identifiers and choice of the winner; only the matching differs), and
//! the slowest 1% of single decisions.
//!
//! `cargo bench --bench routing`; the ratios are printed at the end.

mod common;

use std::hint::black_box;
use std::time::Instant;

use criterion::{Criterion, Throughput};
use occ::occ_core::analysis::{MatchText, identifiers_in, largest_amount};
use occ::occ_core::routing::{Mode, Router};
use occ::occ_core::{Catalog, CategoryCode};
use regex::Regex;

/// Complaints as citizens write them: templates filled with shops, goods, amounts, banks,
/// links and phone numbers, with or without the category the citizen chose.
fn corpus() -> Vec<(Option<CategoryCode>, String)> {
    const TEMPLATES: &[(&str, &str)] = &[
        (
            "shopping",
            "สั่ง{item}จากเพจ {shop} โอนไป {amount} บาท ร้านไม่ส่งของ ทักไปก็ไม่ตอบค่ะ",
        ),
        (
            "shopping",
            "โอนเงินค่า{item}ไปแล้ว {amount} บาท เข้าบัญชี{bank} {account} แต่ไม่ได้ของเลย",
        ),
        (
            "shopping",
            "ได้{item}ไม่ตรงปก ของปลอมชัดเจน สั่งจาก {url} ขอคืนเงินก็ไม่ได้",
        ),
        (
            "shopping",
            "ร้าน {shop} ปิดเพจหนีไปแล้ว เก็บเงินมัดจำ{item}ไป {amount} บาท",
        ),
        (
            "shopping",
            "ซื้ออาหารเสริมลดน้ำหนักทางไลน์ @{shop} กินแล้วใจสั่น ไม่มีเลข อย.",
        ),
        (
            "",
            "ordered a {item_en} from {shop} on Facebook, paid {amount} baht, nothing arrived",
        ),
        (
            "",
            "The seller at {url} sent a fake {item_en} and refuses a refund",
        ),
        (
            "",
            "I paid {amount} THB by PromptPay {phone} for a {item_en} and the shop blocked me",
        ),
        (
            "computer_crime",
            "เฟซบุ๊กโดนแฮ็ก มีคนเอาไปโพสต์ขายของและยืมเงินเพื่อน โทรมาจากเบอร์ {phone}",
        ),
        (
            "computer_crime",
            "มีคนสร้างเพจปลอมใช้รูปของฉัน แอบอ้างเป็นฉันไปหลอกยืมเงิน",
        ),
        (
            "",
            "มีคนโทรมาอ้างเป็นตำรวจ บอกว่าบัญชีพัวพันยาเสพติด ให้โอนเงิน {amount} บาท ไปบัญชี{bank} {account}",
        ),
        (
            "",
            "โดนหลอกลงทุนคริปโต ในกลุ่มไลน์ โอนไปหลายรอบรวม {amount} บาท ถอนไม่ได้",
        ),
        (
            "",
            "my instagram account was hacked and the password changed, they message my friends for money",
        ),
        (
            "",
            "someone on a dating app convinced me to invest {amount} baht at {url}, now I cannot withdraw",
        ),
        ("", "ได้รับ SMS แจ้งพัสดุตกค้าง ให้กดลิงก์ {url} กรอกข้อมูลบัตร"),
        (
            "",
            "received an email pretending to be my bank asking me to log in at {url}",
        ),
        ("", "ไฟล์ในเครื่องถูกล็อกทั้งหมด มีข้อความเรียกค่าไถ่เป็นบิตคอยน์"),
        ("", "our company server got ransomware, all files encrypted"),
        (
            "illegal_website",
            "เว็บพนันออนไลน์ {url} โฆษณาในยูทูบ สมัครง่าย ฝากถอนออโต้",
        ),
        (
            "",
            "there is an online casino at {url} advertising to students",
        ),
        ("", "เว็บดูหนังเถื่อน {url} ละเมิดลิขสิทธิ์ มีโฆษณาพนันเต็มไปหมด"),
        ("", "ร้านค้าออนไลน์ {shop} ไม่ได้จดทะเบียนพาณิชย์อิเล็กทรอนิกส์"),
        ("", "มีคนเอารูปฉันไปตัดต่อโพสต์ด่าในกลุ่มเฟซ ทำให้เสียชื่อเสียง"),
        ("", "ข้อมูลลูกค้าของบริษัทรั่วไหล มีคนเอาไปขายในเว็บ {url}"),
        ("", "แอปเงินกู้ {shop} ดอกเบี้ยโหด ทวงหนี้ประจาน โทรหาทุกคนในรายชื่อ"),
        ("", "ขายครีมผิวขาวในติ๊กต๊อก ใช้แล้วหน้าพัง ไม่มีเลขจดแจ้ง"),
        ("other", "อยากสอบถามว่าแจ้งเรื่องอะไรได้บ้างคะ"),
        (
            "",
            "a page is selling medicine without a prescription: {url}",
        ),
        (
            "",
            "หลอกให้ทำงานออนไลน์ กดไลก์รับเงิน ต้องโอนค่าสมัครก่อน {amount} บาท",
        ),
        (
            "",
            "โดนแก๊งคอลเซ็นเตอร์หลอก ให้ติดตั้งแอปควบคุมเครื่อง เงินในบัญชีหายหมด",
        ),
    ];
    const ITEMS: &[(&str, &str)] = &[
        ("รองเท้า", "pair of shoes"),
        ("โทรศัพท์มือถือ", "phone"),
        ("กระเป๋า", "bag"),
        ("ครีมบำรุงผิว", "face cream"),
        ("ตั๋วคอนเสิร์ต", "concert ticket"),
        ("ต้นไม้", "plant"),
    ];
    const SHOPS: &[&str] = &[
        "Shoe Deal",
        "BeautyPlus",
        "GadgetHub TH",
        "ร้านป้าแดง",
        "Mega Sale 99",
    ];
    const BANKS: &[&str] = &["กสิกร", "กรุงไทย", "ไทยพาณิชย์", "กรุงเทพ"];
    const URLS: &[&str] = &[
        "https://shop-deal.co.th/p/123",
        "http://bet-win88.com",
        "www.kerry-th-parcel.info/track",
        "https://movie-free-hd.net",
        "https://invest-gold-pro.com/login",
    ];
    let mut out = Vec::new();
    for n in 0..1200usize {
        let (category, template) = TEMPLATES[n % TEMPLATES.len()];
        let (item, item_en) = ITEMS[n % ITEMS.len()];
        let text = template
            .replace("{item_en}", item_en)
            .replace("{item}", item)
            .replace("{shop}", SHOPS[n % SHOPS.len()])
            .replace("{bank}", BANKS[n % BANKS.len()])
            .replace(
                "{account}",
                &format!(
                    "{:03}-{}-{:05}-{}",
                    n % 1000,
                    n % 10,
                    n * 37 % 100_000,
                    n % 7
                ),
            )
            .replace("{url}", URLS[n % URLS.len()])
            .replace(
                "{phone}",
                &format!("08{}-{:03}-{:04}", n % 10, n % 1000, n * 13 % 10_000),
            )
            .replace("{amount}", &format!("{}", 500 + n * 250 % 50_000));
        let category = (!category.is_empty()).then(|| CategoryCode::new(category).unwrap());
        out.push((category, text));
    }
    out
}

/// Each rule's conditions checked one by one: every keyword searched for on its own, every
/// regular expression run on its own. The winner is chosen as the router chooses it.
struct Naive {
    rules: Vec<(usize, Vec<Regex>)>,
    router: Router,
}

impl Naive {
    fn new(router: Router) -> Self {
        let rules = router
            .rules()
            .iter()
            .enumerate()
            .map(|(i, r)| {
                (
                    i,
                    r.patterns()
                        .iter()
                        .map(|p| Regex::new(p).unwrap())
                        .collect(),
                )
            })
            .collect();
        Self { rules, router }
    }

    /// The id of the winning rule, if one matches.
    fn route(&self, category: Option<&CategoryCode>, text: &str) -> Option<&str> {
        let prepared = MatchText::new(text);
        let identifiers = identifiers_in(&prepared);
        let amount = largest_amount(&identifiers);
        let hay = prepared.as_str().to_ascii_lowercase();
        let mut best: Option<(i32, usize, usize)> = None;
        for (ri, regexes) in &self.rules {
            let rule = &self.router.rules()[*ri];
            if !rule.categories().is_empty()
                && !category.is_some_and(|c| rule.categories().contains(c))
            {
                continue;
            }
            if !rule.subcategories().is_empty() {
                // The corpus gives categories only.
                continue;
            }
            let keywords = rule
                .keywords()
                .iter()
                .filter(|k| {
                    hay.match_indices(k.as_str())
                        .any(|(at, m)| prepared.is_whole_words(at, at + m.len()))
                })
                .count();
            let patterns = regexes
                .iter()
                .filter(|r| r.is_match(prepared.as_str()))
                .count();
            let ids = rule
                .identifier_kinds()
                .iter()
                .filter(|k| identifiers.iter().any(|i| i.kind == **k))
                .count();
            let amount_ok = rule
                .min_amount()
                .map(|min| amount.is_some_and(|a| a >= min));
            let conditions = [
                (!rule.keywords().is_empty()).then_some(keywords > 0),
                (!rule.patterns().is_empty()).then_some(patterns > 0),
                (!rule.identifier_kinds().is_empty()).then_some(ids > 0),
                amount_ok,
            ];
            let mut given = conditions.iter().flatten().peekable();
            let matched = match (given.peek().is_some(), rule.mode) {
                (false, _) => true,
                (true, Mode::Any) => conditions.iter().flatten().any(|c| *c),
                (true, Mode::All) => conditions.iter().flatten().all(|c| *c),
            };
            if !matched {
                continue;
            }
            let strength = keywords
                + patterns
                + ids
                + usize::from(amount_ok == Some(true))
                + usize::from(!rule.categories().is_empty());
            let key = (rule.priority, strength, usize::MAX - ri);
            if best.is_none_or(|b| key > b) {
                best = Some(key);
            }
        }
        best.map(|(_, _, ri)| self.router.rules()[usize::MAX - ri].id.as_str())
    }
}

fn routing(c: &mut Criterion) {
    let catalog = Catalog::builtin();
    let router = Router::builtin(&catalog);
    let naive = Naive::new(Router::builtin(&catalog));
    let corpus = corpus();

    // The baseline does the same job: the same winner for every complaint.
    let mut agree = 0;
    for (category, text) in &corpus {
        let decision = router.route_text(category.as_ref(), None, text);
        if decision.rule.as_deref() == naive.route(category.as_ref(), text) {
            agree += 1;
        }
    }
    println!(
        "the naive baseline agrees with the router on {agree} of {} complaints",
        corpus.len()
    );

    let mut group = c.benchmark_group("routing");
    group.throughput(Throughput::Elements(corpus.len() as u64));
    group.sample_size(20);
    group.bench_function("baseline: each keyword and pattern one by one", |b| {
        b.iter_custom(|iters| {
            let start = Instant::now();
            for _ in 0..iters {
                for (category, text) in &corpus {
                    black_box(naive.route(category.as_ref(), black_box(text)));
                }
            }
            let elapsed = start.elapsed();
            common::record("naive", elapsed, iters * corpus.len() as u64);
            elapsed
        })
    });
    group.bench_function("Router::route_text", |b| {
        b.iter_custom(|iters| {
            let start = Instant::now();
            for _ in 0..iters {
                for (category, text) in &corpus {
                    black_box(router.route_text(category.as_ref(), None, black_box(text)));
                }
            }
            let elapsed = start.elapsed();
            common::record("router", elapsed, iters * corpus.len() as u64);
            elapsed
        })
    });
    group.finish();

    // The slowest single decisions, timed one at a time.
    let mut times: Vec<f64> = Vec::with_capacity(corpus.len() * 5);
    for _ in 0..5 {
        for (category, text) in &corpus {
            let start = Instant::now();
            black_box(router.route_text(category.as_ref(), None, black_box(text)));
            times.push(start.elapsed().as_secs_f64() * 1e6);
        }
    }
    times.sort_by(f64::total_cmp);
    let at = |q: f64| times[((times.len() as f64 * q) as usize).min(times.len() - 1)];
    println!(
        "single decisions: median {:.1} µs, 99th percentile {:.1} µs (goal < 100 µs: {}), slowest {:.1} µs",
        at(0.5),
        at(0.99),
        if at(0.99) < 100.0 { "met" } else { "NOT met" },
        at(1.0)
    );
    common::ratio("router", "naive", Some(5.0));
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    routing(&mut c);
    c.final_summary();
}
