//! The typed layer end to end: `hipchat::Client` on each real backend (reqwest, isahc) against a
//! mockito server on 127.0.0.1.
//!
//! `adapter_conformance.rs` checks the adapters with hand-built requests; here the requests come
//! from the endpoint structs and the answers go back through the typed decoding, so what is
//! pinned is what a user of the client gets over a real socket: the exact method, encoded path,
//! query (wire names and order), headers and body on arrival, and the value or error that comes
//! back. Each case is written once, taking the backend; the macro at the bottom runs it on every
//! backend whose feature is on.
#![cfg(any(feature = "reqwest", feature = "isahc"))]

use std::sync::Arc;

use hipchat::{Client, HttpBackend};

const TOKEN: &str = "s3cr3t-personal-t0ken";
const CLIENT_ID: &str = "addon-client-id";
const CLIENT_SECRET: &str = "addon-client-secret";
/// base64("addon-client-id:addon-client-secret"), computed outside the crate under test.
const BASIC: &str = "Basic YWRkb24tY2xpZW50LWlkOmFkZG9uLWNsaWVudC1zZWNyZXQ=";

/// A client for the mockito server (plain http is accepted because the host is loopback), with
/// a token and the OAuth client credentials, on `backend`.
fn client_for(server: &mockito::ServerGuard, backend: Arc<dyn HttpBackend>) -> Client {
    Client::builder()
        .base_url(format!("{}/v2", server.url()))
        .token(TOKEN)
        .oauth_client(CLIENT_ID, CLIENT_SECRET)
        .shared_backend(backend)
        .build()
        .expect("a loopback http base URL is accepted")
}

mod cases {
    use super::*;

    use hipchat::api::capabilities::GetCapabilities;
    use hipchat::api::oauth_sessions::{DeleteSession, GenerateToken};
    use hipchat::api::rooms::{GetAllRooms, GetRoom, SendRoomNotification, ViewRoomHistory};
    use hipchat::api::users::GetAllUsers;
    use hipchat::model::{
        Activity, Card, CardAttribute, CardAttributeStyle, CardAttributeValue, CardDescription,
        CardFormat, CardStyle, Color, GrantType, Icon, MessageFormat, Privacy, Scope, Thumbnail,
    };
    use hipchat::{DEFAULT_USER_AGENT, Error, TransportErrorKind};
    use http::StatusCode;
    use mockito::Matcher;
    use serde_json::json;

    fn bearer() -> String {
        format!("Bearer {TOKEN}")
    }

    /// A notification with every field and a full card arrives as exactly this request, and
    /// the 204 is `Ok(())`.
    pub async fn notification_with_a_card_arrives_exactly(backend: Arc<dyn HttpBackend>) {
        let mut server = mockito::Server::new_async().await;
        let expected_body = json!({
            "message": "Build #7 passed",
            "color": "green",
            "message_format": "text",
            "notify": true,
            "from": "CI",
            "attach_to": "6b6ea4d5-57f4-4b0d-8bd5-97b6bd3e4a2c",
            "card": {
                "style": "application",
                "id": "build-7",
                "title": "Build #7 passed",
                "description": {"value": "All <b>42</b> tests passed", "format": "html"},
                "format": "medium",
                "url": "https://ci.example.com/7",
                "icon": {"url": "https://ci.example.com/i.png", "url@2x": "https://ci.example.com/i@2x.png"},
                "thumbnail": {"url": "https://ci.example.com/t.png", "width": 64, "height": 64},
                "activity": {"html": "<b>ci</b> built #7"},
                "attributes": [
                    {"label": "Status", "value": {"label": "passed", "style": "lozenge-success"}},
                    {"value": {"label": "Zürich runner ✓"}}
                ]
            }
        });
        let mock = server
            .mock("POST", "/v2/room/Ops%20Team/notification")
            .match_query(Matcher::Missing)
            .match_header("authorization", bearer().as_str())
            .match_header("content-type", "application/json")
            .match_header("accept", "application/json")
            .match_header("user-agent", DEFAULT_USER_AGENT)
            .match_body(Matcher::Json(expected_body))
            .with_status(204)
            .expect(1)
            .create_async()
            .await;

        let card = Card::new(CardStyle::Application, "build-7", "Build #7 passed")
            .description(CardDescription::formatted(
                "All <b>42</b> tests passed",
                MessageFormat::Html,
            ))
            .format(CardFormat::Medium)
            .url("https://ci.example.com/7")
            .icon(Icon::sized(
                "https://ci.example.com/i.png",
                "https://ci.example.com/i@2x.png",
            ))
            .thumbnail(
                Thumbnail::new("https://ci.example.com/t.png")
                    .width(64)
                    .height(64),
            )
            .activity(Activity::new("<b>ci</b> built #7"))
            .attribute(
                CardAttribute::new(
                    CardAttributeValue::new("passed").style(CardAttributeStyle::LozengeSuccess),
                )
                .label("Status"),
            )
            .attribute(CardAttribute::new("Zürich runner ✓"));
        let notification = SendRoomNotification::new("Ops Team", "Build #7 passed")
            .color(Color::Green)
            .message_format(MessageFormat::Text)
            .notify(true)
            .from("CI")
            .attach_to("6b6ea4d5-57f4-4b0d-8bd5-97b6bd3e4a2c")
            .card(card);

        let client = client_for(&server, backend);
        let result = client.send(&notification).await;
        assert!(matches!(result, Ok(())), "{result:?}");
        mock.assert_async().await;
    }

    /// Paging parameters arrive with their hyphenated wire names in builder order, and the page
    /// decodes with its `next` link.
    pub async fn all_rooms_page_with_next_link(backend: Arc<dyn HttpBackend>) {
        let mut server = mockito::Server::new_async().await;
        let next = format!(
            "{}/v2/room?start-index=2&max-results=2&include-archived=true",
            server.url()
        );
        let body = json!({
            "items": [
                {"id": 2251, "name": "Ops Team", "privacy": "public", "is_archived": false,
                 "links": {"self": "https://api.hipchat.com/v2/room/2251"}},
                {"id": "2252", "name": "Old Ops", "privacy": "private", "is_archived": true,
                 "links": {"self": "https://api.hipchat.com/v2/room/2252"}}
            ],
            "startIndex": 0,
            "maxResults": 2,
            "links": {"self": format!("{}/v2/room", server.url()), "next": next}
        });
        let mock = server
            .mock("GET", "/v2/room")
            .match_query(Matcher::Exact(
                "start-index=0&max-results=2&include-archived=true".to_owned(),
            ))
            .match_header("authorization", bearer().as_str())
            .match_header("content-type", Matcher::Missing)
            .match_body(Matcher::Exact(String::new()))
            .with_status(200)
            .with_header("content-type", "application/json")
            .with_body(body.to_string())
            .expect(1)
            .create_async()
            .await;

        let page = client_for(&server, backend)
            .send(
                &GetAllRooms::new()
                    .start_index(0)
                    .max_results(2)
                    .include_archived(true),
            )
            .await
            .expect("a page of rooms");
        assert_eq!((page.start_index, page.max_results), (0, 2));
        let rooms: Vec<(u64, &str, Option<bool>)> = page
            .items
            .iter()
            .map(|r| (r.id, r.name.as_str(), r.is_archived))
            .collect();
        assert_eq!(
            rooms,
            [
                (2251, "Ops Team", Some(false)),
                (2252, "Old Ops", Some(true))
            ]
        );
        assert_eq!(page.items[1].privacy, Some(Privacy::Private));
        assert_eq!(page.links.next.as_deref(), Some(next.as_str()));
        mock.assert_async().await;
    }

    /// A room name with a space, a slash, a `#` and non-ASCII travels as one percent-encoded
    /// segment: nothing is split, cut at the `#` or re-encoded by the HTTP stack.
    pub async fn room_name_is_one_encoded_segment(backend: Arc<dyn HttpBackend>) {
        let mut server = mockito::Server::new_async().await;
        let mock = server
            .mock(
                "GET",
                Matcher::Exact("/v2/room/Ops%20%2F%20%231%20Z%C3%BCrich".to_owned()),
            )
            .match_query(Matcher::Missing)
            .with_status(200)
            .with_header("content-type", "application/json")
            .with_body(
                json!({
                    "id": 77, "name": "Ops / #1 Zürich", "topic": "Grüezi",
                    "links": {"self": "https://api.hipchat.com/v2/room/77"}
                })
                .to_string(),
            )
            .expect(1)
            .create_async()
            .await;

        let room = client_for(&server, backend)
            .send(&GetRoom::new("Ops / #1 Zürich"))
            .await
            .expect("the room");
        assert_eq!(room.id, 77);
        assert_eq!(room.name, "Ops / #1 Zürich");
        assert_eq!(room.topic.as_deref(), Some("Grüezi"));
        mock.assert_async().await;
    }

    /// History spells `include_deleted` with an underscore, the user list `include-deleted`
    /// with a hyphen; each arrives spelled its own way and nothing else is added.
    pub async fn include_deleted_keeps_each_methods_spelling(backend: Arc<dyn HttpBackend>) {
        let mut server = mockito::Server::new_async().await;
        let history = server
            .mock("GET", "/v2/room/ops/history")
            .match_query(Matcher::Exact("include_deleted=true".to_owned()))
            .with_status(200)
            .with_header("content-type", "application/json")
            .with_body(
                json!({
                    "items": [
                        {"id": "m1", "date": "2024-03-01T09:00:00+00:00", "type": "message",
                         "from": {"id": 1, "name": "Alice", "mention_name": "alice",
                                  "links": {"self": "https://api.hipchat.com/v2/user/1"}}},
                        {"id": "m2", "date": "2024-03-01T09:01:00+00:00", "type": "notification",
                         "from": "CI", "message": "green"}
                    ],
                    "startIndex": 0, "maxResults": 75,
                    "links": {"self": "https://api.hipchat.com/v2/room/ops/history"}
                })
                .to_string(),
            )
            .expect(1)
            .create_async()
            .await;
        let users = server
            .mock("GET", "/v2/user")
            .match_query(Matcher::Exact("include-deleted=true".to_owned()))
            .with_status(200)
            .with_header("content-type", "application/json")
            .with_body(
                json!({
                    "items": [{"id": 9, "name": "Gone Person", "mention_name": "gone",
                               "links": {"self": "https://api.hipchat.com/v2/user/9"}}],
                    "startIndex": 0, "maxResults": 100,
                    "links": {"self": "https://api.hipchat.com/v2/user"}
                })
                .to_string(),
            )
            .expect(1)
            .create_async()
            .await;

        let client = client_for(&server, backend);
        let page = client
            .send(&ViewRoomHistory::new("ops").include_deleted(true))
            .await
            .expect("history");
        assert_eq!(page.items.len(), 2);
        assert!(page.items[0].is_deleted(), "{:?}", page.items[0]);
        assert_eq!(page.items[1].message.as_deref(), Some("green"));
        let page = client
            .send(&GetAllUsers::new().include_deleted(true))
            .await
            .expect("users");
        assert_eq!(page.items[0].mention_name, "gone");
        history.assert_async().await;
        users.assert_async().await;
    }

    /// The token endpoint gets a form body and HTTP Basic with the client id and secret, no
    /// Bearer token, and the token decodes.
    pub async fn token_request_is_a_form_with_basic_auth(backend: Arc<dyn HttpBackend>) {
        let mut server = mockito::Server::new_async().await;
        let mock = server
            .mock("POST", "/v2/oauth/token")
            .match_query(Matcher::Missing)
            .match_header("authorization", BASIC)
            .match_header("content-type", "application/x-www-form-urlencoded")
            .match_header("user-agent", DEFAULT_USER_AGENT)
            .match_body(Matcher::Exact(
                "grant_type=client_credentials&scope=send_notification+view_room".to_owned(),
            ))
            .with_status(200)
            .with_header("content-type", "application/json")
            .with_body(
                json!({
                    "access_token": "fresh-addon-token", "token_type": "bearer",
                    "expires_in": 3599, "scope": "send_notification view_room",
                    "group_id": 1, "group_name": "Example"
                })
                .to_string(),
            )
            .expect(1)
            .create_async()
            .await;

        let token = client_for(&server, backend)
            .send(
                &GenerateToken::new(GrantType::ClientCredentials)
                    .scope([Scope::SendNotification, Scope::ViewRoom]),
            )
            .await
            .expect("a token");
        assert_eq!(token.access_token, "fresh-addon-token");
        assert_eq!(token.token_type, "bearer");
        assert_eq!(token.expires_in, 3599);
        assert_eq!(
            token.scopes(),
            vec![Scope::SendNotification, Scope::ViewRoom]
        );
        assert_eq!(token.group_id, Some(1));
        mock.assert_async().await;
    }

    /// The capabilities document is read with no credentials at all.
    pub async fn capabilities_are_read_without_authorization(backend: Arc<dyn HttpBackend>) {
        let mut server = mockito::Server::new_async().await;
        let api = format!("{}/v2", server.url());
        let mock = server
            .mock("GET", "/v2/capabilities")
            .match_header("authorization", Matcher::Missing)
            .match_header("accept", "application/json")
            .with_status(200)
            .with_header("content-type", "application/json")
            .with_body(
                json!({
                    "name": "HipChat", "key": "hipchat", "description": "Group chat",
                    "links": {"self": format!("{api}/capabilities"), "api": api}
                })
                .to_string(),
            )
            .expect(1)
            .create_async()
            .await;

        let caps = client_for(&server, backend)
            .send(&GetCapabilities::new())
            .await
            .expect("capabilities");
        assert_eq!(caps.key, "hipchat");
        assert_eq!(caps.links.api.as_deref(), Some(api.as_str()));
        mock.assert_async().await;
    }

    /// A HipChat error document becomes `Error::Api` with the parsed error.
    pub async fn not_found_is_an_api_error(backend: Arc<dyn HttpBackend>) {
        let mut server = mockito::Server::new_async().await;
        let mock = server
            .mock("GET", "/v2/room/ghost")
            .with_status(404)
            .with_header("content-type", "application/json")
            .with_body(
                r#"{"error": {"code": 404, "message": "Room not found", "type": "Not Found"}}"#,
            )
            .expect(1)
            .create_async()
            .await;

        let result = client_for(&server, backend)
            .send(&GetRoom::new("ghost"))
            .await;
        let Err(Error::Api(e)) = result else {
            panic!("expected Error::Api, got {result:?}")
        };
        assert_eq!(e.status(), StatusCode::NOT_FOUND);
        let hipchat = e.hipchat_error().expect("HipChat error document");
        assert_eq!(hipchat.message, "Room not found");
        assert_eq!(hipchat.code, Some(404));
        assert_eq!(hipchat.error_type.as_deref(), Some("Not Found"));
        mock.assert_async().await;
    }

    /// A 302 answering a method whose response is `()` is an error, and neither the backend
    /// nor the client follows it.
    pub async fn redirect_is_an_error_and_not_followed(backend: Arc<dyn HttpBackend>) {
        let mut server = mockito::Server::new_async().await;
        let target = format!("{}/v2/somewhere-else", server.url());
        let redirect = server
            .mock("DELETE", "/v2/oauth/token/old-token")
            .with_status(302)
            .with_header("location", &target)
            .expect(1)
            .create_async()
            .await;
        let followed_delete = server
            .mock("DELETE", "/v2/somewhere-else")
            .with_status(204)
            .expect(0)
            .create_async()
            .await;
        let followed_get = server
            .mock("GET", "/v2/somewhere-else")
            .with_status(200)
            .expect(0)
            .create_async()
            .await;

        let result = client_for(&server, backend)
            .send(&DeleteSession::new("old-token"))
            .await;
        let Err(Error::Api(e)) = result else {
            panic!("expected Error::Api, got {result:?}")
        };
        assert_eq!(e.status(), StatusCode::FOUND);
        redirect.assert_async().await;
        followed_delete.assert_async().await;
        followed_get.assert_async().await;
    }

    /// A 429 becomes `Error::Api` with the rate-limit and flood-control headers parsed.
    pub async fn rate_limited_is_an_api_error_with_limits(backend: Arc<dyn HttpBackend>) {
        let mut server = mockito::Server::new_async().await;
        let mock = server
            .mock("POST", "/v2/room/ops/notification")
            .with_status(429)
            .with_header("content-type", "application/json")
            .with_header("X-Ratelimit-Limit", "100")
            .with_header("X-Ratelimit-Remaining", "0")
            .with_header("X-Ratelimit-Reset", "1700000300")
            .with_header("X-FloodControl-Limit", "30")
            .with_header("X-FloodControl-Remaining", "0")
            .with_header("X-FloodControl-Reset", "1700000060")
            .with_body(
                r#"{"error": {"code": 429, "message": "You have exceeded the rate limit.", "type": "Too Many Requests"}}"#,
            )
            .expect(1)
            .create_async()
            .await;

        let result = client_for(&server, backend)
            .send(&SendRoomNotification::new("ops", "one too many"))
            .await;
        let Err(Error::Api(e)) = result else {
            panic!("expected Error::Api, got {result:?}")
        };
        assert_eq!(e.status(), StatusCode::TOO_MANY_REQUESTS);
        let rate = e.rate_limits().rate.expect("X-Ratelimit-* parsed");
        assert_eq!(
            (rate.limit, rate.remaining, rate.reset),
            (Some(100), Some(0), Some(1_700_000_300))
        );
        let flood = e.rate_limits().flood.expect("X-FloodControl-* parsed");
        assert_eq!(
            (flood.limit, flood.remaining, flood.reset),
            (Some(30), Some(0), Some(1_700_000_060))
        );
        assert_eq!(
            e.hipchat_error().map(|h| h.message.as_str()),
            Some("You have exceeded the rate limit.")
        );
        mock.assert_async().await;
    }

    /// An HTML 502 from a proxy becomes `Error::Api` with the page kept as it came.
    pub async fn html_bad_gateway_keeps_the_body(backend: Arc<dyn HttpBackend>) {
        let mut server = mockito::Server::new_async().await;
        let html = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body>\r\n</html>\r\n";
        let mock = server
            .mock("GET", "/v2/room")
            .with_status(502)
            .with_header("content-type", "text/html")
            .with_body(html)
            .expect(1)
            .create_async()
            .await;

        let result = client_for(&server, backend).send(&GetAllRooms::new()).await;
        let Err(Error::Api(e)) = result else {
            panic!("expected Error::Api, got {result:?}")
        };
        assert_eq!(e.status(), StatusCode::BAD_GATEWAY);
        assert_eq!(e.hipchat_error(), None);
        assert_eq!(e.body_text(), html);
        mock.assert_async().await;
    }

    /// Nothing listens on the port: `Error::Transport` of kind `Connect`.
    pub async fn closed_port_is_a_connect_error(backend: Arc<dyn HttpBackend>) {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("address").port();
        drop(listener);
        let client = Client::builder()
            .base_url(format!("http://127.0.0.1:{port}/v2"))
            .token(TOKEN)
            .shared_backend(backend)
            .build()
            .expect("client");

        let result = client.send(&GetRoom::new("ops")).await;
        let Err(Error::Transport(e)) = result else {
            panic!("expected Error::Transport, got {result:?}")
        };
        assert_eq!(e.kind(), TransportErrorKind::Connect, "{e:?}");
    }
}

/// Generates, for each listed case, one `#[tokio::test]` per backend whose feature is on.
macro_rules! over_http {
    ($($case:ident),+ $(,)?) => {
        #[cfg(feature = "reqwest")]
        mod reqwest_backend {
            $(
                #[tokio::test]
                async fn $case() {
                    let backend: std::sync::Arc<dyn hipchat::HttpBackend> =
                        std::sync::Arc::new(hipchat::ReqwestBackend::new());
                    super::cases::$case(backend).await;
                }
            )+
        }

        #[cfg(feature = "isahc")]
        mod isahc_backend {
            $(
                #[tokio::test]
                async fn $case() {
                    let backend: std::sync::Arc<dyn hipchat::HttpBackend> =
                        std::sync::Arc::new(hipchat::IsahcBackend::new());
                    super::cases::$case(backend).await;
                }
            )+
        }
    };
}

over_http!(
    notification_with_a_card_arrives_exactly,
    all_rooms_page_with_next_link,
    room_name_is_one_encoded_segment,
    include_deleted_keeps_each_methods_spelling,
    token_request_is_a_form_with_basic_auth,
    capabilities_are_read_without_authorization,
    not_found_is_an_api_error,
    redirect_is_an_error_and_not_followed,
    rate_limited_is_an_api_error_with_limits,
    html_bad_gateway_keeps_the_body,
    closed_port_is_a_connect_error,
);
