//! Running the `hipchat` binary as a process, in a clean environment.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The outcome of one run.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
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

/// A `hipchat` command pointed at a mockito server with a token.
pub fn against(server: &mockito::Server) -> Hipchat {
    Hipchat::new()
        .env("HIPCHAT_URL", format!("{}/v2", server.url()))
        .env("HIPCHAT_TOKEN", "test-token")
}

/// HipChat's error body.
pub fn error_body(code: u16, message: &str, kind: &str) -> String {
    serde_json::json!({"error": {"code": code, "message": message, "type": kind}}).to_string()
}
