//! The manifest: what OCC knows about a data directory independently of sled.
//!
//! sled 0.34 does not refuse a damaged log: it recovers up to the first bad checksum, treats the
//! rest as free space and starts writing over it. A store that lost complaints that way must be
//! refused before sled touches it, so OCC keeps `occ-store.json` beside the database:
//!
//! * on a clean close, the length and CRC-32 of every database file; the next open checks them
//!   before it opens sled, so damage done while the store was closed is found with nothing
//!   overwritten;
//! * after each open and at each clean close, how many complaints had been filed and the last
//!   outbox id; after a crash (when sled legitimately replays a torn tail) the store must hold at
//!   least that much, or it is refused as damaged.

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::StoreError;
use super::attachments::sync_dir;

pub(crate) const MANIFEST_FILE: &str = "occ-store.json";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct FileSum {
    pub(crate) len: u64,
    pub(crate) crc32: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Manifest {
    pub(crate) format: u32,
    /// Complaints filed when the store was last opened or cleanly closed.
    pub(crate) filed: u64,
    /// The last outbox id then.
    pub(crate) outbox: u64,
    /// The database files at the last clean close; `None` while the store is open (or after a
    /// crash).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) closed_files: Option<BTreeMap<String, FileSum>>,
}

impl Manifest {
    pub(crate) fn read(dir: &Path) -> Result<Option<Self>, StoreError> {
        let path = dir.join(MANIFEST_FILE);
        match fs::read(&path) {
            Ok(bytes) => {
                serde_json::from_slice(&bytes)
                    .map(Some)
                    .map_err(|e| StoreError::Corrupt {
                        dir: dir.to_owned(),
                        detail: format!("{MANIFEST_FILE} cannot be read: {e}"),
                    })
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(StoreError::io(format!("reading {}", path.display()), e)),
        }
    }

    /// Writes the manifest atomically and durably (temporary file, fsync, rename, fsync folder).
    pub(crate) fn write(&self, dir: &Path) -> Result<(), StoreError> {
        let tmp = dir.join(format!("{MANIFEST_FILE}.tmp"));
        let path = dir.join(MANIFEST_FILE);
        let body = serde_json::to_vec_pretty(self).expect("a manifest serialises");
        let result = File::create(&tmp)
            .and_then(|mut f| {
                f.write_all(&body)?;
                f.sync_all()
            })
            .and_then(|()| fs::rename(&tmp, &path));
        result.map_err(|e| StoreError::io(format!("writing {}", path.display()), e))?;
        sync_dir(dir)
    }
}

/// Every regular file under `sled_dir`, by path relative to it, with its length and CRC-32.
pub(crate) fn sum_files(sled_dir: &Path) -> Result<BTreeMap<String, FileSum>, StoreError> {
    let mut sums = BTreeMap::new();
    let mut pending: Vec<PathBuf> = vec![sled_dir.to_owned()];
    let io = |p: &Path, e| StoreError::io(format!("reading {}", p.display()), e);
    while let Some(d) = pending.pop() {
        for entry in fs::read_dir(&d).map_err(|e| io(&d, e))? {
            let entry = entry.map_err(|e| io(&d, e))?;
            let path = entry.path();
            let kind = entry.file_type().map_err(|e| io(&path, e))?;
            if kind.is_dir() {
                pending.push(path);
            } else if kind.is_file() {
                let rel = path
                    .strip_prefix(sled_dir)
                    .expect("under sled_dir")
                    .to_string_lossy()
                    .into_owned();
                sums.insert(rel, sum_file(&path).map_err(|e| io(&path, e))?);
            }
        }
    }
    Ok(sums)
}

fn sum_file(path: &Path) -> std::io::Result<FileSum> {
    let mut f = File::open(path)?;
    let mut hasher = crc32fast::Hasher::new();
    let mut buf = vec![0u8; 1 << 20];
    let mut len = 0u64;
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        len += n as u64;
    }
    Ok(FileSum {
        len,
        crc32: hasher.finalize(),
    })
}

/// The first difference between the files as closed and as found, in words.
pub(crate) fn first_difference(
    closed: &BTreeMap<String, FileSum>,
    found: &BTreeMap<String, FileSum>,
) -> Option<String> {
    for (name, sum) in closed {
        match found.get(name) {
            None => return Some(format!("database file {name} is missing")),
            Some(f) if f != sum => {
                return Some(format!(
                    "database file {name} changed while the store was closed"
                ));
            }
            Some(_) => {}
        }
    }
    found
        .keys()
        .find(|name| !closed.contains_key(*name))
        .map(|name| format!("database file {name} appeared while the store was closed"))
}
