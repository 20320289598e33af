//! Reading a complaint as an officer would: its words, and the identifiers in it.
//!
//! [`MatchText`] is the text as rules see it: Thai digits as ASCII digits, zero-width and
//! bidirectional control characters removed (they are invisible, and scammers use them to dodge
//! filters), with a map back to the text as the citizen wrote it and the word boundaries found by
//! ICU's dictionary segmenter, so that the keyword "ยา" (medicine) matches in "ขายยาลดน้ำหนัก" but
//! not in "ยาก" (difficult) or "พยายาม" (try).
//!
//! [`identifiers`] finds what ties a complaint to others and to an agency: links and their
//! registrable domains (also bare domains and links glued to Thai text), Thai phone numbers in
//! E.164 form, email addresses, bank accounts with the bank when it is named, PromptPay ids, LINE
//! ids, Facebook and shop pages, amounts of money in baht and national ID numbers (masked).
//!
//! ```
//! use occ_core::analysis::{identifiers, MatchText};
//! use occ_core::IdentifierKind;
//!
//! let text = "โอน ๑,๕๐๐ บาท เข้าบัญชีกสิกร 123-4-56789-0 แล้วร้านshop-deal.co.thเงียบ โทร 081 234 5678";
//! let found: Vec<_> = identifiers(text).into_iter().map(|i| (i.kind, i.value, i.detail)).collect();
//! assert!(found.contains(&(IdentifierKind::Amount, "1500".into(), None)));
//! assert!(found.contains(&(IdentifierKind::BankAccount, "1234567890".into(), Some("KBANK".into()))));
//! assert!(found.contains(&(IdentifierKind::Domain, "shop-deal.co.th".into(), None)));
//! assert!(found.contains(&(IdentifierKind::Phone, "+66812345678".into(), None)));
//!
//! let words = MatchText::new("พยายามติดต่อร้านขายยา");
//! assert!(words.find_word("ยา").is_some());
//! assert!(MatchText::new("ยากมาก").find_word("ยา").is_none());
//! ```

use std::sync::LazyLock;

use icu_segmenter::WordSegmenter;
use icu_segmenter::options::WordBreakInvariantOptions;
use regex::Regex;

use crate::complaint::{Identifier, IdentifierKind};
use crate::contact::{NationalId, PhoneNumber};

/// Characters removed before matching: zero-width characters and bidirectional controls.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{00AD}'
    )
}

/// A text prepared for matching, with a map back to the original and its word boundaries.
#[derive(Debug, Clone)]
pub struct MatchText {
    text: String,
    /// For each byte of `text` (and one past the end), the byte offset in the original.
    to_original: Vec<usize>,
    /// Word boundaries in `text`, ascending.
    boundaries: Vec<usize>,
}

impl MatchText {
    /// Prepares `original` (already NFC, as stored descriptions are) for matching.
    pub fn new(original: &str) -> Self {
        let mut text = String::with_capacity(original.len());
        let mut to_original = Vec::with_capacity(original.len() + 1);
        for (i, c) in original.char_indices() {
            if is_invisible(c) {
                continue;
            }
            let c = match c {
                '\u{0E50}'..='\u{0E59}' => char::from(b'0' + (c as u32 - 0x0E50) as u8),
                c => c,
            };
            for _ in 0..c.len_utf8() {
                to_original.push(i);
            }
            text.push(c);
        }
        to_original.push(original.len());
        let segmenter = WordSegmenter::new_dictionary(WordBreakInvariantOptions::default());
        let boundaries = segmenter.segment_str(&text).collect();
        Self {
            text,
            to_original,
            boundaries,
        }
    }

    /// The text as matched.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The span in the original text of `start..end` in the matched text.
    pub fn original_span(&self, start: usize, end: usize) -> (usize, usize) {
        (self.to_original[start], self.to_original[end])
    }

    /// True when the segmenter put a word boundary at byte `i` of the matched text.
    pub fn is_boundary(&self, i: usize) -> bool {
        self.boundaries.binary_search(&i).is_ok()
    }

    /// True when a word may start or end at byte `i`: a boundary of the segmenter, or, where
    /// the segmenter visibly failed (on slang and loanwords it does not know, such as "แฮค" in
    /// "โดนแฮคไอจี", which it cuts into แฮ|คไ|อจี), a syllable edge inside or next to the
    /// fragments it left.
    pub fn is_word_edge(&self, i: usize) -> bool {
        let at = match self.boundaries.binary_search(&i) {
            Ok(_) => return true,
            Err(at) => at,
        };
        if at == 0 || at >= self.boundaries.len() || !self.is_syllable_edge(i) {
            return false;
        }
        // The segment holding `i` is boundaries[at-1]..boundaries[at]; look at it and its
        // neighbours.
        let segment = |k: usize| -> Option<&str> {
            let (s, e) = (
                *self.boundaries.get(k.checked_sub(1)?)?,
                *self.boundaries.get(k)?,
            );
            Some(&self.text[s..e])
        };
        [at - 1, at, at + 1]
            .into_iter()
            .filter_map(segment)
            .any(is_broken_fragment)
    }

    /// True when no Thai syllable is cut at byte `i`: the character at `i` can begin one and the
    /// one before it can end one.
    fn is_syllable_edge(&self, i: usize) -> bool {
        let next = self.text[i..].chars().next();
        let prev = self.text[..i].chars().next_back();
        next.is_some_and(|c| !is_dependent(c)) && prev.is_some_and(|c| !is_leading_vowel(c))
    }

    /// True when `start..end` starts and ends on word edges ([`MatchText::is_word_edge`]).
    pub fn is_whole_words(&self, start: usize, end: usize) -> bool {
        self.is_word_edge(start) && self.is_word_edge(end)
    }

    /// The first occurrence of `word` (case-insensitive for ASCII) as whole words, as a span of
    /// the matched text.
    pub fn find_word(&self, word: &str) -> Option<(usize, usize)> {
        let haystack = self.text.to_ascii_lowercase();
        let needle = word.to_ascii_lowercase();
        haystack
            .match_indices(&needle)
            .map(|(s, m)| (s, s + m.len()))
            .find(|&(s, e)| self.is_whole_words(s, e))
    }
}

/// Thai vowels and marks that follow the consonant they belong to.
fn is_dependent(c: char) -> bool {
    matches!(c, '\u{0E30}'..='\u{0E3A}' | '\u{0E45}' | '\u{0E47}'..='\u{0E4E}')
}

/// Thai vowels written before the consonant they follow in speech (เ แ โ ใ ไ).
fn is_leading_vowel(c: char) -> bool {
    ('\u{0E40}'..='\u{0E44}').contains(&c)
}

/// A piece the dictionary segmenter left that cannot be a Thai word: it starts with a dependent
/// vowel or mark, ends with a leading vowel or a bare mai taikhu, or is a lone consonant.
fn is_broken_fragment(segment: &str) -> bool {
    let mut chars = segment.chars();
    let (Some(first), last) = (chars.next(), segment.chars().next_back()) else {
        return false;
    };
    let lone_consonant = chars.next().is_none() && ('\u{0E01}'..='\u{0E2E}').contains(&first);
    is_dependent(first)
        || last.is_some_and(|l| is_leading_vowel(l) || l == '\u{0E47}')
        || lone_consonant
}

/// Domains of platforms many unrelated shops and people share: a complaint that mentions them
/// is not tied to others by the domain (their pages are, as [`IdentifierKind::Facebook`] or
/// [`IdentifierKind::ShopPage`]).
const PLATFORM_DOMAINS: &[&str] = &[
    "facebook.com",
    "fb.com",
    "fb.me",
    "fb.watch",
    "messenger.com",
    "instagram.com",
    "tiktok.com",
    "youtube.com",
    "youtu.be",
    "x.com",
    "twitter.com",
    "line.me",
    "lin.ee",
    "shopee.co.th",
    "shp.ee",
    "lazada.co.th",
    "google.com",
    "goo.gl",
    "bit.ly",
    "tinyurl.com",
    "gmail.com",
    "hotmail.com",
    "outlook.com",
    "yahoo.com",
    "wa.me",
    "t.me",
    "discord.gg",
    "discord.com",
];

/// Thai banks by the names people write, with a short code.
const BANKS: &[(&str, &[&str])] = &[
    ("KBANK", &["กสิกรไทย", "กสิกร", "kbank", "kasikorn", "k-bank"]),
    ("SCB", &["ไทยพาณิชย์", "scb"]),
    (
        "BBL",
        &[
            "ธนาคารกรุงเทพ",
            "ธ.กรุงเทพ",
            "แบงก์กรุงเทพ",
            "bangkok bank",
            "bbl",
        ],
    ),
    ("KTB", &["กรุงไทย", "krungthai", "ktb"]),
    ("BAY", &["กรุงศรี", "krungsri", "bay"]),
    (
        "TTB",
        &["ทหารไทยธนชาต", "ทหารไทย", "ธนชาต", "ทีทีบี", "ttb", "tmb"],
    ),
    ("GSB", &["ออมสิน", "gsb"]),
    ("BAAC", &["ธ.ก.ส.", "ธกส", "baac"]),
    ("GHB", &["อาคารสงเคราะห์", "ธอส", "ghb"]),
    ("UOB", &["ยูโอบี", "uob"]),
    ("CIMB", &["ซีไอเอ็มบี", "cimb"]),
    ("KKP", &["เกียรตินาคิน", "kkp"]),
    ("LHB", &["แลนด์ แอนด์ เฮ้าส์", "แลนด์แอนด์เฮ้าส์", "lh bank"]),
    ("TISCO", &["ทิสโก้", "tisco"]),
];

const BANK_WORDS: &[&str] = &[
    "เลขบัญชี",
    "เลขที่บัญชี",
    "บัญชี",
    "บช",
    "บ/ช",
    "account",
    "acc",
    "a/c",
    "ธนาคาร",
    "bank",
];
const PROMPTPAY_WORDS: &[&str] = &[
    "พร้อมเพย์",
    "พร้อมเพ",
    "พร้อมเพล์",
    "promptpay",
    "prompt pay",
    "pp",
];
const PHONE_WORDS: &[&str] = &[
    "โทร",
    "เบอร์",
    "มือถือ",
    "tel",
    "phone",
    "mobile",
    "call",
    "ติดต่อ",
];

static DIGIT_RUN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\+?\d(?:[ .\-]?\d)+").expect("valid"));
static AMOUNT_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?\s*(?:บาท|บ\.|baht|thb|฿)")
        .expect("valid")
});
static AMOUNT_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:฿|thb)\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?").expect("valid")
});
static AMOUNT_THAI_UNIT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d+(?:\.\d+)?)\s*(พัน|หมื่น|แสน|ล้าน)(?:\s*บาท)?").expect("valid"));
static LINE_THAI: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:ไอดีไลน์|ไลน์ไอดี|ไอดีไลน|ไลน์|ไลน)\s*(?:id|ไอดี)?\s*(?:คือ|:|：|=)?\s*(@?[a-z0-9][a-z0-9._-]{2,29})")
        .expect("valid")
});
static LINE_ENGLISH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:line\s*id|id\s*line|line)\s*(?:is|:|：|=)\s*(@?[a-z0-9][a-z0-9._-]{2,29})",
    )
    .expect("valid")
});
static AT_HANDLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)@[a-z0-9][a-z0-9._-]{2,29}").expect("valid"));

/// What has been claimed by an earlier, more specific finder.
#[derive(Default)]
struct Claims(Vec<(usize, usize)>);

impl Claims {
    fn overlaps(&self, s: usize, e: usize) -> bool {
        self.0.iter().any(|&(a, b)| s < b && a < e)
    }
    fn claim(&mut self, s: usize, e: usize) {
        self.0.push((s, e));
    }
}

struct Found {
    list: Vec<Identifier>,
}

impl Found {
    fn push(
        &mut self,
        m: &MatchText,
        kind: IdentifierKind,
        value: String,
        span: (usize, usize),
        detail: Option<String>,
    ) {
        if self.list.iter().any(|i| i.kind == kind && i.value == value) {
            return;
        }
        self.list.push(Identifier {
            kind,
            value,
            span: Some(m.original_span(span.0, span.1)),
            detail,
        });
    }
}

/// Every identifier in a text, in the order found, each (kind, value) once. Spans are byte
/// offsets into `text`.
pub fn identifiers(text: &str) -> Vec<Identifier> {
    identifiers_in(&MatchText::new(text))
}

/// [`identifiers`] of a text already prepared for matching; spans are into its original.
pub fn identifiers_in(m: &MatchText) -> Vec<Identifier> {
    let mut found = Found { list: Vec::new() };
    let mut claims = Claims::default();
    find_named_line_ids(m, &mut found, &mut claims);
    find_links(m, &mut found, &mut claims);
    find_national_ids(m, &mut found, &mut claims);
    find_numbers(m, &mut found, &mut claims);
    find_amounts(m, &mut found, &mut claims);
    find_line_handles(m, &mut found, &claims);
    found.list
}

/// The identifiers of an evidence link (its URL, domain, page or LINE id), without spans.
pub fn link_identifiers(url: &str) -> Vec<Identifier> {
    let mut out = identifiers(url);
    for i in &mut out {
        i.span = None;
    }
    out
}

fn is_thai(c: char) -> bool {
    ('\u{0E00}'..='\u{0E7F}').contains(&c)
}

fn find_links(m: &MatchText, found: &mut Found, claims: &mut Claims) {
    let text = m.as_str();
    let mut finder = linkify::LinkFinder::new();
    finder.url_must_have_scheme(false);
    for link in finder.links(text) {
        let (mut start, mut end) = (link.start(), link.end());
        let s = &text[start..end];
        if *link.kind() == linkify::LinkKind::Email {
            // Thai letters are allowed in addresses but in practice are the text around them.
            let trimmed_start = s
                .char_indices()
                .find(|(_, c)| !is_thai(*c))
                .map_or(s.len(), |(i, _)| i);
            let local_end = s[trimmed_start..]
                .find(|c: char| is_thai(c))
                .map_or(s.len(), |i| trimmed_start + i);
            let email = &s[trimmed_start..local_end];
            if let Some(e) = email
                .split_once('@')
                .filter(|(l, d)| !l.is_empty() && d.contains('.'))
                .map(|_| email)
                && crate::contact::Email::parse(e).is_ok()
            {
                let span = (start + trimmed_start, start + local_end);
                claims.claim(span.0, span.1);
                found.push(m, IdentifierKind::Email, e.to_ascii_lowercase(), span, None);
            }
            continue;
        }
        // A link glued to Thai text: linkify takes the Thai letters for part of it.
        let has_scheme = s.contains("://");
        let first_ascii = if has_scheme {
            s.find("http").unwrap_or(0)
        } else {
            s.char_indices()
                .find(|(_, c)| !is_thai(*c))
                .map_or(s.len(), |(i, _)| i)
        };
        start += first_ascii;
        let s = &text[start..end];
        // The host is ASCII (IDNs travel as punycode in practice): Thai in it is glued text.
        // A path may hold Thai, but a run of Thai at the very end is the sentence going on.
        let host_start = s.find("://").map_or(0, |i| i + 3);
        let host_end = s[host_start..]
            .find(['/', '?', '#'])
            .map_or(s.len(), |i| host_start + i);
        if let Some(i) = s[host_start..host_end].find(is_thai) {
            end = start + host_start + i;
        } else {
            let trailing_thai = s.trim_end_matches(is_thai);
            end = start + trailing_thai.len();
        }
        let s =
            text[start..end].trim_end_matches(['.', ',', ')', ']', '!', '?', ':', ';', '\'', '"']);
        end = start + s.len();
        if s.is_empty() || claims.overlaps(start, end) {
            continue;
        }
        let parsed = if has_scheme {
            url::Url::parse(s)
        } else {
            url::Url::parse(&format!("http://{s}"))
        };
        let Ok(url) = parsed else { continue };
        if !matches!(url.scheme(), "http" | "https") {
            continue;
        }
        let Some(host) = url
            .host_str()
            .map(|h| h.trim_start_matches("www.").to_ascii_lowercase())
        else {
            continue;
        };
        let Some(suffix) = psl::suffix(host.as_bytes()) else {
            continue;
        };
        // A bare "name.ext" is a domain only if its suffix is a real one (not "file.txt").
        if !has_scheme && !suffix.is_known() {
            continue;
        }
        claims.claim(start, end);
        let span = (start, end);
        if has_scheme || url.path() != "/" || url.query().is_some() {
            found.push(m, IdentifierKind::Url, url.to_string(), span, None);
        }
        let registrable = psl::domain_str(&host).unwrap_or(&host).to_owned();
        if let Some((kind, value)) = page_of(&registrable, &url) {
            found.push(m, kind, value, span, None);
        }
        if !PLATFORM_DOMAINS.contains(&registrable.as_str()) {
            found.push(m, IdentifierKind::Domain, registrable, span, None);
        }
    }
}

/// The page a platform link points to: a Facebook page or profile, a LINE account, a shop.
fn page_of(domain: &str, url: &url::Url) -> Option<(IdentifierKind, String)> {
    let segments: Vec<&str> = url
        .path_segments()
        .map(|s| s.filter(|x| !x.is_empty()).collect())
        .unwrap_or_default();
    let first = segments.first().map(|s| s.to_ascii_lowercase());
    let query_id = || {
        url.query_pairs()
            .find(|(k, _)| k == "id")
            .map(|(_, v)| v.into_owned())
    };
    match domain {
        "facebook.com" | "fb.com" | "fb.me" => {
            let first = first?;
            let value = match first.as_str() {
                "profile.php" => format!("facebook.com/profile.php?id={}", query_id()?),
                "groups" | "people" | "pages" => {
                    format!(
                        "facebook.com/{first}/{}",
                        segments.get(1)?.to_ascii_lowercase()
                    )
                }
                "share" | "story.php" | "photo.php" | "photo" | "watch" | "reel" | "sharer"
                | "login" | "permalink.php" => return None,
                page => format!("facebook.com/{page}"),
            };
            Some((IdentifierKind::Facebook, value))
        }
        "line.me" | "lin.ee" => {
            let id = segments
                .last()?
                .trim_start_matches('~')
                .to_ascii_lowercase();
            (id.len() >= 3 && !matches!(id.as_str(), "ti" | "p" | "r"))
                .then_some((IdentifierKind::LineId, id))
        }
        "instagram.com" | "tiktok.com" | "x.com" | "twitter.com" => {
            let user = first?;
            (!matches!(
                user.as_str(),
                "p" | "reel" | "video" | "status" | "explore" | "i"
            ))
            .then(|| (IdentifierKind::ShopPage, format!("{domain}/{user}")))
        }
        "shopee.co.th" => {
            // Product links carry the shop id: /name-i.<shop>.<item>.
            let path = url.path();
            if let Some(i) = path.find("-i.") {
                let shop = path[i + 3..].split('.').next()?;
                return Some((
                    IdentifierKind::ShopPage,
                    format!("shopee.co.th/shop/{shop}"),
                ));
            }
            first.map(|f| (IdentifierKind::ShopPage, format!("shopee.co.th/{f}")))
        }
        "lazada.co.th" => match first.as_deref() {
            Some("shop") => Some((
                IdentifierKind::ShopPage,
                format!(
                    "lazada.co.th/shop/{}",
                    segments.get(1)?.to_ascii_lowercase()
                ),
            )),
            _ => None,
        },
        _ => None,
    }
}

fn find_national_ids(m: &MatchText, found: &mut Found, claims: &mut Claims) {
    for run in DIGIT_RUN.find_iter(m.as_str()) {
        let digits: String = run.as_str().chars().filter(char::is_ascii_digit).collect();
        if digits.len() != 13
            || run.as_str().starts_with('+')
            || claims.overlaps(run.start(), run.end())
        {
            continue;
        }
        if let Ok(id) = NationalId::parse(&digits) {
            claims.claim(run.start(), run.end());
            let kind = if nearest_context(m, run.start(), run.end()) == Some(Context::PromptPay) {
                IdentifierKind::PromptPay
            } else {
                IdentifierKind::NationalId
            };
            found.push(m, kind, id.masked(), (run.start(), run.end()), None);
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Context {
    Bank,
    PromptPay,
    Phone,
}

/// The kind of number the nearest cue word before it (within 40 characters) names.
fn nearest_context(m: &MatchText, start: usize, _end: usize) -> Option<Context> {
    let before = window_before(m.as_str(), start, 40).to_ascii_lowercase();
    let last = |words: &[&str]| {
        words
            .iter()
            .filter_map(|w| before.rfind(w).map(|i| i + w.len()))
            .max()
    };
    let bank_names: Vec<&str> = BANKS
        .iter()
        .flat_map(|(_, names)| names.iter().copied())
        .collect();
    let candidates = [
        (Context::Bank, last(BANK_WORDS).max(last(&bank_names))),
        (Context::PromptPay, last(PROMPTPAY_WORDS)),
        (Context::Phone, last(PHONE_WORDS)),
    ];
    candidates
        .into_iter()
        .filter_map(|(c, at)| at.map(|a| (c, a)))
        .max_by_key(|(_, at)| *at)
        .map(|(c, _)| c)
}

fn window_before(text: &str, end: usize, chars: usize) -> &str {
    let start = text[..end]
        .char_indices()
        .rev()
        .nth(chars.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    &text[start..end]
}

fn window_after(text: &str, start: usize, chars: usize) -> &str {
    let end = text[start..]
        .char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| start + i);
    &text[start..end]
}

fn bank_named_near(m: &MatchText, start: usize, end: usize) -> Option<String> {
    let before = window_before(m.as_str(), start, 40).to_ascii_lowercase();
    let after = window_after(m.as_str(), end, 20).to_ascii_lowercase();
    let mut best: Option<(usize, &str)> = None;
    for (code, names) in BANKS {
        for name in *names {
            // Closer is better: distance from the number, before or after it.
            let d_before = before.rfind(name).map(|i| before.len() - i);
            let d_after = after.find(name);
            for d in [d_before, d_after].into_iter().flatten() {
                if best.is_none_or(|(bd, _)| d < bd) {
                    best = Some((d, code));
                }
            }
        }
    }
    best.map(|(_, code)| code.to_owned())
}

fn find_numbers(m: &MatchText, found: &mut Found, claims: &mut Claims) {
    let text = m.as_str();
    for run in DIGIT_RUN.find_iter(text) {
        let (s, e) = (run.start(), run.end());
        if claims.overlaps(s, e) {
            continue;
        }
        let raw = run.as_str();
        let digits: String = raw.chars().filter(char::is_ascii_digit).collect();
        let n = digits.len();
        if n < 9 {
            continue;
        }
        let phone = PhoneNumber::parse(raw).ok();
        let context = nearest_context(m, s, e);
        let (kind, value, detail) = match context {
            Some(Context::PromptPay) => match (&phone, n) {
                (Some(p), _) => (IdentifierKind::PromptPay, p.as_str().to_owned(), None),
                (None, 13 | 15) => (IdentifierKind::PromptPay, digits, None),
                _ => continue,
            },
            Some(Context::Bank) if n == 10 || n == 12 => (
                IdentifierKind::BankAccount,
                digits,
                bank_named_near(m, s, e),
            ),
            _ => match phone {
                Some(p) => (IdentifierKind::Phone, p.as_str().to_owned(), None),
                None if (n == 10 || n == 12) && raw.contains('-') => (
                    IdentifierKind::BankAccount,
                    digits,
                    bank_named_near(m, s, e),
                ),
                None => continue,
            },
        };
        claims.claim(s, e);
        found.push(m, kind, value, (s, e), detail);
    }
}

fn baht(whole: &str, fraction: Option<&str>) -> Option<String> {
    let whole: u64 = whole.replace(',', "").parse().ok()?;
    Some(match fraction {
        Some(f) if f.trim_end_matches('0').is_empty() => whole.to_string(),
        Some(f) => format!("{whole}.{f:0<2}"),
        None => whole.to_string(),
    })
}

fn find_amounts(m: &MatchText, found: &mut Found, claims: &mut Claims) {
    let text = m.as_str();
    let mut hits: Vec<(usize, usize, String)> = Vec::new();
    for c in AMOUNT_THAI_UNIT.captures_iter(text) {
        let all = c.get(0).expect("group 0");
        let number: f64 = c[1].parse().unwrap_or(0.0);
        let unit = match &c[2] {
            "พัน" => 1_000.0,
            "หมื่น" => 10_000.0,
            "แสน" => 100_000.0,
            _ => 1_000_000.0,
        };
        hits.push((
            all.start(),
            all.end(),
            format!("{}", (number * unit).round() as u64),
        ));
    }
    for re in [&*AMOUNT_AFTER, &*AMOUNT_BEFORE] {
        for c in re.captures_iter(text) {
            let all = c.get(0).expect("group 0");
            if let Some(v) = baht(&c[1], c.get(2).map(|g| g.as_str())) {
                hits.push((all.start(), all.end(), v));
            }
        }
    }
    hits.sort_by_key(|h| h.0);
    for (s, e, value) in hits {
        if claims.overlaps(s, e) {
            continue;
        }
        claims.claim(s, e);
        found.push(m, IdentifierKind::Amount, value, (s, e), None);
    }
}

/// LINE ids named as such ("ไลน์ deal_shop", "LINE ID: scam.shop"); before links, because an
/// id like `scam.shop` also looks like a domain.
fn find_named_line_ids(m: &MatchText, found: &mut Found, claims: &mut Claims) {
    let text = m.as_str();
    for re in [&*LINE_THAI, &*LINE_ENGLISH] {
        for c in re.captures_iter(text) {
            let id = c.get(1).expect("group 1");
            let rest = &text[id.end()..];
            let lower = id.as_str().to_ascii_lowercase();
            // "ไลน์ https://line.me/..." names a link, which the link finder reads.
            if rest.starts_with("://")
                || rest.starts_with(':')
                || lower.starts_with("www.")
                || lower == "http"
                || lower == "https"
            {
                continue;
            }
            if !claims.overlaps(id.start(), id.end()) {
                claims.claim(id.start(), id.end());
                found.push(
                    m,
                    IdentifierKind::LineId,
                    lower,
                    (id.start(), id.end()),
                    None,
                );
            }
        }
    }
}

/// Official LINE accounts written as `@name`, outside email addresses.
fn find_line_handles(m: &MatchText, found: &mut Found, claims: &Claims) {
    let text = m.as_str();
    for h in AT_HANDLE.find_iter(text) {
        let before = text[..h.start()].chars().next_back();
        if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_')
            || claims.overlaps(h.start(), h.end())
        {
            continue;
        }
        found.push(
            m,
            IdentifierKind::LineId,
            h.as_str().to_ascii_lowercase(),
            (h.start(), h.end()),
            None,
        );
    }
}

/// The largest amount of money among `identifiers`, in whole baht.
pub fn largest_amount(identifiers: &[Identifier]) -> Option<u64> {
    identifiers
        .iter()
        .filter(|i| i.kind == IdentifierKind::Amount)
        .filter_map(|i| i.value.split('.').next()?.parse().ok())
        .max()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The (kind, value) pairs found in `text`.
    fn check(text: &str, expected: &[(IdentifierKind, &str)]) {
        let got: Vec<(IdentifierKind, String)> = identifiers(text)
            .into_iter()
            .map(|i| (i.kind, i.value))
            .collect();
        let want: Vec<(IdentifierKind, String)> = expected
            .iter()
            .map(|(k, v)| (*k, (*v).to_owned()))
            .collect();
        assert_eq!(got, want, "text {text:?}");
    }

    use IdentifierKind::*;

    #[test]
    fn whole_words_in_thai_and_english() {
        let cases = [
            ("ขายยาลดน้ำหนัก", "ยา", true),
            ("ยากมากค่ะ", "ยา", false),
            ("พยายามติดต่อ", "ยา", false),
            ("ซื้อยา", "ยา", true),
            ("ร้านไม่ส่งของให้", "ไม่ส่งของ", true),
            ("I got SCAMMED", "scammed", true),
            ("the scammer", "scam", false),
            ("a scam.", "scam", true),
            // Slang the dictionary does not know: it leaves fragments, and the edges count.
            ("โดนแฮคไอจี", "โดนแฮค", true),
            ("แฮคไอจี", "แฮค", true),
            // Real words next to the keyword still protect it.
            ("เสียงดังมาก", "เสีย", false),
            ("ขายยาก", "ยา", false),
        ];
        for (text, word, expected) in cases {
            assert_eq!(
                MatchText::new(text).find_word(word).is_some(),
                expected,
                "{word:?} in {text:?}"
            );
        }
    }

    #[test]
    fn invisible_characters_and_thai_digits() {
        let m = MatchText::new("พ\u{200B}นัน ๑๒๓");
        assert_eq!(m.as_str(), "พนัน 123");
        assert!(m.find_word("พนัน").is_some());
        // Spans point back into the text as written.
        let original = "โทร ๐๘๑-๒๓๔-๕๖๗๘ ค่ะ";
        let found = identifiers(original);
        let (s, e) = found[0].span.unwrap();
        assert_eq!(&original[s..e], "๐๘๑-๒๓๔-๕๖๗๘");
    }

    #[test]
    fn links_and_domains() {
        check(
            "ซื้อของที่ https://shop-deal.co.th/p/123?ref=fb แล้วไม่ได้ของ",
            &[
                (Url, "https://shop-deal.co.th/p/123?ref=fb"),
                (Domain, "shop-deal.co.th"),
            ],
        );
        check(
            "สั่งของที่shop-deal.co.thแล้วไม่ได้ของ",
            &[(Domain, "shop-deal.co.th")],
        );
        check(
            "เว็บ www.Fake-Bank.com/login, แล้วกรอกรหัส",
            &[
                (Url, "http://www.fake-bank.com/login"),
                (Domain, "fake-bank.com"),
            ],
        );
        check(
            "เข้าเว็บhttps://ufa888.net/สมัครเลย",
            &[(Url, "https://ufa888.net/"), (Domain, "ufa888.net")],
        );
        check(
            "ลิงก์ (https://bit.ly/3abcXYZ).",
            &[(Url, "https://bit.ly/3abcXYZ")],
        );
        check("ไฟล์ report.pdf กับ ver.2 ไม่ใช่เว็บ", &[]);
    }

    #[test]
    fn pages_on_platforms() {
        check(
            "เพจ https://www.facebook.com/ShoeDealTH/ ปิดไปแล้ว",
            &[
                (Url, "https://www.facebook.com/ShoeDealTH/"),
                (Facebook, "facebook.com/shoedealth"),
            ],
        );
        check(
            "https://m.facebook.com/profile.php?id=1000123",
            &[
                (Url, "https://m.facebook.com/profile.php?id=1000123"),
                (Facebook, "facebook.com/profile.php?id=1000123"),
            ],
        );
        check(
            "https://line.me/R/ti/p/@shopdeal",
            &[
                (Url, "https://line.me/R/ti/p/@shopdeal"),
                (LineId, "@shopdeal"),
            ],
        );
        check(
            "https://shopee.co.th/รองเท้า-i.123456.789",
            &[
                (
                    Url,
                    "https://shopee.co.th/%E0%B8%A3%E0%B8%AD%E0%B8%87%E0%B9%80%E0%B8%97%E0%B9%89%E0%B8%B2-i.123456.789",
                ),
                (ShopPage, "shopee.co.th/shop/123456"),
            ],
        );
        check(
            "https://www.instagram.com/fake.brand/",
            &[
                (Url, "https://www.instagram.com/fake.brand/"),
                (ShopPage, "instagram.com/fake.brand"),
            ],
        );
    }

    #[test]
    fn phones() {
        check(
            "โทร 081-234-5678 หรือ 02 123 4567",
            &[(Phone, "+66812345678"), (Phone, "+6621234567")],
        );
        check("call +66 81 234 5678", &[(Phone, "+66812345678")]);
        check("เบอร์ ๐๙๑๒๓๔๕๖๗๘", &[(Phone, "+66912345678")]);
        check("order no. 12345678", &[]);
    }

    #[test]
    fn bank_accounts_and_promptpay() {
        check(
            "โอนเข้าบัญชีกสิกร 123-4-56789-0",
            &[(BankAccount, "1234567890")],
        );
        let found = identifiers("เลขบัญชี 0123456789 ไทยพาณิชย์");
        assert_eq!(
            (found[0].kind, found[0].detail.as_deref()),
            (BankAccount, Some("SCB"))
        );
        check("บช. 123456789012", &[(BankAccount, "123456789012")]);
        check("โอน 111-2-33333-4 ไปแล้ว", &[(BankAccount, "1112333334")]);
        check("พร้อมเพย์ 0812345678", &[(PromptPay, "+66812345678")]);
        check(
            "promptpay: 1101700230708",
            &[(PromptPay, "x-xxxx-xxxx0-70-8")],
        );
    }

    #[test]
    fn emails_and_line_ids() {
        check("ส่งมาที่somchai@gmail.comค่ะ", &[(Email, "somchai@gmail.com")]);
        check("แอดไลน์ @ShopDeal99 ค่ะ", &[(LineId, "@shopdeal99")]);
        check("ไลน์ไอดี: deal_shop", &[(LineId, "deal_shop")]);
        check("LINE ID: scam.shop", &[(LineId, "scam.shop")]);
        check("the line was busy", &[]);
        check("อีเมล a.b@shop.com", &[(Email, "a.b@shop.com")]);
    }

    #[test]
    fn amounts() {
        check("โอนไป 1,500 บาท", &[(Amount, "1500")]);
        check("จ่าย ฿1500.50 ค่ะ", &[(Amount, "1500.50")]);
        check("เสียไป 1.5 หมื่น", &[(Amount, "15000")]);
        check("หมดไป 2 แสนบาท", &[(Amount, "200000")]);
        check(
            "paid 3,200 baht and THB 100",
            &[(Amount, "3200"), (Amount, "100")],
        );
        check("ราคา ๒๕๐ บาท", &[(Amount, "250")]);
        assert_eq!(
            largest_amount(&identifiers("1,500 บาท แล้วอีก 2 หมื่น")),
            Some(20_000)
        );
    }

    #[test]
    fn national_ids_are_masked() {
        check(
            "เลขบัตร 1-1017-00230-70-8",
            &[(NationalId, "x-xxxx-xxxx0-70-8")],
        );
        // Thirteen digits that fail the check digit are nothing in particular.
        check("เลข 1101700230709", &[]);
        assert!(!format!("{:?}", identifiers("1101700230708")).contains("1101700230708"));
    }

    #[test]
    fn nothing_panics_on_odd_text() {
        for text in [
            "",
            "@",
            "@@@",
            "http://",
            "https://.",
            "฿",
            "๐",
            "+",
            "1.5 หมื่น",
            "a@b",
            "\u{200B}",
            "ไลน์",
            "x".repeat(5000).as_str(),
        ] {
            let _ = identifiers(text);
        }
    }
}
