//! The six dialog methods: modal windows showing an add-on page.

use super::macros::extension_endpoints;

extension_endpoints! {
    segment: "dialog",
    module: Dialog,
    noun: "dialog",
    path_note: "The `dialog` path segment and the module's fields come from a single source.",
    created_note: "201 Created and this body are assumed (unconfirmed); any 2xx is accepted, and an empty body gives no id.",
    example: {
        key: "confirm",
        uses: "use hipchat_core::model::Dialog;",
        build: r#"Dialog::new("confirm", "Confirm deploy", "https://addon.example.com/confirm")"#,
        json: r#"{"key": "confirm", "title": {"value": "Confirm deploy"}, "url": "https://addon.example.com/confirm"}"#,
        var: "dialog",
        check: r#"assert_eq!(dialog.title.value, "Confirm deploy");"#,
    },
    global: {
        get: GetGlobalDialog "get_global_dialog" " (the page's exact address is unconfirmed)",
        create: CreateGlobalDialog "create_global_dialog" " (the page's exact address is unconfirmed)",
        delete: DeleteGlobalDialog "delete_global_dialog" " (the page's exact address is unconfirmed)",
        scope: "likely `admin_group` (unconfirmed: no source states the scope of this method).",
        limit: "probably at most 10 group-wide dialogs (assumed from the documented limits of other kinds).",
    },
    room: {
        get: GetRoomDialog "get_room_dialog" " (the page's exact address is unconfirmed)",
        create: CreateRoomDialog "create_room_dialog" " (the page's exact address is unconfirmed)",
        delete: DeleteRoomDialog "delete_room_dialog" " (the page's exact address is unconfirmed)",
        scope: "likely `admin_room` (unconfirmed: no source states the scope of this method).",
        limit: "probably at most 10 dialogs per room (assumed from the documented limits of other kinds).",
    },
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::test_support::*;
    use crate::model::{
        Authentication, Dialog, DialogButton, DialogFilter, DialogOptions, DialogStyle, I18n,
        NamedDialogSize,
    };
    use serde_json::json;

    fn full() -> Dialog {
        Dialog::new(
            "confirm",
            I18n::new("Confirm deploy").i18n("confirm.title"),
            "https://addon.example.com/confirm",
        )
        .authentication(Authentication::Jwt)
        .options(
            DialogOptions::new()
                .style(DialogStyle::Warning)
                .primary_action(DialogButton::new("Deploy").key("deploy").enabled(false))
                .secondary_action(DialogButton::new("Cancel"))
                .size(NamedDialogSize::Large)
                .hint("Deploys cannot be undone")
                .filter(DialogFilter::new("Find a service")),
        )
    }

    const FULL: &str = r#"{
        "key": "confirm",
        "title": {"value": "Confirm deploy", "i18n": "confirm.title"},
        "url": "https://addon.example.com/confirm",
        "authentication": "jwt",
        "options": {
            "style": "warning",
            "primaryAction": {"name": {"value": "Deploy"}, "key": "deploy", "enabled": false},
            "secondaryActions": [{"name": {"value": "Cancel"}}],
            "size": "large",
            "hint": {"value": "Deploys cannot be undone"},
            "filter": {"placeholder": {"value": "Find a service"}}
        }
    }"#;

    #[test]
    fn create_sends_minimal_and_full_modules() {
        let minimal = Dialog::new("confirm", "Confirm deploy", "https://addon.example.com/c");
        let request = build(&CreateGlobalDialog::new(minimal));
        assert_eq!(request.method(), "PUT");
        assert_eq!(
            request.uri(),
            "https://api.hipchat.com/v2/extension/dialog/confirm"
        );
        assert_bearer(&request);
        assert_eq!(
            json_body(&request),
            json!({"key": "confirm", "title": {"value": "Confirm deploy"}, "url": "https://addon.example.com/c"})
        );
        let request = build(&CreateRoomDialog::new("Ops Team", full()));
        assert_eq!(
            request.uri(),
            "https://api.hipchat.com/v2/room/Ops%20Team/extension/dialog/confirm"
        );
        let expected: serde_json::Value = serde_json::from_str(FULL).unwrap();
        assert_eq!(json_body(&request), expected);
    }

    #[test]
    fn create_refuses_invalid_modules() {
        let bad = full().options(DialogOptions::new().hint(""));
        assert_eq!(
            build_err(&CreateRoomDialog::new("ops", bad)).field(),
            "dialog.options.hint.value"
        );
        let bad = Dialog::new("bad/key", "T", "u");
        assert_eq!(
            build_err(&CreateGlobalDialog::new(bad)).field(),
            "dialog.key"
        );
    }

    #[test]
    fn decodes_the_stored_dialog_and_answers() {
        assert_eq!(respond::<GetGlobalDialog>(200, FULL).unwrap(), full());
        let custom = respond::<GetRoomDialog>(
            200,
            r#"{"key": "d", "title": {"value": "D"}, "url": "u", "options": {"size": {"width": "50%", "height": "300px"}}}"#,
        )
        .unwrap();
        assert_eq!(
            custom.options.unwrap().size,
            Some(crate::model::DialogSize::custom("50%", "300px"))
        );
        let created = respond::<CreateRoomDialog>(201, r#"{"id": "d-1"}"#).unwrap();
        assert_eq!(created.id.as_deref(), Some("d-1"));
        assert_eq!(respond::<CreateGlobalDialog>(204, "").unwrap().id, None);
        respond::<DeleteGlobalDialog>(204, "").unwrap();
        respond::<DeleteRoomDialog>(204, "").unwrap();
        assert_eq!(api_error::<GetGlobalDialog>(404, NOT_FOUND).status(), 404);
    }
}
