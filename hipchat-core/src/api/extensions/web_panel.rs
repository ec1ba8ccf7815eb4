//! The six web panel methods: add-on pages shown in the right sidebar.

use super::macros::extension_endpoints;

extension_endpoints! {
    segment: "webPanel",
    module: WebPanel,
    noun: "web panel",
    path_note: "The `webPanel` path segment and the module's fields come from a single source, which also lists `icon` as required.",
    created_note: "201 Created and this body are assumed (unconfirmed); any 2xx is accepted, and an empty body gives no id.",
    example: {
        key: "details",
        uses: "use hipchat_core::model::{WebPanel, WebPanelLocation};",
        build: r#"WebPanel::new("details", "Details", WebPanelLocation::SidebarRight, "https://addon.example.com/panel")"#,
        json: r#"{"key": "details", "name": {"value": "Details"}, "location": "hipchat.sidebar.right", "url": "https://addon.example.com/panel"}"#,
        var: "panel",
        check: r#"assert_eq!(panel.url, "https://addon.example.com/panel");"#,
    },
    global: {
        get: GetGlobalWebPanel "get_global_web_panel" " (the page's exact address is unconfirmed)",
        create: CreateGlobalWebPanel "create_global_web_panel" " (the page's exact address is unconfirmed)",
        delete: DeleteGlobalWebPanel "delete_global_web_panel" " (the page's exact address is unconfirmed)",
        scope: "likely `admin_group` (unconfirmed: no source states the scope of this method).",
        limit: "probably at most 10 group-wide web panels (assumed from the documented limits of other kinds).",
    },
    room: {
        get: GetRoomWebPanel "get_room_web_panel" " (the page's exact address is unconfirmed)",
        create: CreateRoomWebPanel "create_room_web_panel" " (the page's exact address is unconfirmed)",
        delete: DeleteRoomWebPanel "delete_room_web_panel" " (the page's exact address is unconfirmed)",
        scope: "likely `admin_room` (unconfirmed: no source states the scope of this method).",
        limit: "probably at most 10 web panels per room (assumed from the documented limits of other kinds).",
    },
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::test_support::*;
    use crate::model::{
        Authentication, BuiltinCondition, I18n, IconSet, WebPanel, WebPanelLocation,
    };
    use serde_json::json;

    fn full() -> WebPanel {
        WebPanel::new(
            "details",
            I18n::new("Details").i18n("details"),
            WebPanelLocation::SidebarRight,
            "https://addon.example.com/panel",
        )
        .authentication(Authentication::None)
        .icon(IconSet::new(
            "https://addon.example.com/p.png",
            "https://addon.example.com/p@2x.png",
        ))
        .weight(3)
        .condition(BuiltinCondition::UserIsAdmin)
    }

    const FULL: &str = r#"{
        "key": "details",
        "name": {"value": "Details", "i18n": "details"},
        "location": "hipchat.sidebar.right",
        "url": "https://addon.example.com/panel",
        "authentication": "none",
        "icon": {"url": "https://addon.example.com/p.png", "url@2x": "https://addon.example.com/p@2x.png"},
        "weight": 3,
        "conditions": [{"condition": "user_is_admin"}]
    }"#;

    #[test]
    fn create_sends_minimal_and_full_modules() {
        let minimal = WebPanel::new(
            "details",
            "Details",
            WebPanelLocation::SidebarRight,
            "https://addon.example.com/panel",
        );
        let request = build(&CreateGlobalWebPanel::new(minimal));
        assert_eq!(request.method(), "PUT");
        assert_eq!(
            request.uri(),
            "https://api.hipchat.com/v2/extension/webPanel/details"
        );
        assert_bearer(&request);
        assert_eq!(
            json_body(&request),
            json!({"key": "details", "name": {"value": "Details"},
                   "location": "hipchat.sidebar.right", "url": "https://addon.example.com/panel"})
        );
        let request = build(&CreateRoomWebPanel::new("Ops Team", full()));
        assert_eq!(
            request.uri(),
            "https://api.hipchat.com/v2/room/Ops%20Team/extension/webPanel/details"
        );
        let expected: serde_json::Value = serde_json::from_str(FULL).unwrap();
        assert_eq!(json_body(&request), expected);
    }

    #[test]
    fn create_refuses_invalid_modules() {
        let bad = WebPanel::new("details", "", WebPanelLocation::SidebarRight, "u");
        assert_eq!(
            build_err(&CreateRoomWebPanel::new("ops", bad)).field(),
            "webPanel.name.value"
        );
        let bad = WebPanel::new("de tails", "D", WebPanelLocation::SidebarRight, "u");
        assert_eq!(
            build_err(&CreateGlobalWebPanel::new(bad)).field(),
            "webPanel.key"
        );
    }

    #[test]
    fn decodes_the_stored_panel_and_answers() {
        assert_eq!(respond::<GetGlobalWebPanel>(200, FULL).unwrap(), full());
        let panel = respond::<GetRoomWebPanel>(200, FULL).unwrap();
        assert_eq!(panel.icon.unwrap().url, "https://addon.example.com/p.png");
        let created = respond::<CreateRoomWebPanel>(201, r#"{"id": 5}"#).unwrap();
        assert_eq!(created.id.as_deref(), Some("5"));
        assert_eq!(respond::<CreateGlobalWebPanel>(200, "").unwrap().id, None);
        respond::<DeleteGlobalWebPanel>(204, "").unwrap();
        respond::<DeleteRoomWebPanel>(204, "").unwrap();
        assert_eq!(api_error::<GetRoomWebPanel>(404, NOT_FOUND).status(), 404);
    }
}
