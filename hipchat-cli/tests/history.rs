//! `hipchat history export` against a mockito server: paging, JSON Lines oldest first, resume.

mod common;

use common::against;
use mockito::{Matcher, Mock, ServerGuard};
use serde_json::{Value, json};

fn message(n: u32) -> Value {
    json!({
        "id": format!("m{n}"),
        "date": format!("2017-05-20T10:00:{n:02}.000000+00:00"),
        "message": format!("message {n}\n\twith ünïcödé"),
        "type": "message",
        "from": {"id": 7, "name": "Bob", "mention_name": "bob", "links": {"self": "https://x/v2/user/7"}}
    })
}

/// A history page of messages `ns` (newest first), at `start`, with a `next` link if `next`.
fn page(url: &str, ns: &[u32], start: u64, next: Option<u64>) -> String {
    let mut links = json!({"self": format!("{url}/v2/room/Ops/history")});
    if let Some(next) = next {
        links["next"] = json!(format!(
            "{url}/v2/room/Ops/history?start-index={next}&max-results=2"
        ));
    }
    json!({
        "items": ns.iter().map(|&n| message(n)).collect::<Vec<_>>(),
        "startIndex": start,
        "maxResults": 2,
        "links": links
    })
    .to_string()
}

const UNTIL: &str = "date=2017-06-01T00%3A00%3A00Z";

fn history_mock(server: &mut ServerGuard, query: String, body: String) -> Mock {
    server
        .mock("GET", "/v2/room/Ops/history")
        .match_query(Matcher::Exact(query))
        .match_header("authorization", "Bearer test-token")
        .with_status(200)
        .with_header("content-type", "application/json")
        .with_body(body)
        .expect(1)
        .create()
}

fn ids(text: &str) -> Vec<String> {
    text.lines()
        .map(|line| {
            let value: Value = serde_json::from_str(line).expect("each line is JSON");
            value["id"].as_str().unwrap().to_owned()
        })
        .collect()
}

#[test]
fn pages_into_json_lines_oldest_first_and_resumes_without_duplicates() {
    let mut server = mockito::Server::new();
    let url = server.url();
    let first = [
        history_mock(
            &mut server,
            format!("{UNTIL}&max-results=2&reverse=false"),
            page(&url, &[5, 4], 0, Some(2)),
        ),
        history_mock(
            &mut server,
            format!("{UNTIL}&start-index=2&max-results=2&reverse=false"),
            page(&url, &[3, 2], 2, Some(4)),
        ),
        history_mock(
            &mut server,
            format!("{UNTIL}&start-index=4&max-results=2&reverse=false"),
            page(&url, &[1], 4, None),
        ),
    ];
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("ops.jsonl");
    let output_arg = output.to_str().unwrap();
    let run = against(&server)
        .args([
            "history",
            "export",
            "--room",
            "Ops",
            "--until",
            "2017-05-31",
        ])
        .args(["--page-size", "2", "--output", output_arg])
        .run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stdout, "");
    assert!(
        !run.stderr.contains('\u{1b}'),
        "plain progress: {:?}",
        run.stderr
    );
    assert!(run.stderr.contains("page 3"), "{}", run.stderr);
    assert!(
        run.stderr.contains("exported 5 messages of room Ops"),
        "{}",
        run.stderr
    );
    for mock in &first {
        mock.assert();
    }
    let text = std::fs::read_to_string(&output).unwrap();
    assert_eq!(ids(&text), ["m1", "m2", "m3", "m4", "m5"]);
    let line: Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    assert_eq!(line["message"], "message 1\n\twith ünïcödé");
    assert_eq!(line["date"], "2017-05-20T10:00:01.000000+00:00");
    assert_eq!(line["from"]["mention_name"], "bob");

    // New messages arrived; resuming asks from the last date on and skips what is there.
    let resumed = format!(
        "{UNTIL}&max-results=2&reverse=false&end-date=2017-05-20T10%3A00%3A05.000000%2B00%3A00"
    );
    let second = [
        history_mock(
            &mut server,
            resumed.clone(),
            page(&url, &[7, 6], 0, Some(2)),
        ),
        history_mock(
            &mut server,
            format!(
                "{UNTIL}&start-index=2&max-results=2&reverse=false&end-date=2017-05-20T10%3A00%3A05.000000%2B00%3A00"
            ),
            page(&url, &[5], 2, None),
        ),
    ];
    let run = against(&server)
        .args(["history", "export", "-r", "Ops", "--until", "2017-05-31"])
        .args(["--page-size", "2", "-o", output_arg, "--resume"])
        .run();
    assert_eq!(run.code, 0, "{run:?}");
    for mock in &second {
        mock.assert();
    }
    let text = std::fs::read_to_string(&output).unwrap();
    assert_eq!(ids(&text), ["m1", "m2", "m3", "m4", "m5", "m6", "m7"]);

    // Nothing new: the file stays as it is.
    let third = history_mock(
        &mut server,
        resumed.replace("05.000000", "07.000000"),
        page(&url, &[7], 0, None),
    );
    let run = against(&server)
        .args(["history", "export", "-r", "Ops", "--until", "2017-05-31"])
        .args(["--page-size", "2", "-o", output_arg, "--resume"])
        .run();
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stderr.contains("no new messages"), "{}", run.stderr);
    third.assert();
    assert_eq!(std::fs::read_to_string(&output).unwrap(), text);
}

#[test]
fn exports_to_stdout_and_private_chats() {
    let mut server = mockito::Server::new();
    let body = json!({
        "items": [message(2), message(1)],
        "startIndex": 0, "maxResults": 1000, "links": {}
    });
    let mock = server
        .mock("GET", "/v2/user/%40bob/history")
        .match_query(Matcher::Exact(
            "date=2017-05-21T00%3A00%3A00Z&max-results=1000&reverse=false&end-date=2017-05-20T00%3A00%3A00Z"
                .into(),
        ))
        .with_status(200)
        .with_body(body.to_string())
        .expect(1)
        .create();
    let run = against(&server)
        .args([
            "history",
            "export",
            "--user",
            "@bob",
            "--since",
            "2017-05-20",
        ])
        .args(["--until", "2017-05-20"])
        .run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(ids(&run.stdout), ["m1", "m2"]);
    assert!(
        run.stderr
            .contains("of the private chat with @bob to stdout"),
        "{}",
        run.stderr
    );
    mock.assert();
}

#[test]
fn a_failed_export_leaves_the_old_file_alone_and_exits_1() {
    let mut server = mockito::Server::new();
    let mock = server
        .mock("GET", "/v2/room/Nope/history")
        .match_query(Matcher::Any)
        .with_status(404)
        .with_body(common::error_body(404, "Room not found", "Not Found"))
        .create();
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("old.jsonl");
    std::fs::write(
        &output,
        "{\"id\":\"x\",\"date\":\"2017-01-01T00:00:00Z\"}\n",
    )
    .unwrap();
    let run = against(&server)
        .args([
            "history",
            "export",
            "-r",
            "Nope",
            "-o",
            output.to_str().unwrap(),
        ])
        .run();
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stderr
            .contains("hipchat: error: Room not found (HTTP 404)"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(&output).unwrap(),
        "{\"id\":\"x\",\"date\":\"2017-01-01T00:00:00Z\"}\n"
    );
    mock.assert();
}

#[test]
fn dry_run_prints_the_first_request_only() {
    let mut server = mockito::Server::new();
    let mock = server.mock("GET", Matcher::Any).expect(0).create();
    let run = against(&server)
        .args([
            "history",
            "export",
            "-r",
            "Ops",
            "--since",
            "2017-05-01T08:00:00+02:00",
        ])
        .args(["--until", "2017-05-02T00:00:00Z", "--dry-run"])
        .run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        run.stdout.lines().next().unwrap(),
        format!(
            "GET {}/v2/room/Ops/history?date=2017-05-02T00%3A00%3A00Z&max-results=1000&reverse=false&end-date=2017-05-01T08%3A00%3A00%2B02%3A00",
            server.url()
        )
    );
    assert!(
        run.stderr.contains("only its first request"),
        "{}",
        run.stderr
    );
    mock.assert();
}

#[test]
fn bad_dates_and_resume_without_output_are_usage_errors() {
    let server = mockito::Server::new();
    let run = against(&server)
        .args(["history", "export", "-r", "Ops", "--since", "last week"])
        .run();
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("--since"), "{}", run.stderr);
    let run = against(&server)
        .args([
            "history",
            "export",
            "-r",
            "Ops",
            "--since",
            "2017-05-02",
            "--until",
            "2017-05-01",
        ])
        .run();
    assert_eq!(run.code, 2, "{run:?}");
    let run = against(&server)
        .args(["history", "export", "-r", "Ops", "--resume"])
        .run();
    assert_eq!(run.code, 2, "{run:?}");
}
