//! `hipchat token`: an access token from the OAuth client credentials grant.

use std::io::Write;

use hipchat::api::oauth_sessions::GenerateToken;
use hipchat::model::{GrantType, Scope};

use crate::cli::TokenArgs;
use crate::config::Settings;
use crate::context::{Auth, Context};
use crate::error::CliError;
use crate::output::json_line;

/// Asks for a token; prints the access token, or the whole answer as JSON with `--json`.
pub async fn run(
    args: TokenArgs,
    mut settings: Settings,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    if let Some(id) = args.client_id {
        settings.oauth_client_id = Some(id);
    }
    if let Some(secret) = args.client_secret {
        settings.oauth_client_secret = Some(secret);
    }
    let mut request = GenerateToken::new(GrantType::ClientCredentials);
    if !args.scope.is_empty() {
        let scopes: Vec<Scope> = args
            .scope
            .iter()
            .flat_map(|s| s.split([' ', ',']))
            .filter(|s| !s.is_empty())
            .map(Scope::from)
            .collect();
        request = request.scope(scopes);
    }
    let context = Context::connect(settings, Auth::OauthClient).await?;
    if let Some(token) = context.send(&request, out).await? {
        if args.json {
            json_line(out, &token)?;
        } else {
            writeln!(out, "{}", token.access_token).map_err(CliError::output)?;
        }
    }
    context.finish()
}
