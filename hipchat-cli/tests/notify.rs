//! `hipchat notify` against a mockito server: the exact request, stdin, errors, retries,
//! dry runs and where settings come from.

mod common;

use std::time::Instant;

use common::Shows::{Stderr, StderrStart, Stdout};
use common::{Hipchat, against, at_url, nothing_sent, notification, temp_file, with_error};
use mockito::{Matcher, Mock, ServerGuard};
use serde_json::json;

#[test]
fn sends_the_exact_request_and_prints_nothing() {
    let mut server = mockito::Server::new();
    let mock = notification(&mut server, "Ops%20Team")
        .match_header("authorization", "Bearer test-token")
        .match_header("content-type", "application/json")
        .match_header("accept", "application/json")
        .match_header("user-agent", Matcher::Regex("^hipchat-cli/".into()))
        .match_body(Matcher::Json(json!({
            "message": "Deploy <b>1.4</b> done",
            "color": "green",
            "message_format": "html",
            "notify": true,
            "from": "CI"
        })))
        .with_status(204)
        .expect(1)
        .create();
    let run = against(&server)
        .args([
            "notify", "-r", "Ops Team", "--color", "green", "--format", "html",
        ])
        .args(["--notify", "--from", "CI", "Deploy <b>1.4</b> done"])
        .run();
    run.assert_code(0);
    assert_eq!(run.stdout, "");
    assert_eq!(run.stderr, "");
    mock.assert();
}

#[test]
fn stdin_arrives_byte_exact_but_for_one_trailing_newline() {
    let text = "first line\n\tindented → ünïcödé 🎉\n\"quoted\" \\ back\\slash\r\n\nlast";
    let cases = [
        (vec!["notify", "-r", "Ops"], format!("{text}\n"), text),
        (vec!["notify", "-r", "Ops", "-"], text.to_owned(), text),
        (vec!["notify", "-r", "Ops"], "a\n\n".to_owned(), "a\n"),
    ];
    for (args, stdin, message) in cases {
        let mut server = mockito::Server::new();
        let mock = notification(&mut server, "Ops")
            .match_body(Matcher::Json(
                json!({"message": message, "message_format": "text"}),
            ))
            .with_status(204)
            .expect(1)
            .create();
        against(&server)
            .args(args)
            .stdin(stdin)
            .run()
            .assert_code(0);
        mock.assert();
    }
}

#[test]
fn hipchat_errors_exit_1_with_hipchats_message_and_empty_stdout() {
    let cases = [
        (
            400,
            "Message must be between 1 and 10000 characters",
            "Bad Request",
        ),
        (401, "Invalid OAuth session", "Unauthorized"),
        (404, "Room not found", "Not Found"),
    ];
    for (status, message, kind) in cases {
        let mut server = mockito::Server::new();
        let mock = with_error(notification(&mut server, "Ops"), status, message, kind)
            .expect(1)
            .create();
        let run = against(&server).args(["notify", "-r", "Ops", "hi"]).run();
        run.assert_code(1).assert_shows(StderrStart(&format!(
            "hipchat: error: {message} (HTTP {status})"
        )));
        assert_eq!(run.stdout, "", "{status}");
        assert!(!run.stderr.contains("test-token"), "{}", run.stderr);
        mock.assert();
    }
}

/// A notification answered `429` with `Retry-After: 1`, `times` times.
fn rate_limited(server: &mut ServerGuard, times: usize) -> Mock {
    let mock = notification(server, "Ops").with_header("Retry-After", "1");
    with_error(mock, 429, "Rate Limit exceeded", "Too Many Requests")
        .expect(times)
        .create()
}

#[test]
fn a_429_is_retried_after_retry_after() {
    let mut server = mockito::Server::new();
    let limited = rate_limited(&mut server, 1);
    let accepted = notification(&mut server, "Ops")
        .with_status(204)
        .expect(1)
        .create();
    let started = Instant::now();
    against(&server)
        .args(["notify", "-r", "Ops", "hi"])
        .run()
        .assert_code(0);
    assert!(
        started.elapsed().as_millis() >= 900,
        "waited for Retry-After"
    );
    limited.assert();
    accepted.assert();
}

#[test]
fn a_429_that_persists_fails_with_exit_1() {
    let mut server = mockito::Server::new();
    let limited = rate_limited(&mut server, 2);
    against(&server)
        .args(["--retries", "1", "notify", "-r", "Ops", "hi"])
        .run()
        .assert_code(1)
        .assert_shows(StderrStart(
            "hipchat: error: Rate Limit exceeded (HTTP 429); rate limited",
        ));
    limited.assert();
}

/// `hipchat notify -r Ops hi` sent to `http://127.0.0.1:{port}/v2` with these global flags.
fn notify_at_port(port: u16, flags: [&str; 2]) -> common::Run {
    Hipchat::new()
        .env("HIPCHAT_TOKEN", "t")
        .args(["--url", &format!("http://127.0.0.1:{port}/v2")])
        .args(flags)
        .args(["notify", "-r", "Ops", "hi"])
        .run()
}

#[test]
fn a_refused_connection_exits_3() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let run = notify_at_port(port, ["--retries", "0"]);
    run.assert_code(3).assert_shows(StderrStart(&format!(
        "hipchat: error: could not connect to HipChat at http://127.0.0.1:{port}/v2"
    )));
    assert_eq!(run.stdout, "");
}

#[test]
fn a_server_that_does_not_answer_times_out_with_exit_3() {
    // The listener completes connections but never answers.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let started = Instant::now();
    notify_at_port(port, ["--timeout", "1"])
        .assert_code(3)
        .assert_shows(StderrStart(
            "hipchat: error: HipChat did not answer in time at http://127.0.0.1:",
        ));
    assert!(started.elapsed().as_secs() < 10, "a timeout is not retried");
    drop(listener);
}

#[test]
fn dry_run_prints_the_exact_request_and_sends_nothing() {
    let mut server = mockito::Server::new();
    let mock = nothing_sent(&mut server, "POST");
    let run = against(&server)
        .args(["notify", "-r", "Ops Team", "-c", "red", "--dry-run"])
        .stdin("two\nlines\n")
        .run();
    run.assert_code(0);
    let expected = format!(
        "POST {}/v2/room/Ops%20Team/notification\n\
         accept: application/json\n\
         user-agent: hipchat-cli/{version} hipchat-rs/{version}\n\
         authorization: Bearer <redacted>\n\
         content-type: application/json\n\
         \n\
         {{\"message\":\"two\\nlines\",\"color\":\"red\",\"message_format\":\"text\"}}\n",
        server.url(),
        version = env!("CARGO_PKG_VERSION"),
    );
    assert_eq!(run.stdout, expected);
    assert!(!run.stdout.contains("test-token"));
    mock.assert();

    against(&server)
        .args(["notify", "-r", "Ops", "hi", "--dry-run", "--show-token"])
        .run()
        .assert_shows(Stdout("authorization: Bearer test-token\n"));
    mock.assert();
}

#[test]
fn invalid_input_exits_2_and_sends_nothing() {
    let mut server = mockito::Server::new();
    let mock = nothing_sent(&mut server, "POST");
    // The arguments, stdin if any, and what stderr says.
    type Case<'a> = (&'a [&'a str], Option<Vec<u8>>, &'a str);
    let cases: [Case; 5] = [
        (
            &["notify", "-r", "Ops"],
            Some("x".repeat(10_001).into()),
            "`message`",
        ),
        (
            &["notify", "-r", "Ops"],
            Some(b"\n".to_vec()),
            "the message is empty",
        ),
        (
            &["notify", "-r", "Ops"],
            Some(vec![b'a', 0xff]),
            "not valid UTF-8",
        ),
        (&["notify", "hi"], None, "no room"),
        (
            &["notify", "-r", "Ops", "--color", "blue", "hi"],
            None,
            "blue",
        ),
    ];
    for (args, stdin, needle) in cases {
        let hipchat = against(&server).args(args);
        let hipchat = match stdin {
            Some(bytes) => hipchat.stdin(bytes),
            None => hipchat,
        };
        hipchat.run().assert_code(2).assert_shows(Stderr(needle));
    }
    mock.assert();
}

#[test]
fn without_a_token_it_exits_2() {
    let mut server = mockito::Server::new();
    let mock = nothing_sent(&mut server, "POST");
    at_url(&server)
        .args(["notify", "-r", "Ops", "hi"])
        .run()
        .assert_code(2)
        .assert_shows(Stderr("no access token"));
    mock.assert();
}

#[test]
fn the_old_scripts_environment_is_understood() {
    let mut server = mockito::Server::new();
    let mock = notification(&mut server, "1234")
        .match_header("authorization", "Bearer legacy-token")
        .match_body(Matcher::Json(json!({
            "message": "disk full",
            "color": "red",
            "message_format": "html",
            "notify": true,
            "from": "Nagios"
        })))
        .with_status(204)
        .create();
    let url = server.url();
    let run = Hipchat::new()
        .envs(&[
            ("HIPCHAT_TOKEN", "legacy-token"),
            ("HIPCHAT_HOST", url.as_str()),
            ("HIPCHAT_ROOM_ID", "1234"),
            ("HIPCHAT_FROM", "Nagios"),
            ("HIPCHAT_COLOR", "yellow"),
            ("HIPCHAT_LEVEL", "critical"),
            ("HIPCHAT_FORMAT", "html"),
            ("HIPCHAT_NOTIFY", "1"),
            ("HIPCHAT_API", "v2"),
        ])
        .args(["notify"])
        .stdin("disk full\n")
        .run();
    run.assert_code(0);
    assert_eq!(run.stderr, "");
    mock.assert();
}

#[test]
fn flags_beat_the_environment_which_beats_the_config_file() {
    let mut server = mockito::Server::new();
    // What each run must send: room, token, then the body's message, color and from.
    let expected = [
        ("FileRoom", "file-token", "a", "purple", "FileFrom"),
        ("EnvRoom", "env-token", "b", "green", "FileFrom"),
        ("FlagRoom", "flag-token", "c", "red", "FlagFrom"),
    ];
    let mocks: Vec<Mock> = expected
        .iter()
        .map(|(room, token, message, color, from)| {
            notification(&mut server, room)
                .match_header("authorization", format!("Bearer {token}").as_str())
                .match_body(Matcher::Json(json!({
                    "message": message, "color": color, "message_format": "text", "from": from
                })))
                .with_status(204)
                .expect(1)
                .create()
        })
        .collect();

    let (_dir, config) = temp_file(
        "hipchat.toml",
        &format!(
            "token = \"file-token\"\nurl = \"{}/v2\"\nroom = \"FileRoom\"\nfrom = \"FileFrom\"\n\
             color = \"purple\"\n",
            server.url()
        ),
    );
    let config = config.to_str().unwrap();
    let environment = [
        ("HIPCHAT_TOKEN", "env-token"),
        ("HIPCHAT_ROOM", "EnvRoom"),
        ("HIPCHAT_COLOR", "green"),
    ];
    let with_config = [[("HIPCHAT_CONFIG", config)].as_slice(), &environment].concat();
    let flag_run = [
        "--config",
        config,
        "--token",
        "flag-token",
        "notify",
        "-r",
        "FlagRoom",
        "-c",
        "red",
        "-f",
        "FlagFrom",
        "c",
    ];
    type Vars<'a> = &'a [(&'a str, &'a str)];
    let runs: [(Vars, &[&str]); 3] = [
        (&[], &["--config", config, "notify", "a"]),
        (&with_config, &["notify", "b"]),
        (&environment, &flag_run),
    ];
    for (vars, args) in runs {
        Hipchat::new().envs(vars).args(args).run().assert_code(0);
    }
    for mock in &mocks {
        mock.assert();
    }
}

#[test]
fn the_default_config_file_is_read_and_an_explicit_missing_one_is_an_error() {
    let mut server = mockito::Server::new();
    let mock = notification(&mut server, "HomeRoom")
        .match_header("authorization", "Bearer home-token")
        .with_status(204)
        .expect(1)
        .create();
    let hipchat = Hipchat::new();
    let dir = hipchat.home().join(".config").join("hipchat");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("config.toml"),
        format!(
            "token = \"home-token\"\nurl = \"{}/v2\"\nroom = \"HomeRoom\"\n",
            server.url()
        ),
    )
    .unwrap();
    hipchat.args(["notify", "hi"]).run().assert_code(0);
    mock.assert();

    Hipchat::new()
        .args(["--config", "/nonexistent/hipchat.toml"])
        .args(["notify", "-r", "x", "hi"])
        .run()
        .assert_code(2)
        .assert_shows(Stderr("/nonexistent/hipchat.toml"));
}

#[test]
fn cards_are_sent_with_the_notification() {
    let mut server = mockito::Server::new();
    let mock = notification(&mut server, "Ops")
        .match_body(Matcher::Json(json!({
            "message": "Build 42 passed",
            "message_format": "text",
            "card": {
                "style": "link",
                "id": "build-42",
                "title": "Build 42",
                "description": "All tests passed",
                "url": "https://ci.example.com/42",
                "attributes": [
                    {"label": "Branch", "value": {"label": "main"}},
                    {"label": "Time", "value": {"label": "3 min"}}
                ]
            }
        })))
        .with_status(204)
        .create();
    against(&server)
        .args(["notify", "-r", "Ops"])
        .args(["--card-style", "link", "--card-id", "build-42"])
        .args(["--card-title", "Build 42"])
        .args(["--card-description", "All tests passed"])
        .args(["--card-url", "https://ci.example.com/42"])
        .args(["--card-attribute", "Branch=main"])
        .args(["--card-attribute", "Time=3 min"])
        .args(["Build 42 passed"])
        .run()
        .assert_code(0);
    mock.assert();
}
