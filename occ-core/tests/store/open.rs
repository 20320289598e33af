//! Opening a data directory: locking, directories that are not stores, damage, newer formats.

use std::fs;

use occ_core::store::{SledStore, Store, StoreConfig, StoreError};

use crate::util::{complaint_by, open};

#[test]
fn a_second_opener_is_told_the_directory_is_in_use() {
    let dir = tempfile::tempdir().unwrap();
    let _first = open(dir.path());
    let err = SledStore::open(dir.path(), StoreConfig::default()).unwrap_err();
    assert!(matches!(err, StoreError::Locked { .. }), "{err}");
    let msg = err.to_string();
    assert!(msg.contains(&dir.path().display().to_string()), "{msg}");
    assert!(msg.contains("another process"), "{msg}");
}

#[test]
fn the_lock_is_released_on_drop() {
    let dir = tempfile::tempdir().unwrap();
    drop(open(dir.path()));
    drop(open(dir.path()));
}

#[test]
fn a_directory_with_other_files_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("holiday.jpg"), b"not ours").unwrap();
    let err = SledStore::open(dir.path(), StoreConfig::default()).unwrap_err();
    assert!(matches!(err, StoreError::NotAStore { .. }), "{err}");
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["holiday.jpg"]);

    let file = dir.path().join("holiday.jpg");
    assert!(matches!(
        SledStore::open(&file, StoreConfig::default()),
        Err(StoreError::NotAStore { .. })
    ));
}

/// Fills a store with a few complaints and closes it cleanly.
fn closed_store_with_complaints() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    crate::util::runtime().block_on(async {
        let store = open(dir.path());
        for i in 0..5 {
            store
                .file(complaint_by("u", &format!("m{i}")))
                .await
                .unwrap();
        }
    });
    dir
}

#[test]
fn damage_while_closed_is_refused_before_anything_is_written() {
    let dir = closed_store_with_complaints();
    let db = dir.path().join("sled/db");
    let mut bytes = fs::read(&db).unwrap();
    let middle = bytes.len() / 2;
    for b in &mut bytes[middle..middle + 64] {
        *b ^= 0x5a;
    }
    fs::write(&db, &bytes).unwrap();

    let err = SledStore::open(dir.path(), StoreConfig::default()).unwrap_err();
    assert!(matches!(err, StoreError::Corrupt { .. }), "{err}");
    let msg = err.to_string();
    assert!(
        msg.contains(&dir.path().display().to_string()) && msg.contains("import"),
        "{msg}"
    );
    assert_eq!(
        fs::read(&db).unwrap(),
        bytes,
        "the damaged file was left as it was"
    );
    // Refusing again gives the same answer: nothing was marked as repaired.
    assert!(matches!(
        SledStore::open(dir.path(), StoreConfig::default()),
        Err(StoreError::Corrupt { .. })
    ));
}

#[test]
fn a_truncated_or_missing_database_is_refused() {
    let dir = closed_store_with_complaints();
    let db = dir.path().join("sled/db");
    let len = fs::metadata(&db).unwrap().len();
    fs::OpenOptions::new()
        .write(true)
        .open(&db)
        .unwrap()
        .set_len(len / 3)
        .unwrap();
    assert!(matches!(
        SledStore::open(dir.path(), StoreConfig::default()),
        Err(StoreError::Corrupt { .. })
    ));

    let dir = closed_store_with_complaints();
    fs::remove_dir_all(dir.path().join("sled")).unwrap();
    let err = SledStore::open(dir.path(), StoreConfig::default()).unwrap_err();
    assert!(
        err.to_string().contains("database folder is missing"),
        "{err}"
    );
}

/// After a crash there is no clean-close record to compare the files with; the store must then
/// still hold at least what it held when it was opened.
#[test]
fn losing_complaints_across_a_crash_is_refused() {
    let dir = closed_store_with_complaints();
    let manifest_path = dir.path().join("occ-store.json");
    let mut manifest: serde_json::Value =
        serde_json::from_slice(&fs::read(&manifest_path).unwrap()).unwrap();
    assert_eq!(manifest["filed"], 5);
    manifest["filed"] = 6.into();
    manifest.as_object_mut().unwrap().remove("closed_files");
    fs::write(&manifest_path, serde_json::to_vec(&manifest).unwrap()).unwrap();
    let err = SledStore::open(dir.path(), StoreConfig::default()).unwrap_err();
    assert!(
        err.to_string()
            .contains("holds 5 complaints, fewer than the 6"),
        "{err}"
    );
}

#[test]
fn a_store_from_a_newer_occ_is_refused() {
    let dir = closed_store_with_complaints();
    let manifest_path = dir.path().join("occ-store.json");
    let mut manifest: serde_json::Value =
        serde_json::from_slice(&fs::read(&manifest_path).unwrap()).unwrap();
    manifest["format"] = 9.into();
    fs::write(&manifest_path, serde_json::to_vec(&manifest).unwrap()).unwrap();
    let err = SledStore::open(dir.path(), StoreConfig::default()).unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::NewerFormat {
                found: 9,
                supported: 1,
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn a_clean_close_and_reopen_keeps_everything() {
    let dir = closed_store_with_complaints();
    crate::util::runtime().block_on(async {
        let store = open(dir.path());
        assert_eq!(crate::util::all_complaints(&store).await.len(), 5);
    });
}
