//! What the bot remembers of a conversation, kept in the store between messages and across
//! restarts: the language, where the user is, the draft they are writing, which buttons are
//! valid, and the last answer (sent again if the platform delivers the same message twice).

use occ_core::jiff::Timestamp;
use occ_core::{
    AgencyCode, CategoryCode, Email, Evidence, IdentifierKind, IssueId, Language, NationalIdDigest,
    PhoneNumber, SubcategoryCode,
};
use serde::{Deserialize, Serialize};

use crate::reply::Response;

/// Where the user is in the conversation.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum Step {
    /// At the main menu.
    #[default]
    Menu,
    /// Asked to type an Issue ID.
    AwaitIssueId,
    /// Registering: giving one of their details.
    Register {
        /// Which.
        field: RegField,
    },
    /// Choosing a category.
    Category,
    /// Choosing a subcategory.
    Subcategory,
    /// Describing what happened.
    Describe,
    /// Adding evidence.
    Evidence,
    /// Reading the summary before confirming.
    Summary,
    /// Choosing what to change from the summary.
    EditWhat,
    /// Asked whether to discard the draft.
    ConfirmCancel {
        /// Where to go back to if not.
        resume: Box<Step>,
    },
    /// Asked whether to continue a draft left earlier.
    Resume {
        /// Where the draft was.
        resume: Box<Step>,
    },
    /// Adding information or evidence to a complaint.
    AddInfo {
        /// The complaint.
        id: IssueId,
    },
    /// Asked to confirm withdrawing a complaint.
    ConfirmWithdraw {
        /// The complaint.
        id: IssueId,
    },
    /// Looking at their profile.
    Profile,
    /// Asked to confirm deleting their profile.
    ConfirmDeleteProfile,
    /// Choosing a language.
    Language {
        /// Where to go back to.
        resume: Box<Step>,
    },
    /// An officer writing the text an action on a complaint needs.
    OfficerText {
        /// The complaint.
        id: IssueId,
        /// The action.
        action: OfficerAction,
    },
    /// An officer writing the update every complainant of an incident is told.
    IncidentText {
        /// The incident, by its place in the list last shown.
        index: usize,
    },
    /// An officer writing a warning in Thai.
    WarnThai,
    /// An officer writing the same warning in English.
    WarnEnglish {
        /// The Thai text.
        th: String,
    },
    /// An officer confirming a warning.
    WarnConfirm {
        /// The Thai text.
        th: String,
        /// The English text.
        en: String,
    },
}

/// An officer's action that needs a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum OfficerAction {
    /// Forward to an agency (with an optional note).
    Forward {
        /// The agency.
        agency: AgencyCode,
    },
    /// Ask the citizen for information.
    Ask,
    /// Resolve (with an optional note).
    Resolve,
    /// Reject, with a reason.
    Reject,
    /// Mark as a duplicate of the Issue ID given.
    Duplicate,
    /// Write to the citizen.
    Message,
    /// An internal note.
    Note,
}

impl Step {
    /// True for the steps of writing a complaint (registration included), where a draft is kept.
    pub fn is_drafting(&self) -> bool {
        matches!(
            self,
            Step::Register { .. }
                | Step::Category
                | Step::Subcategory
                | Step::Describe
                | Step::Evidence
                | Step::Summary
                | Step::EditWhat
        )
    }
}

/// A detail asked for at registration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RegField {
    /// Their name.
    Name,
    /// Their phone number.
    Phone,
    /// Their email address (optional).
    Email,
    /// Their national ID number (optional).
    NationalId,
    /// Their consent to the privacy notice.
    Consent,
}

/// A complaint being written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// When it was started.
    pub started_at: Timestamp,
    /// The category chosen.
    pub category: Option<CategoryCode>,
    /// The subcategory chosen.
    pub subcategory: Option<SubcategoryCode>,
    /// The description written.
    pub description: Option<String>,
    /// The evidence added.
    #[serde(default)]
    pub evidence: Vec<Evidence>,
    /// True while a part is being changed from the summary: finishing it returns there.
    #[serde(default)]
    pub editing: bool,
}

impl Draft {
    /// A new, empty draft.
    pub fn new(now: Timestamp) -> Self {
        Self {
            started_at: now,
            category: None,
            subcategory: None,
            description: None,
            evidence: Vec::new(),
            editing: false,
        }
    }
}

/// Details given during registration, before consent makes them a [`Profile`].
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Registration {
    /// Their name.
    pub name: Option<String>,
    /// Their phone number.
    pub phone: Option<PhoneNumber>,
    /// True when the platform confirmed the number belongs to them.
    #[serde(default)]
    pub phone_verified: bool,
    /// Their email address.
    pub email: Option<Email>,
    /// Their national ID number, hashed.
    pub national_id: Option<NationalIdDigest>,
}

/// A registered citizen's details, kept apart from the conversation so that they can see and
/// delete them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    /// Their name.
    pub name: String,
    /// Their phone number.
    pub phone: PhoneNumber,
    /// True when the platform confirmed the number belongs to them.
    #[serde(default)]
    pub phone_verified: bool,
    /// Their email address.
    pub email: Option<Email>,
    /// Their national ID number, hashed with its last four digits.
    pub national_id: Option<NationalIdDigest>,
    /// When they agreed to the privacy notice.
    pub consent_at: Timestamp,
}

/// The last answer given, by the platform message it answered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LastAnswer {
    /// The message id.
    pub message_id: String,
    /// The answer.
    pub response: Response,
}

/// The state of one user's conversation.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Session {
    /// The language they read, once known.
    pub language: Option<Language>,
    /// Where they are.
    #[serde(default)]
    pub step: Step,
    /// Their complaint in progress.
    pub draft: Option<Draft>,
    /// Their registration in progress.
    pub registration: Option<Registration>,
    /// The button ids of the last answer: the only ones accepted.
    #[serde(default)]
    pub buttons: Vec<String>,
    /// When their recent messages came (for the per-minute limit).
    #[serde(default)]
    pub recent: Vec<Timestamp>,
    /// When they were last told to slow down.
    pub slowed_at: Option<Timestamp>,
    /// When they last wrote.
    pub last_seen: Option<Timestamp>,
    /// The last answer.
    pub last: Option<LastAnswer>,
    /// The incidents an officer was last shown, by their place in that list.
    #[serde(default)]
    pub incidents: Vec<(IdentifierKind, String)>,
}
