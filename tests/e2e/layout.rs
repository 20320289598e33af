//! Checks that keep the workspace's parts in step with each other.

use std::fs;
use std::path::Path;

use occ::occ_core::Status;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The bot shows statuses with the `status-*` messages; both locales must have one for each.
#[test]
fn every_status_has_a_label_in_both_languages() {
    for lang in ["th", "en"] {
        let text =
            fs::read_to_string(root().join("locales").join(lang).join("status.ftl")).unwrap();
        for s in Status::ALL {
            let id = format!("status-{} =", s.code());
            assert!(
                text.lines().any(|l| l.starts_with(&id)),
                "locales/{lang}/status.ftl lacks {id}"
            );
        }
    }
}

/// Each example opens with what it shows and how to run it.
#[test]
fn examples_say_what_they_show_and_how_to_run_them() {
    for entry in fs::read_dir(root().join("examples")).unwrap() {
        let path = entry.unwrap().path();
        let text = fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with("//! "),
            "{} does not open with a //! summary",
            path.display()
        );
        assert!(
            text.contains("Run with"),
            "{} does not say how to run it",
            path.display()
        );
    }
}
