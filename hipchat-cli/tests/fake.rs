//! The commands against the in-memory HipChat (`--fake`).
#![cfg(feature = "fake")]

mod common;

use common::Shows::{Stderr, StderrStart, Stdout, StdoutStart};
use common::{Hipchat, json_lines};
use serde_json::Value;

fn fake() -> Hipchat {
    Hipchat::new().args(["--fake"])
}

#[test]
fn rooms_list_shows_the_demo_rooms() {
    let run = fake().args(["rooms", "list"]).run();
    run.assert_code(0);
    let names: Vec<&str> = run
        .stdout
        .lines()
        .skip(1)
        .map(|l| l.split_whitespace().nth(1).unwrap())
        .collect();
    assert_eq!(names, ["Ops", "Dev"], "{}", run.stdout);
    run.assert_shows(StdoutStart("ID  NAME"))
        .assert_shows(Stderr("in-memory HipChat"));

    let run = fake().args(["-q", "rooms", "list", "--json"]).run();
    run.assert_code(0);
    assert_eq!(run.stderr, "");
    let names: Vec<Value> = json_lines(&run.stdout)
        .iter()
        .map(|r| r["name"].clone())
        .collect();
    assert_eq!(names, ["Ops", "Dev"]);
}

#[test]
fn users_list_shows_the_demo_users_with_a_configured_token() {
    let run = fake()
        .env("HIPCHAT_TOKEN", "my-own-token")
        .args(["users", "list"])
        .run();
    run.assert_code(0)
        .assert_shows(Stdout("@alice   alice@example.com"))
        .assert_shows(Stdout("@bob     bob@example.com"));
}

#[test]
fn a_notification_shows_up_in_the_history_export_of_a_later_run() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("fake-state.jsonl");
    let state = state.to_str().unwrap();
    let text = "deploy done\n\t✓ all green — ünïcödé";
    let run = fake()
        .args(["--fake-state", state, "notify", "-r", "Ops", "--from", "CI"])
        .stdin(format!("{text}\n"))
        .run();
    run.assert_code(0);
    assert_eq!(run.stdout, "");

    let run = fake()
        .env("HIPCHAT_FAKE_STATE", state)
        .args(["history", "export", "-r", "Ops"])
        .run();
    run.assert_code(0);
    let messages = json_lines(&run.stdout);
    let last = messages.last().unwrap();
    assert_eq!(last["message"], text, "{}", run.stdout);
    assert!(
        messages.len() > 1,
        "the demo history comes first: {}",
        run.stdout
    );
    let dates: Vec<&str> = messages
        .iter()
        .map(|m| m["date"].as_str().unwrap())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted, "oldest first");

    // Without the state file, a run starts from the demo again.
    let run = fake().args(["history", "export", "-r", "Ops"]).run();
    run.assert_code(0);
    assert!(!run.stdout.contains("deploy done"), "{}", run.stdout);
}

#[test]
fn history_export_resumes_against_the_fake() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.jsonl");
    let output = dir.path().join("ops.jsonl");
    let (state, output_arg) = (state.to_str().unwrap(), output.to_str().unwrap());
    let export = || {
        fake()
            .args(["--fake-state", state, "history", "export", "-r", "Ops"])
            .args(["--page-size", "2", "-o", output_arg, "--resume"])
            .run()
    };
    let run = export();
    run.assert_code(0);
    let before = json_lines(&std::fs::read_to_string(&output).unwrap());
    for n in 1..=3 {
        let run = fake()
            .args([
                "--fake-state",
                state,
                "message",
                "-r",
                "Ops",
                &format!("new {n}"),
            ])
            .run();
        run.assert_code(0);
    }
    let run = export();
    run.assert_code(0);
    let after = json_lines(&std::fs::read_to_string(&output).unwrap());
    assert_eq!(after.len(), before.len() + 3, "{after:#?}");
    assert_eq!(after[..before.len()], before[..]);
    let new: Vec<&str> = after[before.len()..]
        .iter()
        .map(|m| m["message"].as_str().unwrap())
        .collect();
    assert_eq!(new, ["new 1", "new 2", "new 3"]);
}

#[test]
fn errors_from_the_fake_exit_non_zero_with_its_message() {
    let run = fake().args(["notify", "-r", "No Such Room", "hi"]).run();
    run.assert_code(1)
        .assert_shows(StderrStart("hipchat: error: "))
        .assert_shows(Stderr("(HTTP 404)"));
    assert_eq!(run.stdout, "");
}

#[test]
fn private_messages_and_tokens_work_on_the_fake() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.jsonl");
    let state = state.to_str().unwrap();
    let run = fake()
        .args(["--fake-state", state, "message", "--user", "@alice", "ping"])
        .run();
    run.assert_code(0);
    let run = fake()
        .args([
            "--fake-state",
            state,
            "history",
            "export",
            "--user",
            "@alice",
        ])
        .run();
    run.assert_code(0);
    assert_eq!(json_lines(&run.stdout).last().unwrap()["message"], "ping");

    let run = fake().args(["token", "--scope", "view_room"]).run();
    run.assert_code(0);
    assert!(!run.stdout.trim().is_empty());
    assert_eq!(run.stdout.lines().count(), 1);
}

#[test]
fn dry_run_against_the_fake_shows_the_request() {
    fake()
        .args(["notify", "-r", "Ops", "hi", "--dry-run"])
        .run()
        .assert_code(0)
        .assert_shows(StdoutStart(
            "POST https://hipchat.fake/v2/room/Ops/notification\n",
        ));
}
