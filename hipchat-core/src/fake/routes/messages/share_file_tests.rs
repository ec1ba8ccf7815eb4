//! Sharing files: the multipart body and the message that carries the file.

use futures_executor::block_on;
use http::Method;

use super::super::tests::{ADMIN, assert_400, hook, raw, sender_id, texts, world};
use crate::api::rooms::ShareFileWithRoom;
use crate::fake::tests::api_error;
use crate::model::FilePart;

// ----- share_file_with_room -----

#[test]
fn a_shared_file_is_parsed_from_the_multipart_body_and_recorded() {
    let (fake, alice, _) = world();
    let message_hook = hook(&fake, "Ops", "room_message", None);
    let upload_hook = hook(&fake, "Ops", "room_file_upload", None);
    let client = fake.client_with_token("alice-token");
    let log = FilePart::new("build \"7\".log", "text/plain", b"all green\n".to_vec());
    block_on(client.send(&ShareFileWithRoom::new("Ops", log).message("Last build, @alice")))
        .unwrap();
    let png = FilePart::new(
        "shot.png",
        "image/png",
        vec![0x89, b'P', b'N', b'G', 0, 1, 2],
    );
    block_on(client.send(&ShareFileWithRoom::new("Ops", png))).unwrap();

    let history = fake.room_history("Ops");
    assert_eq!(texts(&history), ["Last build, @alice", ""]);
    assert_eq!(sender_id(&history[0]), alice);
    assert_eq!(history[0].mentions[0].id, alice);
    let file = history[0].file.as_ref().unwrap();
    assert_eq!(file.name, "build \"7\".log");
    assert_eq!(file.size, Some(10));
    assert!(
        file.url.starts_with("https://hipchat.fake/files/"),
        "{}",
        file.url
    );
    assert!(file.url.ends_with("/build%20%227%22.log"), "{}", file.url);
    assert_eq!(file.thumb_url, None);
    let image = history[1].file.as_ref().unwrap();
    assert_eq!((image.name.as_str(), image.size), ("shot.png", Some(7)));
    assert!(image.thumb_url.is_some());

    let deliveries = fake.webhook_deliveries();
    let events: Vec<(u64, &str)> = deliveries
        .iter()
        .map(|d| (d.webhook_id, d.event.as_str()))
        .collect();
    assert_eq!(
        events,
        [
            (message_hook, "room_message"),
            (upload_hook, "room_file_upload"),
            (message_hook, "room_message"),
            (upload_hook, "room_file_upload"),
        ]
    );
    let upload = &deliveries[1].payload["item"];
    assert_eq!(upload["file"]["name"], "build \"7\".log");
    assert_eq!(upload["file"]["size"], 10);
    assert_eq!(upload["sender"]["id"], alice);
    assert_eq!(upload["room"]["name"], "Ops");
    assert_eq!(
        deliveries[0].payload["item"]["message"]["file"]["name"],
        "build \"7\".log"
    );
}

#[test]
fn multipart_bodies_with_lf_lines_and_base64_files_are_read() {
    let (fake, _, _) = world();
    let body = "preamble\n--b0undary\nContent-Type: application/json\nContent-Disposition: attachment; name=\"metadata\"\n\n{\"message\": \"b64\"}\n--b0undary\nContent-Type: application/octet-stream\nContent-Transfer-Encoding: base64\nContent-Disposition: attachment; name=\"file\"; filename=\"data.bin\"\n\naGVs\nbG8=\n--b0undary--\n";
    let (status, body) = raw(
        &fake,
        Method::POST,
        "/room/Ops/share/file",
        ADMIN,
        Some("multipart/related; boundary=\"b0undary\""),
        body,
    );
    assert_eq!(status, 204, "{body}");
    let history = fake.room_history("Ops");
    assert_eq!(history[0].message.as_deref(), Some("b64"));
    let file = history[0].file.as_ref().unwrap();
    assert_eq!((file.name.as_str(), file.size), ("data.bin", Some(5)));
}

#[test]
fn bad_multipart_bodies_get_400() {
    let (fake, _, _) = world();
    let post = |content_type: &str, body: &str| {
        raw(
            &fake,
            Method::POST,
            "/room/Ops/share/file",
            ADMIN,
            Some(content_type),
            body.replace('\n', "\r\n"),
        )
    };
    let related = "multipart/related; boundary=XyZ";
    let file_part = "--XyZ\nContent-Type: text/plain\nContent-Disposition: attachment; name=\"file\"; filename=\"a.txt\"\n\nhello\n";
    assert_eq!(post(related, &format!("{file_part}--XyZ--\n")).0, 204);
    assert_400(
        post("multipart/form-data; boundary=XyZ", file_part),
        &["multipart/related"],
    );
    assert_400(post("application/json", "{}"), &["multipart/related"]);
    assert_400(post("multipart/related", file_part), &["boundary"]);
    assert_400(post(related, "no boundary in here"), &["boundary"]);
    assert_400(post(related, file_part), &["closing boundary"]);
    assert_400(
        post(
            related,
            "--XyZ\nContent-Disposition: attachment; name=\"metadata\"\n\n{\"message\": \"m\"}\n--XyZ--\n",
        ),
        &["\"file\""],
    );
    assert_400(
        post(
            related,
            "--XyZ\nContent-Disposition: attachment; name=\"metadata\"\n\n{\"message\": \n--XyZ--\n",
        ),
        &["metadata", "JSON"],
    );
    let long = format!(
        "--XyZ\nContent-Disposition: attachment; name=\"metadata\"\n\n{{\"message\": \"{}\"}}\n{file_part}--XyZ--\n",
        "m".repeat(1001)
    );
    assert_400(post(related, &long), &["message", "0 to 1000"]);
    assert_400(
        post(
            related,
            "--XyZ\nContent-Type: text/plain; charset=UTF-8\nContent-Disposition: attachment; name=\"file\"; filename=\"a.txt\"\n\nhi\n--XyZ--\n",
        ),
        &["Unsupported encoding"],
    );
    assert_400(
        post(
            related,
            "--XyZ\nContent-Disposition: attachment; name=\"file\"\n\nhi\n--XyZ--\n",
        ),
        &["filename"],
    );
    assert_400(
        post(
            related,
            "--XyZ\nContent-Transfer-Encoding: base64\nContent-Disposition: attachment; name=\"file\"; filename=\"a\"\n\n!!!\n--XyZ--\n",
        ),
        &["base64"],
    );
    assert_400(
        post(related, &format!("{file_part}{file_part}--XyZ--\n")),
        &["two file parts"],
    );
    assert_eq!(fake.room_history("Ops").len(), 1);

    let file = FilePart::new("a.txt", "text/plain", b"x".to_vec());
    let (status, _) = api_error(block_on(
        fake.client_with_token("addon-token")
            .send(&ShareFileWithRoom::new("Ops", file.clone())),
    ));
    assert_eq!(status, 403);
    let (status, _) = api_error(block_on(
        fake.client().send(&ShareFileWithRoom::new("Nope", file)),
    ));
    assert_eq!(status, 404);
}
