//! OAuth: issued tokens and the session behind a token. Both hold secrets, so their `Debug`
//! output hides them.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::{Scope, UserSummary, de};

const REDACTED: &str = "<redacted>";

/// The `200` answer of `POST /oauth/token`.
///
/// `Debug` prints `access_token` and `refresh_token` as `<redacted>`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Token {
    /// The access token to send as `Authorization: Bearer <token>`.
    pub access_token: String,
    /// The token type, `bearer`.
    #[serde(default)]
    pub token_type: String,
    /// Seconds until the token expires. Always honour it: the documented lifetimes disagree.
    #[serde(default, deserialize_with = "de::u64_lenient")]
    pub expires_in: u64,
    /// The granted scopes, space separated as on the wire; see [`Token::scopes`].
    #[serde(default)]
    pub scope: String,
    /// The id of the group the token belongs to.
    #[serde(
        default,
        deserialize_with = "de::option_u64_lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub group_id: Option<u64>,
    /// The name of that group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_name: Option<String>,
    /// The refresh token (user flows only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
}

impl Token {
    /// The granted scopes, parsed from [`Token::scope`]; unknown ones become `Scope::Other`.
    pub fn scopes(&self) -> Vec<Scope> {
        self.scope.split_whitespace().map(Scope::from).collect()
    }

    /// Whether the token grants `scope`.
    pub fn has_scope(&self, scope: &Scope) -> bool {
        self.scope.split_whitespace().any(|s| s == scope.as_str())
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Token")
            .field("access_token", &REDACTED)
            .field("token_type", &self.token_type)
            .field("expires_in", &self.expires_in)
            .field("scope", &self.scope)
            .field("group_id", &self.group_id)
            .field("group_name", &self.group_name)
            .field(
                "refresh_token",
                &self.refresh_token.as_ref().map(|_| REDACTED),
            )
            .finish()
    }
}

/// The `200` answer of `GET /oauth/token/{access_token}`: what a token is allowed to do and who
/// it belongs to.
///
/// `Debug` prints `access_token` as `<redacted>`. Servers were seen to answer with only `client`
/// and `scopes`; the other members then take their defaults (empty text, 0, `None`).
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Session {
    /// The token the session belongs to.
    #[serde(default)]
    pub access_token: String,
    /// Seconds until the token expires; 0 when the server did not say.
    #[serde(default, deserialize_with = "de::u64_lenient")]
    pub expires_in: u64,
    /// The scopes of this token.
    #[serde(default, deserialize_with = "de::null_as_default")]
    pub scopes: Vec<Scope>,
    /// The OAuth client (integration, add-on installation) the token was issued to.
    #[serde(default)]
    pub client: SessionClient,
    /// Who the token acts for (a user reference, or the group for add-on tokens).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<UserSummary>,
    /// What kind of owner that is, such as `user` or `group`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner_type: Option<String>,
}

impl fmt::Debug for Session {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Session")
            .field("access_token", &REDACTED)
            .field("expires_in", &self.expires_in)
            .field("scopes", &self.scopes)
            .field("client", &self.client)
            .field("owner", &self.owner)
            .field("owner_type", &self.owner_type)
            .finish()
    }
}

/// The `client` of a [`Session`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SessionClient {
    /// The client id; empty when the server did not send it.
    #[serde(default, deserialize_with = "de::string_or_number")]
    pub id: String,
    /// The client's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The most a token of this client may be granted.
    #[serde(default, deserialize_with = "de::null_as_default")]
    pub allowed_scopes: Vec<Scope>,
    /// The room a room-scoped token (a room notification token or a room add-on) is limited to;
    /// `None` for group-wide tokens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub room: Option<SessionRoom>,
    /// The add-on installation's OAuth client id, when there is one.
    #[serde(
        default,
        deserialize_with = "de::option_string_or_number",
        skip_serializing_if = "Option::is_none"
    )]
    pub oauth_client_id: Option<String>,
}

/// The room of a room-scoped [`SessionClient`]: `{id, name}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SessionRoom {
    /// The room id.
    #[serde(deserialize_with = "de::u64_lenient")]
    pub id: u64,
    /// The room name.
    #[serde(default)]
    pub name: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn decodes_a_token_and_parses_its_scopes() {
        let token: Token = serde_json::from_value(json!({
            "access_token": "5ecr3t-Acce55-T0ken",
            "expires_in": 3599,
            "group_id": 1234,
            "group_name": "Example Corp",
            "scope": "send_notification view_room  brand_new_scope",
            "token_type": "bearer",
            "refresh_token": "r3fr3sh-T0ken"
        }))
        .unwrap();
        assert_eq!(token.access_token, "5ecr3t-Acce55-T0ken");
        assert_eq!(token.token_type, "bearer");
        assert_eq!(token.expires_in, 3599);
        assert_eq!(token.group_id, Some(1234));
        assert_eq!(token.group_name.as_deref(), Some("Example Corp"));
        assert_eq!(
            token.scopes(),
            [
                Scope::SendNotification,
                Scope::ViewRoom,
                Scope::Other("brand_new_scope".into())
            ]
        );
        assert!(token.has_scope(&Scope::ViewRoom));
        assert!(!token.has_scope(&Scope::AdminGroup));
    }

    #[test]
    fn token_debug_hides_secrets() {
        let token: Token = serde_json::from_value(json!({
            "access_token": "5ecr3t-Acce55-T0ken", "token_type": "bearer", "expires_in": 3600,
            "scope": "view_group", "refresh_token": "r3fr3sh-T0ken"
        }))
        .unwrap();
        let debug = format!("{token:?}");
        assert!(!debug.contains("5ecr3t"), "{debug}");
        assert!(!debug.contains("r3fr3sh"), "{debug}");
        assert!(debug.contains("<redacted>"));
        assert!(debug.contains("view_group"));
        let pretty = format!("{token:#?}");
        assert!(!pretty.contains("5ecr3t") && !pretty.contains("r3fr3sh"));
    }

    #[test]
    fn decodes_a_session_with_a_room_scoped_client() {
        let session: Session = serde_json::from_value(json!({
            "access_token": "r00m-N0tif-T0ken",
            "expires_in": 31535999,
            "scopes": ["send_notification"],
            "client": {
                "id": "b3f0c1d2-aaaa-4bbb-8ccc-0123456789ab",
                "name": "Deploy bot",
                "allowed_scopes": ["send_notification"],
                "room": {"id": 2001, "name": "ops"},
                "oauth_client_id": null
            },
            "owner": {
                "id": 5, "name": "Ada Lovelace", "mention_name": "ada",
                "links": {"self": "https://api.hipchat.com/v2/user/5"}
            },
            "owner_type": "user"
        }))
        .unwrap();
        assert_eq!(session.expires_in, 31535999);
        assert_eq!(session.scopes, [Scope::SendNotification]);
        assert_eq!(session.client.id, "b3f0c1d2-aaaa-4bbb-8ccc-0123456789ab");
        assert_eq!(session.client.name.as_deref(), Some("Deploy bot"));
        assert_eq!(session.client.allowed_scopes, [Scope::SendNotification]);
        let room = session.client.room.as_ref().unwrap();
        assert_eq!((room.id, room.name.as_str()), (2001, "ops"));
        assert_eq!(session.client.oauth_client_id, None);
        assert_eq!(session.owner.as_ref().unwrap().id, 5);
        assert_eq!(session.owner_type.as_deref(), Some("user"));

        let debug = format!("{session:?}");
        assert!(!debug.contains("r00m-N0tif-T0ken"), "{debug}");
        assert!(debug.contains("<redacted>"));
    }

    #[test]
    fn decodes_the_short_session_seen_in_the_wild() {
        // A group-wide token: `client.room` is null, and only `client` and `scopes` were sent.
        let session: Session = serde_json::from_value(json!({
            "client": {"allowed_scopes": ["send_notification"], "name": "Testing", "room": null},
            "scopes": ["view_room", "send_notification"]
        }))
        .unwrap();
        assert_eq!(session.client.room, None);
        assert_eq!(session.client.id, "");
        assert_eq!(session.scopes, [Scope::ViewRoom, Scope::SendNotification]);
        assert_eq!(session.access_token, "");
        assert_eq!(session.expires_in, 0);
    }
}
