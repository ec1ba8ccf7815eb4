//! Running the `hipchat` binary as a process, in a clean environment.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use mockito::{Mock, ServerGuard};
use serde_json::Value;

/// The outcome of one run.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Something a run must have printed.
#[derive(Debug, Clone, Copy)]
pub enum Shows<'a> {
    /// stdout contains this.
    Stdout(&'a str),
    /// stdout starts with this.
    StdoutStart(&'a str),
    /// stderr contains this.
    Stderr(&'a str),
    /// stderr starts with this.
    StderrStart(&'a str),
}

impl Run {
    /// Asserts the exit code, showing the whole run when it differs.
    #[track_caller]
    pub fn assert_code(&self, code: i32) -> &Self {
        assert_eq!(self.code, code, "{self:?}");
        self
    }

    /// Asserts what the run printed, showing the whole stream when it is not there.
    #[track_caller]
    pub fn assert_shows(&self, shows: Shows) -> &Self {
        let (stream, text, holds) = match shows {
            Shows::Stdout(needle) => ("stdout", &self.stdout, self.stdout.contains(needle)),
            Shows::StdoutStart(prefix) => ("stdout", &self.stdout, self.stdout.starts_with(prefix)),
            Shows::Stderr(needle) => ("stderr", &self.stderr, self.stderr.contains(needle)),
            Shows::StderrStart(prefix) => ("stderr", &self.stderr, self.stderr.starts_with(prefix)),
        };
        assert!(holds, "{shows:?} not in {stream}:\n{text}");
        self
    }
}

/// A `hipchat` command with an empty environment but for a private HOME, so that no config
/// file, token or proxy of the machine leaks in.
pub struct Hipchat {
    command: Command,
    stdin: Option<Vec<u8>>,
    _home: tempfile::TempDir,
    home: PathBuf,
}

impl Hipchat {
    pub fn new() -> Self {
        let home = tempfile::tempdir().unwrap();
        let mut command = Command::new(env!("CARGO_BIN_EXE_hipchat"));
        command.env_clear().env("HOME", home.path());
        let path = home.path().to_owned();
        Hipchat {
            command,
            stdin: None,
            _home: home,
            home: path,
        }
    }

    /// The private HOME directory.
    pub fn home(&self) -> &Path {
        &self.home
    }

    pub fn args<I, S>(mut self, args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        self.command.args(args);
        self
    }

    pub fn arg_path(mut self, path: &Path) -> Self {
        self.command.arg(path);
        self
    }

    pub fn env(mut self, name: &str, value: impl AsRef<std::ffi::OsStr>) -> Self {
        self.command.env(name, value);
        self
    }

    pub fn envs<'a>(mut self, vars: impl IntoIterator<Item = &'a (&'a str, &'a str)>) -> Self {
        for (name, value) in vars {
            self.command.env(name, value);
        }
        self
    }

    pub fn stdin(mut self, bytes: impl Into<Vec<u8>>) -> Self {
        self.stdin = Some(bytes.into());
        self
    }

    pub fn run(mut self) -> Run {
        self.command
            .stdin(if self.stdin.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = self.command.spawn().expect("the hipchat binary starts");
        if let Some(bytes) = self.stdin.take() {
            let mut stdin = child.stdin.take().unwrap();
            stdin.write_all(&bytes).unwrap();
        }
        let output = child.wait_with_output().unwrap();
        Run {
            code: output.status.code().expect("exited, not killed"),
            stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
        }
    }
}

/// A `hipchat` command pointed at a mockito server, without a token.
pub fn at_url(server: &mockito::Server) -> Hipchat {
    Hipchat::new().env("HIPCHAT_URL", format!("{}/v2", server.url()))
}

/// A `hipchat` command pointed at a mockito server with a token.
pub fn against(server: &mockito::Server) -> Hipchat {
    at_url(server).env("HIPCHAT_TOKEN", "test-token")
}

/// A mock of `POST /v2/room/{room}/notification` (`room` as it stands in the path), to finish.
pub fn notification(server: &mut ServerGuard, room: &str) -> Mock {
    server.mock("POST", format!("/v2/room/{room}/notification").as_str())
}

/// A mock that fails the test if any request with this method arrives.
pub fn nothing_sent(server: &mut ServerGuard, method: &str) -> Mock {
    server
        .mock(method, mockito::Matcher::Any)
        .expect(0)
        .create()
}

/// Each line of JSON Lines output, read.
pub fn json_lines(text: &str) -> Vec<Value> {
    text.lines()
        .map(|line| serde_json::from_str(line).expect("each line is JSON"))
        .collect()
}

/// A file named `name` holding `contents`, in a temporary directory kept alive with it.
pub fn temp_file(name: &str, contents: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, contents).unwrap();
    (dir, path)
}

/// `mock` answering with HipChat's error: this status and its JSON error body.
pub fn with_error(mock: Mock, status: u16, message: &str, kind: &str) -> Mock {
    let body = serde_json::json!({"error": {"code": status, "message": message, "type": kind}});
    mock.with_status(usize::from(status))
        .with_header("content-type", "application/json")
        .with_body(body.to_string())
}
