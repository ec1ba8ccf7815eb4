//! `hipchat history export` against a mockito server: paging, JSON Lines oldest first, resume.

mod common;

use common::Shows::Stderr;
use common::{Run, against, json_lines, nothing_sent, temp_file, with_error};
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

/// `--until 2017-05-31` on the wire: the start of the next day.
const UNTIL: &str = "date=2017-06-01T00%3A00%3A00.000000%2B00%3A00";

/// A mock of one page of room Ops's history, two messages a page: messages `ns` (newest first)
/// at `start`, with a `next` link if `more`, asked for with `end-date` if given.
fn page_mock(
    server: &mut ServerGuard,
    start: u64,
    ns: &[u32],
    more: bool,
    end_date: Option<&str>,
) -> Mock {
    let url = server.url();
    let mut links = json!({"self": format!("{url}/v2/room/Ops/history")});
    if more {
        links["next"] = json!(format!(
            "{url}/v2/room/Ops/history?start-index={}&max-results=2",
            start + 2
        ));
    }
    let body = json!({
        "items": ns.iter().map(|&n| message(n)).collect::<Vec<_>>(),
        "startIndex": start,
        "maxResults": 2,
        "links": links
    });
    let start_index = match start {
        0 => String::new(),
        _ => format!("&start-index={start}"),
    };
    let end_date = end_date
        .map(|date| format!("&end-date={date}"))
        .unwrap_or_default();
    server
        .mock("GET", "/v2/room/Ops/history")
        .match_query(Matcher::Exact(format!(
            "{UNTIL}{start_index}&max-results=2&reverse=false{end_date}"
        )))
        .match_header("authorization", "Bearer test-token")
        .with_status(200)
        .with_header("content-type", "application/json")
        .with_body(body.to_string())
        .expect(1)
        .create()
}

fn ids(text: &str) -> Vec<String> {
    json_lines(text)
        .iter()
        .map(|value| value["id"].as_str().unwrap().to_owned())
        .collect()
}

/// `history export --resume` of room Ops into `output`, two messages a page.
fn resume(server: &ServerGuard, output: &str) -> Run {
    against(server)
        .args(["history", "export", "-r", "Ops", "--until", "2017-05-31"])
        .args(["--page-size", "2", "-o", output, "--resume"])
        .run()
}

#[test]
fn pages_into_json_lines_oldest_first_and_resumes_without_duplicates() {
    let mut server = mockito::Server::new();
    let first: Vec<Mock> = [(0, &[5, 4][..], true), (2, &[3, 2], true), (4, &[1], false)]
        .into_iter()
        .map(|(start, ns, more)| page_mock(&mut server, start, ns, more, None))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("ops.jsonl");
    let output_arg = output.to_str().unwrap();
    let run = against(&server)
        .args(["history", "export", "--room", "Ops"])
        .args([
            "--until",
            "2017-05-31",
            "--page-size",
            "2",
            "--output",
            output_arg,
        ])
        .run();
    run.assert_code(0)
        .assert_shows(Stderr("page 3"))
        .assert_shows(Stderr("exported 5 messages of room Ops"));
    assert_eq!(run.stdout, "");
    assert!(
        !run.stderr.contains('\u{1b}'),
        "plain progress: {:?}",
        run.stderr
    );
    for mock in &first {
        mock.assert();
    }
    let text = std::fs::read_to_string(&output).unwrap();
    assert_eq!(ids(&text), ["m1", "m2", "m3", "m4", "m5"]);
    let line = &json_lines(&text)[0];
    assert_eq!(line["message"], "message 1\n\twith ünïcödé");
    assert_eq!(line["date"], "2017-05-20T10:00:01.000000+00:00");
    assert_eq!(line["from"]["mention_name"], "bob");

    // New messages arrived; resuming asks from the last date on (as the server wrote it) and
    // skips what is there.
    let last_date = Some("2017-05-20T10%3A00%3A05.000000%2B00%3A00");
    let second = [
        page_mock(&mut server, 0, &[7, 6], true, last_date),
        page_mock(&mut server, 2, &[5], false, last_date),
    ];
    resume(&server, output_arg).assert_code(0);
    for mock in &second {
        mock.assert();
    }
    let text = std::fs::read_to_string(&output).unwrap();
    assert_eq!(ids(&text), ["m1", "m2", "m3", "m4", "m5", "m6", "m7"]);

    // Nothing new: the file stays as it is.
    let last_date = Some("2017-05-20T10%3A00%3A07.000000%2B00%3A00");
    let third = page_mock(&mut server, 0, &[7], false, last_date);
    resume(&server, output_arg)
        .assert_code(0)
        .assert_shows(Stderr("no new messages"));
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
    // A bare date is a whole day: from its start to the start of the next.
    let mock = server
        .mock("GET", "/v2/user/%40bob/history")
        .match_query(Matcher::Exact(
            "date=2017-05-21T00%3A00%3A00.000000%2B00%3A00&max-results=1000&reverse=false&end-date=2017-05-20T00%3A00%3A00.000000%2B00%3A00"
                .into(),
        ))
        .with_status(200)
        .with_body(body.to_string())
        .expect(1)
        .create();
    let run = against(&server)
        .args(["history", "export", "--user", "@bob"])
        .args(["--since", "2017-05-20", "--until", "2017-05-20"])
        .run();
    run.assert_code(0)
        .assert_shows(Stderr("of the private chat with @bob to stdout"));
    assert_eq!(ids(&run.stdout), ["m1", "m2"]);
    mock.assert();
}

#[test]
fn a_failed_export_leaves_the_old_file_alone_and_exits_1() {
    let mut server = mockito::Server::new();
    let mock = with_error(
        server
            .mock("GET", "/v2/room/Nope/history")
            .match_query(Matcher::Any),
        404,
        "Room not found",
        "Not Found",
    )
    .create();
    let old = "{\"id\":\"x\",\"date\":\"2017-01-01T00:00:00Z\"}\n";
    let (_dir, output) = temp_file("old.jsonl", old);
    against(&server)
        .args(["history", "export", "-r", "Nope", "-o"])
        .arg_path(&output)
        .run()
        .assert_code(1)
        .assert_shows(Stderr("hipchat: error: Room not found (HTTP 404)"));
    assert_eq!(std::fs::read_to_string(&output).unwrap(), old);
    mock.assert();
}

#[test]
fn dry_run_prints_the_first_request_only_with_the_bounds_in_utc() {
    let mut server = mockito::Server::new();
    let mock = nothing_sent(&mut server, "GET");
    let run = against(&server)
        .args(["history", "export", "-r", "Ops"])
        .args(["--since", "2017-05-01T08:00:00+02:00"])
        .args(["--until", "2017-05-02T00:00:00Z", "--dry-run"])
        .run();
    run.assert_code(0)
        .assert_shows(Stderr("only its first request"));
    assert_eq!(
        run.stdout.lines().next().unwrap(),
        format!(
            "GET {}/v2/room/Ops/history?date=2017-05-02T00%3A00%3A00.000000%2B00%3A00&max-results=1000&reverse=false&end-date=2017-05-01T06%3A00%3A00.000000%2B00%3A00",
            server.url()
        )
    );
    mock.assert();
}

#[test]
fn bad_dates_and_resume_without_output_are_usage_errors() {
    let server = mockito::Server::new();
    let cases: [(&[&str], &str); 5] = [
        (&["--since", "last week"], "--since \"last week\" is not"),
        (&["--until", "2017-02-30"], "--until \"2017-02-30\" is not"),
        (
            &["--since", "2017-05-02", "--until", "2017-05-01"],
            "--since must be earlier than --until",
        ),
        (
            &[
                "--since",
                "2017-05-01T12:00:00+02:00",
                "--until",
                "2017-05-01T10:00:00Z",
            ],
            "--since must be earlier than --until",
        ),
        (&["--resume"], "--output"),
    ];
    for (args, needle) in cases {
        against(&server)
            .args(["history", "export", "-r", "Ops"])
            .args(args)
            .run()
            .assert_code(2)
            .assert_shows(Stderr(needle));
    }
}
