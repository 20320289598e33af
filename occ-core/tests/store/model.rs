//! A model-based property test: random operations against the sled store and an in-memory model
//! agree after every step, including across closing and reopening the store.

use std::collections::{BTreeMap, HashMap};

use occ_core::jiff::Timestamp;
use occ_core::store::{
    Counters, NewComplaint, Notification, Page, SledStore, Store, UpdateOutcome,
};
use occ_core::testing::sample_user;
use occ_core::workflow::{Change, Update, WorkflowError, apply};
use occ_core::{
    Actor, AgencyCode, Catalog, Channel, Complaint, Evidence, IdentifierKind, IssueId, Note,
    OfficerId,
};
use proptest::prelude::*;

use crate::util::{all_complaints, at, complaint_by, open, runtime};

const USERS: [&str; 3] = ["somchai", "somying", "malee"];
const AGENCIES: [&str; 4] = ["OCPB", "FDA", "TCSD", "OCC"];

#[derive(Debug, Clone)]
enum Op {
    File {
        user: usize,
        message: u8,
    },
    Update {
        target: usize,
        change: ChangeOp,
        citizen: bool,
    },
    Reopen,
    PutSession {
        key: u8,
        value: Vec<u8>,
    },
    DeleteSession {
        key: u8,
    },
    Ack {
        nth: usize,
    },
}

#[derive(Debug, Clone)]
enum ChangeOp {
    StartScreening,
    Forward(usize),
    RequestInfo,
    ProvideInfo,
    StartWork,
    Resolve,
    Reject,
    Withdraw,
    Duplicate(usize),
    Note,
    MessageToCitizen,
    MessageFromCitizen,
    Evidence,
}

fn change_op() -> impl Strategy<Value = ChangeOp> {
    prop_oneof![
        Just(ChangeOp::StartScreening),
        (0..AGENCIES.len()).prop_map(ChangeOp::Forward),
        Just(ChangeOp::RequestInfo),
        Just(ChangeOp::ProvideInfo),
        Just(ChangeOp::StartWork),
        Just(ChangeOp::Resolve),
        Just(ChangeOp::Reject),
        Just(ChangeOp::Withdraw),
        (0..40usize).prop_map(ChangeOp::Duplicate),
        Just(ChangeOp::Note),
        Just(ChangeOp::MessageToCitizen),
        Just(ChangeOp::MessageFromCitizen),
        Just(ChangeOp::Evidence),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0..USERS.len(), 0..12u8).prop_map(|(user, message)| Op::File { user, message }),
        6 => (0..40usize, change_op(), any::<bool>()).prop_map(|(target, change, citizen)| Op::Update { target, change, citizen }),
        1 => Just(Op::Reopen),
        1 => (0..4u8, prop::collection::vec(any::<u8>(), 0..40)).prop_map(|(key, value)| Op::PutSession { key, value }),
        1 => (0..4u8).prop_map(|key| Op::DeleteSession { key }),
        1 => (0..40usize).prop_map(|nth| Op::Ack { nth }),
    ]
}

#[derive(Default)]
struct Model {
    complaints: BTreeMap<IssueId, Complaint>,
    by_source: HashMap<Vec<u8>, IssueId>,
    outbox: Vec<Notification>,
    next_outbox: u64,
    sessions: BTreeMap<String, Vec<u8>>,
}

impl Model {
    fn file(&mut self, new: NewComplaint) -> (IssueId, bool) {
        if let Some(id) = self.by_source.get(&new.source.to_key()) {
            return (*id, false);
        }
        let id = IssueId::new(2569, self.complaints.len() as u32 + 1).unwrap();
        self.by_source.insert(new.source.to_key(), id);
        self.complaints
            .insert(id, new.into_complaint(id, AgencyCode::new("OCC").unwrap()));
        (id, true)
    }

    fn update(&mut self, id: IssueId, update: &Update) -> UpdateOutcome {
        let Some(current) = self.complaints.get(&id) else {
            return UpdateOutcome::NotFound;
        };
        if let Change::MarkDuplicate { of } = &update.change
            && !self.complaints.contains_key(of)
        {
            return UpdateOutcome::Refused(WorkflowError::BadDuplicate(*of));
        }
        let mut next = current.clone();
        match apply(&mut next, update, &Catalog::builtin()) {
            Err(refusal) => UpdateOutcome::Refused(refusal),
            Ok(event) => {
                if event.notifies_citizen() {
                    self.next_outbox += 1;
                    self.outbox
                        .push(Notification::for_event(self.next_outbox, &next, event));
                }
                self.complaints.insert(id, next.clone());
                UpdateOutcome::Applied(Box::new(next))
            }
        }
    }
}

fn make_update(step: i64, change: &ChangeOp, citizen: bool, model: &Model) -> Update {
    let actor = if citizen {
        Actor::Citizen
    } else {
        Actor::Officer(OfficerId("o".into()))
    };
    let note = |s: &str| Some(Note::new(s).unwrap());
    let (change, note) = match change {
        ChangeOp::StartScreening => (Change::StartScreening, None),
        ChangeOp::Forward(a) => (
            Change::Forward {
                agency: AgencyCode::new(AGENCIES[*a]).unwrap(),
            },
            None,
        ),
        ChangeOp::RequestInfo => (Change::RequestInfo, note("ขอสลิปค่ะ")),
        ChangeOp::ProvideInfo => (Change::ProvideInfo, note("ส่งแล้วครับ")),
        ChangeOp::StartWork => (Change::StartWork, None),
        ChangeOp::Resolve => (Change::Resolve, note("คืนเงินแล้ว")),
        ChangeOp::Reject => (Change::Reject, note("ไม่อยู่ในอำนาจ")),
        ChangeOp::Withdraw => (Change::Withdraw, None),
        ChangeOp::Duplicate(n) => {
            let of = IssueId::new(2569, (*n % (model.complaints.len() + 2)) as u32 + 1).unwrap();
            (Change::MarkDuplicate { of }, None)
        }
        ChangeOp::Note => (Change::AddNote, note("internal")),
        ChangeOp::MessageToCitizen => (Change::MessageToCitizen, note("ติดต่อกลับ")),
        ChangeOp::MessageFromCitizen => (Change::MessageFromCitizen, note("ยังรออยู่")),
        ChangeOp::Evidence => (
            Change::AddEvidence(Evidence::link(&format!("https://example.com/{step}")).unwrap()),
            None,
        ),
    };
    Update {
        actor,
        at: at(step),
        change,
        note,
    }
}

async fn check(store: &SledStore, model: &Model) -> Result<(), TestCaseError> {
    let all = all_complaints(store).await;
    prop_assert_eq!(
        &all,
        &model.complaints.values().cloned().collect::<Vec<_>>()
    );
    for (id, c) in &model.complaints {
        let stored = store.get(*id).await.unwrap();
        prop_assert_eq!(stored.as_ref(), Some(c));
        // The summary read on its own says what the whole record says.
        prop_assert_eq!(
            store.status(*id).await.unwrap(),
            Some(occ_core::store::StatusSummary::of(c))
        );
    }
    let unknown = IssueId::new(2569, model.complaints.len() as u32 + 1).unwrap();
    prop_assert_eq!(store.get(unknown).await.unwrap(), None);
    prop_assert_eq!(store.status(unknown).await.unwrap(), None);
    for user in USERS {
        let expected: Vec<_> = model
            .complaints
            .values()
            .rev()
            .filter(|c| c.reporter.user.id() == user)
            .cloned()
            .collect();
        prop_assert_eq!(
            store
                .by_reporter(&sample_user(user), Page::first(100))
                .await
                .unwrap(),
            expected
        );
    }
    for agency in AGENCIES {
        let code = AgencyCode::new(agency).unwrap();
        let expected: Vec<_> = model
            .complaints
            .values()
            .filter(|c| c.agency == code)
            .cloned()
            .collect();
        prop_assert_eq!(
            store.by_agency(&code, Page::first(100)).await.unwrap(),
            expected
        );
    }
    prop_assert_eq!(
        store.counters().await.unwrap(),
        Counters::recount(model.complaints.values())
    );
    // Incidents: identifiers shared by two complaints or more, largest first.
    let mut groups: BTreeMap<(IdentifierKind, String), Vec<&Complaint>> = BTreeMap::new();
    for c in model.complaints.values() {
        for i in c.identifiers.iter().filter(|i| i.kind.forms_incidents()) {
            groups.entry((i.kind, i.value.clone())).or_default().push(c);
        }
    }
    let mut expected: Vec<(u64, IdentifierKind, String, Timestamp, Timestamp)> = groups
        .into_iter()
        .filter(|(_, cs)| cs.len() >= 2)
        .map(|((k, v), cs)| {
            let first = cs.iter().map(|c| c.filed_at).min().unwrap();
            let last = cs.iter().map(|c| c.filed_at).max().unwrap();
            (cs.len() as u64, k, v, first, last)
        })
        .collect();
    let mut got: Vec<_> = store
        .incidents(1000)
        .await
        .unwrap()
        .into_iter()
        .map(|i| (i.complaints, i.kind, i.value, i.first_filed, i.last_filed))
        .collect();
    prop_assert!(
        got.windows(2).all(|w| w[0].0 >= w[1].0),
        "largest first: {:?}",
        got
    );
    expected.sort_by(|a, b| (a.1, &a.2).cmp(&(b.1, &b.2)));
    got.sort_by(|a, b| (a.1, &a.2).cmp(&(b.1, &b.2)));
    prop_assert_eq!(got, expected);
    prop_assert_eq!(
        store
            .pending_notifications(&Channel::terminal(), 1000)
            .await
            .unwrap(),
        model.outbox.clone()
    );
    for key in 0..4u8 {
        let k = format!("s{key}");
        prop_assert_eq!(
            store.session(&k).await.unwrap(),
            model.sessions.get(&k).cloned()
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, max_shrink_iters: 200, ..ProptestConfig::default() })]

    #[test]
    fn store_agrees_with_model(ops in prop::collection::vec(op(), 1..45)) {
        let dir = tempfile::tempdir().unwrap();
        runtime().block_on(async {
            let mut store = Some(open(dir.path()));
            let mut model = Model::default();
            for (step, op) in ops.iter().enumerate() {
                let s = store.as_ref().unwrap();
                let step = step as i64;
                match op {
                    Op::File { user, message } => {
                        let mut new = complaint_by(USERS[*user], &format!("m{message}"));
                        new.received_at = at(step);
                        let expected = model.file(new.clone());
                        let filing = s.file(new).await.unwrap();
                        prop_assert_eq!((filing.complaint.id, filing.is_new), expected);
                    }
                    Op::Update { target, change, citizen } => {
                        let id = IssueId::new(2569, (*target % (model.complaints.len() + 1)) as u32 + 1).unwrap();
                        let update = make_update(step, change, *citizen, &model);
                        let expected = model.update(id, &update);
                        prop_assert_eq!(s.update(id, update).await.unwrap(), expected);
                    }
                    Op::Reopen => {
                        drop(store.take());
                        store = Some(open(dir.path()));
                    }
                    Op::PutSession { key, value } => {
                        s.put_session(&format!("s{key}"), value).await.unwrap();
                        model.sessions.insert(format!("s{key}"), value.clone());
                    }
                    Op::DeleteSession { key } => {
                        s.delete_session(&format!("s{key}")).await.unwrap();
                        model.sessions.remove(&format!("s{key}"));
                    }
                    Op::Ack { nth } => {
                        if model.outbox.is_empty() {
                            prop_assert!(!s.ack_notification(&Channel::terminal(), 1_000_000).await.unwrap());
                        } else {
                            let n = model.outbox.remove(nth % model.outbox.len());
                            prop_assert!(s.ack_notification(&Channel::terminal(), n.id).await.unwrap());
                        }
                    }
                }
                check(store.as_ref().unwrap(), &model).await?;
            }
            drop(store.take());
            check(&open(dir.path()), &model).await
        })?;
    }
}
