//! The terminal channel: the same engine, in a terminal.
//!
//! Buttons are shown as numbered choices; typing the number or the label both press it. A file
//! is sent by typing its path (or `/attach PATH`). `/quit` leaves. When standard input is not a
//! terminal, one line is one input and no prompt is shown, so conversations can be scripted.
//! Notifications waiting for the user (an officer's change, a question) are shown after each
//! answer. Files the bot sends (a statistics chart) are saved in a folder and their path shown.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use occ_core::jiff::Timestamp;
use occ_core::{Channel, Language, UserRef};
use tokio::io::{AsyncBufRead, AsyncBufReadExt};

use crate::engine::{Engine, Incoming, Input};
use crate::i18n::I18n;
use crate::reply::{Button, Msg, OutAttachment, Response};

/// The largest file the terminal sends (the store has its own limit too).
const MAX_FILE: u64 = 20 * 1024 * 1024;

/// A conversation in the terminal.
pub struct Console {
    engine: Arc<Engine>,
    i18n: Arc<I18n>,
    user: UserRef,
    run_id: u128,
    counter: u64,
    buttons: Vec<Button>,
    language: Language,
    files_dir: PathBuf,
}

impl std::fmt::Debug for Console {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Console")
            .field("user", &self.user)
            .finish_non_exhaustive()
    }
}

impl Console {
    /// A conversation as terminal user `user`.
    ///
    /// # Errors
    ///
    /// When `user` is not a valid platform id (empty, too long, control characters).
    pub fn new(
        engine: Arc<Engine>,
        i18n: Arc<I18n>,
        user: &str,
    ) -> Result<Self, occ_core::ComplaintError> {
        Ok(Self {
            engine,
            i18n,
            user: UserRef::new(Channel::terminal(), user)?,
            run_id: Timestamp::now().as_nanosecond().unsigned_abs(),
            counter: 0,
            buttons: Vec::new(),
            language: Language::default(),
            files_dir: std::env::temp_dir().join("occ-terminal"),
        })
    }

    /// Saves the files the bot sends in `dir` (created when needed) instead of a folder under
    /// the system's temporary directory.
    #[must_use]
    pub fn with_files_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.files_dir = dir.into();
        self
    }

    /// Saves a file the bot sent and says where it is, or that it could not be saved.
    fn save<W: Write>(
        &mut self,
        file: &OutAttachment,
        out: &mut W,
        language: Language,
    ) -> std::io::Result<()> {
        // The name comes from the engine, but only plain characters make it into a path.
        let clean: String = file
            .name
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        let clean = clean.trim_start_matches('.');
        let clean = if clean.is_empty() { "file" } else { clean };
        let saved = std::fs::create_dir_all(&self.files_dir)
            .and_then(|()| write_new(&self.files_dir, clean, &file.bytes));
        let msg = match saved {
            Ok(path) => Msg::new("terminal-file-saved")
                .arg("name", file.name.as_str())
                .arg("path", path.display().to_string()),
            Err(e) => {
                tracing::warn!(error = %e, "a file from the bot could not be saved");
                Msg::new("terminal-file-not-saved").arg("name", file.name.as_str())
            }
        };
        writeln!(out, "{}", self.i18n.render(language, &msg))
    }

    async fn send(&mut self, input: Input) -> Response {
        self.counter += 1;
        let incoming = Incoming {
            user: self.user.clone(),
            chat: self.user.id().to_owned(),
            // Unique across runs, so that a new message is never taken for a repeated one.
            message_id: format!("{}-{}", self.run_id, self.counter),
            locale: None,
            input,
            now: Timestamp::now(),
        };
        self.engine.handle(incoming).await
    }

    /// Runs the conversation: greets, then reads one input per line from `input` until its end
    /// or `/quit`, writing the answers to `out`. `lang` chooses the language first; `prompt`
    /// shows a prompt before each line (for a person at a terminal).
    ///
    /// # Errors
    ///
    /// Reading or writing failed.
    pub async fn run<R: AsyncBufRead + Unpin, W: Write>(
        &mut self,
        input: R,
        out: &mut W,
        lang: Option<Language>,
        prompt: bool,
    ) -> std::io::Result<()> {
        if let Some(lang) = lang {
            // Chosen on the command line: set quietly before the greeting.
            let _ = self
                .send(Input::Command {
                    name: "lang".into(),
                    args: lang.code().into(),
                })
                .await;
        }
        let hello = self
            .send(Input::Command {
                name: "start".into(),
                args: String::new(),
            })
            .await;
        self.show(&hello, out, false)?;
        // What officers did while this user was away.
        self.show_notifications(out).await?;
        let mut lines = input.lines();
        loop {
            if prompt {
                write!(out, "› ")?;
                out.flush()?;
            }
            let Some(line) = lines.next_line().await? else {
                break;
            };
            let line = line.trim_end_matches(['\r', '\n']);
            if line.trim().is_empty() {
                continue;
            }
            if matches!(line.trim(), "/quit" | "/exit" | "/q") {
                break;
            }
            if let Some(path) = missing_file(line) {
                let msg = Msg::new("terminal-file-missing").arg("path", path);
                writeln!(out, "{}\n", self.i18n.render(self.language, &msg))?;
                continue;
            }
            let input = self.read_input(line);
            let response = self.send(input).await;
            self.show(&response, out, false)?;
            self.show_notifications(out).await?;
        }
        Ok(())
    }

    /// What a typed line means: a button by number or label, a file by path, or text.
    fn read_input(&self, line: &str) -> Input {
        let trimmed = line.trim();
        if let Ok(n) = trimmed.parse::<usize>()
            && (1..=self.buttons.len()).contains(&n)
        {
            return Input::Button(self.buttons[n - 1].id.clone());
        }
        let typed = trimmed.to_lowercase();
        if let Some(b) = self.buttons.iter().find(|b| {
            self.i18n
                .render(self.language, &b.label)
                .trim()
                .to_lowercase()
                == typed
        }) {
            return Input::Button(b.id.clone());
        }
        let path = trimmed
            .strip_prefix("/attach ")
            .map(str::trim)
            .unwrap_or(trimmed);
        let as_file = Path::new(path);
        if (trimmed.starts_with("/attach ") || !path.contains('\n')) && as_file.is_file() {
            return read_file(as_file);
        }
        Input::Text(line.to_owned())
    }

    /// Writes a response; its buttons are numbered after those already shown when `append`.
    fn show<W: Write>(
        &mut self,
        response: &Response,
        out: &mut W,
        append: bool,
    ) -> std::io::Result<()> {
        self.language = response.language;
        // As in the engine: an answer without buttons leaves the numbers on screen as they were.
        let has_buttons = response.replies.iter().any(|r| !r.buttons.is_empty());
        if !append && has_buttons {
            self.buttons.clear();
        }
        for reply in &response.replies {
            writeln!(out, "{}", self.i18n.render(response.language, &reply.text))?;
            for file in &reply.attachments {
                self.save(file, out, response.language)?;
            }
            for button in reply.all_buttons() {
                self.buttons.push(button.clone());
                writeln!(
                    out,
                    "  {}) {}",
                    self.buttons.len(),
                    self.i18n.render(response.language, &button.label)
                )?;
            }
            writeln!(out)?;
        }
        out.flush()
    }

    async fn show_notifications<W: Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        let store = Arc::clone(self.engine.store());
        let pending = match store.pending_notifications(&Channel::terminal(), 100).await {
            Ok(p) => p,
            Err(e) => {
                tracing::error!(error = %e, "notifications could not be read");
                return Ok(());
            }
        };
        let mine: Vec<_> = pending
            .into_iter()
            .filter(|n| n.recipient == self.user)
            .collect();
        for n in mine {
            let response = self.engine.notification(&n).await;
            // Its buttons are numbered after those of the answer before it.
            self.show(&response, out, true)?;
            if let Err(e) = store.ack_notification(&Channel::terminal(), n.id).await {
                tracing::error!(error = %e, "a notification could not be acknowledged");
            }
        }
        Ok(())
    }
}

/// Writes `bytes` to a new file in `dir` named `name`, or `stem-2.ext`, `stem-3.ext`… when
/// that name is taken: a file saved earlier is never overwritten.
fn write_new(dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<PathBuf> {
    let (stem, ext) = match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => (stem, Some(ext)),
        _ => (name, None),
    };
    for n in 1..10_000 {
        let candidate = match (n, ext) {
            (1, _) => name.to_owned(),
            (_, Some(ext)) => format!("{stem}-{n}.{ext}"),
            (_, None) => format!("{stem}-{n}"),
        };
        let path = dir.join(candidate);
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut f) => {
                f.write_all(bytes)?;
                return Ok(path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::new(
        std::io::ErrorKind::AlreadyExists,
        "too many files with this name",
    ))
}

/// A line that names a file which is not there: `/attach PATH`, or a single word that looks
/// like a path (`/home/me/slip.jpg`, `./slip.jpg`). Commands (`/new`) do not look like paths.
fn missing_file(line: &str) -> Option<&str> {
    let trimmed = line.trim();
    let path = match trimmed.strip_prefix("/attach ") {
        Some(rest) => rest.trim(),
        None if !trimmed.contains(char::is_whitespace)
            && (trimmed.starts_with("./")
                || trimmed.starts_with("~/")
                || trimmed.starts_with('/'))
            && trimmed[1..].contains('/') =>
        {
            trimmed
        }
        None => return None,
    };
    (!Path::new(path).is_file()).then_some(path)
}

fn read_file(path: &Path) -> Input {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    match std::fs::metadata(path) {
        Ok(m) if m.len() > MAX_FILE => Input::AttachmentTooLarge {
            size: m.len(),
            limit: MAX_FILE,
        },
        _ => match std::fs::read(path) {
            Ok(bytes) => Input::Attachment {
                bytes,
                media_type: None,
                name,
                caption: None,
            },
            Err(_) => Input::Text(path.display().to_string()),
        },
    }
}
