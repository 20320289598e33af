//! The officers' side of the bot: the whole loop from a citizen's Thai complaint to the
//! statistics; every officer command and button refused to citizens, to another agency and
//! when forged or stale; incidents; warnings; the statistics chart.

use occ_bot::Input;
use occ_core::jiff::SignedDuration;
use occ_core::stats::Period;
use occ_core::{AgencyCode, EventKind, IssueId, Language, Status};

use crate::harness::{Bot, Chat, appoint, deliver, file_shopping, register};

/// A small real PNG, as a phone's photo of a transfer slip would be.
fn photo() -> Vec<u8> {
    let img = image::RgbImage::from_pixel(8, 8, image::Rgb([200, 30, 30]));
    let mut bytes = Vec::new();
    img.write_to(
        &mut std::io::Cursor::new(&mut bytes),
        image::ImageFormat::Png,
    )
    .unwrap();
    bytes
}

async fn status_of(bot: &Bot, id: &str) -> Status {
    let id: IssueId = id.parse().unwrap();
    bot.store().get(id).await.unwrap().unwrap().status
}

async fn audited(bot: &Bot) -> usize {
    bot.store().audit_log(10_000).await.unwrap().len()
}

#[tokio::test]
async fn the_whole_loop_from_a_thai_complaint_to_the_statistics() {
    let mut bot = Bot::new();
    appoint(&bot, "desk", "desk", Language::Thai).await;
    appoint(&bot, "ocpb", "agency:OCPB", Language::English).await;

    // A citizen files in Thai.
    let mut citizen = bot.chat("somying");
    register(&mut bot, &mut citizen).await;
    let id = file_shopping(
        &mut bot,
        &mut citizen,
        "สั่งรองเท้าจากเพจ Shoe Deal โอนเงินไป 1,500 บาท แต่ร้านไม่ส่งของและบล็อกเฟซบุ๊ก",
    )
    .await;

    // The desk finds it in the queue with its suggestion, opens it and accepts the suggestion.
    let mut desk = bot.chat("desk");
    desk.say(&mut bot, "/queue").await;
    desk.expect("queue-list");
    let queue = desk.screen(&bot);
    assert!(queue.contains(&id) && queue.contains("OCPB"), "{queue}");
    desk.press(&mut bot, &format!("case:{id}")).await;
    desk.expect("case-show");
    let case = desk.text(&bot);
    assert!(
        case.contains("Shoe Deal") && case.contains("สมชาย ใจดี") && case.contains("+66812345678"),
        "the desk calls back, so it sees the phone: {case}"
    );
    desk.press(&mut bot, &format!("ok:{id}")).await;
    desk.expect("officer-ask-text");
    desk.say(&mut bot, "ร้านค้าออนไลน์ไม่ส่งของ มีสลิปการโอน").await;
    desk.expect("case-done").expect("case-show");
    assert_eq!(status_of(&bot, &id).await, Status::Forwarded);

    // The citizen is told, in Thai, which agency has it; the desk's note is not shown to her.
    let told = deliver(&bot, &mut citizen).await;
    assert_eq!(told, ["notify-forwarded"]);
    let text = citizen.text(&bot);
    assert!(
        text.contains("สคบ.") && !text.contains("มีสลิปการโอน"),
        "{text}"
    );

    // The OCPB's officer, who reads English, finds it in their queue and asks for the slip.
    let mut ocpb = bot.chat("ocpb").with_locale("en");
    ocpb.say(&mut bot, "/queue").await;
    ocpb.expect("queue-list");
    ocpb.press(&mut bot, &format!("case:{id}")).await;
    ocpb.expect("case-show");
    let case = ocpb.text(&bot);
    assert!(case.contains("forwarded, not started"), "{case}");
    ocpb.press(&mut bot, &format!("ask:{id}")).await;
    ocpb.expect("officer-ask-text");
    ocpb.say(&mut bot, "Please send a photo of the transfer slip.")
        .await;
    ocpb.expect("case-done");
    assert_eq!(status_of(&bot, &id).await, Status::NeedInfo);

    // The citizen answers with a photo and a few words.
    assert_eq!(deliver(&bot, &mut citizen).await, ["notify-need-info"]);
    assert!(citizen.text(&bot).contains("transfer slip"));
    citizen.press(&mut bot, &format!("add:{id}")).await;
    citizen.expect("answer-prompt");
    citizen
        .send(
            &mut bot,
            Input::Attachment {
                bytes: photo(),
                media_type: Some("image/png".into()),
                name: Some("slip.png".into()),
                caption: None,
            },
        )
        .await;
    citizen.expect("file-added");
    citizen.say(&mut bot, "แนบสลิปให้แล้วค่ะ โอนวันที่ 1 ธ.ค.").await;
    citizen.expect("info-added");
    citizen.press(&mut bot, "info:done").await;
    assert_eq!(status_of(&bot, &id).await, Status::Forwarded);

    // The answer comes back to the officer who asked, and the photo is in the case.
    assert_eq!(deliver(&bot, &mut ocpb).await, ["officer-citizen-replied"]);
    assert!(ocpb.text(&bot).contains("แนบสลิปให้แล้วค่ะ"));
    ocpb.press(&mut bot, &format!("case:{id}")).await;
    let case = ocpb.text(&bot);
    assert!(case.contains("slip.png"), "{case}");
    // The officer sees the photo itself, as it was sent.
    ocpb.press(&mut bot, &format!("evi:{id}")).await;
    ocpb.expect("case-evidence-files");
    let files = &ocpb.last.as_ref().unwrap().replies[0].attachments;
    assert_eq!(files.len(), 1);
    assert_eq!(
        (files[0].name.as_str(), files[0].media_type.as_str()),
        ("slip.png", "image/png")
    );
    assert_eq!(files[0].bytes, photo());
    ocpb.press(&mut bot, &format!("case:{id}")).await;
    ocpb.press(&mut bot, &format!("work:{id}")).await;
    ocpb.expect("case-done");

    // Contact back: the officer writes, the citizen replies, both are kept.
    ocpb.press(&mut bot, &format!("msg:{id}")).await;
    ocpb.say(
        &mut bot,
        "We reached the shop; it promises a refund within three days.",
    )
    .await;
    ocpb.expect("case-done");
    let told = deliver(&bot, &mut citizen).await;
    assert_eq!(told, ["notify-status", "notify-message"]);
    citizen.press(&mut bot, &format!("add:{id}")).await;
    citizen.say(&mut bot, "ขอบคุณค่ะ จะรอนะคะ").await;
    citizen.press(&mut bot, "info:done").await;
    assert_eq!(deliver(&bot, &mut ocpb).await, ["officer-citizen-replied"]);

    // Resolved, with a note the citizen reads.
    bot.advance(SignedDuration::from_hours(50));
    ocpb.press(&mut bot, &format!("case:{id}")).await;
    ocpb.press(&mut bot, &format!("resolve:{id}")).await;
    ocpb.say(&mut bot, "The shop refunded the 1,500 baht.")
        .await;
    ocpb.expect("case-done");
    assert_eq!(status_of(&bot, &id).await, Status::Resolved);
    assert_eq!(deliver(&bot, &mut citizen).await, ["notify-status-note"]);
    assert!(citizen.text(&bot).contains("1,500 baht"));

    let c = bot.store().get(id.parse().unwrap()).await.unwrap().unwrap();
    assert!(
        c.timeline
            .iter()
            .any(|e| matches!(e.kind, EventKind::MessageToCitizen))
            && c.timeline
                .iter()
                .any(|e| matches!(e.kind, EventKind::MessageFromCitizen)),
        "{:#?}",
        c.timeline
    );

    // The statistics show it: one filed, forwarded to the OCPB, resolved; and a chart.
    desk.say(&mut bot, "/stats").await;
    desk.expect("stats-with-chart");
    let stats = desk.text(&bot);
    assert!(
        stats.contains("รับเรื่อง: 1 เรื่อง")
            && stats.contains("สำนักงานคณะกรรมการคุ้มครองผู้บริโภค (สคบ.): 1 เรื่อง")
            && stats.contains("ดำเนินการเสร็จ: 1 เรื่อง"),
        "{stats}"
    );
    let reply = &desk.last.as_ref().unwrap().replies[0];
    assert_eq!(reply.attachments.len(), 1);
    assert_eq!(reply.attachments[0].media_type, "image/png");
    let chart = image::load_from_memory(&reply.attachments[0].bytes).unwrap();
    assert_eq!(
        (chart.width(), chart.height()),
        occ_bot::chart::SIZE,
        "the chart is a PNG of the expected size"
    );
    let report = bot
        .store()
        .report(Period::month(2569, 12).unwrap())
        .await
        .unwrap();
    assert_eq!((report.current.received, report.current.resolved), (1, 1));
    assert_eq!(
        report
            .current
            .forwarded
            .get(&AgencyCode::new("OCPB").unwrap()),
        Some(&1)
    );
}

/// Every officer command, as a person types it.
const OFFICER_COMMANDS: &[&str] = &["/queue", "/overdue", "/incidents", "/stats", "/warn"];

#[tokio::test]
async fn citizens_get_the_same_polite_refusal_for_every_officer_command_and_button() {
    let mut bot = Bot::new();
    appoint(&bot, "desk", "desk", Language::Thai).await;
    let mut citizen = bot.chat("somying");
    register(&mut bot, &mut citizen).await;
    let id = file_shopping(&mut bot, &mut citizen, "ร้านไม่ส่งของ").await;
    let before = bot.store().get(id.parse().unwrap()).await.unwrap();

    let mut stranger = bot.chat("stranger");
    stranger.say(&mut bot, "/start").await;
    for chat in [&mut citizen, &mut stranger] {
        let mut refusals = Vec::new();
        let case = format!("/case {id}");
        for command in OFFICER_COMMANDS.iter().copied().chain([case.as_str()]) {
            let n = audited(&bot).await;
            chat.say(&mut bot, command).await;
            chat.expect("officer-denied");
            assert_eq!(audited(&bot).await, n + 1, "{command} is audited");
            refusals.push(chat.text(&bot));
        }
        // Forged buttons: every kind an officer is given.
        for button in [
            format!("case:{id}"),
            format!("evi:{id}"),
            format!("screen:{id}"),
            format!("ok:{id}"),
            format!("fwd:{id}"),
            format!("fwdto:{id}:OCPB"),
            format!("ask:{id}"),
            format!("work:{id}"),
            format!("resolve:{id}"),
            format!("reject:{id}"),
            format!("dup:{id}"),
            format!("msg:{id}"),
            format!("note:{id}"),
            format!("skipnote:{id}"),
            "off:queue".to_owned(),
            "inc:0".to_owned(),
            "incfwd:0".to_owned(),
            "incfwdto:0:OCPB".to_owned(),
            "incmsg:0".to_owned(),
            "warn:yes".to_owned(),
        ] {
            let n = audited(&bot).await;
            chat.send(&mut bot, Input::Button(button.clone())).await;
            chat.expect("officer-denied");
            assert_eq!(audited(&bot).await, n + 1, "{button} is audited");
            refusals.push(chat.text(&bot));
        }
        // The same words whatever was tried.
        refusals.dedup();
        assert_eq!(refusals.len(), 1, "{refusals:?}");
    }
    // Nothing changed, and the citizen's own commands still work.
    assert_eq!(bot.store().get(id.parse().unwrap()).await.unwrap(), before);
    citizen.say(&mut bot, "/warnings").await;
    citizen.expect("warnings-none");
    citizen.say(&mut bot, &id).await;
    citizen.expect("status-show");
}

#[tokio::test]
async fn another_agency_and_a_removed_officer_are_refused_and_stale_buttons_change_nothing() {
    let mut bot = Bot::new();
    appoint(&bot, "desk", "desk", Language::English).await;
    appoint(&bot, "desk2", "desk", Language::English).await;
    appoint(&bot, "fda", "agency:FDA", Language::English).await;
    let mut citizen = bot.chat("somying");
    register(&mut bot, &mut citizen).await;
    let id = file_shopping(&mut bot, &mut citizen, "ร้านไม่ส่งของ").await;

    // Two desk officers open the same complaint; the second forwards it to the OCPB.
    let mut desk = bot.chat("desk").with_locale("en");
    desk.say(&mut bot, &format!("/case {id}")).await;
    desk.expect("case-show");
    let mut desk2 = bot.chat("desk2").with_locale("en");
    desk2.say(&mut bot, &format!("/case {id}")).await;
    desk2.press(&mut bot, &format!("fwd:{id}")).await;
    desk2.expect("choose-agency");
    desk2.press(&mut bot, &format!("fwdto:{id}:OCPB")).await;
    desk2.press(&mut bot, &format!("skipnote:{id}")).await;
    desk2.expect("case-done");

    // The first desk's "start screening" is stale now: the workflow says why, nothing changes.
    desk.press(&mut bot, &format!("screen:{id}")).await;
    desk.expect("workflow-not-allowed");
    assert_eq!(status_of(&bot, &id).await, Status::Forwarded);

    // The FDA may not open the OCPB's complaint, by command or by a forged button.
    let mut fda = bot.chat("fda").with_locale("en");
    fda.say(&mut bot, "/queue").await;
    fda.expect("queue-empty");
    let n = audited(&bot).await;
    fda.say(&mut bot, &format!("/case {id}")).await;
    fda.expect("officer-denied");
    fda.send(&mut bot, Input::Button(format!("resolve:{id}")))
        .await;
    fda.expect("officer-denied");
    fda.say(&mut bot, "/warn").await;
    fda.expect("officer-denied");
    assert_eq!(audited(&bot).await, n + 3);

    // An officer removed while holding buttons: they press one they were given.
    desk.say(&mut bot, &format!("/case {id}")).await;
    desk.expect("case-show");
    assert!(bot.store().remove_officer(&desk.user).await.unwrap());
    let n = audited(&bot).await;
    desk.press(&mut bot, &format!("work:{id}")).await;
    desk.expect("officer-denied");
    // Offered with the case, two answers ago.
    desk.send(&mut bot, Input::Button("off:queue".into())).await;
    desk.expect("officer-denied");
    assert_eq!(audited(&bot).await, n + 2);
    assert_eq!(status_of(&bot, &id).await, Status::Forwarded);

    // A duplicate needs a real Issue ID: a mistyped one is explained and asked again.
    desk2.say(&mut bot, &format!("/case {id}")).await;
    desk2.press(&mut bot, &format!("dup:{id}")).await;
    let mut typo = id.clone();
    let last = typo.pop().unwrap();
    typo.push(if last == '1' { '2' } else { '1' });
    desk2.say(&mut bot, &typo).await;
    desk2.expect("id-mistyped");
    desk2.say(&mut bot, "เรื่องเดียวกับเมื่อวาน").await;
    desk2.expect("id-not-an-id");
}

#[tokio::test]
async fn an_incident_is_forwarded_as_one_and_its_complainants_told_together() {
    let mut bot = Bot::new();
    appoint(&bot, "desk", "desk", Language::English).await;
    let mut ids = Vec::new();
    let mut chats: Vec<Chat> = Vec::new();
    for (n, user) in ["a1", "a2", "a3"].into_iter().enumerate() {
        let mut chat = bot.chat(user);
        register(&mut bot, &mut chat).await;
        ids.push(
            file_shopping(
                &mut bot,
                &mut chat,
                &format!("โอนเงินเข้าบัญชีกสิกร 123-4-56789-0 แล้วไม่ได้ของ ครั้งที่ {n}"),
            )
            .await,
        );
        chats.push(chat);
    }
    let mut desk = bot.chat("desk").with_locale("en");
    desk.say(&mut bot, "/incidents").await;
    desk.expect("incidents-list");
    let list = desk.screen(&bot);
    assert!(
        list.contains("Bank account 1234567890 · 3 complaints"),
        "{list}"
    );
    desk.press(&mut bot, "inc:0").await;
    desk.expect("incident-show");
    for id in &ids {
        assert!(desk.buttons().contains(&format!("case:{id}")));
    }
    desk.press(&mut bot, "incfwd:0").await;
    desk.expect("choose-agency");
    desk.press(&mut bot, "incfwdto:0:TCSD").await;
    desk.expect("incident-done");
    for id in &ids {
        assert_eq!(status_of(&bot, id).await, Status::Forwarded);
        let c = bot.store().get(id.parse().unwrap()).await.unwrap().unwrap();
        assert_eq!(c.agency, AgencyCode::new("TCSD").unwrap());
    }
    desk.press(&mut bot, "inc:0").await;
    desk.expect("incident-show");
    desk.press(&mut bot, "incmsg:0").await;
    desk.expect("officer-ask-incident-message");
    desk.say(&mut bot, "The police have frozen this bank account.")
        .await;
    desk.expect("incident-done");
    for chat in &mut chats {
        let told = deliver(&bot, chat).await;
        assert_eq!(
            told,
            ["notify-forwarded", "notify-message"],
            "{}",
            chat.user
        );
    }
}

#[tokio::test]
async fn a_warning_is_written_in_both_languages_and_reaches_subscribers_in_theirs() {
    let mut bot = Bot::new();
    appoint(&bot, "desk", "desk", Language::Thai).await;
    let mut thai = bot.chat("thai");
    thai.say(&mut bot, "/subscribe").await;
    thai.expect("subscribed");
    let mut english = bot.chat("english").with_locale("en");
    english.say(&mut bot, "/start").await;
    english.say(&mut bot, "/subscribe").await;
    let mut later = bot.chat("later");
    later.say(&mut bot, "/subscribe").await;
    later.say(&mut bot, "/unsubscribe").await;
    later.expect("unsubscribed");

    let mut desk = bot.chat("desk");
    desk.say(&mut bot, "/warn").await;
    desk.expect("warn-ask-thai");
    desk.say(&mut bot, "ระวัง SMS แจ้งพัสดุตกค้าง ให้กดลิงก์ อย่ากดเด็ดขาด")
        .await;
    desk.expect("warn-ask-english");
    desk.say(
        &mut bot,
        "Beware of texts about a parcel held at customs: do not tap the link.",
    )
    .await;
    desk.expect("warn-confirm");
    desk.press(&mut bot, "warn:yes").await;
    desk.expect("warn-published");

    assert_eq!(deliver(&bot, &mut thai).await, ["warning-notice"]);
    assert!(thai.text(&bot).contains("พัสดุตกค้าง"));
    assert_eq!(deliver(&bot, &mut english).await, ["warning-notice"]);
    assert!(english.text(&bot).contains("parcel held at customs"));
    assert!(deliver(&bot, &mut later).await.is_empty());
    later.say(&mut bot, "/warnings").await;
    later.expect("warnings-list");
}

#[tokio::test]
async fn the_chart_is_a_png_of_the_expected_size_with_the_periods_data() {
    let mut bot = Bot::new();
    let mut chat = bot.chat("somying");
    register(&mut bot, &mut chat).await;
    file_shopping(&mut bot, &mut chat, "ร้านไม่ส่งของ").await;
    let catalog = bot.store().catalog().clone();
    let last = occ_core::calendar::Day::of(bot.now);
    let empty = occ_bot::chart::monthly_by_category(
        &occ_core::store::Counters::default(),
        &catalog,
        last,
        Language::Thai,
    );
    let counters = bot.store().counters().await.unwrap();
    let series = occ_bot::chart::series(&counters, &catalog, last);
    // Twelve months, this one last: the one shopping complaint, nothing else.
    let shopping = series.iter().find(|(c, _)| c == "shopping").unwrap();
    assert_eq!(shopping.1.len(), 12);
    assert_eq!(shopping.1[11], 1);
    assert_eq!(
        series
            .iter()
            .map(|(_, v)| v.iter().sum::<u64>())
            .sum::<u64>(),
        1
    );

    for lang in [Language::Thai, Language::English] {
        let png = occ_bot::chart::monthly_by_category(&counters, &catalog, last, lang);
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        let img = image::load_from_memory(&png).unwrap().to_rgb8();
        assert_eq!(img.dimensions(), occ_bot::chart::SIZE);
        let blank = image::load_from_memory(&empty).unwrap().to_rgb8();
        let differing = img
            .pixels()
            .zip(blank.pixels())
            .filter(|(a, b)| a != b)
            .count();
        assert!(differing > 100, "the bar is drawn ({differing} pixels)");
    }
}
