//! The six action methods: menu entries on messages and on the input box.

use super::macros::extension_endpoints;

extension_endpoints! {
    segment: "action",
    module: Action,
    noun: "action",
    path_note: "",
    created_note: "201 Created (single-source); any 2xx is accepted, and an empty body gives no id.",
    example: {
        key: "open-dialog",
        uses: "use hipchat_core::model::{Action, ActionLocation};",
        build: r#"Action::new("open-dialog", "Open dialog", ActionLocation::MessageAction, "my-dialog")"#,
        json: r#"{"key": "open-dialog", "name": {"value": "Open dialog"}, "location": "hipchat.message.action", "target": "my-dialog"}"#,
        var: "action",
        check: r#"assert_eq!(action.target.key(), "my-dialog");"#,
    },
    global: {
        get: GetGlobalAction "get_global_action" "",
        create: CreateGlobalAction "create_global_action" "",
        delete: DeleteGlobalAction "delete_global_action" "",
        scope: "likely `admin_group` (unconfirmed: no source states the scope of this method).",
        limit: "at most 10 group-wide actions (confirmed).",
    },
    room: {
        get: GetRoomAction "get_room_action" "",
        create: CreateRoomAction "create_room_action" "",
        delete: DeleteRoomAction "delete_room_action" "",
        scope: "likely `admin_room` (unconfirmed: no source states the scope of this method).",
        limit: "probably at most 10 actions per room (assumed from the documented limits of other kinds).",
    },
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::test_support::*;
    use crate::model::{
        Action, ActionLocation, BuiltinCondition, Condition, I18n, ModuleTarget, SimpleCondition,
    };
    use serde_json::json;

    fn full() -> Action {
        Action::new(
            "open.dialog-1",
            I18n::new("Open dialog").i18n("open.dialog"),
            ActionLocation::InputAction,
            ModuleTarget::with_options(
                "my-dialog",
                json!({"size": "large"}).as_object().unwrap().clone(),
            ),
        )
        .weight(20)
        .condition(Condition::and([
            BuiltinCondition::RoomIsPublic.into(),
            SimpleCondition::new(BuiltinCondition::MessageMatches)
                .param("pattern", "deploy")
                .into(),
        ]))
    }

    #[test]
    fn create_sends_minimal_and_full_modules() {
        let minimal = Action::new(
            "open-dialog",
            "Open dialog",
            ActionLocation::MessageAction,
            "my-dialog",
        );
        let request = build(&CreateGlobalAction::new(minimal));
        assert_eq!(request.method(), "PUT");
        assert_eq!(
            request.uri(),
            "https://api.hipchat.com/v2/extension/action/open-dialog"
        );
        assert_bearer(&request);
        assert_eq!(
            json_body(&request),
            json!({"key": "open-dialog", "name": {"value": "Open dialog"},
                   "location": "hipchat.message.action", "target": "my-dialog"})
        );

        let request = build(&CreateRoomAction::new("Ops Team", full()));
        assert_eq!(
            request.uri(),
            "https://api.hipchat.com/v2/room/Ops%20Team/extension/action/open.dialog-1"
        );
        assert_eq!(
            json_body(&request),
            json!({
                "key": "open.dialog-1",
                "name": {"value": "Open dialog", "i18n": "open.dialog"},
                "location": "hipchat.input.action",
                "target": {"key": "my-dialog", "options": {"size": "large"}},
                "weight": 20,
                "conditions": [{"type": "and", "conditions": [
                    {"condition": "room_is_public"},
                    {"condition": "message_matches", "params": {"pattern": "deploy"}}
                ]}]
            })
        );
    }

    #[test]
    fn create_refuses_invalid_modules() {
        let bad = Action::new("a", "", ActionLocation::MessageAction, "t");
        assert_eq!(
            build_err(&CreateGlobalAction::new(bad)).field(),
            "action.name.value"
        );
        let bad = Action::new("a", "A", ActionLocation::from("hipchat.elsewhere"), "t");
        assert_eq!(
            build_err(&CreateRoomAction::new(1u64, bad)).field(),
            "action.location"
        );
    }

    #[test]
    fn decodes_the_stored_action() {
        let body = r#"{
            "key": "open.dialog-1",
            "name": {"value": "Open dialog", "i18n": "open.dialog"},
            "location": "hipchat.input.action",
            "target": {"key": "my-dialog", "options": {"size": "large"}},
            "weight": 20,
            "conditions": [{"type": "and", "conditions": [
                {"condition": "room_is_public"},
                {"condition": "message_matches", "params": {"pattern": "deploy"}}
            ]}]
        }"#;
        let action = respond::<GetGlobalAction>(200, body).unwrap();
        assert_eq!(action, full());
        let action = respond::<GetRoomAction>(200, body).unwrap();
        assert_eq!(action.location, ActionLocation::InputAction);
        let e = api_error::<GetRoomAction>(404, NOT_FOUND);
        assert_eq!(e.status(), 404);
        assert_eq!(e.hipchat_error().unwrap().code, Some(404));
    }

    #[test]
    fn decodes_create_and_delete_answers() {
        let created = respond::<CreateGlobalAction>(
            201,
            r#"{"id": 31, "links": {"self": "https://api.hipchat.com/v2/extension/action/open-dialog"}}"#,
        )
        .unwrap();
        assert_eq!(created.id.as_deref(), Some("31"));
        assert_eq!(respond::<CreateRoomAction>(201, "").unwrap().id, None);
        respond::<DeleteGlobalAction>(204, "").unwrap();
        respond::<DeleteRoomAction>(204, "").unwrap();
        let limit =
            r#"{"error": {"code": 400, "message": "Too many actions", "type": "Bad Request"}}"#;
        assert_eq!(
            api_error::<CreateGlobalAction>(400, limit)
                .hipchat_error()
                .unwrap()
                .message,
            "Too many actions"
        );
    }
}
