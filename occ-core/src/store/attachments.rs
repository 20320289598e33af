//! The attachment folder: files named by the SHA-256 of their bytes, beside the database.
//!
//! Layout: `attachments/ab/abcdef…` (the first two hex digits as a subfolder, so that no folder
//! grows past a few thousand entries). A file is written to `attachments/tmp/`, fsynced, renamed
//! into place and its folder fsynced, so that a file is either absent or complete after a crash.
//! The same bytes sent twice are stored once.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::StoreError;
use crate::complaint::Attachment;
use crate::text::bounded_line;

pub(crate) struct AttachmentDir {
    root: PathBuf,
    limit: u64,
}

/// Fsyncs a directory, so that the entries created in it survive a power cut.
pub(crate) fn sync_dir(dir: &Path) -> Result<(), StoreError> {
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| StoreError::io(format!("syncing folder {}", dir.display()), e))
}

fn create_dir_synced(dir: &Path) -> Result<(), StoreError> {
    if dir.is_dir() {
        return Ok(());
    }
    fs::create_dir_all(dir)
        .map_err(|e| StoreError::io(format!("creating folder {}", dir.display()), e))?;
    sync_dir(dir)?;
    if let Some(parent) = dir.parent() {
        sync_dir(parent)?;
    }
    Ok(())
}

impl AttachmentDir {
    pub(crate) fn open(root: PathBuf, limit: u64) -> Result<Self, StoreError> {
        create_dir_synced(&root)?;
        let tmp = root.join("tmp");
        create_dir_synced(&tmp)?;
        // Leftovers of writes interrupted by a crash were never acknowledged.
        if let Ok(entries) = fs::read_dir(&tmp) {
            for e in entries.flatten() {
                let _ = fs::remove_file(e.path());
            }
        }
        Ok(Self { root, limit })
    }

    fn path_of(&self, sha256: &str) -> PathBuf {
        self.root.join(&sha256[..2]).join(sha256)
    }

    pub(crate) fn check_size(&self, size: u64) -> Result<(), StoreError> {
        if size == 0 {
            Err(StoreError::AttachmentEmpty)
        } else if size > self.limit {
            Err(StoreError::AttachmentTooLarge {
                size,
                limit: self.limit,
            })
        } else {
            Ok(())
        }
    }

    /// Stores `bytes` durably and describes them. Blocking: call off the async executor.
    pub(crate) fn put(
        &self,
        bytes: &[u8],
        declared_type: Option<&str>,
        original_name: Option<&str>,
    ) -> Result<Attachment, StoreError> {
        self.check_size(bytes.len() as u64)?;
        let sha256 = hex::encode(Sha256::digest(bytes));
        let path = self.path_of(&sha256);
        let already_there = fs::metadata(&path).is_ok_and(|m| m.len() == bytes.len() as u64);
        if !already_there {
            let folder = path.parent().expect("has a parent");
            create_dir_synced(folder)?;
            let tmp = self
                .root
                .join("tmp")
                .join(format!("{sha256}.{}", std::process::id()));
            let write = || -> std::io::Result<()> {
                let mut f = File::create(&tmp)?;
                f.write_all(bytes)?;
                f.sync_all()?;
                fs::rename(&tmp, &path)
            };
            if let Err(e) = write() {
                let _ = fs::remove_file(&tmp);
                return Err(StoreError::io(
                    format!("writing attachment {}", path.display()),
                    e,
                ));
            }
            sync_dir(folder)?;
        }
        Ok(Attachment {
            sha256,
            size: bytes.len() as u64,
            media_type: media_type(bytes, declared_type),
            original_name: original_name.and_then(clean_file_name),
        })
    }

    /// The bytes of an attachment, checked against their digest. Blocking.
    pub(crate) fn get(&self, sha256: &str) -> Result<Option<Vec<u8>>, StoreError> {
        if Attachment::check_digest(sha256).is_err() {
            return Ok(None);
        }
        let path = self.path_of(sha256);
        let bytes = match fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => {
                return Err(StoreError::io(
                    format!("reading attachment {}", path.display()),
                    e,
                ));
            }
        };
        if hex::encode(Sha256::digest(&bytes)) != sha256 {
            return Err(StoreError::Corrupt {
                dir: self.root.clone(),
                detail: format!("attachment {sha256} no longer matches its digest"),
            });
        }
        Ok(Some(bytes))
    }
}

/// The media type of a file: detected from its bytes where they are recognised, else a
/// well-formed declared one, else `application/octet-stream`. The store records the same.
///
/// ```
/// use occ_core::store::media_type;
/// assert_eq!(media_type(b"%PDF-1.4 ...", Some("image/png")), "application/pdf");
/// assert_eq!(media_type(b"hello", Some("text/plain")), "text/plain");
/// assert_eq!(media_type(b"hello", Some("<script>")), "application/octet-stream");
/// ```
pub fn media_type(bytes: &[u8], declared: Option<&str>) -> String {
    if let Some(kind) = infer::get(bytes) {
        return kind.mime_type().to_owned();
    }
    match declared.map(str::trim) {
        Some(t) if is_media_type(t) => t.to_ascii_lowercase(),
        _ => "application/octet-stream".to_owned(),
    }
}

fn is_media_type(t: &str) -> bool {
    let token = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$&-^_.+".contains(&b))
    };
    t.len() <= 100 && t.split_once('/').is_some_and(|(a, b)| token(a) && token(b))
}

/// Keeps only the last path component of a name, on one line, at most 255 characters.
fn clean_file_name(name: &str) -> Option<String> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let cleaned = bounded_line(base, 255).ok()?;
    (cleaned != "." && cleaned != "..").then_some(cleaned)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PNG: &[u8] =
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";

    #[test]
    fn stores_once_detects_types_and_checks_digests() {
        let dir = tempfile::tempdir().unwrap();
        let a = AttachmentDir::open(dir.path().join("attachments"), 1024).unwrap();
        let first = a
            .put(
                PNG,
                Some("application/pdf"),
                Some("C:\\Users\\me\\slip.png"),
            )
            .unwrap();
        assert_eq!(first.media_type, "image/png");
        assert_eq!(first.original_name.as_deref(), Some("slip.png"));
        assert_eq!(first.size, PNG.len() as u64);
        let second = a.put(PNG, None, None).unwrap();
        assert_eq!(second.sha256, first.sha256);
        assert_eq!(a.get(&first.sha256).unwrap().as_deref(), Some(PNG));

        let text = a
            .put(b"hello", Some("Text/Plain"), Some("../../etc/passwd"))
            .unwrap();
        assert_eq!(text.media_type, "text/plain");
        assert_eq!(text.original_name.as_deref(), Some("passwd"));
        let odd = a
            .put(b"hello!", Some("not a type<script>"), Some(".."))
            .unwrap();
        assert_eq!(odd.media_type, "application/octet-stream");
        assert_eq!(odd.original_name, None);

        // A damaged file is reported, not served.
        std::fs::write(a.path_of(&text.sha256), b"jello").unwrap();
        assert!(matches!(
            a.get(&text.sha256),
            Err(StoreError::Corrupt { .. })
        ));
        assert_eq!(a.get(&"0".repeat(64)).unwrap(), None);
        assert_eq!(a.get("../../x").unwrap(), None);
    }

    #[test]
    fn limits() {
        let dir = tempfile::tempdir().unwrap();
        let a = AttachmentDir::open(dir.path().join("att"), 4).unwrap();
        assert!(matches!(
            a.put(b"", None, None),
            Err(StoreError::AttachmentEmpty)
        ));
        let err = a.put(b"12345", None, None).unwrap_err();
        assert!(matches!(
            err,
            StoreError::AttachmentTooLarge { size: 5, limit: 4 }
        ));
        let big = StoreError::AttachmentTooLarge {
            size: 25 * 1024 * 1024,
            limit: 20 * 1024 * 1024,
        };
        assert_eq!(
            big.to_string(),
            "the file is 25 MB; files of at most 20 MB are accepted"
        );
    }
}
