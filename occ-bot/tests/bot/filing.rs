//! Registering and filing, in both languages, with the mistakes people make.

use occ_bot::{EngineConfig, Input};
use occ_core::store::Page;
use occ_core::{Evidence, IssueId, Language};

use crate::harness::{Bot, Chat, file_shopping, issue_id_of, register};

const PNG: &[u8] =
    b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";

async fn full_filing(locale: &str, lang: Language, description: &str) {
    let mut bot = Bot::new();
    let mut chat = bot.chat("somchai").with_locale(locale);
    chat.say(&mut bot, "/start").await;
    chat.expect("welcome").expect("menu");
    assert_eq!(chat.language(), lang);
    let welcome = chat.text(&bot);
    assert!(
        welcome.contains("191") && welcome.contains("1212"),
        "{welcome}"
    );

    chat.press(&mut bot, "menu:new").await;
    chat.expect("register-intro");
    chat.say(&mut bot, "  สมชาย   ใจดี ").await;
    chat.say(&mut bot, "+66 81 234 5678").await;
    chat.say(&mut bot, "somchai@example.co.th").await;
    chat.say(&mut bot, "1-1017-00230-70-8").await;
    chat.expect("privacy-notice");
    chat.press(&mut bot, "reg:agree").await;
    chat.expect("registered").expect("choose-category");

    chat.press(&mut bot, "cat:shopping").await;
    chat.expect("choose-subcategory");
    chat.press(&mut bot, "sub:not_delivered").await;
    chat.expect("describe");
    chat.say(&mut bot, description).await;
    chat.expect("description-saved").expect("evidence-prompt");
    chat.send(
        &mut bot,
        Input::Attachment {
            bytes: PNG.to_vec(),
            media_type: Some("image/png".into()),
            name: Some("slip.png".into()),
            caption: None,
        },
    )
    .await;
    chat.expect("evidence-added");
    chat.say(&mut bot, "เพจร้าน https://www.facebook.com/ShoeDealTH")
        .await;
    chat.expect("evidence-added");
    chat.press(&mut bot, "ev:done").await;
    chat.expect("summary");
    let summary = chat.text(&bot);
    assert!(
        summary.contains("slip.png") && summary.contains("facebook.com/ShoeDealTH"),
        "{summary}"
    );
    chat.press(&mut bot, "sum:confirm").await;
    chat.expect("filed");
    let filed = chat.text(&bot);
    let id = issue_id_of(&chat);
    assert!(filed.contains(&id), "{filed}");
    // Where it is likely to go and why, in the citizen's language.
    let ocpb = bot
        .store()
        .catalog()
        .agency(&"OCPB".parse().unwrap())
        .unwrap()
        .name
        .get(lang)
        .to_owned();
    assert!(filed.contains(&ocpb), "{filed}");

    let c = bot
        .store()
        .get(id.parse::<IssueId>().unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(c.reporter.display_name.as_str(), "สมชาย ใจดี");
    assert_eq!(c.reporter.phone.as_ref().unwrap().as_str(), "+66812345678");
    assert_eq!(
        c.reporter.national_id.as_ref().unwrap().masked(),
        "x-xxxx-xxxx0-70-8"
    );
    assert_eq!(c.language, lang);
    assert_eq!(c.evidence.len(), 2);
    assert!(matches!(&c.evidence[0], Evidence::File(a) if a.media_type == "image/png"));
    assert_eq!(c.routing.as_ref().unwrap().agency.as_str(), "OCPB");
    assert!(
        c.identifiers
            .iter()
            .any(|i| i.value == "facebook.com/shoedealth")
    );
    // The profile keeps no national ID in clear.
    let profile = bot
        .store()
        .session("profile/terminal/somchai")
        .await
        .unwrap()
        .unwrap();
    assert!(!String::from_utf8_lossy(&profile).contains("1101700230708"));
}

#[tokio::test]
async fn filing_in_thai() {
    full_filing(
        "th-TH",
        Language::Thai,
        "สั่งรองเท้าจากเพจ โอนไป 1,500 บาท ร้านไม่ส่งของ ทักไปก็ไม่ตอบ",
    )
    .await;
}

#[tokio::test]
async fn filing_in_english() {
    full_filing(
        "en-US",
        Language::English,
        "I paid 1,500 baht for shoes from a Facebook page and they never arrived",
    )
    .await;
}

#[tokio::test]
async fn mistakes_at_registration_are_explained_and_nothing_is_lost() {
    let mut bot = Bot::new();
    let mut chat = bot.chat("malee");
    chat.say(&mut bot, "/new").await;
    chat.expect("register-name");
    assert_eq!(
        chat.language(),
        Language::Thai,
        "Thai when the platform gives no locale"
    );
    chat.say(&mut bot, &"ก".repeat(150)).await;
    chat.expect("name-too-long");
    chat.say(&mut bot, "มาลี").await;
    chat.say(&mut bot, "12345").await;
    chat.expect("phone-invalid").expect("register-phone");
    chat.say(&mut bot, "/help").await;
    chat.expect("help").expect("register-phone");
    chat.press(&mut bot, "nav:back").await;
    chat.expect("register-name");
    chat.say(&mut bot, "มาลี ดีใจ").await;
    chat.say(&mut bot, "๐๘๑๒๓๔๕๖๗๘").await;
    chat.say(&mut bot, "not-an-email").await;
    chat.expect("email-invalid");
    chat.press(&mut bot, "reg:skip").await;
    chat.say(&mut bot, "1101700230709").await;
    chat.expect("national-id-mistyped");
    chat.say(&mut bot, "12345").await;
    chat.expect("national-id-invalid");
    chat.press(&mut bot, "reg:skip").await;
    chat.say(&mut bot, "ok").await;
    chat.expect("choose-with-buttons").expect("privacy-notice");
    chat.press(&mut bot, "reg:agree").await;
    chat.expect("choose-category");
    let profile = bot.engine().profile(&chat.user).await.unwrap().unwrap();
    assert_eq!(
        (profile.name.as_str(), profile.phone.as_str()),
        ("มาลี ดีใจ", "+66812345678")
    );
    assert_eq!(profile.email, None);
}

#[tokio::test]
async fn no_consent_no_complaint() {
    let mut bot = Bot::new();
    let mut chat = bot.chat("u1").with_locale("en");
    chat.say(&mut bot, "/new").await;
    chat.say(&mut bot, "Anna").await;
    chat.say(&mut bot, "0812345678").await;
    chat.press(&mut bot, "reg:skip").await;
    chat.press(&mut bot, "reg:skip").await;
    chat.press(&mut bot, "reg:disagree").await;
    chat.expect("consent-refused").expect("menu");
    assert!(chat.text(&bot).contains("1212"));
    assert!(bot.engine().profile(&chat.user).await.unwrap().is_none());
    // Asking again starts registration again: the refused details were not kept.
    chat.press(&mut bot, "menu:new").await;
    chat.expect("register-name");
}

#[tokio::test]
async fn the_summary_can_change_any_part() {
    let mut bot = Bot::new();
    let mut chat = bot.chat("u2");
    register(&mut bot, &mut chat).await;
    chat.press(&mut bot, "cat:shopping").await;
    chat.press(&mut bot, "sub:not_delivered").await;
    chat.say(&mut bot, "ร้านไม่ส่งของ").await;
    chat.say(&mut bot, "https://shop-a.com/p/1").await;
    chat.press(&mut bot, "ev:done").await;
    chat.expect("summary");

    chat.press(&mut bot, "sum:edit").await;
    chat.press(&mut bot, "edit:description").await;
    chat.expect("describe");
    chat.say(&mut bot, "สั่งเสื้อ 2 ตัว โอนแล้ว ร้านไม่ส่งของ").await;
    chat.expect("summary");
    assert!(chat.text(&bot).contains("สั่งเสื้อ 2 ตัว"));

    chat.press(&mut bot, "sum:edit").await;
    chat.press(&mut bot, "edit:category").await;
    chat.press(&mut bot, "cat:cyber_threat").await;
    chat.expect("choose-subcategory");
    chat.press(&mut bot, "sub:phishing").await;
    chat.expect("summary");

    chat.press(&mut bot, "sum:edit").await;
    chat.press(&mut bot, "edit:evidence").await;
    chat.press(&mut bot, "ev:clear").await;
    chat.expect("evidence-cleared");
    chat.press(&mut bot, "ev:done").await;
    chat.press(&mut bot, "sum:confirm").await;
    let id: IssueId = issue_id_of(&chat).parse().unwrap();
    let c = bot.store().get(id).await.unwrap().unwrap();
    assert_eq!(
        (c.category.as_str(), c.subcategory.as_str()),
        ("cyber_threat", "phishing")
    );
    assert!(c.evidence.is_empty());
    assert_eq!(c.description.as_str(), "สั่งเสื้อ 2 ตัว โอนแล้ว ร้านไม่ส่งของ");
}

#[tokio::test]
async fn evidence_limits_and_hints() {
    let mut config = EngineConfig::default();
    config.max_evidence = 2;
    let mut bot = Bot::with_config(config);
    let mut chat = bot.chat("u3").with_locale("en");
    register(&mut bot, &mut chat).await;
    chat.press(&mut bot, "cat:cyber_threat").await;
    chat.press(&mut bot, "sub:phishing").await;
    // A photo sent before the description is kept, and the description still asked for.
    chat.send(
        &mut bot,
        Input::Attachment {
            bytes: PNG.to_vec(),
            media_type: None,
            name: Some("sms.png".into()),
            caption: None,
        },
    )
    .await;
    chat.expect("evidence-added").expect("describe-after-file");
    chat.say(
        &mut bot,
        "I got an SMS with a link asking for my bank password",
    )
    .await;
    chat.say(&mut bot, "no link here, sorry").await;
    chat.expect("evidence-hint");
    chat.send(
        &mut bot,
        Input::AttachmentTooLarge {
            size: 25 * 1024 * 1024,
            limit: 20 * 1024 * 1024,
        },
    )
    .await;
    chat.expect("file-too-large");
    assert!(
        chat.text(&bot).contains("25.0 MB") && chat.text(&bot).contains("20.0 MB"),
        "{}",
        chat.text(&bot)
    );
    chat.send(
        &mut bot,
        Input::Attachment {
            bytes: Vec::new(),
            media_type: None,
            name: None,
            caption: None,
        },
    )
    .await;
    chat.expect("file-empty");
    // A program is refused, and the draft stays as it was.
    let exe = [&b"MZ\x90\x00\x03\x00\x00\x00\x04\x00"[..], &[0u8; 64]].concat();
    chat.send(
        &mut bot,
        Input::Attachment {
            bytes: exe,
            media_type: Some("application/octet-stream".into()),
            name: Some("KBank.exe".into()),
            caption: None,
        },
    )
    .await;
    chat.expect("file-type-refused");
    chat.say(&mut bot, "https://kbank-verify.top/login").await;
    chat.expect("evidence-added");
    chat.say(&mut bot, "https://another.example.com/x").await;
    chat.expect("evidence-limit");
    chat.press(&mut bot, "ev:done").await;
    chat.press(&mut bot, "sum:confirm").await;
    let c = bot
        .store()
        .get(issue_id_of(&chat).parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(c.evidence.len(), 2);
    assert_eq!(c.routing.unwrap().agency.as_str(), "THAICERT");
}

#[tokio::test]
async fn a_redelivered_confirmation_files_once_and_answers_the_same() {
    let mut bot = Bot::new();
    let mut chat = bot.chat("u4");
    register(&mut bot, &mut chat).await;
    chat.press(&mut bot, "cat:shopping").await;
    chat.press(&mut bot, "sub:not_delivered").await;
    chat.say(&mut bot, "ไม่ได้ของ").await;
    chat.press(&mut bot, "ev:done").await;
    let first = chat
        .send_as(&mut bot, Input::Button("sum:confirm".into()), "update-777")
        .await
        .clone();
    // The platform delivers the same update again, after a crash and restart.
    bot.restart();
    let again = chat
        .send_as(&mut bot, Input::Button("sum:confirm".into()), "update-777")
        .await
        .clone();
    assert_eq!(first, again);
    let mine = bot
        .store()
        .by_reporter(&chat.user, Page::first(10))
        .await
        .unwrap();
    assert_eq!(mine.len(), 1);
}

#[tokio::test]
async fn a_second_complaint_skips_registration() {
    let mut bot = Bot::new();
    let mut chat: Chat = bot.chat("u5");
    register(&mut bot, &mut chat).await;
    let first = file_shopping(&mut bot, &mut chat, "ร้านไม่ส่งของ").await;
    chat.press(&mut bot, "menu:mine").await;
    chat.press(&mut bot, "nav:menu").await;
    chat.press(&mut bot, "menu:new").await;
    chat.expect("choose-category");
    let second = file_shopping(&mut bot, &mut chat, "อีกร้านก็ไม่ส่งของ").await;
    assert_ne!(first, second);
}
