//! Ready-made values for examples and tests. Not part of the stable API.

use jiff::Timestamp;

use crate::catalog::{AgencyCode, CategoryCode, SubcategoryCode};
use crate::complaint::{Attachment, Channel, Complaint, Evidence, MessageKey, Reporter, UserRef};
use crate::contact::{Email, NationalId, NationalIdKey, PhoneNumber};
use crate::id::IssueId;
use crate::language::Language;
use crate::store::NewComplaint;
use crate::text::{Description, DisplayName, Note};
use crate::workflow::{Actor, Event, EventKind, OfficerId, Status};

/// 4 December 2569 (2026), 09:30 in Bangkok.
pub fn sample_time() -> Timestamp {
    "2026-12-04T02:30:00Z".parse().expect("valid")
}

/// A terminal user.
pub fn sample_user(name: &str) -> UserRef {
    UserRef::new(Channel::terminal(), name).expect("valid")
}

/// A reporter on the terminal channel.
pub fn sample_reporter(user: &str) -> Reporter {
    Reporter {
        user: sample_user(user),
        display_name: DisplayName::new("สมหญิง ใจดี").expect("valid"),
        phone: Some(PhoneNumber::parse("081-234-5678").expect("valid")),
        email: None,
        national_id: None,
    }
}

/// A new complaint from the terminal user `somying`, filed by the message `message`.
pub fn sample_new_complaint(message: &str) -> NewComplaint {
    NewComplaint {
        source: MessageKey::new(Channel::terminal(), "somying", message).expect("valid"),
        received_at: sample_time(),
        reporter: sample_reporter("somying"),
        language: Language::Thai,
        category: CategoryCode::new("shopping").expect("valid"),
        subcategory: SubcategoryCode::new("not_delivered").expect("valid"),
        description: Description::new(
            "สั่งรองเท้าจากเพจ Shoe Deal ราคา 1,500 บาท โอนไปแล้ววันที่ 1 ธ.ค. ร้านไม่ส่งของและบล็อกเฟซบุ๊ก",
        )
        .expect("valid"),
        evidence: vec![Evidence::link("https://shop-deal.co.th/p/123").expect("valid")],
        routing: None,
    }
}

/// A complaint as the store files it, Received and with one event.
pub fn sample_complaint() -> Complaint {
    sample_new_complaint("msg-1").into_complaint(
        IssueId::new(2569, 42).expect("valid"),
        AgencyCode::new("OCC").expect("valid"),
    )
}

/// The complaint stored in `tests/fixtures/complaint-v1.bin`: every optional part filled in, so
/// that the fixture exercises each field of format 1.
pub fn fixture_complaint_v1() -> Complaint {
    let mut c = sample_complaint();
    let key = NationalIdKey::from_bytes([7; 32]);
    c.reporter.email = Some(Email::parse("somying@example.co.th").expect("valid"));
    c.reporter.national_id = Some(key.digest(&NationalId::parse("1101700230708").expect("valid")));
    c.language = Language::English;
    c.evidence.push(Evidence::File(Attachment {
        sha256: "ab".repeat(32),
        size: 12_345,
        media_type: "image/jpeg".into(),
        original_name: Some("สลิป.jpg".into()),
    }));
    // Set, not found: the fixture must not follow changes to identifier extraction.
    c.identifiers = vec![crate::complaint::Identifier {
        kind: crate::complaint::IdentifierKind::Domain,
        value: "shop-deal.co.th".into(),
        span: Some((10, 25)),
        detail: None,
    }];
    c.status = Status::Duplicate;
    c.agency = AgencyCode::new("OCPB").expect("valid");
    c.duplicate_of = Some(IssueId::new(2569, 7).expect("valid"));
    let officer = Actor::Officer(OfficerId("desk-7".into()));
    let at: Timestamp = "2026-12-05T03:00:00Z".parse().expect("valid");
    let note = |s: &str| Some(Note::new(s).expect("valid"));
    c.timeline.extend([
        Event {
            at,
            actor: officer.clone(),
            kind: EventKind::Forwarded {
                from_status: Status::Received,
                from_agency: AgencyCode::new("OCC").expect("valid"),
                to_agency: AgencyCode::new("OCPB").expect("valid"),
            },
            note: note("ส่ง สคบ."),
        },
        Event {
            at,
            actor: officer.clone(),
            kind: EventKind::StatusChanged {
                from: Status::Forwarded,
                to: Status::NeedInfo,
            },
            note: note("ขอสลิป"),
        },
        Event {
            at,
            actor: Actor::Citizen,
            kind: EventKind::MessageFromCitizen,
            note: note("แนบแล้วค่ะ"),
        },
        Event {
            at,
            actor: Actor::Citizen,
            kind: EventKind::EvidenceAdded {
                evidence: Evidence::link("https://example.com/slip").expect("valid"),
            },
            note: None,
        },
        Event {
            at,
            actor: officer.clone(),
            kind: EventKind::MessageToCitizen,
            note: note("ได้รับแล้ว"),
        },
        Event {
            at,
            actor: officer.clone(),
            kind: EventKind::Note,
            note: note("internal"),
        },
        Event {
            at,
            actor: Actor::System,
            kind: EventKind::MarkedDuplicate {
                from: Status::NeedInfo,
                of: IssueId::new(2569, 7).expect("valid"),
            },
            note: None,
        },
    ]);
    c
}
