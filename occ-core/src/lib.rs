//! `occ-core`: the complaint domain of OCC, an online complaint center in the spirit of
//! Thailand's 1212 OCC, and its durable embedded store.
//!
//! A citizen reports an online problem; OCC files it as a [`Complaint`] with an [`IssueId`] the
//! citizen keeps to follow it, and officers move it through the [`workflow`]: screening,
//! forwarding to the [`Agency`] in charge, asking for more information, resolving. Every change
//! is an [`Event`] in the complaint's append-only timeline, and every change the citizen must
//! hear about is put in a durable outbox for their chat channel to deliver.
//!
//! The main types:
//!
//! * [`IssueId`]: `OCC-2569-000123-4`, with a check digit that catches typos;
//! * [`Complaint`], [`Reporter`], [`Evidence`] and the bounded texts [`Description`] and [`Note`];
//! * [`Catalog`] of categories and agencies, built in and extendable;
//! * [`workflow::Status`], [`workflow::Change`] and [`workflow::apply`];
//! * [`store::Store`], the storage interface, and [`store::SledStore`], its embedded
//!   implementation, which acknowledges a change only once it is on disk for good.
//!
//! This crate knows nothing about chat platforms, Fluent or terminals: it is what a web portal,
//! an email intake or a chat bot builds on.
//!
//! # Example
//!
//! ```
//! use occ_core::store::{NewComplaint, SledStore, Store, StoreConfig, UpdateOutcome};
//! use occ_core::workflow::{Actor, Change, OfficerId, Update};
//! use occ_core::{
//!     AgencyCode, CategoryCode, Channel, Description, DisplayName, Language, MessageKey,
//!     PhoneNumber, Reporter, SubcategoryCode, UserRef,
//! };
//!
//! # tokio::runtime::Runtime::new()?.block_on(async {
//! let dir = tempfile::tempdir()?;
//! let store = SledStore::open(dir.path(), StoreConfig::default())?;
//! let now = jiff::Timestamp::now();
//!
//! let filing = store
//!     .file(NewComplaint {
//!         source: MessageKey::new(Channel::terminal(), "chat-1", "message-1")?,
//!         received_at: now,
//!         reporter: Reporter {
//!             user: UserRef::new(Channel::terminal(), "somchai")?,
//!             display_name: DisplayName::new("สมชาย")?,
//!             phone: Some(PhoneNumber::parse("081-234-5678")?),
//!             email: None,
//!             national_id: None,
//!         },
//!         language: Language::Thai,
//!         category: CategoryCode::new("shopping")?,
//!         subcategory: SubcategoryCode::new("not_delivered")?,
//!         description: Description::new("โอนเงินแล้ว ร้านไม่ส่งของ")?,
//!         evidence: vec![],
//!         routing: None,
//!     })
//!     .await?;
//! let id = filing.complaint.id;
//! println!("Your Issue ID is {id}");
//!
//! let desk = Actor::Officer(OfficerId("desk-1".into()));
//! let forward = Update::new(desk, now, Change::Forward { agency: AgencyCode::new("OCPB")? });
//! let UpdateOutcome::Applied(complaint) = store.update(id, forward).await? else {
//!     panic!("forwarding a new complaint is allowed");
//! };
//! assert_eq!(complaint.agency.as_str(), "OCPB");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! # })?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

/// The date and time library whose [`Timestamp`](jiff::Timestamp) OCC's records carry.
pub use jiff;

pub mod analysis;
pub mod calendar;
pub mod catalog;
pub mod complaint;
pub mod contact;
pub mod id;
pub mod language;
pub mod office;
pub mod officers;
pub mod routing;
pub mod stats;
pub mod store;
#[doc(hidden)]
pub mod testing;
pub mod text;
pub mod workflow;

pub use catalog::{
    Agency, AgencyCode, Catalog, CatalogError, Category, CategoryCode, Subcategory, SubcategoryCode,
};
pub use complaint::{
    Attachment, Channel, Complaint, ComplaintError, Evidence, Identifier, IdentifierKind,
    MessageKey, Reporter, UserRef,
};
pub use contact::{ContactError, Email, NationalId, NationalIdDigest, NationalIdKey, PhoneNumber};
pub use id::{IssueId, IssueIdError, ParseIssueIdError};
pub use language::{Language, Localized};
pub use text::{Description, DisplayName, Note, TextError};
pub use workflow::{Actor, Event, EventKind, OfficerId, Status};
