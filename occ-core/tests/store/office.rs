//! Officers' operations through `Office`: every one refused to citizens and to officers whose
//! role does not cover it, each refusal in the audit log; what each role reads of a complaint;
//! the daily reminders of overdue complaints.

use std::sync::Arc;

use jiff::{SignedDuration, Timestamp};
use occ_core::office::{ActRefusal, Denied, Office};
use occ_core::officers::{Officer, Role, Targets};
use occ_core::stats::Period;
use occ_core::store::{About, Store};
use occ_core::testing::sample_user;
use occ_core::workflow::Change;
use occ_core::{AgencyCode, Channel, IdentifierKind, IssueId, Language, Note, Status, UserRef};

use crate::util::{at, complaint_by, open};

fn officer(user: &str, role: &str) -> Officer {
    Officer {
        user: sample_user(user),
        name: user.to_owned(),
        role: role.parse().unwrap(),
        language: Language::English,
    }
}

fn ocpb() -> AgencyCode {
    AgencyCode::new("OCPB").unwrap()
}

fn note(text: &str) -> Option<Note> {
    Some(Note::new(text).unwrap())
}

struct Center {
    store: Arc<dyn Store>,
    office: Office,
    _dir: tempfile::TempDir,
}

/// A store with a desk, an OCPB officer, an FDA officer and an administrator, and one complaint
/// by `somying` that the desk has forwarded to the OCPB.
async fn center() -> (Center, IssueId) {
    let dir = tempfile::tempdir().unwrap();
    let store: Arc<dyn Store> = Arc::new(open(dir.path()));
    for o in [
        officer("desk", "desk"),
        officer("ocpb", "agency:OCPB"),
        officer("fda", "agency:FDA"),
        officer("admin", "admin"),
    ] {
        store.put_officer(&o).await.unwrap();
    }
    let id = store
        .file(complaint_by("somying", "m1"))
        .await
        .unwrap()
        .complaint
        .id;
    let office = Office::new(Arc::clone(&store), Targets::default());
    let forwarded = office
        .act(
            &sample_user("desk"),
            id,
            Change::Forward { agency: ocpb() },
            note("ร้านค้าออนไลน์ไม่ส่งของ"),
            at(60),
        )
        .await
        .unwrap();
    assert!(forwarded.is_ok(), "{forwarded:?}");
    (
        Center {
            store,
            office,
            _dir: dir,
        },
        id,
    )
}

/// Tries every officer operation as `user` on complaint `id` and returns how many were refused.
async fn try_everything(c: &Center, user: &UserRef, id: IssueId) -> usize {
    let now = at(120);
    let mut refused = 0;
    let mut count = |denied: bool| refused += usize::from(denied);
    count(c.office.queue(user, now, 10).await.unwrap() == Err(Denied));
    count(c.office.case(user, id, now).await.unwrap().is_err());
    for change in [
        Change::StartScreening,
        Change::Forward {
            agency: AgencyCode::new("FDA").unwrap(),
        },
        Change::RequestInfo,
        Change::StartWork,
        Change::Resolve,
        Change::Reject,
        Change::MarkDuplicate {
            of: IssueId::new(2569, 99).unwrap(),
        },
        Change::AddNote,
        Change::MessageToCitizen,
    ] {
        let outcome = c
            .office
            .act(user, id, change, note("x"), now)
            .await
            .unwrap();
        count(outcome == Err(ActRefusal::Denied));
    }
    count(c.office.incidents(user, 10, now).await.unwrap().is_err());
    count(
        c.office
            .incident(user, IdentifierKind::Domain, "shop-deal.co.th", now)
            .await
            .unwrap()
            .is_err(),
    );
    count(
        c.office
            .act_on_incident(
                user,
                IdentifierKind::Domain,
                "shop-deal.co.th",
                Change::Forward { agency: ocpb() },
                None,
                now,
            )
            .await
            .unwrap()
            .is_err(),
    );
    count(c.office.overdue(user, now, 10).await.unwrap().is_err());
    let day = occ_core::calendar::Day::of(now);
    let period = Period::month(day.year_be(), day.month()).unwrap();
    count(c.office.report(user, period, now).await.unwrap().is_err());
    let (th, en) = (Note::new("เตือนภัย").unwrap(), Note::new("Warning").unwrap());
    count(
        c.office
            .publish_warning(user, &th, &en, now)
            .await
            .unwrap()
            .is_err(),
    );
    count(
        c.office
            .put_officer(user, &officer(user.id(), "admin"), now)
            .await
            .unwrap()
            .is_err(),
    );
    refused
}

/// Every operation [`try_everything`] tries.
const OPERATIONS: usize = 18;

#[tokio::test]
async fn citizens_are_refused_everything_and_each_refusal_is_audited() {
    let (c, id) = center().await;
    let before = c.store.get(id).await.unwrap().unwrap();
    // The reporter of the complaint herself, and a stranger.
    for user in ["somying", "stranger"] {
        let audited = c.store.audit_log(1000).await.unwrap().len();
        let refused = try_everything(&c, &sample_user(user), id).await;
        assert_eq!(refused, OPERATIONS, "{user}");
        let log = c.store.audit_log(1000).await.unwrap();
        assert_eq!(log.len(), audited + OPERATIONS, "{user}");
        let newest = &log[0];
        assert_eq!(newest.who, sample_user(user).to_string());
        assert_eq!(newest.reason, "not an officer");
    }
    // Nothing changed, and no one became an administrator.
    assert_eq!(c.store.get(id).await.unwrap().unwrap(), before);
    assert!(
        c.store
            .officer(&sample_user("stranger"))
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn another_agency_sees_and_changes_nothing_of_a_complaint() {
    let (c, id) = center().await;
    let fda = sample_user("fda");
    let before = c.store.get(id).await.unwrap().unwrap();
    let audited = c.store.audit_log(1000).await.unwrap().len();
    let refused = try_everything(&c, &fda, id).await;
    // Its own queue, overdue list and the statistics are open to it; nothing else is.
    assert_eq!(refused, OPERATIONS - 3);
    assert!(
        c.office
            .queue(&fda, at(120), 10)
            .await
            .unwrap()
            .unwrap()
            .is_empty(),
        "the OCPB's complaint is not in the FDA's queue"
    );
    assert!(
        c.office
            .overdue(&fda, at(120) + SignedDuration::from_hours(24 * 60), 10)
            .await
            .unwrap()
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        c.store.audit_log(1000).await.unwrap().len(),
        audited + refused
    );
    assert_eq!(c.store.get(id).await.unwrap().unwrap(), before);

    // An Issue ID that was never given is refused the same way: no probing for what exists.
    let never = IssueId::new(2569, 999).unwrap();
    assert_eq!(
        c.office
            .act(&fda, never, Change::Resolve, note("x"), at(130))
            .await
            .unwrap(),
        Err(ActRefusal::Denied)
    );
    assert_eq!(
        c.office.case(&fda, never, at(130)).await.unwrap(),
        Err(Denied)
    );
}

#[tokio::test]
async fn the_assigned_agency_works_the_complaint_but_does_not_screen() {
    let (c, id) = center().await;
    let user = sample_user("ocpb");
    let queue = c.office.queue(&user, at(120), 10).await.unwrap().unwrap();
    assert_eq!(queue.len(), 1);
    assert_eq!(queue[0].complaint.id, id);
    let case = c.office.case(&user, id, at(120)).await.unwrap().unwrap();
    assert!(case.contact_shown);
    assert!(
        case.complaint.reporter.phone.is_some(),
        "the agency calls back"
    );
    // Screening is the desk's.
    assert_eq!(
        c.office
            .act(&user, id, Change::StartScreening, None, at(130))
            .await
            .unwrap(),
        Err(ActRefusal::Denied)
    );
    let worked = c
        .office
        .act(&user, id, Change::StartWork, None, at(140))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(worked.status, Status::InProgress);
    let resolved = c
        .office
        .act(&user, id, Change::Resolve, note("ร้านคืนเงินแล้ว"), at(150))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(resolved.status, Status::Resolved);
    // Warnings and officers are not an agency's to manage.
    let (th, en) = (Note::new("เตือนภัย").unwrap(), Note::new("Warning").unwrap());
    assert!(
        c.office
            .publish_warning(&user, &th, &en, at(160))
            .await
            .unwrap()
            .is_err()
    );
}

#[tokio::test]
async fn the_administrator_reads_without_contact_details_and_manages_officers() {
    let (c, id) = center().await;
    let admin = sample_user("admin");
    let case = c.office.case(&admin, id, at(120)).await.unwrap().unwrap();
    assert!(!case.contact_shown);
    assert_eq!(case.complaint.reporter.phone, None);
    assert_eq!(case.complaint.reporter.email, None);
    let desk_view = c
        .office
        .case(&sample_user("desk"), id, at(120))
        .await
        .unwrap()
        .unwrap();
    assert!(desk_view.contact_shown && desk_view.complaint.reporter.phone.is_some());

    let new = officer("tcsd", "agency:TCSD");
    assert!(
        c.office
            .put_officer(&sample_user("desk"), &new, at(130))
            .await
            .unwrap()
            .is_err(),
        "the desk does not appoint officers"
    );
    c.office
        .put_officer(&admin, &new, at(140))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(c.store.officer(&new.user).await.unwrap(), Some(new));
    assert_eq!(
        c.store
            .officer(&sample_user("tcsd"))
            .await
            .unwrap()
            .map(|o| o.role),
        Some(Role::Agency(AgencyCode::new("TCSD").unwrap()))
    );
}

/// A time in Bangkok on the sample day (4 Dec 2569), `days` later.
fn bangkok(days: i64, hour: i64) -> Timestamp {
    // The sample time is 09:30 in Bangkok, 02:30 UTC.
    at(days * 86_400 + (hour - 9) * 3600 - 30 * 60)
}

#[tokio::test]
async fn overdue_complaints_are_reminded_once_a_day_from_the_hour() {
    let (c, forwarded) = center().await;
    // One more complaint, which nobody screens.
    let waiting = c
        .store
        .file(complaint_by("somchai", "m2"))
        .await
        .unwrap()
        .complaint
        .id;
    // The same day: nothing is late yet.
    assert_eq!(
        c.office
            .send_daily_reminders(bangkok(0, 18), 8)
            .await
            .unwrap(),
        Some(0)
    );
    assert_eq!(
        c.office
            .send_daily_reminders(bangkok(0, 19), 8)
            .await
            .unwrap(),
        None,
        "once a day"
    );
    // Two days on, the unscreened complaint is past its first-action target (a day); the
    // forwarded one is within its thirty days.
    assert_eq!(
        c.office
            .send_daily_reminders(bangkok(2, 7), 8)
            .await
            .unwrap(),
        None,
        "not before eight o'clock"
    );
    let sent = c
        .office
        .send_daily_reminders(bangkok(2, 8), 8)
        .await
        .unwrap();
    // The desk and the administrator see it; administrators are not reminded.
    assert_eq!(sent, Some(1));
    let pending = c
        .store
        .pending_notifications(&Channel::terminal(), 100)
        .await
        .unwrap();
    let reminders: Vec<_> = pending
        .iter()
        .filter(|n| matches!(n.about, About::Reminder { .. }))
        .collect();
    assert_eq!(reminders.len(), 1);
    assert_eq!(reminders[0].recipient, sample_user("desk"));
    assert_eq!(reminders[0].language, Language::English);
    let About::Reminder { overdue, oldest } = &reminders[0].about else {
        unreachable!()
    };
    assert_eq!((*overdue, oldest.as_slice()), (1, [waiting].as_slice()));
    assert_ne!(oldest[0], forwarded);

    // Forty days on, the forwarded complaint is late for the OCPB as well.
    let sent = c
        .office
        .send_daily_reminders(bangkok(40, 9), 8)
        .await
        .unwrap();
    assert_eq!(sent, Some(2));
}
