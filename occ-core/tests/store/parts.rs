//! Filing, updates, lists, the outbox, sessions and attachments through the store's interface.

use occ_core::store::{Page, Store, StoreConfig, StoreError, UpdateOutcome};
use occ_core::testing::sample_user;
use occ_core::workflow::{Change, Update, WorkflowError};
use occ_core::{
    Actor, AgencyCode, Channel, EventKind, IssueId, NationalId, Note, OfficerId, Status,
    SubcategoryCode,
};

use crate::util::{at, complaint_by, open};

fn officer() -> Actor {
    Actor::Officer(OfficerId("desk-1".into()))
}

fn forward(to: &str) -> Update {
    Update::new(
        officer(),
        at(60),
        Change::Forward {
            agency: AgencyCode::new(to).unwrap(),
        },
    )
}

#[tokio::test]
async fn filing_numbers_complaints_and_repeats_are_the_same_complaint() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let a = store.file(complaint_by("somchai", "m1")).await.unwrap();
    let b = store.file(complaint_by("somchai", "m2")).await.unwrap();
    assert!(a.is_new && b.is_new);
    assert_eq!(
        a.complaint.id.to_string(),
        format!("OCC-2569-000001-{}", a.complaint.id.check_digit())
    );
    assert_eq!(b.complaint.id.seq(), 2);
    assert_eq!(a.complaint.status, Status::Received);
    assert_eq!(a.complaint.agency.as_str(), "OCC");
    assert_eq!(a.complaint.timeline.len(), 1);
    assert_eq!(a.complaint.timeline[0].kind, EventKind::Filed);

    let again = store.file(complaint_by("somchai", "m1")).await.unwrap();
    assert!(!again.is_new);
    assert_eq!(again.complaint, a.complaint);
    assert_eq!(
        store
            .counters()
            .await
            .unwrap()
            .get(&occ_core::store::CounterKey::Filed),
        2
    );
}

#[tokio::test]
async fn a_new_year_starts_at_one() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let mut late = complaint_by("u", "dec");
    late.received_at = "2026-12-31T16:59:00Z".parse().unwrap();
    let mut early = complaint_by("u", "jan");
    early.received_at = "2026-12-31T17:01:00Z".parse().unwrap();
    assert_eq!(
        store.file(late).await.unwrap().complaint.id,
        IssueId::new(2569, 1).unwrap()
    );
    assert_eq!(
        store.file(early).await.unwrap().complaint.id,
        IssueId::new(2570, 1).unwrap()
    );
}

#[tokio::test]
async fn filing_checks_the_catalog_and_the_reporter() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let mut bad = complaint_by("u", "m");
    bad.subcategory = SubcategoryCode::new("gambling").unwrap();
    assert!(matches!(store.file(bad).await, Err(StoreError::Catalog(_))));
    let mut other_channel = complaint_by("u", "m");
    other_channel.reporter.user = occ_core::UserRef::new(Channel::telegram(), "1").unwrap();
    assert!(matches!(
        store.file(other_channel).await,
        Err(StoreError::Invalid(_))
    ));
    assert!(crate::util::all_complaints(&store).await.is_empty());
}

#[tokio::test]
async fn updates_move_indexes_and_fill_the_outbox() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let id = store
        .file(complaint_by("somchai", "m1"))
        .await
        .unwrap()
        .complaint
        .id;

    let UpdateOutcome::Applied(c) = store.update(id, forward("OCPB")).await.unwrap() else {
        panic!()
    };
    assert_eq!((c.status, c.agency.as_str()), (Status::Forwarded, "OCPB"));
    assert!(
        store
            .by_status(Status::Received, Page::first(10))
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        store
            .by_status(Status::Forwarded, Page::first(10))
            .await
            .unwrap()[0]
            .id,
        id
    );
    assert_eq!(
        store
            .by_agency(&AgencyCode::new("OCPB").unwrap(), Page::first(10))
            .await
            .unwrap()
            .len(),
        1
    );
    assert!(
        store
            .by_agency(&AgencyCode::new("OCC").unwrap(), Page::first(10))
            .await
            .unwrap()
            .is_empty()
    );

    // A refusal writes nothing and says what is allowed.
    let refused = store
        .update(id, Update::new(Actor::Citizen, at(70), Change::Resolve))
        .await
        .unwrap();
    assert!(matches!(
        refused,
        UpdateOutcome::Refused(WorkflowError::NotPermitted { .. })
    ));
    assert_eq!(store.get(id).await.unwrap().unwrap(), *c);
    let missing = IssueId::new(2569, 99).unwrap();
    assert_eq!(
        store.update(missing, forward("FDA")).await.unwrap(),
        UpdateOutcome::NotFound
    );
    let dup = Update::new(officer(), at(80), Change::MarkDuplicate { of: missing });
    assert_eq!(
        store.update(id, dup).await.unwrap(),
        UpdateOutcome::Refused(WorkflowError::BadDuplicate(missing))
    );

    // An internal note is not sent; a message is.
    let note =
        Update::new(officer(), at(90), Change::AddNote).with_note(Note::new("ตรวจแล้ว").unwrap());
    let _ = store.update(id, note).await.unwrap();
    let msg = Update::new(officer(), at(95), Change::MessageToCitizen)
        .with_note(Note::new("ได้รับเรื่องแล้วค่ะ").unwrap());
    let _ = store.update(id, msg).await.unwrap();

    let pending = store
        .pending_notifications(&Channel::terminal(), 10)
        .await
        .unwrap();
    assert_eq!(pending.len(), 2);
    assert!(matches!(
        pending[0].event().unwrap().kind,
        EventKind::Forwarded { .. }
    ));
    assert_eq!(
        pending[1].event().unwrap().kind,
        EventKind::MessageToCitizen
    );
    assert_eq!(pending[0].chat, "somchai");
    assert!(pending[0].id < pending[1].id);
    assert!(
        store
            .pending_notifications(&Channel::telegram(), 10)
            .await
            .unwrap()
            .is_empty()
    );

    assert!(
        store
            .ack_notification(&Channel::terminal(), pending[0].id)
            .await
            .unwrap()
    );
    assert!(
        !store
            .ack_notification(&Channel::terminal(), pending[0].id)
            .await
            .unwrap()
    );
    assert_eq!(
        store
            .pending_notifications(&Channel::terminal(), 10)
            .await
            .unwrap(),
        pending[1..]
    );
}

#[tokio::test]
async fn undeliverable_notifications_are_parked_not_lost() {
    let dir = tempfile::tempdir().unwrap();
    {
        let store = open(dir.path());
        let id = store
            .file(complaint_by("u", "m"))
            .await
            .unwrap()
            .complaint
            .id;
        let _ = store.update(id, forward("TCSD")).await.unwrap();
        let n = store
            .pending_notifications(&Channel::terminal(), 10)
            .await
            .unwrap()
            .remove(0);
        assert!(
            store
                .park_notification(&Channel::terminal(), n.id, "the user blocked the bot")
                .await
                .unwrap()
        );
        assert!(
            !store
                .park_notification(&Channel::terminal(), n.id, "again")
                .await
                .unwrap()
        );
    }
    let store = open(dir.path());
    assert!(
        store
            .pending_notifications(&Channel::terminal(), 10)
            .await
            .unwrap()
            .is_empty()
    );
    let parked = store.parked_notifications(10).await.unwrap();
    assert_eq!(parked.len(), 1);
    assert_eq!(parked[0].1, "the user blocked the bot");
}

#[tokio::test]
async fn pending_notifications_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let id = {
        let store = open(dir.path());
        let id = store
            .file(complaint_by("u", "m"))
            .await
            .unwrap()
            .complaint
            .id;
        let _ = store.update(id, forward("TCSD")).await.unwrap();
        id
    };
    let store = open(dir.path());
    let pending = store
        .pending_notifications(&Channel::terminal(), 10)
        .await
        .unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].issue(), Some(id));
}

#[tokio::test]
async fn lists_page_in_their_order() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let mut ids = Vec::new();
    for i in 0..7 {
        ids.push(
            store
                .file(complaint_by("somchai", &format!("m{i}")))
                .await
                .unwrap()
                .complaint
                .id,
        );
    }
    store.file(complaint_by("somchai2", "x")).await.unwrap();
    let user = sample_user("somchai");
    let first = store.by_reporter(&user, Page::first(3)).await.unwrap();
    assert_eq!(
        first.iter().map(|c| c.id).collect::<Vec<_>>(),
        [ids[6], ids[5], ids[4]]
    );
    let next = store
        .by_reporter(&user, Page::after(ids[4], 10))
        .await
        .unwrap();
    assert_eq!(
        next.iter().map(|c| c.id).collect::<Vec<_>>(),
        [ids[3], ids[2], ids[1], ids[0]]
    );

    let queue = store
        .by_status(Status::Received, Page::after(ids[1], 2))
        .await
        .unwrap();
    assert_eq!(
        queue.iter().map(|c| c.id).collect::<Vec<_>>(),
        [ids[2], ids[3]]
    );
    let desk = AgencyCode::new("OCC").unwrap();
    assert_eq!(
        store
            .by_agency(&desk, Page::first(100))
            .await
            .unwrap()
            .len(),
        8
    );
}

#[tokio::test]
async fn sessions_are_kept_and_bounded() {
    let dir = tempfile::tempdir().unwrap();
    {
        let store = open(dir.path());
        store
            .put_session("terminal/somchai", b"draft: step 3")
            .await
            .unwrap();
        store.put_session("terminal/other", b"x").await.unwrap();
        store.delete_session("terminal/other").await.unwrap();
        assert!(matches!(
            store.put_session("", b"x").await,
            Err(StoreError::SessionTooLarge)
        ));
        let huge = vec![0u8; 1024 * 1024 + 1];
        assert!(matches!(
            store.put_session("k", &huge).await,
            Err(StoreError::SessionTooLarge)
        ));
    }
    let store = open(dir.path());
    assert_eq!(
        store.session("terminal/somchai").await.unwrap().as_deref(),
        Some(&b"draft: step 3"[..])
    );
    assert_eq!(store.session("terminal/other").await.unwrap(), None);
}

#[tokio::test]
async fn attachments_are_stored_by_digest_within_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = StoreConfig::default();
    config.attachment_limit_bytes = 1000;
    let store = occ_core::store::SledStore::open(dir.path(), config).unwrap();
    let jpeg = [&[0xFF, 0xD8, 0xFF, 0xE0][..], &[0u8; 100]].concat();
    let a = store
        .put_attachment(jpeg.clone(), Some("image/png"), Some("slip.jpg"))
        .await
        .unwrap();
    assert_eq!(a.media_type, "image/jpeg");
    assert_eq!(a.size, 104);
    assert!(
        dir.path()
            .join("attachments")
            .join(&a.sha256[..2])
            .join(&a.sha256)
            .is_file()
    );
    assert_eq!(store.attachment(&a.sha256).await.unwrap(), Some(jpeg));

    let err = store
        .put_attachment(vec![1; 1001], None, None)
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::AttachmentTooLarge {
                size: 1001,
                limit: 1000
            }
        ),
        "{err}"
    );
    assert!(matches!(
        store.put_attachment(vec![], None, None).await,
        Err(StoreError::AttachmentEmpty)
    ));
}

#[tokio::test]
async fn national_ids_are_hashed_with_the_stores_key() {
    let dir = tempfile::tempdir().unwrap();
    let id = NationalId::parse("1101700230708").unwrap();
    let (digest, again) = {
        let store = open(dir.path());
        (store.national_id_digest(&id), store.national_id_digest(&id))
    };
    assert_eq!(digest, again);
    assert_eq!(
        open(dir.path()).national_id_digest(&id),
        digest,
        "the key survives a restart"
    );
    let other = tempfile::tempdir().unwrap();
    assert_ne!(
        open(other.path()).national_id_digest(&id),
        digest,
        "each store has its own key"
    );
    assert_eq!(digest.masked(), "x-xxxx-xxxx0-70-8");
}
