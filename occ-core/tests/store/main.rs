//! Integration tests of the sled store, in one test binary: opening and damage, a model-based
//! property test, concurrency, export and import, the outbox, sessions and attachments, officers'
//! operations with their roles checked, and a crash test that kills a child process at random
//! moments.

mod concurrency;
mod crash;
mod export;
mod incidents;
mod model;
mod office;
mod open;
mod parts;
mod stats;
mod util;
