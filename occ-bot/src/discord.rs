//! The Discord channel, on serenity 0.12.
//!
//! Slash commands (`/complaint`, `/status`, `/mycomplaints`, `/language`, `/help`, with Thai
//! names and descriptions for Thai clients) start a conversation, which goes on in direct
//! messages, with buttons (a select menu where there are more choices than Discord's five rows
//! hold), a modal for writing a description, and attachments. Used in a server channel, the bot
//! answers with ephemeral messages only the user sees, and continues in direct messages: no
//! complaint is ever shown to others, and notifications always go to direct messages. The
//! language follows the interaction's locale (`th` for Thai clients) until the user changes it.
//!
//! `DISCORD_TOKEN` is the bot's token.

use std::sync::Arc;

use async_trait::async_trait;
use occ_core::jiff::Timestamp;
use occ_core::store::Notification;
use occ_core::{Channel, Language, UserRef};
use serenity::all::{
    Builder, ButtonStyle, ChannelId, Command, CommandInteraction, CommandOptionType,
    ComponentInteraction, ComponentInteractionDataKind, Context, CreateActionRow, CreateAttachment,
    CreateButton, CreateCommand, CreateCommandOption, CreateInputText, CreateInteractionResponse,
    CreateInteractionResponseFollowup, CreateInteractionResponseMessage, CreateMessage,
    CreateModal, CreateSelectMenu, CreateSelectMenuKind, CreateSelectMenuOption, EventHandler,
    GatewayIntents, Http, HttpBuilder, InputTextStyle, Interaction, Message, ModalInteraction,
    Ready, User, UserId,
};
use tokio::sync::watch;

use crate::engine::{Engine, Incoming, Input};
use crate::i18n::I18n;
use crate::outbox::{self, Deliver, DeliveryError, OutboxConfig};
use crate::render::{Rendered, render};
use crate::reply::{Msg, Response};

/// The most characters in one Discord message.
const MAX_TEXT: usize = 2000;
/// The largest file taken from Discord.
pub const MAX_DOWNLOAD: u64 = 20 * 1024 * 1024;
/// Replies that ask for free text, which a modal can take.
const ASKS_FOR_TEXT: &[&str] = &[
    "describe",
    "describe-empty",
    "add-info-prompt",
    "answer-prompt",
];
const MODAL_BUTTON: &str = "modal:text";
const MODAL: &str = "text";
const SELECT: &str = "select";

/// A Discord setup that cannot start.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DiscordError {
    /// No token.
    #[error(
        "DISCORD_TOKEN is not set: put the bot's token from the Discord developer portal in it"
    )]
    NoToken,
    /// Discord refused the token or the connection.
    #[error("Discord did not accept the bot: {0}")]
    Client(String),
}

/// How to run the Discord channel.
#[derive(Clone)]
pub struct DiscordConfig {
    token: String,
    /// The HTTP client to use (serenity's own when `None`).
    pub client: Option<reqwest::Client>,
    /// Where API requests go instead of `https://discord.com` (an HTTP proxy that forwards
    /// them, or a test's fake).
    pub api_base: Option<String>,
    /// How the outbox is delivered.
    pub outbox: OutboxConfig,
}

impl std::fmt::Debug for DiscordConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the token.
        f.debug_struct("DiscordConfig")
            .field("api_base", &self.api_base)
            .finish_non_exhaustive()
    }
}

impl DiscordConfig {
    /// A configuration with this token.
    pub fn new(token: impl Into<String>) -> Self {
        Self {
            token: token.into(),
            client: None,
            api_base: None,
            outbox: OutboxConfig::default(),
        }
    }

    /// `DISCORD_TOKEN` from the environment.
    ///
    /// # Errors
    ///
    /// [`DiscordError::NoToken`].
    pub fn from_env() -> Result<Self, DiscordError> {
        let token = std::env::var("DISCORD_TOKEN")
            .ok()
            .filter(|t| !t.trim().is_empty())
            .ok_or(DiscordError::NoToken)?;
        Ok(Self::new(token.trim()))
    }

    /// True when a token is set in the environment.
    pub fn configured() -> bool {
        std::env::var("DISCORD_TOKEN").is_ok_and(|t| !t.trim().is_empty())
    }

    /// The HTTP API client: through `api_base` when set (serenity then needs its rate limiter
    /// off, or it would still call Discord itself).
    pub fn http(&self) -> Http {
        let mut b = HttpBuilder::new(&self.token);
        if let Some(c) = &self.client {
            b = b.client(c.clone());
        }
        if let Some(base) = &self.api_base {
            b = b.proxy(base.clone()).ratelimiter_disabled(true);
        }
        b.build()
    }
}

/// The Discord channel's handlers, over an HTTP API client.
pub struct DiscordBot {
    engine: Arc<Engine>,
    i18n: Arc<I18n>,
    http: Arc<Http>,
    download: reqwest::Client,
}

impl std::fmt::Debug for DiscordBot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DiscordBot").finish_non_exhaustive()
    }
}

fn user_ref(user: &User) -> Option<UserRef> {
    UserRef::new(Channel::discord(), &user.id.get().to_string()).ok()
}

/// Where an answer goes: in a direct message, or ephemeral in a server channel.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    Direct,
    Ephemeral,
}

impl DiscordBot {
    /// Handlers over `http`; files are downloaded with `download`.
    pub fn new(
        engine: Arc<Engine>,
        i18n: Arc<I18n>,
        http: Arc<Http>,
        download: reqwest::Client,
    ) -> Self {
        Self {
            engine,
            i18n,
            http,
            download,
        }
    }

    /// Registers the slash commands, with Thai names and descriptions.
    ///
    /// # Errors
    ///
    /// Discord refused them.
    pub async fn register_commands(&self) -> serenity::Result<()> {
        let command = |name: &str, thai: &str, description: Msg| {
            CreateCommand::new(name)
                .description(self.i18n.render(Language::English, &description))
                .name_localized("th", thai)
                .description_localized("th", self.i18n.render(Language::Thai, &description))
        };
        let commands = vec![
            command("complaint", "แจ้งเรื่อง", Msg::new("command-new")),
            command("status", "สถานะ", Msg::new("command-status")).add_option(
                CreateCommandOption::new(CommandOptionType::String, "id", "OCC-2569-000123-4")
                    .name_localized("th", "เลขเรื่อง")
                    .required(false),
            ),
            command("mycomplaints", "เรื่องของฉัน", Msg::new("command-mine")),
            command("language", "ภาษา", Msg::new("command-lang")).add_option(
                CreateCommandOption::new(CommandOptionType::String, "language", "th / en")
                    .name_localized("th", "ภาษา")
                    .add_string_choice_localized("ไทย", "th", [("th", "ไทย")])
                    .add_string_choice_localized("English", "en", [("th", "English")])
                    .required(false),
            ),
            command("help", "วิธีใช้", Msg::new("command-help")),
        ];
        Command::set_global_commands(&self.http, commands)
            .await
            .map(|_| ())
    }

    async fn handle(
        &self,
        user: &User,
        chat: ChannelId,
        message_id: String,
        locale: Option<String>,
        input: Input,
    ) -> Option<Response> {
        let who = user_ref(user)?;
        Some(
            self.engine
                .handle(Incoming {
                    user: who,
                    chat: chat.get().to_string(),
                    message_id,
                    locale,
                    input,
                    now: Timestamp::now(),
                })
                .await,
        )
    }

    /// Handles an interaction: a slash command, a button or select menu, a modal.
    pub async fn on_interaction(&self, interaction: Interaction) {
        let result = match interaction {
            Interaction::Command(c) => self.command(c).await,
            Interaction::Component(c) => self.component(c).await,
            Interaction::Modal(m) => self.modal(m).await,
            _ => Ok(()),
        };
        if let Err(e) = result {
            tracing::warn!(error = %e, "a Discord interaction could not be answered");
        }
    }

    async fn command(&self, c: CommandInteraction) -> serenity::Result<()> {
        let option = |name: &str| {
            c.data
                .options
                .iter()
                .find(|o| o.name == name)
                .and_then(|o| o.value.as_str())
                .unwrap_or("")
                .to_owned()
        };
        let (name, args) = match c.data.name.as_str() {
            "complaint" => ("new", String::new()),
            "status" => ("status", option("id")),
            "mycomplaints" => ("mine", String::new()),
            "language" => ("lang", option("language")),
            "help" => ("help", String::new()),
            _ => ("start", String::new()),
        };
        let input = Input::Command {
            name: name.to_owned(),
            args,
        };
        let message_id = format!("i{}", c.id.get());
        let locale = Some(c.locale.clone());
        if c.guild_id.is_none() {
            let Some(response) = self
                .handle(&c.user, c.channel_id, message_id, locale, input)
                .await
            else {
                return Ok(());
            };
            return self
                .respond(&c.http_parts(), Place::Direct, &response)
                .await;
        }
        // In a server channel: go on in direct messages, and say so only to the user.
        match c.user.id.create_dm_channel(&self.http).await {
            Ok(dm) => {
                let Some(response) = self.handle(&c.user, dm.id, message_id, locale, input).await
                else {
                    return Ok(());
                };
                let note = Response {
                    language: response.language,
                    replies: vec![crate::reply::Reply::text(Msg::new(
                        "discord-continue-in-dm",
                    ))],
                };
                self.respond(&c.http_parts(), Place::Ephemeral, &note)
                    .await?;
                self.send(dm.id, &response).await
            }
            Err(e) => {
                tracing::warn!(error = %e, "a direct message channel could not be opened");
                let Some(response) = self
                    .handle(&c.user, c.channel_id, message_id, locale, input)
                    .await
                else {
                    return Ok(());
                };
                self.respond(&c.http_parts(), Place::Ephemeral, &response)
                    .await
            }
        }
    }

    async fn component(&self, c: ComponentInteraction) -> serenity::Result<()> {
        let place = if c.guild_id.is_some() {
            Place::Ephemeral
        } else {
            Place::Direct
        };
        let pressed = match &c.data.kind {
            ComponentInteractionDataKind::StringSelect { values } => {
                values.first().cloned().unwrap_or_default()
            }
            _ => c.data.custom_id.clone(),
        };
        if pressed == MODAL_BUTTON {
            let lang = Language::from_locale(&c.locale).unwrap_or_default();
            let label = self.i18n.render(lang, &Msg::new("discord-modal-label"));
            let title = self.i18n.render(lang, &Msg::new("discord-modal-title"));
            let input = CreateInputText::new(InputTextStyle::Paragraph, label, MODAL)
                .max_length(4000)
                .required(true);
            let modal =
                CreateModal::new(MODAL, title).components(vec![CreateActionRow::InputText(input)]);
            return c
                .create_response(&self.http, CreateInteractionResponse::Modal(modal))
                .await;
        }
        let Some(response) = self
            .handle(
                &c.user,
                c.channel_id,
                format!("i{}", c.id.get()),
                Some(c.locale.clone()),
                Input::Button(pressed),
            )
            .await
        else {
            return Ok(());
        };
        let parts = (c.id, c.token.clone());
        self.respond(&parts, place, &response).await
    }

    async fn modal(&self, m: ModalInteraction) -> serenity::Result<()> {
        let place = if m.guild_id.is_some() {
            Place::Ephemeral
        } else {
            Place::Direct
        };
        let text = m
            .data
            .components
            .iter()
            .flat_map(|row| row.components.iter())
            .find_map(|c| match c {
                serenity::all::ActionRowComponent::InputText(t) if t.custom_id == MODAL => {
                    t.value.clone()
                }
                _ => None,
            })
            .unwrap_or_default();
        let Some(response) = self
            .handle(
                &m.user,
                m.channel_id,
                format!("i{}", m.id.get()),
                Some(m.locale.clone()),
                Input::Text(text),
            )
            .await
        else {
            return Ok(());
        };
        self.respond(&(m.id, m.token.clone()), place, &response)
            .await
    }

    /// Handles a direct message: text, or files (the text then goes with the first).
    pub async fn on_message(&self, msg: Message) {
        if msg.author.bot || msg.guild_id.is_some() {
            // Messages in servers are not read: complaints are made in private.
            return;
        }
        let mut inputs = Vec::new();
        for (i, a) in msg.attachments.iter().enumerate() {
            let caption = (i == 0 && !msg.content.trim().is_empty()).then(|| msg.content.clone());
            let size = u64::from(a.size);
            if size > MAX_DOWNLOAD {
                inputs.push(Input::AttachmentTooLarge {
                    size,
                    limit: MAX_DOWNLOAD,
                });
                continue;
            }
            let bytes = match self
                .download
                .get(&a.url)
                .send()
                .await
                .and_then(|r| r.error_for_status())
            {
                Ok(r) => r.bytes().await.map(|b| b.to_vec()).unwrap_or_default(),
                Err(e) => {
                    tracing::warn!(error = %e, "a Discord attachment could not be downloaded");
                    Vec::new()
                }
            };
            inputs.push(Input::Attachment {
                bytes,
                media_type: a.content_type.clone(),
                name: Some(a.filename.clone()),
                caption,
            });
        }
        if inputs.is_empty() {
            inputs.push(Input::Text(msg.content.clone()));
        }
        for (i, input) in inputs.into_iter().enumerate() {
            let message_id = if i == 0 {
                format!("m{}", msg.id.get())
            } else {
                format!("m{}.{i}", msg.id.get())
            };
            let Some(response) = self
                .handle(&msg.author, msg.channel_id, message_id, None, input)
                .await
            else {
                return;
            };
            if let Err(e) = self.send(msg.channel_id, &response).await {
                tracing::warn!(error = %e, "a Discord message could not be sent");
            }
        }
    }

    /// Answers an interaction: the first part as the response, the rest as follow-ups.
    async fn respond(
        &self,
        (id, token): &(serenity::all::InteractionId, String),
        place: Place,
        response: &Response,
    ) -> serenity::Result<()> {
        let ephemeral = place == Place::Ephemeral;
        let parts = self.parts(response);
        for (i, part) in parts.iter().enumerate() {
            if i == 0 {
                let mut m = CreateInteractionResponseMessage::new()
                    .content(&part.text)
                    .components(components(part))
                    .ephemeral(ephemeral);
                for a in &part.attachments {
                    m = m.add_file(CreateAttachment::bytes(a.bytes.clone(), a.name.clone()));
                }
                CreateInteractionResponse::Message(m)
                    .execute(&self.http, (*id, token))
                    .await?;
            } else {
                let mut f = CreateInteractionResponseFollowup::new()
                    .content(&part.text)
                    .components(components(part))
                    .ephemeral(ephemeral);
                for a in &part.attachments {
                    f = f.add_file(CreateAttachment::bytes(a.bytes.clone(), a.name.clone()));
                }
                f.execute(&self.http, (None, token)).await?;
            }
        }
        Ok(())
    }

    /// Sends a response as messages in a channel (a direct message).
    async fn send(&self, channel: ChannelId, response: &Response) -> serenity::Result<()> {
        for part in self.parts(response) {
            let mut m = CreateMessage::new()
                .content(&part.text)
                .components(components(&part));
            for a in &part.attachments {
                m = m.add_file(CreateAttachment::bytes(a.bytes.clone(), a.name.clone()));
            }
            channel.send_message(&self.http, m).await?;
        }
        Ok(())
    }

    /// The response rendered for Discord, with a "write it" button where free text is asked for.
    fn parts(&self, response: &Response) -> Vec<Rendered> {
        let mut parts = render(&self.i18n, response, MAX_TEXT);
        if response
            .replies
            .iter()
            .any(|r| ASKS_FOR_TEXT.contains(&r.text.id.as_str()))
            && let Some(last) = parts.last_mut()
        {
            let label = self
                .i18n
                .render(response.language, &Msg::new("discord-write"));
            last.buttons
                .insert(0, vec![(MODAL_BUTTON.to_owned(), label)]);
        }
        parts
    }
}

/// Discord's components for a rendered message: buttons in rows where they fit in five rows of
/// five, else the choices in a select menu and the last row as buttons.
fn components(part: &Rendered) -> Vec<CreateActionRow> {
    let clip = |s: &str, n: usize| s.chars().take(n).collect::<String>();
    let button = |(id, label): &(String, String)| {
        CreateButton::new(id)
            .label(clip(label, 80))
            .style(ButtonStyle::Secondary)
    };
    let rows = &part.buttons;
    if rows.len() <= 5 && rows.iter().all(|r| r.len() <= 5) {
        return rows
            .iter()
            .filter(|r| !r.is_empty())
            .map(|r| CreateActionRow::Buttons(r.iter().map(button).collect()))
            .collect();
    }
    let (choices, last) = rows.split_at(rows.len() - 1);
    let options: Vec<CreateSelectMenuOption> = choices
        .iter()
        .flatten()
        .take(25)
        .map(|(id, label)| CreateSelectMenuOption::new(clip(label, 100), id))
        .collect();
    let mut out = vec![CreateActionRow::SelectMenu(CreateSelectMenu::new(
        SELECT,
        CreateSelectMenuKind::String { options },
    ))];
    out.push(CreateActionRow::Buttons(
        last[0].iter().take(5).map(button).collect(),
    ));
    out
}

trait HttpParts {
    fn http_parts(&self) -> (serenity::all::InteractionId, String);
}

impl HttpParts for CommandInteraction {
    fn http_parts(&self) -> (serenity::all::InteractionId, String) {
        (self.id, self.token.clone())
    }
}

/// Delivers outbox entries as direct messages: never in a server channel.
struct DiscordDeliver {
    bot: Arc<DiscordBot>,
}

#[async_trait]
impl Deliver for DiscordDeliver {
    async fn deliver(&self, n: &Notification, response: &Response) -> Result<(), DeliveryError> {
        let user: u64 = n
            .recipient
            .id()
            .parse()
            .map_err(|_| DeliveryError::Permanent("not a Discord user id".into()))?;
        let classify = |e: serenity::Error| match &e {
            serenity::Error::Http(serenity::all::HttpError::UnsuccessfulRequest(r))
                if matches!(r.status_code.as_u16(), 400 | 403 | 404) =>
            {
                DeliveryError::Permanent(e.to_string())
            }
            _ => DeliveryError::Transient(e.to_string()),
        };
        let dm = UserId::new(user)
            .create_dm_channel(&self.bot.http)
            .await
            .map_err(classify)?;
        self.bot.send(dm.id, response).await.map_err(classify)
    }
}

struct Handler {
    engine: Arc<Engine>,
    i18n: Arc<I18n>,
    download: reqwest::Client,
}

impl Handler {
    fn bot(&self, ctx: &Context) -> DiscordBot {
        DiscordBot::new(
            Arc::clone(&self.engine),
            Arc::clone(&self.i18n),
            Arc::clone(&ctx.http),
            self.download.clone(),
        )
    }
}

#[async_trait]
impl EventHandler for Handler {
    async fn ready(&self, ctx: Context, _ready: Ready) {
        if let Err(e) = self.bot(&ctx).register_commands().await {
            tracing::error!(error = %e, "the slash commands could not be registered");
        }
    }

    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
        self.bot(&ctx).on_interaction(interaction).await;
    }

    async fn message(&self, ctx: Context, msg: Message) {
        self.bot(&ctx).on_message(msg).await;
    }
}

/// Runs the Discord channel until `stop` turns true: the gateway (commands, buttons, modals,
/// direct messages) and the outbox.
///
/// # Errors
///
/// [`DiscordError::Client`] when Discord does not accept the bot.
pub async fn run(
    engine: Arc<Engine>,
    i18n: Arc<I18n>,
    config: DiscordConfig,
    mut stop: watch::Receiver<bool>,
) -> Result<(), DiscordError> {
    let download = config.client.clone().unwrap_or_default();
    let intents = GatewayIntents::DIRECT_MESSAGES | GatewayIntents::GUILDS;
    let handler = Handler {
        engine: Arc::clone(&engine),
        i18n: Arc::clone(&i18n),
        download: download.clone(),
    };
    let mut client = serenity::Client::builder(&config.token, intents)
        .event_handler(handler)
        .await
        .map_err(|e| DiscordError::Client(e.to_string()))?;
    let bot = Arc::new(DiscordBot::new(
        Arc::clone(&engine),
        Arc::clone(&i18n),
        Arc::clone(&client.http),
        download,
    ));
    let deliver = DiscordDeliver { bot };
    let outbox_stop = stop.clone();
    let outbox_config = config.outbox.clone();
    let outbox = tokio::spawn(async move {
        outbox::run(
            &engine,
            Channel::discord(),
            &deliver,
            outbox_config,
            outbox_stop,
        )
        .await;
    });
    let shards = Arc::clone(&client.shard_manager);
    tokio::spawn(async move {
        while !*stop.borrow() {
            if stop.changed().await.is_err() {
                break;
            }
        }
        shards.shutdown_all().await;
    });
    let result = client
        .start()
        .await
        .map_err(|e| DiscordError::Client(e.to_string()));
    let _ = outbox.await;
    result
}

/// Delivers the outbox of the Discord channel once, through `bot` (for tests and tools).
///
/// # Errors
///
/// Store failures.
pub async fn deliver_once(
    bot: Arc<DiscordBot>,
    engine: &Engine,
    config: &OutboxConfig,
) -> Result<outbox::Pass, occ_core::store::StoreError> {
    let deliver = DiscordDeliver { bot };
    outbox::deliver_pending(engine, &Channel::discord(), &deliver, config).await
}
