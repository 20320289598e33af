//! The durable store: the only I/O in `occ-core`.
//!
//! [`Store`] is the interface the rest of OCC programs against; [`SledStore`] is its embedded
//! implementation on [sled](https://docs.rs/sled/0.34). Every method that changes something
//! returns only once the change is on disk for good (flushed and fsynced), and concurrent callers
//! share one flush (group commit).
//!
//! ```
//! use occ_core::store::{SledStore, Store, StoreConfig};
//! # use occ_core::testing::sample_new_complaint;
//!
//! # tokio::runtime::Runtime::new()?.block_on(async {
//! let dir = tempfile::tempdir()?;
//! let store = SledStore::open(dir.path(), StoreConfig::default())?;
//!
//! let filing = store.file(sample_new_complaint("msg-1")).await?;
//! println!("filed {}", filing.complaint.id);
//!
//! // The same platform message filed again gives the same complaint.
//! let again = store.file(sample_new_complaint("msg-1")).await?;
//! assert!(!again.is_new);
//! assert_eq!(again.complaint.id, filing.complaint.id);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! # })?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod attachments;
mod counters;
mod durability;
mod encoding;
mod export;
mod manifest;
mod sled_store;

use std::collections::BTreeMap;
use std::io::{self, BufRead, Write};
use std::path::PathBuf;

use async_trait::async_trait;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::catalog::{AgencyCode, Catalog, CatalogError, CategoryCode, SubcategoryCode};
use crate::complaint::{
    Attachment, Channel, Complaint, Evidence, Identifier, IdentifierKind, MessageKey, Reporter,
    UserRef,
};
use crate::contact::{NationalId, NationalIdDigest};
use crate::id::IssueId;
use crate::language::Language;
use crate::officers::{AuditEntry, Officer, Subscription, Warning};
use crate::routing::RoutingDecision;
use crate::stats::{Period, PeriodReport};
use crate::text::Description;
use crate::workflow::{Event, OfficerId, Status, Update, WorkflowError};

pub use attachments::media_type;
pub use counters::{CounterKey, Counters, DELAY_BUCKETS_MINUTES, bucket_upper_bound, delay_bucket};
pub use export::{EXPORT_FORMAT, ExportSummary, ImportSummary};
pub use sled_store::SledStore;

/// Where a complaint stands: what [`Store::status`] reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusSummary {
    /// Its Issue ID.
    pub id: IssueId,
    /// Who filed it (check it before telling anyone anything).
    pub reporter: UserRef,
    /// When it was filed.
    pub filed_at: Timestamp,
    /// Its status.
    pub status: Status,
    /// The agency that has it.
    pub agency: AgencyCode,
    /// When it last changed.
    pub changed_at: Timestamp,
}

impl StatusSummary {
    /// The summary of `c`.
    pub fn of(c: &Complaint) -> Self {
        Self {
            id: c.id,
            reporter: c.reporter.user.clone(),
            filed_at: c.filed_at,
            status: c.status,
            agency: c.agency.clone(),
            changed_at: c.timeline.last().map_or(c.filed_at, |e| e.at),
        }
    }
}

/// One mebibyte.
const MIB: u64 = 1024 * 1024;

/// How a store is opened.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct StoreConfig {
    /// How much memory sled may use for its page cache: a ceiling, reached only as data is
    /// read. Default 1 GiB, sled's own: with a million complaints (about 1.5 GB on disk) a
    /// 64 MiB cache makes a look-up by Issue ID nearly four times slower (`BENCHMARKS.md`).
    /// Lower it on a host with less memory than its store.
    pub cache_capacity_bytes: u64,
    /// The largest attachment accepted. Default 20 MiB, Telegram's limit for bot downloads.
    pub attachment_limit_bytes: u64,
    /// The categories and agencies complaints are checked against.
    pub catalog: Catalog,
}

impl Default for StoreConfig {
    fn default() -> Self {
        Self {
            cache_capacity_bytes: 1024 * MIB,
            attachment_limit_bytes: 20 * MIB,
            catalog: Catalog::builtin(),
        }
    }
}

/// A complaint about to be filed: everything but what the store assigns (Issue ID, status,
/// agency, timeline).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewComplaint {
    /// The platform message that caused the filing; filing the same key again returns the first
    /// complaint.
    pub source: MessageKey,
    /// When the complaint was received (the caller's clock, so tests control it).
    pub received_at: Timestamp,
    /// Who reports it. Their channel must be the source's channel.
    pub reporter: Reporter,
    /// The language the reporter reads.
    pub language: Language,
    /// The category.
    pub category: CategoryCode,
    /// The subcategory.
    pub subcategory: SubcategoryCode,
    /// What happened.
    pub description: Description,
    /// Links and files that came with it.
    pub evidence: Vec<Evidence>,
    /// Where routing suggests it should go ([`Router::route_new`](crate::routing::Router::route_new)),
    /// kept for the officers who screen it.
    pub routing: Option<RoutingDecision>,
}

impl NewComplaint {
    /// The identifiers in the description and the evidence links.
    pub fn identifiers(&self) -> Vec<Identifier> {
        let mut found = crate::analysis::identifiers(self.description.as_str());
        for e in &self.evidence {
            if let Evidence::Link { url } = e {
                for i in crate::analysis::link_identifiers(url) {
                    if !found.iter().any(|f| f.kind == i.kind && f.value == i.value) {
                        found.push(i);
                    }
                }
            }
        }
        found
    }

    /// The complaint as it is filed: with its Issue ID, the identifiers found in it, received,
    /// assigned to the screening desk, and with one [`EventKind::Filed`](crate::EventKind::Filed)
    /// event by the citizen.
    pub fn into_complaint(self, id: IssueId, screening_desk: AgencyCode) -> Complaint {
        let identifiers = self.identifiers();
        Complaint {
            id,
            filed_at: self.received_at,
            source: self.source,
            reporter: self.reporter,
            language: self.language,
            category: self.category,
            subcategory: self.subcategory,
            description: self.description,
            evidence: self.evidence,
            identifiers,
            routing: self.routing,
            agency: screening_desk,
            status: Status::Received,
            duplicate_of: None,
            timeline: vec![Event {
                at: self.received_at,
                actor: crate::Actor::Citizen,
                kind: crate::EventKind::Filed,
                note: None,
            }],
        }
    }
}

/// The result of filing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filing {
    /// The complaint as stored.
    pub complaint: Complaint,
    /// False when the same platform message had already been filed and this is that complaint.
    pub is_new: bool,
}

/// The result of an update. Only a broken store is an `Err`; these are answers.
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use]
pub enum UpdateOutcome {
    /// The change is on disk; the complaint as it is now.
    Applied(Box<Complaint>),
    /// No complaint has this Issue ID.
    NotFound,
    /// The workflow refused the change; nothing was written.
    Refused(WorkflowError),
}

/// Which part of a list to return.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    /// The most items to return.
    pub limit: usize,
    /// Continue after this Issue ID, in the list's own order.
    pub after: Option<IssueId>,
}

impl Page {
    /// The first `limit` items.
    pub fn first(limit: usize) -> Self {
        Self { limit, after: None }
    }

    /// The `limit` items after `id`.
    pub fn after(id: IssueId, limit: usize) -> Self {
        Self {
            limit,
            after: Some(id),
        }
    }
}

/// Something a citizen (or an officer) must be told, waiting in the outbox until their channel
/// delivers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notification {
    /// Its position in the outbox (increasing).
    pub id: u64,
    /// Who to tell.
    pub recipient: UserRef,
    /// The chat to tell them in (where the complaint came from).
    pub chat: String,
    /// The language to tell them in.
    pub language: Language,
    /// What it is about.
    #[serde(flatten)]
    pub about: About,
}

/// What a notification is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum About {
    /// Something that happened to a complaint.
    Complaint {
        /// The complaint.
        issue: IssueId,
        /// What happened.
        event: Event,
    },
    /// A warning published for subscribers.
    Warning {
        /// The warning.
        warning: Warning,
    },
    /// The daily reminder to an officer of the complaints past their targets.
    Reminder {
        /// How many are late.
        overdue: u64,
        /// The most overdue, first.
        oldest: Vec<IssueId>,
    },
}

impl Notification {
    /// The notification at outbox position `id` telling the reporter of `complaint` about
    /// `event`, in their language, in the chat the complaint came from.
    pub fn for_event(id: u64, complaint: &Complaint, event: Event) -> Self {
        Self {
            id,
            recipient: complaint.reporter.user.clone(),
            chat: complaint.source.chat.clone(),
            language: complaint.language,
            about: About::Complaint {
                issue: complaint.id,
                event,
            },
        }
    }

    /// The notification telling `officer` about `event` on complaint `issue` (a citizen's
    /// answer to them), in their private chat.
    pub fn to_officer(id: u64, officer: &Officer, issue: IssueId, event: Event) -> Self {
        Self {
            id,
            recipient: officer.user.clone(),
            chat: officer.user.id().to_owned(),
            language: officer.language,
            about: About::Complaint { issue, event },
        }
    }

    /// The complaint it is about, if any.
    pub fn issue(&self) -> Option<IssueId> {
        match &self.about {
            About::Complaint { issue, .. } => Some(*issue),
            About::Warning { .. } | About::Reminder { .. } => None,
        }
    }

    /// The complaint event it is about, if any.
    pub fn event(&self) -> Option<&Event> {
        match &self.about {
            About::Complaint { event, .. } => Some(event),
            About::Warning { .. } | About::Reminder { .. } => None,
        }
    }

    /// The channel that delivers it.
    pub fn channel(&self) -> &Channel {
        &self.recipient.channel
    }
}

/// Complaints that share an identifier (a shop's domain or page, a bank account, a phone
/// number, a PromptPay id, a LINE id, an email address): one incident seen through many
/// complaints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncidentSummary {
    /// The kind of identifier they share.
    pub kind: IdentifierKind,
    /// Its value.
    pub value: String,
    /// How many complaints share it.
    pub complaints: u64,
    /// When the first of them was filed.
    pub first_filed: Timestamp,
    /// When the last of them was filed.
    pub last_filed: Timestamp,
}

/// An incident with its complaints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Incident {
    /// What it is and how large.
    pub summary: IncidentSummary,
    /// Its complaints, in Issue ID order.
    pub complaints: Vec<IssueId>,
    /// How many of them are with each agency now (the screening desk included).
    pub by_agency: BTreeMap<AgencyCode, u64>,
    /// How many of them are still open.
    pub open: u64,
}

/// What acting on an incident as one did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct IncidentOutcome {
    /// The complaints the update was applied to.
    pub applied: Vec<IssueId>,
    /// The complaints the workflow refused it for (for example those already closed), and why.
    pub refused: Vec<(IssueId, WorkflowError)>,
}

/// How many flushes served how many requests, since the store was opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DurabilityStats {
    /// Requests for durability (one per change acknowledged).
    pub requests: u64,
    /// Flush-and-fsync rounds performed; with group commit, fewer than the requests.
    pub syncs: u64,
}

/// What went wrong in the store. None of these is a normal outcome: a missing complaint or a
/// refused change is a value ([`UpdateOutcome`], `Option`).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// Another process has the data directory open.
    #[error(
        "the data directory {dir} is in use by another process (is another occ-bot running?); \
         stop that process or use another data directory"
    )]
    Locked {
        /// The directory.
        dir: PathBuf,
    },
    /// The directory is not empty and holds no OCC store.
    #[error(
        "{dir} is not an OCC data directory: it is not empty and holds no OCC store, so nothing \
         was written to it; choose a new or empty directory, or the directory of an existing store"
    )]
    NotAStore {
        /// The directory.
        dir: PathBuf,
    },
    /// The store's files are damaged.
    #[error(
        "the store in {dir} is damaged ({detail}); nothing was changed. Move the directory aside \
         and restore the last export into a new directory with import"
    )]
    Corrupt {
        /// The directory.
        dir: PathBuf,
        /// What was found.
        detail: String,
    },
    /// The store was written by a newer version of OCC.
    #[error(
        "the store in {dir} has format {found}, newer than this OCC ({supported}); upgrade OCC, \
         or export with the newer version and import here"
    )]
    NewerFormat {
        /// The directory.
        dir: PathBuf,
        /// The format found.
        found: u32,
        /// The newest format this version reads.
        supported: u32,
    },
    /// A file operation failed.
    #[error("{context}: {source}")]
    Io {
        /// What was being done.
        context: String,
        /// The operating system's error.
        #[source]
        source: io::Error,
    },
    /// The embedded database failed.
    #[error("the database failed: {0}")]
    Backend(String),
    /// A change could not be made durable; it must be taken as lost.
    #[error("could not write the change to disk for good: {0}")]
    Durability(String),
    /// The complaint refers to a category or agency the catalog does not have.
    #[error(transparent)]
    Catalog(#[from] CatalogError),
    /// The complaint's parts do not fit together.
    #[error("the complaint is not valid: {0}")]
    Invalid(&'static str),
    /// An attachment is over the size limit.
    #[error("the file is {} MB; files of at most {} MB are accepted", mb(*.size), mb(*.limit))]
    AttachmentTooLarge {
        /// Its size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// An attachment has no bytes.
    #[error("the file is empty")]
    AttachmentEmpty,
    /// A session value is over 1 MiB, or its key is empty or over 512 bytes.
    #[error("a session must have a key of 1 to 512 bytes and a value of at most 1 MiB")]
    SessionTooLarge,
    /// A line of an import could not be read.
    #[error("import line {line}: {reason}")]
    Import {
        /// The line number, from 1.
        line: u64,
        /// What is wrong with it.
        reason: String,
    },
    /// Import goes only into an empty store.
    #[error("import needs an empty store; this one already holds data")]
    NotEmpty,
}

fn mb(bytes: u64) -> String {
    let tenths = (bytes * 10).div_ceil(MIB);
    if tenths.is_multiple_of(10) {
        format!("{}", tenths / 10)
    } else {
        format!("{}.{}", tenths / 10, tenths % 10)
    }
}

impl StoreError {
    pub(crate) fn io(context: impl Into<String>, source: io::Error) -> Self {
        StoreError::Io {
            context: context.into(),
            source,
        }
    }
}

/// A store of complaints, sessions, notifications and attachments.
///
/// Every method that changes something returns only after the change is on disk for good.
#[async_trait]
pub trait Store: Send + Sync + std::fmt::Debug {
    /// The catalog complaints are checked against.
    fn catalog(&self) -> &Catalog;

    /// Hashes a national ID number with this store's key, for keeping in a [`Reporter`].
    fn national_id_digest(&self, id: &NationalId) -> NationalIdDigest;

    /// Files a complaint: allocates the next Issue ID of the year and writes the complaint, its
    /// indexes and counters in one atomic step, durably. Filing a [`NewComplaint::source`] that
    /// was filed before returns that complaint with `is_new: false`.
    ///
    /// # Errors
    ///
    /// [`StoreError::Catalog`] for an unknown category or subcategory, [`StoreError::Invalid`]
    /// when the reporter's channel is not the source's, and I/O failures.
    async fn file(&self, new: NewComplaint) -> Result<Filing, StoreError>;

    /// Files many complaints, as [`Store::file`] files each, and returns once all are durable:
    /// one wait for the disk instead of one per complaint, for bringing in complaints from
    /// another system. [`SledStore`] files the batch in one atomic step: all of it or, on an
    /// error, none of it. (This default files one by one and stops at the first error.)
    ///
    /// # Errors
    ///
    /// As [`Store::file`], for the first complaint that fails.
    async fn file_many(&self, news: Vec<NewComplaint>) -> Result<Vec<Filing>, StoreError> {
        let mut filings = Vec::with_capacity(news.len());
        for new in news {
            filings.push(self.file(new).await?);
        }
        Ok(filings)
    }

    /// The complaint with this Issue ID.
    ///
    /// # Errors
    ///
    /// I/O failures and damaged records.
    async fn get(&self, id: IssueId) -> Result<Option<Complaint>, StoreError>;

    /// Where the complaint with this Issue ID stands, without reading the rest of it: for a
    /// status page or a hotline's quick look-up. The default reads the whole complaint.
    ///
    /// # Errors
    ///
    /// I/O failures and damaged records.
    async fn status(&self, id: IssueId) -> Result<Option<StatusSummary>, StoreError> {
        Ok(self.get(id).await?.map(|c| StatusSummary::of(&c)))
    }

    /// Applies an update (checked against the workflow) with its index, counter and outbox
    /// changes in one atomic step, durably.
    ///
    /// # Errors
    ///
    /// I/O failures and damaged records; refusals are [`UpdateOutcome::Refused`].
    async fn update(&self, id: IssueId, update: Update) -> Result<UpdateOutcome, StoreError>;

    /// A reporter's complaints, newest first.
    ///
    /// # Errors
    ///
    /// I/O failures and damaged records.
    async fn by_reporter(&self, user: &UserRef, page: Page) -> Result<Vec<Complaint>, StoreError>;

    /// Complaints in a status, oldest first.
    ///
    /// # Errors
    ///
    /// I/O failures and damaged records.
    async fn by_status(&self, status: Status, page: Page) -> Result<Vec<Complaint>, StoreError>;

    /// Complaints assigned to an agency, oldest first.
    ///
    /// # Errors
    ///
    /// I/O failures and damaged records.
    async fn by_agency(
        &self,
        agency: &AgencyCode,
        page: Page,
    ) -> Result<Vec<Complaint>, StoreError>;

    /// The counters (totals by status, agency, category, channel and month).
    ///
    /// # Errors
    ///
    /// I/O failures.
    async fn counters(&self) -> Result<Counters, StoreError>;

    /// A period's figures beside the period before it, from the day counters: its cost follows
    /// the length of the period, not the size of the store.
    ///
    /// # Errors
    ///
    /// I/O failures.
    async fn report(&self, period: Period) -> Result<PeriodReport, StoreError>;

    /// Incidents (identifiers shared by at least two complaints), largest first.
    ///
    /// # Errors
    ///
    /// I/O failures and damaged records.
    async fn incidents(&self, limit: usize) -> Result<Vec<IncidentSummary>, StoreError>;

    /// The incident of one identifier, with its complaints; `None` if no complaint has it.
    ///
    /// # Errors
    ///
    /// I/O failures and damaged records.
    async fn incident(
        &self,
        kind: IdentifierKind,
        value: &str,
    ) -> Result<Option<Incident>, StoreError>;

    /// The incidents a complaint belongs to.
    ///
    /// # Errors
    ///
    /// I/O failures and damaged records.
    async fn incidents_of(&self, id: IssueId) -> Result<Vec<IncidentSummary>, StoreError>;

    /// Applies one update to every complaint of an incident: forward them all, or tell every
    /// complainant the same news ([`Change::MessageToCitizen`](crate::workflow::Change)), each
    /// through the outbox. Each complaint changes in its own atomic step; all are durable when
    /// this returns.
    ///
    /// # Errors
    ///
    /// I/O failures and damaged records; refusals are in the outcome.
    async fn update_incident(
        &self,
        kind: IdentifierKind,
        value: &str,
        update: Update,
    ) -> Result<IncidentOutcome, StoreError>;

    /// Up to `limit` notifications waiting for `channel`, oldest first. They stay in the outbox
    /// until acknowledged.
    ///
    /// # Errors
    ///
    /// I/O failures and damaged records.
    async fn pending_notifications(
        &self,
        channel: &Channel,
        limit: usize,
    ) -> Result<Vec<Notification>, StoreError>;

    /// Removes a delivered notification, durably. False if it was not there.
    ///
    /// # Errors
    ///
    /// I/O failures.
    async fn ack_notification(&self, channel: &Channel, id: u64) -> Result<bool, StoreError>;

    /// Moves a notification that cannot be delivered (the user blocked the bot, the chat is
    /// gone) out of the outbox into the parked list, durably, with the reason. False if it was
    /// not in the outbox.
    ///
    /// # Errors
    ///
    /// I/O failures.
    async fn park_notification(
        &self,
        channel: &Channel,
        id: u64,
        reason: &str,
    ) -> Result<bool, StoreError>;

    /// Parked notifications, oldest first, with the reason each could not be delivered.
    ///
    /// # Errors
    ///
    /// I/O failures and damaged records.
    async fn parked_notifications(
        &self,
        limit: usize,
    ) -> Result<Vec<(Notification, String)>, StoreError>;

    /// A conversation session's stored value.
    ///
    /// # Errors
    ///
    /// I/O failures.
    async fn session(&self, key: &str) -> Result<Option<Vec<u8>>, StoreError>;

    /// Stores a conversation session's value, durably.
    ///
    /// # Errors
    ///
    /// [`StoreError::SessionTooLarge`] and I/O failures.
    async fn put_session(&self, key: &str, value: &[u8]) -> Result<(), StoreError>;

    /// Removes a conversation session, durably.
    ///
    /// # Errors
    ///
    /// I/O failures.
    async fn delete_session(&self, key: &str) -> Result<(), StoreError>;

    /// Stores a file's bytes durably in the attachment folder and describes it. The media type is
    /// detected from the bytes where they are recognised, else `declared_type` is used.
    ///
    /// # Errors
    ///
    /// [`StoreError::AttachmentTooLarge`], [`StoreError::AttachmentEmpty`] and I/O failures.
    async fn put_attachment(
        &self,
        bytes: Vec<u8>,
        declared_type: Option<&str>,
        original_name: Option<&str>,
    ) -> Result<Attachment, StoreError>;

    /// The bytes of a stored attachment; `None` if there is none with this digest.
    ///
    /// # Errors
    ///
    /// I/O failures, and [`StoreError::Corrupt`] when the bytes no longer match their digest.
    async fn attachment(&self, sha256: &str) -> Result<Option<Vec<u8>>, StoreError>;

    /// Writes everything as JSON Lines (see [`EXPORT_FORMAT`]): a header, then complaints with
    /// their timelines in Issue ID order, pending notifications and sessions.
    ///
    /// # Errors
    ///
    /// I/O failures on the store or on `out`.
    async fn export(&self, out: &mut (dyn Write + Send)) -> Result<ExportSummary, StoreError>;

    /// Reads an export into this store, which must be empty, rebuilding indexes and counters.
    /// The next Issue ID of each year continues after the highest imported one.
    ///
    /// # Errors
    ///
    /// [`StoreError::NotEmpty`], [`StoreError::Import`] naming the first bad line (the store
    /// is then left empty, as it was), and I/O failures.
    async fn import(&self, input: &mut (dyn BufRead + Send)) -> Result<ImportSummary, StoreError>;

    /// Adds or replaces an officer, durably.
    ///
    /// # Errors
    ///
    /// I/O failures.
    async fn put_officer(&self, officer: &Officer) -> Result<(), StoreError>;

    /// Removes an officer, durably. False if there was none.
    ///
    /// # Errors
    ///
    /// I/O failures.
    async fn remove_officer(&self, user: &UserRef) -> Result<bool, StoreError>;

    /// The officer with this platform identity.
    ///
    /// # Errors
    ///
    /// I/O failures and damaged records.
    async fn officer(&self, user: &UserRef) -> Result<Option<Officer>, StoreError>;

    /// Every officer.
    ///
    /// # Errors
    ///
    /// I/O failures and damaged records.
    async fn officers(&self) -> Result<Vec<Officer>, StoreError>;

    /// Records a refused operation in the audit log, durably.
    ///
    /// # Errors
    ///
    /// I/O failures.
    async fn audit(&self, entry: AuditEntry) -> Result<(), StoreError>;

    /// The audit log, newest first.
    ///
    /// # Errors
    ///
    /// I/O failures and damaged records.
    async fn audit_log(&self, limit: usize) -> Result<Vec<AuditEntry>, StoreError>;

    /// Subscribes a citizen to warnings (or updates where they receive them), durably.
    ///
    /// # Errors
    ///
    /// I/O failures.
    async fn subscribe(&self, subscription: Subscription) -> Result<(), StoreError>;

    /// Unsubscribes a citizen, durably. False if they were not subscribed.
    ///
    /// # Errors
    ///
    /// I/O failures.
    async fn unsubscribe(&self, user: &UserRef) -> Result<bool, StoreError>;

    /// A citizen's subscription.
    ///
    /// # Errors
    ///
    /// I/O failures and damaged records.
    async fn subscription(&self, user: &UserRef) -> Result<Option<Subscription>, StoreError>;

    /// Publishes a warning: stores it and puts one notification in the outbox for every
    /// subscriber (the channels deliver them at the pace their platforms accept), durably.
    /// Returns the warning and how many subscribers will be told.
    ///
    /// # Errors
    ///
    /// I/O failures.
    async fn publish_warning(
        &self,
        th: &str,
        en: &str,
        by: OfficerId,
        at: Timestamp,
    ) -> Result<(Warning, u64), StoreError>;

    /// Puts a notification in the outbox, durably, and returns its id.
    ///
    /// # Errors
    ///
    /// I/O failures.
    async fn notify(
        &self,
        recipient: &UserRef,
        chat: &str,
        language: Language,
        about: About,
    ) -> Result<u64, StoreError>;

    /// The latest warnings, newest first.
    ///
    /// # Errors
    ///
    /// I/O failures and damaged records.
    async fn warnings(&self, limit: usize) -> Result<Vec<Warning>, StoreError>;

    /// How many flushes served how many durability requests.
    fn durability_stats(&self) -> DurabilityStats;
}
