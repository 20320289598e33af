//! OCC, an online complaint center in the spirit of Thailand's 1212 OCC.
//!
//! This root package ties the workspace together: it re-exports the crates and owns the
//! top-level `examples/`, `tests/` and `benches/`. Programs that embed OCC depend on
//! [`occ_core`] directly.

pub use occ_core;
