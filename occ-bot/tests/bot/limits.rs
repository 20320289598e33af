//! Limits against floods: messages per minute and complaints per day, answered politely.

use occ_bot::EngineConfig;
use occ_core::jiff::SignedDuration;

use crate::harness::{Bot, file_shopping, register};

#[tokio::test]
async fn too_many_messages_a_minute_are_slowed_down_once() {
    let mut config = EngineConfig::default();
    config.max_messages_per_minute = 5;
    let mut bot = Bot::with_config(config);
    let mut chat = bot.chat("flood").with_locale("en");
    for _ in 0..5 {
        chat.say(&mut bot, "hello?").await;
        bot.advance(SignedDuration::from_secs(1));
    }
    chat.say(&mut bot, "hello?").await;
    chat.expect("slow-down");
    assert!(
        chat.text(&bot).contains("5 messages a minute"),
        "{}",
        chat.text(&bot)
    );
    // Said once, not to every message of the flood.
    chat.say(&mut bot, "hello?").await;
    assert!(chat.ids().is_empty(), "{:?}", chat.ids());
    bot.advance(SignedDuration::from_secs(61));
    chat.say(&mut bot, "/start").await;
    chat.expect("welcome");
}

/// The answer to a flood has no buttons: those on screen before it stay valid.
#[tokio::test]
async fn buttons_stay_valid_across_a_slow_down() {
    let mut config = EngineConfig::default();
    config.max_messages_per_minute = 3;
    let mut bot = Bot::with_config(config);
    let mut chat = bot.chat("fast");
    chat.say(&mut bot, "/start").await;
    chat.say(&mut bot, "?").await;
    chat.say(&mut bot, "?").await;
    chat.expect("menu-hint");
    chat.say(&mut bot, "?").await;
    chat.expect("slow-down");
    bot.advance(SignedDuration::from_secs(61));
    chat.send(&mut bot, occ_bot::Input::Button("menu:new".into()))
        .await;
    chat.expect("register-intro");
}

#[tokio::test]
async fn complaints_a_day_are_capped() {
    let mut config = EngineConfig::default();
    config.max_complaints_per_day = 2;
    let mut bot = Bot::with_config(config);
    let mut chat = bot.chat("busy");
    register(&mut bot, &mut chat).await;
    file_shopping(&mut bot, &mut chat, "ร้านที่หนึ่งไม่ส่งของ").await;
    chat.press(&mut bot, "nav:menu").await;
    chat.press(&mut bot, "menu:new").await;
    file_shopping(&mut bot, &mut chat, "ร้านที่สองไม่ส่งของ").await;
    chat.press(&mut bot, "nav:menu").await;
    chat.press(&mut bot, "menu:new").await;
    chat.expect("limit-per-day");
    assert!(chat.text(&bot).contains("1212"));
    bot.advance(SignedDuration::from_hours(25));
    chat.say(&mut bot, "/new").await;
    chat.expect("choose-category");
}
