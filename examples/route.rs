//! Routing complaints in bulk, the way an operator tries a rules change on real complaints
//! before deploying it: one JSON object per line in, one per line out.
//!
//! Run with:
//!
//! ```text
//! cargo run --example route < complaints.jsonl                      # the built-in rules
//! cargo run --example route -- --rules my-rules.toml < complaints.jsonl
//! ```
//!
//! Each input line is `{"category": "...", "text": "..."}`; the category is optional and may
//! name a subcategory too (`"shopping/not_delivered"`), and an `"id"` field, if present, is
//! copied to the output so results can be joined back:
//!
//! ```text
//! $ echo '{"category": "shopping", "text": "โอนเงินแล้ว ร้านไม่ส่งของ บัญชีกสิกร 123-4-56789-0"}' | cargo run -q --example route
//! {"agency":"OCPB","rule":"not-delivered","matched":["ไม่ส่งของ","ร้านไม่ส่ง"],"identifiers":[{"kind":"bank_account","value":"1234567890"}],"confidence":75}
//! ```
//!
//! A line that cannot be read gets `{"line": N, "error": "..."}` and the rest go on; a rules
//! file with a fault is refused with its file, line, column and rule, and nothing is routed.

use std::io::{BufRead, Write};
use std::process::ExitCode;

use occ::occ_core::routing::Router;
use occ::occ_core::{Catalog, CategoryCode, SubcategoryCode};
use serde::Deserialize;
use serde_json::{Value, json};

#[derive(Deserialize)]
struct Input {
    #[serde(default)]
    category: Option<String>,
    #[serde(default)]
    subcategory: Option<String>,
    text: String,
    #[serde(default)]
    id: Option<Value>,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let catalog = Catalog::builtin();
    let router = match args.as_slice() {
        [] => Router::builtin(&catalog),
        [flag, path] if flag == "--rules" => match Router::from_file(path.as_ref(), &catalog) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(2);
            }
        },
        _ => {
            eprintln!("usage: route [--rules FILE] < complaints.jsonl");
            return ExitCode::from(2);
        }
    };

    let stdin = std::io::stdin().lock();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for (n, line) in stdin.lines().enumerate() {
        let line = match line {
            Ok(l) => l,
            Err(e) => {
                eprintln!("error: reading standard input: {e}");
                return ExitCode::FAILURE;
            }
        };
        if line.trim().is_empty() {
            continue;
        }
        let result = route_line(&router, &catalog, &line)
            .unwrap_or_else(|e| json!({"line": n + 1, "error": e}));
        if writeln!(out, "{result}").is_err() {
            return ExitCode::FAILURE; // The reader went away.
        }
    }
    ExitCode::SUCCESS
}

fn route_line(router: &Router, catalog: &Catalog, line: &str) -> Result<Value, String> {
    let input: Input =
        serde_json::from_str(line).map_err(|e| format!("not a complaint object: {e}"))?;
    let (category, subcategory) = match (input.category.as_deref(), input.subcategory.as_deref()) {
        (None, _) => (None, None),
        (Some(c), sub) => {
            let (c, s) = match (c.split_once('/'), sub) {
                (Some((c, s)), _) => (c, Some(s)),
                (None, s) => (c, s),
            };
            let category = CategoryCode::new(c).map_err(|e| e.to_string())?;
            catalog
                .category(&category)
                .ok_or_else(|| format!("unknown category {c:?}"))?;
            let subcategory = match s {
                Some(s) => Some(catalog.check(c, s).map_err(|e| e.to_string())?.1),
                None => None::<SubcategoryCode>,
            };
            (Some(category), subcategory)
        }
    };
    let decision = router.route_text(category.as_ref(), subcategory.as_ref(), &input.text);
    let identifiers: Vec<Value> = occ::occ_core::analysis::identifiers(&input.text)
        .into_iter()
        .map(|i| json!({"kind": i.kind, "value": i.value}))
        .collect();
    let matched: Vec<&String> = decision
        .matched_keywords
        .iter()
        .chain(&decision.matched_patterns)
        .collect();
    let mut result = json!({
        "agency": decision.agency,
        "rule": decision.rule,
        "matched": matched,
        "identifiers": identifiers,
        "confidence": decision.confidence,
    });
    if let Some(id) = input.id {
        result["id"] = id;
    }
    Ok(result)
}
