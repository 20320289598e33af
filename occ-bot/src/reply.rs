//! What the engine says: platform-neutral replies made of Fluent message ids with arguments,
//! buttons with short ASCII ids, and attachments. The channels render them.

use occ_core::Language;
use serde::{Deserialize, Serialize};

/// The longest button id: Telegram's limit for callback data.
pub const MAX_BUTTON_ID: usize = 64;

/// A value given to a message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Arg {
    /// Text, shown as it is (a name, a description, an Issue ID).
    Text(String),
    /// A whole number, shown with digit grouping and used for plural forms.
    Number(i64),
    /// Another message, rendered in the same language first.
    Message(Box<Msg>),
    /// Messages shown one per line (a timeline, a list of evidence).
    Lines(Vec<Msg>),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_owned())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}

impl From<i64> for Arg {
    fn from(n: i64) -> Self {
        Arg::Number(n)
    }
}

impl From<usize> for Arg {
    fn from(n: usize) -> Self {
        Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl From<Msg> for Arg {
    fn from(m: Msg) -> Self {
        Arg::Message(Box::new(m))
    }
}

/// A Fluent message id with its arguments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Msg {
    /// The message id, the same in every locale.
    pub id: String,
    /// Named arguments.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub args: Vec<(String, Arg)>,
}

impl Msg {
    /// The message `id`. Ids written as literals here are checked against the locales by a
    /// test; build others with [`Msg::dynamic`].
    pub fn new(id: &'static str) -> Self {
        Self {
            id: id.to_owned(),
            args: Vec::new(),
        }
    }

    /// A message whose id is computed (such as `status-resolved`), from a family the locales
    /// test covers as a whole.
    pub fn dynamic(id: String) -> Self {
        Self {
            id,
            args: Vec::new(),
        }
    }

    /// The same message with one more argument.
    pub fn arg(mut self, name: &str, value: impl Into<Arg>) -> Self {
        self.args.push((name.to_owned(), value.into()));
        self
    }
}

/// A button: what it sends back, and what it says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Button {
    /// Sent back when pressed; ASCII, at most [`MAX_BUTTON_ID`] bytes, never translated.
    pub id: String,
    /// Its label.
    pub label: Msg,
}

impl Button {
    /// A button.
    ///
    /// # Panics
    ///
    /// If `id` is not ASCII or longer than [`MAX_BUTTON_ID`] bytes: ids are made by the engine,
    /// never from user input, so this is a bug.
    pub fn new(id: impl Into<String>, label: Msg) -> Self {
        let id = id.into();
        assert!(
            id.is_ascii() && !id.is_empty() && id.len() <= MAX_BUTTON_ID,
            "bad button id {id:?}"
        );
        Self { id, label }
    }
}

/// A file sent with a reply (such as a chart).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutAttachment {
    /// Its name.
    pub name: String,
    /// Its media type.
    pub media_type: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// One message to the user.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reply {
    /// The text.
    pub text: Msg,
    /// Buttons, in rows.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub buttons: Vec<Vec<Button>>,
    /// Files to send with it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<OutAttachment>,
    /// Offer the platform's "share my phone number" where it has one.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub ask_contact: bool,
}

impl Reply {
    /// A reply with text only.
    pub fn text(text: Msg) -> Self {
        Self {
            text,
            buttons: Vec::new(),
            attachments: Vec::new(),
            ask_contact: false,
        }
    }

    /// The same reply with one more row of buttons.
    pub fn row(mut self, buttons: Vec<Button>) -> Self {
        if !buttons.is_empty() {
            self.buttons.push(buttons);
        }
        self
    }

    /// The same reply with each button in a row of its own.
    pub fn column(mut self, buttons: Vec<Button>) -> Self {
        self.buttons.extend(buttons.into_iter().map(|b| vec![b]));
        self
    }

    /// Every button, row by row.
    pub fn all_buttons(&self) -> impl Iterator<Item = &Button> {
        self.buttons.iter().flatten()
    }
}

/// What the engine answers to one input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Response {
    /// The language to render it in.
    pub language: Language,
    /// The messages, in order.
    pub replies: Vec<Reply>,
}
