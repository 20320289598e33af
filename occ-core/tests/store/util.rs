//! Helpers shared by the store tests.

use std::path::Path;

use jiff::{SignedDuration, Timestamp};
use occ_core::store::{NewComplaint, Page, SledStore, Store, StoreConfig};
use occ_core::testing::{sample_new_complaint, sample_reporter, sample_time};
use occ_core::{Channel, Complaint, Description, MessageKey, Status};

/// Opens (or creates) a store with the default configuration.
pub fn open(dir: &Path) -> SledStore {
    SledStore::open(dir, StoreConfig::default()).unwrap_or_else(|e| panic!("store opens: {e:?}"))
}

/// A time `secs` seconds after the sample time.
pub fn at(secs: i64) -> Timestamp {
    sample_time() + SignedDuration::from_secs(secs)
}

/// A new complaint by `user`, from message `message`, with a description derived from both so
/// that a damaged record is noticed.
pub fn complaint_by(user: &str, message: &str) -> NewComplaint {
    let mut new = sample_new_complaint(message);
    new.source = MessageKey::new(Channel::terminal(), user, message).unwrap();
    new.reporter = sample_reporter(user);
    new.description = Description::new(&expected_description(user, message)).unwrap();
    new
}

/// The description [`complaint_by`] gives.
pub fn expected_description(user: &str, message: &str) -> String {
    format!("ร้านไม่ส่งของ ({user}, {message})")
}

/// Every complaint in the store, in Issue ID order, found through the status index.
pub async fn all_complaints(store: &impl Store) -> Vec<Complaint> {
    let mut all = Vec::new();
    for status in Status::ALL {
        all.extend(
            store
                .by_status(status, Page::first(usize::MAX))
                .await
                .unwrap(),
        );
    }
    all.sort_by_key(|c| c.id);
    all
}

/// A current-thread runtime for tests that are not `async` themselves.
pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}
