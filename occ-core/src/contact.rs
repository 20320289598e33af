//! Contact details of a reporter: phone numbers, email addresses and Thai national ID numbers.
//!
//! Each type validates on construction, so a value that exists is a valid one. Phone numbers are
//! kept in E.164 form. A national ID number is never stored: only a keyed hash of it and its last
//! four digits ([`NationalIdDigest`]).

use std::fmt;
use std::str::FromStr;

use hmac::{KeyInit, Mac};
use serde::{Deserialize, Serialize};

use crate::text::thai_digits_to_ascii;

/// Why a contact detail was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ContactError {
    /// Not a phone number that can be dialled in Thailand or internationally.
    #[error("this is not a valid phone number")]
    InvalidPhone,
    /// Not a valid email address.
    #[error("this is not a valid email address")]
    InvalidEmail,
    /// A national ID number has 13 digits.
    #[error("a national ID number has 13 digits")]
    NationalIdLength,
    /// The 13 digits do not pass the national ID check digit.
    #[error("this national ID number looks mistyped: its check digit does not match")]
    NationalIdCheckDigit,
}

/// A phone number in E.164 form, such as `+66812345678`.
///
/// ```
/// use occ_core::PhoneNumber;
///
/// let p = PhoneNumber::parse("๐๘๑-๒๓๔-๕๖๗๘")?;
/// assert_eq!(p.as_str(), "+66812345678");
/// assert_eq!(PhoneNumber::parse("+66 2 123 4567")?.as_str(), "+6621234567");
/// assert!(PhoneNumber::parse("12345").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct PhoneNumber(String);

impl PhoneNumber {
    /// Parses a phone number as a Thai user writes it (`081-234-5678`, `02 123 4567`, `+66...`,
    /// Thai digits); numbers without a country code are taken as Thai.
    ///
    /// # Errors
    ///
    /// [`ContactError::InvalidPhone`] when the text is not a valid number.
    pub fn parse(input: &str) -> Result<Self, ContactError> {
        let ascii = thai_digits_to_ascii(input.trim());
        if ascii.is_empty() || ascii.len() > 40 {
            return Err(ContactError::InvalidPhone);
        }
        let parsed = phonenumber::parse(Some(phonenumber::country::Id::TH), ascii.as_ref())
            .map_err(|_| ContactError::InvalidPhone)?;
        if !parsed.is_valid() {
            return Err(ContactError::InvalidPhone);
        }
        Ok(Self(
            parsed.format().mode(phonenumber::Mode::E164).to_string(),
        ))
    }

    /// The number in E.164 form.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Personal data: only the last two digits reach a log.
        let tail = &self.0[self.0.len().saturating_sub(2)..];
        write!(f, "PhoneNumber(…{tail})")
    }
}

impl<'de> Deserialize<'de> for PhoneNumber {
    /// Takes a number in E.164 form (`+` and 8 to 15 digits, as this type writes it) as it is,
    /// so that reading a stored complaint does not run the full parser; anything else is parsed
    /// as [`PhoneNumber::parse`] parses what a person typed.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        let e164 = s.strip_prefix('+').is_some_and(|digits| {
            (8..=15).contains(&digits.len())
                && digits.bytes().all(|b| b.is_ascii_digit())
                && !digits.starts_with('0')
        });
        if e164 {
            return Ok(Self(s));
        }
        Self::parse(&s).map_err(serde::de::Error::custom)
    }
}

impl FromStr for PhoneNumber {
    type Err = ContactError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

/// A valid email address, as the citizen wrote it (surrounding whitespace removed).
///
/// ```
/// use occ_core::Email;
///
/// assert_eq!(Email::parse(" somchai@example.co.th ")?.as_str(), "somchai@example.co.th");
/// assert!(Email::parse("somchai@").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Email(String);

impl Email {
    /// Checks an email address with the `email_address` crate (RFC 5322 addr-spec).
    ///
    /// # Errors
    ///
    /// [`ContactError::InvalidEmail`] when it is not a valid address.
    pub fn parse(input: &str) -> Result<Self, ContactError> {
        let trimmed = input.trim();
        match email_address::EmailAddress::from_str(trimmed) {
            // An address needs a dotted domain to reach anyone outside a test network.
            Ok(addr) if addr.domain().contains('.') => Ok(Self(trimmed.to_owned())),
            _ => Err(ContactError::InvalidEmail),
        }
    }

    /// The address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Email(…)")
    }
}

impl<'de> Deserialize<'de> for Email {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Self::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// A Thai national ID number that passed its check digit. It lives only in memory: it has no
/// `Serialize`, its `Debug` is masked, and what is stored is its [`NationalIdDigest`].
///
/// ```
/// use occ_core::NationalId;
///
/// let id = NationalId::parse("1-1017-00230-70-8")?;
/// assert_eq!(id.masked(), "x-xxxx-xxxx0-70-8");
/// assert!(NationalId::parse("1101700230709").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct NationalId([u8; 13]);

impl NationalId {
    /// Parses 13 digits, allowing spaces, dashes and Thai digits between them, and checks the
    /// check digit (the last digit is `(11 - Σ dᵢ·(14-i) mod 11) mod 10` over the first twelve).
    ///
    /// # Errors
    ///
    /// [`ContactError::NationalIdLength`] or [`ContactError::NationalIdCheckDigit`].
    pub fn parse(input: &str) -> Result<Self, ContactError> {
        let ascii = thai_digits_to_ascii(input);
        let mut digits = [0u8; 13];
        let mut n = 0;
        for c in ascii.chars() {
            match c {
                '0'..='9' => {
                    if n == 13 {
                        return Err(ContactError::NationalIdLength);
                    }
                    digits[n] = c as u8 - b'0';
                    n += 1;
                }
                ' ' | '-' | '.' | '\u{2010}'..='\u{2015}' => {}
                _ => return Err(ContactError::NationalIdLength),
            }
        }
        if n != 13 {
            return Err(ContactError::NationalIdLength);
        }
        if national_id_check_digit(&digits[..12]) != digits[12] {
            return Err(ContactError::NationalIdCheckDigit);
        }
        Ok(Self(digits))
    }

    /// The last four digits, which are kept to let a citizen recognise the number.
    pub fn last_four(&self) -> String {
        self.0[9..].iter().map(|d| char::from(b'0' + d)).collect()
    }

    /// The number in the usual 1-2345-67890-12-3 grouping with all but the last four digits
    /// replaced by `x`.
    pub fn masked(&self) -> String {
        mask_last_four(&self.last_four())
    }

    fn ascii(&self) -> [u8; 13] {
        self.0.map(|d| b'0' + d)
    }
}

impl fmt::Debug for NationalId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "NationalId({})", self.masked())
    }
}

/// The check digit of the first twelve digits of a Thai national ID number.
fn national_id_check_digit(first12: &[u8]) -> u8 {
    let sum: u32 = first12
        .iter()
        .enumerate()
        .map(|(i, &d)| u32::from(d) * (13 - i as u32))
        .sum();
    ((11 - sum % 11) % 10) as u8
}

fn mask_last_four(last4: &str) -> String {
    let l = last4.as_bytes();
    if l.len() != 4 {
        return "x-xxxx-xxxxx-xx-x".to_owned();
    }
    format!(
        "x-xxxx-xxxx{}-{}{}-{}",
        char::from(l[0]),
        char::from(l[1]),
        char::from(l[2]),
        char::from(l[3])
    )
}

/// The secret key with which a store hashes national ID numbers. Each store makes its own at
/// creation; an export carries it so that a restored store recognises the same numbers.
#[derive(Clone, PartialEq, Eq)]
pub struct NationalIdKey([u8; 32]);

impl NationalIdKey {
    /// Makes a new random key from the operating system's generator.
    ///
    /// # Errors
    ///
    /// The operating system's random number generator failed.
    pub fn generate() -> Result<Self, getrandom::Error> {
        let mut key = [0u8; 32];
        getrandom::fill(&mut key)?;
        Ok(Self(key))
    }

    /// A key from its 32 bytes.
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }

    /// The key's bytes.
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// Hashes a national ID number with this key.
    pub fn digest(&self, id: &NationalId) -> NationalIdDigest {
        let mut mac =
            hmac::Hmac::<sha2::Sha256>::new_from_slice(&self.0).expect("HMAC takes any key size");
        mac.update(&id.ascii());
        NationalIdDigest {
            hmac_sha256: hex::encode(mac.finalize().into_bytes()),
            last_four: id.last_four(),
        }
    }
}

impl fmt::Debug for NationalIdKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("NationalIdKey(…)")
    }
}

/// What is kept of a national ID number: an HMAC-SHA-256 under the store's [`NationalIdKey`] and
/// the last four digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct NationalIdDigest {
    /// Hex HMAC-SHA-256 of the 13 ASCII digits.
    pub hmac_sha256: String,
    /// The last four digits.
    pub last_four: String,
}

impl NationalIdDigest {
    /// The number masked but for its last four digits, as officers and the citizen see it.
    pub fn masked(&self) -> String {
        mask_last_four(&self.last_four)
    }

    /// True when `id` is the number this digest was made from under `key`.
    pub fn matches(&self, key: &NationalIdKey, id: &NationalId) -> bool {
        key.digest(id) == *self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_numbers_in_e164_are_taken_and_others_parsed() {
        let read = |json: &str| serde_json::from_str::<PhoneNumber>(json).map(|p| p.0);
        assert_eq!(read("\"+66812345678\"").unwrap(), "+66812345678");
        assert_eq!(read("\"081-234-5678\"").unwrap(), "+66812345678");
        assert!(read("\"+0812345678\"").is_err());
        assert!(read("\"12345\"").is_err());
        assert!(read("\"+66 81\"").is_err());
    }

    #[test]
    fn thai_phone_forms() {
        for (input, e164) in [
            ("0812345678", "+66812345678"),
            ("081-234-5678", "+66812345678"),
            ("081 234 5678", "+66812345678"),
            ("+66 81 234 5678", "+66812345678"),
            ("+66812345678", "+66812345678"),
            ("๐๘๑๒๓๔๕๖๗๘", "+66812345678"),
            ("02-123-4567", "+6621234567"),
            ("053 123 456", "+6653123456"),
            ("+1 415 555 2671", "+14155552671"),
        ] {
            assert_eq!(
                PhoneNumber::parse(input).map(|p| p.0),
                Ok(e164.to_owned()),
                "{input}"
            );
        }
        for input in ["", "abc", "12345", "0812", "08123456789012345", "๐๘๑"] {
            assert_eq!(
                PhoneNumber::parse(input),
                Err(ContactError::InvalidPhone),
                "{input}"
            );
        }
    }

    #[test]
    fn phone_debug_is_masked() {
        let p = PhoneNumber::parse("0812345678").unwrap();
        assert_eq!(format!("{p:?}"), "PhoneNumber(…78)");
    }

    #[test]
    fn emails() {
        assert!(Email::parse("a.b@example.com").is_ok());
        assert!(Email::parse("สมชาย@ตัวอย่าง.ไทย").is_ok());
        for bad in ["", "plain", "a@", "@b.com", "a b@c.com", "a@localhost"] {
            assert_eq!(Email::parse(bad), Err(ContactError::InvalidEmail), "{bad}");
        }
    }

    #[test]
    fn national_id_check_digit_and_forms() {
        // 1-1017-00230-70-8 is a commonly used example number with a valid check digit.
        let id = NationalId::parse("1101700230708").unwrap();
        assert_eq!(NationalId::parse("1-1017-00230-70-8").unwrap(), id);
        assert_eq!(NationalId::parse("๑-๑๐๑๗-๐๐๒๓๐-๗๐-๘").unwrap(), id);
        assert_eq!(NationalId::parse(" 1 1017 00230 70 8 ").unwrap(), id);
        assert_eq!(id.last_four(), "0708");
        assert_eq!(format!("{id:?}"), "NationalId(x-xxxx-xxxx0-70-8)");

        assert_eq!(
            NationalId::parse("1101700230709"),
            Err(ContactError::NationalIdCheckDigit)
        );
        assert_eq!(
            NationalId::parse("110170023070"),
            Err(ContactError::NationalIdLength)
        );
        assert_eq!(
            NationalId::parse("11017002307080"),
            Err(ContactError::NationalIdLength)
        );
        assert_eq!(
            NationalId::parse("1101700230a08"),
            Err(ContactError::NationalIdLength)
        );
    }

    /// The national scheme (weights 13 to 2, mod 11, then mod 10) has two blind spots, and the
    /// test states them rather than pretending: the third digit has weight 11, so a change there
    /// is never seen; and remainders 0 and 10 share check digit 1, so at most one of the nine
    /// wrong digits in any other position slips through.
    #[test]
    fn single_digit_errors_are_caught_as_far_as_the_scheme_can() {
        for good in [*b"1101700230708", *b"3100600123450", *b"1234567890121"] {
            assert!(NationalId::parse(std::str::from_utf8(&good).unwrap()).is_ok());
            for pos in 0..13 {
                let slipped = (b'0'..=b'9')
                    .filter(|&d| d != good[pos])
                    .filter(|&d| {
                        let mut typo = good;
                        typo[pos] = d;
                        NationalId::parse(std::str::from_utf8(&typo).unwrap()).is_ok()
                    })
                    .count();
                if pos == 2 {
                    assert_eq!(slipped, 9, "the third digit carries weight 11");
                } else {
                    assert!(slipped <= 1, "position {pos}: {slipped} typos accepted");
                }
            }
        }
    }

    #[test]
    fn digest_is_keyed_and_keeps_only_last_four() {
        let id = NationalId::parse("1101700230708").unwrap();
        let k1 = NationalIdKey::from_bytes([1; 32]);
        let k2 = NationalIdKey::from_bytes([2; 32]);
        let d1 = k1.digest(&id);
        assert_eq!(d1.last_four, "0708");
        assert_eq!(d1.masked(), "x-xxxx-xxxx0-70-8");
        assert_eq!(d1.hmac_sha256.len(), 64);
        assert!(!d1.hmac_sha256.contains("1101700230708"));
        assert!(d1.matches(&k1, &id));
        assert!(!d1.matches(&k2, &id));
        assert_ne!(d1, k2.digest(&id));
        assert_eq!(d1, k1.digest(&id));
    }
}
