//! The six glance methods: lines in the sidebar with an icon, a label and a status.

use super::macros::extension_endpoints;

extension_endpoints! {
    segment: "glance",
    module: Glance,
    noun: "glance",
    path_note: "",
    created_note: "201 Created is assumed (one client's test double answers 204); any 2xx is accepted, and an empty body gives no id.",
    example: {
        key: "build-status",
        uses: "use hipchat_core::model::{Glance, IconSet};",
        build: r#"Glance::new("build-status", "Builds", IconSet::new("https://addon.example.com/i.png", "https://addon.example.com/i@2x.png")).query_url("https://addon.example.com/glance")"#,
        json: r#"{"key": "build-status", "name": {"value": "Builds"}, "icon": {"url": "https://addon.example.com/i.png", "url@2x": "https://addon.example.com/i@2x.png"}, "queryUrl": "https://addon.example.com/glance"}"#,
        var: "glance",
        check: r#"assert_eq!(glance.query_url.as_deref(), Some("https://addon.example.com/glance"));"#,
    },
    global: {
        get: GetGlobalGlance "get_global_glance" " (the page's exact address is unconfirmed)",
        create: CreateGlobalGlance "create_global_glance" " (the page's exact address is unconfirmed)",
        delete: DeleteGlobalGlance "delete_global_glance" " (the page's exact address is unconfirmed)",
        scope: "likely `admin_group` (unconfirmed: no source states the scope of this method).",
        limit: "probably at most 10 group-wide glances (assumed from the documented limits of other kinds).",
    },
    room: {
        get: GetRoomGlance "get_room_glance" " (the page's exact address is unconfirmed)",
        create: CreateRoomGlance "create_room_glance" "",
        delete: DeleteRoomGlance "delete_room_glance" "",
        scope: "likely `admin_room` (unconfirmed: no source states the scope of this method).",
        limit: "at most 10 glances per room (confirmed).",
    },
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::test_support::*;
    use crate::model::{BuiltinCondition, Glance, I18n, IconSet, ModuleTarget, SimpleCondition};
    use serde_json::json;

    fn icon() -> IconSet {
        IconSet::new(
            "https://addon.example.com/i.png",
            "https://addon.example.com/i@2x.png",
        )
    }

    fn full() -> Glance {
        Glance::new("build-status", I18n::new("Builds").i18n("builds"), icon())
            .query_url("https://addon.example.com/glance")
            .target(ModuleTarget::with_options(
                "build-panel",
                json!({"tab": "failures"}).as_object().unwrap().clone(),
            ))
            .weight(1)
            .condition(
                SimpleCondition::new(BuiltinCondition::GlanceMatches)
                    .param("metadata", json!([{"attr": "failing", "gt": 0}])),
            )
    }

    const FULL: &str = r#"{
        "key": "build-status",
        "name": {"value": "Builds", "i18n": "builds"},
        "icon": {"url": "https://addon.example.com/i.png", "url@2x": "https://addon.example.com/i@2x.png"},
        "queryUrl": "https://addon.example.com/glance",
        "target": {"key": "build-panel", "options": {"tab": "failures"}},
        "weight": 1,
        "conditions": [{"condition": "glance_matches", "params": {"metadata": [{"attr": "failing", "gt": 0}]}}]
    }"#;

    #[test]
    fn create_sends_minimal_and_full_modules() {
        let request = build(&CreateRoomGlance::new(
            "Ops Team",
            Glance::new("build-status", "Builds", icon()),
        ));
        assert_eq!(request.method(), "PUT");
        assert_eq!(
            request.uri(),
            "https://api.hipchat.com/v2/room/Ops%20Team/extension/glance/build-status"
        );
        assert_bearer(&request);
        assert_eq!(
            json_body(&request),
            json!({"key": "build-status", "name": {"value": "Builds"},
                   "icon": {"url": "https://addon.example.com/i.png", "url@2x": "https://addon.example.com/i@2x.png"}})
        );
        let request = build(&CreateGlobalGlance::new(full()));
        assert_eq!(
            request.uri(),
            "https://api.hipchat.com/v2/extension/glance/build-status"
        );
        let expected: serde_json::Value = serde_json::from_str(FULL).unwrap();
        assert_eq!(json_body(&request), expected);
    }

    #[test]
    fn create_refuses_invalid_modules() {
        let err = build_err(&CreateRoomGlance::new(
            "ops",
            Glance::new("g", "n".repeat(101), icon()),
        ));
        assert_eq!(
            (err.field(), err.rule()),
            ("glance.name.value", "must be 1..=100 characters (got 101)")
        );
        let no_icon = Glance::new("g", "G", IconSet::new("", "x"));
        assert_eq!(
            build_err(&CreateGlobalGlance::new(no_icon)).field(),
            "glance.icon.url"
        );
        assert_eq!(
            build_err(&CreateGlobalGlance::new(Glance::new("", "G", icon()))).field(),
            "glance.key"
        );
    }

    #[test]
    fn decodes_the_stored_glance_and_answers() {
        assert_eq!(respond::<GetRoomGlance>(200, FULL).unwrap(), full());
        let decoded = respond::<GetGlobalGlance>(200, FULL).unwrap();
        assert_eq!(decoded.weight, Some(1));
        let missing_icon =
            respond::<GetGlobalGlance>(200, r#"{"key": "g", "name": {"value": "G"}}"#);
        let Err(crate::Error::Decode(e)) = missing_icon else {
            panic!("a glance without its icon is a decode error")
        };
        assert!(e.body().starts_with(b"{\"key\""));
        // One client's test double answered 204 with no body.
        assert_eq!(respond::<CreateRoomGlance>(204, "").unwrap().id, None);
        let created = respond::<CreateGlobalGlance>(
            201,
            r#"{"id": 8, "links": {"self": "https://api.hipchat.com/v2/extension/glance/build-status"}}"#,
        )
        .unwrap();
        assert_eq!(
            created.links.self_link.as_deref(),
            Some("https://api.hipchat.com/v2/extension/glance/build-status")
        );
        respond::<DeleteRoomGlance>(204, "").unwrap();
        respond::<DeleteGlobalGlance>(204, "").unwrap();
        let limit = r#"{"error": {"code": 400, "message": "A room can have at most 10 glances", "type": "Bad Request"}}"#;
        assert_eq!(api_error::<CreateRoomGlance>(400, limit).status(), 400);
    }
}
