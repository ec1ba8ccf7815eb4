//! `--fake` in a build without the `fake` feature: refused with a usage error.

use std::convert::Infallible;
use std::sync::Arc;

use hipchat::{ClientBuilder, HttpBackend};

use crate::config::Settings;
use crate::context::Auth;
use crate::error::CliError;

/// Never built: starting one fails.
pub struct FakeSession(Infallible);

impl FakeSession {
    /// Always an error: this build has no in-memory HipChat.
    pub async fn start(_settings: &Settings, _auth: Auth) -> Result<FakeSession, CliError> {
        Err(CliError::usage(
            "--fake is not available: this build of hipchat was made without the `fake` feature",
        ))
    }

    /// Unreachable.
    pub fn configure(&self, _builder: ClientBuilder) -> ClientBuilder {
        match self.0 {}
    }

    /// Unreachable.
    pub fn clock(&self) -> hipchat::TokioTimer {
        match self.0 {}
    }

    /// Unreachable.
    pub fn token(&self) -> String {
        match self.0 {}
    }

    /// Unreachable.
    pub fn oauth_client(&self) -> (String, String) {
        match self.0 {}
    }

    /// Unreachable.
    pub fn backend(self) -> Arc<dyn HttpBackend> {
        match self.0 {}
    }
}
