//! End-to-end tests across the workspace, in one test binary.

mod embedding;
mod layout;
