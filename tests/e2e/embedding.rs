//! OCC as another Rust program embeds it: through the root package's re-export, a complaint's
//! whole life, with the citizen told of each step through the outbox, across a restart.

use occ::occ_core::jiff::Timestamp;
use occ::occ_core::store::{Page, SledStore, Store, StoreConfig, UpdateOutcome};
use occ::occ_core::testing::{sample_new_complaint, sample_user};
use occ::occ_core::workflow::{Change, Update};
use occ::occ_core::{Actor, AgencyCode, Channel, EventKind, Evidence, Note, OfficerId, Status};

async fn apply(store: &SledStore, id: occ::occ_core::IssueId, update: Update) {
    match store.update(id, update).await.unwrap() {
        UpdateOutcome::Applied(_) => {}
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_complaint_from_filing_to_resolution() {
    let dir = tempfile::tempdir().unwrap();
    let now: Timestamp = "2026-12-04T03:00:00Z".parse().unwrap();
    let desk = Actor::Officer(OfficerId("desk-1".into()));
    let ocpb = Actor::Officer(OfficerId("ocpb-3".into()));
    let note = |s: &str| Note::new(s).unwrap();

    let id = {
        let store = SledStore::open(dir.path(), StoreConfig::default()).unwrap();
        let id = store
            .file(sample_new_complaint("tg-1001"))
            .await
            .unwrap()
            .complaint
            .id;
        apply(
            &store,
            id,
            Update::new(desk.clone(), now, Change::StartScreening),
        )
        .await;
        let forward = Change::Forward {
            agency: AgencyCode::new("OCPB").unwrap(),
        };
        apply(
            &store,
            id,
            Update::new(desk, now, forward).with_note(note("ของไม่ส่ง")),
        )
        .await;
        let ask = Update::new(ocpb.clone(), now, Change::RequestInfo);
        apply(&store, id, ask.with_note(note("ขอสลิปการโอนเงินด้วยค่ะ"))).await;
        id
    };

    // The bot restarts; the citizen answers with a link to the slip.
    let store = SledStore::open(dir.path(), StoreConfig::default()).unwrap();
    let slip = Evidence::link("https://example.com/slip.jpg").unwrap();
    apply(
        &store,
        id,
        Update::new(Actor::Citizen, now, Change::AddEvidence(slip)),
    )
    .await;
    apply(
        &store,
        id,
        Update::new(Actor::Citizen, now, Change::ProvideInfo),
    )
    .await;
    let c = store.get(id).await.unwrap().unwrap();
    assert_eq!(
        (c.status, c.agency.as_str()),
        (Status::Forwarded, "OCPB"),
        "back with the agency that asked"
    );
    apply(
        &store,
        id,
        Update::new(ocpb.clone(), now, Change::StartWork),
    )
    .await;
    apply(
        &store,
        id,
        Update::new(ocpb, now, Change::Resolve).with_note(note("คืนเงินแล้ว")),
    )
    .await;

    // What the citizen is told, in order: screening, forwarded, the question, back with the
    // agency, in progress, resolved. Not their own evidence or answer.
    let told: Vec<_> = store
        .pending_notifications(&Channel::terminal(), 100)
        .await
        .unwrap()
        .into_iter()
        .map(|n| n.event().and_then(|e| e.status_change()).map(|(_, to)| to))
        .collect();
    assert_eq!(
        told,
        [
            Status::Screening,
            Status::Forwarded,
            Status::NeedInfo,
            Status::InProgress,
            Status::Resolved
        ]
        .map(Some)
    );
    let mine = store
        .by_reporter(&sample_user("somying"), Page::first(10))
        .await
        .unwrap();
    assert_eq!(mine.len(), 1);
    assert!(matches!(
        mine[0].timeline.last().unwrap().kind,
        EventKind::StatusChanged {
            to: Status::Resolved,
            ..
        }
    ));
}
