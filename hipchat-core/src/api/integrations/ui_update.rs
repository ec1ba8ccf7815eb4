//! What the four add-on UI update methods share. They all `POST` the same glance body below
//! `/addon/ui` and differ only in the route that follows (nothing, a room, a user, or a user in
//! a room), so one generator declares each struct, its constructor and its `Endpoint` impl from
//! that route, and one table below tests the four.

use serde::Serialize;

use crate::model::GlanceUpdate;
use crate::{Body, Error, InvalidInput};

/// The body of every add-on UI update: `{"glance": [{key, content}, ...]}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(super) struct UiUpdateBody {
    glance: Vec<GlanceUpdate>,
}

impl UiUpdateBody {
    pub(super) fn new(glance: Vec<GlanceUpdate>) -> Self {
        UiUpdateBody { glance }
    }

    pub(super) fn body(&self) -> Result<Option<Body>, Error> {
        Body::json(self).map(Some)
    }

    /// Each glance key has 1 to 40 letters, digits, `_`, `-` or `.`; errors name `glance[i].key`.
    pub(super) fn validate(&self) -> Result<(), InvalidInput> {
        self.glance
            .iter()
            .enumerate()
            .try_for_each(|(i, update)| update.validate(&format!("glance[{i}]")))
    }
}

/// Declares one add-on UI update endpoint. The struct lists the route after `/addon/ui` as
/// `"literal" / parameter: Type` pairs; each parameter becomes a field, an argument of `new`
/// (before `glance`) and one encoded path segment. The first doc line, the route, is generated
/// from those pairs; the docs written at the call follow it.
macro_rules! addon_ui_update {
    (
        $(#[$doc:meta])*
        pub struct $Name:ident {
            $($segment:literal / $param:ident: $Param:ty,)*
        }

        $(#[$new_doc:meta])*
        fn new;
    ) => {
        #[doc = concat!("`POST /addon/ui", $("/", $segment, "/{", stringify!($param), "}",)* "`")]
        #[doc = ""]
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq)]
        pub struct $Name {
            $($param: $Param,)*
            body: $crate::api::integrations::ui_update::UiUpdateBody,
        }

        impl $Name {
            $(#[$new_doc])*
            pub fn new(
                $($param: impl Into<$Param>,)*
                glance: Vec<$crate::model::GlanceUpdate>,
            ) -> Self {
                $Name {
                    $($param: $param.into(),)*
                    body: $crate::api::integrations::ui_update::UiUpdateBody::new(glance),
                }
            }
        }

        impl $crate::Endpoint for $Name {
            type Response = ();

            fn method(&self) -> ::http::Method {
                ::http::Method::POST
            }

            fn path(&self) -> $crate::Path {
                $crate::Path::new()
                    .lit("addon")
                    .lit("ui")
                    $(.lit($segment).param(stringify!($param), &self.$param))*
            }

            fn body(&self) -> Result<Option<$crate::Body>, $crate::Error> {
                self.body.body()
            }

            fn validate(&self) -> Result<(), $crate::InvalidInput> {
                self.body.validate()
            }
        }
    };
}

pub(super) use addon_ui_update;

#[cfg(test)]
mod tests {
    use super::super::{
        AddonUiUpdate, RoomAddonUiUpdate, UserAddonUiUpdate, UserInRoomAddonUiUpdate,
    };
    use crate::api::test_support::*;
    use crate::model::{GlanceData, GlanceStatus, GlanceUpdate, LozengeType};
    use crate::{Endpoint, HttpRequest};
    use serde_json::{Value, json};

    fn one(key: &str, content: GlanceData) -> Vec<GlanceUpdate> {
        vec![GlanceUpdate::new(key, content)]
    }

    /// The request, the exact URI it must go to, and the exact JSON body it must carry.
    fn case(endpoint: impl Endpoint, uri: &str, body: Value) -> (HttpRequest, String, Value) {
        (build(&endpoint), uri.to_owned(), body)
    }

    #[test]
    fn every_ui_update_posts_its_route_and_glance_body() {
        const BASE: &str = "https://api.hipchat.com/v2/addon/ui";
        let cases = [
            case(
                AddonUiUpdate::new(one("build-status", GlanceData::new("ok"))),
                BASE,
                json!({"glance": [{"key": "build-status", "content": {"label": {"type": "html", "value": "ok"}}}]}),
            ),
            case(
                AddonUiUpdate::new(vec![
                    GlanceUpdate::new(
                        "build-status",
                        GlanceData::new("<b>2</b> failing")
                            .status(GlanceStatus::lozenge("RED", LozengeType::Error))
                            .metadata_entry("failing", 2),
                    ),
                    GlanceUpdate::new(
                        "deploys",
                        GlanceData::new("idle").status(GlanceStatus::icon(
                            "https://addon.example.com/i.png",
                            "https://addon.example.com/i@2x.png",
                        )),
                    ),
                ]),
                BASE,
                json!({"glance": [
                    {"key": "build-status", "content": {
                        "label": {"type": "html", "value": "<b>2</b> failing"},
                        "status": {"type": "lozenge", "value": {"label": "RED", "type": "error"}},
                        "metadata": {"failing": 2}
                    }},
                    {"key": "deploys", "content": {
                        "label": {"type": "html", "value": "idle"},
                        "status": {"type": "icon", "value": {"url": "https://addon.example.com/i.png", "url@2x": "https://addon.example.com/i@2x.png"}}
                    }}
                ]}),
            ),
            // An empty list is sent as such: the API only requires the member.
            case(AddonUiUpdate::new(Vec::new()), BASE, json!({"glance": []})),
            case(
                RoomAddonUiUpdate::new("Ops Team", one("on-call", GlanceData::new("Alice"))),
                "https://api.hipchat.com/v2/addon/ui/room/Ops%20Team",
                json!({"glance": [{"key": "on-call", "content": {"label": {"type": "html", "value": "Alice"}}}]}),
            ),
            case(
                RoomAddonUiUpdate::new(
                    7u64,
                    one(
                        "on-call",
                        GlanceData::new("Alice")
                            .status(GlanceStatus::lozenge("PAGED", LozengeType::Current))
                            .metadata_entry("user", "alice"),
                    ),
                ),
                "https://api.hipchat.com/v2/addon/ui/room/7",
                json!({"glance": [{"key": "on-call", "content": {
                    "label": {"type": "html", "value": "Alice"},
                    "status": {"type": "lozenge", "value": {"label": "PAGED", "type": "current"}},
                    "metadata": {"user": "alice"}
                }}]}),
            ),
            case(
                UserInRoomAddonUiUpdate::new(
                    "Ops Team",
                    "@alice",
                    one("my-tasks", GlanceData::new("2 tasks")),
                ),
                "https://api.hipchat.com/v2/addon/ui/room/Ops%20Team/user/%40alice",
                json!({"glance": [{"key": "my-tasks", "content": {"label": {"type": "html", "value": "2 tasks"}}}]}),
            ),
            case(
                UserInRoomAddonUiUpdate::new(
                    7u64,
                    9u64,
                    one(
                        "my-tasks",
                        GlanceData::new("2 tasks")
                            .status(GlanceStatus::icon("https://i/1.png", "https://i/2.png"))
                            .metadata_entry("open", 2),
                    ),
                ),
                "https://api.hipchat.com/v2/addon/ui/room/7/user/9",
                json!({"glance": [{"key": "my-tasks", "content": {
                    "label": {"type": "html", "value": "2 tasks"},
                    "status": {"type": "icon", "value": {"url": "https://i/1.png", "url@2x": "https://i/2.png"}},
                    "metadata": {"open": 2}
                }}]}),
            ),
            case(
                UserAddonUiUpdate::new(
                    "alice+ops@example.com",
                    one("my-reviews", GlanceData::new("none")),
                ),
                "https://api.hipchat.com/v2/addon/ui/user/alice%2Bops%40example.com",
                json!({"glance": [{"key": "my-reviews", "content": {"label": {"type": "html", "value": "none"}}}]}),
            ),
            case(
                UserAddonUiUpdate::new(
                    42u64,
                    one(
                        "my-reviews",
                        GlanceData::new("<b>3</b> to review")
                            .status(GlanceStatus::lozenge("NEW", LozengeType::New))
                            .metadata_entry("count", 3),
                    ),
                ),
                "https://api.hipchat.com/v2/addon/ui/user/42",
                json!({"glance": [{"key": "my-reviews", "content": {
                    "label": {"type": "html", "value": "<b>3</b> to review"},
                    "status": {"type": "lozenge", "value": {"label": "NEW", "type": "new"}},
                    "metadata": {"count": 3}
                }}]}),
            ),
        ];
        for (request, uri, body) in &cases {
            assert_eq!(request.method(), "POST", "{uri}");
            assert_eq!(request.uri(), uri.as_str());
            assert_bearer(request);
            assert_eq!(&json_body(request), body, "{uri}");
        }
    }

    #[test]
    fn the_routes_match_the_documented_templates() {
        let templates = [
            AddonUiUpdate::new(vec![]).path().template(),
            RoomAddonUiUpdate::new("r", vec![]).path().template(),
            UserInRoomAddonUiUpdate::new("r", "u", vec![])
                .path()
                .template(),
            UserAddonUiUpdate::new("u", vec![]).path().template(),
        ];
        assert_eq!(
            templates,
            [
                "/addon/ui",
                "/addon/ui/room/{room_id_or_name}",
                "/addon/ui/room/{room_id_or_name}/user/{user_id_or_email}",
                "/addon/ui/user/{user_id_or_email}",
            ]
        );
    }

    #[test]
    fn refuses_bad_glance_keys_and_path_parameters() {
        let bad_second = AddonUiUpdate::new(vec![
            GlanceUpdate::new("ok", GlanceData::new("a")),
            GlanceUpdate::new("bad/key", GlanceData::new("b")),
        ]);
        let err = build_err(&bad_second);
        assert_eq!(err.field(), "glance[1].key");
        assert!(err.rule().starts_with("must match"));
        let empty_key = AddonUiUpdate::new(one("", GlanceData::new("a")));
        assert_eq!(
            build_err(&empty_key).rule(),
            "must be 1..=40 characters (got 0)"
        );

        let fields = [
            (
                build_err(&RoomAddonUiUpdate::new(
                    "ops",
                    one(&"k".repeat(41), GlanceData::new("a")),
                )),
                "glance[0].key",
            ),
            (
                build_err(&RoomAddonUiUpdate::new("..", vec![])),
                "room_id_or_name",
            ),
            (
                build_err(&UserInRoomAddonUiUpdate::new(
                    "ops",
                    "@alice",
                    vec![
                        GlanceUpdate::new("a", GlanceData::new("a")),
                        GlanceUpdate::new("b", GlanceData::new("b")),
                        GlanceUpdate::new("c?", GlanceData::new("c")),
                    ],
                )),
                "glance[2].key",
            ),
            (
                build_err(&UserInRoomAddonUiUpdate::new("ops", "..", vec![])),
                "user_id_or_email",
            ),
            (
                build_err(&UserAddonUiUpdate::new(
                    "alice@example.com",
                    one("my reviews", GlanceData::new("a")),
                )),
                "glance[0].key",
            ),
            (
                build_err(&UserAddonUiUpdate::new("", vec![])),
                "user_id_or_email",
            ),
        ];
        for (err, field) in fields {
            assert_eq!(err.field(), field, "{err:?}");
        }
    }

    #[test]
    fn decodes_any_2xx_and_errors() {
        respond::<AddonUiUpdate>(204, "").unwrap();
        respond::<AddonUiUpdate>(200, "{}").unwrap();
        respond::<RoomAddonUiUpdate>(204, "").unwrap();
        respond::<UserInRoomAddonUiUpdate>(204, "").unwrap();
        respond::<UserAddonUiUpdate>(204, "").unwrap();

        let unknown =
            r#"{"error": {"code": 400, "message": "Unknown glance key", "type": "Bad Request"}}"#;
        let e = api_error::<AddonUiUpdate>(400, unknown);
        assert_eq!(e.status(), 400);
        assert_eq!(e.hipchat_error().unwrap().message, "Unknown glance key");

        let e = api_error::<RoomAddonUiUpdate>(404, NOT_FOUND);
        assert_eq!(e.hipchat_error().unwrap().message, "Room not found");

        let forbidden = r#"{"error": {"code": 403, "message": "Forbidden", "type": "Forbidden"}}"#;
        assert_eq!(
            api_error::<UserInRoomAddonUiUpdate>(403, forbidden).status(),
            403
        );

        let no_user =
            r#"{"error": {"code": 404, "message": "User not found", "type": "Not Found"}}"#;
        assert_eq!(api_error::<UserAddonUiUpdate>(404, no_user).status(), 404);
    }
}
