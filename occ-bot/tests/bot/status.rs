//! Checking status, "my complaints", officers' changes told to the citizen, answering an
//! officer's question, adding information and withdrawing.

use occ_bot::{EngineConfig, Input};
use occ_core::jiff::SignedDuration;
use occ_core::workflow::{Change, Update};
use occ_core::{Actor, AgencyCode, Channel, IssueId, Note, OfficerId, Status};

use crate::harness::{Bot, file_shopping, register};

fn officer() -> Actor {
    Actor::Officer(OfficerId("desk-1".into()))
}

#[tokio::test]
async fn status_by_typed_issue_id_in_every_form() {
    let mut bot = Bot::new();
    let mut chat = bot.chat("somchai");
    register(&mut bot, &mut chat).await;
    let id = file_shopping(&mut bot, &mut chat, "ร้านไม่ส่งของ").await;
    let parsed: IssueId = id.parse().unwrap();
    let thai_digits: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_digit() {
                char::from_u32(0x0E50 + c.to_digit(10).unwrap()).unwrap()
            } else {
                c
            }
        })
        .collect();
    for typed in [
        id.clone(),
        id.to_lowercase(),
        id.replace('-', ""),
        id.replace('-', " "),
        thai_digits,
        id.trim_start_matches("OCC-").to_owned(),
    ] {
        chat.say(&mut bot, &typed).await;
        chat.expect("status-show");
        let text = chat.text(&bot);
        assert!(
            text.contains(&id) && text.contains("2569") && text.contains("ธ.ค."),
            "{typed}: {text}"
        );
    }
    // One digit off: mistyped, not "not found".
    let mut typo = id.clone();
    typo.replace_range(10..11, if &id[10..11] == "1" { "2" } else { "1" });
    chat.say(&mut bot, &typo).await;
    chat.expect("id-mistyped");
    // A well-formed ID that was never issued.
    let never = IssueId::new(2569, parsed.seq() + 40).unwrap().to_string();
    chat.say(&mut bot, &never).await;
    chat.expect("id-not-found");
    let not_found = chat.last.clone().unwrap();

    // Someone else's Issue ID gets exactly the same answer as one never issued.
    let mut other = bot.chat("stranger");
    other.say(&mut bot, &id).await;
    other.expect("id-not-found");
    let theirs = other.last.clone().unwrap();
    let text_of = |r: &occ_bot::Response, with: &str| {
        bot.i18n
            .render(r.language, &r.replies[0].text)
            .replace(with, "ID")
    };
    assert_eq!(text_of(&theirs, &id), text_of(&not_found, &never));
    assert_eq!(theirs.replies[0].buttons, not_found.replies[0].buttons);
}

#[tokio::test]
async fn english_dates_use_the_gregorian_calendar() {
    let mut bot = Bot::new();
    let mut chat = bot.chat("anna").with_locale("en-GB");
    register(&mut bot, &mut chat).await;
    let id = file_shopping(&mut bot, &mut chat, "The parcel never arrived").await;
    chat.say(&mut bot, &id).await;
    let text = chat.text(&bot);
    assert!(
        text.contains("4 Dec 2026, 09:30") && text.contains("Received"),
        "{text}"
    );
}

#[tokio::test]
async fn my_complaints_as_buttons_with_pages() {
    let mut config = EngineConfig::default();
    config.max_complaints_per_day = 20;
    config.page_size = 3;
    let mut bot = Bot::with_config(config);
    let mut chat = bot.chat("many");
    register(&mut bot, &mut chat).await;
    let mut ids = Vec::new();
    for i in 0..4 {
        ids.push(file_shopping(&mut bot, &mut chat, &format!("ร้านที่ {i} ไม่ส่งของ")).await);
        chat.press(&mut bot, "nav:menu").await;
        if i < 3 {
            chat.press(&mut bot, "menu:new").await;
        }
    }
    chat.press(&mut bot, "menu:mine").await;
    chat.expect("mine-list");
    let shown: Vec<String> = chat
        .buttons()
        .into_iter()
        .filter(|b| b.starts_with("open:"))
        .collect();
    assert_eq!(
        shown,
        [&ids[3], &ids[2], &ids[1]].map(|i| format!("open:{i}"))
    );
    let more = chat
        .buttons()
        .into_iter()
        .find(|b| b.starts_with("more:"))
        .unwrap();
    chat.press(&mut bot, &more).await;
    let rest: Vec<String> = chat
        .buttons()
        .into_iter()
        .filter(|b| b.starts_with("open:"))
        .collect();
    assert_eq!(rest, [format!("open:{}", ids[0])]);
    chat.press(&mut bot, &rest[0]).await;
    chat.expect("status-show");
}

#[tokio::test]
async fn an_officers_question_is_told_answered_and_returns_the_complaint() {
    let mut bot = Bot::new();
    let mut chat = bot.chat("somying");
    register(&mut bot, &mut chat).await;
    let id: IssueId = file_shopping(&mut bot, &mut chat, "ร้านไม่ส่งของ")
        .await
        .parse()
        .unwrap();

    let forward = Update::new(
        officer(),
        bot.now,
        Change::Forward {
            agency: AgencyCode::new("OCPB").unwrap(),
        },
    );
    let _ = bot.store().update(id, forward).await.unwrap();
    let ask = Update::new(officer(), bot.now, Change::RequestInfo)
        .with_note(Note::new("ขอสลิปการโอนเงินด้วยค่ะ").unwrap());
    let _ = bot.store().update(id, ask).await.unwrap();

    // The channel delivers the outbox: the forwarding, then the question, in Thai.
    let pending = bot
        .store()
        .pending_notifications(&Channel::terminal(), 10)
        .await
        .unwrap();
    assert_eq!(pending.len(), 2);
    let forwarded = bot.engine().notification(&pending[0]).await;
    assert!(
        bot.i18n
            .render(forwarded.language, &forwarded.replies[0].text)
            .contains("สคบ.")
    );
    let question = bot.engine().notification(&pending[1]).await;
    let asked = bot
        .i18n
        .render(question.language, &question.replies[0].text);
    assert!(asked.contains("ขอสลิปการโอนเงินด้วยค่ะ"), "{asked}");
    for n in &pending {
        bot.store()
            .ack_notification(&Channel::terminal(), n.id)
            .await
            .unwrap();
    }

    // Its Answer button is accepted in the conversation.
    chat.last = Some(question);
    chat.press(&mut bot, &format!("add:{id}")).await;
    chat.expect("answer-prompt");
    chat.send(
        &mut bot,
        Input::Attachment {
            bytes: b"%PDF-1.4 slip".to_vec(),
            media_type: Some("application/pdf".into()),
            name: Some("slip.pdf".into()),
            caption: None,
        },
    )
    .await;
    chat.expect("file-added");
    chat.say(&mut bot, "แนบสลิปแล้วค่ะ โอนวันที่ 1 ธ.ค.").await;
    chat.expect("info-added");
    chat.press(&mut bot, "info:done").await;
    chat.expect("info-done");

    let c = bot.store().get(id).await.unwrap().unwrap();
    assert_eq!(
        c.status,
        Status::Forwarded,
        "back with the agency that asked"
    );
    assert_eq!(c.evidence.len(), 1);
    chat.say(&mut bot, &id.to_string()).await;
    let text = chat.text(&bot);
    assert!(
        text.contains("แนบสลิปแล้วค่ะ") && text.contains("ขอสลิปการโอนเงินด้วยค่ะ"),
        "{text}"
    );
}

#[tokio::test]
async fn withdrawing_asks_first_and_closed_complaints_take_nothing_more() {
    let mut bot = Bot::new();
    let mut chat = bot.chat("u9").with_locale("en");
    register(&mut bot, &mut chat).await;
    let id = file_shopping(&mut bot, &mut chat, "never arrived").await;
    chat.say(&mut bot, &id).await;
    chat.press(&mut bot, &format!("withdraw:{id}")).await;
    chat.expect("withdraw-confirm");
    chat.press(&mut bot, "withdraw:no").await;
    chat.expect("withdraw-kept");
    chat.say(&mut bot, &id).await;
    chat.press(&mut bot, &format!("withdraw:{id}")).await;
    chat.press(&mut bot, "withdraw:yes").await;
    chat.expect("withdrawn");
    let c = bot.store().get(id.parse().unwrap()).await.unwrap().unwrap();
    assert_eq!(c.status, Status::Withdrawn);
    chat.say(&mut bot, &id).await;
    assert!(
        !chat
            .buttons()
            .iter()
            .any(|b| b.starts_with("add:") || b.starts_with("withdraw:"))
    );
    assert!(chat.text(&bot).contains("Withdrawn"));
}

#[tokio::test]
async fn adding_information_to_an_open_complaint() {
    let mut bot = Bot::new();
    let mut chat = bot.chat("u10");
    register(&mut bot, &mut chat).await;
    let id = file_shopping(&mut bot, &mut chat, "ร้านไม่ส่งของ").await;
    bot.advance(SignedDuration::from_hours(2));
    chat.say(&mut bot, &id).await;
    chat.press(&mut bot, &format!("add:{id}")).await;
    chat.expect("add-info-prompt");
    chat.say(
        &mut bot,
        "ร้านเปลี่ยนชื่อเพจเป็น https://www.facebook.com/NewShoeTH แล้วค่ะ",
    )
    .await;
    chat.expect("info-added");
    let c = bot.store().get(id.parse().unwrap()).await.unwrap().unwrap();
    assert_eq!(c.timeline.len(), 3, "the link as evidence and the message");
    assert!(
        c.identifiers
            .iter()
            .any(|i| i.value == "facebook.com/newshoeth")
    );
}
