//! The locales: the same messages with the same variables in Thai and English, every id the code
//! uses present in both, everything renders without isolation marks, and the Thai is Thai.

use std::collections::BTreeSet;

use occ_bot::{I18n, Msg};
use occ_core::{Language, Status};

fn i18n() -> I18n {
    I18n::embedded().unwrap()
}

#[test]
fn both_languages_have_the_same_messages_and_variables() {
    let i18n = i18n();
    let th = i18n.messages(Language::Thai);
    let en = i18n.messages(Language::English);
    let only_th: Vec<_> = th.keys().filter(|k| !en.contains_key(*k)).collect();
    let only_en: Vec<_> = en.keys().filter(|k| !th.contains_key(*k)).collect();
    assert!(
        only_th.is_empty() && only_en.is_empty(),
        "only in th: {only_th:?}; only in en: {only_en:?}"
    );
    for (id, vars) in &th {
        assert_eq!(vars, &en[id], "variables of {id} differ");
    }
    assert!(th.len() > 150, "{} messages", th.len());
}

/// The message ids written in the code, found by reading the source.
fn ids_in_code() -> BTreeSet<String> {
    let src = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
    let patterns = [
        regex::Regex::new(r#"Msg::new\("([a-z0-9-]+)"\)"#).unwrap(),
        regex::Regex::new(r#"button\("[^"]*", "([a-z0-9-]+)"\)"#).unwrap(),
        regex::Regex::new(r#"button\(format!\([^)]*\), "([a-z0-9-]+)"\)"#).unwrap(),
        regex::Regex::new(r#"date_msg\("([a-z0-9-]+)""#).unwrap(),
    ];
    let mut ids = BTreeSet::new();
    let mut stack = vec![std::path::PathBuf::from(src)];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|x| x == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                // Unit tests render made-up messages of their own.
                let text = text.split("#[cfg(test)]").next().unwrap_or_default();
                for p in &patterns {
                    ids.extend(p.captures_iter(text).map(|c| c[1].to_owned()));
                }
            }
        }
    }
    ids
}

#[test]
fn every_id_the_code_uses_is_in_both_locales() {
    let i18n = i18n();
    let ids = ids_in_code();
    assert!(
        ids.len() > 100,
        "found only {} ids: is the scan still right?",
        ids.len()
    );
    let missing: Vec<_> = ids
        .iter()
        .flat_map(|id| Language::ALL.map(|l| (l, id)))
        .filter(|(l, id)| !i18n.has(*l, id))
        .collect();
    assert!(missing.is_empty(), "missing: {missing:?}");
    // The ids built at run time, by family.
    for lang in Language::ALL {
        for s in Status::ALL {
            assert!(
                i18n.has(lang, &format!("status-{}", s.code())),
                "{lang} lacks status-{}",
                s.code()
            );
        }
        for s in Status::ALL {
            assert!(
                i18n.has(lang, &format!("officer-status-{}", s.code())),
                "{lang} lacks officer-status-{}",
                s.code()
            );
        }
        for id in ["queue-item", "queue-item-late"] {
            assert!(i18n.has(lang, id), "{lang} lacks {id}");
        }
        // Every kind of identifier has its own name, not the fallback.
        let name = |kind: &str| {
            i18n.render(
                lang,
                &Msg::new("identifier-line")
                    .arg("kind", kind)
                    .arg("value", "v"),
            )
        };
        let fallback = name("no-such-kind");
        for kind in occ_core::IdentifierKind::ALL {
            assert_ne!(
                name(kind.code()),
                fallback,
                "{lang} has no name for {kind:?}"
            );
        }
        for m in 1..=12 {
            assert!(
                i18n.has(lang, &format!("month-{m}")),
                "{lang} lacks month-{m}"
            );
        }
    }
}

#[test]
fn every_message_renders_without_isolation_marks_and_thai_is_thai() {
    let i18n = i18n();
    let thai_script = |s: &str| s.chars().any(|c| ('\u{0E00}'..='\u{0E7F}').contains(&c));
    for lang in Language::ALL {
        let messages = i18n.messages(lang);
        let mut thai = 0;
        for (id, vars) in &messages {
            let mut msg = Msg::dynamic(id.clone());
            for v in vars {
                msg = msg.arg(
                    v,
                    if v == "count" || v == "earlier" {
                        occ_bot::Arg::Number(2)
                    } else {
                        occ_bot::Arg::Text("x".into())
                    },
                );
            }
            let text = i18n.render(lang, &msg);
            assert!(
                !text.contains('\u{2068}') && !text.contains('\u{2069}'),
                "{lang} {id}: {text:?}"
            );
            assert!(!text.trim().is_empty(), "{lang} {id} is empty");
            thai += usize::from(thai_script(&text));
        }
        if lang == Language::Thai {
            assert!(
                thai * 10 >= messages.len() * 8,
                "only {thai} of {} Thai messages have Thai script",
                messages.len()
            );
        }
    }
}
