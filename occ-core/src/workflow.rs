//! The status workflow of a complaint and its append-only timeline.
//!
//! A complaint moves through these statuses (see [`Status::allowed_next`]):
//!
//! | from        | to                                                                 |
//! |-------------|--------------------------------------------------------------------|
//! | received    | screening, forwarded, need_info, or a closing status              |
//! | screening   | forwarded, need_info, or a closing status                          |
//! | need_info   | back to where it was asked (screening, forwarded, in_progress), forwarded, or a closing status |
//! | forwarded   | forwarded (to another agency), in_progress, need_info, or a closing status |
//! | in_progress | forwarded, need_info, or a closing status                          |
//!
//! The closing statuses are resolved, rejected (with a reason), withdrawn (by the citizen) and
//! duplicate (of another Issue ID); a closed complaint moves no more.
//!
//! Every change is an [`Update`]: who made it, when, what, and an optional note. [`apply`] checks
//! it against the workflow and who may do what, and appends exactly one [`Event`] to the
//! complaint's timeline. A refused change is a [`WorkflowError`] value that says what is allowed.

use std::fmt;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::catalog::{AgencyCode, Catalog};
use crate::complaint::{Complaint, Evidence};
use crate::id::IssueId;
use crate::text::Note;

/// Where a complaint stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Filed, not yet looked at.
    Received,
    /// The screening desk is looking at it.
    Screening,
    /// Waiting for the citizen to send more information.
    NeedInfo,
    /// Forwarded to the agency in charge.
    Forwarded,
    /// The agency is working on it.
    InProgress,
    /// Dealt with.
    Resolved,
    /// Not taken up, with a reason.
    Rejected,
    /// Withdrawn by the citizen.
    Withdrawn,
    /// The same as another complaint.
    Duplicate,
}

impl Status {
    /// Every status, in workflow order.
    pub const ALL: [Status; 9] = [
        Status::Received,
        Status::Screening,
        Status::NeedInfo,
        Status::Forwarded,
        Status::InProgress,
        Status::Resolved,
        Status::Rejected,
        Status::Withdrawn,
        Status::Duplicate,
    ];

    /// The snake_case code used in storage, exports and message ids.
    pub fn code(self) -> &'static str {
        match self {
            Status::Received => "received",
            Status::Screening => "screening",
            Status::NeedInfo => "need_info",
            Status::Forwarded => "forwarded",
            Status::InProgress => "in_progress",
            Status::Resolved => "resolved",
            Status::Rejected => "rejected",
            Status::Withdrawn => "withdrawn",
            Status::Duplicate => "duplicate",
        }
    }

    /// The status with this code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// False once the complaint is closed (resolved, rejected, withdrawn or duplicate).
    pub fn is_open(self) -> bool {
        !matches!(
            self,
            Status::Resolved | Status::Rejected | Status::Withdrawn | Status::Duplicate
        )
    }

    /// The statuses a complaint in this status may move to.
    pub fn allowed_next(self) -> &'static [Status] {
        use Status::*;
        match self {
            Received => &[
                Screening, Forwarded, NeedInfo, Resolved, Rejected, Withdrawn, Duplicate,
            ],
            Screening => &[
                Forwarded, NeedInfo, Resolved, Rejected, Withdrawn, Duplicate,
            ],
            NeedInfo => &[
                Screening, Forwarded, InProgress, Resolved, Rejected, Withdrawn, Duplicate,
            ],
            Forwarded => &[
                Forwarded, InProgress, NeedInfo, Resolved, Rejected, Withdrawn, Duplicate,
            ],
            InProgress => &[
                Forwarded, NeedInfo, Resolved, Rejected, Withdrawn, Duplicate,
            ],
            Resolved | Rejected | Withdrawn | Duplicate => &[],
        }
    }

    /// True when a complaint in this status may move to `next`.
    pub fn can_become(self, next: Status) -> bool {
        self.allowed_next().contains(&next)
    }

    /// A one-byte code for compact index keys.
    pub(crate) fn as_byte(self) -> u8 {
        Self::ALL.iter().position(|s| *s == self).expect("in ALL") as u8
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// An officer's id: the id under which an officer is configured (their platform identity or a
/// staff number).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct OfficerId(pub String);

/// Who made a change.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum Actor {
    /// The citizen who filed the complaint.
    Citizen,
    /// An officer of the center or of an agency.
    Officer(OfficerId),
    /// OCC itself (routing, reminders, imports).
    System,
}

impl Actor {
    fn is_citizen(&self) -> bool {
        matches!(self, Actor::Citizen)
    }
}

/// What happened, in one event of a timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[non_exhaustive]
pub enum EventKind {
    /// The complaint was filed.
    Filed,
    /// The status changed.
    StatusChanged {
        /// The status before.
        from: Status,
        /// The status after.
        to: Status,
    },
    /// The complaint was forwarded to an agency.
    Forwarded {
        /// The status before.
        from_status: Status,
        /// The agency it was assigned to before.
        from_agency: AgencyCode,
        /// The agency it is forwarded to.
        to_agency: AgencyCode,
    },
    /// The complaint was marked as a duplicate of another.
    MarkedDuplicate {
        /// The status before.
        from: Status,
        /// The complaint it duplicates.
        of: IssueId,
    },
    /// An internal note by an officer; the citizen does not see it.
    Note,
    /// A message from an officer to the citizen (the note is the message).
    MessageToCitizen,
    /// A message from the citizen (the note is the message).
    MessageFromCitizen,
    /// Evidence was added.
    EvidenceAdded {
        /// The evidence.
        evidence: Evidence,
    },
}

/// One entry of a complaint's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// When it happened.
    pub at: Timestamp,
    /// Who did it.
    pub actor: Actor,
    /// What happened.
    pub kind: EventKind,
    /// The note that came with it: a reason, a question, a message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Note>,
}

impl Event {
    /// The status change this event made, if any.
    pub fn status_change(&self) -> Option<(Status, Status)> {
        match &self.kind {
            EventKind::StatusChanged { from, to } => Some((*from, *to)),
            EventKind::Forwarded { from_status, .. } => Some((*from_status, Status::Forwarded)),
            EventKind::MarkedDuplicate { from, .. } => Some((*from, Status::Duplicate)),
            _ => None,
        }
    }

    /// True when the citizen must be told about this event (through the outbox): changes of
    /// status or agency made by someone else, and officers' messages. Internal notes and what the
    /// citizen did themselves are not sent.
    pub fn notifies_citizen(&self) -> bool {
        if self.actor.is_citizen() {
            return false;
        }
        matches!(
            self.kind,
            EventKind::StatusChanged { .. }
                | EventKind::Forwarded { .. }
                | EventKind::MarkedDuplicate { .. }
                | EventKind::MessageToCitizen
        )
    }
}

/// A change to a complaint.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Change {
    /// The screening desk starts looking at the complaint.
    StartScreening,
    /// Forward to an agency (also from one agency to another).
    Forward {
        /// The agency.
        agency: AgencyCode,
    },
    /// Ask the citizen for more information; the note is the question.
    RequestInfo,
    /// The citizen's answer to a request for information; the complaint goes back to whoever
    /// asked.
    ProvideInfo,
    /// The agency starts working on the complaint.
    StartWork,
    /// The complaint has been dealt with.
    Resolve,
    /// The complaint is not taken up; the note is the reason.
    Reject,
    /// The citizen withdraws the complaint.
    Withdraw,
    /// The complaint is the same as another.
    MarkDuplicate {
        /// The other complaint.
        of: IssueId,
    },
    /// An internal note.
    AddNote,
    /// A message from an officer to the citizen; the note is the message.
    MessageToCitizen,
    /// A message from the citizen to the officers; the note is the message.
    MessageFromCitizen,
    /// Add a link or file.
    AddEvidence(Evidence),
}

impl Change {
    /// A short snake_case name, for messages and logs.
    pub fn name(&self) -> &'static str {
        match self {
            Change::StartScreening => "start_screening",
            Change::Forward { .. } => "forward",
            Change::RequestInfo => "request_info",
            Change::ProvideInfo => "provide_info",
            Change::StartWork => "start_work",
            Change::Resolve => "resolve",
            Change::Reject => "reject",
            Change::Withdraw => "withdraw",
            Change::MarkDuplicate { .. } => "mark_duplicate",
            Change::AddNote => "add_note",
            Change::MessageToCitizen => "message_to_citizen",
            Change::MessageFromCitizen => "message_from_citizen",
            Change::AddEvidence(_) => "add_evidence",
        }
    }

    /// Who may make this change.
    fn allowed_for(&self, actor: &Actor) -> bool {
        match self {
            Change::Withdraw | Change::ProvideInfo | Change::MessageFromCitizen => {
                actor.is_citizen()
            }
            Change::AddEvidence(_) => true,
            _ => !actor.is_citizen(),
        }
    }

    fn needs_note(&self) -> bool {
        matches!(
            self,
            Change::RequestInfo
                | Change::Reject
                | Change::AddNote
                | Change::MessageToCitizen
                | Change::MessageFromCitizen
        )
    }
}

/// A change with who made it, when, and its note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Update {
    /// Who makes the change.
    pub actor: Actor,
    /// When.
    pub at: Timestamp,
    /// What.
    pub change: Change,
    /// A reason, question or message; required by some changes.
    pub note: Option<Note>,
}

impl Update {
    /// An update without a note.
    pub fn new(actor: Actor, at: Timestamp, change: Change) -> Self {
        Self {
            actor,
            at,
            change,
            note: None,
        }
    }

    /// The same update with a note.
    pub fn with_note(mut self, note: Note) -> Self {
        self.note = Some(note);
        self
    }
}

/// Why a change was refused. These are answers for the person who asked, not failures.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum WorkflowError {
    /// The workflow does not allow this move.
    #[error(
        "a complaint that is {from} cannot become {to}; it can become: {}",
        list(allowed)
    )]
    NotAllowed {
        /// The current status.
        from: Status,
        /// The status asked for.
        to: Status,
        /// The statuses it may move to.
        allowed: Vec<Status>,
    },
    /// This actor may not make this change.
    #[error("{change} is not something a {actor} can do")]
    NotPermitted {
        /// The change's name.
        change: &'static str,
        /// Who asked: `citizen`, `officer` or `system`.
        actor: &'static str,
    },
    /// This change needs a note (a reason, a question or a message).
    #[error("{0} needs a note: a reason, a question or a message")]
    NoteRequired(&'static str),
    /// The complaint is closed; it takes no more messages or evidence from the citizen.
    #[error("the complaint is {0} and takes no more changes of this kind")]
    Closed(Status),
    /// Information was provided while none was asked for.
    #[error("no information was asked for on this complaint")]
    NotAwaitingInfo,
    /// The agency does not exist, or is the screening desk.
    #[error("{0} is not an agency complaints can be forwarded to")]
    NotAnAgency(AgencyCode),
    /// The complaint is already with this agency.
    #[error("the complaint is already with {0}")]
    AlreadyWith(AgencyCode),
    /// A complaint cannot duplicate itself or a complaint that does not exist.
    #[error("{0} is not another complaint this one can duplicate")]
    BadDuplicate(IssueId),
}

fn list(statuses: &[Status]) -> String {
    if statuses.is_empty() {
        return "nothing (it is closed)".to_owned();
    }
    statuses
        .iter()
        .map(|s| s.code())
        .collect::<Vec<_>>()
        .join(", ")
}

fn actor_name(actor: &Actor) -> &'static str {
    match actor {
        Actor::Citizen => "citizen",
        Actor::Officer(_) => "officer",
        Actor::System => "system",
    }
}

/// The status a complaint waiting for information returns to once the citizen answers: the one
/// it was in when the question was asked (a complaint asked about on arrival returns to
/// screening).
pub fn resume_status(complaint: &Complaint) -> Option<Status> {
    if complaint.status != Status::NeedInfo {
        return None;
    }
    let asked_from = complaint
        .timeline
        .iter()
        .rev()
        .find_map(|e| match e.status_change() {
            Some((from, Status::NeedInfo)) => Some(from),
            _ => None,
        })?;
    Some(match asked_from {
        Status::Received => Status::Screening,
        other => other,
    })
}

/// Checks `update` against the workflow and, if it is allowed, applies it to `complaint` and
/// appends its event to the timeline, returning a copy of the event. On refusal the complaint is
/// unchanged.
///
/// `catalog` is where forwarding targets are looked up. Whether a duplicate's original exists is
/// for the caller (the store) to check.
///
/// ```
/// use occ_core::workflow::{apply, Actor, Change, Status, Update, WorkflowError};
/// # use occ_core::testing::sample_complaint;
/// use occ_core::{AgencyCode, Catalog};
///
/// let catalog = Catalog::builtin();
/// let mut c = sample_complaint();
/// let now = c.filed_at;
/// let officer = Actor::Officer(occ_core::OfficerId("desk-1".into()));
///
/// let forward = Change::Forward { agency: AgencyCode::new("OCPB")? };
/// apply(&mut c, &Update::new(officer.clone(), now, forward), &catalog)?;
/// assert_eq!(c.status, Status::Forwarded);
///
/// // A citizen cannot resolve their own complaint.
/// let err = apply(&mut c, &Update::new(Actor::Citizen, now, Change::Resolve), &catalog);
/// assert!(matches!(err, Err(WorkflowError::NotPermitted { .. })));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// A [`WorkflowError`] saying why the change is refused.
pub fn apply(
    complaint: &mut Complaint,
    update: &Update,
    catalog: &Catalog,
) -> Result<Event, WorkflowError> {
    let change = &update.change;
    if !change.allowed_for(&update.actor) {
        return Err(WorkflowError::NotPermitted {
            change: change.name(),
            actor: actor_name(&update.actor),
        });
    }
    if change.needs_note() && update.note.is_none() {
        return Err(WorkflowError::NoteRequired(change.name()));
    }
    let from = complaint.status;
    let move_to = |to: Status| -> Result<EventKind, WorkflowError> {
        if from.can_become(to) {
            Ok(EventKind::StatusChanged { from, to })
        } else {
            Err(WorkflowError::NotAllowed {
                from,
                to,
                allowed: from.allowed_next().to_vec(),
            })
        }
    };
    let open_only = || {
        if from.is_open() {
            Ok(())
        } else {
            Err(WorkflowError::Closed(from))
        }
    };

    let kind = match change {
        Change::StartScreening => move_to(Status::Screening)?,
        Change::Forward { agency } => {
            if agency == catalog.screening_desk() || catalog.agency(agency).is_none() {
                return Err(WorkflowError::NotAnAgency(agency.clone()));
            }
            move_to(Status::Forwarded)?;
            if *agency == complaint.agency && from == Status::Forwarded {
                return Err(WorkflowError::AlreadyWith(agency.clone()));
            }
            EventKind::Forwarded {
                from_status: from,
                from_agency: complaint.agency.clone(),
                to_agency: agency.clone(),
            }
        }
        Change::RequestInfo => move_to(Status::NeedInfo)?,
        Change::ProvideInfo => {
            let to = resume_status(complaint).ok_or(WorkflowError::NotAwaitingInfo)?;
            move_to(to)?
        }
        Change::StartWork => move_to(Status::InProgress)?,
        Change::Resolve => move_to(Status::Resolved)?,
        Change::Reject => move_to(Status::Rejected)?,
        Change::Withdraw => move_to(Status::Withdrawn)?,
        Change::MarkDuplicate { of } => {
            if *of == complaint.id {
                return Err(WorkflowError::BadDuplicate(*of));
            }
            move_to(Status::Duplicate)?;
            EventKind::MarkedDuplicate { from, of: *of }
        }
        Change::AddNote => EventKind::Note,
        Change::MessageToCitizen => EventKind::MessageToCitizen,
        Change::MessageFromCitizen => {
            open_only()?;
            EventKind::MessageFromCitizen
        }
        Change::AddEvidence(evidence) => {
            open_only()?;
            EventKind::EvidenceAdded {
                evidence: evidence.clone(),
            }
        }
    };

    // Only now, with nothing left to refuse, is the complaint changed.
    match &kind {
        EventKind::StatusChanged { to, .. } => complaint.status = *to,
        EventKind::Forwarded { to_agency, .. } => {
            complaint.status = Status::Forwarded;
            complaint.agency = to_agency.clone();
        }
        EventKind::MarkedDuplicate { of, .. } => {
            complaint.status = Status::Duplicate;
            complaint.duplicate_of = Some(*of);
        }
        EventKind::EvidenceAdded { evidence } => {
            if let Evidence::Link { url } = evidence {
                for i in crate::analysis::link_identifiers(url) {
                    if !complaint
                        .identifiers
                        .iter()
                        .any(|c| c.kind == i.kind && c.value == i.value)
                    {
                        complaint.identifiers.push(i);
                    }
                }
            }
            complaint.evidence.push(evidence.clone());
        }
        _ => {}
    }
    let event = Event {
        at: update.at,
        actor: update.actor.clone(),
        kind,
        note: update.note.clone(),
    };
    complaint.timeline.push(event.clone());
    Ok(event)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::sample_complaint;

    fn officer() -> Actor {
        Actor::Officer(OfficerId("o1".into()))
    }

    fn note(s: &str) -> Note {
        Note::new(s).unwrap()
    }

    fn run(
        c: &mut Complaint,
        actor: Actor,
        change: Change,
        n: Option<&str>,
    ) -> Result<Status, WorkflowError> {
        let mut u = Update::new(actor, c.filed_at, change);
        u.note = n.map(note);
        apply(c, &u, &Catalog::builtin()).map(|_| ())?;
        Ok(c.status)
    }

    fn agency(code: &str) -> AgencyCode {
        AgencyCode::new(code).unwrap()
    }

    #[test]
    fn the_usual_path() {
        let mut c = sample_complaint();
        assert_eq!(
            run(&mut c, officer(), Change::StartScreening, None),
            Ok(Status::Screening)
        );
        assert_eq!(
            run(
                &mut c,
                officer(),
                Change::Forward {
                    agency: agency("OCPB")
                },
                Some("ของไม่ส่ง")
            ),
            Ok(Status::Forwarded)
        );
        assert_eq!(c.agency, agency("OCPB"));
        assert_eq!(
            run(&mut c, officer(), Change::StartWork, None),
            Ok(Status::InProgress)
        );
        assert_eq!(
            run(&mut c, officer(), Change::Resolve, Some("คืนเงินแล้ว")),
            Ok(Status::Resolved)
        );
        assert_eq!(c.timeline.len(), 5);
        assert!(c.timeline[1..].iter().all(Event::notifies_citizen));
    }

    #[test]
    fn refused_moves_name_what_is_allowed_and_change_nothing() {
        let mut c = sample_complaint();
        let before = c.clone();
        let err = run(&mut c, officer(), Change::StartWork, None).unwrap_err();
        assert_eq!(
            err,
            WorkflowError::NotAllowed {
                from: Status::Received,
                to: Status::InProgress,
                allowed: Status::Received.allowed_next().to_vec(),
            }
        );
        assert!(err.to_string().contains("screening, forwarded"), "{err}");
        assert_eq!(c, before);

        run(&mut c, officer(), Change::Reject, Some("ไม่ใช่เรื่องออนไลน์")).unwrap();
        let err = run(&mut c, officer(), Change::StartScreening, None).unwrap_err();
        assert!(err.to_string().contains("nothing (it is closed)"), "{err}");
    }

    #[test]
    fn who_may_do_what() {
        let mut c = sample_complaint();
        for change in [
            Change::StartScreening,
            Change::Resolve,
            Change::Forward {
                agency: agency("FDA"),
            },
        ] {
            assert!(matches!(
                run(&mut c, Actor::Citizen, change, Some("x")),
                Err(WorkflowError::NotPermitted {
                    actor: "citizen",
                    ..
                })
            ));
        }
        assert!(matches!(
            run(&mut c, officer(), Change::Withdraw, None),
            Err(WorkflowError::NotPermitted {
                actor: "officer",
                ..
            })
        ));
        assert_eq!(
            run(&mut c, Actor::Citizen, Change::Withdraw, None),
            Ok(Status::Withdrawn)
        );
        assert!(!c.timeline.last().unwrap().notifies_citizen());
    }

    #[test]
    fn notes_are_required_where_they_carry_the_meaning() {
        let mut c = sample_complaint();
        for change in [
            Change::Reject,
            Change::RequestInfo,
            Change::MessageToCitizen,
            Change::AddNote,
        ] {
            assert_eq!(
                run(&mut c, officer(), change.clone(), None),
                Err(WorkflowError::NoteRequired(change.name()))
            );
        }
    }

    #[test]
    fn information_returns_to_whoever_asked() {
        let mut c = sample_complaint();
        assert_eq!(
            run(&mut c, Actor::Citizen, Change::ProvideInfo, None),
            Err(WorkflowError::NotAwaitingInfo)
        );
        run(&mut c, officer(), Change::RequestInfo, Some("ขอสลิปโอนเงิน")).unwrap();
        assert_eq!(
            run(&mut c, Actor::Citizen, Change::ProvideInfo, Some("แนบแล้ว")),
            Ok(Status::Screening)
        );

        run(
            &mut c,
            officer(),
            Change::Forward {
                agency: agency("OCPB"),
            },
            None,
        )
        .unwrap();
        run(&mut c, officer(), Change::StartWork, None).unwrap();
        run(&mut c, officer(), Change::RequestInfo, Some("ขอเลขพัสดุ")).unwrap();
        assert_eq!(c.agency, agency("OCPB"));
        assert_eq!(
            run(&mut c, Actor::Citizen, Change::ProvideInfo, None),
            Ok(Status::InProgress)
        );
    }

    #[test]
    fn forwarding_rules() {
        let mut c = sample_complaint();
        assert_eq!(
            run(
                &mut c,
                officer(),
                Change::Forward {
                    agency: agency("OCC")
                },
                None
            ),
            Err(WorkflowError::NotAnAgency(agency("OCC")))
        );
        assert_eq!(
            run(
                &mut c,
                officer(),
                Change::Forward {
                    agency: agency("NOPE")
                },
                None
            ),
            Err(WorkflowError::NotAnAgency(agency("NOPE")))
        );
        run(
            &mut c,
            officer(),
            Change::Forward {
                agency: agency("OCPB"),
            },
            None,
        )
        .unwrap();
        assert_eq!(
            run(
                &mut c,
                officer(),
                Change::Forward {
                    agency: agency("OCPB")
                },
                None
            ),
            Err(WorkflowError::AlreadyWith(agency("OCPB")))
        );
        run(
            &mut c,
            officer(),
            Change::Forward {
                agency: agency("FDA"),
            },
            None,
        )
        .unwrap();
        assert_eq!(
            c.timeline.last().unwrap().kind,
            EventKind::Forwarded {
                from_status: Status::Forwarded,
                from_agency: agency("OCPB"),
                to_agency: agency("FDA")
            }
        );
    }

    #[test]
    fn duplicates_and_closed_complaints() {
        let mut c = sample_complaint();
        let own = c.id;
        assert_eq!(
            run(&mut c, officer(), Change::MarkDuplicate { of: own }, None),
            Err(WorkflowError::BadDuplicate(own))
        );
        let other = IssueId::new(2569, 1).unwrap();
        assert_eq!(
            run(&mut c, officer(), Change::MarkDuplicate { of: other }, None),
            Ok(Status::Duplicate)
        );
        assert_eq!(c.duplicate_of, Some(other));
        assert_eq!(
            run(
                &mut c,
                Actor::Citizen,
                Change::MessageFromCitizen,
                Some("ยังรออยู่")
            ),
            Err(WorkflowError::Closed(Status::Duplicate))
        );
        let link = Evidence::link("https://example.com/a").unwrap();
        assert_eq!(
            run(&mut c, Actor::Citizen, Change::AddEvidence(link), None),
            Err(WorkflowError::Closed(Status::Duplicate))
        );
        // Officers can still write to the citizen and keep notes.
        assert!(
            run(
                &mut c,
                officer(),
                Change::MessageToCitizen,
                Some("เรื่องนี้รวมกับเรื่องเดิมแล้ว")
            )
            .is_ok()
        );
        assert!(run(&mut c, officer(), Change::AddNote, Some("ตรวจแล้ว")).is_ok());
    }

    #[test]
    fn every_status_code_round_trips() {
        for s in Status::ALL {
            assert_eq!(Status::from_code(s.code()), Some(s));
            assert_eq!(Status::ALL[usize::from(s.as_byte())], s);
            assert_eq!(
                serde_json::to_string(&s).unwrap(),
                format!("\"{}\"", s.code())
            );
            assert_eq!(s.is_open(), !s.allowed_next().is_empty());
        }
    }
}
