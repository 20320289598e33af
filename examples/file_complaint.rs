//! Embedding `occ-core` in another program: open a store, file a complaint, forward it to an
//! agency, resolve it, and print its Issue ID and timeline.
//!
//! Run with:
//!
//! ```text
//! cargo run --example file_complaint            # data in ./occ-data
//! cargo run --example file_complaint -- DIR     # data in DIR
//! ```
//!
//! Each run files a new complaint in the same store, so the Issue ID goes up by one:
//!
//! ```text
//! Filed OCC-2569-000001-3 on 4 Dec 2569 21:38 (Bangkok time)
//! Suggested agency: OCPB (75% sure): Paid online and the goods never came: the consumer protection board
//! Found in it: amount 1500, url https://shop-deal.co.th/p/123, domain shop-deal.co.th
//!
//! Timeline of OCC-2569-000001-3
//!   2569-12-04 21:38  citizen        filed
//!   2569-12-04 21:38  officer desk-1 forwarded to OCPB: Office of the Consumer Protection Board (OCPB)
//!                                    note: Undelivered goods paid by bank transfer: consumer case
//!   ...
//! Now: resolved, with OCPB
//! Waiting to be sent to the citizen: 3 notifications
//! ```

use std::error::Error;

use occ_core::calendar::{BUDDHIST_ERA_OFFSET, in_bangkok};
use occ_core::jiff::Timestamp;
use occ_core::routing::Router;
use occ_core::store::{NewComplaint, SledStore, Store, StoreConfig, UpdateOutcome};
use occ_core::workflow::{Change, Update};
use occ_core::{
    Actor, AgencyCode, CategoryCode, Channel, Description, DisplayName, Event, EventKind, Evidence,
    Language, MessageKey, Note, OfficerId, PhoneNumber, Reporter, SubcategoryCode, UserRef,
};

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "occ-data".to_owned());
    match run(&dir).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            // Display, not Debug: the store's errors say what went wrong and what to do.
            eprintln!("error: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run(dir: &str) -> Result<(), Box<dyn Error>> {
    let store = SledStore::open(dir, StoreConfig::default())?;
    let now = Timestamp::now();

    // A citizen writes from the terminal. The message id makes the filing idempotent: filing the
    // same message again returns the same Issue ID.
    let message_id = now.as_nanosecond().to_string();
    let mut new = NewComplaint {
        source: MessageKey::new(Channel::terminal(), "somying", &message_id)?,
        received_at: now,
        reporter: Reporter {
            user: UserRef::new(Channel::terminal(), "somying")?,
            display_name: DisplayName::new("สมหญิง ใจดี")?,
            phone: Some(PhoneNumber::parse("081-234-5678")?),
            email: None,
            national_id: None,
        },
        language: Language::Thai,
        category: CategoryCode::new("shopping")?,
        subcategory: SubcategoryCode::new("not_delivered")?,
        description: Description::new(
            "สั่งรองเท้าจากเพจ Shoe Deal ราคา 1,500 บาท โอนเงินแล้วตั้งแต่ 1 ธ.ค. ร้านไม่ส่งของและไม่ตอบแชท",
        )?,
        evidence: vec![Evidence::link("https://shop-deal.co.th/p/123")?],
        routing: None,
    };
    // The routing rules suggest an agency, kept with the complaint for the screening desk.
    let router = Router::builtin(store.catalog());
    let suggestion = router.route_new(&new);
    new.routing = Some(suggestion.clone());
    let filing = store.file(new).await?;
    let id = filing.complaint.id;
    println!(
        "Filed {id} on {} (Bangkok time)",
        thai_date(filing.complaint.filed_at)
    );
    if let Some(reason) = &suggestion.reason {
        println!(
            "Suggested agency: {} ({}% sure): {}",
            suggestion.agency, suggestion.confidence, reason.en
        );
    }
    let found: Vec<String> = filing
        .complaint
        .identifiers
        .iter()
        .map(|i| format!("{} {}", i.kind, i.value))
        .collect();
    println!("Found in it: {}\n", found.join(", "));

    // The screening desk forwards it; the agency takes it up and resolves it.
    let desk = Actor::Officer(OfficerId("desk-1".into()));
    let agency = Actor::Officer(OfficerId("ocpb-7".into()));
    let steps = [
        Update::new(
            desk,
            now,
            Change::Forward {
                agency: AgencyCode::new("OCPB")?,
            },
        )
        .with_note(Note::new(
            "Undelivered goods paid by bank transfer: consumer case",
        )?),
        Update::new(agency.clone(), now, Change::StartWork),
        Update::new(agency, now, Change::Resolve).with_note(Note::new(
            "ร้านคืนเงินเต็มจำนวนแล้ว / The shop refunded in full",
        )?),
    ];
    let mut complaint = filing.complaint;
    for step in steps {
        match store.update(id, step).await? {
            UpdateOutcome::Applied(c) => complaint = *c,
            UpdateOutcome::Refused(why) => return Err(why.into()),
            UpdateOutcome::NotFound => return Err("the complaint just filed is missing".into()),
        }
    }

    println!("Timeline of {id}");
    for event in &complaint.timeline {
        print_event(&store, event);
    }
    println!("Now: {}, with {}", complaint.status, complaint.agency);
    let pending = store
        .pending_notifications(&Channel::terminal(), 100)
        .await?;
    println!(
        "Waiting to be sent to the citizen: {} notifications",
        pending.len()
    );
    Ok(())
}

/// "4 Dec 2569 21:38": Bangkok time with the Buddhist Era year.
fn thai_date(at: Timestamp) -> String {
    let z = in_bangkok(at);
    format!(
        "{} {}",
        z.strftime("%-d %b"),
        z.year() + BUDDHIST_ERA_OFFSET
    ) + &z.strftime(" %H:%M").to_string()
}

fn print_event(store: &SledStore, event: &Event) {
    let z = in_bangkok(event.at);
    let when = format!(
        "{}-{}",
        z.year() + BUDDHIST_ERA_OFFSET,
        z.strftime("%m-%d %H:%M")
    );
    let who = match &event.actor {
        Actor::Citizen => "citizen".to_owned(),
        Actor::Officer(o) => format!("officer {}", o.0),
        Actor::System => "system".to_owned(),
        _ => "someone".to_owned(),
    };
    let what = match &event.kind {
        EventKind::Filed => "filed".to_owned(),
        EventKind::Forwarded { to_agency, .. } => {
            let name = store
                .catalog()
                .agency(to_agency)
                .map(|a| a.name.get(Language::English))
                .unwrap_or("?");
            format!("forwarded to {to_agency}: {name}")
        }
        EventKind::StatusChanged { to, .. } => format!("status: {to}"),
        other => format!("{other:?}"),
    };
    println!("  {when}  {who:<14} {what}");
    if let Some(note) = &event.note {
        println!("{:>35}note: {note}", "");
    }
}
