//! Moving around: language, help, cancel and back at every step, forged and stale buttons,
//! restarts, drafts kept and offered again, profiles, shared contacts, unexpected input.

use occ_bot::Input;
use occ_core::Language;
use occ_core::jiff::SignedDuration;

use crate::harness::{Bot, file_shopping, register};

#[tokio::test]
async fn the_language_follows_the_platform_and_changes_without_losing_the_draft() {
    let mut bot = Bot::new();
    let mut en = bot.chat("anna").with_locale("en-US");
    en.say(&mut bot, "hello").await;
    en.expect("welcome");
    assert_eq!(en.language(), Language::English);
    let mut th = bot.chat("somchai").with_locale("ja");
    th.say(&mut bot, "/start").await;
    assert_eq!(
        th.language(),
        Language::Thai,
        "Thai when the platform's language is neither"
    );

    register(&mut bot, &mut th).await;
    th.press(&mut bot, "cat:illegal_website").await;
    th.press(&mut bot, "sub:gambling").await;
    th.say(&mut bot, "/lang en").await;
    th.expect("language-set").expect("describe");
    assert_eq!(th.language(), Language::English);
    assert!(
        th.text(&bot).contains("Please describe the website"),
        "{}",
        th.text(&bot)
    );
    th.say(&mut bot, "ภาษา").await;
    th.expect("choose-language");
    th.press(&mut bot, "lang:th").await;
    th.expect("language-set").expect("describe");
    assert!(th.text(&bot).contains("เปลี่ยนเป็นภาษาไทยแล้ว"));
    th.say(&mut bot, "เว็บพนันส่ง SMS มาทุกวัน").await;
    th.expect("evidence-prompt");
}

#[tokio::test]
async fn cancel_asks_first_and_back_works_at_every_step() {
    let mut bot = Bot::new();
    let mut chat = bot.chat("u1");
    register(&mut bot, &mut chat).await;
    chat.press(&mut bot, "cat:shopping").await;
    chat.expect("choose-subcategory");
    chat.press(&mut bot, "nav:back").await;
    chat.expect("choose-category");
    chat.press(&mut bot, "cat:shopping").await;
    chat.press(&mut bot, "sub:refund").await;
    chat.expect("describe");
    chat.say(&mut bot, "ย้อนกลับ").await;
    chat.expect("choose-subcategory");
    chat.press(&mut bot, "sub:refund").await;
    chat.say(&mut bot, "ร้านไม่คืนเงิน").await;
    chat.expect("evidence-prompt");
    chat.press(&mut bot, "nav:back").await;
    chat.expect("describe");
    chat.say(&mut bot, "ร้านไม่คืนเงินค่ะ").await;
    chat.press(&mut bot, "ev:done").await;
    chat.expect("summary");

    chat.say(&mut bot, "ยกเลิก").await;
    chat.expect("cancel-confirm");
    chat.press(&mut bot, "cancel:no").await;
    chat.expect("summary");
    chat.press(&mut bot, "nav:cancel").await;
    chat.press(&mut bot, "cancel:yes").await;
    chat.expect("cancelled").expect("menu");
    assert!(
        !chat.buttons().contains(&"draft:continue".to_owned()),
        "the draft is gone"
    );
    chat.say(&mut bot, "/cancel").await;
    chat.expect("nothing-to-cancel");
}

#[tokio::test]
async fn forged_and_stale_buttons_change_nothing() {
    let mut bot = Bot::new();
    let mut chat = bot.chat("u2").with_locale("en");
    register(&mut bot, &mut chat).await;
    chat.press(&mut bot, "cat:shopping").await;
    // Made up, and from an earlier message.
    for forged in [
        "sum:confirm",
        "open:OCC-2569-000001-3",
        "cat:../../etc",
        "x".repeat(64).as_str(),
        "cat:shopping",
    ] {
        chat.send(&mut bot, Input::Button(forged.to_owned())).await;
        chat.expect("button-invalid").expect("choose-subcategory");
    }
    assert!(chat.text(&bot).contains("no longer valid"));
    assert!(
        bot.store()
            .by_reporter(&chat.user, occ_core::store::Page::first(5))
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn a_restart_in_the_middle_of_a_draft_loses_nothing() {
    let mut bot = Bot::new();
    let mut chat = bot.chat("u3");
    register(&mut bot, &mut chat).await;
    chat.press(&mut bot, "cat:computer_crime").await;
    chat.press(&mut bot, "sub:hacked_account").await;
    chat.say(&mut bot, "เฟสโดนแฮ็ก คนร้ายเอาไปทักยืมเงินเพื่อน").await;
    chat.expect("evidence-prompt");
    bot.restart();
    chat.press(&mut bot, "ev:done").await;
    chat.expect("summary");
    assert!(chat.text(&bot).contains("เฟสโดนแฮ็ก"));
    chat.press(&mut bot, "sum:confirm").await;
    chat.expect("filed");
    assert!(chat.text(&bot).contains("บก.ปอท."), "{}", chat.text(&bot));
}

#[tokio::test]
async fn a_draft_left_alone_is_offered_again_then_expires_after_seven_days() {
    let mut bot = Bot::new();
    let mut chat = bot.chat("u4");
    register(&mut bot, &mut chat).await;
    chat.press(&mut bot, "cat:shopping").await;
    chat.press(&mut bot, "sub:not_delivered").await;

    bot.advance(SignedDuration::from_hours(5));
    chat.say(&mut bot, "สวัสดีค่ะ").await;
    chat.expect("draft-resume");
    chat.press(&mut bot, "draft:continue").await;
    chat.expect("describe");
    chat.say(&mut bot, "ร้านไม่ส่งของ").await;
    chat.expect("evidence-prompt");

    // Pressing a button of the current step is carrying on, not coming back.
    bot.advance(SignedDuration::from_hours(2));
    chat.press(&mut bot, "ev:done").await;
    chat.expect("summary");

    bot.advance(SignedDuration::from_hours(24 * 3));
    chat.say(&mut bot, "/menu").await;
    chat.expect("draft-resume");
    chat.press(&mut bot, "draft:discard").await;
    chat.expect("draft-discarded");

    chat.press(&mut bot, "menu:new").await;
    chat.press(&mut bot, "cat:shopping").await;
    bot.advance(SignedDuration::from_hours(24 * 8));
    chat.say(&mut bot, "สวัสดี").await;
    chat.expect("draft-expired").expect("welcome");
    assert!(chat.text(&bot).contains('7'));
}

#[tokio::test]
async fn unexpected_and_oversized_input_gets_a_hint() {
    let mut bot = Bot::new();
    let mut chat = bot.chat("u5").with_locale("en");
    chat.say(&mut bot, "what is this?").await;
    chat.expect("menu-hint").expect("menu");
    chat.say(&mut bot, "/frobnicate").await;
    chat.expect("unknown-command");
    register(&mut bot, &mut chat).await;
    chat.say(&mut bot, "shopping").await;
    chat.expect("choose-with-buttons");
    chat.say(&mut bot, "Online shopping").await;
    chat.expect("choose-subcategory");
    chat.press(&mut bot, "sub:not_delivered").await;
    let long = "x".repeat(4_001);
    chat.say(&mut bot, &long).await;
    chat.expect("too-long");
    assert!(
        chat.text(&bot).contains("4,000") && chat.text(&bot).contains("4,001"),
        "{}",
        chat.text(&bot)
    );
    chat.say(&mut bot, " \u{7} ").await;
    chat.expect("describe-empty");
    chat.send(
        &mut bot,
        Input::Contact {
            phone: "0812345678".into(),
            owner: None,
        },
    )
    .await;
    chat.expect("contact-not-now");
    chat.send(&mut bot, Input::Timeout).await;
    chat.expect("still-there");
}

#[tokio::test]
async fn a_shared_contact_must_be_ones_own() {
    let mut bot = Bot::new();
    let mut chat = bot.chat("u6");
    chat.say(&mut bot, "/new").await;
    chat.say(&mut bot, "สมศรี").await;
    assert!(
        chat.last
            .as_ref()
            .unwrap()
            .replies
            .iter()
            .any(|r| r.ask_contact)
    );
    chat.send(
        &mut bot,
        Input::Contact {
            phone: "+66899999999".into(),
            owner: Some("someone-else".into()),
        },
    )
    .await;
    chat.expect("contact-not-yours").expect("register-phone");
    chat.send(
        &mut bot,
        Input::Contact {
            phone: "+66812345678".into(),
            owner: Some("u6".into()),
        },
    )
    .await;
    chat.expect("register-email");
    chat.press(&mut bot, "reg:skip").await;
    chat.press(&mut bot, "reg:skip").await;
    chat.press(&mut bot, "reg:agree").await;
    let profile = bot.engine().profile(&chat.user).await.unwrap().unwrap();
    assert!(profile.phone_verified);
}

#[tokio::test]
async fn a_citizen_sees_and_deletes_their_details() {
    let mut bot = Bot::new();
    let mut chat = bot.chat("u7").with_locale("en");
    chat.say(&mut bot, "/profile").await;
    chat.expect("profile-none");
    register(&mut bot, &mut chat).await;
    let id = file_shopping(&mut bot, &mut chat, "never arrived").await;
    chat.say(&mut bot, "/profile").await;
    chat.expect("profile-show");
    let shown = chat.text(&bot);
    assert!(
        shown.contains("+66812345678") && shown.contains("not given"),
        "{shown}"
    );
    chat.press(&mut bot, "profile:delete").await;
    chat.expect("profile-delete-confirm");
    chat.press(&mut bot, "profile:delete-yes").await;
    chat.expect("profile-deleted");
    assert!(bot.engine().profile(&chat.user).await.unwrap().is_none());
    // The complaint already filed stays, and registration is asked for again next time.
    assert!(
        bot.store()
            .get(id.parse().unwrap())
            .await
            .unwrap()
            .is_some()
    );
    chat.press(&mut bot, "menu:new").await;
    chat.expect("register-name");
}

#[tokio::test]
async fn help_fits_the_step() {
    let mut bot = Bot::new();
    let mut chat = bot.chat("u8");
    chat.say(&mut bot, "ช่วยเหลือ").await;
    chat.expect("help");
    register(&mut bot, &mut chat).await;
    chat.press(&mut bot, "cat:shopping").await;
    chat.press(&mut bot, "sub:not_delivered").await;
    chat.say(&mut bot, "/help").await;
    chat.expect("help").expect("describe");
    assert!(
        chat.text(&bot).contains("เล่าเหตุการณ์ด้วยคำพูดของตัวเอง"),
        "{}",
        chat.text(&bot)
    );
}

/// Every flow once, in each language: register, file with an interruption in the middle (a
/// status check, the menu), check, add information, answer an officer, withdraw, see and delete
/// the details. Assertions are on message ids; every answer is also rendered in its language
/// and checked by the harness.
async fn tour(locale: &str, lang: Language) {
    use occ_core::workflow::{Change, Update};
    use occ_core::{Actor, Note, OfficerId};

    let mut bot = Bot::new();
    let mut chat = bot.chat("tourist").with_locale(locale);
    register(&mut bot, &mut chat).await;
    assert_eq!(chat.language(), lang);
    let first = file_shopping(
        &mut bot,
        &mut chat,
        "ร้านไม่ส่งของ / the shop never sent the goods",
    )
    .await;

    // A second complaint, interrupted halfway.
    chat.press(&mut bot, "nav:menu").await;
    chat.press(&mut bot, "menu:new").await;
    chat.press(&mut bot, "cat:computer_crime").await;
    chat.press(&mut bot, "sub:impersonation").await;
    chat.say(&mut bot, &format!("/status {first}")).await;
    chat.expect("status-show");
    chat.say(&mut bot, "/menu").await;
    chat.expect("menu");
    chat.press(&mut bot, "draft:continue").await;
    chat.expect("describe");
    chat.say(
        &mut bot,
        "มีคนทำเฟสปลอมเป็นชื่อเรา / someone made a fake profile with my name",
    )
    .await;
    chat.press(&mut bot, "ev:done").await;
    chat.press(&mut bot, "sum:confirm").await;
    chat.expect("filed");
    let second = crate::harness::issue_id_of(&chat);

    // An officer asks about the first; the citizen answers.
    let officer = Actor::Officer(OfficerId("desk".into()));
    let ask = Update::new(officer, bot.now, Change::RequestInfo)
        .with_note(Note::new("ขอสลิป / the slip, please").unwrap());
    let _ = bot
        .store()
        .update(first.parse().unwrap(), ask)
        .await
        .unwrap();
    chat.say(&mut bot, &first).await;
    chat.expect("status-show");
    chat.press(&mut bot, &format!("add:{first}")).await;
    chat.expect("answer-prompt");
    chat.say(&mut bot, "โอนวันที่ 1 / paid on the 1st").await;
    chat.expect("info-added");
    chat.press(&mut bot, "info:done").await;

    // Withdraw the second.
    chat.press(&mut bot, "menu:mine").await;
    chat.expect("mine-list");
    chat.press(&mut bot, &format!("open:{second}")).await;
    chat.press(&mut bot, &format!("withdraw:{second}")).await;
    chat.press(&mut bot, "withdraw:yes").await;
    chat.expect("withdrawn");

    // Details: see, then delete.
    chat.press(&mut bot, "menu:profile").await;
    chat.expect("profile-show");
    chat.press(&mut bot, "profile:delete").await;
    chat.press(&mut bot, "profile:delete-yes").await;
    chat.expect("profile-deleted");
    assert_eq!(chat.language(), lang);
}

#[tokio::test]
async fn every_flow_in_thai() {
    tour("th", Language::Thai).await;
}

#[tokio::test]
async fn every_flow_in_english() {
    tour("en", Language::English).await;
}
