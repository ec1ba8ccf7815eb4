//! What can go wrong in a command, the line printed for it, and the exit code.

use std::fmt;
use std::io;

use hipchat::TransportErrorKind;

/// Exit code: HipChat answered with an error status.
pub const EXIT_API: u8 = 1;
/// Exit code: usage, configuration or invalid input; nothing was sent.
pub const EXIT_USAGE: u8 = 2;
/// Exit code: no answer from the server.
pub const EXIT_TRANSPORT: u8 = 3;
/// Exit code: an unexpected answer, or a local failure writing output.
pub const EXIT_OTHER: u8 = 4;

/// A failed command.
#[derive(Debug)]
pub enum CliError {
    /// A flag, setting, file or input is wrong; nothing was sent.
    Usage(String),
    /// The client refused or failed the call.
    Hipchat(hipchat::Error),
    /// No answer from the server at `url`, after `retries` retries of a failed connection.
    Unreachable {
        /// The API base URL.
        url: String,
        /// How many retries the policy allowed.
        retries: u32,
        /// What went wrong.
        error: hipchat::TransportError,
    },
    /// Writing the command's output failed.
    Output(io::Error),
    /// The reader of stdout went away; not a failure of the command.
    BrokenPipe,
}

impl CliError {
    /// A usage or configuration error.
    pub fn usage(message: impl Into<String>) -> Self {
        CliError::Usage(message.into())
    }

    /// An error writing output; a closed pipe is told apart.
    pub fn output(error: io::Error) -> Self {
        if error.kind() == io::ErrorKind::BrokenPipe {
            CliError::BrokenPipe
        } else {
            CliError::Output(error)
        }
    }

    /// Names the server in a transport error, and the retries made when connecting failed.
    pub fn at_url(self, url: &str, retries: u32) -> Self {
        match self {
            CliError::Hipchat(hipchat::Error::Transport(error)) => CliError::Unreachable {
                url: url.to_owned(),
                retries: if error.kind() == TransportErrorKind::Connect {
                    retries
                } else {
                    0
                },
                error,
            },
            other => other,
        }
    }

    /// The process exit code for this error.
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Usage(_) => EXIT_USAGE,
            CliError::Hipchat(hipchat::Error::InvalidInput(_)) => EXIT_USAGE,
            CliError::Hipchat(hipchat::Error::Api(_)) => EXIT_API,
            CliError::Hipchat(hipchat::Error::Transport(_)) => EXIT_TRANSPORT,
            CliError::Hipchat(_) => EXIT_OTHER,
            CliError::Unreachable { .. } => EXIT_TRANSPORT,
            CliError::Output(_) => EXIT_OTHER,
            CliError::BrokenPipe => 0,
        }
    }
}

impl From<hipchat::Error> for CliError {
    fn from(error: hipchat::Error) -> Self {
        CliError::Hipchat(error)
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::Usage(message) => f.write_str(message),
            CliError::Hipchat(error) => describe(error, f),
            CliError::Unreachable {
                url,
                retries,
                error,
            } => {
                transport(error, Some(url), f)?;
                match retries {
                    0 => Ok(()),
                    1 => f.write_str(" (after 1 retry)"),
                    n => write!(f, " (after {n} retries)"),
                }
            }
            CliError::Output(error) => write!(f, "could not write the output: {error}"),
            CliError::BrokenPipe => f.write_str("the output was closed"),
        }
    }
}

/// One line about a client error: HipChat's own message first when it gave one.
fn describe(error: &hipchat::Error, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    match error {
        hipchat::Error::Api(api) => {
            let status = api.status();
            let code = status.as_u16();
            match api.hipchat_error() {
                Some(e) if !e.message.is_empty() => write!(f, "{} (HTTP {code})", e.message)?,
                _ => {
                    let body = api.body_text();
                    let excerpt: String = body
                        .chars()
                        .map(|c| if c.is_control() { ' ' } else { c })
                        .take(200)
                        .collect();
                    let reason = status.canonical_reason().unwrap_or("error");
                    if excerpt.trim().is_empty() {
                        write!(f, "HipChat answered HTTP {code} {reason}")?;
                    } else {
                        write!(
                            f,
                            "HipChat answered HTTP {code} {reason}: {}",
                            excerpt.trim()
                        )?;
                    }
                }
            }
            match code {
                401 => f.write_str(
                    "; check the token (--token, HIPCHAT_TOKEN or `token` in the config file)",
                ),
                429 => {
                    f.write_str("; rate limited, and retrying did not help (see --retries)")?;
                    if let Some(reset) = api
                        .rate_limits()
                        .flood
                        .and_then(|l| l.reset)
                        .or_else(|| api.rate_limits().rate.and_then(|l| l.reset))
                    {
                        write!(f, "; the limit resets at unix time {reset}")?;
                    }
                    Ok(())
                }
                _ => Ok(()),
            }
        }
        hipchat::Error::Transport(e) => transport(e, None, f),
        hipchat::Error::InvalidInput(e) => write!(f, "{e}"),
        hipchat::Error::Decode(e) => write!(f, "unexpected answer from HipChat: {e}"),
        other => write!(f, "{other}"),
    }
}

/// A transport failure, naming the server when known.
fn transport(
    error: &hipchat::TransportError,
    url: Option<&str>,
    f: &mut fmt::Formatter<'_>,
) -> fmt::Result {
    let what = match error.kind() {
        TransportErrorKind::Connect => "could not connect to HipChat",
        TransportErrorKind::Timeout => "HipChat did not answer in time",
        TransportErrorKind::Io => "the connection to HipChat broke",
        _ => "the request to HipChat failed",
    };
    match url {
        Some(url) => write!(f, "{what} at {url}: {}", error.message()),
        None => write!(f, "{what}: {}", error.message()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hipchat::{ApiError, RateLimits};

    fn api(status: u16, body: &str) -> CliError {
        CliError::Hipchat(hipchat::Error::Api(ApiError::new(
            http::StatusCode::from_u16(status).unwrap(),
            body.as_bytes().to_vec(),
            RateLimits::default(),
        )))
    }

    #[test]
    fn api_errors_show_hipchats_message_and_status() {
        let e = api(
            404,
            r#"{"error":{"code":404,"message":"Room not found","type":"Not Found"}}"#,
        );
        assert_eq!(e.to_string(), "Room not found (HTTP 404)");
        assert_eq!(e.exit_code(), EXIT_API);
    }

    #[test]
    fn api_errors_without_a_hipchat_body_show_the_status_and_an_excerpt() {
        let e = api(502, "<html>\nbad gateway</html>");
        assert_eq!(
            e.to_string(),
            "HipChat answered HTTP 502 Bad Gateway: <html> bad gateway</html>"
        );
        assert_eq!(
            api(500, "").to_string(),
            "HipChat answered HTTP 500 Internal Server Error"
        );
    }

    #[test]
    fn exit_codes_tell_the_kinds_apart() {
        assert_eq!(CliError::usage("x").exit_code(), EXIT_USAGE);
        let transport = hipchat::TransportError::new(TransportErrorKind::Connect, "refused");
        let unreachable =
            CliError::from(hipchat::Error::Transport(transport)).at_url("https://x.example/v2", 3);
        assert_eq!(unreachable.exit_code(), EXIT_TRANSPORT);
        assert_eq!(
            unreachable.to_string(),
            "could not connect to HipChat at https://x.example/v2: refused (after 3 retries)"
        );
        assert_eq!(
            CliError::from(hipchat::Error::invalid_input(
                "message",
                "must not be empty"
            ))
            .exit_code(),
            EXIT_USAGE
        );
        assert_eq!(
            CliError::output(io::Error::new(io::ErrorKind::BrokenPipe, "x")).exit_code(),
            0
        );
        assert_eq!(
            CliError::output(io::Error::other("disk full")).exit_code(),
            EXIT_OTHER
        );
    }
}
