//! Settings from flags, the environment and the configuration file, in that order of
//! precedence.
//!
//! The environment variables of the old `hipchat_room_message` script are read as fallbacks
//! (`HIPCHAT_ROOM_ID`, `HIPCHAT_HOST`, `HIPCHAT_FROM`, `HIPCHAT_COLOR`, `HIPCHAT_FORMAT`,
//! `HIPCHAT_NOTIFY`, `HIPCHAT_LEVEL`), so a machine set up for it works unchanged. An empty
//! variable counts as unset, as it did for the script.

use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::ValueEnum;
use serde::Deserialize;

use crate::cli::{ColorArg, FormatArg, GlobalArgs, LevelArg};
use crate::error::CliError;

/// HipChat Cloud's API.
pub const DEFAULT_URL: &str = "https://api.hipchat.com/v2";
/// Retries of a 429 or a failed connection, unless configured.
pub const DEFAULT_RETRIES: u32 = 3;
/// Seconds to wait for a response, unless configured.
pub const DEFAULT_TIMEOUT_SECS: u64 = 30;

/// Reads one environment variable; `None` when unset or empty.
pub type EnvLookup<'a> = &'a dyn Fn(&str) -> Option<String>;

/// The process environment, with empty values treated as unset.
pub fn process_env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// The configuration file, as written by the user. Every key is optional.
///
/// ```toml
/// token = "..."
/// url = "https://hipchat.example.com/v2"
/// room = "Ops"
/// from = "CI"
/// color = "green"
/// format = "text"
/// notify = true
/// retries = 3
/// timeout = 30
/// ```
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    /// Access token.
    pub token: Option<String>,
    /// API base URL, including `/v2`.
    pub url: Option<String>,
    /// Default room.
    pub room: Option<String>,
    /// Default notification label.
    pub from: Option<String>,
    /// Default notification colour.
    pub color: Option<String>,
    /// Default message format.
    pub format: Option<String>,
    /// Whether notifications alert by default.
    pub notify: Option<bool>,
    /// Default Nagios-style level.
    pub level: Option<String>,
    /// Retries of a 429 or a failed connection.
    pub retries: Option<u32>,
    /// Seconds to wait for a response.
    pub timeout: Option<u64>,
    /// Allow plain http to a host that is not loopback.
    pub insecure_http: Option<bool>,
    /// OAuth client id for `hipchat token`.
    pub oauth_client_id: Option<String>,
    /// OAuth client secret for `hipchat token`.
    pub oauth_client_secret: Option<String>,
}

/// Defaults for the message commands that come from the environment or the config file;
/// the commands' own flags win over them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MessageDefaults {
    /// Room id or name.
    pub room: Option<String>,
    /// Notification label.
    pub from: Option<String>,
    /// Colour.
    pub color: Option<ColorArg>,
    /// Nagios-style level; it overrides `color`.
    pub level: Option<LevelArg>,
    /// Message format.
    pub format: Option<FormatArg>,
    /// Whether to alert.
    pub notify: Option<bool>,
}

impl MessageDefaults {
    /// The colour to use when no flag says: the level's when one is set, else the colour.
    pub fn color(&self) -> Option<ColorArg> {
        self.level.map(LevelArg::color).or(self.color)
    }
}

/// Everything a command needs to know besides its own flags.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The access token, if any.
    pub token: Option<String>,
    /// The API base URL.
    pub url: String,
    /// Plain http allowed to any host.
    pub insecure_http: bool,
    /// Retries of a 429 or a failed connection.
    pub retries: u32,
    /// Time to wait for each response.
    pub timeout: Duration,
    /// OAuth client id.
    pub oauth_client_id: Option<String>,
    /// OAuth client secret.
    pub oauth_client_secret: Option<String>,
    /// Defaults for the message commands.
    pub defaults: MessageDefaults,
    /// Print requests instead of sending them.
    pub dry_run: bool,
    /// Show the Authorization header in dry-run output.
    pub show_token: bool,
    /// Run against the in-memory HipChat.
    pub fake: bool,
    /// Where the in-memory HipChat keeps changes between runs.
    #[cfg_attr(not(feature = "fake"), allow(dead_code))]
    pub fake_state: Option<PathBuf>,
    /// No progress or hints on stderr.
    pub quiet: bool,
    /// Things worth telling the user that do not stop the command.
    pub warnings: Vec<String>,
}

impl Settings {
    /// Resolves the settings from the global flags, the environment and the config file.
    pub fn resolve(global: &GlobalArgs, env: EnvLookup<'_>) -> Result<Settings, CliError> {
        let (file, file_warnings) = load_file(global.config.as_deref(), env)?;
        let mut warnings = file_warnings;

        let token = global
            .token
            .clone()
            .or_else(|| env("HIPCHAT_TOKEN"))
            .or_else(|| file.token.clone())
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty());

        let url = global
            .url
            .clone()
            .or_else(|| env("HIPCHAT_URL"))
            .or_else(|| env("HIPCHAT_HOST").map(|host| url_from_host(&host)))
            .or_else(|| file.url.clone())
            .unwrap_or_else(|| DEFAULT_URL.to_owned());

        if let Some(api) = env("HIPCHAT_API") {
            if !api.trim().eq_ignore_ascii_case("v2") {
                warnings.push(format!(
                    "HIPCHAT_API={api} is ignored: this tool speaks HipChat API v2 only, and v1 \
                     tokens do not work with it"
                ));
            }
        }

        let defaults = MessageDefaults {
            room: env("HIPCHAT_ROOM")
                .or_else(|| env("HIPCHAT_ROOM_ID"))
                .or_else(|| file.room.clone()),
            from: env("HIPCHAT_FROM").or_else(|| file.from.clone()),
            color: parse_layered::<ColorArg>("colour", env, "HIPCHAT_COLOR", &file.color)?,
            level: parse_layered::<LevelArg>("level", env, "HIPCHAT_LEVEL", &file.level)?,
            format: parse_layered::<FormatArg>("format", env, "HIPCHAT_FORMAT", &file.format)?,
            notify: match env("HIPCHAT_NOTIFY") {
                Some(value) => Some(parse_bool(&value).ok_or_else(|| {
                    CliError::usage(format!(
                        "HIPCHAT_NOTIFY={value:?} is not a yes/no value (use 1, 0, true or false)"
                    ))
                })?),
                None => file.notify,
            },
        };

        Ok(Settings {
            token,
            url,
            insecure_http: global.insecure_http || file.insecure_http.unwrap_or(false),
            retries: global.retries.or(file.retries).unwrap_or(DEFAULT_RETRIES),
            timeout: Duration::from_secs(
                global
                    .timeout
                    .or(file.timeout)
                    .unwrap_or(DEFAULT_TIMEOUT_SECS)
                    .max(1),
            ),
            oauth_client_id: env("HIPCHAT_OAUTH_ID").or_else(|| file.oauth_client_id.clone()),
            oauth_client_secret: env("HIPCHAT_OAUTH_SECRET")
                .or_else(|| file.oauth_client_secret.clone()),
            defaults,
            dry_run: global.dry_run,
            show_token: global.show_token,
            fake: global.fake,
            fake_state: global
                .fake_state
                .clone()
                .or_else(|| env("HIPCHAT_FAKE_STATE").map(PathBuf::from)),
            quiet: global.quiet,
            warnings,
        })
    }

    /// The token, or the error that explains where to set one.
    pub fn require_token(&self) -> Result<&str, CliError> {
        self.token.as_deref().ok_or_else(|| {
            CliError::usage(
                "no access token: pass --token, set HIPCHAT_TOKEN, or put `token = \"...\"` in \
                 the config file (see `hipchat --help`)",
            )
        })
    }
}

/// The base URL for a `HIPCHAT_HOST` as the old script read it: a bare host (and port), or a
/// URL with a scheme.
fn url_from_host(host: &str) -> String {
    let host = host.trim().trim_end_matches('/');
    let base = if host.contains("://") {
        host.to_owned()
    } else {
        format!("https://{host}")
    };
    if base.ends_with("/v2") {
        base
    } else {
        format!("{base}/v2")
    }
}

/// A value from the environment variable `var`, else from the config file, parsed as `T`.
fn parse_layered<T: ValueEnum>(
    what: &str,
    env: EnvLookup<'_>,
    var: &str,
    file_value: &Option<String>,
) -> Result<Option<T>, CliError> {
    let (value, source) = match env(var) {
        Some(value) => (value, var.to_owned()),
        None => match file_value {
            Some(value) => (
                value.clone(),
                format!("`{}` in the config file", what_key(what)),
            ),
            None => return Ok(None),
        },
    };
    T::from_str(value.trim(), true).map(Some).map_err(|_| {
        let known: Vec<String> = T::value_variants()
            .iter()
            .filter_map(|v| v.to_possible_value())
            .map(|v| v.get_name().to_owned())
            .collect();
        CliError::usage(format!(
            "{source}: {value:?} is not a known {what} (one of: {})",
            known.join(", ")
        ))
    })
}

/// The config-file key for a setting named `what` in messages.
fn what_key(what: &str) -> &str {
    match what {
        "colour" => "color",
        other => other,
    }
}

/// A yes/no value as the old script and common shells spell it.
pub fn parse_bool(value: &str) -> Option<bool> {
    match value.trim().to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Some(true),
        "0" | "false" | "no" | "off" => Some(false),
        _ => None,
    }
}

/// Which config file to read, and whether it must exist.
fn config_path(explicit: Option<&Path>, env: EnvLookup<'_>) -> Option<(PathBuf, bool)> {
    if let Some(path) = explicit {
        return Some((path.to_owned(), true));
    }
    if let Some(path) = env("HIPCHAT_CONFIG") {
        return Some((PathBuf::from(path), true));
    }
    let dir = env("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| env("HOME").map(|home| Path::new(&home).join(".config")))?;
    Some((dir.join("hipchat").join("config.toml"), false))
}

/// Reads the config file: an explicit one must exist, the default one may be missing.
fn load_file(
    explicit: Option<&Path>,
    env: EnvLookup<'_>,
) -> Result<(FileConfig, Vec<String>), CliError> {
    let Some((path, required)) = config_path(explicit, env) else {
        return Ok((FileConfig::default(), Vec::new()));
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required => {
            return Ok((FileConfig::default(), Vec::new()));
        }
        Err(e) => {
            return Err(CliError::usage(format!(
                "could not read the config file {}: {e}",
                path.display()
            )));
        }
    };
    // The error is described by its message and line only: the offending line itself may
    // hold a secret.
    let file: FileConfig = toml::from_str(&text).map_err(|e| {
        let line = e
            .span()
            .map(|span| text[..span.start.min(text.len())].matches('\n').count() + 1);
        let at = line.map(|l| format!(" (line {l})")).unwrap_or_default();
        CliError::usage(format!(
            "the config file {} is not valid{at}: {}",
            path.display(),
            e.message().trim_end()
        ))
    })?;
    let mut warnings = Vec::new();
    if file.token.is_some() || file.oauth_client_secret.is_some() {
        if let Some(warning) = readable_by_others(&path) {
            warnings.push(warning);
        }
    }
    Ok((file, warnings))
}

/// A warning when a file holding secrets can be read by other users.
#[cfg(unix)]
fn readable_by_others(path: &Path) -> Option<String> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path).ok()?.permissions().mode();
    (mode & 0o077 != 0).then(|| {
        format!(
            "the config file {} holds a secret and other users can read it (chmod 600 it)",
            path.display()
        )
    })
}

#[cfg(not(unix))]
fn readable_by_others(_path: &Path) -> Option<String> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env_of(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> + use<> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name| map.get(name).cloned().filter(|v| !v.is_empty())
    }

    fn write_config(text: &str) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, text).unwrap();
        (dir, path)
    }

    #[test]
    fn flags_beat_the_environment_which_beats_the_file() {
        let (_dir, path) = write_config(
            "token = \"file-token\"\nurl = \"https://file.example/v2\"\nroom = \"FileRoom\"\n",
        );
        let env = env_of(&[
            ("HIPCHAT_CONFIG", path.to_str().unwrap()),
            ("HIPCHAT_TOKEN", "env-token"),
            ("HIPCHAT_ROOM", "EnvRoom"),
        ]);
        let s = Settings::resolve(&GlobalArgs::default(), &env).unwrap();
        assert_eq!(s.token.as_deref(), Some("env-token"));
        assert_eq!(s.url, "https://file.example/v2");
        assert_eq!(s.defaults.room.as_deref(), Some("EnvRoom"));

        let flags = GlobalArgs {
            token: Some("flag-token".into()),
            url: Some("https://flag.example/v2".into()),
            ..GlobalArgs::default()
        };
        let s = Settings::resolve(&flags, &env).unwrap();
        assert_eq!(s.token.as_deref(), Some("flag-token"));
        assert_eq!(s.url, "https://flag.example/v2");
    }

    #[test]
    fn the_old_scripts_variables_are_fallbacks() {
        let env = env_of(&[
            ("HIPCHAT_ROOM_ID", "1234"),
            ("HIPCHAT_HOST", "chat.example.com"),
            ("HIPCHAT_FROM", "Nagios"),
            ("HIPCHAT_COLOR", "purple"),
            ("HIPCHAT_FORMAT", "html"),
            ("HIPCHAT_NOTIFY", "1"),
        ]);
        let s = Settings::resolve(&GlobalArgs::default(), &env).unwrap();
        assert_eq!(s.url, "https://chat.example.com/v2");
        assert_eq!(s.defaults.room.as_deref(), Some("1234"));
        assert_eq!(s.defaults.from.as_deref(), Some("Nagios"));
        assert_eq!(s.defaults.color(), Some(ColorArg::Purple));
        assert_eq!(s.defaults.format, Some(FormatArg::Html));
        assert_eq!(s.defaults.notify, Some(true));

        let env = env_of(&[
            ("HIPCHAT_ROOM", "Ops"),
            ("HIPCHAT_ROOM_ID", "1234"),
            ("HIPCHAT_URL", "https://new.example/v2"),
            ("HIPCHAT_HOST", "old.example"),
            ("HIPCHAT_COLOR", "purple"),
            ("HIPCHAT_LEVEL", "critical"),
            ("HIPCHAT_NOTIFY", "false"),
        ]);
        let s = Settings::resolve(&GlobalArgs::default(), &env).unwrap();
        assert_eq!(s.url, "https://new.example/v2");
        assert_eq!(s.defaults.room.as_deref(), Some("Ops"));
        assert_eq!(s.defaults.color(), Some(ColorArg::Red), "the level wins");
        assert_eq!(s.defaults.notify, Some(false));
    }

    #[test]
    fn host_values_become_base_urls() {
        assert_eq!(
            url_from_host("api.hipchat.com"),
            "https://api.hipchat.com/v2"
        );
        assert_eq!(
            url_from_host("chat.example:8443/"),
            "https://chat.example:8443/v2"
        );
        assert_eq!(url_from_host("http://127.0.0.1:9"), "http://127.0.0.1:9/v2");
        assert_eq!(
            url_from_host("https://x.example/v2"),
            "https://x.example/v2"
        );
    }

    #[test]
    fn bad_values_name_their_source() {
        let env = env_of(&[("HIPCHAT_COLOR", "blue")]);
        let err = Settings::resolve(&GlobalArgs::default(), &env).unwrap_err();
        assert!(err.to_string().contains("HIPCHAT_COLOR"), "{err}");
        assert_eq!(err.exit_code(), 2);

        let env = env_of(&[("HIPCHAT_NOTIFY", "maybe")]);
        let err = Settings::resolve(&GlobalArgs::default(), &env).unwrap_err();
        assert!(err.to_string().contains("HIPCHAT_NOTIFY"), "{err}");

        let (_dir, path) = write_config("format = \"markdown\"\n");
        let env = env_of(&[("HIPCHAT_CONFIG", path.to_str().unwrap())]);
        let err = Settings::resolve(&GlobalArgs::default(), &env).unwrap_err();
        assert!(
            err.to_string().contains("`format` in the config file"),
            "{err}"
        );
    }

    #[test]
    fn an_explicit_config_file_must_exist_and_the_default_one_may_not() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("nope.toml");
        let flags = GlobalArgs {
            config: Some(missing.clone()),
            ..GlobalArgs::default()
        };
        let err = Settings::resolve(&flags, &env_of(&[])).unwrap_err();
        assert!(err.to_string().contains("nope.toml"), "{err}");

        let env = env_of(&[("XDG_CONFIG_HOME", dir.path().to_str().unwrap())]);
        let s = Settings::resolve(&GlobalArgs::default(), &env).unwrap();
        assert_eq!(s.url, DEFAULT_URL);
        assert_eq!(s.retries, DEFAULT_RETRIES);
        assert_eq!(s.token, None);
    }

    #[test]
    fn the_default_file_is_found_under_xdg_or_home() {
        let dir = tempfile::tempdir().unwrap();
        let config_dir = dir.path().join(".config").join("hipchat");
        std::fs::create_dir_all(&config_dir).unwrap();
        std::fs::write(
            config_dir.join("config.toml"),
            "room = \"HomeRoom\"\nretries = 0\n",
        )
        .unwrap();
        let env = env_of(&[("HOME", dir.path().to_str().unwrap())]);
        let s = Settings::resolve(&GlobalArgs::default(), &env).unwrap();
        assert_eq!(s.defaults.room.as_deref(), Some("HomeRoom"));
        assert_eq!(s.retries, 0);
    }

    #[test]
    fn unknown_keys_and_bad_toml_are_errors_that_never_quote_the_line() {
        let (_dir, path) = write_config("tokn = \"x\"\n");
        let env = env_of(&[("HIPCHAT_CONFIG", path.to_str().unwrap())]);
        let err = Settings::resolve(&GlobalArgs::default(), &env).unwrap_err();
        assert!(err.to_string().contains("tokn"), "{err}");
        assert_eq!(err.exit_code(), 2);

        let (_dir, path) = write_config("room = \"Ops\"\ntoken = s3cr3t-value\n");
        let env = env_of(&[("HIPCHAT_CONFIG", path.to_str().unwrap())]);
        let err = Settings::resolve(&GlobalArgs::default(), &env).unwrap_err();
        assert!(err.to_string().contains("line 2"), "{err}");
        assert!(!err.to_string().contains("s3cr3t"), "{err}");
    }

    #[test]
    fn tokens_are_trimmed_and_v1_is_warned_about() {
        let env = env_of(&[("HIPCHAT_TOKEN", " abc \n"), ("HIPCHAT_API", "v1")]);
        let s = Settings::resolve(&GlobalArgs::default(), &env).unwrap();
        assert_eq!(s.require_token().unwrap(), "abc");
        assert_eq!(s.warnings.len(), 1);
        let s = Settings::resolve(&GlobalArgs::default(), &env_of(&[])).unwrap();
        assert_eq!(s.require_token().unwrap_err().exit_code(), 2);
    }

    #[test]
    fn yes_no_values() {
        for yes in ["1", "true", "YES", "on"] {
            assert_eq!(parse_bool(yes), Some(true), "{yes}");
        }
        for no in ["0", "False", "no", "off"] {
            assert_eq!(parse_bool(no), Some(false), "{no}");
        }
        assert_eq!(parse_bool("2"), None);
    }
}
