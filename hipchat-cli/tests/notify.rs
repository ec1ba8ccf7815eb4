//! `hipchat notify` against a mockito server: the exact request, stdin, errors, retries,
//! dry runs and where settings come from.

mod common;

use std::time::Instant;

use common::{Hipchat, against, error_body};
use mockito::Matcher;
use serde_json::json;

#[test]
fn sends_the_exact_request_and_prints_nothing() {
    let mut server = mockito::Server::new();
    let mock = server
        .mock("POST", "/v2/room/Ops%20Team/notification")
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
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stdout, "");
    assert_eq!(run.stderr, "");
    mock.assert();
}

#[test]
fn stdin_with_newlines_tabs_and_unicode_arrives_byte_exact() {
    let text = "first line\n\tindented → ünïcödé 🎉\n\"quoted\" \\ back\\slash\r\n\nlast";
    let mut server = mockito::Server::new();
    let mock = server
        .mock("POST", "/v2/room/Ops/notification")
        .match_body(Matcher::Json(
            json!({"message": text, "message_format": "text"}),
        ))
        .with_status(204)
        .expect(2)
        .create();
    // One trailing newline of stdin is dropped, the rest is kept.
    let run = against(&server)
        .args(["notify", "-r", "Ops"])
        .stdin(format!("{text}\n"))
        .run();
    assert_eq!(run.code, 0, "{run:?}");
    let run = against(&server)
        .args(["notify", "-r", "Ops", "-"])
        .stdin(text)
        .run();
    assert_eq!(run.code, 0, "{run:?}");
    mock.assert();
}

#[test]
fn only_one_trailing_newline_of_stdin_is_dropped() {
    let mut server = mockito::Server::new();
    let mock = server
        .mock("POST", "/v2/room/Ops/notification")
        .match_body(Matcher::Json(
            json!({"message": "a\n", "message_format": "text"}),
        ))
        .with_status(204)
        .create();
    let run = against(&server)
        .args(["notify", "-r", "Ops"])
        .stdin("a\n\n")
        .run();
    assert_eq!(run.code, 0, "{run:?}");
    mock.assert();
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
        let mock = server
            .mock("POST", "/v2/room/Ops/notification")
            .with_status(status as usize)
            .with_header("content-type", "application/json")
            .with_body(error_body(status, message, kind))
            .expect(1)
            .create();
        let run = against(&server).args(["notify", "-r", "Ops", "hi"]).run();
        assert_eq!(run.code, 1, "{status}: {run:?}");
        assert_eq!(run.stdout, "", "{status}");
        assert!(
            run.stderr
                .starts_with(&format!("hipchat: error: {message} (HTTP {status})")),
            "{status}: {}",
            run.stderr
        );
        assert!(!run.stderr.contains("test-token"), "{}", run.stderr);
        mock.assert();
    }
}

#[test]
fn a_429_is_retried_after_retry_after() {
    let mut server = mockito::Server::new();
    let limited = server
        .mock("POST", "/v2/room/Ops/notification")
        .with_status(429)
        .with_header("Retry-After", "1")
        .with_body(error_body(429, "Rate Limit exceeded", "Too Many Requests"))
        .expect(1)
        .create();
    let accepted = server
        .mock("POST", "/v2/room/Ops/notification")
        .with_status(204)
        .expect(1)
        .create();
    let started = Instant::now();
    let run = against(&server).args(["notify", "-r", "Ops", "hi"]).run();
    assert_eq!(run.code, 0, "{run:?}");
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
    let limited = server
        .mock("POST", "/v2/room/Ops/notification")
        .with_status(429)
        .with_header("Retry-After", "1")
        .with_body(error_body(429, "Rate Limit exceeded", "Too Many Requests"))
        .expect(2)
        .create();
    let run = against(&server)
        .args(["--retries", "1", "notify", "-r", "Ops", "hi"])
        .run();
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stderr
            .starts_with("hipchat: error: Rate Limit exceeded (HTTP 429); rate limited"),
        "{}",
        run.stderr
    );
    limited.assert();
}

#[test]
fn a_refused_connection_exits_3() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let run = Hipchat::new()
        .env("HIPCHAT_TOKEN", "t")
        .args([
            "--url",
            &format!("http://127.0.0.1:{port}/v2"),
            "--retries",
            "0",
        ])
        .args(["notify", "-r", "Ops", "hi"])
        .run();
    assert_eq!(run.code, 3, "{run:?}");
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.starts_with(&format!(
            "hipchat: error: could not connect to HipChat at http://127.0.0.1:{port}/v2"
        )),
        "{}",
        run.stderr
    );
}

#[test]
fn dry_run_prints_the_exact_request_and_sends_nothing() {
    let mut server = mockito::Server::new();
    let mock = server.mock("POST", Matcher::Any).expect(0).create();
    let run = against(&server)
        .args(["notify", "-r", "Ops Team", "-c", "red", "--dry-run"])
        .stdin("two\nlines\n")
        .run();
    assert_eq!(run.code, 0, "{run:?}");
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

    let run = against(&server)
        .args(["notify", "-r", "Ops", "hi", "--dry-run", "--show-token"])
        .run();
    assert!(
        run.stdout.contains("authorization: Bearer test-token\n"),
        "{run:?}"
    );
    mock.assert();
}

#[test]
fn invalid_input_exits_2_and_sends_nothing() {
    let mut server = mockito::Server::new();
    let mock = server.mock("POST", Matcher::Any).expect(0).create();
    let run = against(&server)
        .args(["notify", "-r", "Ops"])
        .stdin("x".repeat(10_001))
        .run();
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("`message`"), "{}", run.stderr);

    let run = against(&server)
        .args(["notify", "-r", "Ops"])
        .stdin("\n")
        .run();
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.contains("the message is empty"),
        "{}",
        run.stderr
    );

    let run = against(&server)
        .args(["notify", "-r", "Ops"])
        .stdin(vec![b'a', 0xff])
        .run();
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("not valid UTF-8"), "{}", run.stderr);

    let run = against(&server).args(["notify", "hi"]).run();
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("no room"), "{}", run.stderr);

    let run = against(&server)
        .args(["notify", "-r", "Ops", "--color", "blue", "hi"])
        .run();
    assert_eq!(run.code, 2, "{run:?}");
    mock.assert();
}

#[test]
fn without_a_token_it_exits_2() {
    let mut server = mockito::Server::new();
    let mock = server.mock("POST", Matcher::Any).expect(0).create();
    let run = Hipchat::new()
        .env("HIPCHAT_URL", format!("{}/v2", server.url()))
        .args(["notify", "-r", "Ops", "hi"])
        .run();
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("no access token"), "{}", run.stderr);
    mock.assert();
}

#[test]
fn the_old_scripts_environment_is_understood() {
    let mut server = mockito::Server::new();
    let mock = server
        .mock("POST", "/v2/room/1234/notification")
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
    let run = Hipchat::new()
        .env("HIPCHAT_TOKEN", "legacy-token")
        .env("HIPCHAT_HOST", server.url())
        .env("HIPCHAT_ROOM_ID", "1234")
        .env("HIPCHAT_FROM", "Nagios")
        .env("HIPCHAT_COLOR", "yellow")
        .env("HIPCHAT_LEVEL", "critical")
        .env("HIPCHAT_FORMAT", "html")
        .env("HIPCHAT_NOTIFY", "1")
        .env("HIPCHAT_API", "v2")
        .args(["notify"])
        .stdin("disk full\n")
        .run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stderr, "");
    mock.assert();
}

#[test]
fn flags_beat_the_environment_which_beats_the_config_file() {
    let mut server = mockito::Server::new();
    let from_file = server
        .mock("POST", "/v2/room/FileRoom/notification")
        .match_header("authorization", "Bearer file-token")
        .match_body(Matcher::Json(json!({
            "message": "a", "color": "purple", "message_format": "text", "from": "FileFrom"
        })))
        .with_status(204)
        .expect(1)
        .create();
    let from_env = server
        .mock("POST", "/v2/room/EnvRoom/notification")
        .match_header("authorization", "Bearer env-token")
        .match_body(Matcher::Json(json!({
            "message": "b", "color": "green", "message_format": "text", "from": "FileFrom"
        })))
        .with_status(204)
        .expect(1)
        .create();
    let from_flags = server
        .mock("POST", "/v2/room/FlagRoom/notification")
        .match_header("authorization", "Bearer flag-token")
        .match_body(Matcher::Json(json!({
            "message": "c", "color": "red", "message_format": "text", "from": "FlagFrom"
        })))
        .with_status(204)
        .expect(1)
        .create();

    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("hipchat.toml");
    std::fs::write(
        &config,
        format!(
            "token = \"file-token\"\nurl = \"{}/v2\"\nroom = \"FileRoom\"\nfrom = \"FileFrom\"\n\
             color = \"purple\"\n",
            server.url()
        ),
    )
    .unwrap();
    let config = config.to_str().unwrap();

    let run = Hipchat::new()
        .args(["--config", config, "notify", "a"])
        .run();
    assert_eq!(run.code, 0, "{run:?}");

    let run = Hipchat::new()
        .env("HIPCHAT_CONFIG", config)
        .env("HIPCHAT_TOKEN", "env-token")
        .env("HIPCHAT_ROOM", "EnvRoom")
        .env("HIPCHAT_COLOR", "green")
        .args(["notify", "b"])
        .run();
    assert_eq!(run.code, 0, "{run:?}");

    let run = Hipchat::new()
        .env("HIPCHAT_TOKEN", "env-token")
        .env("HIPCHAT_ROOM", "EnvRoom")
        .env("HIPCHAT_COLOR", "green")
        .args([
            "--config",
            config,
            "--token",
            "flag-token",
            "notify",
            "-r",
            "FlagRoom",
        ])
        .args(["-c", "red", "-f", "FlagFrom", "c"])
        .run();
    assert_eq!(run.code, 0, "{run:?}");

    from_file.assert();
    from_env.assert();
    from_flags.assert();
}

#[test]
fn the_default_config_file_is_read_and_an_explicit_missing_one_is_an_error() {
    let mut server = mockito::Server::new();
    let mock = server
        .mock("POST", "/v2/room/HomeRoom/notification")
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
    let run = hipchat.args(["notify", "hi"]).run();
    assert_eq!(run.code, 0, "{run:?}");
    mock.assert();

    let run = Hipchat::new()
        .args([
            "--config",
            "/nonexistent/hipchat.toml",
            "notify",
            "-r",
            "x",
            "hi",
        ])
        .run();
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.contains("/nonexistent/hipchat.toml"),
        "{}",
        run.stderr
    );
}

#[test]
fn cards_are_sent_with_the_notification() {
    let mut server = mockito::Server::new();
    let mock = server
        .mock("POST", "/v2/room/Ops/notification")
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
    let run = against(&server)
        .args([
            "notify",
            "-r",
            "Ops",
            "--card-style",
            "link",
            "--card-id",
            "build-42",
        ])
        .args([
            "--card-title",
            "Build 42",
            "--card-description",
            "All tests passed",
        ])
        .args(["--card-url", "https://ci.example.com/42"])
        .args([
            "--card-attribute",
            "Branch=main",
            "--card-attribute",
            "Time=3 min",
        ])
        .args(["Build 42 passed"])
        .run();
    assert_eq!(run.code, 0, "{run:?}");
    mock.assert();
}

#[test]
fn a_server_that_does_not_answer_times_out_with_exit_3() {
    // The listener completes connections but never answers.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let started = Instant::now();
    let run = Hipchat::new()
        .env("HIPCHAT_TOKEN", "t")
        .args([
            "--url",
            &format!("http://127.0.0.1:{port}/v2"),
            "--timeout",
            "1",
        ])
        .args(["notify", "-r", "Ops", "hi"])
        .run();
    assert_eq!(run.code, 3, "{run:?}");
    assert!(
        run.stderr
            .starts_with("hipchat: error: HipChat did not answer in time at http://127.0.0.1:"),
        "{}",
        run.stderr
    );
    assert!(started.elapsed().as_secs() < 10, "a timeout is not retried");
    drop(listener);
}
