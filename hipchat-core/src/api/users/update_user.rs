use std::fmt;

use http::Method;
use serde::Serialize;

use super::checks::{mention_name, required};
use crate::model::PresenceUpdate;
use crate::validate::char_len;
use crate::{Body, Endpoint, Error, InvalidInput, Path, UserRef};

/// `PUT /user/{id_or_email}`
///
/// Updates a user's profile. The body replaces the profile, so `name`, `email` and
/// `mention_name` are always sent; unset optional fields are left out (an unset password keeps
/// the current one). Guests cannot be updated. Answers 204 No Content.
///
/// Scope: `admin_group`, which cannot change the group owner's profile.
///
/// Checked before sending: `name` has 1 to 50 characters, `email` is not empty,
/// `mention_name` is not empty and has no leading `@`, and `presence.show` is `away`, `chat`,
/// `dnd` or `xa`. `Debug` prints the password redacted.
///
/// Official documentation: <https://www.hipchat.com/docs/apiv2/method/update_user>
///
/// ```
/// # #[cfg(feature = "mock")] futures_executor::block_on(async {
/// use hipchat_core::api::users::UpdateUser;
/// use hipchat_core::mock::{MockBackend, MockResponse};
/// use hipchat_core::model::{PresenceShow, PresenceUpdate};
/// use hipchat_core::Client;
/// use serde_json::json;
///
/// let mock = MockBackend::new();
/// mock.expect_put("/v2/user/42")
///     .json_body(json!({
///         "name": "Grace Hopper", "email": "grace@example.com", "mention_name": "grace",
///         "title": "Rear Admiral", "presence": {"show": "dnd"}
///     }))
///     .respond(MockResponse::empty(204));
/// let client = Client::builder().token("token").backend(mock.clone()).build()?;
/// let update = UpdateUser::new(42u64, "Grace Hopper", "grace@example.com", "grace")
///     .title("Rear Admiral")
///     .presence(PresenceUpdate::new().show(PresenceShow::Dnd));
/// client.send(&update).await?;
/// mock.assert_done();
/// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
/// ```
#[derive(Clone, PartialEq, Serialize)]
pub struct UpdateUser {
    #[serde(skip)]
    id_or_email: UserRef,
    name: String,
    email: String,
    mention_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    roles: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    presence: Option<PresenceUpdate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    is_group_admin: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    timezone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    password: Option<String>,
}

impl UpdateUser {
    /// Sets the profile of the user with this id, e-mail or @mention name to the full name
    /// `name`, the address `email` and the @mention name `mention_name` (without the `@`).
    pub fn new(
        id_or_email: impl Into<UserRef>,
        name: impl Into<String>,
        email: impl Into<String>,
        mention_name: impl Into<String>,
    ) -> Self {
        UpdateUser {
            id_or_email: id_or_email.into(),
            name: name.into(),
            email: email.into(),
            mention_name: mention_name.into(),
            roles: None,
            title: None,
            presence: None,
            is_group_admin: None,
            timezone: None,
            password: None,
        }
    }

    /// The user's roles, such as `owner`, `administrator`, `user` or
    /// `delegated administrator`.
    pub fn roles<I, S>(mut self, roles: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.roles = Some(roles.into_iter().map(Into::into).collect());
        self
    }

    /// The job title.
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }

    /// The status message and availability.
    pub fn presence(mut self, presence: PresenceUpdate) -> Self {
        self.presence = Some(presence);
        self
    }

    /// Whether the user administers the group.
    pub fn is_group_admin(mut self, is_group_admin: bool) -> Self {
        self.is_group_admin = Some(is_group_admin);
        self
    }

    /// The user's time zone, a tz database name such as `Europe/Paris` (default `UTC`).
    pub fn timezone(mut self, timezone: impl Into<String>) -> Self {
        self.timezone = Some(timezone.into());
        self
    }

    /// A new password; when unset the current one is kept.
    pub fn password(mut self, password: impl Into<String>) -> Self {
        self.password = Some(password.into());
        self
    }
}

impl fmt::Debug for UpdateUser {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UpdateUser")
            .field("id_or_email", &self.id_or_email)
            .field("name", &self.name)
            .field("email", &self.email)
            .field("mention_name", &self.mention_name)
            .field("roles", &self.roles)
            .field("title", &self.title)
            .field("presence", &self.presence)
            .field("is_group_admin", &self.is_group_admin)
            .field("timezone", &self.timezone)
            .field("password", &self.password.as_ref().map(|_| "<redacted>"))
            .finish()
    }
}

impl Endpoint for UpdateUser {
    type Response = ();

    fn method(&self) -> Method {
        Method::PUT
    }

    fn path(&self) -> Path {
        Path::new()
            .lit("user")
            .param("id_or_email", &self.id_or_email)
    }

    fn body(&self) -> Result<Option<Body>, Error> {
        Body::json(self).map(Some)
    }

    fn validate(&self) -> Result<(), InvalidInput> {
        char_len("name", &self.name, 1, 50)?;
        required("email", &self.email)?;
        mention_name("mention_name", &self.mention_name)?;
        match &self.presence {
            Some(presence) => presence.validate(),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::test_support::*;
    use crate::model::PresenceShow;
    use serde_json::json;

    #[test]
    fn wire_minimal_and_full() {
        let request = build(&UpdateUser::new(
            "ada+work@example.com",
            "Ada Lovelace",
            "ada@example.com",
            "ada",
        ));
        assert_eq!(request.method(), "PUT");
        assert_eq!(
            request.uri(),
            "https://api.hipchat.com/v2/user/ada%2Bwork%40example.com"
        );
        assert_bearer(&request);
        assert_eq!(
            json_body(&request),
            json!({"name": "Ada Lovelace", "email": "ada@example.com", "mention_name": "ada"})
        );

        let full = UpdateUser::new(5u64, "Ada Lovelace", "ada@example.com", "ada")
            .roles(["user"])
            .title("Analyst")
            .presence(
                PresenceUpdate::new()
                    .status("Computing")
                    .show(PresenceShow::Chat),
            )
            .is_group_admin(false)
            .timezone("Europe/London")
            .password("new secret");
        let request = build(&full);
        assert_eq!(request.uri(), "https://api.hipchat.com/v2/user/5");
        assert_eq!(
            json_body(&request),
            json!({
                "name": "Ada Lovelace", "email": "ada@example.com", "mention_name": "ada",
                "roles": ["user"], "title": "Analyst",
                "presence": {"status": "Computing", "show": "chat"},
                "is_group_admin": false, "timezone": "Europe/London", "password": "new secret"
            })
        );
        let cleared = UpdateUser::new(5u64, "Ada", "ada@example.com", "ada")
            .presence(PresenceUpdate::new().clear_status());
        assert_eq!(
            json_body(&build(&cleared))["presence"],
            json!({"status": null})
        );
        let shown = format!("{full:?}");
        assert!(!shown.contains("new secret"), "{shown}");
    }

    #[test]
    fn refuses_bad_input() {
        let ok =
            |name: &str, email: &str, mention: &str| UpdateUser::new(5u64, name, email, mention);
        assert_eq!(build_err(&ok("", "a@example.com", "ada")).field(), "name");
        assert_eq!(
            build_err(&ok(&"n".repeat(51), "a@example.com", "ada")).rule(),
            "must be 1..=50 characters (got 51)"
        );
        assert_eq!(build_err(&ok("Ada", "", "ada")).field(), "email");
        assert_eq!(
            build_err(&ok("Ada", "a@example.com", "")).field(),
            "mention_name"
        );
        assert_eq!(
            build_err(&ok("Ada", "a@example.com", "@ada")).field(),
            "mention_name"
        );
        let bad_show = ok("Ada", "a@example.com", "ada")
            .presence(PresenceUpdate::new().show(PresenceShow::from("busy")));
        assert_eq!(build_err(&bad_show).field(), "presence.show");
        assert_eq!(
            build_err(&UpdateUser::new("..", "Ada", "a@example.com", "ada")).field(),
            "id_or_email"
        );
    }

    #[test]
    fn decode_204_and_errors() {
        respond::<UpdateUser>(204, "").unwrap();
        let body = r#"{"error": {"code": 403, "message": "You may not modify the group owner", "type": "Forbidden"}}"#;
        let err = api_error::<UpdateUser>(403, body);
        assert_eq!(err.status(), 403);
        assert_eq!(err.hipchat_error().unwrap().code, Some(403));
    }
}
