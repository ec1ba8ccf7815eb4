//! OAuth Sessions API: getting, inspecting and revoking access tokens.

mod delete_session;
mod generate_token;
mod get_session;

pub use delete_session::DeleteSession;
pub use generate_token::GenerateToken;
pub use get_session::GetSession;
