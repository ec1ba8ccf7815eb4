//! `message`, `share-file`, `rooms list`, `users list`, `token` and the help, against a
//! mockito server.

mod common;

use common::Shows::{Stderr, Stdout, StdoutStart};
use common::{Hipchat, against, at_url, json_lines, nothing_sent, temp_file, with_error};
use mockito::Matcher;
use serde_json::{Value, json};

#[test]
fn message_to_a_room_prints_the_new_id() {
    let mut server = mockito::Server::new();
    let mock = server
        .mock("POST", "/v2/room/Ops/message")
        .match_header("authorization", "Bearer test-token")
        .match_header("content-type", "application/json")
        .match_body(Matcher::Json(json!({"message": "line 1\nline 2\t✓"})))
        .with_status(201)
        .with_body(r#"{"id": "5ba2c9f0-aaaa-bbbb-cccc-000000000001", "timestamp": "2017-05-20T10:00:00.000000+00:00"}"#)
        .create();
    let run = against(&server)
        .args(["message", "-r", "Ops"])
        .stdin("line 1\nline 2\t✓\n")
        .run();
    run.assert_code(0);
    assert_eq!(run.stdout, "5ba2c9f0-aaaa-bbbb-cccc-000000000001\n");
    mock.assert();
}

#[test]
fn message_to_a_user_is_a_private_message() {
    let mut server = mockito::Server::new();
    let mock = server
        .mock("POST", "/v2/user/bob%40example.com/message")
        .match_body(Matcher::Json(
            json!({"message": "hi", "notify": true, "message_format": "text"}),
        ))
        .with_status(204)
        .create();
    let run = against(&server)
        .args(["message", "--user", "bob@example.com", "--notify", "hi"])
        .run();
    run.assert_code(0);
    assert_eq!(run.stdout, "");
    mock.assert();

    // --notify is for private messages.
    against(&server)
        .args(["message", "-r", "Ops", "--notify", "hi"])
        .run()
        .assert_code(2)
        .assert_shows(Stderr(
            "--notify and --format apply to private messages only",
        ));
}

#[test]
fn share_file_sends_a_multipart_related_body() {
    let mut server = mockito::Server::new();
    let mock = server
        .mock("POST", "/v2/room/Ops/share/file")
        .match_header(
            "content-type",
            Matcher::Regex("^multipart/related; boundary=".into()),
        )
        .match_body(Matcher::AllOf(vec![
            Matcher::Regex(r#"\{"message":"nightly report"\}"#.into()),
            Matcher::Regex(r#"filename="report\.txt""#.into()),
            Matcher::Regex("Content-Type: text/plain".into()),
            Matcher::Regex("all green\n".into()),
        ]))
        .with_status(204)
        .create();
    let (_dir, file) = temp_file("report.txt", "all green\n");
    against(&server)
        .args(["share-file", "-r", "Ops", "--message", "nightly report"])
        .arg_path(&file)
        .run()
        .assert_code(0);
    mock.assert();

    against(&server)
        .args(["share-file", "-r", "Ops", "/nonexistent/file.txt"])
        .run()
        .assert_code(2)
        .assert_shows(Stderr("/nonexistent/file.txt"));
}

#[test]
fn share_file_dry_run_shows_the_multipart_body() {
    let mut server = mockito::Server::new();
    let mock = nothing_sent(&mut server, "POST");
    let (_dir, file) = temp_file("notes.md", "# Notes\n");
    against(&server)
        .args(["share-file", "--user", "@bob", "--dry-run"])
        .arg_path(&file)
        .run()
        .assert_code(0)
        .assert_shows(StdoutStart(&format!(
            "POST {}/v2/user/%40bob/share/file\n",
            server.url()
        )))
        .assert_shows(Stdout("filename=\"notes.md\""))
        .assert_shows(Stdout("# Notes\n"));
    mock.assert();
}

fn room(id: u64, name: &str, privacy: &str) -> Value {
    json!({"id": id, "name": name, "privacy": privacy, "is_archived": false, "links": {"self": "x"}})
}

#[test]
fn rooms_list_pages_through_everything_as_a_table_or_json_lines() {
    let mut server = mockito::Server::new();
    let url = server.url();
    let first = server
        .mock("GET", "/v2/room")
        .match_query(Matcher::Exact("max-results=2".into()))
        .with_body(
            json!({
                "items": [room(1, "Ops", "public"), room(2, "Dev Team", "private")],
                "startIndex": 0, "maxResults": 2,
                "links": {"next": format!("{url}/v2/room?start-index=2&max-results=2")}
            })
            .to_string(),
        )
        .expect(2)
        .create();
    let second = server
        .mock("GET", "/v2/room")
        .match_query(Matcher::Exact("start-index=2&max-results=2".into()))
        .with_body(
            json!({"items": [room(30, "QA", "public")], "startIndex": 2, "maxResults": 2, "links": {}})
                .to_string(),
        )
        .expect(2)
        .create();
    let run = against(&server)
        .args(["rooms", "list", "--page-size", "2"])
        .run();
    run.assert_code(0);
    assert_eq!(
        run.stdout,
        "ID  NAME      PRIVACY  ARCHIVED\n\
         1   Ops       public   no\n\
         2   Dev Team  private  no\n\
         30  QA        public   no\n"
    );
    let run = against(&server)
        .args(["rooms", "list", "--page-size", "2", "--json"])
        .run();
    run.assert_code(0);
    let names: Vec<Value> = json_lines(&run.stdout)
        .iter()
        .map(|room| room["name"].clone())
        .collect();
    assert_eq!(names, ["Ops", "Dev Team", "QA"]);
    first.assert();
    second.assert();
}

#[test]
fn users_list_prints_a_table() {
    let mut server = mockito::Server::new();
    let mock = server
        .mock("GET", "/v2/user")
        .match_query(Matcher::Exact("max-results=1000&include-guests=true&expand=items".into()))
        .with_body(
            json!({
                "items": [
                    {"id": 1, "name": "Ada Admin", "mention_name": "ada", "links": {"self": "x"}},
                    {"id": 22, "name": "Bob", "mention_name": "bob", "email": "bob@example.com", "links": {"self": "x"}}
                ],
                "startIndex": 0, "maxResults": 1000, "links": {}
            })
            .to_string(),
        )
        .create();
    let run = against(&server)
        .args(["users", "list", "--include-guests"])
        .run();
    run.assert_code(0);
    assert_eq!(
        run.stdout,
        "ID  NAME       MENTION  EMAIL\n\
         1   Ada Admin  @ada\n\
         22  Bob        @bob     bob@example.com\n"
    );
    mock.assert();
}

#[test]
fn list_errors_exit_1_with_empty_stdout() {
    let mut server = mockito::Server::new();
    let mock = with_error(
        server.mock("GET", "/v2/user").match_query(Matcher::Any),
        403,
        "This action requires one of the following scopes: [u'view_group']",
        "Forbidden",
    )
    .create();
    let run = against(&server).args(["users", "list"]).run();
    run.assert_code(1)
        .assert_shows(Stderr("requires one of the following scopes"))
        .assert_shows(Stderr("(HTTP 403)"));
    assert_eq!(run.stdout, "");
    mock.assert();
}

#[test]
fn token_uses_the_client_credentials_grant() {
    let mut server = mockito::Server::new();
    let answer = json!({
        "access_token": "issued-token", "token_type": "bearer", "expires_in": 3599,
        "scope": "send_notification view_room", "group_id": 1, "group_name": "Example"
    });
    let mock = server
        .mock("POST", "/v2/oauth/token")
        // base64("my-id:my-secret")
        .match_header("authorization", "Basic bXktaWQ6bXktc2VjcmV0")
        .match_header("content-type", "application/x-www-form-urlencoded")
        .match_body("grant_type=client_credentials&scope=send_notification+view_room")
        .with_body(answer.to_string())
        .expect(2)
        .create();
    let run = at_url(&server)
        .envs(&[
            ("HIPCHAT_OAUTH_ID", "my-id"),
            ("HIPCHAT_OAUTH_SECRET", "my-secret"),
        ])
        .args(["token", "--scope", "send_notification"])
        .args(["--scope", "view_room"])
        .run();
    run.assert_code(0);
    assert_eq!(run.stdout, "issued-token\n");
    let run = at_url(&server)
        .args(["token", "--client-id", "my-id"])
        .args(["--client-secret", "my-secret"])
        .args(["--scope", "send_notification view_room", "--json"])
        .run();
    run.assert_code(0);
    let printed: Value = serde_json::from_str(run.stdout.trim()).unwrap();
    assert_eq!(printed["access_token"], "issued-token");
    assert_eq!(printed["expires_in"], 3599);
    mock.assert();

    at_url(&server)
        .args(["token"])
        .run()
        .assert_code(2)
        .assert_shows(Stderr("HIPCHAT_OAUTH_ID"));
}

#[test]
fn help_documents_exit_codes_and_environment() {
    let run = Hipchat::new().args(["--help"]).run();
    run.assert_code(0);
    for needle in [
        "Exit codes:",
        "2  usage",
        "3  transport",
        "HIPCHAT_TOKEN",
        "HIPCHAT_ROOM",
        "notify",
        "history",
    ] {
        run.assert_shows(Stdout(needle));
    }
    Hipchat::new()
        .args(["notify", "--help"])
        .run()
        .assert_shows(Stdout("--card-attribute"));
    let run = Hipchat::new().args(["frobnicate"]).run();
    run.assert_code(2);
    assert_eq!(run.stdout, "");
}
