//! Routing: which agency a complaint goes to, with a reason an officer can read.
//!
//! Rules are data: a TOML file (the [built-in one](BUILTIN_RULES_TOML) or a deployment's own,
//! documented at the top of the built-in file). [`Router`] compiles them once: every keyword of
//! every rule into one Aho-Corasick automaton, every regular expression into one `RegexSet`, so
//! routing a complaint reads its text once whatever the number of rules. Keywords match as whole
//! words, Thai ones by the dictionary word boundaries of [`MatchText`].
//!
//! ```
//! use occ_core::routing::Router;
//! use occ_core::{Catalog, CategoryCode};
//!
//! let router = Router::builtin(&Catalog::builtin());
//! let shopping = CategoryCode::new("shopping")?;
//! let d = router.route_text(Some(&shopping), None, "สั่งรองเท้าไป 2 คู่ โอนแล้ว ร้านไม่ส่งของ");
//! assert_eq!(d.agency.as_str(), "OCPB");
//! assert_eq!(d.rule.as_deref(), Some("not-delivered"));
//! assert!(d.matched_keywords.contains(&"ไม่ส่งของ".to_owned()));
//!
//! // No rule: the screening desk reads it.
//! let d = router.route_text(None, None, "สวัสดีค่ะ");
//! assert_eq!((d.agency.as_str(), d.rule), ("OCC", None));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::HashMap;
use std::fmt;
use std::path::Path;
use std::sync::{Arc, RwLock};

use aho_corasick::AhoCorasick;
use regex::RegexSet;
use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::analysis::{self, MatchText, largest_amount};
use crate::catalog::{AgencyCode, Catalog, CategoryCode, SubcategoryCode};
use crate::complaint::{Complaint, Identifier, IdentifierKind};
use crate::language::Localized;
use crate::store::NewComplaint;

/// The built-in routing rules, as TOML.
pub const BUILTIN_RULES_TOML: &str = include_str!("../data/rules.toml");

/// A rules file that was refused, with where and why. The whole file is refused: no rule of it
/// is used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}:{column}: {}{message}", rule.as_ref().map(|r| format!("rule {r:?}: ")).unwrap_or_default())]
pub struct RulesError {
    /// The file (or the name given for a text).
    pub file: String,
    /// The line, from 1.
    pub line: usize,
    /// The column, from 1, in characters.
    pub column: usize,
    /// The id of the rule at fault, when the fault is inside one.
    pub rule: Option<String>,
    /// What is wrong.
    pub message: String,
}

/// Whether a rule needs one of its text conditions or all of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// One condition is enough.
    #[default]
    Any,
    /// Every condition must hold.
    All,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default, rename = "rule")]
    rules: Vec<RawRule>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    id: Spanned<String>,
    description: String,
    description_th: String,
    agency: Spanned<String>,
    #[serde(default)]
    copy: Vec<Spanned<String>>,
    #[serde(default = "default_priority")]
    priority: i32,
    #[serde(default, rename = "match")]
    mode: Mode,
    #[serde(default)]
    categories: Vec<Spanned<String>>,
    #[serde(default)]
    subcategories: Vec<Spanned<String>>,
    #[serde(default)]
    keywords: Vec<Spanned<String>>,
    #[serde(default)]
    regex: Vec<Spanned<String>>,
    #[serde(default)]
    identifiers: Vec<Spanned<String>>,
    min_amount: Option<u64>,
}

fn default_priority() -> i32 {
    50
}

/// A compiled rule.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Its id.
    pub id: String,
    /// What it does, in both languages.
    pub description: Localized,
    /// Where it sends a complaint.
    pub agency: AgencyCode,
    /// Agencies that get a copy.
    pub copy: Vec<AgencyCode>,
    /// Higher wins.
    pub priority: i32,
    /// Any or all text conditions.
    pub mode: Mode,
    categories: Vec<CategoryCode>,
    subcategories: Vec<(CategoryCode, SubcategoryCode)>,
    keywords: Vec<String>,
    regexes: Vec<String>,
    identifiers: Vec<IdentifierKind>,
    min_amount: Option<u64>,
}

impl Rule {
    /// The categories it is limited to (empty: any).
    pub fn categories(&self) -> &[CategoryCode] {
        &self.categories
    }

    /// The subcategories it is limited to (empty: any).
    pub fn subcategories(&self) -> &[(CategoryCode, SubcategoryCode)] {
        &self.subcategories
    }

    /// Its keywords, lowercased, matched as whole words.
    pub fn keywords(&self) -> &[String] {
        &self.keywords
    }

    /// Its regular expressions, as written.
    pub fn patterns(&self) -> &[String] {
        &self.regexes
    }

    /// The kinds of identifier it looks for.
    pub fn identifier_kinds(&self) -> &[IdentifierKind] {
        &self.identifiers
    }

    /// The smallest amount, in baht, it needs the text to mention.
    pub fn min_amount(&self) -> Option<u64> {
        self.min_amount
    }

    fn has_text_conditions(&self) -> bool {
        !self.keywords.is_empty()
            || !self.regexes.is_empty()
            || !self.identifiers.is_empty()
            || self.min_amount.is_some()
    }
}

/// The rule that would have decided if the winner had not matched, with another agency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunnerUp {
    /// Its rule id.
    pub rule: String,
    /// Its agency.
    pub agency: AgencyCode,
}

/// Where a complaint should go, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoutingDecision {
    /// The agency to forward to (the screening desk when no rule matched).
    pub agency: AgencyCode,
    /// Agencies to copy.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub copy: Vec<AgencyCode>,
    /// The rule that decided; `None` when no rule matched.
    pub rule: Option<String>,
    /// What that rule does, in both languages: the one-line reason.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<Localized>,
    /// The keywords that matched, as the rules file writes them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub matched_keywords: Vec<String>,
    /// The regular expressions that matched.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub matched_patterns: Vec<String>,
    /// The kinds of identifier that counted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub matched_identifiers: Vec<IdentifierKind>,
    /// The best matching rule with a different agency, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub runner_up: Option<RunnerUp>,
    /// How sure the decision is, in percent: more evidence is surer, a close runner-up with
    /// another agency is less sure. A guide for officers, not a probability.
    pub confidence: u8,
}

impl RoutingDecision {
    /// True when a rule matched (false: the screening desk, "no rule matched").
    pub fn is_match(&self) -> bool {
        self.rule.is_some()
    }
}

/// What routing looks at.
#[derive(Debug, Clone, Copy)]
pub struct RouteInput<'a> {
    /// The category the citizen chose, if any.
    pub category: Option<&'a CategoryCode>,
    /// The subcategory the citizen chose, if any.
    pub subcategory: Option<&'a SubcategoryCode>,
    /// The description.
    pub text: &'a str,
    /// Identifiers found in the description and the evidence.
    pub identifiers: &'a [Identifier],
}

/// Compiled routing rules.
#[derive(Debug)]
pub struct Router {
    source: String,
    rules: Vec<Rule>,
    desk: AgencyCode,
    /// Every distinct keyword, lowercased, once.
    keywords: AhoCorasick,
    /// For each keyword pattern: the (rule, keyword index in that rule) pairs that use it.
    keyword_users: Vec<Vec<(usize, usize)>>,
    regexes: RegexSet,
    regex_rule: Vec<(usize, usize)>,
}

/// Byte offset to (line, column), both from 1, the column in characters.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// The id of the `[[rule]]` table around `offset`, for errors the TOML reader reports.
fn rule_around(text: &str, offset: usize) -> Option<String> {
    let header = text[..offset.min(text.len())].rfind("[[rule]]")?;
    let table_end = text[header + 8..]
        .find("[[")
        .map_or(text.len(), |i| header + 8 + i);
    let table = &text[header..table_end];
    let line = table.lines().find(|l| l.trim_start().starts_with("id"))?;
    let value = line.split_once('=')?.1.trim();
    Some(value.trim_matches('"').to_owned())
}

impl Router {
    /// The built-in rules.
    ///
    /// # Panics
    ///
    /// Never with the built-in catalog; a deployment catalog that removes a built-in agency
    /// needs its own rules file ([`Router::from_toml`]).
    pub fn builtin(catalog: &Catalog) -> Self {
        Self::from_toml(BUILTIN_RULES_TOML, "built-in rules", catalog)
            .expect("the built-in rules are valid")
    }

    /// Reads and compiles rules from a file.
    ///
    /// # Errors
    ///
    /// [`RulesError`] for a file that cannot be read or has any fault.
    pub fn from_file(path: &Path, catalog: &Catalog) -> Result<Self, RulesError> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| RulesError {
            file: name.clone(),
            line: 1,
            column: 1,
            rule: None,
            message: format!("cannot read the file: {e}"),
        })?;
        Self::from_toml(&text, &name, catalog)
    }

    /// Compiles rules from TOML text; `source` names it in errors.
    ///
    /// # Errors
    ///
    /// [`RulesError`] naming the line, column and rule of the first fault: TOML syntax, an
    /// unknown field, agency, category, subcategory or identifier kind, a bad regular
    /// expression, a repeated id, an empty keyword, or a rule without conditions.
    pub fn from_toml(text: &str, source: &str, catalog: &Catalog) -> Result<Self, RulesError> {
        let error = |offset: usize, rule: Option<String>, message: String| {
            let (line, column) = line_col(text, offset);
            RulesError {
                file: source.to_owned(),
                line,
                column,
                rule,
                message,
            }
        };
        let raw: RawFile = toml::from_str(text).map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start);
            error(offset, rule_around(text, offset), e.message().to_owned())
        })?;

        let mut rules = Vec::with_capacity(raw.rules.len());
        let mut ids: HashMap<String, ()> = HashMap::new();
        for r in raw.rules {
            let id = r.id.get_ref().clone();
            let at = |s: &Spanned<String>, message: String| {
                error(s.span().start, Some(id.clone()), message)
            };
            if id.is_empty() || ids.insert(id.clone(), ()).is_some() {
                return Err(at(
                    &r.id,
                    "a rule id must be given once and be unique".to_owned(),
                ));
            }
            let agency = |s: &Spanned<String>| -> Result<AgencyCode, RulesError> {
                let code = AgencyCode::new(s.get_ref()).map_err(|e| at(s, e.to_string()))?;
                catalog
                    .check_agency(&code)
                    .map_err(|e| at(s, e.to_string()))?;
                Ok(code)
            };
            let target = agency(&r.agency)?;
            let copy = r.copy.iter().map(&agency).collect::<Result<Vec<_>, _>>()?;
            let categories = r
                .categories
                .iter()
                .map(|s| {
                    let code = CategoryCode::new(s.get_ref()).map_err(|e| at(s, e.to_string()))?;
                    catalog
                        .category(&code)
                        .ok_or_else(|| at(s, format!("unknown category {:?}", s.get_ref())))?;
                    Ok(code)
                })
                .collect::<Result<Vec<_>, RulesError>>()?;
            let subcategories = r
                .subcategories
                .iter()
                .map(|s| {
                    let (c, sub) = s.get_ref().split_once('/').ok_or_else(|| {
                        at(s, "write a subcategory as category/subcategory".to_owned())
                    })?;
                    catalog.check(c, sub).map_err(|e| at(s, e.to_string()))
                })
                .collect::<Result<Vec<_>, RulesError>>()?;
            let mut keywords: Vec<String> = Vec::new();
            for k in &r.keywords {
                let prepared = MatchText::new(&crate::text::normalize(k.get_ref()))
                    .as_str()
                    .to_lowercase();
                if prepared.trim().is_empty() {
                    return Err(at(k, "a keyword is empty".to_owned()));
                }
                if !keywords.contains(&prepared) {
                    keywords.push(prepared);
                }
            }
            for re in &r.regex {
                regex::Regex::new(re.get_ref())
                    .map_err(|e| at(re, format!("bad regular expression: {e}")))?;
            }
            let identifiers = r
                .identifiers
                .iter()
                .map(|s| {
                    IdentifierKind::from_code(s.get_ref())
                        .ok_or_else(|| at(s, format!("unknown identifier kind {:?}", s.get_ref())))
                })
                .collect::<Result<Vec<_>, _>>()?;
            let rule = Rule {
                id: id.clone(),
                description: Localized {
                    th: r.description_th,
                    en: r.description,
                },
                agency: target,
                copy,
                priority: r.priority,
                mode: r.mode,
                categories,
                subcategories,
                keywords,
                regexes: r.regex.iter().map(|s| s.get_ref().clone()).collect(),
                identifiers,
                min_amount: r.min_amount,
            };
            if !rule.has_text_conditions()
                && rule.categories.is_empty()
                && rule.subcategories.is_empty()
            {
                return Err(at(
                    &r.id,
                    "the rule has no conditions, so it would match everything".to_owned(),
                ));
            }
            rules.push(rule);
        }

        let mut patterns: Vec<String> = Vec::new();
        let mut keyword_users: Vec<Vec<(usize, usize)>> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        for (ri, rule) in rules.iter().enumerate() {
            for (ki, k) in rule.keywords.iter().enumerate() {
                let p = *index.entry(k.clone()).or_insert_with(|| {
                    patterns.push(k.clone());
                    keyword_users.push(Vec::new());
                    patterns.len() - 1
                });
                keyword_users[p].push((ri, ki));
            }
        }
        let keywords = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(&patterns)
            .map_err(|e| error(0, None, format!("the keywords cannot be compiled: {e}")))?;
        let regex_rule: Vec<(usize, usize)> = rules
            .iter()
            .enumerate()
            .flat_map(|(ri, r)| (0..r.regexes.len()).map(move |xi| (ri, xi)))
            .collect();
        let regexes = RegexSet::new(regex_rule.iter().map(|&(ri, xi)| &rules[ri].regexes[xi]))
            .map_err(|e| {
                error(
                    0,
                    None,
                    format!("the regular expressions cannot be compiled: {e}"),
                )
            })?;

        Ok(Self {
            source: source.to_owned(),
            rules,
            desk: catalog.screening_desk().clone(),
            keywords,
            keyword_users,
            regexes,
            regex_rule,
        })
    }

    /// Where the rules came from.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The rules, in file order.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// Routes a complaint: its category, description, and the identifiers found in it and its
    /// evidence links.
    pub fn route(&self, complaint: &Complaint) -> RoutingDecision {
        self.route_input(&RouteInput {
            category: Some(&complaint.category),
            subcategory: Some(&complaint.subcategory),
            text: complaint.description.as_str(),
            identifiers: &complaint.identifiers,
        })
    }

    /// Routes a complaint about to be filed, for its [`NewComplaint::routing`].
    pub fn route_new(&self, new: &NewComplaint) -> RoutingDecision {
        self.route_input(&RouteInput {
            category: Some(&new.category),
            subcategory: Some(&new.subcategory),
            text: new.description.as_str(),
            identifiers: &new.identifiers(),
        })
    }

    /// Routes a text, finding its identifiers first.
    pub fn route_text(
        &self,
        category: Option<&CategoryCode>,
        subcategory: Option<&SubcategoryCode>,
        text: &str,
    ) -> RoutingDecision {
        let prepared = MatchText::new(text);
        let identifiers = analysis::identifiers_in(&prepared);
        let input = RouteInput {
            category,
            subcategory,
            text,
            identifiers: &identifiers,
        };
        self.route_prepared(&prepared, &input)
    }

    /// Routes what is given.
    pub fn route_input(&self, input: &RouteInput<'_>) -> RoutingDecision {
        self.route_prepared(&MatchText::new(input.text), input)
    }

    fn route_prepared(&self, text: &MatchText, input: &RouteInput<'_>) -> RoutingDecision {
        let haystack = text.as_str();

        // One pass over the text for every keyword of every rule.
        let mut keyword_hits: Vec<Vec<usize>> = vec![Vec::new(); self.rules.len()];
        for m in self.keywords.find_overlapping_iter(haystack) {
            if !text.is_whole_words(m.start(), m.end()) {
                continue;
            }
            for &(ri, ki) in &self.keyword_users[m.pattern().as_usize()] {
                if !keyword_hits[ri].contains(&ki) {
                    keyword_hits[ri].push(ki);
                }
            }
        }
        let mut regex_hits: Vec<Vec<usize>> = vec![Vec::new(); self.rules.len()];
        for i in self.regexes.matches(haystack).iter() {
            let (ri, xi) = self.regex_rule[i];
            regex_hits[ri].push(xi);
        }
        let present: Vec<IdentifierKind> = input.identifiers.iter().map(|i| i.kind).collect();
        let amount = largest_amount(input.identifiers);

        struct Candidate {
            rule: usize,
            strength: usize,
            identifiers: Vec<IdentifierKind>,
        }
        let mut candidates: Vec<Candidate> = Vec::new();
        for (ri, rule) in self.rules.iter().enumerate() {
            if !rule.categories.is_empty()
                && !input.category.is_some_and(|c| rule.categories.contains(c))
            {
                continue;
            }
            if !rule.subcategories.is_empty() {
                let chosen = input.category.zip(input.subcategory);
                if !chosen.is_some_and(|(c, s)| {
                    rule.subcategories.iter().any(|(rc, rs)| rc == c && rs == s)
                }) {
                    continue;
                }
            }
            let ids: Vec<IdentifierKind> = rule
                .identifiers
                .iter()
                .copied()
                .filter(|k| present.contains(k))
                .collect();
            let amount_ok = rule.min_amount.map(|min| amount.is_some_and(|a| a >= min));
            let conditions = [
                (!rule.keywords.is_empty()).then_some(!keyword_hits[ri].is_empty()),
                (!rule.regexes.is_empty()).then_some(!regex_hits[ri].is_empty()),
                (!rule.identifiers.is_empty()).then_some(!ids.is_empty()),
                amount_ok,
            ];
            let mut given = conditions.iter().flatten().peekable();
            let matched = match (given.peek().is_some(), rule.mode) {
                (false, _) => true, // filters only
                (true, Mode::Any) => conditions.iter().flatten().any(|c| *c),
                (true, Mode::All) => conditions.iter().flatten().all(|c| *c),
            };
            if !matched {
                continue;
            }
            let strength = keyword_hits[ri].len()
                + regex_hits[ri].len()
                + ids.len()
                + usize::from(amount_ok == Some(true))
                + usize::from(!rule.categories.is_empty())
                + usize::from(!rule.subcategories.is_empty());
            candidates.push(Candidate {
                rule: ri,
                strength,
                identifiers: ids,
            });
        }
        candidates.sort_by(|a, b| {
            let (ra, rb) = (&self.rules[a.rule], &self.rules[b.rule]);
            rb.priority
                .cmp(&ra.priority)
                .then(b.strength.cmp(&a.strength))
                .then(a.rule.cmp(&b.rule))
        });

        let Some(best) = candidates.first() else {
            return RoutingDecision {
                agency: self.desk.clone(),
                copy: Vec::new(),
                rule: None,
                reason: None,
                matched_keywords: Vec::new(),
                matched_patterns: Vec::new(),
                matched_identifiers: Vec::new(),
                runner_up: None,
                confidence: 0,
            };
        };
        let rule = &self.rules[best.rule];
        let runner_up = candidates
            .iter()
            .skip(1)
            .find(|c| self.rules[c.rule].agency != rule.agency);
        let mut confidence = 1.0 - 0.5f32.powi(best.strength as i32);
        if let Some(r) = runner_up {
            confidence *= if self.rules[r.rule].priority == rule.priority {
                0.7
            } else {
                0.95
            };
        }
        let mut hits = keyword_hits[best.rule].clone();
        hits.sort_unstable();
        RoutingDecision {
            agency: rule.agency.clone(),
            copy: rule.copy.clone(),
            rule: Some(rule.id.clone()),
            reason: Some(rule.description.clone()),
            matched_keywords: hits.iter().map(|&k| rule.keywords[k].clone()).collect(),
            matched_patterns: regex_hits[best.rule]
                .iter()
                .map(|&x| rule.regexes[x].clone())
                .collect(),
            matched_identifiers: best.identifiers.clone(),
            runner_up: runner_up.map(|r| RunnerUp {
                rule: self.rules[r.rule].id.clone(),
                agency: self.rules[r.rule].agency.clone(),
            }),
            confidence: (confidence.min(0.99) * 100.0).round() as u8,
        }
    }
}

/// Rules that can be reloaded while the program runs. A file with a fault is refused as a whole
/// and the rules in force stay.
#[derive(Debug, Clone)]
pub struct SharedRouter {
    current: Arc<RwLock<Arc<Router>>>,
}

impl SharedRouter {
    /// Shares `router`.
    pub fn new(router: Router) -> Self {
        Self {
            current: Arc::new(RwLock::new(Arc::new(router))),
        }
    }

    /// The rules in force.
    pub fn get(&self) -> Arc<Router> {
        Arc::clone(&self.current.read().unwrap_or_else(|p| p.into_inner()))
    }

    /// Replaces the rules with those of `path`, if the file has no fault.
    ///
    /// # Errors
    ///
    /// [`RulesError`]; the rules in force are unchanged.
    pub fn reload(&self, path: &Path, catalog: &Catalog) -> Result<(), RulesError> {
        let next = Router::from_file(path, catalog)?;
        *self.current.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(next);
        Ok(())
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Mode::Any => "any",
            Mode::All => "all",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> Catalog {
        Catalog::builtin()
    }

    fn refused(text: &str) -> RulesError {
        Router::from_toml(text, "rules.toml", &catalog()).unwrap_err()
    }

    const GOOD: &str = r#"
[[rule]]
id = "a"
description = "A"
description_th = "ก"
agency = "FDA"
keywords = ["ยา"]
"#;

    #[test]
    fn faults_are_located() {
        let e = refused(&format!(
            "{GOOD}\n[[rule]]\nid = \"b\"\ndescription = \"B\"\ndescription_th = \"ข\"\nagency = \"NOPE\"\nkeywords = [\"x\"]\n"
        ));
        assert_eq!(
            (e.line, e.column, e.rule.as_deref()),
            (13, 10, Some("b")),
            "{e}"
        );
        assert!(
            e.to_string()
                .starts_with("rules.toml:13:10: rule \"b\": unknown agency"),
            "{e}"
        );

        let e = refused(&format!("{GOOD}regex = [\"(unclosed\"]\n"));
        assert_eq!((e.line, e.rule.as_deref()), (8, Some("a")), "{e}");
        assert!(e.message.contains("bad regular expression"), "{e}");

        let e = refused(&format!("{GOOD}colour = \"red\"\n"));
        assert_eq!((e.line, e.rule.as_deref()), (8, Some("a")), "{e}");
        assert!(e.message.contains("unknown field"), "{e}");

        let e = refused("[[rule]\nid = 1");
        assert_eq!(e.line, 1, "{e}");

        let e = refused(&format!("{GOOD}{GOOD}"));
        assert!(e.message.contains("unique"), "{e}");

        let e = refused(
            "[[rule]]\nid = \"c\"\ndescription = \"C\"\ndescription_th = \"ค\"\nagency = \"FDA\"\n",
        );
        assert!(e.message.contains("no conditions"), "{e}");

        let e = refused(
            "[[rule]]\nid = \"d\"\ndescription = \"D\"\ndescription_th = \"ง\"\nagency = \"FDA\"\nsubcategories = [\"shopping/gambling\"]\n",
        );
        assert_eq!((e.line, e.column), (6, 18), "{e}");

        let e = refused(
            "[[rule]]\nid = \"e\"\ndescription = \"E\"\ndescription_th = \"จ\"\nagency = \"FDA\"\nidentifiers = [\"ssn\"]\n",
        );
        assert!(e.message.contains("unknown identifier kind"), "{e}");
    }

    #[test]
    fn a_faulty_reload_keeps_the_rules_in_force() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("rules.toml");
        std::fs::write(&path, GOOD).unwrap();
        let shared = SharedRouter::new(Router::from_file(&path, &catalog()).unwrap());
        assert_eq!(shared.get().rules().len(), 1);
        std::fs::write(&path, format!("{GOOD}regex = [\"(\"]\n")).unwrap();
        let e = shared.reload(&path, &catalog()).unwrap_err();
        assert!(e.file.ends_with("rules.toml"));
        assert_eq!(
            shared.get().route_text(None, None, "ขายยา").agency.as_str(),
            "FDA"
        );
        std::fs::write(&path, GOOD.replace("FDA", "OCPB")).unwrap();
        shared.reload(&path, &catalog()).unwrap();
        assert_eq!(
            shared.get().route_text(None, None, "ขายยา").agency.as_str(),
            "OCPB"
        );
    }

    #[test]
    fn keywords_match_whole_words_only() {
        let r = Router::from_toml(GOOD, "t", &catalog()).unwrap();
        assert!(r.route_text(None, None, "ร้านขายยาออนไลน์").is_match());
        assert!(!r.route_text(None, None, "ติดต่อยากมาก").is_match());
        assert!(!r.route_text(None, None, "พยายามโทรหา").is_match());
    }

    #[test]
    fn all_mode_amounts_identifiers_and_regex() {
        let text = r#"
[[rule]]
id = "big"
description = "Big"
description_th = "ใหญ่"
agency = "TCSD"
match = "all"
keywords = ["โอน"]
identifiers = ["bank_account"]
min_amount = 10000

[[rule]]
id = "pattern"
description = "Pattern"
description_th = "แพทเทิร์น"
agency = "THAICERT"
regex = ["(?i)\\bjs\\.evil\\b"]
"#;
        let r = Router::from_toml(text, "t", &catalog()).unwrap();
        let d = r.route_text(None, None, "โอน 2 หมื่น เข้าบัญชี 123-4-56789-0");
        assert_eq!(d.rule.as_deref(), Some("big"));
        assert_eq!(d.matched_identifiers, [IdentifierKind::BankAccount]);
        assert!(
            !r.route_text(None, None, "โอน 500 บาท เข้าบัญชี 123-4-56789-0")
                .is_match()
        );
        assert!(!r.route_text(None, None, "โอน 2 หมื่น").is_match());
        let d = r.route_text(None, None, "script js.evil loaded");
        assert_eq!(
            (d.rule.as_deref(), d.matched_patterns.len()),
            (Some("pattern"), 1)
        );
    }

    #[test]
    fn a_close_runner_up_lowers_confidence() {
        let router = Router::builtin(&catalog());
        let clear = router.route_text(None, None, "สั่งของแล้วไม่ได้ของ ร้านไม่ส่งของ ของไม่มา");
        assert_eq!(clear.agency.as_str(), "OCPB");
        let torn = router.route_text(None, None, "เว็บพนันส่ง sms มา แล้วเฟสโดนแฮ็ก");
        assert!(torn.runner_up.is_some());
        assert!(torn.confidence < clear.confidence, "{torn:?} {clear:?}");
    }
}
