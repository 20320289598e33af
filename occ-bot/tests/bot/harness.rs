//! A simulated chat: a fake clock, the real store in a temporary folder, readable failures.

use std::path::PathBuf;
use std::sync::Arc;

use occ_bot::{Engine, EngineConfig, I18n, Incoming, Input, Response};
use occ_core::jiff::{SignedDuration, Timestamp};
use occ_core::routing::{Router, SharedRouter};
use occ_core::store::{SledStore, Store, StoreConfig};
use occ_core::{Channel, Language, UserRef};

/// The bot with its store, and the time.
pub struct Bot {
    engine: Option<Arc<Engine>>,
    store: Option<Arc<dyn Store>>,
    pub i18n: Arc<I18n>,
    pub dir: PathBuf,
    _tmp: Option<tempfile::TempDir>,
    pub now: Timestamp,
    config: EngineConfig,
    counter: u64,
}

fn open(dir: &std::path::Path, config: &EngineConfig) -> (Arc<Engine>, Arc<dyn Store>) {
    let store: Arc<dyn Store> =
        Arc::new(SledStore::open(dir, StoreConfig::default()).expect("store opens"));
    let router = SharedRouter::new(Router::builtin(store.catalog()));
    (
        Arc::new(Engine::new(Arc::clone(&store), router, config.clone())),
        store,
    )
}

impl Bot {
    pub fn new() -> Self {
        Self::with_config(EngineConfig::default())
    }

    pub fn with_config(config: EngineConfig) -> Self {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().to_owned();
        let (engine, store) = open(&dir, &config);
        Self {
            engine: Some(engine),
            store: Some(store),
            i18n: Arc::new(I18n::embedded().unwrap()),
            dir,
            _tmp: Some(tmp),
            now: "2026-12-04T02:30:00Z".parse().unwrap(),
            config,
            counter: 0,
        }
    }

    /// Stops the bot and starts it again on the same data, as after a crash or an upgrade.
    pub fn restart(&mut self) {
        drop(self.engine.take());
        drop(self.store.take());
        let (engine, store) = open(&self.dir, &self.config);
        self.engine = Some(engine);
        self.store = Some(store);
    }

    pub fn engine(&self) -> &Arc<Engine> {
        self.engine.as_ref().unwrap()
    }

    pub fn store(&self) -> &Arc<dyn Store> {
        self.store.as_ref().unwrap()
    }

    pub fn advance(&mut self, d: SignedDuration) {
        self.now += d;
    }

    pub fn chat(&self, user: &str) -> Chat {
        Chat {
            user: UserRef::new(Channel::terminal(), user).unwrap(),
            locale: None,
            last: None,
        }
    }

    pub fn next_id(&mut self) -> String {
        self.counter += 1;
        format!("m{}", self.counter)
    }
}

/// One user's conversation.
pub struct Chat {
    pub user: UserRef,
    pub locale: Option<String>,
    pub last: Option<Response>,
}

impl Chat {
    pub fn with_locale(mut self, locale: &str) -> Self {
        self.locale = Some(locale.to_owned());
        self
    }

    /// Sends an input with a new message id and checks the answer renders cleanly.
    pub async fn send(&mut self, bot: &mut Bot, input: Input) -> &Response {
        let id = bot.next_id();
        self.send_as(bot, input, &id).await
    }

    /// Sends an input with a given message id (to redeliver one).
    pub async fn send_as(&mut self, bot: &mut Bot, input: Input, message_id: &str) -> &Response {
        let response = bot
            .engine()
            .handle(Incoming {
                user: self.user.clone(),
                chat: format!("chat-{}", self.user.id()),
                message_id: message_id.to_owned(),
                locale: self.locale.clone(),
                input,
                now: bot.now,
            })
            .await;
        check_rendering(&bot.i18n, &response);
        // People take a few seconds to read and type.
        bot.now += SignedDuration::from_secs(4);
        self.last = Some(response);
        self.last.as_ref().unwrap()
    }

    pub async fn say(&mut self, bot: &mut Bot, text: &str) -> &Response {
        self.send(bot, Input::Text(text.to_owned())).await
    }

    /// Presses a button of the last answer, by id; fails the test if there is none.
    pub async fn press(&mut self, bot: &mut Bot, id: &str) -> &Response {
        let last = self.last.as_ref().expect("an answer to press a button of");
        assert!(
            last.replies
                .iter()
                .flat_map(|r| r.all_buttons())
                .any(|b| b.id == id),
            "no button {id:?} in the last answer; there are {:?}",
            self.buttons()
        );
        self.send(bot, Input::Button(id.to_owned())).await
    }

    pub fn ids(&self) -> Vec<String> {
        self.last
            .as_ref()
            .map(|r| r.replies.iter().map(|x| x.text.id.clone()).collect())
            .unwrap_or_default()
    }

    pub fn buttons(&self) -> Vec<String> {
        self.last
            .as_ref()
            .map(|r| {
                r.replies
                    .iter()
                    .flat_map(|x| x.all_buttons())
                    .map(|b| b.id.clone())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Asserts that the last answer has a message with this id.
    #[track_caller]
    pub fn expect(&self, id: &str) -> &Self {
        assert!(
            self.ids().iter().any(|x| x == id),
            "expected message {id:?}, got {:?}",
            self.ids()
        );
        self
    }

    /// The last answer rendered, as the user reads it.
    pub fn text(&self, bot: &Bot) -> String {
        let r = self.last.as_ref().unwrap();
        r.replies
            .iter()
            .map(|x| bot.i18n.render(r.language, &x.text))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The last answer's text and button labels, as the user reads them.
    pub fn screen(&self, bot: &Bot) -> String {
        let r = self.last.as_ref().unwrap();
        let mut out = self.text(bot);
        for b in r.replies.iter().flat_map(|x| x.all_buttons()) {
            out.push_str("\n  ");
            out.push_str(&bot.i18n.render(r.language, &b.label));
        }
        out
    }

    pub fn language(&self) -> Language {
        self.last.as_ref().unwrap().language
    }
}

/// Every reply and button renders, with no missing message and no isolation mark.
pub fn check_rendering(i18n: &I18n, r: &Response) {
    for reply in &r.replies {
        let mut texts = vec![i18n.render(r.language, &reply.text)];
        texts.extend(
            reply
                .all_buttons()
                .map(|b| i18n.render(r.language, &b.label)),
        );
        for t in texts {
            assert!(
                !t.contains('\u{2068}') && !t.contains('\u{2069}'),
                "isolation mark in {t:?}"
            );
            assert!(
                !(t.starts_with('[') && t.ends_with(']') && !t.contains(' ')),
                "missing message: {t}"
            );
            assert!(
                !t.contains("{$") && !t.contains("{ $"),
                "unresolved variable in {t:?}"
            );
        }
        for b in reply.all_buttons() {
            assert!(
                b.id.is_ascii() && b.id.len() <= 64,
                "bad button id {:?}",
                b.id
            );
        }
    }
}

/// Registers `chat` (name, phone, no email, no national ID, consent) and leaves it at the
/// category step.
pub async fn register(bot: &mut Bot, chat: &mut Chat) {
    chat.say(bot, "/start").await;
    chat.press(bot, "menu:new").await;
    chat.expect("register-intro").expect("register-name");
    chat.say(bot, "สมชาย ใจดี").await;
    chat.expect("register-phone");
    chat.say(bot, "081-234-5678").await;
    chat.expect("register-email");
    chat.press(bot, "reg:skip").await;
    chat.expect("register-national-id");
    chat.press(bot, "reg:skip").await;
    chat.expect("privacy-notice");
    chat.press(bot, "reg:agree").await;
    chat.expect("registered").expect("choose-category");
}

/// Files a shopping complaint from the category step and returns its Issue ID.
pub async fn file_shopping(bot: &mut Bot, chat: &mut Chat, text: &str) -> String {
    chat.press(bot, "cat:shopping").await;
    chat.press(bot, "sub:not_delivered").await;
    chat.expect("describe");
    chat.say(bot, text).await;
    chat.expect("evidence-prompt");
    chat.press(bot, "ev:done").await;
    chat.expect("summary");
    chat.press(bot, "sum:confirm").await;
    chat.expect("filed");
    issue_id_of(chat)
}

/// The Issue ID given in the last answer.
pub fn issue_id_of(chat: &Chat) -> String {
    let r = chat.last.as_ref().unwrap();
    let filed = r
        .replies
        .iter()
        .find(|x| x.text.id == "filed")
        .expect("a filed message");
    match &filed.text.args.iter().find(|(k, _)| k == "id").unwrap().1 {
        occ_bot::Arg::Text(t) => t.clone(),
        other => panic!("{other:?}"),
    }
}

/// Puts an officer in the store, as `occ.toml` or the admin command line would.
pub async fn appoint(bot: &Bot, user: &str, role: &str, language: occ_core::Language) {
    let officer = occ_core::officers::Officer {
        user: UserRef::new(Channel::terminal(), user).unwrap(),
        name: user.to_owned(),
        role: role.parse().unwrap(),
        language,
    };
    bot.store().put_officer(&officer).await.unwrap();
}

/// Delivers what the outbox holds for `chat`'s user, as the terminal channel does, and makes it
/// the last answer (so that its buttons can be pressed). Returns the messages' ids.
pub async fn deliver(bot: &Bot, chat: &mut Chat) -> Vec<String> {
    let pending = bot
        .store()
        .pending_notifications(&Channel::terminal(), 100)
        .await
        .unwrap();
    let mut replies = Vec::new();
    let mut language = None;
    for n in pending.into_iter().filter(|n| n.recipient == chat.user) {
        let response = bot.engine().notification(&n).await;
        check_rendering(&bot.i18n, &response);
        language = Some(response.language);
        replies.extend(response.replies);
        bot.store()
            .ack_notification(&Channel::terminal(), n.id)
            .await
            .unwrap();
    }
    let ids = replies.iter().map(|r| r.text.id.clone()).collect();
    if let Some(language) = language {
        chat.last = Some(Response { language, replies });
    }
    ids
}
