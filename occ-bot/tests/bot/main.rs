//! Conversation tests: whole dialogues through the engine with a fake clock and the real store in
//! a temporary folder, each turn asserted; the locales; and the real `occ-bot console` binary
//! driven through standard input.

mod admin;
mod binary;
mod discord;
mod fake_discord;
mod fake_telegram;
mod filing;
mod flows;
mod harness;
mod limits;
mod locales;
mod loopback;
mod officers;
mod status;
mod telegram;
