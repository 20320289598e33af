//! The real `occ-bot console` binary, driven through standard input as a script would.

use std::io::Write;
use std::process::{Command, Stdio};

/// Runs `occ-bot --data DIR ARGS...` with `input` on standard input; returns standard output,
/// standard error and whether it succeeded.
pub fn run(dir: &std::path::Path, args: &[&str], input: &str) -> (String, String, bool) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_occ-bot"))
        .arg("--data")
        .arg(dir)
        .args(args)
        .env_remove("OCC_CONFIG")
        .env("LANG", "C.UTF-8")
        .current_dir(dir.parent().unwrap())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.success(),
    )
}

/// Files a shopping complaint through `occ-bot console` as a Thai citizen; returns standard
/// output.
pub fn file_through_console(dir: &std::path::Path) -> String {
    let script = [
        "1", // File a complaint
        "สมหญิง ใจดี",
        "081-234-5678",
        "1",     // no email
        "1",     // no national ID
        "ยินยอม", // the label works as well as the number
        "1",     // Online shopping
        "1",     // Paid, nothing arrived
        "สั่งรองเท้าจากเพจ โอนไป 1,500 บาท ร้านไม่ส่งของ",
        "https://www.facebook.com/ShoeDealTH",
        "1", // Done
        "1", // Confirm
        "/quit",
    ]
    .join("\n");
    let (out, err, ok) = run(dir, &["console"], &script);
    assert!(ok, "{err}");
    assert!(err.is_empty(), "no logs at the default level: {err}");
    out
}

/// The Issue ID the console printed.
pub fn issue_id_in(out: &str) -> String {
    out.lines()
        .find(|l| l.starts_with("OCC-"))
        .expect("an Issue ID line")
        .trim()
        .to_owned()
}

#[test]
fn a_complaint_is_filed_and_checked_through_the_binary() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let out = file_through_console(&dir);
    assert!(
        out.contains("สวัสดีค่ะ") && out.contains("รับเรื่องร้องเรียนเรียบร้อยแล้ว"),
        "{out}"
    );
    let id = issue_id_in(&out);

    // A second run (a restart) finds it, in English this time.
    let (out, err, ok) = run(
        &dir,
        &["console", "--lang", "en"],
        &format!("{}\n", id.to_lowercase()),
    );
    assert!(ok, "{err}");
    assert!(
        out.contains(&id) && out.contains("Received") && out.contains("Filed"),
        "{out}"
    );

    // Another user does not see it.
    let (out, _, ok) = run(
        &dir,
        &["console", "--user", "someone-else"],
        &format!("{id}\n"),
    );
    assert!(ok);
    assert!(out.contains("ไม่พบเรื่อง"), "{out}");

    // A path to a file that is not there is named, not taken for a command or a description.
    let (out, _, ok) = run(
        &dir,
        &["console", "--lang", "th"],
        "/no/such/slip.png\n/attach ./nope.jpg\n",
    );
    assert!(ok);
    assert!(
        out.contains("ไม่พบไฟล์ที่ /no/such/slip.png") && out.contains("ไม่พบไฟล์ที่ ./nope.jpg"),
        "{out}"
    );
}

#[test]
fn clear_errors_for_a_locked_or_foreign_data_directory() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("notes.txt"), "mine").unwrap();
    let (_, err, ok) = run(tmp.path(), &["console"], "");
    assert!(!ok);
    assert!(err.contains("is not an OCC data directory"), "{err}");
    let (out, _, ok) = run(tmp.path(), &["--help"], "");
    assert!(ok && out.contains("console"), "{out}");
    let (out, _, ok) = run(tmp.path(), &["console", "--help"], "");
    assert!(
        ok && out.contains("--lang") && out.contains("--user"),
        "{out}"
    );
    let (_, err, ok) = run(tmp.path(), &["console", "--lang", "fr"], "");
    assert!(!ok && err.contains("unknown language"), "{err}");
}

/// `occ-bot telegram` against the fake Bot API: it answers, and SIGTERM stops it cleanly, with
/// the store closed properly (the manifest records a clean close).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_telegram_bot_answers_and_stops_cleanly_on_sigterm() {
    let fake = crate::fake_telegram::FakeTelegram::start().await;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_occ-bot"))
        .args(["--data", dir.to_str().unwrap(), "telegram"])
        .env("TELOXIDE_TOKEN", crate::fake_telegram::TOKEN)
        .env("TELOXIDE_API_URL", &fake.url)
        .env_remove("OCC_CONFIG")
        .current_dir(tmp.path())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    fake.text(1001, "en", 1, "/start");
    let sent = fake.sent_to(1001, 1).await;
    assert!(
        sent[0]["text"]
            .as_str()
            .unwrap()
            .contains("1212 Online Complaint Center")
    );
    let status = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let out = tokio::task::spawn_blocking(move || child.wait_with_output())
        .await
        .unwrap()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("connected to Telegram") && !err.contains(crate::fake_telegram::TOKEN),
        "{err}"
    );
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("occ-store.json")).unwrap()).unwrap();
    assert!(
        manifest.get("closed_files").is_some(),
        "closed cleanly: {manifest}"
    );
}
