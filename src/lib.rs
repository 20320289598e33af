//! OCC, an online complaint center in the spirit of Thailand's 1212 OCC.
//!
//! This root package ties the workspace together: it re-exports the crates and owns the
//! top-level `examples/`, `tests/` and `benches/`. Programs that embed OCC depend on
//! [`occ_core`] directly; [`occ_bot`] is the chat bot built on it.

pub use occ_bot;
pub use occ_core;
