//! The Discord channel: our handlers with serenity's real `Http` pointed at the fake API on
//! 127.0.0.1, fed interactions and messages built from JSON.

use std::sync::Arc;

use occ_bot::discord::{self, DiscordBot, DiscordConfig};
use occ_bot::outbox::OutboxConfig;
use occ_bot::{Engine, EngineConfig, I18n};
use occ_core::routing::{Router, SharedRouter};
use occ_core::store::{Page, SledStore, Store, StoreConfig};
use occ_core::workflow::{Change, Update};
use occ_core::{Actor, AgencyCode, Channel, OfficerId, UserRef};
use serde_json::{Value, json};
use serenity::all::{ApplicationId, Interaction, Message};

use crate::fake_discord::{Call, DM_CHANNEL, FakeDiscord, USER_ID, user};

struct Setup {
    fake: FakeDiscord,
    bot: Arc<DiscordBot>,
    engine: Arc<Engine>,
    store: Arc<dyn Store>,
    _dir: tempfile::TempDir,
    next: u64,
}

async fn setup() -> Setup {
    let fake = FakeDiscord::start().await;
    let dir = tempfile::tempdir().unwrap();
    let store: Arc<dyn Store> =
        Arc::new(SledStore::open(dir.path(), StoreConfig::default()).unwrap());
    let engine = Arc::new(Engine::new(
        Arc::clone(&store),
        SharedRouter::new(Router::builtin(store.catalog())),
        EngineConfig::default(),
    ));
    let mut config = DiscordConfig::new("TEST-TOKEN");
    config.api_base = Some(fake.url.clone());
    config.client = Some(crate::loopback::client());
    let http = config.http();
    http.set_application_id(ApplicationId::new(42));
    let bot = Arc::new(DiscordBot::new(
        Arc::clone(&engine),
        Arc::new(I18n::embedded().unwrap()),
        Arc::new(http),
        crate::loopback::client(),
    ));
    Setup {
        fake,
        bot,
        engine,
        store,
        _dir: dir,
        next: 100,
    }
}

fn base(kind: u8, id: u64, guild: bool) -> Value {
    let mut v = json!({
        "id": id.to_string(), "application_id": "42", "type": kind, "token": format!("tok-{id}"), "version": 1,
        "locale": "th", "app_permissions": "0", "entitlements": [], "authorizing_integration_owners": {},
        "attachment_size_limit": 8_388_608
    });
    if guild {
        v["guild_id"] = json!("500");
        v["channel_id"] = json!("600");
        v["member"] = json!({"user": user(), "roles": [], "joined_at": "2026-01-01T00:00:00.000000+00:00", "deaf": false, "mute": false, "flags": 0, "permissions": "0"});
        v["context"] = json!(0);
    } else {
        v["channel_id"] = json!(DM_CHANNEL);
        v["user"] = user();
        v["context"] = json!(1);
    }
    v
}

impl Setup {
    fn id(&mut self) -> u64 {
        self.next += 1;
        self.next
    }

    async fn interaction(&mut self, v: Value) -> Vec<Call> {
        let interaction: Interaction = serde_json::from_value(v).expect("an interaction");
        self.bot.on_interaction(interaction).await;
        self.fake.take_calls()
    }

    async fn slash(&mut self, name: &str, options: Value, guild: bool) -> Vec<Call> {
        let id = self.id();
        let mut v = base(2, id, guild);
        v["data"] = json!({"id": "700", "name": name, "type": 1, "options": options});
        self.interaction(v).await
    }

    async fn press(&mut self, custom_id: &str) -> Vec<Call> {
        let id = self.id();
        let mut v = base(3, id, false);
        v["message"] = json!({"id": "1", "channel_id": DM_CHANNEL, "author": user(), "content": "", "timestamp": "2026-12-04T02:30:00.000000+00:00",
            "edited_timestamp": null, "tts": false, "mention_everyone": false, "mentions": [], "mention_roles": [], "attachments": [], "embeds": [], "pinned": false, "type": 0});
        v["data"] = json!({"custom_id": custom_id, "component_type": 2});
        self.interaction(v).await
    }

    async fn select(&mut self, value: &str) -> Vec<Call> {
        let id = self.id();
        let mut v = base(3, id, false);
        v["message"] = json!({"id": "1", "channel_id": DM_CHANNEL, "author": user(), "content": "", "timestamp": "2026-12-04T02:30:00.000000+00:00",
            "edited_timestamp": null, "tts": false, "mention_everyone": false, "mentions": [], "mention_roles": [], "attachments": [], "embeds": [], "pinned": false, "type": 0});
        v["data"] = json!({"custom_id": "select", "component_type": 3, "values": [value]});
        self.interaction(v).await
    }

    async fn modal(&mut self, text: &str) -> Vec<Call> {
        let id = self.id();
        let mut v = base(5, id, false);
        v["data"] = json!({"custom_id": "text", "components": [{"type": 1, "components": [{"type": 4, "custom_id": "text", "value": text}]}]});
        self.interaction(v).await
    }

    async fn dm(&mut self, content: &str, attachments: Value) -> Vec<Call> {
        let id = self.id();
        let msg: Message = serde_json::from_value(json!({
            "id": id.to_string(), "channel_id": DM_CHANNEL, "author": user(), "content": content,
            "timestamp": "2026-12-04T02:30:00.000000+00:00", "edited_timestamp": null, "tts": false, "mention_everyone": false,
            "mentions": [], "mention_roles": [], "attachments": attachments, "embeds": [], "pinned": false, "type": 0
        }))
        .expect("a message");
        self.bot.on_message(msg).await;
        self.fake.take_calls()
    }
}

/// The text of every message the calls sent, and their component custom ids and select values.
fn contents(calls: &[Call]) -> String {
    calls
        .iter()
        .filter_map(|c| {
            c.body
                .get("content")
                .or_else(|| c.body.get("data").and_then(|d| d.get("content")))
        })
        .filter_map(Value::as_str)
        .collect::<Vec<_>>()
        .join("\n")
}

fn component_ids(calls: &[Call]) -> Vec<String> {
    let mut ids = Vec::new();
    for c in calls {
        let components = c
            .body
            .get("components")
            .or_else(|| c.body.get("data").and_then(|d| d.get("components")));
        for row in components.and_then(Value::as_array).into_iter().flatten() {
            for comp in row["components"].as_array().into_iter().flatten() {
                if let Some(id) = comp["custom_id"].as_str() {
                    ids.push(id.to_owned());
                }
                for o in comp["options"].as_array().into_iter().flatten() {
                    ids.push(o["value"].as_str().unwrap_or_default().to_owned());
                }
            }
        }
    }
    ids
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_citizen_files_on_discord_privately() {
    let mut s = setup().await;

    // The commands are registered with Thai names and descriptions.
    s.bot.register_commands().await.unwrap();
    let registered = s.fake.take_calls();
    let commands = &registered
        .iter()
        .find(|c| c.path.ends_with("/commands"))
        .unwrap()
        .body;
    assert_eq!(commands[0]["name"], "complaint");
    assert_eq!(commands[0]["name_localizations"]["th"], "แจ้งเรื่อง");
    assert_eq!(
        commands[0]["description_localizations"]["th"],
        "แจ้งเรื่องร้องเรียน"
    );

    // A slash command in a server channel: an ephemeral note there, the conversation in a DM.
    let calls = s.slash("complaint", json!([]), true).await;
    let callback = calls
        .iter()
        .find(|c| c.path.ends_with("/callback"))
        .expect("the interaction is answered");
    assert_eq!(callback.method, "POST");
    assert_eq!(
        callback.body["data"]["flags"].as_u64().unwrap() & 64,
        64,
        "ephemeral"
    );
    assert!(
        callback.body["data"]["content"]
            .as_str()
            .unwrap()
            .contains("ข้อความส่วนตัว")
    );
    let dm: Vec<&Call> = calls
        .iter()
        .filter(|c| c.path == format!("/api/v10/channels/{DM_CHANNEL}/messages"))
        .collect();
    assert!(
        !dm.is_empty() && contents(&calls).contains("ขอทราบชื่อ"),
        "{calls:#?}"
    );
    assert!(
        !calls.iter().any(|c| c.path.contains("/channels/600/")),
        "nothing is posted in the server channel"
    );

    let calls = s.dm("สมชาย ใจดี", json!([])).await;
    assert!(contents(&calls).contains("เบอร์โทรศัพท์"));
    let calls = s.dm("081-234-5678", json!([])).await;
    assert!(component_ids(&calls).contains(&"reg:skip".to_owned()));
    s.press("reg:skip").await;
    s.press("reg:skip").await;
    let calls = s.press("reg:agree").await;
    // Five categories and the navigation row are more than Discord's five rows: a select menu.
    assert!(
        component_ids(&calls).contains(&"select".to_owned())
            && component_ids(&calls).contains(&"cat:shopping".to_owned()),
        "{calls:#?}"
    );
    let calls = s.select("cat:shopping").await;
    assert!(component_ids(&calls).contains(&"sub:not_delivered".to_owned()));
    let calls = s.select("sub:not_delivered").await;
    // Free text is asked for: a button opens a modal.
    assert!(
        component_ids(&calls).contains(&"modal:text".to_owned()),
        "{calls:#?}"
    );
    let calls = s.press("modal:text").await;
    assert_eq!(calls[0].body["type"], 9, "a modal");
    let calls = s
        .modal("สั่งรองเท้าจากเพจ Shoe Deal โอนไป 1,500 บาท ร้านไม่ส่งของ")
        .await;
    assert!(contents(&calls).contains("หลักฐาน"));

    // An attachment in the DM.
    let url = s.fake.add_file(
        "slip.png",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89",
    );
    let calls = s.dm("", json!([{"id": "400", "filename": "slip.png", "size": 29, "url": url, "proxy_url": url, "content_type": "image/png"}])).await;
    assert!(contents(&calls).contains("ได้รับหลักฐานแล้ว"), "{calls:#?}");
    // One over the limit.
    let calls = s.dm("", json!([{"id": "401", "filename": "big.mp4", "size": 30_000_000, "url": url, "proxy_url": url, "content_type": "video/mp4"}])).await;
    assert!(contents(&calls).contains("ใหญ่เกินไป"));
    s.press("ev:done").await;
    let calls = s.press("sum:confirm").await;
    let filed = contents(&calls);
    let id = regex::Regex::new(r"OCC-\d{4}-\d{6}-\d")
        .unwrap()
        .find(&filed)
        .expect("an Issue ID")
        .as_str()
        .to_owned();

    // A status check with the slash command, in the DM.
    let calls = s
        .slash(
            "status",
            json!([{"name": "id", "type": 3, "value": id.to_lowercase()}]),
            false,
        )
        .await;
    assert!(
        contents(&calls).contains("สถานะ: ได้รับเรื่องแล้ว"),
        "{calls:#?}"
    );

    // An officer forwards it; the outbox delivers it as a direct message.
    let user = UserRef::new(Channel::discord(), USER_ID).unwrap();
    let c = s
        .store
        .by_reporter(&user, Page::first(1))
        .await
        .unwrap()
        .remove(0);
    assert_eq!(c.evidence.len(), 1);
    let forward = Update::new(
        Actor::Officer(OfficerId("desk".into())),
        c.filed_at,
        Change::Forward {
            agency: AgencyCode::new("OCPB").unwrap(),
        },
    );
    let _ = s.store.update(c.id, forward).await.unwrap();
    let pass = discord::deliver_once(Arc::clone(&s.bot), &s.engine, &OutboxConfig::default())
        .await
        .unwrap();
    assert_eq!(pass.delivered, 1);
    let calls = s.fake.take_calls();
    assert!(
        contents(&calls).contains("สคบ.") && contents(&calls).contains(&id),
        "{calls:#?}"
    );
    assert!(
        calls
            .iter()
            .any(|c| c.path == "/api/v10/users/@me/channels"),
        "to a direct message"
    );

    // Everything sent kept within Discord's limits.
    for c in s.fake.calls() {
        assert!(contents(std::slice::from_ref(&c)).chars().count() <= 2000);
        assert!(
            component_ids(std::slice::from_ref(&c))
                .iter()
                .all(|i| i.len() <= 100)
        );
    }
    crate::loopback::assert_nothing_escaped();
}

#[tokio::test]
async fn without_direct_messages_the_answers_stay_ephemeral() {
    let mut s = setup().await;
    s.fake.refuse_dm();
    let calls = s.slash("help", json!([]), true).await;
    let callback = calls
        .iter()
        .find(|c| c.path.ends_with("/callback"))
        .unwrap();
    assert_eq!(callback.body["data"]["flags"].as_u64().unwrap() & 64, 64);
    assert!(
        callback.body["data"]["content"]
            .as_str()
            .unwrap()
            .contains("แจ้งเรื่องร้องเรียน")
    );
    // A message in a server channel is not read.
    let msg: Message = serde_json::from_value(json!({
        "id": "77", "channel_id": "600", "guild_id": "500", "author": user(), "content": "OCC-2569-000001-3",
        "timestamp": "2026-12-04T02:30:00.000000+00:00", "edited_timestamp": null, "tts": false, "mention_everyone": false,
        "mentions": [], "mention_roles": [], "attachments": [], "embeds": [], "pinned": false, "type": 0
    }))
    .unwrap();
    s.bot.on_message(msg).await;
    assert!(s.fake.take_calls().is_empty());
    crate::loopback::assert_nothing_escaped();
}
