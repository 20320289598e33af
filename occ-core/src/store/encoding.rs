//! Versioned record encoding.
//!
//! Every record the store writes starts with one byte naming its format, followed by the record
//! in MessagePack with field names (so that fields can be added with defaults without a new
//! format). A change that old records cannot be read under gets a new format byte, and the
//! decoder keeps reading every earlier format. `tests/fixtures/complaint-v1.bin` is a record
//! written by format 1 that must stay readable.

use serde::Serialize;
use serde::de::DeserializeOwned;

/// The format this version writes.
pub(crate) const CURRENT: u8 = 1;

/// Encodes a record in the current format.
pub(crate) fn encode<T: Serialize>(value: &T) -> Vec<u8> {
    let mut out = Vec::with_capacity(256);
    out.push(CURRENT);
    rmp_serde::encode::write_named(&mut out, value).expect("encoding to memory cannot fail");
    out
}

/// Decodes a record of any known format.
pub(crate) fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, String> {
    match bytes.split_first() {
        Some((1, body)) => rmp_serde::from_slice(body).map_err(|e| format!("format 1 record: {e}")),
        Some((v, _)) => Err(format!("record of unknown format {v}")),
        None => Err("empty record".to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Complaint;
    use crate::testing::sample_complaint;

    const FIXTURE: &[u8] = include_bytes!("../../tests/fixtures/complaint-v1.bin");

    #[test]
    fn round_trip() {
        let c = sample_complaint();
        let bytes = encode(&c);
        assert_eq!(bytes[0], CURRENT);
        assert_eq!(decode::<Complaint>(&bytes).unwrap(), c);
    }

    #[test]
    fn unknown_formats_are_named() {
        assert_eq!(
            decode::<Complaint>(&[9, 1, 2]).unwrap_err(),
            "record of unknown format 9"
        );
        assert_eq!(decode::<Complaint>(&[]).unwrap_err(), "empty record");
        assert!(decode::<Complaint>(&[1, 0xc1]).is_err());
    }

    /// A record written by format 1 stays readable by every later version.
    #[test]
    fn format_1_fixture_is_readable() {
        let decoded: Complaint = decode(FIXTURE).expect("format 1 record decodes");
        assert_eq!(decoded, crate::testing::fixture_complaint_v1());
    }

    /// Writes the fixture; run once when a format is introduced, never to "fix" the test:
    /// `cargo test -p occ-core -- --ignored write_format_1_fixture`.
    #[test]
    #[ignore = "writes the fixture file"]
    fn write_format_1_fixture() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/complaint-v1.bin"
        );
        std::fs::write(path, encode(&crate::testing::fixture_complaint_v1())).unwrap();
    }
}
