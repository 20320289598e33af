//! Incidents: complaints that share an identifier are seen as one, and can be acted on as one.

use occ_core::store::{Page, SledStore, Store};
use occ_core::workflow::{Change, Update, WorkflowError};
use occ_core::{
    Actor, AgencyCode, Channel, Description, EventKind, Evidence, IdentifierKind, Note, OfficerId,
};

use crate::util::{at, complaint_by, open};

fn officer() -> Actor {
    Actor::Officer(OfficerId("desk-9".into()))
}

async fn file(
    store: &SledStore,
    user: &str,
    message: &str,
    text: &str,
    secs: i64,
) -> occ_core::IssueId {
    let mut new = complaint_by(user, message);
    new.description = Description::new(text).unwrap();
    new.evidence.clear();
    new.received_at = at(secs);
    store.file(new).await.unwrap().complaint.id
}

#[tokio::test]
async fn complaints_sharing_an_identifier_form_an_incident() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    // The seed's case in small: a deal site closes and many customers complain.
    let mut deal = Vec::new();
    for i in 0..5 {
        let text = format!("ซื้อดีลทัวร์ที่ https://dealclosed.co.th/deal/{i} จ่ายมัดจำแล้ว เว็บปิดหนี");
        deal.push(file(&store, &format!("u{i}"), "m", &text, i * 3600).await);
    }
    let bank_a = file(
        &store,
        "x",
        "m",
        "โอนเข้าบัญชีกสิกร 123-4-56789-0 แล้วไม่ได้ของ",
        100,
    )
    .await;
    let bank_b = file(
        &store,
        "y",
        "m",
        "เลขบัญชี 1234567890 คนเดียวกันค่ะ โกงเหมือนกัน",
        200,
    )
    .await;
    let alone = file(&store, "z", "m", "โดนแฮ็กเฟส", 300).await;

    let ranked = store.incidents(10).await.unwrap();
    assert_eq!(ranked.len(), 2, "{ranked:?}");
    assert_eq!(
        (
            ranked[0].kind,
            ranked[0].value.as_str(),
            ranked[0].complaints
        ),
        (IdentifierKind::Domain, "dealclosed.co.th", 5)
    );
    assert_eq!(
        (ranked[0].first_filed, ranked[0].last_filed),
        (at(0), at(4 * 3600))
    );
    assert_eq!(
        (
            ranked[1].kind,
            ranked[1].value.as_str(),
            ranked[1].complaints
        ),
        (IdentifierKind::BankAccount, "1234567890", 2)
    );
    assert_eq!(store.incidents(1).await.unwrap().len(), 1);
    assert!(store.incidents_of(alone).await.unwrap().is_empty());
    assert_eq!(store.incidents_of(bank_a).await.unwrap()[0].complaints, 2);
    assert!(
        store
            .incident(IdentifierKind::BankAccount, "999")
            .await
            .unwrap()
            .is_none()
    );

    // Three are forwarded one by one; then the desk forwards the rest of the incident at once.
    let ocpb = AgencyCode::new("OCPB").unwrap();
    for id in &deal[..3] {
        let _ = store
            .update(
                *id,
                Update::new(
                    officer(),
                    at(9000),
                    Change::Forward {
                        agency: ocpb.clone(),
                    },
                ),
            )
            .await
            .unwrap();
    }
    let incident = store
        .incident(IdentifierKind::Domain, "dealclosed.co.th")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(incident.complaints, deal);
    assert_eq!(incident.by_agency.get(&ocpb), Some(&3));
    assert_eq!(
        incident.by_agency.get(&AgencyCode::new("OCC").unwrap()),
        Some(&2)
    );
    assert_eq!(incident.open, 5);

    let all = Update::new(
        officer(),
        at(9100),
        Change::Forward {
            agency: ocpb.clone(),
        },
    );
    let outcome = store
        .update_incident(IdentifierKind::Domain, "dealclosed.co.th", all)
        .await
        .unwrap();
    assert_eq!(outcome.applied, deal[3..]);
    assert_eq!(outcome.refused.len(), 3);
    assert!(
        outcome
            .refused
            .iter()
            .all(|(_, why)| *why == WorkflowError::AlreadyWith(ocpb.clone()))
    );

    // One update that every complainant is told about.
    let news = Update::new(officer(), at(9200), Change::MessageToCitizen)
        .with_note(Note::new("สคบ. รับเรื่องเว็บดีลนี้แล้ว และจะติดต่อกลับทุกท่าน").unwrap());
    let told = store
        .update_incident(IdentifierKind::Domain, "dealclosed.co.th", news)
        .await
        .unwrap();
    assert_eq!(told.applied.len(), 5);
    let pending = store
        .pending_notifications(&Channel::terminal(), 100)
        .await
        .unwrap();
    let messages: Vec<_> = pending
        .iter()
        .filter(|n| {
            n.event()
                .is_some_and(|e| e.kind == EventKind::MessageToCitizen)
        })
        .filter_map(|n| n.issue())
        .collect();
    assert_eq!(messages, deal);
    let _ = bank_b;
}

#[tokio::test]
async fn evidence_added_later_joins_an_incident() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let first = file(
        &store,
        "a",
        "m",
        "ร้านนี้ https://fake-shoes.com/p/1 ไม่ส่งของ",
        0,
    )
    .await;
    let second = file(&store, "b", "m", "สั่งรองเท้าแล้วไม่ได้ของค่ะ", 10).await;
    assert!(store.incidents(10).await.unwrap().is_empty());
    let link = Evidence::link("https://www.fake-shoes.com/p/2").unwrap();
    let _ = store
        .update(
            second,
            Update::new(Actor::Citizen, at(20), Change::AddEvidence(link)),
        )
        .await
        .unwrap();
    let incident = store
        .incident(IdentifierKind::Domain, "fake-shoes.com")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(incident.complaints, [first, second]);
    // And the same link again does not count the complaint twice.
    let again = Evidence::link("https://fake-shoes.com/p/3").unwrap();
    let _ = store
        .update(
            second,
            Update::new(Actor::Citizen, at(30), Change::AddEvidence(again)),
        )
        .await
        .unwrap();
    assert_eq!(store.incidents(10).await.unwrap()[0].complaints, 2);
    let _ = store
        .by_status(occ_core::Status::Received, Page::first(1))
        .await
        .unwrap();
}
