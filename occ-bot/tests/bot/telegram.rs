//! The Telegram channel: the real teloxide client and our dispatcher against the fake Bot API
//! server on 127.0.0.1.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use occ_bot::outbox::OutboxConfig;
use occ_bot::telegram::{self, TelegramConfig};
use occ_bot::{Engine, EngineConfig, I18n};
use occ_core::routing::{Router, SharedRouter};
use occ_core::store::{Page, SledStore, Store, StoreConfig};
use occ_core::workflow::{Change, Update};
use occ_core::{Actor, AgencyCode, Channel, OfficerId, UserRef};
use serde_json::{Value, json};
use teloxide::adaptors::throttle::Limits;
use tokio::sync::watch;

use crate::fake_telegram::{FakeTelegram, TOKEN, button};

const USER: i64 = 1001;

struct Bot {
    store: Arc<dyn Store>,
    stop: watch::Sender<bool>,
    task: tokio::task::JoinHandle<Result<(), telegram::TelegramError>>,
}

fn config(fake: &FakeTelegram) -> TelegramConfig {
    let mut c = TelegramConfig::new(TOKEN);
    c.api_url = Some(fake.url.parse().unwrap());
    c.client = Some(crate::loopback::client());
    let mut outbox = OutboxConfig::default();
    outbox.poll_every = Duration::from_millis(50);
    outbox.first_delay = Duration::from_millis(10);
    c.outbox = outbox;
    // The fake server has no rate limits to keep to.
    c.limits = Limits {
        messages_per_sec_chat: 1000,
        messages_per_sec_overall: 1000,
        messages_per_min_chat: 60_000,
        messages_per_min_channel_or_supergroup: 60_000,
    };
    c
}

fn start(dir: &Path, fake: &FakeTelegram) -> Bot {
    let store: Arc<dyn Store> = Arc::new(SledStore::open(dir, StoreConfig::default()).unwrap());
    let router = SharedRouter::new(Router::builtin(store.catalog()));
    let engine = Arc::new(Engine::new(
        Arc::clone(&store),
        router,
        EngineConfig::default(),
    ));
    let i18n = Arc::new(I18n::embedded().unwrap());
    let (stop, stopped) = watch::channel(false);
    let task = tokio::spawn(telegram::run(engine, i18n, config(fake), stopped));
    Bot { store, stop, task }
}

impl Bot {
    async fn shut_down(self) {
        self.stop.send(true).unwrap();
        tokio::time::timeout(Duration::from_secs(20), self.task)
            .await
            .expect("stops in time")
            .unwrap()
            .unwrap();
        drop(self.store);
    }
}

/// The citizen's side: what they send, and the messages that come back.
struct Citizen {
    fake: FakeTelegram,
    seen: usize,
    next_message: i64,
}

impl Citizen {
    /// Waits for the answer to what was just sent (new messages, then a quiet moment).
    async fn answer(&mut self) -> Vec<Value> {
        let mut sent = self.fake.sent_to(USER, self.seen + 1).await;
        loop {
            tokio::time::sleep(Duration::from_millis(400)).await;
            let again = self.fake.sent_to(USER, sent.len()).await;
            if again.len() == sent.len() {
                break;
            }
            sent = again;
        }
        let new = sent[self.seen..].to_vec();
        self.seen = sent.len();
        new
    }

    async fn say(&mut self, text: &str) -> Vec<Value> {
        self.next_message += 1;
        self.fake.text(USER, "th", self.next_message, text);
        self.answer().await
    }

    async fn send(&mut self, content: Value) -> Vec<Value> {
        self.next_message += 1;
        self.fake.message(USER, "th", self.next_message, content);
        self.answer().await
    }

    /// Presses the button labelled `label` in `answer`.
    async fn press(&mut self, answer: &[Value], label: &str) -> Vec<Value> {
        let data = answer
            .iter()
            .rev()
            .find_map(|m| button(m, label))
            .unwrap_or_else(|| panic!("no button {label:?} in {answer:#?}"));
        self.fake.press(USER, "th", &data);
        self.answer().await
    }
}

fn texts(answer: &[Value]) -> String {
    answer
        .iter()
        .map(|m| m["text"].as_str().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_citizen_files_and_follows_a_complaint_on_telegram() {
    let fake = FakeTelegram::start().await;
    let dir = tempfile::tempdir().unwrap();
    let bot = start(dir.path(), &fake);
    let mut me = Citizen {
        fake: fake.clone(),
        seen: 0,
        next_message: 0,
    };

    let hello = me.say("/start").await;
    assert!(
        texts(&hello).contains("สวัสดีค่ะ") && texts(&hello).contains("191"),
        "{}",
        texts(&hello)
    );
    // The command menu was registered in Thai and in English.
    let menus: Vec<Value> = fake
        .calls()
        .into_iter()
        .filter(|c| c.method == "setMyCommands")
        .map(|c| c.body)
        .collect();
    assert!(
        menus
            .iter()
            .any(|b| b["language_code"] == "th"
                && b["commands"][1]["description"] == "แจ้งเรื่องร้องเรียน")
    );
    assert!(menus.iter().any(
        |b| b["language_code"] == "en" && b["commands"][1]["description"] == "File a complaint"
    ));

    let a = me.press(&hello, "แจ้งเรื่องร้องเรียน").await;
    assert!(texts(&a).contains("ขอทราบชื่อ"));
    let a = me.say("สมชาย ใจดี").await;
    // The phone step offers Telegram's "share my phone number".
    assert!(
        a.iter()
            .any(|m| m["reply_markup"]["keyboard"][0][0]["request_contact"] == true),
        "{a:#?}"
    );
    // Someone else's contact is refused; one's own is taken.
    let a = me.send(json!({"contact": {"phone_number": "+66899999999", "first_name": "Other", "user_id": 2002}})).await;
    assert!(texts(&a).contains("ของตัวเอง"), "{}", texts(&a));
    let a = me.send(json!({"contact": {"phone_number": "+66812345678", "first_name": "Somchai", "user_id": USER}})).await;
    assert!(texts(&a).contains("อีเมล"));
    let a = me.press(&a, "ข้าม").await;
    let a = me.press(&a, "ข้าม").await;
    let a = me.press(&a, "ยินยอม").await;
    let a = me.press(&a, "ซื้อขายออนไลน์").await;
    let a = me.press(&a, "จ่ายเงินแล้วไม่ได้ของ").await;
    assert!(texts(&a).contains("ชื่อร้านหรือเพจ"));
    let a = me
        .say("สั่งรองเท้าจากเพจ Shoe Deal โอนไป 1,500 บาท ร้านไม่ส่งของ <b>ด่วน</b>")
        .await;
    assert!(texts(&a).contains("หลักฐาน"));
    // User text goes back as plain text: no parse mode, nothing interpreted.
    assert!(a.iter().all(|m| m.get("parse_mode").is_none()));

    // The bot restarts in the middle of the conversation.
    bot.shut_down().await;
    let bot = start(dir.path(), &fake);

    fake.add_file("p-small", 900, b"\xff\xd8\xff\xe0small");
    fake.add_file(
        "p-big",
        4_000,
        b"\xff\xd8\xff\xe0 a bigger photo of the transfer slip",
    );
    let a = me
        .send(json!({"photo": [
            {"file_id": "p-small", "file_unique_id": "us", "file_size": 900, "width": 90, "height": 90},
            {"file_id": "p-big", "file_unique_id": "ub", "file_size": 4000, "width": 800, "height": 800}
        ], "caption": "สลิปโอนเงินค่ะ"}))
        .await;
    assert!(texts(&a).contains("ได้รับหลักฐานแล้ว"), "{}", texts(&a));
    // A file over Telegram's 20 MB limit gets the limit, and the draft stays as it was.
    let a = me.send(json!({"document": {"file_id": "huge", "file_unique_id": "uh", "file_size": 26_000_000, "file_name": "clip.mp4", "mime_type": "video/mp4"}})).await;
    assert!(
        texts(&a).contains("ใหญ่เกินไป") && texts(&a).contains("20.0 MB"),
        "{}",
        texts(&a)
    );
    let a = me.say("https://www.facebook.com/ShoeDealTH").await;
    let a = me.press(&a, "เสร็จแล้ว").await;
    assert!(texts(&a).contains("หลักฐาน: 2 รายการ"), "{}", texts(&a));
    let confirm = a.iter().rev().find_map(|m| button(m, "ยืนยัน")).unwrap();
    let pressed = fake.press(USER, "th", &confirm);
    let a = me.answer().await;
    let filed = texts(&a);
    let id = regex::Regex::new(r"OCC-\d{4}-\d{6}-\d")
        .unwrap()
        .find(&filed)
        .expect("an Issue ID")
        .as_str()
        .to_owned();

    // The bot crashes before Telegram learns the update was handled, and Telegram delivers the
    // same update again to the restarted bot: the same answer, nothing new filed.
    bot.shut_down().await;
    let bot = start(dir.path(), &fake);
    fake.push(pressed);
    let again = me.answer().await;
    assert!(texts(&again).contains(&id));
    let user = UserRef::new(Channel::telegram(), &USER.to_string()).unwrap();
    assert_eq!(
        bot.store
            .by_reporter(&user, Page::first(10))
            .await
            .unwrap()
            .len(),
        1
    );
    let c = bot
        .store
        .by_reporter(&user, Page::first(1))
        .await
        .unwrap()
        .remove(0);
    assert_eq!(c.evidence.len(), 2);
    // The photo's caption joined the description.
    assert!(
        c.description.as_str().ends_with("สลิปโอนเงินค่ะ"),
        "{:?}",
        c.description.as_str()
    );
    assert_eq!(c.source.chat, USER.to_string());

    // A status check, typed the way people type.
    let a = me.say(&id.to_lowercase().replace('-', " ")).await;
    assert!(texts(&a).contains("สถานะ: ได้รับเรื่องแล้ว"), "{}", texts(&a));

    // An officer forwards it: the citizen is told, in Thai, in this chat.
    let forward = Update::new(
        Actor::Officer(OfficerId("desk".into())),
        c.filed_at,
        Change::Forward {
            agency: AgencyCode::new("OCPB").unwrap(),
        },
    );
    let _ = bot.store.update(c.id, forward).await.unwrap();
    let told = me.answer().await;
    assert!(
        texts(&told).contains("สคบ.") && texts(&told).contains(&id),
        "{}",
        texts(&told)
    );
    for _ in 0..100 {
        if bot
            .store
            .pending_notifications(&Channel::telegram(), 10)
            .await
            .unwrap()
            .is_empty()
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(
        bot.store
            .pending_notifications(&Channel::telegram(), 10)
            .await
            .unwrap()
            .is_empty(),
        "acknowledged"
    );

    // Every button press was answered.
    let calls = fake.calls();
    let answered = calls
        .iter()
        .filter(|c| c.method == "answerCallbackQuery")
        .count();
    assert!(answered >= 8, "{answered} callback queries answered");

    // In a group, the bot only asks to be messaged privately.
    fake.group_text(USER, "/new");
    let group = fake.sent_to(-100, 1).await;
    assert!(group[0]["text"].as_str().unwrap().contains("แชตส่วนตัว"));

    bot.shut_down().await;
    crate::loopback::assert_nothing_escaped();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_notification_to_a_user_who_blocked_the_bot_is_parked() {
    let fake = FakeTelegram::start().await;
    let dir = tempfile::tempdir().unwrap();
    let bot = start(dir.path(), &fake);
    let mut me = Citizen {
        fake: fake.clone(),
        seen: 0,
        next_message: 0,
    };
    me.say("/start").await;
    // File through the store directly: this test is about delivery.
    let mut new = occ_core::testing::sample_new_complaint("tg-1");
    new.source = occ_core::MessageKey::new(Channel::telegram(), &USER.to_string(), "tg-1").unwrap();
    new.reporter.user = UserRef::new(Channel::telegram(), &USER.to_string()).unwrap();
    let id = bot.store.file(new).await.unwrap().complaint.id;
    fake.block(USER);
    let forward = Update::new(
        Actor::Officer(OfficerId("desk".into())),
        occ_core::jiff::Timestamp::now(),
        Change::Forward {
            agency: AgencyCode::new("OCPB").unwrap(),
        },
    );
    let _ = bot.store.update(id, forward).await.unwrap();
    let mut parked = Vec::new();
    for _ in 0..200 {
        parked = bot.store.parked_notifications(10).await.unwrap();
        if !parked.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(parked.len(), 1, "parked, not dropped");
    assert!(parked[0].1.contains("blocked"), "{}", parked[0].1);
    bot.shut_down().await;
    crate::loopback::assert_nothing_escaped();
}

#[tokio::test]
async fn a_missing_or_rejected_token_is_a_clear_error() {
    let fake = FakeTelegram::start().await;
    let mut c = TelegramConfig::new("999:WRONG");
    c.api_url = Some(fake.url.parse().unwrap());
    c.client = Some(crate::loopback::client());
    let dir = tempfile::tempdir().unwrap();
    let store: Arc<dyn Store> =
        Arc::new(SledStore::open(dir.path(), StoreConfig::default()).unwrap());
    let engine = Arc::new(Engine::new(
        Arc::clone(&store),
        SharedRouter::new(Router::builtin(store.catalog())),
        EngineConfig::default(),
    ));
    let (_stop, stopped) = watch::channel(false);
    let err = telegram::run(engine, Arc::new(I18n::embedded().unwrap()), c, stopped)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("rejected the token"), "{err}");
    assert!(!format!("{:?}", TelegramConfig::new("123:SECRET")).contains("SECRET"));
}
