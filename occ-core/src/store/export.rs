//! The JSON Lines export format, for backups and for moving across sled format changes.

use base64::Engine as _;
use serde::{Deserialize, Serialize};

use super::Notification;
use crate::complaint::Complaint;
use crate::officers::{AuditEntry, Officer, Subscription, Warning};

/// The version of the export format this OCC writes and reads.
///
/// Each line is one JSON object with a `record` field:
///
/// * `{"record":"header","format":1,"national_id_key":"<64 hex>"}`: always the first line;
/// * `{"record":"complaint", ...}`: a complaint with its timeline, in Issue ID order;
/// * `{"record":"notification", ...}`: a notification not yet delivered;
/// * `{"record":"parked","notification":{...},"reason":"..."}`: one that could not be delivered;
/// * `{"record":"officer", ...}`, `{"record":"warning", ...}`, `{"record":"subscription", ...}`,
///   `{"record":"audit", ...}`: officers, published warnings, their subscribers, the audit log;
/// * `{"record":"session","key":"...","value":"<base64>"}`: a conversation in progress.
///
/// Attachments are not in the export: copy the `attachments` folder beside it.
pub const EXPORT_FORMAT: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "record", rename_all = "snake_case")]
pub(crate) enum Record {
    Header {
        format: u32,
        national_id_key: String,
    },
    Complaint(Box<Complaint>),
    Notification(Notification),
    Parked {
        notification: Notification,
        reason: String,
    },
    Officer(Officer),
    Warning(Warning),
    Subscription(Subscription),
    Audit(AuditEntry),
    Session {
        key: String,
        #[serde(with = "b64")]
        value: Vec<u8>,
    },
}

mod b64 {
    use super::*;

    pub(crate) fn serialize<S: serde::Serializer>(v: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&base64::engine::general_purpose::STANDARD.encode(v))
    }

    pub(crate) fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        let s = String::deserialize(d)?;
        base64::engine::general_purpose::STANDARD
            .decode(s)
            .map_err(serde::de::Error::custom)
    }
}

/// What an export wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ExportSummary {
    /// Complaints written.
    pub complaints: u64,
    /// Pending notifications written.
    pub notifications: u64,
    /// Parked notifications.
    pub parked: u64,
    /// Officers.
    pub officers: u64,
    /// Sessions written.
    pub sessions: u64,
}

/// What an import read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ImportSummary {
    /// Complaints imported.
    pub complaints: u64,
    /// Pending notifications imported.
    pub notifications: u64,
    /// Parked notifications.
    pub parked: u64,
    /// Officers.
    pub officers: u64,
    /// Sessions imported.
    pub sessions: u64,
}
