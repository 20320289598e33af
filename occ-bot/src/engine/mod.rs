//! The conversation engine: platform-neutral, no network I/O, time passed in.
//!
//! A channel turns a platform event into an [`Incoming`] (who, which chat and message, the
//! input, the time) and calls [`Engine::handle`]. The engine loads the user's [`Session`] from
//! the store, decides, calls `occ-core` to validate, route and store, saves the session and
//! returns a [`Response`]: Fluent message ids with arguments and buttons with short ASCII ids.
//! It knows no platform: the same engine serves the terminal, Telegram and Discord.

mod officer;
mod views;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, Weak};

use occ_core::analysis;
use occ_core::jiff::{SignedDuration, Timestamp};
use occ_core::office::Office;
use occ_core::officers::Targets;
use occ_core::routing::SharedRouter;
use occ_core::store::{About, NewComplaint, Notification, Page, Store, StoreError, UpdateOutcome};
use occ_core::workflow::{Change, Update, WorkflowError};
use occ_core::{
    Actor, Complaint, ContactError, Description, DisplayName, Email, Event, EventKind, Evidence,
    IdentifierKind, IssueId, Language, MessageKey, NationalId, Note, ParseIssueIdError,
    PhoneNumber, Reporter, Status, TextError, UserRef,
};

use crate::i18n::date_msg;
use crate::reply::{Arg, Button, Msg, Reply, Response};
use crate::session::{Draft, LastAnswer, Profile, RegField, Registration, Session, Step};

/// Limits and timings of conversations.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct EngineConfig {
    /// Complaints one user may file in 24 hours.
    pub max_complaints_per_day: usize,
    /// Messages one user may send in a minute before being asked to slow down.
    pub max_messages_per_minute: usize,
    /// Pieces of evidence one complaint may have.
    pub max_evidence: usize,
    /// The longest message accepted, in characters.
    pub max_input_chars: usize,
    /// How long an unfinished draft is kept.
    pub draft_ttl: SignedDuration,
    /// After how long away a user with a draft is asked whether to continue it.
    pub resume_after: SignedDuration,
    /// Complaints per page of "my complaints".
    pub page_size: usize,
    /// Response targets, for officers' overdue lists and reminders.
    pub targets: Targets,
}

impl Default for EngineConfig {
    fn default() -> Self {
        Self {
            max_complaints_per_day: 5,
            max_messages_per_minute: 40,
            max_evidence: 10,
            max_input_chars: 4_000,
            draft_ttl: SignedDuration::from_hours(7 * 24),
            resume_after: SignedDuration::from_mins(30),
            page_size: 8,
            targets: Targets::default(),
        }
    }
}

/// What the user did.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Input {
    /// They wrote text. Text starting with `/` is a command.
    Text(String),
    /// They pressed a button; the id it carried.
    Button(String),
    /// They used a command (the channel parsed it: Telegram's `/start`, a Discord slash command).
    Command {
        /// Its name, without the slash.
        name: String,
        /// What followed it.
        args: String,
    },
    /// They sent a file.
    Attachment {
        /// Its bytes.
        bytes: Vec<u8>,
        /// The media type the platform gave.
        media_type: Option<String>,
        /// Its name.
        name: Option<String>,
        /// The text sent with it, if any.
        caption: Option<String>,
    },
    /// They sent a file the channel could not take (over the platform's download limit).
    AttachmentTooLarge {
        /// Its size in bytes.
        size: u64,
        /// The largest size the channel takes.
        limit: u64,
    },
    /// They shared a contact.
    Contact {
        /// The phone number in it.
        phone: String,
        /// The platform user the contact belongs to, if the platform says.
        owner: Option<String>,
    },
    /// Nothing came for a while (the channel decides when).
    Timeout,
}

/// One input, with who sent it, where and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Incoming {
    /// Who.
    pub user: UserRef,
    /// The chat (where replies and notifications go).
    pub chat: String,
    /// The platform's id for the message or update; the same id delivered twice is answered
    /// once, with the same answer.
    pub message_id: String,
    /// The platform's locale for the user, if known (`th`, `en-US`).
    pub locale: Option<String>,
    /// What they did.
    pub input: Input,
    /// When (the channel's clock; tests pass their own).
    pub now: Timestamp,
}

/// The conversation engine.
pub struct Engine {
    store: Arc<dyn Store>,
    office: Office,
    router: SharedRouter,
    config: EngineConfig,
    /// One lock per user: a user's messages are handled one at a time.
    locks: Mutex<HashMap<String, Weak<tokio::sync::Mutex<()>>>>,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

fn session_key(user: &UserRef) -> String {
    format!("bot/{}/{}", user.channel, user.id())
}

fn profile_key(user: &UserRef) -> String {
    format!("profile/{}/{}", user.channel, user.id())
}

/// A plain-text label for a button.
fn label(text: impl Into<String>) -> Msg {
    Msg::new("label").arg("text", text.into())
}

fn button(id: impl Into<String>, msg: &'static str) -> Button {
    Button::new(id, Msg::new(msg))
}

fn status_label(s: Status) -> Msg {
    Msg::dynamic(format!("status-{}", s.code()))
}

/// Words that work as commands when they are the whole message.
fn word_command(text: &str) -> Option<&'static str> {
    let t = text.trim().to_lowercase();
    Some(match t.as_str() {
        "ยกเลิก" | "cancel" => "cancel",
        "ย้อนกลับ" | "กลับ" | "back" => "back",
        "เมนู" | "เมนูหลัก" | "menu" => "menu",
        "ช่วยด้วย" | "ช่วยเหลือ" | "วิธีใช้" | "help" => {
            "help"
        }
        "สวัสดี" | "สวัสดีค่ะ" | "สวัสดีครับ" | "hello" | "hi" | "start" => {
            "start"
        }
        "ภาษา" | "language" => "lang",
        _ => return None,
    })
}

impl Engine {
    /// An engine over `store`, routing with `router`.
    pub fn new(store: Arc<dyn Store>, router: SharedRouter, config: EngineConfig) -> Self {
        Self {
            office: Office::new(Arc::clone(&store), config.targets.clone()),
            store,
            router,
            config,
            locks: Mutex::new(HashMap::new()),
        }
    }

    /// Officers' work, with roles checked.
    pub fn office(&self) -> &Office {
        &self.office
    }

    /// The store.
    pub fn store(&self) -> &Arc<dyn Store> {
        &self.store
    }

    /// The limits in force.
    pub fn config(&self) -> &EngineConfig {
        &self.config
    }

    fn user_lock(&self, user: &UserRef) -> Arc<tokio::sync::Mutex<()>> {
        let key = session_key(user);
        let mut locks = self.locks.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(lock) = locks.get(&key).and_then(Weak::upgrade) {
            return lock;
        }
        locks.retain(|_, w| w.strong_count() > 0);
        let lock = Arc::new(tokio::sync::Mutex::new(()));
        locks.insert(key, Arc::downgrade(&lock));
        lock
    }

    async fn load_session(&self, user: &UserRef) -> Result<Session, StoreError> {
        Ok(match self.store.session(&session_key(user)).await? {
            None => Session::default(),
            Some(bytes) => serde_json::from_slice(&bytes).unwrap_or_else(|e| {
                // A session that no longer reads (a format change) starts over; nothing filed
                // is lost, only the place in the conversation.
                tracing::warn!(error = %e, "a session could not be read and starts over");
                Session::default()
            }),
        })
    }

    async fn save_session(&self, user: &UserRef, session: &Session) {
        let bytes = serde_json::to_vec(session).expect("a session serialises");
        if let Err(e) = self.store.put_session(&session_key(user), &bytes).await {
            tracing::error!(error = %e, "a session could not be saved");
        }
    }

    /// The user's profile, if they registered.
    ///
    /// # Errors
    ///
    /// Store failures.
    pub async fn profile(&self, user: &UserRef) -> Result<Option<Profile>, StoreError> {
        Ok(self.store.session(&profile_key(user)).await?.and_then(|b| {
            serde_json::from_slice(&b)
                .map_err(|e| tracing::warn!(error = %e, "a profile could not be read"))
                .ok()
        }))
    }

    /// Handles one input and returns what to say. Never fails: a broken store gets a polite
    /// "please try again" (and an error in the log).
    pub async fn handle(&self, incoming: Incoming) -> Response {
        let lock = self.user_lock(&incoming.user);
        let _one_at_a_time = lock.lock().await;
        let mut session = match self.load_session(&incoming.user).await {
            Ok(s) => s,
            Err(e) => {
                tracing::error!(error = %e, "a session could not be loaded");
                let language = incoming
                    .locale
                    .as_deref()
                    .and_then(Language::from_locale)
                    .unwrap_or_default();
                return Response {
                    language,
                    replies: vec![Reply::text(Msg::new("error-try-later"))],
                };
            }
        };
        if let Some(last) = &session.last
            && last.message_id == incoming.message_id
        {
            // The platform delivered the same message again: the same answer, nothing redone.
            return last.response.clone();
        }
        if session.language.is_none() {
            session.language = Some(
                incoming
                    .locale
                    .as_deref()
                    .and_then(Language::from_locale)
                    .unwrap_or_default(),
            );
        }
        let officer = match self.office.officer(&incoming.user).await {
            Ok(o) => o,
            Err(e) => {
                tracing::error!(error = %e, "the officers could not be read");
                None
            }
        };
        let mut turn = Turn {
            engine: self,
            s: &mut session,
            inc: &incoming,
            out: Vec::new(),
            officer,
        };
        if let Err(e) = turn.run().await {
            tracing::error!(error = %e, "a conversation step failed");
            turn.out.push(Reply::text(Msg::new("error-try-later")));
        }
        let replies = std::mem::take(&mut turn.out);
        let response = Response {
            language: session.language.unwrap_or_default(),
            replies,
        };
        // An answer without buttons (a hint, "slow down") leaves those on screen valid; one with
        // buttons replaces them, so that older ones become stale.
        let buttons: Vec<String> = response
            .replies
            .iter()
            .flat_map(Reply::all_buttons)
            .map(|b| b.id.clone())
            .collect();
        if !buttons.is_empty() {
            session.buttons = buttons;
        }
        session.last = Some(LastAnswer {
            message_id: incoming.message_id.clone(),
            response: response.clone(),
        });
        session.last_seen = Some(incoming.now);
        self.save_session(&incoming.user, &session).await;
        response
    }

    /// What to tell a citizen about a notification from the outbox, in their language. Its
    /// buttons are added to those their session accepts.
    pub async fn notification(&self, n: &Notification) -> Response {
        let lock = self.user_lock(&n.recipient);
        let _one_at_a_time = lock.lock().await;
        let reply = notification_reply(self, n);
        if let Ok(mut session) = self.load_session(&n.recipient).await {
            session
                .buttons
                .extend(reply.all_buttons().map(|b| b.id.clone()));
            self.save_session(&n.recipient, &session).await;
        }
        Response {
            language: n.language,
            replies: vec![reply],
        }
    }

    fn agency_name(&self, code: &occ_core::AgencyCode, lang: Language) -> String {
        self.store
            .catalog()
            .agency(code)
            .map_or_else(|| code.to_string(), |a| a.name.get(lang).to_owned())
    }
}

/// The text of a notification.
fn notification_reply(engine: &Engine, n: &Notification) -> Reply {
    let (issue, event) = match &n.about {
        About::Complaint { issue, event } => (*issue, event),
        About::Warning { warning } => {
            return Reply::text(
                Msg::new("warning-notice")
                    .arg("date", date_msg("date", n.language, warning.published_at))
                    .arg("text", warning.text(n.language)),
            )
            .row(vec![button("subs:off", "button-unsubscribe")]);
        }
        About::Reminder { overdue, oldest } => {
            let cases = oldest
                .iter()
                .map(|id| Button::new(format!("case:{id}"), label(id.to_string())))
                .collect();
            return Reply::text(Msg::new("reminder-overdue").arg("count", *overdue as usize))
                .column(cases)
                .row(vec![button("off:overdue", "button-overdue")]);
        }
        _ => return Reply::text(Msg::new("notify-update").arg("id", "")),
    };
    let id = issue.to_string();
    let note = event
        .note
        .as_ref()
        .map(|x| x.as_str().to_owned())
        .unwrap_or_default();
    // A citizen's answer goes to the officer who asked.
    if matches!(event.actor, Actor::Citizen) {
        return Reply::text(
            Msg::new("officer-citizen-replied")
                .arg("id", id.as_str())
                .arg("text", note),
        )
        .row(vec![button(format!("case:{id}"), "button-open-case")]);
    }
    let text = match &event.kind {
        EventKind::Forwarded { to_agency, .. } => Msg::new("notify-forwarded")
            .arg("id", id.as_str())
            .arg("agency", engine.agency_name(to_agency, n.language)),
        EventKind::StatusChanged {
            to: Status::NeedInfo,
            ..
        } => Msg::new("notify-need-info")
            .arg("id", id.as_str())
            .arg("question", note),
        EventKind::StatusChanged { to, .. } if note.is_empty() => Msg::new("notify-status")
            .arg("id", id.as_str())
            .arg("status", status_label(*to)),
        EventKind::StatusChanged { to, .. } => Msg::new("notify-status-note")
            .arg("id", id.as_str())
            .arg("status", status_label(*to))
            .arg("note", note),
        EventKind::MarkedDuplicate { of, .. } => Msg::new("notify-duplicate")
            .arg("id", id.as_str())
            .arg("original", of.to_string()),
        EventKind::MessageToCitizen => Msg::new("notify-message")
            .arg("id", id.as_str())
            .arg("text", note),
        _ => Msg::new("notify-update").arg("id", id.as_str()),
    };
    let mut reply = Reply::text(text);
    if matches!(
        event.kind,
        EventKind::StatusChanged {
            to: Status::NeedInfo,
            ..
        } | EventKind::MessageToCitizen
    ) {
        reply = reply.row(vec![button(format!("add:{id}"), "button-answer")]);
    }
    reply.row(vec![button(format!("open:{id}"), "button-see-complaint")])
}

/// One input being handled.
struct Turn<'a> {
    engine: &'a Engine,
    s: &'a mut Session,
    inc: &'a Incoming,
    out: Vec<Reply>,
    /// The officer the user is, if one (read once per input).
    officer: Option<occ_core::officers::Officer>,
}

/// Errors inside a turn: only the store's.
type TurnResult = Result<(), StoreError>;

impl Turn<'_> {
    fn lang(&self) -> Language {
        self.s.language.unwrap_or_default()
    }

    /// Goes to `step` for the citizen's own open complaint `issue`, or says why not.
    async fn on_open_complaint(&mut self, issue: &str, step: fn(IssueId) -> Step) -> TurnResult {
        match issue.parse::<IssueId>() {
            Ok(id)
                if self
                    .own_complaint(id)
                    .await?
                    .is_some_and(|c| c.status.is_open()) =>
            {
                self.s.step = step(id);
                self.prompt().await
            }
            _ => self.closed_or_missing(),
        }
    }

    fn say(&mut self, msg: Msg) {
        self.out.push(Reply::text(msg));
    }

    fn now(&self) -> Timestamp {
        self.inc.now
    }

    async fn run(&mut self) -> TurnResult {
        if self.flooded() {
            return Ok(());
        }
        if self.expire_or_resume_draft() {
            return Ok(());
        }
        match self.inc.input.clone() {
            Input::Text(text) => self.on_text(&text).await,
            Input::Command { name, args } => self.on_command(&name, &args).await,
            Input::Button(id) => {
                if self.s.buttons.contains(&id) {
                    self.on_button(&id).await
                } else if officer::is_officer_button(&id) {
                    // An officer's button nobody was given: the same refusal, and the audit log.
                    self.refuse_officer_button(&id).await
                } else {
                    // From an old message, or made up: change nothing.
                    self.say(Msg::new("button-invalid"));
                    self.prompt().await
                }
            }
            Input::Attachment {
                bytes,
                media_type,
                name,
                caption,
            } => {
                let caption = caption.filter(|c| !c.trim().is_empty());
                self.on_attachment(bytes, media_type, name, caption.is_some())
                    .await?;
                match caption {
                    Some(caption) => self.on_caption(&caption).await,
                    None => Ok(()),
                }
            }
            Input::AttachmentTooLarge { size, limit } => {
                self.say(file_too_large(size, limit));
                Ok(())
            }
            Input::Contact { phone, owner } => self.on_contact(&phone, owner.as_deref()).await,
            Input::Timeout => {
                if self.s.step.is_drafting() {
                    self.say(Msg::new("still-there"));
                }
                Ok(())
            }
        }
    }

    /// Counts the message against the per-minute limit; true when it is over and is not handled.
    fn flooded(&mut self) -> bool {
        let now = self.now();
        let minute_ago = now - SignedDuration::from_secs(60);
        self.s.recent.retain(|t| *t > minute_ago);
        if self.s.recent.len() >= self.engine.config.max_messages_per_minute {
            // Said once a minute, not to every message of a flood.
            if self.s.slowed_at.is_none_or(|t| t <= minute_ago) {
                let wait = self
                    .s
                    .recent
                    .first()
                    .map_or(60, |first| 60 - (now - *first).as_secs().clamp(0, 59));
                self.say(
                    Msg::new("slow-down")
                        .arg("seconds", wait)
                        .arg("limit", self.engine.config.max_messages_per_minute),
                );
                self.s.slowed_at = Some(now);
            }
            return true;
        }
        self.s.recent.push(now);
        false
    }

    /// Drops a draft past its time, or asks about one left a while ago. True when the input is
    /// answered by that.
    fn expire_or_resume_draft(&mut self) -> bool {
        let Some(draft) = &self.s.draft else {
            return false;
        };
        if self.now() - draft.started_at > self.engine.config.draft_ttl {
            self.s.draft = None;
            self.s.registration = None;
            if self.s.step.is_drafting()
                || matches!(
                    self.s.step,
                    Step::Resume { .. } | Step::ConfirmCancel { .. }
                )
            {
                self.s.step = Step::Menu;
            }
            self.say(
                Msg::new("draft-expired").arg("days", self.engine.config.draft_ttl.as_hours() / 24),
            );
            return false;
        }
        let away = self
            .s
            .last_seen
            .is_some_and(|t| self.now() - t > self.engine.config.resume_after);
        let pressing_a_current_button =
            matches!(&self.inc.input, Input::Button(id) if self.s.buttons.contains(id));
        if away && self.s.step.is_drafting() && !pressing_a_current_button {
            let resume = Box::new(self.s.step.clone());
            self.s.step = Step::Resume { resume };
            self.resume_prompt();
            return true;
        }
        false
    }

    fn resume_prompt(&mut self) {
        let started = self.s.draft.as_ref().map_or(self.now(), |d| d.started_at);
        self.out.push(
            Reply::text(
                Msg::new("draft-resume")
                    .arg("started", date_msg("date-time", self.lang(), started)),
            )
            .row(vec![
                button("draft:continue", "button-continue-draft"),
                button("draft:discard", "button-discard-draft"),
            ]),
        );
    }

    // ---- Commands and words ---------------------------------------------------------------

    async fn on_text(&mut self, text: &str) -> TurnResult {
        let trimmed = text.trim();
        if let Some(command) = trimmed.strip_prefix('/') {
            let (name, args) = command
                .split_once(char::is_whitespace)
                .unwrap_or((command, ""));
            // Telegram appends the bot's name in groups: /start@occ_bot.
            let name = name.split('@').next().unwrap_or(name);
            return self
                .on_command(&name.to_ascii_lowercase(), args.trim())
                .await;
        }
        if let Some(command) = word_command(trimmed) {
            return self.on_command(command, "").await;
        }
        let length = text.chars().count();
        if length > self.engine.config.max_input_chars {
            self.say(
                Msg::new("too-long")
                    .arg("limit", self.engine.config.max_input_chars)
                    .arg("length", length),
            );
            return Ok(());
        }
        self.on_step_text(text).await
    }

    async fn on_command(&mut self, name: &str, args: &str) -> TurnResult {
        match name {
            "start" => {
                self.s.step = Step::Menu;
                self.say(Msg::new("welcome"));
                self.menu();
                Ok(())
            }
            "help" => {
                self.say(help_for(&self.s.step));
                self.prompt().await
            }
            "menu" => {
                self.s.step = Step::Menu;
                self.menu();
                Ok(())
            }
            "cancel" => self.cancel(),
            "back" => self.back().await,
            "lang" | "language" | "ภาษา" => match args.parse::<Language>() {
                Ok(lang) => self.set_language(lang).await,
                Err(_) => {
                    let resume = Box::new(self.s.step.clone());
                    self.s.step = Step::Language { resume };
                    self.prompt().await
                }
            },
            "status" => {
                if args.is_empty() {
                    self.s.step = Step::AwaitIssueId;
                    self.prompt().await
                } else {
                    self.show_status(args).await
                }
            }
            "mine" | "my" => self.list_mine(None).await,
            "new" | "complaint" | "report" => self.start_filing().await,
            "profile" => {
                self.s.step = Step::Profile;
                self.prompt().await
            }
            other => {
                if let Some(done) = self.officer_command(other, args).await {
                    return done;
                }
                self.say(Msg::new("unknown-command").arg("command", name.to_owned()));
                self.prompt().await
            }
        }
    }

    async fn set_language(&mut self, lang: Language) -> TurnResult {
        self.s.language = Some(lang);
        if let Step::Language { resume } = &self.s.step {
            self.s.step = (**resume).clone();
        }
        self.say(Msg::new("language-set"));
        self.prompt().await
    }

    fn cancel(&mut self) -> TurnResult {
        let cancellable = self.s.step.is_drafting()
            || matches!(
                self.s.step,
                Step::AddInfo { .. }
                    | Step::ConfirmWithdraw { .. }
                    | Step::ConfirmDeleteProfile
                    | Step::AwaitIssueId
            );
        if !cancellable {
            self.say(Msg::new("nothing-to-cancel"));
            self.menu();
            return Ok(());
        }
        if self.s.step.is_drafting() {
            let resume = Box::new(self.s.step.clone());
            self.s.step = Step::ConfirmCancel { resume };
            self.out
                .push(Reply::text(Msg::new("cancel-confirm")).row(vec![
                    button("cancel:yes", "button-yes-discard"),
                    button("cancel:no", "button-no-continue"),
                ]));
        } else {
            self.s.step = Step::Menu;
            self.say(Msg::new("cancelled"));
            self.menu();
        }
        Ok(())
    }

    async fn back(&mut self) -> TurnResult {
        let editing = self.s.draft.as_ref().is_some_and(|d| d.editing);
        self.s.step = match &self.s.step {
            Step::Register {
                field: RegField::Phone,
            } => Step::Register {
                field: RegField::Name,
            },
            Step::Register {
                field: RegField::Email,
            } => Step::Register {
                field: RegField::Phone,
            },
            Step::Register {
                field: RegField::NationalId,
            } => Step::Register {
                field: RegField::Email,
            },
            Step::Register {
                field: RegField::Consent,
            } => Step::Register {
                field: RegField::NationalId,
            },
            Step::Subcategory => Step::Category,
            Step::Describe | Step::Evidence | Step::Category if editing => Step::Summary,
            Step::Describe => Step::Subcategory,
            Step::Evidence => Step::Describe,
            Step::Summary => Step::Evidence,
            Step::EditWhat => Step::Summary,
            Step::ConfirmCancel { resume }
            | Step::Resume { resume }
            | Step::Language { resume } => (**resume).clone(),
            Step::ConfirmDeleteProfile => Step::Profile,
            _ => Step::Menu,
        };
        if self.s.step == Step::Summary
            && let Some(d) = &mut self.s.draft
        {
            d.editing = false;
        }
        self.prompt().await
    }

    // ---- Prompts ---------------------------------------------------------------------------

    fn menu(&mut self) {
        let mut reply = Reply::text(Msg::new("menu"));
        if self.s.draft.is_some() {
            reply = reply.row(vec![button("draft:continue", "button-continue-draft")]);
        }
        self.out.push(
            reply
                .row(vec![button("menu:new", "button-new")])
                .row(vec![
                    button("menu:status", "button-status"),
                    button("menu:mine", "button-mine"),
                ])
                .row(vec![
                    button("menu:warnings", "button-warnings"),
                    button("menu:profile", "button-profile"),
                    button("menu:lang", "button-language"),
                    button("menu:help", "button-help"),
                ])
                .row(self.officer_menu_row().unwrap_or_default()),
        );
    }

    fn nav_row(&self) -> Vec<Button> {
        vec![
            button("nav:back", "button-back"),
            button("nav:cancel", "button-cancel"),
        ]
    }

    /// Asks again for what the current step needs.
    async fn prompt(&mut self) -> TurnResult {
        let lang = self.lang();
        let catalog = self.engine.store.catalog();
        let step = self.s.step.clone();
        match step {
            Step::Menu => self.menu(),
            Step::OfficerText { .. }
            | Step::IncidentText { .. }
            | Step::WarnThai
            | Step::WarnEnglish { .. }
            | Step::WarnConfirm { .. } => {
                return self.officer_prompt();
            }
            Step::AwaitIssueId => self.out.push(
                Reply::text(Msg::new("ask-issue-id")).row(vec![button("nav:menu", "button-menu")]),
            ),
            Step::Register { field } => self.register_prompt(field),
            Step::Category => {
                let buttons = catalog
                    .categories()
                    .iter()
                    .map(|c| Button::new(format!("cat:{}", c.code), label(c.name.get(lang))))
                    .collect();
                self.out.push(
                    Reply::text(Msg::new("choose-category"))
                        .column(buttons)
                        .row(self.nav_row()),
                );
            }
            Step::Subcategory => {
                let category = self
                    .s
                    .draft
                    .as_ref()
                    .and_then(|d| d.category.clone())
                    .and_then(|c| catalog.category(&c).cloned());
                let Some(category) = category else {
                    self.s.step = Step::Category;
                    return Box::pin(self.prompt()).await;
                };
                let buttons = category
                    .subcategories
                    .iter()
                    .map(|s| Button::new(format!("sub:{}", s.code), label(s.name.get(lang))))
                    .collect();
                self.out.push(
                    Reply::text(
                        Msg::new("choose-subcategory").arg("category", category.name.get(lang)),
                    )
                    .column(buttons)
                    .row(self.nav_row()),
                );
            }
            Step::Describe => {
                let category = self
                    .s
                    .draft
                    .as_ref()
                    .and_then(|d| d.category.as_ref())
                    .map_or("other".to_owned(), |c| c.to_string());
                self.out.push(
                    Reply::text(Msg::new("describe").arg("category", category)).row(self.nav_row()),
                );
            }
            Step::Evidence => {
                let (count, editing) = self
                    .s
                    .draft
                    .as_ref()
                    .map_or((0, false), |d| (d.evidence.len(), d.editing));
                let mut row = vec![button("ev:done", "button-done")];
                if editing && count > 0 {
                    row.push(button("ev:clear", "button-clear-evidence"));
                }
                self.out.push(
                    Reply::text(
                        Msg::new("evidence-prompt")
                            .arg("count", count)
                            .arg("max", self.engine.config.max_evidence),
                    )
                    .row(row)
                    .row(self.nav_row()),
                );
            }
            Step::Summary => self.summary(),
            Step::EditWhat => self.out.push(
                Reply::text(Msg::new("edit-what"))
                    .row(vec![
                        button("edit:category", "button-edit-category"),
                        button("edit:description", "button-edit-description"),
                    ])
                    .row(vec![
                        button("edit:evidence", "button-edit-evidence"),
                        button("nav:back", "button-back"),
                    ]),
            ),
            Step::ConfirmCancel { .. } => {
                self.out
                    .push(Reply::text(Msg::new("cancel-confirm")).row(vec![
                        button("cancel:yes", "button-yes-discard"),
                        button("cancel:no", "button-no-continue"),
                    ]))
            }
            Step::Resume { .. } => self.resume_prompt(),
            Step::AddInfo { id } => {
                let complaint = self.own_complaint(id).await?;
                let question = complaint
                    .as_ref()
                    .and_then(|c| (c.status == Status::NeedInfo).then(|| last_question(c)))
                    .flatten();
                let text = match question {
                    Some(q) => Msg::new("answer-prompt")
                        .arg("id", id.to_string())
                        .arg("question", q),
                    None => Msg::new("add-info-prompt").arg("id", id.to_string()),
                };
                self.out
                    .push(Reply::text(text).row(vec![button("info:done", "button-done")]));
            }
            Step::ConfirmWithdraw { id } => self.out.push(
                Reply::text(Msg::new("withdraw-confirm").arg("id", id.to_string())).row(vec![
                    button("withdraw:yes", "button-yes-withdraw"),
                    button("withdraw:no", "button-no-keep"),
                ]),
            ),
            Step::Profile => match self.engine.profile(&self.inc.user).await? {
                None => {
                    self.say(Msg::new("profile-none"));
                    self.s.step = Step::Menu;
                    self.menu();
                }
                Some(p) => {
                    let none = || Msg::new("not-given");
                    let text = Msg::new("profile-show")
                        .arg("name", p.name.clone())
                        .arg("phone", p.phone.to_string())
                        .arg(
                            "email",
                            p.email
                                .as_ref()
                                .map_or_else(|| Arg::from(none()), |e| Arg::from(e.to_string())),
                        )
                        .arg(
                            "national_id",
                            p.national_id
                                .as_ref()
                                .map_or_else(|| Arg::from(none()), |n| Arg::from(n.masked())),
                        )
                        .arg("consent", date_msg("date", lang, p.consent_at));
                    self.out.push(Reply::text(text).row(vec![
                        button("profile:delete", "button-delete-profile"),
                        button("nav:menu", "button-menu"),
                    ]));
                }
            },
            Step::ConfirmDeleteProfile => {
                self.out
                    .push(Reply::text(Msg::new("profile-delete-confirm")).row(vec![
                        button("profile:delete-yes", "button-yes-delete"),
                        button("profile:delete-no", "button-no-keep"),
                    ]))
            }
            Step::Language { .. } => {
                self.out
                    .push(Reply::text(Msg::new("choose-language")).row(vec![
                        button("lang:th", "button-thai"),
                        button("lang:en", "button-english"),
                    ]))
            }
        }
        Ok(())
    }

    // ---- Buttons ---------------------------------------------------------------------------

    async fn on_button(&mut self, id: &str) -> TurnResult {
        let (kind, value) = id.split_once(':').unwrap_or((id, ""));
        match (kind, value) {
            ("menu", "new") => self.start_filing().await,
            ("menu", "status") => self.on_command("status", "").await,
            ("menu", "mine") => self.list_mine(None).await,
            ("menu", "profile") => self.on_command("profile", "").await,
            ("menu", "lang") => self.on_command("lang", "").await,
            ("menu", "help") => self.on_command("help", "").await,
            ("menu", "warnings") => self.on_command("warnings", "").await,
            ("nav", "back") => self.back().await,
            ("nav", "cancel") => self.cancel(),
            ("nav", "menu") => self.on_command("menu", "").await,
            ("lang", code) => match code.parse::<Language>() {
                Ok(lang) => self.set_language(lang).await,
                Err(_) => self.prompt().await,
            },
            ("draft", "continue") => {
                self.s.step = match &self.s.step {
                    Step::Resume { resume } => (**resume).clone(),
                    _ => self.draft_step(),
                };
                self.prompt().await
            }
            ("draft", "discard") => {
                self.s.draft = None;
                self.s.registration = None;
                self.s.step = Step::Menu;
                self.say(Msg::new("draft-discarded"));
                self.menu();
                Ok(())
            }
            ("cancel", "yes") => {
                self.s.draft = None;
                self.s.registration = None;
                self.s.step = Step::Menu;
                self.say(Msg::new("cancelled"));
                self.menu();
                Ok(())
            }
            ("cancel", "no") => self.back().await,
            ("reg", action) => self.on_register_button(action).await,
            ("cat", code) => self.choose_category(code).await,
            ("sub", code) => self.choose_subcategory(code).await,
            ("ev", "done") => {
                self.s.step = Step::Summary;
                if let Some(d) = &mut self.s.draft {
                    d.editing = false;
                }
                self.prompt().await
            }
            ("ev", "clear") => {
                if let Some(d) = &mut self.s.draft {
                    d.evidence.clear();
                }
                self.say(Msg::new("evidence-cleared"));
                self.prompt().await
            }
            ("sum", "confirm") => self.file().await,
            ("sum", "edit") => {
                self.s.step = Step::EditWhat;
                self.prompt().await
            }
            ("edit", part) => {
                if let Some(d) = &mut self.s.draft {
                    d.editing = true;
                }
                self.s.step = match part {
                    "category" => Step::Category,
                    "description" => Step::Describe,
                    _ => Step::Evidence,
                };
                self.prompt().await
            }
            ("open", issue) => self.show_status(issue).await,
            ("more", after) => self.list_mine(after.parse().ok()).await,
            ("add", issue) => {
                self.on_open_complaint(issue, |id| Step::AddInfo { id })
                    .await
            }
            ("info", "done") => {
                self.s.step = Step::Menu;
                self.say(Msg::new("info-done"));
                self.menu();
                Ok(())
            }
            ("withdraw", "yes") => self.withdraw().await,
            ("withdraw", "no") => {
                self.s.step = Step::Menu;
                self.say(Msg::new("withdraw-kept"));
                self.menu();
                Ok(())
            }
            ("withdraw", issue) => {
                self.on_open_complaint(issue, |id| Step::ConfirmWithdraw { id })
                    .await
            }
            ("profile", "delete") => {
                self.s.step = Step::ConfirmDeleteProfile;
                self.prompt().await
            }
            ("profile", "delete-yes") => {
                self.engine
                    .store
                    .delete_session(&profile_key(&self.inc.user))
                    .await?;
                self.s.step = Step::Menu;
                self.s.registration = None;
                self.say(Msg::new("profile-deleted"));
                self.menu();
                Ok(())
            }
            ("profile", "delete-no") => {
                self.s.step = Step::Profile;
                self.prompt().await
            }
            (kind, value) => match self.officer_button(kind, value).await {
                Some(done) => done,
                None => {
                    self.say(Msg::new("button-invalid"));
                    self.prompt().await
                }
            },
        }
    }

    fn closed_or_missing(&mut self) -> TurnResult {
        self.say(Msg::new("complaint-not-open"));
        self.s.step = Step::Menu;
        self.menu();
        Ok(())
    }

    /// The step a draft continues at.
    fn draft_step(&self) -> Step {
        match &self.s.draft {
            None => Step::Menu,
            Some(d) if d.category.is_none() => Step::Category,
            Some(d) if d.subcategory.is_none() => Step::Subcategory,
            Some(d) if d.description.is_none() => Step::Describe,
            Some(_) => Step::Summary,
        }
    }

    // ---- Text at each step -----------------------------------------------------------------

    async fn on_step_text(&mut self, text: &str) -> TurnResult {
        let step = self.s.step.clone();
        match step {
            Step::Menu | Step::AwaitIssueId => match text.parse::<IssueId>() {
                Ok(_) | Err(ParseIssueIdError::CheckDigitMismatch) => self.show_status(text).await,
                Err(_) if step == Step::AwaitIssueId => {
                    self.say(Msg::new("id-not-an-id"));
                    self.prompt().await
                }
                Err(_) => {
                    self.say(Msg::new("menu-hint"));
                    self.menu();
                    Ok(())
                }
            },
            Step::Register { field } => self.on_register_text(field, text).await,
            Step::Category | Step::Subcategory => {
                let picked = self.match_choice(&step, text);
                match picked {
                    Some(code) if step == Step::Category => self.choose_category(&code).await,
                    Some(code) => self.choose_subcategory(&code).await,
                    None => {
                        self.say(Msg::new("choose-with-buttons"));
                        self.prompt().await
                    }
                }
            }
            Step::Describe => match Description::new(text) {
                Ok(d) => {
                    let editing = self.s.draft.as_ref().is_some_and(|x| x.editing);
                    if let Some(draft) = &mut self.s.draft {
                        draft.description = Some(d.as_str().to_owned());
                    }
                    if editing {
                        self.s.step = Step::Summary;
                        if let Some(draft) = &mut self.s.draft {
                            draft.editing = false;
                        }
                    } else {
                        self.s.step = Step::Evidence;
                        self.say(Msg::new("description-saved"));
                    }
                    self.prompt().await
                }
                Err(TextError::TooLong { max, actual }) => {
                    self.say(Msg::new("too-long").arg("limit", max).arg("length", actual));
                    Ok(())
                }
                Err(_) => {
                    self.say(Msg::new("describe-empty"));
                    self.prompt().await
                }
            },
            Step::Evidence => {
                let links = links_in(text);
                if links.is_empty() {
                    self.say(Msg::new("evidence-hint"));
                    return self.prompt().await;
                }
                for link in links {
                    if !self.add_draft_evidence(link) {
                        break;
                    }
                }
                Ok(())
            }
            Step::AddInfo { id } => self.add_info_text(id, text).await,
            Step::OfficerText { .. }
            | Step::IncidentText { .. }
            | Step::WarnThai
            | Step::WarnEnglish { .. } => self.officer_text(step, text).await,
            Step::WarnConfirm { .. }
            | Step::Summary
            | Step::EditWhat
            | Step::ConfirmCancel { .. }
            | Step::Resume { .. }
            | Step::ConfirmWithdraw { .. }
            | Step::Profile
            | Step::ConfirmDeleteProfile
            | Step::Language { .. } => {
                if let Step::Language { .. } = step
                    && let Ok(lang) = text.trim().parse::<Language>()
                {
                    return self.set_language(lang).await;
                }
                self.say(Msg::new("choose-with-buttons"));
                self.prompt().await
            }
        }
    }

    /// A category or subcategory typed by name (in either language) instead of pressed.
    fn match_choice(&self, step: &Step, text: &str) -> Option<String> {
        let typed = text.trim().to_lowercase();
        let catalog = self.engine.store.catalog();
        let fits =
            |l: &occ_core::Localized| l.th.to_lowercase() == typed || l.en.to_lowercase() == typed;
        if *step == Step::Category {
            catalog
                .categories()
                .iter()
                .find(|c| fits(&c.name))
                .map(|c| c.code.to_string())
        } else {
            let category = self.s.draft.as_ref()?.category.as_ref()?;
            catalog
                .category(category)?
                .subcategories
                .iter()
                .find(|s| fits(&s.name))
                .map(|s| s.code.to_string())
        }
    }

    // ---- Registration ----------------------------------------------------------------------

    fn register_prompt(&mut self, field: RegField) {
        let skip = || vec![button("reg:skip", "button-skip")];
        let reply = match field {
            RegField::Name => Reply::text(Msg::new("register-name"))
                .row(vec![button("nav:cancel", "button-cancel")]),
            RegField::Phone => {
                let mut r = Reply::text(Msg::new("register-phone")).row(self.nav_row());
                r.ask_contact = true;
                r
            }
            RegField::Email => Reply::text(Msg::new("register-email"))
                .row(skip())
                .row(self.nav_row()),
            RegField::NationalId => Reply::text(Msg::new("register-national-id"))
                .row(skip())
                .row(self.nav_row()),
            RegField::Consent => Reply::text(Msg::new("privacy-notice"))
                .row(vec![
                    button("reg:agree", "button-agree"),
                    button("reg:disagree", "button-disagree"),
                ])
                .row(vec![button("nav:back", "button-back")]),
        };
        self.out.push(reply);
    }

    fn next_field(&mut self, after: RegField) {
        let next = match after {
            RegField::Name => RegField::Phone,
            RegField::Phone => RegField::Email,
            RegField::Email => RegField::NationalId,
            RegField::NationalId | RegField::Consent => RegField::Consent,
        };
        self.s.step = Step::Register { field: next };
        self.register_prompt(next);
    }

    async fn on_register_text(&mut self, field: RegField, text: &str) -> TurnResult {
        let reg = self
            .s
            .registration
            .get_or_insert_with(Registration::default);
        match field {
            RegField::Name => match DisplayName::new(text) {
                Ok(name) => {
                    reg.name = Some(name.as_str().to_owned());
                    self.next_field(field);
                }
                Err(TextError::TooLong { max, .. }) => {
                    self.say(Msg::new("name-too-long").arg("limit", max));
                }
                Err(_) => self.register_prompt(field),
            },
            RegField::Phone => match PhoneNumber::parse(text) {
                Ok(phone) => {
                    reg.phone = Some(phone);
                    reg.phone_verified = false;
                    self.next_field(field);
                }
                Err(_) => {
                    self.say(Msg::new("phone-invalid"));
                    self.register_prompt(field);
                }
            },
            RegField::Email => match Email::parse(text) {
                Ok(email) => {
                    reg.email = Some(email);
                    self.next_field(field);
                }
                Err(_) => {
                    self.say(Msg::new("email-invalid"));
                    self.register_prompt(field);
                }
            },
            RegField::NationalId => match NationalId::parse(text) {
                Ok(id) => {
                    let digest = self.engine.store.national_id_digest(&id);
                    if let Some(reg) = &mut self.s.registration {
                        reg.national_id = Some(digest);
                    }
                    self.next_field(field);
                }
                Err(ContactError::NationalIdCheckDigit) => {
                    self.say(Msg::new("national-id-mistyped"));
                    self.register_prompt(field);
                }
                Err(_) => {
                    self.say(Msg::new("national-id-invalid"));
                    self.register_prompt(field);
                }
            },
            RegField::Consent => {
                self.say(Msg::new("choose-with-buttons"));
                self.register_prompt(field);
            }
        }
        Ok(())
    }

    async fn on_register_button(&mut self, action: &str) -> TurnResult {
        let Step::Register { field } = self.s.step.clone() else {
            return self.prompt().await;
        };
        match (field, action) {
            (RegField::Email | RegField::NationalId, "skip") => {
                self.next_field(field);
                Ok(())
            }
            (RegField::Consent, "agree") => {
                let reg = self.s.registration.take().unwrap_or_default();
                let (Some(name), Some(phone)) = (reg.name, reg.phone) else {
                    self.s.step = Step::Register {
                        field: RegField::Name,
                    };
                    self.register_prompt(RegField::Name);
                    return Ok(());
                };
                let profile = Profile {
                    name,
                    phone,
                    phone_verified: reg.phone_verified,
                    email: reg.email,
                    national_id: reg.national_id,
                    consent_at: self.now(),
                };
                let bytes = serde_json::to_vec(&profile).expect("a profile serialises");
                self.engine
                    .store
                    .put_session(&profile_key(&self.inc.user), &bytes)
                    .await?;
                self.say(Msg::new("registered").arg("name", profile.name.clone()));
                self.continue_filing().await
            }
            (RegField::Consent, "disagree") => {
                self.s.registration = None;
                self.s.draft = None;
                self.s.step = Step::Menu;
                self.say(Msg::new("consent-refused"));
                self.menu();
                Ok(())
            }
            _ => self.prompt().await,
        }
    }

    async fn on_contact(&mut self, phone: &str, owner: Option<&str>) -> TurnResult {
        if self.s.step
            != (Step::Register {
                field: RegField::Phone,
            })
        {
            self.say(Msg::new("contact-not-now"));
            return self.prompt().await;
        }
        if owner.is_some_and(|o| o != self.inc.user.id()) {
            self.say(Msg::new("contact-not-yours"));
            return self.prompt().await;
        }
        match PhoneNumber::parse(phone) {
            Ok(p) => {
                let reg = self
                    .s
                    .registration
                    .get_or_insert_with(Registration::default);
                reg.phone = Some(p);
                reg.phone_verified = owner.is_some();
                self.next_field(RegField::Phone);
                Ok(())
            }
            Err(_) => {
                self.say(Msg::new("phone-invalid"));
                self.prompt().await
            }
        }
    }

    // ---- Filing ----------------------------------------------------------------------------

    /// How many complaints the user filed in the last 24 hours, up to the limit.
    async fn filed_today(&self) -> Result<usize, StoreError> {
        let cap = self.engine.config.max_complaints_per_day;
        let day_ago = self.now() - SignedDuration::from_hours(24);
        let recent = self
            .engine
            .store
            .by_reporter(&self.inc.user, Page::first(cap))
            .await?;
        Ok(recent.iter().filter(|c| c.filed_at > day_ago).count())
    }

    async fn over_daily_limit(&mut self) -> Result<bool, StoreError> {
        let cap = self.engine.config.max_complaints_per_day;
        if self.filed_today().await? >= cap {
            self.say(Msg::new("limit-per-day").arg("limit", cap));
            self.s.step = Step::Menu;
            self.menu();
            return Ok(true);
        }
        Ok(false)
    }

    async fn start_filing(&mut self) -> TurnResult {
        if self.s.draft.is_some() {
            self.s.step = self.draft_step();
            self.say(Msg::new("draft-continued"));
            return self.prompt().await;
        }
        if self.over_daily_limit().await? {
            return Ok(());
        }
        self.s.draft = Some(Draft::new(self.now()));
        if self.engine.profile(&self.inc.user).await?.is_none() {
            self.s.registration = Some(Registration::default());
            self.s.step = Step::Register {
                field: RegField::Name,
            };
            self.say(Msg::new("register-intro"));
            self.register_prompt(RegField::Name);
            return Ok(());
        }
        self.continue_filing().await
    }

    async fn continue_filing(&mut self) -> TurnResult {
        if self.s.draft.is_none() {
            self.s.draft = Some(Draft::new(self.now()));
        }
        self.s.step = self.draft_step();
        self.prompt().await
    }

    async fn choose_category(&mut self, code: &str) -> TurnResult {
        let catalog = self.engine.store.catalog();
        let Some(category) = catalog
            .categories()
            .iter()
            .find(|c| c.code.as_str() == code)
            .cloned()
        else {
            return self.prompt().await;
        };
        let draft = self.s.draft.get_or_insert_with(|| Draft::new(self.inc.now));
        if draft.category.as_ref() != Some(&category.code) {
            draft.subcategory = None;
        }
        draft.category = Some(category.code.clone());
        // A category with one subcategory needs no second choice.
        if let [only] = category.subcategories.as_slice() {
            draft.subcategory = Some(only.code.clone());
            self.s.step = if draft.editing || draft.description.is_some() {
                Step::Summary
            } else {
                Step::Describe
            };
            draft.editing = false;
        } else {
            self.s.step = Step::Subcategory;
        }
        self.prompt().await
    }

    async fn choose_subcategory(&mut self, code: &str) -> TurnResult {
        let catalog = self.engine.store.catalog();
        let Some(draft) = &mut self.s.draft else {
            return self.start_filing().await;
        };
        let Some(category) = draft.category.clone() else {
            self.s.step = Step::Category;
            return self.prompt().await;
        };
        match catalog.check(category.as_str(), code) {
            Ok((_, sub)) => {
                draft.subcategory = Some(sub);
                self.s.step = if draft.editing || draft.description.is_some() {
                    Step::Summary
                } else {
                    Step::Describe
                };
                draft.editing = false;
                self.prompt().await
            }
            Err(_) => self.prompt().await,
        }
    }

    /// Adds evidence to the draft, within the limit; false when the limit stops it.
    fn add_draft_evidence(&mut self, evidence: Evidence) -> bool {
        let max = self.engine.config.max_evidence;
        let Some(draft) = &mut self.s.draft else {
            return false;
        };
        if draft.evidence.len() >= max {
            self.out.push(
                Reply::text(Msg::new("evidence-limit").arg("max", max))
                    .row(vec![button("ev:done", "button-done")]),
            );
            return false;
        }
        if !draft.evidence.contains(&evidence) {
            draft.evidence.push(evidence);
        }
        let count = draft.evidence.len();
        self.out.push(
            Reply::text(
                Msg::new("evidence-added")
                    .arg("count", count)
                    .arg("max", max),
            )
            .row(vec![button("ev:done", "button-done")]),
        );
        true
    }

    async fn on_attachment(
        &mut self,
        bytes: Vec<u8>,
        media_type: Option<String>,
        name: Option<String>,
        caption_follows: bool,
    ) -> TurnResult {
        let step = self.s.step.clone();
        let wants_files = matches!(step, Step::Evidence | Step::Describe | Step::AddInfo { .. });
        if !wants_files {
            self.say(Msg::new("file-not-now"));
            return self.prompt().await;
        }
        let max = self.engine.config.max_evidence;
        if let Step::Evidence | Step::Describe = step
            && self
                .s
                .draft
                .as_ref()
                .is_some_and(|d| d.evidence.len() >= max)
        {
            self.out.push(
                Reply::text(Msg::new("evidence-limit").arg("max", max))
                    .row(vec![button("ev:done", "button-done")]),
            );
            return Ok(());
        }
        if bytes.is_empty() {
            self.say(Msg::new("file-empty"));
            return Ok(());
        }
        let kind = occ_core::store::media_type(&bytes, media_type.as_deref());
        if !accepted_media_type(&kind) {
            self.say(Msg::new("file-type-refused").arg("type", kind));
            return Ok(());
        }
        let attachment = match self
            .engine
            .store
            .put_attachment(bytes, media_type.as_deref(), name.as_deref())
            .await
        {
            Ok(a) => a,
            Err(StoreError::AttachmentTooLarge { size, limit }) => {
                self.say(file_too_large(size, limit));
                return Ok(());
            }
            Err(StoreError::AttachmentEmpty) => {
                self.say(Msg::new("file-empty"));
                return Ok(());
            }
            Err(e) => return Err(e),
        };
        let evidence = Evidence::File(attachment);
        match step {
            Step::AddInfo { id } => {
                self.apply_to_own(id, Change::AddEvidence(evidence), None, "file-added")
                    .await
            }
            Step::Describe => {
                self.add_draft_evidence(evidence);
                if caption_follows {
                    // The caption is the description: no need to ask for one.
                    return Ok(());
                }
                self.say(Msg::new("describe-after-file"));
                Ok(())
            }
            _ => {
                self.add_draft_evidence(evidence);
                Ok(())
            }
        }
    }

    /// The text sent with a file: the description when one is asked for, an addition to it
    /// while evidence is added, a message when information is added.
    async fn on_caption(&mut self, caption: &str) -> TurnResult {
        match self.s.step.clone() {
            Step::Describe => self.on_step_text(caption).await,
            Step::Evidence => {
                let max = occ_core::Description::MAX_CHARS;
                if let Some(d) = &mut self.s.draft
                    && let Some(description) = &mut d.description
                    && description.chars().count() + caption.chars().count() < max
                {
                    description.push('\n');
                    description.push_str(caption.trim());
                }
                Ok(())
            }
            Step::AddInfo { id } => self.add_info_text(id, caption).await,
            _ => Ok(()),
        }
    }

    fn summary(&mut self) {
        let lang = self.lang();
        let catalog = self.engine.store.catalog();
        let Some(d) = self.s.draft.clone() else {
            self.s.step = Step::Menu;
            self.menu();
            return;
        };
        let category = d.category.as_ref().and_then(|c| catalog.category(c));
        let subcategory = category
            .zip(d.subcategory.as_ref())
            .and_then(|(c, s)| c.subcategory(s));
        let evidence: Vec<Msg> = d.evidence.iter().map(evidence_line).collect();
        let text = Msg::new("summary")
            .arg(
                "category",
                category.map_or(String::new(), |c| c.name.get(lang).to_owned()),
            )
            .arg(
                "subcategory",
                subcategory.map_or(String::new(), |s| s.name.get(lang).to_owned()),
            )
            .arg("description", d.description.clone().unwrap_or_default())
            .arg("count", d.evidence.len())
            .arg("evidence", lines(evidence));
        self.out.push(
            Reply::text(text)
                .row(vec![button("sum:confirm", "button-confirm")])
                .row(vec![
                    button("sum:edit", "button-edit"),
                    button("nav:cancel", "button-cancel"),
                ]),
        );
    }

    async fn file(&mut self) -> TurnResult {
        if self.over_daily_limit().await? {
            return Ok(());
        }
        let Some(profile) = self.engine.profile(&self.inc.user).await? else {
            self.s.registration = Some(Registration::default());
            self.s.step = Step::Register {
                field: RegField::Name,
            };
            self.say(Msg::new("register-intro"));
            self.register_prompt(RegField::Name);
            return Ok(());
        };
        let Some(draft) = self.s.draft.clone() else {
            return self.prompt().await;
        };
        let (Some(category), Some(subcategory), Some(description)) =
            (draft.category, draft.subcategory, draft.description)
        else {
            self.s.step = self.draft_step();
            return self.prompt().await;
        };
        let Ok(description) = Description::new(&description) else {
            self.s.step = Step::Describe;
            return self.prompt().await;
        };
        let user = self.inc.user.clone();
        let mut new = NewComplaint {
            source: MessageKey::new(user.channel.clone(), &self.inc.chat, &self.inc.message_id)
                .unwrap_or_else(|_| {
                    MessageKey::new(user.channel.clone(), "chat", "message").expect("valid")
                }),
            received_at: self.now(),
            reporter: Reporter {
                user,
                display_name: DisplayName::new(&profile.name)
                    .unwrap_or_else(|_| DisplayName::new("-").expect("valid")),
                phone: Some(profile.phone),
                email: profile.email,
                national_id: profile.national_id,
            },
            language: self.lang(),
            category,
            subcategory,
            description,
            evidence: draft.evidence,
            routing: None,
        };
        let decision = self.engine.router.get().route_new(&new);
        new.routing = Some(decision.clone());
        let filing = self.engine.store.file(new).await?;
        let id = filing.complaint.id.to_string();
        self.s.draft = None;
        self.s.step = Step::Menu;
        let lang = self.lang();
        let likely = match (&decision.rule, &decision.reason) {
            (Some(_), Some(reason)) => Msg::new("likely-agency")
                .arg("agency", self.engine.agency_name(&decision.agency, lang))
                .arg("reason", reason.get(lang)),
            _ => Msg::new("likely-agency-unknown"),
        };
        self.out.push(
            Reply::text(
                Msg::new("filed")
                    .arg("id", id.as_str())
                    .arg("likely", likely),
            )
            .row(vec![button(format!("open:{id}"), "button-see-complaint")])
            .row(vec![
                button("menu:mine", "button-mine"),
                button("nav:menu", "button-menu"),
            ]),
        );
        Ok(())
    }

    // ---- Status, my complaints, adding information, withdrawing ---------------------------

    /// The user's own complaint: someone else's is the same as one that does not exist.
    async fn own_complaint(&self, id: IssueId) -> Result<Option<Complaint>, StoreError> {
        Ok(self
            .engine
            .store
            .get(id)
            .await?
            .filter(|c| c.reporter.user == self.inc.user))
    }

    async fn show_status(&mut self, text: &str) -> TurnResult {
        let id = match text.parse::<IssueId>() {
            Ok(id) => id,
            Err(ParseIssueIdError::CheckDigitMismatch) => {
                self.say(Msg::new("id-mistyped"));
                return Ok(());
            }
            Err(_) => {
                self.say(Msg::new("id-not-an-id"));
                return Ok(());
            }
        };
        let Some(c) = self.own_complaint(id).await? else {
            self.say(Msg::new("id-not-found").arg("id", id.to_string()));
            return Ok(());
        };
        let lang = self.lang();
        let shown: Vec<&Event> = c
            .timeline
            .iter()
            .filter(|e| visible_to_citizen(e))
            .collect();
        const SHOWN: usize = 10;
        let earlier = shown.len().saturating_sub(SHOWN);
        let events: Vec<Msg> = shown[earlier..]
            .iter()
            .map(|e| self.event_line(e))
            .collect();
        let text = Msg::new("status-show")
            .arg("id", id.to_string())
            .arg("status", status_label(c.status))
            .arg("agency", self.engine.agency_name(&c.agency, lang))
            .arg("filed", date_msg("date-time", lang, c.filed_at))
            .arg("earlier", earlier)
            .arg("timeline", lines(events));
        let mut reply = Reply::text(text);
        if c.status.is_open() {
            let answer = if c.status == Status::NeedInfo {
                "button-answer"
            } else {
                "button-add-info"
            };
            reply = reply.row(vec![
                button(format!("add:{id}"), answer),
                button(format!("withdraw:{id}"), "button-withdraw"),
            ]);
        }
        self.out.push(reply.row(vec![
            button("menu:mine", "button-mine"),
            button("nav:menu", "button-menu"),
        ]));
        if self.s.step == Step::AwaitIssueId {
            self.s.step = Step::Menu;
        }
        Ok(())
    }

    fn event_line(&self, e: &Event) -> Msg {
        let lang = self.lang();
        let at = date_msg("date-time", lang, e.at);
        let note = e
            .note
            .as_ref()
            .map(|n| n.as_str().to_owned())
            .unwrap_or_default();
        match &e.kind {
            EventKind::Filed => Msg::new("event-filed").arg("at", at),
            EventKind::Forwarded { to_agency, .. } => Msg::new("event-forwarded")
                .arg("at", at)
                .arg("agency", self.engine.agency_name(to_agency, lang)),
            EventKind::StatusChanged { to, .. } if note.is_empty() => Msg::new("event-status")
                .arg("at", at)
                .arg("status", status_label(*to)),
            EventKind::StatusChanged { to, .. } => Msg::new("event-status-note")
                .arg("at", at)
                .arg("status", status_label(*to))
                .arg("note", note),
            EventKind::MarkedDuplicate { of, .. } => Msg::new("event-duplicate")
                .arg("at", at)
                .arg("original", of.to_string()),
            EventKind::MessageToCitizen => Msg::new("event-message-to-you")
                .arg("at", at)
                .arg("text", note),
            EventKind::MessageFromCitizen => Msg::new("event-message-from-you")
                .arg("at", at)
                .arg("text", note),
            EventKind::EvidenceAdded { evidence } => Msg::new("event-evidence")
                .arg("at", at)
                .arg("evidence", evidence_line(evidence)),
            _ => Msg::new("event-other").arg("at", at),
        }
    }

    async fn list_mine(&mut self, after: Option<IssueId>) -> TurnResult {
        let size = self.engine.config.page_size;
        let page = match after {
            Some(id) => Page::after(id, size + 1),
            None => Page::first(size + 1),
        };
        let mut list = self.engine.store.by_reporter(&self.inc.user, page).await?;
        self.s.step = Step::Menu;
        if list.is_empty() {
            self.out.push(Reply::text(Msg::new("mine-none")).row(vec![
                button("menu:new", "button-new"),
                button("nav:menu", "button-menu"),
            ]));
            return Ok(());
        }
        let more = list.len() > size;
        list.truncate(size);
        let lang = self.lang();
        let buttons = list
            .iter()
            .map(|c| {
                let id = c.id.to_string();
                let text = Msg::new("mine-item")
                    .arg("id", id.as_str())
                    .arg("status", status_label(c.status))
                    .arg("filed", date_msg("date", lang, c.filed_at));
                Button::new(format!("open:{id}"), text)
            })
            .collect();
        let mut reply = Reply::text(Msg::new("mine-list").arg("count", list.len())).column(buttons);
        if more && let Some(last) = list.last() {
            reply = reply.row(vec![button(format!("more:{}", last.id), "button-more")]);
        }
        self.out
            .push(reply.row(vec![button("nav:menu", "button-menu")]));
        Ok(())
    }

    async fn apply_to_own(
        &mut self,
        id: IssueId,
        change: Change,
        note: Option<Note>,
        done: &'static str,
    ) -> TurnResult {
        if self.own_complaint(id).await?.is_none() {
            return self.closed_or_missing();
        }
        let mut update = Update::new(Actor::Citizen, self.now(), change);
        update.note = note;
        match self.engine.store.update(id, update).await? {
            UpdateOutcome::Applied(_) => {
                self.out.push(
                    Reply::text(Msg::new(done).arg("id", id.to_string()))
                        .row(vec![button("info:done", "button-done")]),
                );
                Ok(())
            }
            UpdateOutcome::Refused(WorkflowError::Closed(_) | WorkflowError::NotAllowed { .. })
            | UpdateOutcome::NotFound => self.closed_or_missing(),
            UpdateOutcome::Refused(other) => {
                tracing::warn!(refusal = %other, "a citizen's change was refused");
                self.closed_or_missing()
            }
        }
    }

    async fn add_info_text(&mut self, id: IssueId, text: &str) -> TurnResult {
        let Some(c) = self.own_complaint(id).await? else {
            return self.closed_or_missing();
        };
        let note = match Note::new(text) {
            Ok(n) => n,
            Err(TextError::TooLong { max, actual }) => {
                self.say(Msg::new("too-long").arg("limit", max).arg("length", actual));
                return Ok(());
            }
            Err(_) => return self.prompt().await,
        };
        for link in links_in(text) {
            let update = Update::new(Actor::Citizen, self.now(), Change::AddEvidence(link));
            let _ = self.engine.store.update(id, update).await?;
        }
        // The first answer to a request for information brings the complaint back to whoever
        // asked; later messages are messages.
        let change = if c.status == Status::NeedInfo {
            Change::ProvideInfo
        } else {
            Change::MessageFromCitizen
        };
        self.apply_to_own(id, change, Some(note), "info-added")
            .await
    }

    async fn withdraw(&mut self) -> TurnResult {
        let Step::ConfirmWithdraw { id } = self.s.step.clone() else {
            return self.prompt().await;
        };
        self.s.step = Step::Menu;
        if self.own_complaint(id).await?.is_none() {
            return self.closed_or_missing();
        }
        match self
            .engine
            .store
            .update(
                id,
                Update::new(Actor::Citizen, self.now(), Change::Withdraw),
            )
            .await?
        {
            UpdateOutcome::Applied(_) => {
                self.say(Msg::new("withdrawn").arg("id", id.to_string()));
                self.menu();
                Ok(())
            }
            _ => self.closed_or_missing(),
        }
    }
}

/// The officer's last question on a complaint waiting for information.
fn last_question(c: &Complaint) -> Option<String> {
    c.timeline
        .iter()
        .rev()
        .find(|e| {
            matches!(
                e.kind,
                EventKind::StatusChanged {
                    to: Status::NeedInfo,
                    ..
                }
            )
        })
        .and_then(|e| e.note.as_ref())
        .map(|n| n.as_str().to_owned())
}

/// Events a citizen sees in their timeline: not officers' internal notes.
fn visible_to_citizen(e: &Event) -> bool {
    !matches!(e.kind, EventKind::Note)
}

fn evidence_line(e: &Evidence) -> Msg {
    match e {
        Evidence::Link { url } => Msg::new("evidence-link").arg("url", url.as_str()),
        Evidence::File(a) => Msg::new("evidence-file")
            .arg(
                "name",
                a.original_name
                    .clone()
                    .unwrap_or_else(|| a.media_type.clone()),
            )
            .arg("size", format_size(a.size)),
        _ => Msg::new("evidence-other"),
    }
}

/// The files evidence may be: pictures, video, sound, PDF, plain text and office documents.
/// Programs (an APK, an EXE, a script) and files that cannot be recognised are refused: officers
/// would have to open them.
fn accepted_media_type(t: &str) -> bool {
    let (kind, sub) = t.split_once('/').unwrap_or((t, ""));
    matches!(kind, "image" | "video" | "audio")
        || matches!(
            t,
            "application/pdf"
                | "text/plain"
                | "text/csv"
                | "application/msword"
                | "application/vnd.ms-excel"
                | "application/rtf"
        )
        || sub.starts_with("vnd.openxmlformats-officedocument.")
        || sub.starts_with("vnd.oasis.opendocument.")
}

/// A size in KB or MB, for people.
fn format_size(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

fn file_too_large(size: u64, limit: u64) -> Msg {
    Msg::new("file-too-large")
        .arg("size", format_size(size))
        .arg("limit", format_size(limit))
}

/// Several messages shown one per line.
fn lines(msgs: Vec<Msg>) -> Arg {
    Arg::Lines(msgs)
}

/// The links in a text, as evidence: each URL, and each bare domain not part of one.
fn links_in(text: &str) -> Vec<Evidence> {
    let found = analysis::identifiers(text);
    let url_spans: Vec<_> = found
        .iter()
        .filter(|i| i.kind == IdentifierKind::Url)
        .map(|i| i.span)
        .collect();
    let mut out: Vec<Evidence> = Vec::new();
    for i in &found {
        let link = match i.kind {
            IdentifierKind::Url => Evidence::link(&i.value).ok(),
            IdentifierKind::Domain if !url_spans.contains(&i.span) => {
                Evidence::link(&format!("https://{}", i.value)).ok()
            }
            _ => None,
        };
        if let Some(link) = link
            && !out.contains(&link)
        {
            out.push(link);
        }
    }
    out
}

/// Help for where the user is.
fn help_for(step: &Step) -> Msg {
    let topic = match step {
        Step::Menu | Step::AwaitIssueId => "menu",
        Step::Register { .. } => "register",
        Step::Category | Step::Subcategory => "category",
        Step::Describe => "describe",
        Step::Evidence => "evidence",
        Step::Summary | Step::EditWhat => "summary",
        Step::AddInfo { .. } => "add-info",
        _ => "menu",
    };
    Msg::new("help").arg("topic", topic)
}
