//! `--fake`: commands run against the in-memory HipChat of the `hipchat` crate, seeded with a
//! demo group (rooms "Ops" and "Dev", users alice and bob, a little history).
//!
//! Each run starts from the demo group. With `--fake-state FILE`, the requests that changed
//! something (every successful request other than a read or a token request) are appended to
//! FILE as JSON Lines, and replayed at the start of the next run, so that `notify` followed by
//! `history export` in another process sees the notification.

use std::fs::OpenOptions;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use hipchat::fake::{FakeHipChat, RateLimit};
use hipchat::model::Scope;
use hipchat::{ClientBuilder, HttpBackend, HttpRequest, HttpResponse, TransportError};
use serde::{Deserialize, Serialize};

use crate::config::Settings;
use crate::context::Auth;
use crate::error::CliError;

/// The OAuth client the fake accepts when none is configured.
pub const DEMO_CLIENT_ID: &str = "fake-client-id";
/// Its secret.
pub const DEMO_CLIENT_SECRET: &str = "fake-client-secret";

/// The host the recorded requests are replayed against; any URL with a `v2` segment works.
const REPLAY_ORIGIN: &str = "https://hipchat.fake";

/// A fake HipChat for one run, with the credentials the command will use.
pub struct FakeSession {
    fake: FakeHipChat,
    token: String,
    oauth_client: (String, String),
    state: Option<PathBuf>,
}

impl FakeSession {
    /// Seeds the demo group, replays the state file, and registers the configured token (with
    /// every scope, acting as the admin) or OAuth client; without one, the admin token or a
    /// demo client is used.
    pub async fn start(settings: &Settings, auth: Auth) -> Result<FakeSession, CliError> {
        let fake = FakeHipChat::demo();
        if let Some(path) = &settings.fake_state {
            let replayed = replay(&fake, path).await?;
            if replayed.failed > 0 && !settings.quiet {
                eprintln!(
                    "hipchat: {} of the {} changes recorded in {} could not be replayed",
                    replayed.failed,
                    replayed.total,
                    path.display()
                );
            }
        }
        let token = match (&settings.token, auth) {
            (Some(token), Auth::Token) => {
                fake.add_token(token, FakeHipChat::ADMIN_ID, Scope::KNOWN);
                token.clone()
            }
            _ => FakeHipChat::ADMIN_TOKEN.to_owned(),
        };
        let oauth_client = match (&settings.oauth_client_id, &settings.oauth_client_secret) {
            (Some(id), Some(secret)) => (id.clone(), secret.clone()),
            _ => (DEMO_CLIENT_ID.to_owned(), DEMO_CLIENT_SECRET.to_owned()),
        };
        if auth == Auth::OauthClient {
            fake.add_oauth_client(&oauth_client.0, &oauth_client.1, Scope::KNOWN);
        }
        Ok(FakeSession {
            fake,
            token,
            oauth_client,
            state: settings.fake_state.clone(),
        })
    }

    /// Points the client at the fake.
    pub fn configure(&self, builder: ClientBuilder) -> ClientBuilder {
        builder.base_url(FakeHipChat::BASE_URL)
    }

    /// The fake's clock, as the client's timer.
    pub fn clock(&self) -> FakeHipChat {
        self.fake.clone()
    }

    /// The access token the fake accepts.
    pub fn token(&self) -> String {
        self.token.clone()
    }

    /// The OAuth client id and secret the fake accepts.
    pub fn oauth_client(&self) -> (String, String) {
        self.oauth_client.clone()
    }

    /// The backend: the fake, recording changes to the state file when there is one.
    pub fn backend(self) -> Arc<dyn HttpBackend> {
        Arc::new(Recording {
            fake: self.fake,
            state: self.state,
        })
    }
}

/// One recorded request: enough to send it again.
#[derive(Debug, Serialize, Deserialize)]
struct Recorded {
    method: String,
    /// Path and query, from `/v2` on.
    target: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    content_type: Option<String>,
    /// The body, when it is UTF-8.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    body: Option<String>,
    /// The body, when it is not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    body_bytes: Option<Vec<u8>>,
}

impl Recorded {
    fn of(request: &HttpRequest) -> Recorded {
        let (body, body_bytes) = match std::str::from_utf8(request.body()) {
            Ok(text) => (Some(text.to_owned()), None),
            Err(_) => (None, Some(request.body().clone())),
        };
        Recorded {
            method: request.method().as_str().to_owned(),
            target: request.uri().path_and_query().map_or_else(
                || request.uri().path().to_owned(),
                |p| p.as_str().to_owned(),
            ),
            content_type: request
                .headers()
                .get(http::header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned),
            body,
            body_bytes,
        }
    }

    fn to_request(&self) -> Option<HttpRequest> {
        let mut builder = http::Request::builder()
            .method(self.method.as_str())
            .uri(format!("{REPLAY_ORIGIN}{}", self.target))
            .header(
                http::header::AUTHORIZATION,
                format!("Bearer {}", FakeHipChat::ADMIN_TOKEN),
            );
        if let Some(content_type) = &self.content_type {
            builder = builder.header(http::header::CONTENT_TYPE, content_type);
        }
        let body = match (&self.body, &self.body_bytes) {
            (Some(text), _) => text.clone().into_bytes(),
            (None, Some(bytes)) => bytes.clone(),
            (None, None) => Vec::new(),
        };
        builder.body(body).ok()
    }
}

/// Whether a successful request changed the fake: anything but a read or a token request.
fn changes_state(request: &HttpRequest) -> bool {
    let method = request.method();
    method != http::Method::GET
        && method != http::Method::HEAD
        && !request.uri().path().ends_with("/oauth/token")
}

/// The fake, appending the requests that changed it to the state file.
struct Recording {
    fake: FakeHipChat,
    state: Option<PathBuf>,
}

#[hipchat::async_trait]
impl HttpBackend for Recording {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        let record =
            (self.state.is_some() && changes_state(&request)).then(|| Recorded::of(&request));
        let response = self.fake.send(request).await?;
        if let (Some(path), Some(record), true) =
            (&self.state, record, response.status().is_success())
        {
            if let Err(e) = append(path, &record) {
                eprintln!(
                    "hipchat: could not record the change in {}: {e}",
                    path.display()
                );
            }
        }
        Ok(response)
    }
}

fn append(path: &Path, record: &Recorded) -> std::io::Result<()> {
    let mut line = serde_json::to_string(record).map_err(std::io::Error::other)?;
    line.push('\n');
    OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?
        .write_all(line.as_bytes())
}

struct Replayed {
    total: usize,
    failed: usize,
}

/// Sends every request recorded in `path` to `fake`, in order; a missing file is an empty one.
async fn replay(fake: &FakeHipChat, path: &Path) -> Result<Replayed, CliError> {
    let file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Replayed {
                total: 0,
                failed: 0,
            });
        }
        Err(e) => {
            return Err(CliError::usage(format!(
                "could not read the fake state file {}: {e}",
                path.display()
            )));
        }
    };
    // Replaying is not the user's traffic: it must not count against the rate limit.
    fake.set_rate_limit(None);
    let mut replayed = Replayed {
        total: 0,
        failed: 0,
    };
    for line in BufReader::new(file).lines() {
        let line = line.map_err(|e| {
            CliError::usage(format!(
                "could not read the fake state file {}: {e}",
                path.display()
            ))
        })?;
        if line.trim().is_empty() {
            continue;
        }
        replayed.total += 1;
        let request = serde_json::from_str::<Recorded>(&line)
            .ok()
            .and_then(|r| r.to_request());
        let ok = match request {
            Some(request) => fake
                .send(request)
                .await
                .is_ok_and(|response| response.status().is_success()),
            None => false,
        };
        if !ok {
            replayed.failed += 1;
        }
    }
    fake.set_rate_limit(Some(RateLimit::cloud()));
    Ok(replayed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_round_trip_to_requests() {
        let request = http::Request::builder()
            .method("POST")
            .uri("https://hipchat.fake/v2/room/Ops/notification?x=1")
            .header("content-type", "application/json")
            .header("authorization", "Bearer user-token")
            .body(br#"{"message":"hi"}"#.to_vec())
            .unwrap();
        assert!(changes_state(&request));
        let record = Recorded::of(&request);
        let json = serde_json::to_string(&record).unwrap();
        assert!(
            !json.contains("user-token"),
            "the token is not recorded: {json}"
        );
        let again: Recorded = serde_json::from_str(&json).unwrap();
        let replay = again.to_request().unwrap();
        assert_eq!(
            replay.uri(),
            "https://hipchat.fake/v2/room/Ops/notification?x=1"
        );
        assert_eq!(replay.body(), request.body());
        assert_eq!(replay.headers()["content-type"], "application/json");

        let binary = http::Request::builder()
            .method("POST")
            .uri("https://hipchat.fake/v2/room/Ops/share/file")
            .body(vec![0xff, 0x00])
            .unwrap();
        let record = Recorded::of(&binary);
        assert_eq!(record.to_request().unwrap().body(), &vec![0xff, 0x00]);
    }

    #[test]
    fn reads_and_token_requests_are_not_recorded() {
        let get = http::Request::builder()
            .uri("https://hipchat.fake/v2/room")
            .body(Vec::new())
            .unwrap();
        assert!(!changes_state(&get));
        let token = http::Request::builder()
            .method("POST")
            .uri("https://hipchat.fake/v2/oauth/token")
            .body(Vec::new())
            .unwrap();
        assert!(!changes_state(&token));
    }
}
