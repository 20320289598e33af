//! Export, import into a fresh directory, export again: the same bytes; and what import refuses.

use occ_core::store::{Page, SledStore, Store, StoreError};
use occ_core::testing::sample_user;
use occ_core::workflow::{Change, Update};
use occ_core::{Actor, AgencyCode, Note, OfficerId, Status};

use crate::util::{all_complaints, at, complaint_by, open};

async fn busy_store(store: &SledStore) {
    let officer = Actor::Officer(OfficerId("desk-2".into()));
    for i in 0..12 {
        let c = store
            .file(complaint_by(&format!("user{}", i % 3), &format!("m{i}")))
            .await
            .unwrap()
            .complaint;
        if i % 2 == 0 {
            let to = AgencyCode::new(["OCPB", "FDA", "TCSD"][i % 3]).unwrap();
            let _ = store
                .update(
                    c.id,
                    Update::new(officer.clone(), at(100), Change::Forward { agency: to }),
                )
                .await
                .unwrap();
        }
        if i % 3 == 0 {
            let ask = Update::new(officer.clone(), at(200), Change::RequestInfo)
                .with_note(Note::new("ขอหลักฐานการโอนเงินค่ะ").unwrap());
            let _ = store.update(c.id, ask).await.unwrap();
        }
        if i == 5 {
            let _ = store
                .update(c.id, Update::new(Actor::Citizen, at(300), Change::Withdraw))
                .await
                .unwrap();
        }
    }
    store
        .put_session(
            "terminal/user1",
            "{\"step\":\"describe\",\"text\":\"ร้าน\"}".as_bytes(),
        )
        .await
        .unwrap();
    store
        .put_session("terminal/user2", &[0, 159, 146, 150])
        .await
        .unwrap();
}

async fn export_of(store: &SledStore) -> Vec<u8> {
    let mut out = Vec::new();
    store.export(&mut out).await.unwrap();
    out
}

#[tokio::test]
async fn export_import_export_is_identical() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let original = open(a.path());
    busy_store(&original).await;
    let first = export_of(&original).await;

    let copy = open(b.path());
    let summary = copy.import(&mut &first[..]).await.unwrap();
    assert_eq!(summary.complaints, 12);
    assert_eq!(summary.sessions, 2);
    assert!(summary.notifications > 0);
    let second = export_of(&copy).await;
    assert_eq!(
        String::from_utf8(second.clone()).unwrap(),
        String::from_utf8(first.clone()).unwrap()
    );

    // Indexes and counters are rebuilt, not copied.
    assert_eq!(
        copy.counters().await.unwrap(),
        original.counters().await.unwrap()
    );
    assert_eq!(all_complaints(&copy).await, all_complaints(&original).await);
    for status in Status::ALL {
        assert_eq!(
            copy.by_status(status, Page::first(100)).await.unwrap(),
            original.by_status(status, Page::first(100)).await.unwrap()
        );
    }
    let user = sample_user("user1");
    assert_eq!(
        copy.by_reporter(&user, Page::first(100)).await.unwrap(),
        original.by_reporter(&user, Page::first(100)).await.unwrap()
    );
    let n = occ_core::NationalId::parse("1101700230708").unwrap();
    assert_eq!(copy.national_id_digest(&n), original.national_id_digest(&n));

    // The numbering continues after the highest imported Issue ID, and repeats are recognised.
    let next = copy.file(complaint_by("user9", "new")).await.unwrap();
    assert_eq!(next.complaint.id.seq(), 13);
    assert!(!copy.file(complaint_by("user0", "m0")).await.unwrap().is_new);

    // And it all survives a restart of the copy.
    drop(copy);
    let reopened = open(b.path());
    assert_eq!(all_complaints(&reopened).await.len(), 13);
}

#[tokio::test]
async fn import_refuses_a_store_that_is_not_empty() {
    let a = tempfile::tempdir().unwrap();
    let store = open(a.path());
    busy_store(&store).await;
    let dump = export_of(&store).await;
    assert!(matches!(
        store.import(&mut &dump[..]).await,
        Err(StoreError::NotEmpty)
    ));
}

#[tokio::test]
async fn a_bad_line_is_named_and_nothing_is_imported() {
    let a = tempfile::tempdir().unwrap();
    let store = open(a.path());
    busy_store(&store).await;
    let dump = String::from_utf8(export_of(&store).await).unwrap();
    let mut lines: Vec<&str> = dump.lines().collect();
    lines.insert(4, "{\"record\":\"complaint\",\"id\":\"OCC-2569-000001-0\"}");
    let broken = lines.join("\n");

    let b = tempfile::tempdir().unwrap();
    let target = open(b.path());
    let err = target.import(&mut broken.as_bytes()).await.unwrap_err();
    assert!(matches!(err, StoreError::Import { line: 5, .. }), "{err}");
    assert!(all_complaints(&target).await.is_empty());
    assert!(target.session("terminal/user1").await.unwrap().is_none());

    // Without a header the file is refused at line 1.
    let headless = dump.lines().skip(1).collect::<Vec<_>>().join("\n");
    let err = target.import(&mut headless.as_bytes()).await.unwrap_err();
    assert!(matches!(err, StoreError::Import { line: 1, .. }), "{err}");
    let err = target.import(&mut &b""[..]).await.unwrap_err();
    assert!(matches!(err, StoreError::Import { line: 1, .. }), "{err}");

    // The store is still usable and still empty, so a good import goes through.
    assert_eq!(
        target
            .import(&mut dump.as_bytes())
            .await
            .unwrap()
            .complaints,
        12
    );
}
