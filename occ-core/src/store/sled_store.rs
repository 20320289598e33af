//! The embedded store on sled 0.34.
//!
//! Layout of a data directory:
//!
//! ```text
//! DIR/occ.lock       held (flock) while a process has the store open
//! DIR/sled/          the sled database
//! DIR/attachments/   attachment files named by SHA-256
//! ```
//!
//! sled trees: `complaints` (Issue ID key → complaint record), `by_reporter`, `by_status` and
//! `by_agency` (index keys ending in the Issue ID key, values empty), `idempotency` (platform
//! message → Issue ID key), `counters`, `sequences` (last Issue ID sequence per year, last outbox
//! id), `outbox` (channel, id → notification), `sessions` and `meta`. Every change to a complaint
//! touches its record, indexes, counters and outbox in one sled transaction.

use std::collections::HashSet;
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufRead, Write};
use std::ops::Bound;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use async_trait::async_trait;
use sled::Transactional;
use sled::transaction::{
    ConflictableTransactionError, ConflictableTransactionResult, TransactionError,
    TransactionalTree,
};

use super::attachments::{AttachmentDir, sync_dir};
use super::counters::{CounterKey, Counters};
use super::durability::GroupCommit;
use super::encoding::{decode, encode};
use super::export::{EXPORT_FORMAT, ExportSummary, ImportSummary, Record};
use super::manifest::{MANIFEST_FILE, Manifest, first_difference, sum_files};
use super::{
    DurabilityStats, Filing, Incident, IncidentOutcome, IncidentSummary, NewComplaint,
    Notification, Page, Store, StoreConfig, StoreError, UpdateOutcome,
};
use crate::calendar::buddhist_year;
use crate::catalog::{AgencyCode, Catalog};
use crate::complaint::{Attachment, Channel, Complaint, Identifier, IdentifierKind, UserRef};
use crate::contact::{NationalId, NationalIdDigest, NationalIdKey};
use crate::id::IssueId;
use crate::officers::{AuditEntry, Officer, Subscription, Warning, officer_user};
use crate::stats::{Period, PeriodReport};
use crate::workflow::{
    Actor, Change, Event, EventKind, OfficerId, Status, Update, WorkflowError, apply,
};

/// The newest store format this version reads and the one it creates.
const STORE_FORMAT: u32 = 1;

const TREE_NAMES: [&str; TREES] = [
    "complaints",
    "by_reporter",
    "by_status",
    "by_agency",
    "idempotency",
    "counters",
    "sequences",
    "outbox",
    "by_identifier",
    "incidents",
    "incident_rank",
    "parked",
    "officers",
    "audit",
    "warnings",
    "subscribers",
];
const TREES: usize = 16;
const COMPLAINTS: usize = 0;
const BY_REPORTER: usize = 1;
const BY_STATUS: usize = 2;
const BY_AGENCY: usize = 3;
const IDEMPOTENCY: usize = 4;
const COUNTERS: usize = 5;
const SEQUENCES: usize = 6;
const OUTBOX: usize = 7;
/// Incident key, 0, Issue ID key → nothing.
const BY_IDENTIFIER: usize = 8;
/// Incident key (kind code, 0, value) → [`IncidentRecord`].
const INCIDENTS: usize = 9;
/// (u64::MAX - complaints) big-endian, incident key → nothing: incidents largest first.
const INCIDENT_RANK: usize = 10;
/// Outbox key → (notification, reason) of notifications that could not be delivered.
const PARKED: usize = 11;
/// User key → officer.
const OFFICERS: usize = 12;
/// Sequence (big-endian) → audit entry.
const AUDIT: usize = 13;
/// Warning id (big-endian) → warning.
const WARNINGS: usize = 14;
/// User key → subscription.
const SUBSCRIBERS: usize = 15;

const OUTBOX_SEQ: &[u8] = b"outbox";
const AUDIT_SEQ: &[u8] = b"audit";
const WARNING_SEQ: &[u8] = b"warning";
const LOCK_FILE: &str = "occ.lock";
const SLED_DIR: &str = "sled";
const ATTACHMENTS_DIR: &str = "attachments";

/// The largest session value stored.
const MAX_SESSION_VALUE: usize = 1024 * 1024;
/// The longest session key.
const MAX_SESSION_KEY: usize = 512;

/// The [`Store`] on sled, in a data directory of its own.
///
/// Open it once per process and share it (it is `Send + Sync`; wrap it in an `Arc`). A second
/// process opening the same directory gets [`StoreError::Locked`]. Dropping it closes the store
/// cleanly: the last changes are made durable and the manifest records the closed files.
pub struct SledStore {
    /// `Some` until the store is dropped.
    db: Option<Db>,
    dir: PathBuf,
    catalog: Catalog,
    national_id_key: RwLock<NationalIdKey>,
    attachments: Arc<AttachmentDir>,
    // Released after `drop` has closed everything: only then may another process open it.
    _lock: File,
}

/// The open database.
struct Db {
    // Dropped first: the changes still waiting are made durable while the database is open.
    commit: GroupCommit,
    trees: [sled::Tree; TREES],
    sessions: sled::Tree,
    meta: sled::Tree,
    sled: sled::Db,
}

impl std::fmt::Debug for SledStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SledStore")
            .field("dir", &self.dir)
            .finish_non_exhaustive()
    }
}

impl Db {
    /// Complaints filed and the last outbox id.
    fn high_water(&self) -> Result<(u64, u64), StoreError> {
        let filed = self.trees[COUNTERS]
            .get(CounterKey::Filed.to_string())
            .map_err(backend)?;
        let outbox = self.trees[SEQUENCES].get(OUTBOX_SEQ).map_err(backend)?;
        Ok((
            filed.map_or(0, |v| be_u64(&v)),
            outbox.map_or(0, |v| be_u64(&v)),
        ))
    }
}

impl Drop for SledStore {
    fn drop(&mut self) {
        let Some(db) = self.db.take() else { return };
        let high_water = db.high_water();
        let flushed = db.sled.flush().is_ok();
        // Joins the flusher thread and lets go of sled, which flushes and fsyncs its log.
        drop(db);
        // sled's own background threads may hold the database a moment longer; its files are
        // final only once its lock on them is free.
        let sled_dir = self.dir.join(SLED_DIR);
        let Some(_quiet) = wait_until_unlocked(&sled_dir.join("db"), Duration::from_secs(10))
        else {
            return;
        };
        if let (Ok((filed, outbox)), true) = (high_water, flushed)
            && let Ok(files) = sum_files(&sled_dir)
        {
            let manifest = Manifest {
                format: STORE_FORMAT,
                filed,
                outbox,
                closed_files: Some(files),
            };
            // Without it, the next open treats this close like a crash: still safe.
            let _ = manifest.write(&self.dir);
        }
    }
}

/// Waits until no one holds the lock on `path`, and returns the file holding it now.
fn wait_until_unlocked(path: &Path, patience: Duration) -> Option<File> {
    let file = File::open(path).ok()?;
    let deadline = Instant::now() + patience;
    loop {
        match file.try_lock() {
            Ok(()) => return Some(file),
            Err(fs::TryLockError::WouldBlock) if Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(1));
            }
            Err(_) => return None,
        }
    }
}

type TxResult<T> = ConflictableTransactionResult<T, String>;

/// A new complaint checked and built, waiting for its number.
struct Prepared {
    source_key: Vec<u8>,
    year: u32,
    template: Complaint,
}

fn abort<T>(detail: impl Into<String>) -> TxResult<T> {
    Err(ConflictableTransactionError::Abort(detail.into()))
}

/// The trees of one transaction, by name.
struct Tx<'a>(&'a [TransactionalTree]);

impl Tx<'_> {
    fn tree(&self, i: usize) -> &TransactionalTree {
        &self.0[i]
    }

    fn complaint(&self, id: IssueId) -> TxResult<Option<Complaint>> {
        match self.tree(COMPLAINTS).get(id.to_key())? {
            None => Ok(None),
            Some(bytes) => match decode(&bytes) {
                Ok(c) => Ok(Some(c)),
                Err(e) => abort(format!("complaint {id}: {e}")),
            },
        }
    }

    fn add(&self, tree: usize, key: &[u8], delta: i64) -> TxResult<u64> {
        let t = self.tree(tree);
        let old = t.get(key)?.map_or(0, |v| be_u64(&v));
        let new = old.saturating_add_signed(delta);
        if new == 0 {
            t.remove(key)?;
        } else {
            t.insert(key, &new.to_be_bytes())?;
        }
        Ok(new)
    }

    fn count(&self, key: &CounterKey, delta: i64) -> TxResult<()> {
        self.add(COUNTERS, key.to_string().as_bytes(), delta)
            .map(|_| ())
    }

    /// Writes a complaint that is not yet in the store (filed now, or imported with its whole
    /// timeline), with every index and counter.
    fn insert_new(&self, c: &Complaint) -> TxResult<()> {
        let key = c.id.to_key();
        self.tree(COMPLAINTS).insert(&key, encode(c))?;
        self.tree(BY_REPORTER)
            .insert(index_key(&reporter_prefix(&c.reporter.user), c.id), &[])?;
        self.tree(IDEMPOTENCY).insert(c.source.to_key(), &key)?;
        for i in 0..c.timeline.len() {
            for k in CounterKey::for_event(c, i) {
                self.count(&k, 1)?;
            }
        }
        self.index_identifiers(c, &c.identifiers)?;
        self.index_state(c.id, c.status, &c.agency, 1)
    }

    /// Adds a complaint to the incidents of `identifiers`.
    fn index_identifiers(&self, c: &Complaint, identifiers: &[Identifier]) -> TxResult<()> {
        for i in identifiers
            .iter()
            .filter(|i| i.kind.forms_incidents() && !i.value.contains('\0'))
        {
            let incident = incident_key(i.kind, &i.value);
            let member = index_key(&[&incident[..], &[0]].concat(), c.id);
            if self.tree(BY_IDENTIFIER).get(&member)?.is_some() {
                continue;
            }
            self.tree(BY_IDENTIFIER).insert(member, &[])?;
            let mut record = match self.tree(INCIDENTS).get(&incident)? {
                Some(bytes) => match decode::<IncidentRecord>(&bytes) {
                    Ok(r) => r,
                    Err(e) => return abort(format!("an incident record: {e}")),
                },
                None => IncidentRecord {
                    complaints: 0,
                    first_filed: c.filed_at,
                    last_filed: c.filed_at,
                },
            };
            if record.complaints > 0 {
                self.tree(INCIDENT_RANK)
                    .remove(rank_key(record.complaints, &incident))?;
            }
            record.complaints += 1;
            record.first_filed = record.first_filed.min(c.filed_at);
            record.last_filed = record.last_filed.max(c.filed_at);
            self.tree(INCIDENT_RANK)
                .insert(rank_key(record.complaints, &incident), &[])?;
            self.tree(INCIDENTS).insert(incident, encode(&record))?;
        }
        Ok(())
    }

    /// Adds (`delta` 1) or removes (`delta` -1) the index entries and counters of a state.
    fn index_state(
        &self,
        id: IssueId,
        status: Status,
        agency: &AgencyCode,
        delta: i64,
    ) -> TxResult<()> {
        let status_key = index_key(&[status.as_byte()], id);
        let agency_key = index_key(&agency_prefix(agency), id);
        if delta > 0 {
            self.tree(BY_STATUS).insert(status_key, &[])?;
            self.tree(BY_AGENCY).insert(agency_key, &[])?;
        } else {
            self.tree(BY_STATUS).remove(status_key)?;
            self.tree(BY_AGENCY).remove(agency_key)?;
        }
        self.count(&CounterKey::Status(status), delta)?;
        self.count(&CounterKey::Agency(agency.clone()), delta)
    }

    /// The officer who asked or wrote last, when `event` is the citizen's answer.
    fn officer_to_tell(&self, c: &Complaint, event: &Event) -> TxResult<Option<Officer>> {
        let answer = matches!(event.actor, Actor::Citizen)
            && (matches!(event.kind, EventKind::MessageFromCitizen)
                || matches!(
                    event.kind,
                    EventKind::StatusChanged {
                        from: Status::NeedInfo,
                        ..
                    }
                ));
        if !answer {
            return Ok(None);
        }
        let asked_by = c.timeline[..c.timeline.len() - 1]
            .iter()
            .rev()
            .find_map(|e| match (&e.actor, &e.kind) {
                (
                    Actor::Officer(id),
                    EventKind::MessageToCitizen
                    | EventKind::StatusChanged {
                        to: Status::NeedInfo,
                        ..
                    },
                ) => Some(id.clone()),
                _ => None,
            });
        let Some(user) = asked_by.as_ref().and_then(officer_user) else {
            return Ok(None);
        };
        match self.tree(OFFICERS).get(user.to_key())? {
            None => Ok(None),
            Some(bytes) => match decode(&bytes) {
                Ok(o) => Ok(Some(o)),
                Err(e) => abort(format!("an officer record: {e}")),
            },
        }
    }

    fn enqueue(&self, c: &Complaint, event: &Event) -> TxResult<()> {
        let id = self.add(SEQUENCES, OUTBOX_SEQ, 1)?;
        let n = Notification::for_event(id, c, event.clone());
        self.tree(OUTBOX)
            .insert(outbox_key(n.channel(), id), encode(&n))?;
        Ok(())
    }
}

/// What the store keeps about an incident.
#[derive(serde::Serialize, serde::Deserialize)]
struct IncidentRecord {
    complaints: u64,
    first_filed: jiff::Timestamp,
    last_filed: jiff::Timestamp,
}

fn incident_key(kind: IdentifierKind, value: &str) -> Vec<u8> {
    [kind.code().as_bytes(), &[0], value.as_bytes()].concat()
}

fn rank_key(complaints: u64, incident: &[u8]) -> Vec<u8> {
    [&(u64::MAX - complaints).to_be_bytes()[..], incident].concat()
}

fn parse_incident_key(key: &[u8]) -> Option<(IdentifierKind, String)> {
    let zero = key.iter().position(|&b| b == 0)?;
    let kind = IdentifierKind::from_code(std::str::from_utf8(&key[..zero]).ok()?)?;
    Some((kind, String::from_utf8(key[zero + 1..].to_vec()).ok()?))
}

fn be_u64(bytes: &[u8]) -> u64 {
    let mut buf = [0u8; 8];
    let n = bytes.len().min(8);
    buf[8 - n..].copy_from_slice(&bytes[bytes.len() - n..]);
    u64::from_be_bytes(buf)
}

fn year_key(year_be: u32) -> Vec<u8> {
    format!("year/{year_be}").into_bytes()
}

fn reporter_prefix(user: &UserRef) -> Vec<u8> {
    let mut p = user.to_key();
    p.push(0);
    p
}

fn agency_prefix(agency: &AgencyCode) -> Vec<u8> {
    let mut p = agency.as_str().as_bytes().to_vec();
    p.push(0);
    p
}

fn index_key(prefix: &[u8], id: IssueId) -> Vec<u8> {
    let mut k = prefix.to_vec();
    k.extend_from_slice(&id.to_key());
    k
}

fn outbox_key(channel: &Channel, id: u64) -> Vec<u8> {
    let mut k = channel.as_str().as_bytes().to_vec();
    k.push(0);
    k.extend_from_slice(&id.to_be_bytes());
    k
}

fn backend(e: sled::Error) -> StoreError {
    match e {
        sled::Error::Io(e) => StoreError::io("database I/O", e),
        other => StoreError::Backend(other.to_string()),
    }
}

/// Runs blocking file work on its own thread, so that no async executor thread waits on a disk.
async fn off_executor<T: Send + 'static>(
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T, StoreError> {
    let (tx, rx) = tokio::sync::oneshot::channel();
    std::thread::Builder::new()
        .name("occ-file-io".to_owned())
        .spawn(move || {
            let _ = tx.send(f());
        })
        .map_err(|e| StoreError::io("starting a file I/O thread", e))?;
    rx.await
        .map_err(|_| StoreError::Backend("a file I/O thread stopped".to_owned()))
}

/// What a data directory holds before it is opened.
fn check_dir(dir: &Path) -> Result<(), StoreError> {
    if !dir.exists() {
        fs::create_dir_all(dir)
            .map_err(|e| StoreError::io(format!("creating data directory {}", dir.display()), e))?;
        if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
            sync_dir(parent)?;
        }
        return Ok(());
    }
    if !dir.is_dir() {
        return Err(StoreError::NotAStore {
            dir: dir.to_owned(),
        });
    }
    let mut entries = fs::read_dir(dir)
        .map_err(|e| StoreError::io(format!("reading data directory {}", dir.display()), e))?
        .filter_map(Result::ok)
        .map(|e| e.file_name());
    let empty = entries.next().is_none();
    let ours = [LOCK_FILE, SLED_DIR, MANIFEST_FILE]
        .iter()
        .any(|f| dir.join(f).exists());
    if empty || ours {
        Ok(())
    } else {
        Err(StoreError::NotAStore {
            dir: dir.to_owned(),
        })
    }
}

/// How long a lock that looks held is tried again before the directory is reported in use. A
/// process that spawns another briefly shares its open files with the child (between fork and
/// exec), so a store closed a moment ago can look locked for that moment.
const LOCK_PATIENCE: Duration = Duration::from_millis(1500);

fn lock(dir: &Path) -> Result<File, StoreError> {
    let path = dir.join(LOCK_FILE);
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| StoreError::io(format!("opening {}", path.display()), e))?;
    let deadline = Instant::now() + LOCK_PATIENCE;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(file),
            Err(fs::TryLockError::WouldBlock) if Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(5));
            }
            Err(fs::TryLockError::WouldBlock) => {
                return Err(StoreError::Locked {
                    dir: dir.to_owned(),
                });
            }
            Err(fs::TryLockError::Error(e)) => {
                return Err(StoreError::io(format!("locking {}", path.display()), e));
            }
        }
    }
}

/// Opens sled, trying again for a moment while its own file lock looks held (see
/// [`LOCK_PATIENCE`]; OCC's lock already keeps other processes out).
fn open_sled(dir: &Path, cache: u64) -> Result<sled::Db, StoreError> {
    let deadline = Instant::now() + LOCK_PATIENCE;
    loop {
        match open_sled_once(dir, cache) {
            Err(StoreError::Io { source, .. })
                if source.to_string().contains("could not acquire lock")
                    && Instant::now() < deadline =>
            {
                std::thread::sleep(Duration::from_millis(5));
            }
            other => return other,
        }
    }
}

fn open_sled_once(dir: &Path, cache: u64) -> Result<sled::Db, StoreError> {
    let sled_dir = dir.join(SLED_DIR);
    let corrupt = |detail: String| StoreError::Corrupt {
        dir: dir.to_owned(),
        detail,
    };
    // sled panics on some kinds of damage instead of returning an error.
    let opened = std::panic::catch_unwind(|| {
        sled::Config::new()
            .path(&sled_dir)
            .cache_capacity(cache)
            .open()
    });
    match opened {
        Ok(Ok(db)) => Ok(db),
        Ok(Err(sled::Error::Corruption { .. })) => {
            Err(corrupt("the database log does not check out".to_owned()))
        }
        Ok(Err(sled::Error::Unsupported(m))) => Err(corrupt(m)),
        Ok(Err(sled::Error::ReportableBug(m))) => Err(corrupt(m)),
        Ok(Err(other)) => Err(backend(other)),
        Err(panic) => {
            let msg = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_else(|| "the database could not be read".to_owned());
            Err(corrupt(msg))
        }
    }
}

/// The function group commit runs: sled's flush writes its buffers and calls `sync_file_range`,
/// which does not persist file size or survive a power cut; the fsyncs after it do.
fn sync_fn(db: sled::Db, sled_dir: PathBuf) -> io::Result<super::durability::SyncFn> {
    let log = File::open(sled_dir.join("db"))?;
    let blobs = sled_dir.join("blobs");
    let mut synced_blobs: HashSet<std::ffi::OsString> = HashSet::new();
    Ok(Box::new(move || {
        db.flush().map_err(io::Error::other)?;
        // fdatasync: the data and the size of the file, not its times.
        log.sync_data()?;
        // sled writes values over a quarter of a segment to blob files without fsyncing them.
        if let Ok(entries) = fs::read_dir(&blobs) {
            let mut any = false;
            for e in entries.flatten() {
                if synced_blobs.insert(e.file_name()) {
                    File::open(e.path())?.sync_all()?;
                    any = true;
                }
            }
            if any {
                File::open(&blobs)?.sync_all()?;
            }
        }
        Ok(())
    }))
}

impl SledStore {
    /// Opens the store in `dir`, creating it if the directory is new or empty.
    ///
    /// # Errors
    ///
    /// * [`StoreError::Locked`] when another process has it open;
    /// * [`StoreError::NotAStore`] when `dir` holds other files;
    /// * [`StoreError::Corrupt`] when its files are damaged;
    /// * [`StoreError::NewerFormat`] when a newer OCC wrote it;
    /// * I/O errors.
    ///
    /// In none of these cases is anything in the directory changed.
    pub fn open(dir: impl AsRef<Path>, config: StoreConfig) -> Result<Self, StoreError> {
        let dir = dir.as_ref().to_path_buf();
        check_dir(&dir)?;
        let lock = lock(&dir)?;
        let sled_dir = dir.join(SLED_DIR);
        let corrupt = |detail: String| StoreError::Corrupt {
            dir: dir.clone(),
            detail,
        };

        // Checked before sled opens the files, because sled writes over what it cannot read.
        let manifest = Manifest::read(&dir)?;
        let fresh = !sled_dir.exists();
        match (&manifest, fresh) {
            (Some(_), true) => {
                return Err(corrupt(format!(
                    "{MANIFEST_FILE} is there but the database folder is missing"
                )));
            }
            (Some(Manifest { format, .. }), _) if *format > STORE_FORMAT => {
                return Err(StoreError::NewerFormat {
                    dir,
                    found: *format,
                    supported: STORE_FORMAT,
                });
            }
            (
                Some(
                    m @ Manifest {
                        closed_files: Some(closed),
                        ..
                    },
                ),
                false,
            ) => {
                if let Some(difference) = first_difference(closed, &sum_files(&sled_dir)?) {
                    return Err(corrupt(difference));
                }
                // sled rewrites its snapshot as it opens: from here on the files may change, and
                // a crash must not leave a clean-close record to compare them with.
                let opening = Manifest {
                    closed_files: None,
                    ..m.clone()
                };
                opening.write(&dir)?;
            }
            _ => {}
        }

        let sled = open_sled(&dir, config.cache_capacity_bytes)?;
        let open_tree = |name: &str| sled.open_tree(name).map_err(backend);
        let mut opened = Vec::with_capacity(TREES);
        for name in TREE_NAMES {
            opened.push(open_tree(name)?);
        }
        let trees: [sled::Tree; TREES] = opened.try_into().expect("one tree per name");
        let sessions = open_tree("sessions")?;
        let meta = open_tree("meta")?;

        let national_id_key = match (meta.get("format").map_err(backend)?, &manifest) {
            (Some(v), _) => {
                let found = be_u64(&v) as u32;
                if found > STORE_FORMAT {
                    return Err(StoreError::NewerFormat {
                        dir,
                        found,
                        supported: STORE_FORMAT,
                    });
                }
                let key = meta.get("national_id_key").map_err(backend)?;
                let bytes: [u8; 32] = key
                    .as_deref()
                    .and_then(|k| k.try_into().ok())
                    .ok_or_else(|| corrupt("its national ID key is missing".to_owned()))?;
                NationalIdKey::from_bytes(bytes)
            }
            // A new store, or one whose creation was interrupted before anything was filed.
            (None, None) if trees.iter().all(sled::Tree::is_empty) => {
                let key = NationalIdKey::generate()
                    .map_err(|e| StoreError::Backend(format!("no random numbers: {e}")))?;
                meta.insert("national_id_key", key.as_bytes())
                    .map_err(backend)?;
                meta.insert("format", &u64::from(STORE_FORMAT).to_be_bytes())
                    .map_err(backend)?;
                key
            }
            (None, _) => return Err(corrupt("its format record is missing".to_owned())),
        };

        let attachments = Arc::new(AttachmentDir::open(
            dir.join(ATTACHMENTS_DIR),
            config.attachment_limit_bytes,
        )?);
        let mut sync = sync_fn(sled.clone(), sled_dir.clone())
            .map_err(|e| StoreError::io("opening the database log", e))?;
        sync().map_err(|e| StoreError::Durability(e.to_string()))?;
        if fresh {
            // A new store's files and folders must survive a power cut before anyone is told
            // anything that lives in them.
            for entry in fs::read_dir(&sled_dir)
                .map_err(|e| StoreError::io("listing the database", e))?
                .flatten()
            {
                if entry.path().is_file() {
                    File::open(entry.path())
                        .and_then(|f| f.sync_all())
                        .map_err(|e| StoreError::io("syncing the database", e))?;
                }
            }
            sync_dir(&sled_dir)?;
            sync_dir(&dir)?;
        }
        let commit = GroupCommit::start(sync)
            .map_err(|e| StoreError::io("starting the flusher thread", e))?;
        let db = Db {
            commit,
            trees,
            sessions,
            meta,
            sled,
        };

        // After a crash sled replays what reached the disk; it must not be less than what the
        // store held when it was last opened or closed.
        let (filed, outbox) = db.high_water()?;
        if let Some(m) = &manifest {
            if filed < m.filed {
                return Err(corrupt(format!(
                    "it holds {filed} complaints, fewer than the {} it held before",
                    m.filed
                )));
            }
            if outbox < m.outbox {
                return Err(corrupt("its outbox is behind where it was".to_owned()));
            }
        }
        // From now on the files change: the next open must not compare them with a clean close.
        Manifest {
            format: STORE_FORMAT,
            filed,
            outbox,
            closed_files: None,
        }
        .write(&dir)?;

        Ok(Self {
            db: Some(db),
            dir,
            catalog: config.catalog,
            national_id_key: RwLock::new(national_id_key),
            attachments,
            _lock: lock,
        })
    }

    fn db(&self) -> &Db {
        self.db
            .as_ref()
            .expect("a SledStore is open until it is dropped")
    }

    /// The data directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn transaction<T>(&self, f: impl Fn(&Tx<'_>) -> TxResult<T>) -> Result<T, StoreError> {
        self.db().trees[..]
            .transaction(|views| f(&Tx(views)))
            .map_err(|e| match e {
                TransactionError::Abort(detail) => StoreError::Corrupt {
                    dir: self.dir.clone(),
                    detail,
                },
                TransactionError::Storage(e) => backend(e),
            })
    }

    fn decode_complaint(&self, id: IssueId, bytes: &[u8]) -> Result<Complaint, StoreError> {
        decode(bytes).map_err(|e| StoreError::Corrupt {
            dir: self.dir.clone(),
            detail: format!("complaint {id}: {e}"),
        })
    }

    /// Checks a new complaint and builds it (identifiers found) before any transaction, which
    /// only gives it its number: sled transactions run one at a time and may be retried.
    fn prepare(&self, new: NewComplaint) -> Result<Prepared, StoreError> {
        self.catalog.check_codes(&new.category, &new.subcategory)?;
        if new.reporter.user.channel != new.source.channel {
            return Err(StoreError::Invalid(
                "the reporter's channel is not the channel the complaint came from",
            ));
        }
        let source_key = new.source.to_key();
        let year = buddhist_year(new.received_at);
        let placeholder = IssueId::new(year, 1)
            .map_err(|_| StoreError::Invalid("the filing year is out of range"))?;
        let template = new.into_complaint(placeholder, self.catalog.screening_desk().clone());
        Ok(Prepared {
            source_key,
            year,
            template,
        })
    }

    /// Files a prepared complaint inside a transaction: the complaint with its number, or the
    /// Issue ID its source was filed under before.
    fn file_in(tx: &Tx<'_>, p: &Prepared) -> TxResult<Result<Complaint, IssueId>> {
        if let Some(existing) = tx.tree(IDEMPOTENCY).get(&p.source_key)? {
            return match IssueId::from_key(&existing) {
                Some(id) => Ok(Err(id)),
                None => abort("a bad idempotency record"),
            };
        }
        let seq = tx.add(SEQUENCES, &year_key(p.year), 1)?;
        let Some(id) = u32::try_from(seq)
            .ok()
            .and_then(|s| IssueId::new(p.year, s).ok())
        else {
            return abort(format!("no Issue ID is left for year {}", p.year));
        };
        let mut complaint = p.template.clone();
        complaint.id = id;
        tx.insert_new(&complaint)?;
        Ok(Ok(complaint))
    }

    /// What filing told: the new complaint, or the one filed before from the same source.
    fn filing(&self, outcome: Result<Complaint, IssueId>) -> Result<Filing, StoreError> {
        match outcome {
            Ok(complaint) => Ok(Filing {
                complaint,
                is_new: true,
            }),
            Err(id) => {
                let complaint = self.get_now(id)?.ok_or_else(|| StoreError::Corrupt {
                    dir: self.dir.clone(),
                    detail: format!("the idempotency index names {id}, which is missing"),
                })?;
                Ok(Filing {
                    complaint,
                    is_new: false,
                })
            }
        }
    }

    fn get_now(&self, id: IssueId) -> Result<Option<Complaint>, StoreError> {
        match self.db().trees[COMPLAINTS]
            .get(id.to_key())
            .map_err(backend)?
        {
            None => Ok(None),
            Some(bytes) => self.decode_complaint(id, &bytes).map(Some),
        }
    }

    /// The complaints of an index whose keys are `prefix` followed by an Issue ID key.
    fn list(
        &self,
        index: usize,
        prefix: &[u8],
        page: Page,
        newest_first: bool,
    ) -> Result<Vec<Complaint>, StoreError> {
        let tree = &self.db().trees[index];
        let after = page.after.map(|id| index_key(prefix, id));
        let iter: Box<dyn Iterator<Item = sled::Result<(sled::IVec, sled::IVec)>>> =
            match (newest_first, after) {
                (false, None) => Box::new(tree.scan_prefix(prefix)),
                (false, Some(a)) => Box::new(tree.range((Bound::Excluded(a), Bound::Unbounded))),
                (true, None) => Box::new(tree.scan_prefix(prefix).rev()),
                (true, Some(a)) => Box::new(
                    tree.range((Bound::Included(prefix.to_vec()), Bound::Excluded(a)))
                        .rev(),
                ),
            };
        let mut out = Vec::with_capacity(page.limit.min(100));
        for item in iter {
            if out.len() >= page.limit {
                break;
            }
            let (key, _) = item.map_err(backend)?;
            if !key.starts_with(prefix) {
                break;
            }
            let id =
                IssueId::from_key(&key[prefix.len()..]).ok_or_else(|| StoreError::Corrupt {
                    dir: self.dir.clone(),
                    detail: "a bad index key".to_owned(),
                })?;
            let c = self.get_now(id)?.ok_or_else(|| StoreError::Corrupt {
                dir: self.dir.clone(),
                detail: format!("the index names {id}, which is missing"),
            })?;
            out.push(c);
        }
        Ok(out)
    }

    /// Applies an update in one transaction, without waiting for it to be durable.
    fn update_now(&self, id: IssueId, update: &Update) -> Result<UpdateOutcome, StoreError> {
        self.transaction(|tx| {
            let Some(mut c) = tx.complaint(id)? else {
                return Ok(UpdateOutcome::NotFound);
            };
            if let Change::MarkDuplicate { of } = &update.change
                && tx.tree(COMPLAINTS).get(of.to_key())?.is_none()
            {
                return Ok(UpdateOutcome::Refused(WorkflowError::BadDuplicate(*of)));
            }
            let (old_status, old_agency, old_identifiers) =
                (c.status, c.agency.clone(), c.identifiers.len());
            let event = match apply(&mut c, update, &self.catalog) {
                Ok(e) => e,
                Err(refusal) => return Ok(UpdateOutcome::Refused(refusal)),
            };
            tx.tree(COMPLAINTS).insert(&id.to_key(), encode(&c))?;
            if old_status != c.status || old_agency != c.agency {
                tx.index_state(id, old_status, &old_agency, -1)?;
                tx.index_state(id, c.status, &c.agency, 1)?;
            }
            for k in CounterKey::for_event(&c, c.timeline.len() - 1) {
                tx.count(&k, 1)?;
            }
            // Evidence links may bring identifiers the complaint did not have.
            tx.index_identifiers(&c, &c.identifiers[old_identifiers..])?;
            if event.notifies_citizen() {
                tx.enqueue(&c, &event)?;
            }
            // A citizen answering an officer: the officer is told.
            if let Some(officer) = tx.officer_to_tell(&c, &event)? {
                let id = tx.add(SEQUENCES, OUTBOX_SEQ, 1)?;
                let n = Notification::to_officer(id, &officer, c.id, event.clone());
                tx.tree(OUTBOX)
                    .insert(outbox_key(n.channel(), id), encode(&n))?;
            }
            Ok(UpdateOutcome::Applied(Box::new(c)))
        })
    }

    fn incident_record(&self, incident: &[u8]) -> Result<Option<IncidentRecord>, StoreError> {
        match self.db().trees[INCIDENTS].get(incident).map_err(backend)? {
            None => Ok(None),
            Some(bytes) => decode(&bytes).map(Some).map_err(|e| StoreError::Corrupt {
                dir: self.dir.clone(),
                detail: format!("an incident record: {e}"),
            }),
        }
    }

    fn incident_members(&self, incident: &[u8]) -> Result<Vec<IssueId>, StoreError> {
        let prefix = [incident, &[0]].concat();
        let mut ids = Vec::new();
        for item in self.db().trees[BY_IDENTIFIER].scan_prefix(&prefix) {
            let (key, _) = item.map_err(backend)?;
            ids.push(IssueId::from_key(&key[prefix.len()..]).ok_or_else(|| {
                StoreError::Corrupt {
                    dir: self.dir.clone(),
                    detail: "a bad incident index key".to_owned(),
                }
            })?);
        }
        Ok(ids)
    }

    fn summary(kind: IdentifierKind, value: String, r: &IncidentRecord) -> IncidentSummary {
        IncidentSummary {
            kind,
            value,
            complaints: r.complaints,
            first_filed: r.first_filed,
            last_filed: r.last_filed,
        }
    }

    /// Makes sure the next outbox id comes after `id` (for imports).
    fn raise_outbox_seq(&self, id: u64) -> Result<(), StoreError> {
        let seqs = &self.db().trees[SEQUENCES];
        let last = seqs
            .get(OUTBOX_SEQ)
            .map_err(backend)?
            .map_or(0, |v| be_u64(&v));
        if id > last {
            seqs.insert(OUTBOX_SEQ, &id.to_be_bytes())
                .map_err(backend)?;
        }
        Ok(())
    }

    fn decode_record<T: serde::de::DeserializeOwned>(
        &self,
        bytes: &[u8],
        what: &str,
    ) -> Result<T, StoreError> {
        decode(bytes).map_err(|e| StoreError::Corrupt {
            dir: self.dir.clone(),
            detail: format!("{what}: {e}"),
        })
    }

    /// Writes `user`'s record in `tree` (officers, subscribers), durably.
    async fn put_for<T: serde::Serialize>(
        &self,
        tree: usize,
        user: &UserRef,
        value: &T,
    ) -> Result<(), StoreError> {
        self.db().trees[tree]
            .insert(user.to_key(), encode(value))
            .map_err(backend)?;
        self.db().commit.wait().await
    }

    /// Removes `user`'s record from `tree`, durably; false if there was none.
    async fn remove_for(&self, tree: usize, user: &UserRef) -> Result<bool, StoreError> {
        let removed = self.db().trees[tree]
            .remove(user.to_key())
            .map_err(backend)?
            .is_some();
        if removed {
            self.db().commit.wait().await?;
        }
        Ok(removed)
    }

    /// `user`'s record in `tree`.
    fn get_for<T: serde::de::DeserializeOwned>(
        &self,
        tree: usize,
        user: &UserRef,
        what: &str,
    ) -> Result<Option<T>, StoreError> {
        self.db().trees[tree]
            .get(user.to_key())
            .map_err(backend)?
            .map(|b| self.decode_record(&b, what))
            .transpose()
    }

    /// Every record of a tree, in key order.
    fn all<T: serde::de::DeserializeOwned>(
        &self,
        tree: usize,
        what: &str,
    ) -> Result<Vec<T>, StoreError> {
        let mut out = Vec::new();
        for item in self.db().trees[tree].iter() {
            let (_, v) = item.map_err(backend)?;
            out.push(self.decode_record(&v, what)?);
        }
        Ok(out)
    }

    fn is_empty(&self) -> bool {
        self.db().trees.iter().all(sled::Tree::is_empty) && self.db().sessions.is_empty()
    }

    fn clear_all(&self) -> Result<(), StoreError> {
        let db = self.db();
        for t in db.trees.iter().chain([&db.sessions]) {
            t.clear().map_err(backend)?;
        }
        Ok(())
    }

    fn import_lines(&self, input: &mut (dyn BufRead + Send)) -> Result<ImportSummary, StoreError> {
        let mut summary = ImportSummary::default();
        let mut line_no = 0u64;
        let mut line = String::new();
        let bad = |line: u64, reason: String| StoreError::Import { line, reason };
        loop {
            line.clear();
            let n = input
                .read_line(&mut line)
                .map_err(|e| StoreError::io("reading the import", e))?;
            if n == 0 {
                break;
            }
            line_no += 1;
            if line.trim().is_empty() {
                continue;
            }
            let record: Record =
                serde_json::from_str(&line).map_err(|e| bad(line_no, e.to_string()))?;
            match record {
                Record::Header {
                    format,
                    national_id_key,
                } => {
                    if line_no != 1 {
                        return Err(bad(
                            line_no,
                            "a header may only be the first line".to_owned(),
                        ));
                    }
                    if format != EXPORT_FORMAT {
                        return Err(bad(
                            line_no,
                            format!("export format {format} is not {EXPORT_FORMAT}"),
                        ));
                    }
                    let bytes: [u8; 32] = hex::decode(&national_id_key)
                        .ok()
                        .and_then(|b| b.try_into().ok())
                        .ok_or_else(|| {
                            bad(line_no, "national_id_key is not 64 hex digits".to_owned())
                        })?;
                    let key = NationalIdKey::from_bytes(bytes);
                    self.db()
                        .meta
                        .insert("national_id_key", key.as_bytes())
                        .map_err(backend)?;
                    *self
                        .national_id_key
                        .write()
                        .unwrap_or_else(|p| p.into_inner()) = key;
                }
                _ if line_no == 1 => {
                    return Err(bad(
                        1,
                        "the first line must be the export header".to_owned(),
                    ));
                }
                Record::Complaint(c) => {
                    let clash = self.transaction(|tx| {
                        if tx.tree(COMPLAINTS).get(c.id.to_key())?.is_some() {
                            return Ok(Some(format!("{} appears twice", c.id)));
                        }
                        if tx.tree(IDEMPOTENCY).get(c.source.to_key())?.is_some() {
                            return Ok(Some(format!(
                                "{} has the source message of an earlier complaint",
                                c.id
                            )));
                        }
                        tx.insert_new(&c)?;
                        let year = year_key(c.id.year_be());
                        let last = tx.tree(SEQUENCES).get(&year)?.map_or(0, |v| be_u64(&v));
                        if u64::from(c.id.seq()) > last {
                            tx.tree(SEQUENCES)
                                .insert(year, &u64::from(c.id.seq()).to_be_bytes())?;
                        }
                        Ok(None)
                    })?;
                    if let Some(reason) = clash {
                        return Err(bad(line_no, reason));
                    }
                    summary.complaints += 1;
                }
                Record::Notification(n) => {
                    let key = outbox_key(n.channel(), n.id);
                    self.db().trees[OUTBOX]
                        .insert(key, encode(&n))
                        .map_err(backend)?;
                    self.raise_outbox_seq(n.id)?;
                    summary.notifications += 1;
                }
                Record::Parked {
                    notification,
                    reason,
                } => {
                    let key = outbox_key(notification.channel(), notification.id);
                    self.raise_outbox_seq(notification.id)?;
                    self.db().trees[PARKED]
                        .insert(key, encode(&(notification, reason)))
                        .map_err(backend)?;
                    summary.parked += 1;
                }
                Record::Officer(o) => {
                    self.db().trees[OFFICERS]
                        .insert(o.user.to_key(), encode(&o))
                        .map_err(backend)?;
                    summary.officers += 1;
                }
                Record::Warning(w) => {
                    self.db().trees[WARNINGS]
                        .insert(w.id.to_be_bytes(), encode(&w))
                        .map_err(backend)?;
                    let seqs = &self.db().trees[SEQUENCES];
                    let last = seqs
                        .get(WARNING_SEQ)
                        .map_err(backend)?
                        .map_or(0, |v| be_u64(&v));
                    if w.id > last {
                        seqs.insert(WARNING_SEQ, &w.id.to_be_bytes())
                            .map_err(backend)?;
                    }
                }
                Record::Subscription(sub) => {
                    self.db().trees[SUBSCRIBERS]
                        .insert(sub.user.to_key(), encode(&sub))
                        .map_err(backend)?;
                }
                Record::Audit(entry) => {
                    let seqs = &self.db().trees[SEQUENCES];
                    let seq = seqs
                        .get(AUDIT_SEQ)
                        .map_err(backend)?
                        .map_or(0, |v| be_u64(&v))
                        + 1;
                    seqs.insert(AUDIT_SEQ, &seq.to_be_bytes())
                        .map_err(backend)?;
                    self.db().trees[AUDIT]
                        .insert(seq.to_be_bytes(), encode(&entry))
                        .map_err(backend)?;
                }
                Record::Session { key, value } => {
                    self.db()
                        .sessions
                        .insert(key.as_bytes(), value)
                        .map_err(backend)?;
                    summary.sessions += 1;
                }
            }
        }
        if line_no == 0 {
            return Err(bad(
                1,
                "the import is empty; an export starts with a header line".to_owned(),
            ));
        }
        Ok(summary)
    }
}

#[async_trait]
impl Store for SledStore {
    fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    fn national_id_digest(&self, id: &NationalId) -> NationalIdDigest {
        self.national_id_key
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .digest(id)
    }

    async fn file(&self, new: NewComplaint) -> Result<Filing, StoreError> {
        let prepared = self.prepare(new)?;
        let outcome = self.transaction(|tx| Self::file_in(tx, &prepared))?;
        let filing = self.filing(outcome)?;
        // Also for a repeated filing: the first one may not be durable yet.
        self.db().commit.wait().await?;
        Ok(filing)
    }

    async fn file_many(&self, news: Vec<NewComplaint>) -> Result<Vec<Filing>, StoreError> {
        let prepared = news
            .into_iter()
            .map(|new| self.prepare(new))
            .collect::<Result<Vec<_>, _>>()?;
        // One transaction for the batch: all of it is filed, or none. (One per complaint is
        // most of the cost of filing one by one.)
        let outcomes = self.transaction(|tx| {
            prepared
                .iter()
                .map(|p| Self::file_in(tx, p))
                .collect::<TxResult<Vec<_>>>()
        })?;
        let filings = outcomes
            .into_iter()
            .map(|o| self.filing(o))
            .collect::<Result<Vec<_>, _>>()?;
        self.db().commit.wait().await?;
        Ok(filings)
    }

    async fn get(&self, id: IssueId) -> Result<Option<Complaint>, StoreError> {
        self.get_now(id)
    }

    async fn status(&self, id: IssueId) -> Result<Option<super::StatusSummary>, StoreError> {
        /// The fields of a stored complaint a summary needs; the others are skipped unread.
        #[derive(serde::Deserialize)]
        struct Head {
            id: IssueId,
            filed_at: jiff::Timestamp,
            reporter: ReporterHead,
            agency: AgencyCode,
            status: Status,
            timeline: Vec<EventHead>,
        }
        #[derive(serde::Deserialize)]
        struct ReporterHead {
            user: UserRef,
        }
        #[derive(serde::Deserialize)]
        struct EventHead {
            at: jiff::Timestamp,
        }
        let Some(bytes) = self.db().trees[COMPLAINTS]
            .get(id.to_key())
            .map_err(backend)?
        else {
            return Ok(None);
        };
        let head: Head = self.decode_record(&bytes, &format!("complaint {id}"))?;
        Ok(Some(super::StatusSummary {
            id: head.id,
            reporter: head.reporter.user,
            filed_at: head.filed_at,
            status: head.status,
            agency: head.agency,
            changed_at: head.timeline.last().map_or(head.filed_at, |e| e.at),
        }))
    }

    async fn update(&self, id: IssueId, update: Update) -> Result<UpdateOutcome, StoreError> {
        let outcome = self.update_now(id, &update)?;
        if let UpdateOutcome::Applied(_) = outcome {
            self.db().commit.wait().await?;
        }
        Ok(outcome)
    }

    async fn by_reporter(&self, user: &UserRef, page: Page) -> Result<Vec<Complaint>, StoreError> {
        self.list(BY_REPORTER, &reporter_prefix(user), page, true)
    }

    async fn by_status(&self, status: Status, page: Page) -> Result<Vec<Complaint>, StoreError> {
        self.list(BY_STATUS, &[status.as_byte()], page, false)
    }

    async fn by_agency(
        &self,
        agency: &AgencyCode,
        page: Page,
    ) -> Result<Vec<Complaint>, StoreError> {
        self.list(BY_AGENCY, &agency_prefix(agency), page, false)
    }

    async fn report(&self, period: Period) -> Result<PeriodReport, StoreError> {
        // Day counters sort by day: one range covers the period and the one before.
        let from = format!("day/{}", period.previous().first);
        let to = format!("day/{}\u{7f}", period.last);
        let mut counters = Vec::new();
        for item in self.db().trees[COUNTERS].range(from.as_bytes()..to.as_bytes()) {
            let (k, v) = item.map_err(backend)?;
            if let Some(key) = std::str::from_utf8(&k).ok().and_then(CounterKey::parse) {
                counters.push((key, be_u64(&v)));
            }
        }
        Ok(PeriodReport::from_counters(
            period,
            counters.iter().map(|(k, v)| (k, *v)),
        ))
    }

    async fn incidents(&self, limit: usize) -> Result<Vec<IncidentSummary>, StoreError> {
        let mut out = Vec::new();
        for item in self.db().trees[INCIDENT_RANK].iter() {
            if out.len() >= limit {
                break;
            }
            let (key, _) = item.map_err(backend)?;
            let bad = || StoreError::Corrupt {
                dir: self.dir.clone(),
                detail: "a bad incident rank key".to_owned(),
            };
            let complaints = u64::MAX - be_u64(key.get(..8).ok_or_else(bad)?);
            if complaints < 2 {
                break; // Ranked largest first: the rest are single complaints.
            }
            let (kind, value) = parse_incident_key(&key[8..]).ok_or_else(bad)?;
            if let Some(record) = self.incident_record(&key[8..])? {
                out.push(Self::summary(kind, value, &record));
            }
        }
        Ok(out)
    }

    async fn incident(
        &self,
        kind: IdentifierKind,
        value: &str,
    ) -> Result<Option<Incident>, StoreError> {
        let key = incident_key(kind, value);
        let Some(record) = self.incident_record(&key)? else {
            return Ok(None);
        };
        let complaints = self.incident_members(&key)?;
        let mut by_agency = std::collections::BTreeMap::new();
        let mut open = 0;
        for id in &complaints {
            if let Some(c) = self.get_now(*id)? {
                *by_agency.entry(c.agency).or_insert(0u64) += 1;
                open += u64::from(c.status.is_open());
            }
        }
        Ok(Some(Incident {
            summary: Self::summary(kind, value.to_owned(), &record),
            complaints,
            by_agency,
            open,
        }))
    }

    async fn incidents_of(&self, id: IssueId) -> Result<Vec<IncidentSummary>, StoreError> {
        let Some(c) = self.get_now(id)? else {
            return Ok(Vec::new());
        };
        let mut out = Vec::new();
        for i in c.identifiers.iter().filter(|i| i.kind.forms_incidents()) {
            if let Some(record) = self.incident_record(&incident_key(i.kind, &i.value))?
                && record.complaints >= 2
            {
                out.push(Self::summary(i.kind, i.value.clone(), &record));
            }
        }
        out.sort_by_key(|s| std::cmp::Reverse(s.complaints));
        Ok(out)
    }

    async fn update_incident(
        &self,
        kind: IdentifierKind,
        value: &str,
        update: Update,
    ) -> Result<IncidentOutcome, StoreError> {
        let mut outcome = IncidentOutcome::default();
        for id in self.incident_members(&incident_key(kind, value))? {
            match self.update_now(id, &update)? {
                UpdateOutcome::Applied(_) => outcome.applied.push(id),
                UpdateOutcome::Refused(why) => outcome.refused.push((id, why)),
                UpdateOutcome::NotFound => {}
            }
        }
        if !outcome.applied.is_empty() {
            self.db().commit.wait().await?;
        }
        Ok(outcome)
    }

    async fn counters(&self) -> Result<Counters, StoreError> {
        let mut counters = Counters::default();
        for item in self.db().trees[COUNTERS].iter() {
            let (k, v) = item.map_err(backend)?;
            let key = std::str::from_utf8(&k)
                .ok()
                .and_then(CounterKey::parse)
                .ok_or_else(|| StoreError::Corrupt {
                    dir: self.dir.clone(),
                    detail: "a counter with a bad name".to_owned(),
                })?;
            counters.insert(key, be_u64(&v));
        }
        Ok(counters)
    }

    async fn pending_notifications(
        &self,
        channel: &Channel,
        limit: usize,
    ) -> Result<Vec<Notification>, StoreError> {
        let mut prefix = channel.as_str().as_bytes().to_vec();
        prefix.push(0);
        let mut out = Vec::new();
        for item in self.db().trees[OUTBOX].scan_prefix(&prefix).take(limit) {
            let (_, v) = item.map_err(backend)?;
            out.push(decode(&v).map_err(|e| StoreError::Corrupt {
                dir: self.dir.clone(),
                detail: format!("a notification: {e}"),
            })?);
        }
        Ok(out)
    }

    async fn ack_notification(&self, channel: &Channel, id: u64) -> Result<bool, StoreError> {
        let removed = self.db().trees[OUTBOX]
            .remove(outbox_key(channel, id))
            .map_err(backend)?
            .is_some();
        if removed {
            self.db().commit.wait().await?;
        }
        Ok(removed)
    }

    async fn park_notification(
        &self,
        channel: &Channel,
        id: u64,
        reason: &str,
    ) -> Result<bool, StoreError> {
        let key = outbox_key(channel, id);
        let moved = self.transaction(|tx| {
            let Some(bytes) = tx.tree(OUTBOX).remove(key.as_slice())? else {
                return Ok(false);
            };
            let n: Notification = match decode(&bytes) {
                Ok(n) => n,
                Err(e) => return abort(format!("a notification: {e}")),
            };
            tx.tree(PARKED)
                .insert(key.as_slice(), encode(&(n, reason.to_owned())))?;
            Ok(true)
        })?;
        if moved {
            self.db().commit.wait().await?;
        }
        Ok(moved)
    }

    async fn parked_notifications(
        &self,
        limit: usize,
    ) -> Result<Vec<(Notification, String)>, StoreError> {
        let mut out = Vec::new();
        for item in self.db().trees[PARKED].iter().take(limit) {
            let (_, v) = item.map_err(backend)?;
            out.push(decode(&v).map_err(|e| StoreError::Corrupt {
                dir: self.dir.clone(),
                detail: format!("a parked notification: {e}"),
            })?);
        }
        out.sort_by_key(|(n, _): &(Notification, String)| n.id);
        Ok(out)
    }

    async fn session(&self, key: &str) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(self
            .db()
            .sessions
            .get(key.as_bytes())
            .map_err(backend)?
            .map(|v| v.to_vec()))
    }

    async fn put_session(&self, key: &str, value: &[u8]) -> Result<(), StoreError> {
        if key.is_empty() || key.len() > MAX_SESSION_KEY || value.len() > MAX_SESSION_VALUE {
            return Err(StoreError::SessionTooLarge);
        }
        self.db()
            .sessions
            .insert(key.as_bytes(), value)
            .map_err(backend)?;
        self.db().commit.wait().await
    }

    async fn delete_session(&self, key: &str) -> Result<(), StoreError> {
        if self
            .db()
            .sessions
            .remove(key.as_bytes())
            .map_err(backend)?
            .is_some()
        {
            self.db().commit.wait().await?;
        }
        Ok(())
    }

    async fn put_attachment(
        &self,
        bytes: Vec<u8>,
        declared_type: Option<&str>,
        original_name: Option<&str>,
    ) -> Result<Attachment, StoreError> {
        self.attachments.check_size(bytes.len() as u64)?;
        let dir = Arc::clone(&self.attachments);
        let declared = declared_type.map(str::to_owned);
        let name = original_name.map(str::to_owned);
        off_executor(move || dir.put(&bytes, declared.as_deref(), name.as_deref())).await?
    }

    async fn attachment(&self, sha256: &str) -> Result<Option<Vec<u8>>, StoreError> {
        let dir = Arc::clone(&self.attachments);
        let sha = sha256.to_owned();
        off_executor(move || dir.get(&sha)).await?
    }

    async fn export(&self, out: &mut (dyn Write + Send)) -> Result<ExportSummary, StoreError> {
        let write_err = |e: io::Error| StoreError::io("writing the export", e);
        let mut write = |record: &Record| -> Result<(), StoreError> {
            serde_json::to_writer(&mut *out, record).map_err(|e| write_err(e.into()))?;
            out.write_all(b"\n").map_err(write_err)
        };
        let key = hex::encode(
            self.national_id_key
                .read()
                .unwrap_or_else(|p| p.into_inner())
                .as_bytes(),
        );
        write(&Record::Header {
            format: EXPORT_FORMAT,
            national_id_key: key,
        })?;
        let mut summary = ExportSummary::default();
        for item in self.db().trees[COMPLAINTS].iter() {
            let (k, v) = item.map_err(backend)?;
            let id = IssueId::from_key(&k).ok_or_else(|| StoreError::Corrupt {
                dir: self.dir.clone(),
                detail: "a bad complaint key".to_owned(),
            })?;
            write(&Record::Complaint(Box::new(self.decode_complaint(id, &v)?)))?;
            summary.complaints += 1;
        }
        for item in self.db().trees[OUTBOX].iter() {
            let (_, v) = item.map_err(backend)?;
            let n: Notification = decode(&v).map_err(|e| StoreError::Corrupt {
                dir: self.dir.clone(),
                detail: format!("a notification: {e}"),
            })?;
            write(&Record::Notification(n))?;
            summary.notifications += 1;
        }
        for item in self.db().trees[PARKED].iter() {
            let (_, v) = item.map_err(backend)?;
            let (notification, reason): (Notification, String) =
                decode(&v).map_err(|e| StoreError::Corrupt {
                    dir: self.dir.clone(),
                    detail: format!("a parked notification: {e}"),
                })?;
            write(&Record::Parked {
                notification,
                reason,
            })?;
            summary.parked += 1;
        }
        for officer in self.all::<Officer>(OFFICERS, "an officer")? {
            write(&Record::Officer(officer))?;
            summary.officers += 1;
        }
        for warning in self.all::<Warning>(WARNINGS, "a warning")? {
            write(&Record::Warning(warning))?;
        }
        for subscription in self.all::<Subscription>(SUBSCRIBERS, "a subscription")? {
            write(&Record::Subscription(subscription))?;
        }
        for entry in self.all::<AuditEntry>(AUDIT, "an audit entry")? {
            write(&Record::Audit(entry))?;
        }
        for item in self.db().sessions.iter() {
            let (k, v) = item.map_err(backend)?;
            let key = String::from_utf8(k.to_vec()).map_err(|_| StoreError::Corrupt {
                dir: self.dir.clone(),
                detail: "a session key that is not UTF-8".to_owned(),
            })?;
            write(&Record::Session {
                key,
                value: v.to_vec(),
            })?;
            summary.sessions += 1;
        }
        out.flush().map_err(write_err)?;
        Ok(summary)
    }

    async fn import(&self, input: &mut (dyn BufRead + Send)) -> Result<ImportSummary, StoreError> {
        if !self.is_empty() {
            return Err(StoreError::NotEmpty);
        }
        match self.import_lines(input) {
            Ok(summary) => {
                self.db().commit.wait().await?;
                Ok(summary)
            }
            Err(e) => {
                // The store was empty: emptying it again undoes a partial import.
                self.clear_all()?;
                self.db().commit.wait().await?;
                Err(e)
            }
        }
    }

    async fn put_officer(&self, officer: &Officer) -> Result<(), StoreError> {
        self.put_for(OFFICERS, &officer.user, officer).await
    }

    async fn remove_officer(&self, user: &UserRef) -> Result<bool, StoreError> {
        self.remove_for(OFFICERS, user).await
    }

    async fn officer(&self, user: &UserRef) -> Result<Option<Officer>, StoreError> {
        self.get_for(OFFICERS, user, "an officer")
    }

    async fn officers(&self) -> Result<Vec<Officer>, StoreError> {
        self.all(OFFICERS, "an officer")
    }

    async fn audit(&self, entry: AuditEntry) -> Result<(), StoreError> {
        let db = self.db();
        let seq = db.trees[SEQUENCES]
            .update_and_fetch(AUDIT_SEQ, |v| {
                Some((v.map_or(0, be_u64) + 1).to_be_bytes().to_vec())
            })
            .map_err(backend)?;
        let key = seq.map_or(0, |v| be_u64(&v)).to_be_bytes();
        db.trees[AUDIT]
            .insert(key, encode(&entry))
            .map_err(backend)?;
        db.commit.wait().await
    }

    async fn audit_log(&self, limit: usize) -> Result<Vec<AuditEntry>, StoreError> {
        let mut out = Vec::new();
        for item in self.db().trees[AUDIT].iter().rev().take(limit) {
            let (_, v) = item.map_err(backend)?;
            out.push(self.decode_record(&v, "an audit entry")?);
        }
        Ok(out)
    }

    async fn subscribe(&self, subscription: Subscription) -> Result<(), StoreError> {
        self.put_for(SUBSCRIBERS, &subscription.user, &subscription)
            .await
    }

    async fn unsubscribe(&self, user: &UserRef) -> Result<bool, StoreError> {
        self.remove_for(SUBSCRIBERS, user).await
    }

    async fn subscription(&self, user: &UserRef) -> Result<Option<Subscription>, StoreError> {
        self.get_for(SUBSCRIBERS, user, "a subscription")
    }

    async fn publish_warning(
        &self,
        th: &str,
        en: &str,
        by: OfficerId,
        at: jiff::Timestamp,
    ) -> Result<(Warning, u64), StoreError> {
        let warning = self.transaction(|tx| {
            let id = tx.add(SEQUENCES, WARNING_SEQ, 1)?;
            let w = Warning {
                id,
                published_at: at,
                th: th.to_owned(),
                en: en.to_owned(),
                by: by.clone(),
            };
            tx.tree(WARNINGS).insert(&id.to_be_bytes(), encode(&w))?;
            Ok(w)
        })?;
        // Subscribers in batches, each batch one atomic step.
        let subscribers: Vec<Subscription> = self.all(SUBSCRIBERS, "a subscription")?;
        let mut told = 0u64;
        for batch in subscribers.chunks(256) {
            self.transaction(|tx| {
                for s in batch {
                    let id = tx.add(SEQUENCES, OUTBOX_SEQ, 1)?;
                    let n = Notification {
                        id,
                        recipient: s.user.clone(),
                        chat: s.chat.clone(),
                        language: s.language,
                        about: super::About::Warning {
                            warning: warning.clone(),
                        },
                    };
                    tx.tree(OUTBOX)
                        .insert(outbox_key(n.channel(), id), encode(&n))?;
                }
                Ok(())
            })?;
            told += batch.len() as u64;
        }
        self.db().commit.wait().await?;
        Ok((warning, told))
    }

    async fn notify(
        &self,
        recipient: &UserRef,
        chat: &str,
        language: crate::language::Language,
        about: super::About,
    ) -> Result<u64, StoreError> {
        let id = self.transaction(|tx| {
            let id = tx.add(SEQUENCES, OUTBOX_SEQ, 1)?;
            let n = Notification {
                id,
                recipient: recipient.clone(),
                chat: chat.to_owned(),
                language,
                about: about.clone(),
            };
            tx.tree(OUTBOX)
                .insert(outbox_key(n.channel(), id), encode(&n))?;
            Ok(id)
        })?;
        self.db().commit.wait().await?;
        Ok(id)
    }

    async fn warnings(&self, limit: usize) -> Result<Vec<Warning>, StoreError> {
        let mut out = Vec::new();
        for item in self.db().trees[WARNINGS].iter().rev().take(limit) {
            let (_, v) = item.map_err(backend)?;
            out.push(self.decode_record(&v, "a warning")?);
        }
        Ok(out)
    }

    fn durability_stats(&self) -> DurabilityStats {
        self.db().commit.stats()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn be_u64_reads_short_and_full_values() {
        assert_eq!(be_u64(&5u64.to_be_bytes()), 5);
        assert_eq!(be_u64(&[1, 0]), 256);
        assert_eq!(be_u64(&[]), 0);
    }
}
