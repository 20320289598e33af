//! Replies rendered for a chat platform: text in the user's language, cut to the platform's
//! length limit, and buttons with their labels.

use crate::i18n::I18n;
use crate::reply::{OutAttachment, Reply, Response};

/// One message as a platform sends it.
#[derive(Debug, Clone, PartialEq)]
pub struct Rendered {
    /// The text.
    pub text: String,
    /// Button rows: (id, label).
    pub buttons: Vec<Vec<(String, String)>>,
    /// Offer the platform's "share my phone number".
    pub ask_contact: bool,
    /// Files to send.
    pub attachments: Vec<OutAttachment>,
}

/// Renders a response as messages of at most `max_chars` characters each. A reply longer than
/// that is cut at line breaks (or, for a single long line, anywhere) and its buttons go with its
/// last part.
pub fn render(i18n: &I18n, response: &Response, max_chars: usize) -> Vec<Rendered> {
    let mut out = Vec::new();
    for reply in &response.replies {
        let text = i18n.render(response.language, &reply.text);
        let mut parts = split(&text, max_chars);
        let last = parts.pop().unwrap_or_default();
        out.extend(parts.into_iter().map(|text| Rendered {
            text,
            buttons: Vec::new(),
            ask_contact: false,
            attachments: Vec::new(),
        }));
        out.push(Rendered {
            text: last,
            buttons: buttons(i18n, response, reply),
            ask_contact: reply.ask_contact,
            attachments: reply.attachments.clone(),
        });
    }
    out
}

fn buttons(i18n: &I18n, response: &Response, reply: &Reply) -> Vec<Vec<(String, String)>> {
    reply
        .buttons
        .iter()
        .map(|row| {
            row.iter()
                .map(|b| (b.id.clone(), i18n.render(response.language, &b.label)))
                .collect()
        })
        .collect()
}

/// Cuts `text` into pieces of at most `max` characters, at line breaks where it can.
pub fn split(text: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    if text.chars().count() <= max {
        return vec![text.to_owned()];
    }
    let mut parts = Vec::new();
    let mut current = String::new();
    for line in text.split_inclusive('\n') {
        if current.chars().count() + line.chars().count() > max && !current.is_empty() {
            parts.push(std::mem::take(&mut current).trim_end().to_owned());
        }
        if line.chars().count() > max {
            let chars: Vec<char> = line.chars().collect();
            for chunk in chars.chunks(max) {
                parts.push(chunk.iter().collect::<String>().trim_end().to_owned());
            }
        } else {
            current.push_str(line);
        }
    }
    if !current.trim().is_empty() {
        parts.push(current.trim_end().to_owned());
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_texts_are_cut_at_lines_and_never_over_the_limit() {
        assert_eq!(split("short", 10), ["short"]);
        assert_eq!(split("aaa\nbbb\nccc", 8), ["aaa\nbbb", "ccc"]);
        let long = "ก".repeat(25);
        let parts = split(&long, 10);
        assert_eq!(parts.len(), 3);
        assert!(parts.iter().all(|p| p.chars().count() <= 10));
        assert_eq!(parts.concat(), long);
    }
}
