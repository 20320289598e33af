//! What officers do, with their role checked for every operation.
//!
//! [`Office`] sits on a [`Store`] and takes the platform identity of whoever asks. Someone who is
//! not an officer, an agency officer reaching for another agency's complaint, or a role that
//! may not do something gets [`Denied`], the same answer whatever the reason, and the attempt is
//! written to the audit log. What an officer reads of a complaint is redacted to what their work
//! needs ([`Office::case`]).
//!
//! ```
//! use std::sync::Arc;
//! use occ_core::office::{Office, Denied};
//! use occ_core::officers::{Officer, Role, Targets};
//! use occ_core::store::{SledStore, Store, StoreConfig};
//! # use occ_core::testing::{sample_new_complaint, sample_user};
//!
//! # tokio::runtime::Runtime::new()?.block_on(async {
//! let dir = tempfile::tempdir()?;
//! let store: Arc<dyn Store> = Arc::new(SledStore::open(dir.path(), StoreConfig::default())?);
//! let id = store.file(sample_new_complaint("m1")).await?.complaint.id;
//! let ocpb = Officer { user: sample_user("ocpb-1"), name: "Nid".into(), role: "agency:OCPB".parse()?, language: Default::default() };
//! store.put_officer(&ocpb).await?;
//!
//! let office = Office::new(Arc::clone(&store), Targets::default());
//! let now = occ_core::jiff::Timestamp::now();
//! // The complaint is still with the screening desk: not the OCPB's to open.
//! assert_eq!(office.case(&ocpb.user, id, now).await?.unwrap_err(), Denied);
//! assert_eq!(store.audit_log(10).await?.len(), 1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! # })?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeMap;
use std::sync::Arc;

use jiff::Timestamp;

use crate::catalog::AgencyCode;
use crate::complaint::{Complaint, IdentifierKind, UserRef};
use crate::id::IssueId;
use crate::officers::{AuditEntry, Late, Officer, Role, Targets, Warning, officer_user};
use crate::stats::{Period, PeriodReport};
use crate::store::{
    Incident, IncidentOutcome, IncidentSummary, Page, Store, StoreError, UpdateOutcome,
};
use crate::text::Note;
use crate::workflow::{Actor, Change, OfficerId, Status, Update, WorkflowError};

/// The one answer to an operation someone may not do: it does not say why, so it tells a
/// person probing nothing. The reason goes to the audit log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("this is not something you can do")]
pub struct Denied;

/// Why an officer's change did not happen.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ActRefusal {
    /// Their role does not cover it.
    Denied,
    /// The workflow does not allow it.
    Workflow(WorkflowError),
    /// No complaint has this Issue ID.
    NotFound,
}

/// A complaint in an officer's queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueItem {
    /// The complaint, redacted for the officer.
    pub complaint: Complaint,
    /// Whether, and how, it is late.
    pub late: Option<Late>,
}

/// A complaint as an officer opens it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseView {
    /// The complaint, redacted for the officer: no phone or email unless their role needs them;
    /// a national ID only as its digest, shown masked.
    pub complaint: Complaint,
    /// The incidents it belongs to.
    pub incidents: Vec<IncidentSummary>,
    /// Whether, and how, it is late.
    pub late: Option<Late>,
    /// False when the reporter's phone and email were withheld from the officer's role
    /// (`None` then means "not shown", not "not given").
    pub contact_shown: bool,
    /// The names of the officers its timeline mentions, for showing who did what.
    pub officer_names: BTreeMap<OfficerId, String>,
}

/// Officers' work, with roles checked.
pub struct Office {
    store: Arc<dyn Store>,
    targets: Targets,
}

impl std::fmt::Debug for Office {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Office")
            .field("targets", &self.targets)
            .finish_non_exhaustive()
    }
}

type Checked<T> = Result<Result<T, Denied>, StoreError>;

/// What an officer of `officer`'s role may read of `c`.
fn redact(officer: &Officer, mut c: Complaint) -> Complaint {
    if !officer.sees_contact_details(&c) {
        c.reporter.phone = None;
        c.reporter.email = None;
    }
    c
}

impl Office {
    /// The office over `store`, with response targets.
    pub fn new(store: Arc<dyn Store>, targets: Targets) -> Self {
        Self { store, targets }
    }

    /// The response targets.
    pub fn targets(&self) -> &Targets {
        &self.targets
    }

    /// The officer `user` is, if they are one.
    ///
    /// # Errors
    ///
    /// Store failures.
    pub async fn officer(&self, user: &UserRef) -> Result<Option<Officer>, StoreError> {
        self.store.officer(user).await
    }

    async fn deny(
        &self,
        user: &UserRef,
        action: &str,
        issue: Option<IssueId>,
        reason: &str,
        at: Timestamp,
    ) -> Result<Denied, StoreError> {
        tracing_free_audit(&*self.store, user, action, issue, reason, at).await?;
        Ok(Denied)
    }

    /// The officer, or a refusal written to the audit log.
    async fn require(
        &self,
        user: &UserRef,
        action: &str,
        issue: Option<IssueId>,
        at: Timestamp,
        allowed: impl Fn(&Officer) -> bool,
    ) -> Checked<Officer> {
        match self.store.officer(user).await? {
            Some(o) if allowed(&o) => Ok(Ok(o)),
            Some(o) => Ok(Err(self
                .deny(
                    user,
                    action,
                    issue,
                    &format!("role {} may not {action}", o.role),
                    at,
                )
                .await?)),
            None => Ok(Err(self
                .deny(user, action, issue, "not an officer", at)
                .await?)),
        }
    }

    /// An officer's queue, oldest first: for the desk, complaints awaiting screening; for an
    /// agency, complaints forwarded to it and not yet resolved.
    ///
    /// # Errors
    ///
    /// Store failures.
    pub async fn queue(
        &self,
        user: &UserRef,
        now: Timestamp,
        limit: usize,
    ) -> Checked<Vec<QueueItem>> {
        let officer = match self.require(user, "queue", None, now, |_| true).await? {
            Ok(o) => o,
            Err(d) => return Ok(Err(d)),
        };
        let items = self.queue_for(&officer.role, now, limit).await?;
        Ok(Ok(items
            .into_iter()
            .map(|i| QueueItem {
                complaint: redact(&officer, i.complaint),
                late: i.late,
            })
            .collect()))
    }

    /// The queue a role works from, oldest first, without checking who asks and unredacted:
    /// for operators' tools that already have the data directory (`occ-bot admin queue`).
    ///
    /// # Errors
    ///
    /// Store failures.
    pub async fn queue_for(
        &self,
        role: &Role,
        now: Timestamp,
        limit: usize,
    ) -> Result<Vec<QueueItem>, StoreError> {
        let mut complaints = Vec::new();
        match role {
            Role::Desk | Role::Admin => {
                for status in [Status::Received, Status::Screening] {
                    complaints.extend(self.store.by_status(status, Page::first(limit)).await?);
                }
            }
            Role::Agency(a) => {
                complaints.extend(
                    self.store
                        .by_agency(a, Page::first(usize::MAX))
                        .await?
                        .into_iter()
                        .filter(|c| matches!(c.status, Status::Forwarded | Status::InProgress)),
                );
            }
        }
        complaints.sort_by_key(|c| c.id);
        complaints.truncate(limit);
        Ok(complaints
            .into_iter()
            .map(|c| QueueItem {
                late: self.targets.late(&c, now),
                complaint: c,
            })
            .collect())
    }

    /// Opens a complaint: details, evidence, identifiers, incidents, timeline.
    ///
    /// # Errors
    ///
    /// Store failures.
    pub async fn case(&self, user: &UserRef, id: IssueId, now: Timestamp) -> Checked<CaseView> {
        let officer = match self.require(user, "open", Some(id), now, |_| true).await? {
            Ok(o) => o,
            Err(d) => return Ok(Err(d)),
        };
        let complaint = match self.store.get(id).await? {
            Some(c) if officer.covers(&c) => c,
            Some(_) => {
                return Ok(Err(self
                    .deny(user, "open", Some(id), "another agency's complaint", now)
                    .await?));
            }
            None => {
                return Ok(Err(self
                    .deny(user, "open", Some(id), "no such complaint", now)
                    .await?));
            }
        };
        let incidents = self.store.incidents_of(id).await?;
        let officer_names = self.officer_names(&complaint).await?;
        Ok(Ok(CaseView {
            officer_names,
            late: self.targets.late(&complaint, now),
            incidents,
            contact_shown: officer.sees_contact_details(&complaint),
            complaint: redact(&officer, complaint),
        }))
    }

    /// The names of the officers `complaint`'s timeline mentions, as far as they are still
    /// officers.
    ///
    /// # Errors
    ///
    /// Store failures.
    pub async fn officer_names(
        &self,
        complaint: &Complaint,
    ) -> Result<BTreeMap<OfficerId, String>, StoreError> {
        let mut names = BTreeMap::new();
        for e in &complaint.timeline {
            if let Actor::Officer(id) = &e.actor
                && !names.contains_key(id)
                && let Some(user) = officer_user(id)
                && let Some(o) = self.store.officer(&user).await?
            {
                names.insert(id.clone(), o.name);
            }
        }
        Ok(names)
    }

    /// Makes an officer's change to a complaint their role covers.
    ///
    /// # Errors
    ///
    /// Store failures.
    pub async fn act(
        &self,
        user: &UserRef,
        id: IssueId,
        change: Change,
        note: Option<Note>,
        now: Timestamp,
    ) -> Result<Result<Box<Complaint>, ActRefusal>, StoreError> {
        let action = change.name();
        let Some(officer) = self.store.officer(user).await? else {
            self.deny(user, action, Some(id), "not an officer", now)
                .await?;
            return Ok(Err(ActRefusal::Denied));
        };
        let Some(complaint) = self.store.get(id).await? else {
            // Only those who see every complaint learn that an Issue ID does not exist.
            if let Role::Agency(_) = officer.role {
                self.deny(user, action, Some(id), "no such complaint", now)
                    .await?;
                return Ok(Err(ActRefusal::Denied));
            }
            return Ok(Err(ActRefusal::NotFound));
        };
        let agency_may = |c: &Complaint| match &change {
            // Screening is the desk's.
            Change::StartScreening => false,
            _ => officer.covers(c),
        };
        let allowed = match &officer.role {
            Role::Desk | Role::Admin => true,
            Role::Agency(_) => agency_may(&complaint),
        };
        if !allowed {
            self.deny(
                user,
                action,
                Some(id),
                "not covered by the officer's role",
                now,
            )
            .await?;
            return Ok(Err(ActRefusal::Denied));
        }
        let mut update = Update::new(officer.actor(), now, change);
        update.note = note;
        Ok(match self.store.update(id, update).await? {
            UpdateOutcome::Applied(c) => Ok(Box::new(redact(&officer, *c))),
            UpdateOutcome::Refused(why) => Err(ActRefusal::Workflow(why)),
            UpdateOutcome::NotFound => Err(ActRefusal::NotFound),
        })
    }

    /// The largest incidents (desk and administrators).
    ///
    /// # Errors
    ///
    /// Store failures.
    pub async fn incidents(
        &self,
        user: &UserRef,
        limit: usize,
        now: Timestamp,
    ) -> Checked<Vec<IncidentSummary>> {
        if let Err(d) = self
            .require(user, "incidents", None, now, Officer::is_desk)
            .await?
        {
            return Ok(Err(d));
        }
        Ok(Ok(self.store.incidents(limit).await?))
    }

    /// One incident (desk and administrators).
    ///
    /// # Errors
    ///
    /// Store failures.
    pub async fn incident(
        &self,
        user: &UserRef,
        kind: IdentifierKind,
        value: &str,
        now: Timestamp,
    ) -> Checked<Option<Incident>> {
        if let Err(d) = self
            .require(user, "incident", None, now, Officer::is_desk)
            .await?
        {
            return Ok(Err(d));
        }
        Ok(Ok(self.store.incident(kind, value).await?))
    }

    /// Acts on an incident as one: forward its complaints, or tell every complainant the same
    /// news (desk and administrators).
    ///
    /// # Errors
    ///
    /// Store failures.
    pub async fn act_on_incident(
        &self,
        user: &UserRef,
        kind: IdentifierKind,
        value: &str,
        change: Change,
        note: Option<Note>,
        now: Timestamp,
    ) -> Checked<IncidentOutcome> {
        let officer = match self
            .require(user, "act_on_incident", None, now, Officer::is_desk)
            .await?
        {
            Ok(o) => o,
            Err(d) => return Ok(Err(d)),
        };
        let mut update = Update::new(officer.actor(), now, change);
        update.note = note;
        Ok(Ok(self.store.update_incident(kind, value, update).await?))
    }

    /// Open complaints that missed their targets, most overdue first, within the officer's role.
    ///
    /// # Errors
    ///
    /// Store failures.
    pub async fn overdue(
        &self,
        user: &UserRef,
        now: Timestamp,
        limit: usize,
    ) -> Checked<Vec<QueueItem>> {
        let officer = match self.require(user, "overdue", None, now, |_| true).await? {
            Ok(o) => o,
            Err(d) => return Ok(Err(d)),
        };
        Ok(Ok(self.overdue_for(&officer, now, limit).await?))
    }

    /// Late complaints an officer's role covers, most overdue first (for reminders).
    ///
    /// # Errors
    ///
    /// Store failures.
    pub async fn overdue_for(
        &self,
        officer: &Officer,
        now: Timestamp,
        limit: usize,
    ) -> Result<Vec<QueueItem>, StoreError> {
        let mut late = Vec::new();
        for status in [
            Status::Received,
            Status::Screening,
            Status::Forwarded,
            Status::InProgress,
        ] {
            for c in self
                .store
                .by_status(status, Page::first(usize::MAX))
                .await?
            {
                if officer.covers(&c)
                    && let Some(l) = self.targets.late(&c, now)
                {
                    late.push(QueueItem {
                        late: Some(l),
                        complaint: redact(officer, c),
                    });
                }
            }
        }
        late.sort_by_key(|i| i.late.map(Late::due));
        late.truncate(limit);
        Ok(late)
    }

    /// Sends every desk and agency officer with overdue complaints a reminder through the
    /// outbox, once per Bangkok day and not before `from_hour` o'clock. Returns how many
    /// reminders were sent, or `None` when today's were already sent or it is too early.
    ///
    /// The day is recorded after the reminders are queued: a crash in between sends some twice
    /// the next time, never none.
    ///
    /// # Errors
    ///
    /// Store failures.
    pub async fn send_daily_reminders(
        &self,
        now: Timestamp,
        from_hour: i8,
    ) -> Result<Option<usize>, StoreError> {
        const MARKER: &str = "office/reminders-sent-on";
        let local = crate::calendar::in_bangkok(now);
        let today = crate::calendar::Day::of(now).to_string();
        if local.hour() < from_hour
            || self
                .store
                .session(MARKER)
                .await?
                .is_some_and(|d| d == today.as_bytes())
        {
            return Ok(None);
        }
        let mut sent = 0;
        for officer in self.store.officers().await? {
            if officer.role == Role::Admin {
                continue;
            }
            let late = self.overdue_for(&officer, now, usize::MAX).await?;
            if late.is_empty() {
                continue;
            }
            let about = crate::store::About::Reminder {
                overdue: late.len() as u64,
                oldest: late.iter().take(5).map(|i| i.complaint.id).collect(),
            };
            self.store
                .notify(&officer.user, officer.user.id(), officer.language, about)
                .await?;
            sent += 1;
        }
        self.store.put_session(MARKER, today.as_bytes()).await?;
        Ok(Some(sent))
    }

    /// A period report (any officer).
    ///
    /// # Errors
    ///
    /// Store failures.
    pub async fn report(
        &self,
        user: &UserRef,
        period: Period,
        now: Timestamp,
    ) -> Checked<PeriodReport> {
        if let Err(d) = self.require(user, "stats", None, now, |_| true).await? {
            return Ok(Err(d));
        }
        Ok(Ok(self.store.report(period).await?))
    }

    /// Publishes a warning to every subscriber (desk and administrators).
    ///
    /// # Errors
    ///
    /// Store failures.
    pub async fn publish_warning(
        &self,
        user: &UserRef,
        th: &Note,
        en: &Note,
        now: Timestamp,
    ) -> Checked<(Warning, u64)> {
        let officer = match self
            .require(user, "publish_warning", None, now, Officer::is_desk)
            .await?
        {
            Ok(o) => o,
            Err(d) => return Ok(Err(d)),
        };
        Ok(Ok(self
            .store
            .publish_warning(th.as_str(), en.as_str(), officer.id(), now)
            .await?))
    }

    /// Adds or replaces an officer (administrators).
    ///
    /// # Errors
    ///
    /// Store failures.
    pub async fn put_officer(
        &self,
        user: &UserRef,
        officer: &Officer,
        now: Timestamp,
    ) -> Checked<()> {
        if let Err(d) = self
            .require(user, "manage_officers", None, now, |o| {
                o.role == Role::Admin
            })
            .await?
        {
            return Ok(Err(d));
        }
        self.store.put_officer(officer).await?;
        Ok(Ok(()))
    }

    /// Agencies complaints can be forwarded to: every agency but the screening desk.
    pub fn agencies(&self) -> Vec<AgencyCode> {
        let catalog = self.store.catalog();
        catalog
            .agencies()
            .iter()
            .map(|a| a.code.clone())
            .filter(|c| c != catalog.screening_desk())
            .collect()
    }
}

/// Writes an audit entry; the log, not tracing, holds who was refused (logs carry no identities).
async fn tracing_free_audit(
    store: &dyn Store,
    user: &UserRef,
    action: &str,
    issue: Option<IssueId>,
    reason: &str,
    at: Timestamp,
) -> Result<(), StoreError> {
    store
        .audit(AuditEntry {
            at,
            who: user.to_string(),
            action: action.to_owned(),
            issue,
            reason: reason.to_owned(),
        })
        .await
}
