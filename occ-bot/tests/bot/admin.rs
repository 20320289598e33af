//! The real `occ-bot admin` binary: officers, a complaint shown, queued and counted, statistics
//! as text, JSON, CSV and a chart, export then import, routing explained, rules checked, and a
//! clear error for each kind of bad argument.

use std::path::Path;

use serde_json::Value;

use crate::binary::{file_through_console, issue_id_in, run};

fn admin(dir: &Path, args: &[&str]) -> (String, String, bool) {
    let mut all = vec!["admin", "--lang", "en"];
    all.extend_from_slice(args);
    run(dir, &all, "")
}

/// Runs an admin command that must succeed; returns its standard output.
#[track_caller]
fn ok(dir: &Path, args: &[&str]) -> String {
    let (out, err, ok) = admin(dir, args);
    assert!(ok, "{args:?} failed: {err}");
    out
}

/// Runs an admin command that must fail; returns its standard error.
#[track_caller]
fn fails(dir: &Path, args: &[&str]) -> String {
    let (out, err, ok) = admin(dir, args);
    assert!(!ok, "{args:?} succeeded: {out}");
    assert!(!err.trim().is_empty(), "{args:?} failed without a word");
    err
}

fn json(out: &str) -> Value {
    serde_json::from_str(out).unwrap_or_else(|e| panic!("{e}: {out}"))
}

#[test]
fn officers_are_added_listed_changed_and_removed() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    assert!(ok(&dir, &["officers", "list"]).contains("There are no officers yet"));
    let out = ok(
        &dir,
        &[
            "officers",
            "add",
            "telegram:123456789",
            "--name",
            "Somchai",
            "--role",
            "desk",
        ],
    );
    assert_eq!(
        out.trim(),
        "Added: telegram:123456789 · Somchai · desk · th"
    );
    let out = ok(
        &dir,
        &[
            "officers",
            "add",
            "telegram:123456789",
            "--name",
            "Somchai",
            "--role",
            "agency:OCPB",
            "--officer-lang",
            "en",
        ],
    );
    assert!(
        out.starts_with("Changed:") && out.contains("agency:OCPB · en"),
        "{out}"
    );
    let list = json(&ok(&dir, &["officers", "list", "--json"]));
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["name"], "Somchai");
    assert_eq!(list[0]["language"], "en");

    // Bad arguments are named.
    for (user, name, role, expected) in [
        ("terminal:x", "X", "boss", "desk, admin or agency:CODE"),
        ("terminal:x", "X", "agency:NOPE", "no agency NOPE"),
        ("somchai", "X", "desk", "somchai"),
        ("terminal:x", " ", "desk", "--name"),
    ] {
        let err = fails(
            &dir,
            &["officers", "add", user, "--name", name, "--role", role],
        );
        assert!(err.contains(expected), "{user} {name:?} {role}: {err}");
    }
    assert!(ok(&dir, &["officers", "add", "--help"]).contains("--officer-lang"));

    let out = ok(&dir, &["officers", "remove", "telegram:123456789"]);
    assert!(out.contains("is no longer an officer"), "{out}");
    let err = fails(&dir, &["officers", "remove", "telegram:123456789"]);
    assert!(err.contains("is not an officer"), "{err}");
    assert_eq!(json(&ok(&dir, &["officers", "list", "--json"])), json("[]"));
}

#[test]
fn a_complaint_is_shown_queued_counted_exported_and_imported() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let id = issue_id_in(&file_through_console(&dir));

    // Shown, as the desk sees it, and as JSON.
    let shown = ok(&dir, &["show", &id]);
    assert!(
        shown.contains(&id) && shown.contains("สั่งรองเท้าจากเพจ") && shown.contains("+66812345678"),
        "{shown}"
    );
    let shown = json(&ok(&dir, &["show", &id.to_lowercase(), "--json"]));
    assert_eq!(shown["id"], id.as_str());
    let mut typo = id.clone();
    let last = typo.pop().unwrap();
    typo.push(if last == '1' { '2' } else { '1' });
    let err = fails(&dir, &["show", &typo]);
    assert!(err.contains("check digit"), "{err}");
    let err = fails(&dir, &["show", "OCC-2569-000099-0"]);
    assert!(
        err.contains("OCC-2569-000099") || err.contains("check digit"),
        "{err}"
    );

    // In the desk's queue, with the routing suggestion; not in the FDA's.
    let queue = ok(&dir, &["queue"]);
    assert!(
        queue.contains("One complaint") && queue.contains(&id),
        "{queue}"
    );
    let rows = json(&ok(&dir, &["queue", "--json"]));
    assert_eq!(rows[0]["id"], id.as_str());
    assert_eq!(rows[0]["suggestion"], "OCPB");
    assert_eq!(
        json(&ok(&dir, &["queue", "--agency", "FDA", "--json"])),
        json("[]")
    );
    let err = fails(&dir, &["queue", "--agency", "NOPE"]);
    assert!(err.contains("no agency NOPE"), "{err}");

    // Counted: the same figures as text, JSON and CSV; and a chart.
    let text = ok(&dir, &["stats"]);
    assert!(text.contains("Received: 1"), "{text}");
    let figures = json(&ok(&dir, &["stats", "--json"]));
    assert_eq!(figures["current"]["received"], 1);
    let csv = ok(&dir, &["stats", "--csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let value = |measure: &str| -> String {
        rows.iter()
            .find(|r| &r[column("measure")] == measure && r[column("agency")].is_empty())
            .unwrap()[column("value")]
        .to_owned()
    };
    for measure in ["received", "forwarded", "resolved"] {
        assert_eq!(
            value(measure),
            figures["current"][measure].to_string(),
            "{measure} in {csv}"
        );
    }
    assert_eq!(
        rows[0][column("from")],
        *figures["period"]["first"].as_str().unwrap(),
        "{csv}"
    );
    let chart = tmp.path().join("chart.png");
    ok(
        &dir,
        &[
            "stats",
            "--month",
            "2569-12",
            "--chart",
            chart.to_str().unwrap(),
        ],
    );
    let img = image::open(&chart).unwrap();
    assert_eq!((img.width(), img.height()), occ_bot::chart::SIZE);
    let err = fails(&dir, &["stats", "--month", "13/2569"]);
    assert!(err.contains("is not a month"), "{err}");
    let err = fails(&dir, &["stats", "--json", "--csv"]);
    assert!(err.contains("cannot be used with"), "{err}");
    assert!(ok(&dir, &["audit"]).contains("The audit log is empty"));

    // Export, import into a new directory, export again: the same store.
    let dump = tmp.path().join("dump.jsonl");
    let (_, summary, success) = admin(&dir, &["export", dump.to_str().unwrap()]);
    assert!(success);
    assert!(summary.contains("complaints 1"), "{summary}");
    let copy = tmp.path().join("copy");
    let out = ok(&copy, &["import", dump.to_str().unwrap()]);
    assert!(out.contains("complaints 1"), "{out}");
    let again = ok(&copy, &["export"]);
    assert_eq!(again.as_bytes(), std::fs::read(&dump).unwrap());
    assert!(ok(&copy, &["show", &id]).contains("สั่งรองเท้าจากเพจ"));
    let err = fails(&copy, &["import", dump.to_str().unwrap()]);
    assert!(err.contains("not empty") || err.contains("empty"), "{err}");
    let err = fails(&copy, &["import", "/nonexistent/dump.jsonl"]);
    assert!(err.contains("cannot open"), "{err}");
}

#[test]
fn routing_is_explained_and_rules_files_checked() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let out = ok(
        &dir,
        &[
            "route",
            "โอนเงินซื้อรองเท้าไปแล้ว",
            "ร้านไม่ส่งของ",
            "--category",
            "shopping",
        ],
    );
    assert!(
        out.contains("Consumer Protection") && out.contains("% sure"),
        "{out}"
    );
    let decision = json(&ok(
        &dir,
        &[
            "route",
            "--json",
            "เว็บพนันออนไลน์ https://bet-win88.com สมัครง่าย",
        ],
    ));
    assert_eq!(decision["agency"], "MDES");
    assert!(
        decision["identifiers"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["value"].as_str().unwrap_or("").contains("bet-win88.com")),
        "{decision}"
    );
    let err = fails(&dir, &["route", "x", "--category", "cooking"]);
    assert!(err.contains("no category \"cooking\""), "{err}");
    let err = fails(&dir, &["route"]);
    assert!(err.contains("no text to route"), "{err}");

    let rules = concat!(env!("CARGO_MANIFEST_DIR"), "/../occ-core/data/rules.toml");
    let out = ok(&dir, &["rules", "check", rules]);
    assert!(out.contains("rules, all valid"), "{out}");
    let bad = tmp.path().join("bad.toml");
    std::fs::write(
        &bad,
        "[[rule]]\nid = \"x\"\ndescription = \"x\"\ndescription_th = \"x\"\nagency = \"NOPE\"\nkeywords = [\"a\"]\n",
    )
    .unwrap();
    let err = fails(&dir, &["rules", "check", bad.to_str().unwrap()]);
    assert!(err.contains("NOPE"), "{err}");
    std::fs::write(&bad, "this is not toml [").unwrap();
    let err = fails(&dir, &["rules", "check", bad.to_str().unwrap()]);
    assert!(err.contains("bad.toml"), "{err}");
    assert!(ok(&dir, &["--help"]).contains("officers"));
    // Nothing was opened: routing and rules need no data directory.
    assert!(!dir.exists());
}
