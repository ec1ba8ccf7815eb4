use std::fmt;

use http::Method;
use serde::Serialize;

use super::checks::required;
use crate::model::CreatedUser;
use crate::validate::char_len;
use crate::{Body, Endpoint, Error, InvalidInput, Path};

/// `POST /user`
///
/// Creates a user in the group. Answers 201 with the new user's id and link; no activation
/// e-mail is sent. When no password is set the server generates one, and it presumably comes
/// back in the answer ([`CreatedUser::password`]; unconfirmed).
///
/// Scope: `admin_group`.
///
/// Checked before sending: `name` has 1 to 50 characters and `email` is not empty. Everything
/// else (mention name format, time zone names, roles) is left to the server. `Debug` prints
/// the password redacted.
///
/// Official documentation: <https://www.hipchat.com/docs/apiv2/method/create_user>
///
/// ```
/// # #[cfg(feature = "mock")] futures_executor::block_on(async {
/// use hipchat_core::api::users::CreateUser;
/// use hipchat_core::mock::{MockBackend, MockResponse};
/// use hipchat_core::Client;
/// use serde_json::json;
///
/// let mock = MockBackend::new();
/// mock.expect_post("/v2/user")
///     .json_body(json!({"name": "Grace Hopper", "email": "grace@example.com", "mention_name": "grace"}))
///     .respond(MockResponse::json(201, json!({
///         "id": 42, "links": {"self": "https://api.hipchat.com/v2/user/42"}, "password": "s3cr3t-generated"
///     })));
/// let client = Client::builder().token("token").backend(mock).build()?;
/// let created = client
///     .send(&CreateUser::new("Grace Hopper", "grace@example.com").mention_name("grace"))
///     .await?;
/// assert_eq!(created.id, 42);
/// assert_eq!(created.password.as_deref(), Some("s3cr3t-generated"));
/// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
/// ```
#[derive(Clone, PartialEq, Serialize)]
pub struct CreateUser {
    name: String,
    email: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    roles: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mention_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    is_group_admin: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    timezone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    password: Option<String>,
}

impl CreateUser {
    /// A user with the full name `name` and the e-mail address `email`.
    pub fn new(name: impl Into<String>, email: impl Into<String>) -> Self {
        CreateUser {
            name: name.into(),
            email: email.into(),
            roles: None,
            title: None,
            mention_name: None,
            is_group_admin: None,
            timezone: None,
            password: None,
        }
    }

    /// The user's roles, such as `user` or `administrator`.
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

    /// The @mention name, without the `@`; the server derives one from the name when unset.
    pub fn mention_name(mut self, mention_name: impl Into<String>) -> Self {
        self.mention_name = Some(mention_name.into());
        self
    }

    /// Whether the user administers the group (default false).
    pub fn is_group_admin(mut self, is_group_admin: bool) -> Self {
        self.is_group_admin = Some(is_group_admin);
        self
    }

    /// The user's time zone, a tz database name such as `Europe/Paris` (default `UTC`).
    pub fn timezone(mut self, timezone: impl Into<String>) -> Self {
        self.timezone = Some(timezone.into());
        self
    }

    /// The initial password; when unset the server generates one.
    pub fn password(mut self, password: impl Into<String>) -> Self {
        self.password = Some(password.into());
        self
    }
}

impl fmt::Debug for CreateUser {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CreateUser")
            .field("name", &self.name)
            .field("email", &self.email)
            .field("roles", &self.roles)
            .field("title", &self.title)
            .field("mention_name", &self.mention_name)
            .field("is_group_admin", &self.is_group_admin)
            .field("timezone", &self.timezone)
            .field("password", &self.password.as_ref().map(|_| "<redacted>"))
            .finish()
    }
}

impl Endpoint for CreateUser {
    type Response = CreatedUser;

    fn method(&self) -> Method {
        Method::POST
    }

    fn path(&self) -> Path {
        Path::new().lit("user")
    }

    fn body(&self) -> Result<Option<Body>, Error> {
        Body::json(self).map(Some)
    }

    fn validate(&self) -> Result<(), InvalidInput> {
        char_len("name", &self.name, 1, 50)?;
        required("email", &self.email)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::test_support::*;
    use serde_json::json;

    #[test]
    fn wire_minimal_and_full() {
        let request = build(&CreateUser::new("Ada Lovelace", "ada@example.com"));
        assert_eq!(request.method(), "POST");
        assert_eq!(request.uri(), "https://api.hipchat.com/v2/user");
        assert_bearer(&request);
        assert_eq!(
            json_body(&request),
            json!({"name": "Ada Lovelace", "email": "ada@example.com"})
        );

        let full = CreateUser::new("Ada Lovelace", "ada@example.com")
            .roles(["user", "administrator"])
            .title("Analyst")
            .mention_name("ada")
            .is_group_admin(true)
            .timezone("Europe/London")
            .password("correct horse");
        assert_eq!(
            json_body(&build(&full)),
            json!({
                "name": "Ada Lovelace", "email": "ada@example.com", "roles": ["user", "administrator"],
                "title": "Analyst", "mention_name": "ada", "is_group_admin": true,
                "timezone": "Europe/London", "password": "correct horse"
            })
        );
        let shown = format!("{full:?}");
        assert!(!shown.contains("correct horse"), "{shown}");
        assert!(shown.contains("<redacted>"));
    }

    #[test]
    fn refuses_bad_names_and_a_missing_email() {
        let err = build_err(&CreateUser::new("", "ada@example.com"));
        assert_eq!(
            (err.field(), err.rule()),
            ("name", "must be 1..=50 characters (got 0)")
        );
        assert_eq!(
            build_err(&CreateUser::new("n".repeat(51), "ada@example.com")).field(),
            "name"
        );
        build(&CreateUser::new("é".repeat(50), "ada@example.com"));
        assert_eq!(build_err(&CreateUser::new("Ada", "")).field(), "email");
    }

    #[test]
    fn decode_created_user_and_errors() {
        let created = respond::<CreateUser>(
            201,
            r#"{"id": 73, "links": {"self": "https://api.hipchat.com/v2/user/73"}, "password": "gen-9f2k"}"#,
        )
        .unwrap();
        assert_eq!(created.id, 73);
        assert_eq!(
            created.links.self_link.as_deref(),
            Some("https://api.hipchat.com/v2/user/73")
        );
        assert_eq!(created.password.as_deref(), Some("gen-9f2k"));
        let created = respond::<CreateUser>(201, r#"{"id": "74", "links": {}}"#).unwrap();
        assert_eq!((created.id, created.password), (74, None));
        let body = r#"{"error": {"code": 400, "message": "A user with that email already exists", "type": "Bad Request"}}"#;
        assert_eq!(
            api_error::<CreateUser>(400, body)
                .hipchat_error()
                .unwrap()
                .message,
            "A user with that email already exists"
        );
    }
}
