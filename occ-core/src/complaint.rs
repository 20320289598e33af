//! A complaint and the parts it is made of: where it came from, who reported it, what it is about
//! and the evidence that came with it.

use std::fmt;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use sha2::Digest;

use crate::catalog::{AgencyCode, CategoryCode, SubcategoryCode};
use crate::contact::{Email, NationalIdDigest, PhoneNumber};
use crate::id::IssueId;
use crate::language::Language;
use crate::routing::RoutingDecision;
use crate::text::{Description, DisplayName};
use crate::workflow::{Event, Status};

/// Why a part of a complaint was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ComplaintError {
    /// A channel name must be 1 to 32 characters of a-z, 0-9, `-` and `_`.
    #[error("channel name {0:?} is not valid: use 1 to 32 characters of a-z, 0-9, - and _")]
    InvalidChannel(String),
    /// A platform reference (user, chat or message id) is empty, too long or has control
    /// characters.
    #[error("a platform {0} reference must be 1 to 128 characters without control characters")]
    InvalidReference(&'static str),
    /// A link is not an `http` or `https` URL of at most 2,048 characters.
    #[error("this is not a web link (http:// or https://, at most 2,048 characters)")]
    InvalidLink,
    /// An attachment's digest is not 64 lowercase hex digits.
    #[error("an attachment is named by its SHA-256 as 64 lowercase hex digits")]
    InvalidDigest,
}

/// The channel a complaint came from: `telegram`, `discord`, `terminal`, or one an embedding
/// program names (`web`, `email`, `line`...).
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Channel(String);

impl Channel {
    /// Checks a channel name.
    ///
    /// # Errors
    ///
    /// [`ComplaintError::InvalidChannel`] unless it is 1 to 32 characters of a-z, 0-9, `-`, `_`.
    pub fn new(name: &str) -> Result<Self, ComplaintError> {
        let ok = !name.is_empty()
            && name.len() <= 32
            && name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
        if ok {
            Ok(Self(name.to_owned()))
        } else {
            Err(ComplaintError::InvalidChannel(name.to_owned()))
        }
    }

    /// The Telegram channel.
    pub fn telegram() -> Self {
        Self("telegram".to_owned())
    }

    /// The Discord channel.
    pub fn discord() -> Self {
        Self("discord".to_owned())
    }

    /// The terminal channel.
    pub fn terminal() -> Self {
        Self("terminal".to_owned())
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Channel({})", self.0)
    }
}

impl<'de> Deserialize<'de> for Channel {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Self::new(&s).map_err(serde::de::Error::custom)
    }
}

fn check_reference(what: &'static str, value: &str) -> Result<String, ComplaintError> {
    if value.is_empty() || value.len() > 128 || value.chars().any(char::is_control) {
        Err(ComplaintError::InvalidReference(what))
    } else {
        Ok(value.to_owned())
    }
}

/// A short, stable stand-in for an identifier in `Debug` output, so that logs can tell users
/// apart without carrying their platform ids.
fn fingerprint(parts: &[&str]) -> String {
    let mut h = sha2::Sha256::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update([0]);
    }
    hex::encode(&h.finalize()[..4])
}

/// A person on a platform: the channel and the platform's id for them.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct UserRef {
    /// The channel.
    pub channel: Channel,
    /// The platform's id for the user.
    #[serde(deserialize_with = "de_user_id")]
    id: String,
}

fn de_user_id<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let s = String::deserialize(d)?;
    check_reference("user", &s).map_err(serde::de::Error::custom)
}

impl UserRef {
    /// A user of `channel` with the platform id `id`.
    ///
    /// # Errors
    ///
    /// [`ComplaintError::InvalidReference`] if `id` is empty, over 128 bytes or has control
    /// characters.
    pub fn new(channel: Channel, id: &str) -> Result<Self, ComplaintError> {
        Ok(Self {
            channel,
            id: check_reference("user", id)?,
        })
    }

    /// The platform's id for the user.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// A byte key unique to this user (channel, a zero byte, the id).
    pub fn to_key(&self) -> Vec<u8> {
        let mut key = Vec::with_capacity(self.channel.0.len() + 1 + self.id.len());
        key.extend_from_slice(self.channel.0.as_bytes());
        key.push(0);
        key.extend_from_slice(self.id.as_bytes());
        key
    }
}

/// Reads `channel:id`, as [`UserRef`]'s `Display` writes it (`telegram:123456789`).
///
/// ```
/// use occ_core::UserRef;
/// let user: UserRef = "telegram:123456789".parse()?;
/// assert_eq!(user.to_string(), "telegram:123456789");
/// assert!("123456789".parse::<UserRef>().is_err());
/// # Ok::<(), occ_core::ComplaintError>(())
/// ```
impl std::str::FromStr for UserRef {
    type Err = ComplaintError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (channel, id) = s
            .trim()
            .split_once(':')
            .ok_or(ComplaintError::InvalidReference("user"))?;
        Self::new(Channel::new(channel)?, id)
    }
}

impl fmt::Display for UserRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.channel, self.id)
    }
}

impl fmt::Debug for UserRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "UserRef({}:#{})", self.channel, fingerprint(&[&self.id]))
    }
}

/// The platform message that caused a filing: its channel, chat and message (or update) id.
///
/// Platforms deliver the same message again after a crash; filing twice with the same key
/// returns the complaint filed the first time.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct MessageKey {
    /// The channel.
    pub channel: Channel,
    /// The chat (conversation) on the platform; notifications go back to it.
    pub chat: String,
    /// The message or update id within the chat.
    pub message: String,
}

impl MessageKey {
    /// A key from its parts.
    ///
    /// # Errors
    ///
    /// [`ComplaintError::InvalidReference`] if `chat` or `message` is empty, over 128 bytes or
    /// has control characters.
    pub fn new(channel: Channel, chat: &str, message: &str) -> Result<Self, ComplaintError> {
        Ok(Self {
            channel,
            chat: check_reference("chat", chat)?,
            message: check_reference("message", message)?,
        })
    }

    /// A byte key unique to this message.
    pub fn to_key(&self) -> Vec<u8> {
        [
            self.channel.0.as_bytes(),
            self.chat.as_bytes(),
            self.message.as_bytes(),
        ]
        .join(&0u8)
    }
}

impl fmt::Debug for MessageKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "MessageKey({}:#{})",
            self.channel,
            fingerprint(&[&self.chat, &self.message])
        )
    }
}

/// The person who filed a complaint and how to reach them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reporter {
    /// Who they are on the platform they wrote from.
    pub user: UserRef,
    /// The name they gave.
    pub display_name: DisplayName,
    /// Their phone number, in E.164 form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<PhoneNumber>,
    /// Their email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<Email>,
    /// Their national ID number, as a keyed hash and its last four digits only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub national_id: Option<NationalIdDigest>,
}

/// A file that came with a complaint. Its bytes live in the store's attachment folder, named by
/// their SHA-256.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Attachment {
    /// SHA-256 of the bytes, as 64 lowercase hex digits.
    pub sha256: String,
    /// Size in bytes.
    pub size: u64,
    /// The media type, detected from the bytes where possible (`image/jpeg`, `application/pdf`).
    pub media_type: String,
    /// The file's name as the citizen sent it, without any folder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_name: Option<String>,
}

impl Attachment {
    /// Checks that `sha256` is 64 lowercase hex digits.
    ///
    /// # Errors
    ///
    /// [`ComplaintError::InvalidDigest`].
    pub fn check_digest(sha256: &str) -> Result<(), ComplaintError> {
        if sha256.len() == 64
            && sha256
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        {
            Ok(())
        } else {
            Err(ComplaintError::InvalidDigest)
        }
    }
}

/// Evidence for a complaint: a link, or a file.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Evidence {
    /// A web link (an `http` or `https` URL).
    Link {
        /// The URL as parsed (normalised by the `url` crate).
        url: String,
    },
    /// A file: a photo, a screenshot, a document.
    File(Attachment),
}

impl Evidence {
    /// A link, checked to be an `http` or `https` URL of at most 2,048 characters.
    ///
    /// ```
    /// use occ_core::Evidence;
    /// assert!(Evidence::link("https://shop-deal.co.th/p/1").is_ok());
    /// assert!(Evidence::link("javascript:alert(1)").is_err());
    /// ```
    ///
    /// # Errors
    ///
    /// [`ComplaintError::InvalidLink`].
    pub fn link(url: &str) -> Result<Self, ComplaintError> {
        let url = url.trim();
        if url.len() > 2048 {
            return Err(ComplaintError::InvalidLink);
        }
        match url::Url::parse(url) {
            Ok(u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => {
                Ok(Evidence::Link { url: u.to_string() })
            }
            _ => Err(ComplaintError::InvalidLink),
        }
    }
}

/// What kind of identifier was found in a complaint's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum IdentifierKind {
    /// A web address.
    Url,
    /// A registrable domain, such as `shop-deal.co.th`.
    Domain,
    /// A phone number in E.164 form.
    Phone,
    /// An email address.
    Email,
    /// A bank account number (digits only; the bank, when mentioned, is the detail).
    BankAccount,
    /// A PromptPay id: a phone number in E.164 form, a masked national ID, or the digits of a
    /// tax or e-wallet id.
    PromptPay,
    /// A LINE id, lowercase, with its `@` when it is an official account.
    LineId,
    /// A Facebook page or profile, as `facebook.com/<page>`.
    Facebook,
    /// A shop or profile page on another platform (Instagram, TikTok, Shopee, Lazada, X).
    ShopPage,
    /// An amount of money in baht.
    Amount,
    /// A Thai national ID number, masked.
    NationalId,
}

impl IdentifierKind {
    /// Every kind.
    pub const ALL: [IdentifierKind; 11] = [
        IdentifierKind::Url,
        IdentifierKind::Domain,
        IdentifierKind::Phone,
        IdentifierKind::Email,
        IdentifierKind::BankAccount,
        IdentifierKind::PromptPay,
        IdentifierKind::LineId,
        IdentifierKind::Facebook,
        IdentifierKind::ShopPage,
        IdentifierKind::Amount,
        IdentifierKind::NationalId,
    ];

    /// The snake_case code used in rules files, exports and message ids.
    pub fn code(self) -> &'static str {
        match self {
            IdentifierKind::Url => "url",
            IdentifierKind::Domain => "domain",
            IdentifierKind::Phone => "phone",
            IdentifierKind::Email => "email",
            IdentifierKind::BankAccount => "bank_account",
            IdentifierKind::PromptPay => "prompt_pay",
            IdentifierKind::LineId => "line_id",
            IdentifierKind::Facebook => "facebook",
            IdentifierKind::ShopPage => "shop_page",
            IdentifierKind::Amount => "amount",
            IdentifierKind::NationalId => "national_id",
        }
    }

    /// The kind with this code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    /// True for the kinds that tie complaints together into an incident: the same shop domain,
    /// page, bank account, phone number, PromptPay id, LINE id or email address.
    pub fn forms_incidents(self) -> bool {
        !matches!(
            self,
            IdentifierKind::Url | IdentifierKind::Amount | IdentifierKind::NationalId
        )
    }
}

impl fmt::Display for IdentifierKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// An identifier found in a complaint (a shop's domain, a bank account, a phone number).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Identifier {
    /// Its kind.
    pub kind: IdentifierKind,
    /// Its normalised value (a national ID is masked).
    pub value: String,
    /// Where it was found: byte offsets into the description, or `None` when it came from an
    /// evidence link.
    pub span: Option<(usize, usize)>,
    /// More about it, where known: the bank of a bank account (`KBANK`, `SCB`...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// A complaint, with everything that happened to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Complaint {
    /// Its Issue ID.
    pub id: IssueId,
    /// When it was filed.
    pub filed_at: Timestamp,
    /// The platform message it was filed from (its channel and chat are where notifications go).
    pub source: MessageKey,
    /// Who reported it.
    pub reporter: Reporter,
    /// The language the reporter reads.
    pub language: Language,
    /// Its category.
    pub category: CategoryCode,
    /// Its subcategory within the category.
    pub subcategory: SubcategoryCode,
    /// What happened, in the reporter's words.
    pub description: Description,
    /// Links and files that came with it, in the order they came.
    #[serde(default)]
    pub evidence: Vec<Evidence>,
    /// Identifiers found in the description.
    #[serde(default)]
    pub identifiers: Vec<Identifier>,
    /// Where routing suggested it should go when it was filed, and why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub routing: Option<RoutingDecision>,
    /// The agency it is assigned to (the screening desk until it is forwarded).
    pub agency: AgencyCode,
    /// Where it stands.
    pub status: Status,
    /// The complaint it duplicates, once marked as a duplicate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duplicate_of: Option<IssueId>,
    /// Everything that happened to it, oldest first. Append-only.
    pub timeline: Vec<Event>,
}

impl Complaint {
    /// The channel the complaint came from.
    pub fn channel(&self) -> &Channel {
        &self.source.channel
    }

    /// When the complaint last changed.
    pub fn updated_at(&self) -> Timestamp {
        self.timeline.last().map_or(self.filed_at, |e| e.at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn channels_and_references() {
        assert!(Channel::new("line").is_ok());
        assert!(Channel::new("Line").is_err());
        assert!(Channel::new("").is_err());
        let u = UserRef::new(Channel::telegram(), "123456").unwrap();
        assert_eq!(u.to_string(), "telegram:123456");
        assert_eq!(u.to_key(), b"telegram\x00123456");
        assert!(!format!("{u:?}").contains("123456"));
        assert!(UserRef::new(Channel::telegram(), "").is_err());
        assert!(UserRef::new(Channel::telegram(), "a\nb").is_err());
        assert!(UserRef::new(Channel::telegram(), &"9".repeat(129)).is_err());
        let k = MessageKey::new(Channel::discord(), "c1", "m1").unwrap();
        assert_eq!(k.to_key(), b"discord\x00c1\x00m1");
    }

    #[test]
    fn links() {
        assert_eq!(
            Evidence::link(" https://Shop-Deal.co.th/p?id=1 ").unwrap(),
            Evidence::Link {
                url: "https://shop-deal.co.th/p?id=1".into()
            }
        );
        for bad in [
            "",
            "shop-deal.co.th",
            "ftp://x.org/a",
            "javascript:alert(1)",
            "https://",
        ] {
            assert_eq!(
                Evidence::link(bad),
                Err(ComplaintError::InvalidLink),
                "{bad}"
            );
        }
        let long = format!("https://x.org/{}", "a".repeat(2100));
        assert!(Evidence::link(&long).is_err());
    }

    #[test]
    fn digests() {
        assert!(Attachment::check_digest(&"a".repeat(64)).is_ok());
        assert!(Attachment::check_digest(&"A".repeat(64)).is_err());
        assert!(Attachment::check_digest("abc").is_err());
        assert!(Attachment::check_digest(&format!("../{}", "a".repeat(61))).is_err());
    }
}
