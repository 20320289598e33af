//! Period reports from the day counters.

use occ_core::calendar::Day;
use occ_core::jiff::SignedDuration;
use occ_core::stats::{Period, PeriodReport};
use occ_core::store::{Counters, Store};
use occ_core::workflow::{Change, Update};
use occ_core::{Actor, AgencyCode, Note, OfficerId};

use crate::util::{all_complaints, complaint_by, open};

fn ts(s: &str) -> occ_core::jiff::Timestamp {
    s.parse().unwrap()
}

#[tokio::test]
async fn a_months_figures_and_the_month_before() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let officer = Actor::Officer(OfficerId("desk".into()));
    let ocpb = AgencyCode::new("OCPB").unwrap();
    let fda = AgencyCode::new("FDA").unwrap();

    // November 2569: two complaints. December: seven, four forwarded, one resolved.
    for (i, when) in ["2026-11-10T03:00:00Z", "2026-11-20T03:00:00Z"]
        .iter()
        .enumerate()
    {
        let mut new = complaint_by("u", &format!("nov{i}"));
        new.received_at = ts(when);
        store.file(new).await.unwrap();
    }
    let mut december = Vec::new();
    for i in 0..7 {
        let mut new = complaint_by("u", &format!("dec{i}"));
        new.received_at = ts("2026-12-02T02:00:00Z") + SignedDuration::from_hours(i);
        december.push(store.file(new).await.unwrap().complaint);
    }
    for (c, agency, after_hours) in [
        (&december[0], &ocpb, 1),
        (&december[1], &ocpb, 2),
        (&december[2], &ocpb, 30),
        (&december[3], &fda, 1),
    ] {
        let at = c.filed_at + SignedDuration::from_mins(after_hours * 60 - 10);
        let _ = store
            .update(
                c.id,
                Update::new(
                    officer.clone(),
                    at,
                    Change::Forward {
                        agency: agency.clone(),
                    },
                ),
            )
            .await
            .unwrap();
    }
    let resolve_at = december[0].filed_at + SignedDuration::from_hours(50);
    let _ = store
        .update(
            december[0].id,
            Update::new(officer.clone(), resolve_at, Change::Resolve)
                .with_note(Note::new("คืนเงินแล้ว").unwrap()),
        )
        .await
        .unwrap();
    // A second forwarding of the same complaint counts as a forwarding, not as a first one.
    let later = december[3].filed_at + SignedDuration::from_hours(5);
    let _ = store
        .update(
            december[3].id,
            Update::new(
                officer.clone(),
                later,
                Change::Forward {
                    agency: ocpb.clone(),
                },
            ),
        )
        .await
        .unwrap();

    let report = store
        .report(Period::month(2569, 12).unwrap())
        .await
        .unwrap();
    assert_eq!(
        report.previous_period.first,
        "2569-11-01".parse::<Day>().unwrap()
    );
    assert_eq!((report.current.received, report.previous.received), (7, 2));
    assert_eq!(report.received_ratio(), Some(3.5));
    assert_eq!(report.current.forwarded.get(&ocpb), Some(&4));
    assert_eq!(report.current.forwarded.get(&fda), Some(&1));
    assert_eq!(report.current.resolved, 1);
    // First forwardings after 50 min, 110 min, 29 h 50 min and 50 min: the (lower) median,
    // the second of four, is in the bucket up to an hour.
    assert_eq!(
        report.current.median_time_to_forward(),
        Some(SignedDuration::from_hours(1))
    );
    assert_eq!(
        report.current.median_time_to_resolve(),
        Some(SignedDuration::from_hours(72))
    );

    // The same report recomputed from scratch over all complaints.
    let recounted = Counters::recount(&all_complaints(&store).await);
    assert_eq!(
        PeriodReport::from_counters(report.period, recounted.iter()),
        report
    );

    let csv = report.to_csv();
    assert!(
        csv.lines()
            .next()
            .unwrap()
            .starts_with("measure,agency,from,to,value"),
        "{csv}"
    );
    assert!(
        csv.contains("received,,2569-12-01,2569-12-31,7,2569-11-01,2569-11-30,2,3.50"),
        "{csv}"
    );
}
