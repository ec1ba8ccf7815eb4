//! Where a command's requests go: a HipChat server, the in-memory fake, or (with `--dry-run`)
//! stdout.

use std::io::Write;
use std::sync::Arc;

use hipchat::{
    Client, ClientBuilder, ClientConfig, DEFAULT_USER_AGENT, Endpoint, HttpBackend, RetryPolicy,
    Timer, TransportError, TransportErrorKind, build_request,
};

use crate::config::Settings;
use crate::dry_run;
use crate::error::CliError;

/// The credentials a command needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Auth {
    /// The access token (every command but `token`).
    Token,
    /// The OAuth client id and secret (`token`).
    OauthClient,
}

/// What a command sends its requests through.
pub struct Context {
    /// The resolved settings.
    pub settings: Settings,
    target: Target,
}

enum Target {
    Live(Client),
    DryRun(ClientConfig),
}

/// The `User-Agent` of the command: this tool, then the library.
fn user_agent() -> String {
    format!(
        "hipchat-cli/{} {DEFAULT_USER_AGENT}",
        env!("CARGO_PKG_VERSION")
    )
}

impl Context {
    /// Builds the client (or, with `--dry-run`, only its configuration) for a command that
    /// needs `auth`. With `--fake`, the backend is the in-memory HipChat.
    pub async fn connect(settings: Settings, auth: Auth) -> Result<Context, CliError> {
        let fake = if settings.fake {
            Some(crate::fake::FakeSession::start(&settings, auth).await?)
        } else {
            None
        };
        let mut builder = Client::builder().user_agent(user_agent());
        builder = match &fake {
            Some(session) => session.configure(builder),
            None => builder
                .base_url(settings.url.clone())
                .allow_insecure_http(settings.insecure_http),
        };
        builder = match auth {
            Auth::Token => match &fake {
                Some(session) => builder.token(session.token()),
                None => builder.token(settings.require_token()?),
            },
            Auth::OauthClient => {
                let (id, secret) = match &fake {
                    Some(session) => session.oauth_client(),
                    None => require_oauth_client(&settings)?,
                };
                builder.oauth_client(id, secret)
            }
        };
        let target = if settings.dry_run {
            Target::DryRun(builder.build_config().map_err(config_error)?)
        } else {
            // Against the fake, waiting out a 429 moves the fake's clock instead of sleeping.
            let (backend, timer): (Arc<dyn HttpBackend>, Arc<dyn Timer>) = match fake {
                Some(session) => {
                    let timer = Arc::new(session.clock());
                    (session.backend(), timer)
                }
                None => (
                    Arc::new(real_backend(&settings)?),
                    Arc::new(hipchat::TokioTimer),
                ),
            };
            let builder = with_retries(builder.shared_backend(backend), settings.retries, timer);
            Target::Live(builder.build().map_err(config_error)?)
        };
        Ok(Context { settings, target })
    }

    /// The client, unless this is a dry run.
    pub fn client(&self) -> Option<&Client> {
        match &self.target {
            Target::Live(client) => Some(client),
            Target::DryRun(_) => None,
        }
    }

    /// Sends `endpoint` and decodes the answer; with `--dry-run`, prints the request to `out`
    /// instead and returns `None`.
    pub async fn send<E: Endpoint + ?Sized>(
        &self,
        endpoint: &E,
        out: &mut dyn Write,
    ) -> Result<Option<E::Response>, CliError> {
        match &self.target {
            Target::Live(client) => Ok(Some(client.send(endpoint).await?)),
            Target::DryRun(config) => {
                self.print_request(config, endpoint, out)?;
                Ok(None)
            }
        }
    }

    /// With `--dry-run`, prints the first request of a command that sends several, and says
    /// so on stderr. Returns whether this was a dry run.
    pub fn dry_run_first<E: Endpoint + ?Sized>(
        &self,
        endpoint: &E,
        out: &mut dyn Write,
    ) -> Result<bool, CliError> {
        let Target::DryRun(config) = &self.target else {
            return Ok(false);
        };
        self.print_request(config, endpoint, out)?;
        self.note(
            "dry run: this command pages through the collection; only its first request is \
             shown (the next ones differ by start-index)",
        );
        Ok(true)
    }

    fn print_request<E: Endpoint + ?Sized>(
        &self,
        config: &ClientConfig,
        endpoint: &E,
        out: &mut dyn Write,
    ) -> Result<(), CliError> {
        let request = build_request(config, endpoint)?;
        let exact = dry_run::write_request(out, &request, self.settings.show_token)
            .map_err(CliError::output)?;
        if !exact {
            self.note("dry run: the body is not valid UTF-8; invalid bytes are shown as U+FFFD");
        }
        Ok(())
    }

    /// A hint on stderr, unless `--quiet`.
    pub fn note(&self, message: &str) {
        if !self.settings.quiet {
            eprintln!("hipchat: {message}");
        }
    }

    /// Work to do after the command succeeded (the fake keeps its state).
    pub fn finish(self) -> Result<(), CliError> {
        if self.settings.fake && !self.settings.dry_run {
            self.note("ran against the in-memory HipChat (--fake); nothing was sent anywhere");
        }
        Ok(())
    }
}

/// A base URL or credential the client refused: a configuration problem, exit code 2.
fn config_error(error: hipchat::Error) -> CliError {
    match error {
        hipchat::Error::InvalidInput(e) if e.field() == "base_url" => CliError::usage(format!(
            "the API URL {}; use --insecure-http to allow plain http to that host",
            e.rule()
        )),
        hipchat::Error::InvalidInput(e) => {
            CliError::usage(format!("the setting `{}` {}", e.field(), e.rule()))
        }
        other => CliError::Hipchat(other),
    }
}

fn require_oauth_client(settings: &Settings) -> Result<(String, String), CliError> {
    match (&settings.oauth_client_id, &settings.oauth_client_secret) {
        (Some(id), Some(secret)) => Ok((id.clone(), secret.clone())),
        _ => Err(CliError::usage(
            "the OAuth client id and secret are needed: pass --client-id and --client-secret, \
             set HIPCHAT_OAUTH_ID and HIPCHAT_OAUTH_SECRET, or put oauth_client_id and \
             oauth_client_secret in the config file",
        )),
    }
}

fn real_backend(settings: &Settings) -> Result<hipchat::ReqwestBackend, CliError> {
    let client = hipchat::ReqwestBackend::builder()
        .timeout(settings.timeout)
        .build()
        .map_err(|e| {
            CliError::Hipchat(hipchat::Error::Transport(TransportError::from_source(
                TransportErrorKind::Other,
                e,
            )))
        })?;
    Ok(hipchat::ReqwestBackend::from(client))
}

fn with_retries(builder: ClientBuilder, retries: u32, timer: Arc<dyn Timer>) -> ClientBuilder {
    if retries == 0 {
        return builder;
    }
    builder
        .retry(RetryPolicy::new().max_retries(retries))
        .shared_timer(timer)
}
