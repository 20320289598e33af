//! The Telegram channel, on teloxide 0.17.
//!
//! A thin adapter: it turns Telegram updates into engine inputs and engine replies into Telegram
//! messages, and knows nothing about complaints. Buttons are inline keyboards (every callback
//! query is answered); "share my phone number" is a one-time contact keyboard; photos (the
//! largest size), documents, videos and voice messages are downloaded through `getFile` within
//! Telegram's 20 MB limit. Messages are sent as plain text, so nothing a citizen types can
//! change their formatting, and link previews are off. Outgoing messages go through teloxide's
//! `Throttle`, which keeps within Telegram's rate limits. The bot answers only in private
//! chats: a complaint is never shown in a group.
//!
//! `TELOXIDE_TOKEN` is the bot's token; `TELOXIDE_API_URL`, when set, points the bot at another
//! Bot API server (a local one, or a test's fake on 127.0.0.1).

use std::net::SocketAddr;
use std::sync::Arc;

use async_trait::async_trait;
use occ_core::store::Notification;
use occ_core::{Channel, Language, UserRef};
use teloxide::adaptors::Throttle;
use teloxide::adaptors::throttle::Limits;
use teloxide::dispatching::{Dispatcher, UpdateFilterExt};
use teloxide::net::Download;
use teloxide::prelude::*;
use teloxide::types::{
    BotCommand, ButtonRequest, ChatId, FileMeta, InlineKeyboardButton, InlineKeyboardMarkup,
    InputFile, KeyboardButton, KeyboardMarkup, LinkPreviewOptions, MaybeInaccessibleMessage,
};
use teloxide::{ApiError, RequestError};
use tokio::sync::watch;

use crate::engine::{Engine, Incoming, Input};
use crate::i18n::I18n;
use crate::outbox::{self, Deliver, DeliveryError, OutboxConfig};
use crate::render::render;
use crate::reply::{Msg, Response};

/// The most characters in one Telegram message.
const MAX_TEXT: usize = 4096;
/// The largest file a bot can download from Telegram.
pub const MAX_DOWNLOAD: u64 = 20 * 1024 * 1024;

/// A Telegram setup that cannot start.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TelegramError {
    /// No token.
    #[error("TELOXIDE_TOKEN is not set: put the bot's token from @BotFather in it")]
    NoToken,
    /// `TELOXIDE_API_URL` is not a URL.
    #[error("TELOXIDE_API_URL is not a valid URL: {0}")]
    BadApiUrl(String),
    /// Telegram refused the token.
    #[error("Telegram rejected the token in TELOXIDE_TOKEN: check it with @BotFather")]
    TokenRejected,
    /// Telegram could not be reached.
    #[error("cannot reach the Telegram Bot API: {0}")]
    Unreachable(String),
    /// The webhook could not be set up.
    #[error("cannot start the webhook: {0}")]
    Webhook(String),
}

/// Where a webhook listens and what URL Telegram calls.
#[derive(Debug, Clone)]
pub struct Webhook {
    /// The public HTTPS URL Telegram sends updates to.
    pub url: url::Url,
    /// The local address to listen on.
    pub listen: SocketAddr,
}

/// How to run the Telegram channel.
#[derive(Clone)]
pub struct TelegramConfig {
    token: String,
    /// Another Bot API server than Telegram's.
    pub api_url: Option<url::Url>,
    /// Receive updates by webhook instead of long polling.
    pub webhook: Option<Webhook>,
    /// How the outbox is delivered.
    pub outbox: OutboxConfig,
    /// Telegram's rate limits, kept by teloxide's `Throttle` (its defaults: one message a
    /// second per chat, 30 a second in all).
    pub limits: Limits,
    /// The HTTP client to use (teloxide's default settings when `None`).
    pub client: Option<reqwest::Client>,
}

impl std::fmt::Debug for TelegramConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the token.
        f.debug_struct("TelegramConfig")
            .field("api_url", &self.api_url)
            .field("webhook", &self.webhook)
            .finish_non_exhaustive()
    }
}

impl TelegramConfig {
    /// A configuration with this token.
    pub fn new(token: impl Into<String>) -> Self {
        Self {
            token: token.into(),
            api_url: None,
            webhook: None,
            outbox: OutboxConfig::default(),
            limits: Limits::default(),
            client: None,
        }
    }

    /// `TELOXIDE_TOKEN` and `TELOXIDE_API_URL` from the environment.
    ///
    /// # Errors
    ///
    /// [`TelegramError::NoToken`] or [`TelegramError::BadApiUrl`].
    pub fn from_env() -> Result<Self, TelegramError> {
        let token = std::env::var("TELOXIDE_TOKEN")
            .ok()
            .filter(|t| !t.trim().is_empty())
            .ok_or(TelegramError::NoToken)?;
        let mut config = Self::new(token.trim());
        if let Ok(u) = std::env::var("TELOXIDE_API_URL") {
            config.api_url = Some(
                url::Url::parse(u.trim_end_matches('/'))
                    .map_err(|e| TelegramError::BadApiUrl(e.to_string()))?,
            );
        }
        Ok(config)
    }

    /// True when a token is set in the environment.
    pub fn configured() -> bool {
        std::env::var("TELOXIDE_TOKEN").is_ok_and(|t| !t.trim().is_empty())
    }
}

type TgBot = Throttle<Bot>;

struct Ctx {
    engine: Arc<Engine>,
    i18n: Arc<I18n>,
}

fn user_ref(user: &teloxide::types::User) -> Option<UserRef> {
    UserRef::new(Channel::telegram(), &user.id.0.to_string()).ok()
}

/// The commands of the menu, in `lang`.
fn commands(i18n: &I18n, lang: Language) -> Vec<BotCommand> {
    [
        ("start", Msg::new("command-start")),
        ("new", Msg::new("command-new")),
        ("status", Msg::new("command-status")),
        ("mine", Msg::new("command-mine")),
        ("profile", Msg::new("command-profile")),
        ("lang", Msg::new("command-lang")),
        ("help", Msg::new("command-help")),
        ("cancel", Msg::new("command-cancel")),
    ]
    .into_iter()
    .map(|(command, description)| BotCommand::new(command, i18n.render(lang, &description)))
    .collect()
}

/// Runs the Telegram channel until `stop` turns true: registers the command menus, receives
/// updates (long polling, or a webhook), and delivers the outbox. In-flight updates finish
/// before it returns.
///
/// # Errors
///
/// [`TelegramError`] when it cannot start (the token is refused, Telegram cannot be reached).
pub async fn run(
    engine: Arc<Engine>,
    i18n: Arc<I18n>,
    config: TelegramConfig,
    stop: watch::Receiver<bool>,
) -> Result<(), TelegramError> {
    let mut bot = match &config.client {
        Some(client) => Bot::with_client(config.token.clone(), client.clone()),
        None => Bot::new(config.token.clone()),
    };
    if let Some(url) = &config.api_url {
        bot = bot.set_api_url(url.clone());
    }
    match bot.get_me().await {
        Ok(me) => tracing::info!(bot = %me.username(), "connected to Telegram"),
        Err(RequestError::Api(ApiError::InvalidToken)) => return Err(TelegramError::TokenRejected),
        Err(e) => return Err(TelegramError::Unreachable(e.to_string())),
    }
    // The command menu in Thai, in English, and Thai for everyone else.
    for (lang, code) in [
        (Language::Thai, Some("th")),
        (Language::English, Some("en")),
        (Language::Thai, None),
    ] {
        let mut request = bot.set_my_commands(commands(&i18n, lang));
        if let Some(code) = code {
            request = request.language_code(code);
        }
        if let Err(e) = request.await {
            tracing::warn!(error = %e, "the command menu could not be set");
        }
    }

    let bot = bot.throttle(config.limits);
    let ctx = Arc::new(Ctx {
        engine: Arc::clone(&engine),
        i18n: Arc::clone(&i18n),
    });

    // The outbox, beside the updates.
    let deliver = TelegramDeliver {
        bot: bot.clone(),
        i18n: Arc::clone(&i18n),
    };
    let outbox_engine = Arc::clone(&engine);
    let outbox_stop = stop.clone();
    let outbox_config = config.outbox.clone();
    let outbox = tokio::spawn(async move {
        outbox::run(
            &outbox_engine,
            Channel::telegram(),
            &deliver,
            outbox_config,
            outbox_stop,
        )
        .await;
    });

    let handler = dptree::entry()
        .branch(Update::filter_message().endpoint(on_message))
        .branch(Update::filter_callback_query().endpoint(on_callback));
    let mut dispatcher = Dispatcher::builder(bot.clone(), handler)
        .dependencies(dptree::deps![ctx])
        .default_handler(|_| async {})
        .build();
    let token = dispatcher.shutdown_token();
    let mut stop_watch = stop.clone();
    tokio::spawn(async move {
        while !*stop_watch.borrow() {
            if stop_watch.changed().await.is_err() {
                break;
            }
        }
        // Stops receiving; updates being handled finish first.
        if let Ok(done) = token.shutdown() {
            done.await;
        }
    });

    match &config.webhook {
        None => dispatcher.dispatch().await,
        Some(w) => {
            let options =
                teloxide::update_listeners::webhooks::Options::new(w.listen, w.url.clone());
            let listener = teloxide::update_listeners::webhooks::axum(bot, options)
                .await
                .map_err(|e| TelegramError::Webhook(e.to_string()))?;
            let errors = teloxide::error_handlers::LoggingErrorHandler::with_custom_text(
                "a webhook update failed",
            );
            dispatcher.dispatch_with_listener(listener, errors).await;
        }
    }
    let _ = outbox.await;
    Ok(())
}

async fn on_message(bot: TgBot, msg: Message, ctx: Arc<Ctx>) -> ResponseResult<()> {
    let Some(user) = msg.from.as_ref().filter(|u| !u.is_bot) else {
        return Ok(());
    };
    let Some(who) = user_ref(user) else {
        return Ok(());
    };
    let lang = user
        .language_code
        .as_deref()
        .and_then(Language::from_locale)
        .unwrap_or_default();
    if !msg.chat.is_private() {
        // A complaint is never discussed where others can read it.
        bot.send_message(
            msg.chat.id,
            ctx.i18n.render(lang, &Msg::new("telegram-private-only")),
        )
        .await?;
        return Ok(());
    }
    let inputs = inputs_of(&bot, &msg).await;
    for (i, input) in inputs.into_iter().enumerate() {
        let message_id = if i == 0 {
            msg.id.0.to_string()
        } else {
            format!("{}.{i}", msg.id.0)
        };
        let response = ctx
            .engine
            .handle(Incoming {
                user: who.clone(),
                chat: msg.chat.id.0.to_string(),
                message_id,
                locale: user.language_code.clone(),
                input,
                now: occ_core::jiff::Timestamp::now(),
            })
            .await;
        send(&bot, msg.chat.id, &ctx.i18n, &response).await?;
    }
    Ok(())
}

async fn on_callback(bot: TgBot, q: CallbackQuery, ctx: Arc<Ctx>) -> ResponseResult<()> {
    // Answered first, so that the button stops spinning whatever happens next.
    if let Err(e) = bot.answer_callback_query(q.id.clone()).await {
        tracing::warn!(error = %e, "a callback query could not be answered");
    }
    let (Some(data), Some(message)) = (q.data.clone(), q.message.as_ref()) else {
        return Ok(());
    };
    let Some(who) = user_ref(&q.from) else {
        return Ok(());
    };
    let chat = match message {
        MaybeInaccessibleMessage::Regular(m) => m.chat.clone(),
        MaybeInaccessibleMessage::Inaccessible(m) => m.chat.clone(),
    };
    if !chat.is_private() {
        return Ok(());
    }
    let response = ctx
        .engine
        .handle(Incoming {
            user: who,
            chat: chat.id.0.to_string(),
            message_id: format!("cb{}", q.id.0),
            locale: q.from.language_code.clone(),
            input: Input::Button(data),
            now: occ_core::jiff::Timestamp::now(),
        })
        .await;
    send(&bot, chat.id, &ctx.i18n, &response).await
}

/// What a message brings: a contact, a file (with its caption), or text.
async fn inputs_of(bot: &TgBot, msg: &Message) -> Vec<Input> {
    if let Some(c) = msg.contact() {
        return vec![Input::Contact {
            phone: c.phone_number.clone(),
            owner: c.user_id.map(|u| u.0.to_string()),
        }];
    }
    let file: Option<(&FileMeta, Option<String>, Option<String>)> = if let Some(sizes) = msg.photo()
    {
        sizes
            .iter()
            .max_by_key(|p| u64::from(p.width) * u64::from(p.height))
            .map(|p| (&p.file, Some("image/jpeg".to_owned()), None))
    } else if let Some(d) = msg.document() {
        Some((
            &d.file,
            d.mime_type.as_ref().map(ToString::to_string),
            d.file_name.clone(),
        ))
    } else if let Some(v) = msg.video() {
        Some((
            &v.file,
            v.mime_type.as_ref().map(ToString::to_string),
            v.file_name.clone(),
        ))
    } else if let Some(v) = msg.voice() {
        Some((&v.file, v.mime_type.as_ref().map(ToString::to_string), None))
    } else if let Some(a) = msg.audio() {
        Some((
            &a.file,
            a.mime_type.as_ref().map(ToString::to_string),
            a.file_name.clone(),
        ))
    } else {
        None
    };
    let mut inputs = Vec::new();
    if let Some((meta, media_type, name)) = file {
        inputs.push(
            download(
                bot,
                meta,
                media_type,
                name,
                msg.caption().map(str::to_owned),
            )
            .await,
        );
    } else {
        inputs.push(Input::Text(msg.text().unwrap_or_default().to_owned()));
    }
    inputs
}

async fn download(
    bot: &TgBot,
    meta: &FileMeta,
    media_type: Option<String>,
    name: Option<String>,
    caption: Option<String>,
) -> Input {
    let size = u64::from(meta.size);
    if size > MAX_DOWNLOAD {
        // Telegram would refuse getFile: answer with the limit instead.
        return Input::AttachmentTooLarge {
            size,
            limit: MAX_DOWNLOAD,
        };
    }
    let fetched = async {
        let file = bot.get_file(meta.id.clone()).await?;
        let mut bytes = Vec::with_capacity(size.min(MAX_DOWNLOAD) as usize);
        bot.download_file(&file.path, &mut bytes)
            .await
            .map_err(RequestError::from)?;
        Ok::<_, RequestError>(bytes)
    };
    match fetched.await {
        Ok(bytes) if bytes.len() as u64 > MAX_DOWNLOAD => Input::AttachmentTooLarge {
            size: bytes.len() as u64,
            limit: MAX_DOWNLOAD,
        },
        Ok(bytes) => Input::Attachment {
            bytes,
            media_type,
            name,
            caption,
        },
        Err(e) => {
            tracing::warn!(error = %e, "a file could not be downloaded");
            // The engine answers an empty file with "please send it again".
            Input::Attachment {
                bytes: Vec::new(),
                media_type,
                name,
                caption,
            }
        }
    }
}

fn no_preview() -> LinkPreviewOptions {
    LinkPreviewOptions {
        is_disabled: true,
        url: None,
        prefer_small_media: false,
        prefer_large_media: false,
        show_above_text: false,
    }
}

/// The largest photo the Bot API takes with `sendPhoto`.
const MAX_PHOTO_BYTES: usize = 10 * 1000 * 1000;

/// Sends a response as Telegram messages.
async fn send(bot: &TgBot, chat: ChatId, i18n: &I18n, response: &Response) -> ResponseResult<()> {
    for part in render(i18n, response, MAX_TEXT) {
        for a in &part.attachments {
            let file = InputFile::memory(a.bytes.clone()).file_name(a.name.clone());
            // Photos are shown in the chat; anything else (a PDF, a video), and photos over the
            // Bot API's 10 MB limit for photos, go as files.
            let photo = matches!(
                a.media_type.as_str(),
                "image/png" | "image/jpeg" | "image/webp"
            ) && a.bytes.len() <= MAX_PHOTO_BYTES;
            if photo {
                bot.send_photo(chat, file).await?;
            } else {
                bot.send_document(chat, file).await?;
            }
        }
        let mut request = bot
            .send_message(chat, part.text.clone())
            .link_preview_options(no_preview());
        if !part.buttons.is_empty() {
            let rows = part.buttons.iter().map(|row| {
                row.iter()
                    .map(|(id, label)| InlineKeyboardButton::callback(label.clone(), id.clone()))
                    .collect::<Vec<_>>()
            });
            request = request.reply_markup(InlineKeyboardMarkup::new(rows));
        }
        request.await?;
        if part.ask_contact {
            let label = i18n.render(response.language, &Msg::new("button-share-phone"));
            let keyboard =
                KeyboardMarkup::new([[KeyboardButton::new(label).request(ButtonRequest::Contact)]])
                    .one_time_keyboard()
                    .resize_keyboard();
            bot.send_message(
                chat,
                i18n.render(response.language, &Msg::new("share-phone-hint")),
            )
            .reply_markup(keyboard)
            .await?;
        }
    }
    Ok(())
}

/// Delivers outbox entries to Telegram chats.
struct TelegramDeliver {
    bot: TgBot,
    i18n: Arc<I18n>,
}

#[async_trait]
impl Deliver for TelegramDeliver {
    async fn deliver(&self, n: &Notification, response: &Response) -> Result<(), DeliveryError> {
        let chat: i64 = n
            .chat
            .parse()
            .map_err(|_| DeliveryError::Permanent("not a Telegram chat id".into()))?;
        send(&self.bot, ChatId(chat), &self.i18n, response)
            .await
            .map_err(|e| match e {
                RequestError::Api(
                    ApiError::BotBlocked
                    | ApiError::ChatNotFound
                    | ApiError::UserNotFound
                    | ApiError::UserDeactivated
                    | ApiError::BotKicked
                    | ApiError::CantInitiateConversation
                    | ApiError::InvalidToken,
                ) => DeliveryError::Permanent(e.to_string()),
                other => DeliveryError::Transient(other.to_string()),
            })
    }
}
