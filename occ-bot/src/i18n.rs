//! Thai and English through Fluent.
//!
//! The bundles are `concurrent` (shared between tasks), with Unicode isolation marks turned off
//! (in chat text they are noise that some clients show as boxes), numbers formatted with digit
//! grouping (Fluent's own formatting has none), and dates in Bangkok time with Buddhist Era years
//! and Thai month names in Thai.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use occ_core::Language;
use occ_core::calendar::{BUDDHIST_ERA_OFFSET, in_bangkok};
use occ_core::jiff::Timestamp;

use crate::reply::{Arg, Msg};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/locales.rs"));
}

/// A Fluent file that could not be read.
#[derive(Debug, thiserror::Error)]
#[error("locale {lang}, {file}: {message}")]
pub struct I18nError {
    /// The language.
    pub lang: &'static str,
    /// The file.
    pub file: String,
    /// What is wrong.
    pub message: String,
}

/// The messages of both languages.
pub struct I18n {
    bundles: BTreeMap<Language, FluentBundle<FluentResource>>,
    sources: BTreeMap<Language, Vec<(String, String)>>,
}

impl std::fmt::Debug for I18n {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("I18n").finish_non_exhaustive()
    }
}

/// Writes whole numbers with digit grouping: 1500 → "1,500".
fn group_digits(
    v: &FluentValue,
    _: &intl_memoizer::concurrent::IntlLangMemoizer,
) -> Option<String> {
    let FluentValue::Number(n) = v else {
        return None;
    };
    if n.value.fract() != 0.0 || n.value.abs() >= 1e15 {
        return None;
    }
    let digits = format!("{}", n.value.abs() as u64);
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n.value < 0.0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    Some(out)
}

impl I18n {
    /// The locales built into the binary.
    ///
    /// # Errors
    ///
    /// [`I18nError`] if a file does not parse or repeats an id (a build with broken locales).
    pub fn embedded() -> Result<Self, I18nError> {
        Self::from_sources(
            embedded::FILES
                .iter()
                .map(|(l, n, t)| (*l, (*n).to_owned(), (*t).to_owned())),
        )
    }

    /// The locales in `dir/th/*.ftl` and `dir/en/*.ftl`.
    ///
    /// # Errors
    ///
    /// [`I18nError`] for a file that cannot be read or parsed.
    pub fn from_dir(dir: &Path) -> Result<Self, I18nError> {
        let mut files = Vec::new();
        for lang in ["th", "en"] {
            let sub = dir.join(lang);
            let entries = std::fs::read_dir(&sub).map_err(|e| I18nError {
                lang,
                file: sub.display().to_string(),
                message: e.to_string(),
            })?;
            let mut paths: Vec<_> = entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "ftl"))
                .collect();
            paths.sort();
            for p in paths {
                let text = std::fs::read_to_string(&p).map_err(|e| I18nError {
                    lang,
                    file: p.display().to_string(),
                    message: e.to_string(),
                })?;
                files.push((
                    lang,
                    p.file_name()
                        .unwrap_or_default()
                        .to_string_lossy()
                        .into_owned(),
                    text,
                ));
            }
        }
        Self::from_sources(files)
    }

    fn from_sources(
        files: impl IntoIterator<Item = (&'static str, String, String)>,
    ) -> Result<Self, I18nError> {
        let mut bundles = BTreeMap::new();
        let mut sources: BTreeMap<Language, Vec<(String, String)>> = BTreeMap::new();
        for lang in Language::ALL {
            let id: unic_langid::LanguageIdentifier =
                lang.code().parse().expect("th and en are valid");
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            bundle.set_use_isolating(false);
            bundle.set_formatter(Some(group_digits));
            bundles.insert(lang, bundle);
        }
        for (lang, file, text) in files {
            let language: Language = lang.parse().map_err(|_| I18nError {
                lang,
                file: file.clone(),
                message: "unknown language".into(),
            })?;
            sources
                .entry(language)
                .or_default()
                .push((file.clone(), text.clone()));
            let resource = FluentResource::try_new(text).map_err(|(_, errors)| I18nError {
                lang,
                file: file.clone(),
                message: format!("{errors:?}"),
            })?;
            bundles
                .get_mut(&language)
                .expect("both languages")
                .add_resource(resource)
                .map_err(|errors| I18nError {
                    lang,
                    file,
                    message: format!("{errors:?}"),
                })?;
        }
        Ok(Self { bundles, sources })
    }

    /// True when `lang` has a message `id`.
    pub fn has(&self, lang: Language, id: &str) -> bool {
        self.bundles[&lang].has_message(id)
    }

    /// Every message id of `lang`, with the variables its text uses.
    pub fn messages(&self, lang: Language) -> BTreeMap<String, BTreeSet<String>> {
        let mut out = BTreeMap::new();
        for (_, text) in self.sources.get(&lang).into_iter().flatten() {
            let Ok(resource) = fluent_syntax::parser::parse(text.as_str()) else {
                continue;
            };
            for entry in resource.body {
                if let fluent_syntax::ast::Entry::Message(m) = entry {
                    let mut vars = BTreeSet::new();
                    if let Some(p) = &m.value {
                        pattern_variables(p, &mut vars);
                    }
                    for a in &m.attributes {
                        pattern_variables(&a.value, &mut vars);
                    }
                    out.insert(m.id.name.to_owned(), vars);
                }
            }
        }
        out
    }

    /// Renders a message in `lang`. A message missing from the locales (a bug the locales test
    /// exists to catch) renders as its id in brackets rather than failing the conversation.
    pub fn render(&self, lang: Language, msg: &Msg) -> String {
        let bundle = &self.bundles[&lang];
        let Some(pattern) = bundle.get_message(&msg.id).and_then(|m| m.value()) else {
            tracing::warn!(id = %msg.id, lang = %lang, "message missing from the locales");
            return format!("[{}]", msg.id);
        };
        let mut args = FluentArgs::new();
        for (name, value) in &msg.args {
            match value {
                Arg::Text(s) => args.set(name.as_str(), FluentValue::from(s.as_str())),
                Arg::Number(n) => args.set(name.as_str(), FluentValue::from(*n)),
                Arg::Message(m) => args.set(name.as_str(), FluentValue::from(self.render(lang, m))),
                Arg::Lines(ms) => {
                    let text: Vec<String> = ms.iter().map(|m| self.render(lang, m)).collect();
                    args.set(name.as_str(), FluentValue::from(text.join("\n")))
                }
            }
        }
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, Some(&args), &mut errors);
        if !errors.is_empty() {
            tracing::warn!(id = %msg.id, lang = %lang, ?errors, "message formatted with errors");
        }
        text.into_owned()
    }

    /// A date and time in Bangkok, as `lang` writes it: "4 ธ.ค. 2569 09:30" or
    /// "4 Dec 2026, 09:30".
    pub fn date_time(&self, lang: Language, at: Timestamp) -> String {
        self.render(lang, &date_msg("date-time", lang, at))
    }

    /// A date in Bangkok, as `lang` writes it: "4 ธ.ค. 2569" or "4 Dec 2026".
    pub fn date(&self, lang: Language, at: Timestamp) -> String {
        self.render(lang, &date_msg("date", lang, at))
    }
}

/// The message for a date: its day, month name (a message of its own), year in the calendar
/// of the language, and time.
pub fn date_msg(id: &'static str, lang: Language, at: Timestamp) -> Msg {
    let z = in_bangkok(at);
    let year = match lang {
        Language::Thai => z.year() + BUDDHIST_ERA_OFFSET,
        Language::English => z.year(),
    };
    let mut msg = Msg::dynamic(id.to_owned());
    msg.args = vec![
        ("day".to_owned(), Arg::Text(z.day().to_string())),
        (
            "month".to_owned(),
            Msg::dynamic(format!("month-{}", z.month())).into(),
        ),
        ("year".to_owned(), Arg::Text(year.to_string())),
        (
            "time".to_owned(),
            Arg::Text(z.strftime("%H:%M").to_string()),
        ),
    ];
    msg
}

fn pattern_variables(p: &fluent_syntax::ast::Pattern<&str>, out: &mut BTreeSet<String>) {
    use fluent_syntax::ast::{Expression, InlineExpression, PatternElement};
    fn inline(e: &InlineExpression<&str>, out: &mut BTreeSet<String>) {
        match e {
            InlineExpression::VariableReference { id } => {
                out.insert(id.name.to_owned());
            }
            InlineExpression::FunctionReference { arguments, .. } => {
                for a in &arguments.positional {
                    inline(a, out);
                }
            }
            InlineExpression::Placeable { expression } => expression_vars(expression, out),
            _ => {}
        }
    }
    fn expression_vars(e: &Expression<&str>, out: &mut BTreeSet<String>) {
        match e {
            Expression::Inline(i) => inline(i, out),
            Expression::Select { selector, variants } => {
                inline(selector, out);
                for v in variants {
                    pattern_variables(&v.value, out);
                }
            }
        }
    }
    for element in &p.elements {
        if let PatternElement::Placeable { expression } = element {
            expression_vars(expression, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_and_no_isolation_marks_appear() {
        let i18n = I18n::from_sources([
            (
                "th",
                "t.ftl".to_owned(),
                "paid = จ่าย { $amount } บาท ให้ { $name }\n".to_owned(),
            ),
            (
                "en",
                "t.ftl".to_owned(),
                "paid = Paid { $amount } baht to { $name }\n".to_owned(),
            ),
        ])
        .unwrap();
        let m = Msg::new("paid")
            .arg("amount", 1_234_567i64)
            .arg("name", "ร้าน A");
        assert_eq!(
            i18n.render(Language::Thai, &m),
            "จ่าย 1,234,567 บาท ให้ ร้าน A"
        );
        assert_eq!(
            i18n.render(Language::English, &m),
            "Paid 1,234,567 baht to ร้าน A"
        );
        assert_eq!(i18n.render(Language::English, &Msg::new("nope")), "[nope]");
    }

    #[test]
    fn dates_follow_the_language() {
        let i18n = I18n::embedded().unwrap();
        let at: Timestamp = "2026-12-04T02:30:00Z".parse().unwrap();
        assert_eq!(i18n.date_time(Language::Thai, at), "4 ธ.ค. 2569 09:30");
        assert_eq!(i18n.date_time(Language::English, at), "4 Dec 2026, 09:30");
        assert_eq!(i18n.date(Language::Thai, at), "4 ธ.ค. 2569");
    }
}
