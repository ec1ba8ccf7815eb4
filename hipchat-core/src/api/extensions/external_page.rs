//! The six external page methods: pages outside HipChat that actions and glances can open.

use super::macros::extension_endpoints;

extension_endpoints! {
    segment: "externalPage",
    module: ExternalPage,
    noun: "external page",
    path_note: "The `externalPage` path segment and the module's fields come from a single source, which also lists `name` as required: set it.",
    created_note: "201 Created and this body are assumed (unconfirmed); any 2xx is accepted, and an empty body gives no id.",
    example: {
        key: "runbook",
        uses: "use hipchat_core::model::ExternalPage;",
        build: r#"ExternalPage::new("runbook", "https://wiki.example.com/runbook").name("Runbook")"#,
        json: r#"{"key": "runbook", "name": {"value": "Runbook"}, "url": "https://wiki.example.com/runbook"}"#,
        var: "page",
        check: r#"assert_eq!(page.url, "https://wiki.example.com/runbook");"#,
    },
    global: {
        get: GetGlobalExternalPage "get_global_external_page" " (the page's exact address is unconfirmed)",
        create: CreateGlobalExternalPage "create_global_external_page" " (the page's exact address is unconfirmed)",
        delete: DeleteGlobalExternalPage "delete_global_external_page" " (the page's exact address is unconfirmed)",
        scope: "likely `admin_group` (unconfirmed: no source states the scope of this method).",
        limit: "probably at most 10 group-wide external pages (assumed from the documented limits of other kinds).",
    },
    room: {
        get: GetRoomExternalPage "get_room_external_page" " (the page's exact address is unconfirmed)",
        create: CreateRoomExternalPage "create_room_external_page" " (the page's exact address is unconfirmed)",
        delete: DeleteRoomExternalPage "delete_room_external_page" " (the page's exact address is unconfirmed)",
        scope: "likely `admin_room` (unconfirmed: no source states the scope of this method).",
        limit: "probably at most 10 external pages per room (assumed from the documented limits of other kinds).",
    },
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::test_support::*;
    use crate::model::{ExternalPage, I18n};
    use serde_json::json;

    #[test]
    fn create_sends_minimal_and_full_modules() {
        let request = build(&CreateGlobalExternalPage::new(ExternalPage::new(
            "runbook",
            "https://wiki.example.com/runbook",
        )));
        assert_eq!(request.method(), "PUT");
        assert_eq!(
            request.uri(),
            "https://api.hipchat.com/v2/extension/externalPage/runbook"
        );
        assert_bearer(&request);
        assert_eq!(
            json_body(&request),
            json!({"key": "runbook", "url": "https://wiki.example.com/runbook"})
        );
        let full = ExternalPage::new("runbook", "https://wiki.example.com/runbook")
            .name(I18n::new("Runbook").i18n("runbook.name"));
        let request = build(&CreateRoomExternalPage::new("Ops Team", full));
        assert_eq!(
            request.uri(),
            "https://api.hipchat.com/v2/room/Ops%20Team/extension/externalPage/runbook"
        );
        assert_eq!(
            json_body(&request),
            json!({"key": "runbook", "name": {"value": "Runbook", "i18n": "runbook.name"},
                   "url": "https://wiki.example.com/runbook"})
        );
    }

    #[test]
    fn create_refuses_invalid_modules() {
        let bad = ExternalPage::new("runbook", "u").name(I18n::new("R").i18n("k".repeat(41)));
        assert_eq!(
            build_err(&CreateGlobalExternalPage::new(bad)).field(),
            "externalPage.name.i18n"
        );
        let bad = ExternalPage::new("k".repeat(41), "u");
        assert_eq!(
            build_err(&CreateRoomExternalPage::new("ops", bad)).field(),
            "externalPage.key"
        );
    }

    #[test]
    fn decodes_the_stored_page_and_answers() {
        let page = respond::<GetRoomExternalPage>(
            200,
            r#"{"key": "runbook", "name": {"value": "Runbook"}, "url": "https://wiki.example.com/runbook"}"#,
        )
        .unwrap();
        assert_eq!(
            page,
            ExternalPage::new("runbook", "https://wiki.example.com/runbook").name("Runbook")
        );
        let page = respond::<GetGlobalExternalPage>(200, r#"{"key": "k", "url": "u"}"#).unwrap();
        assert_eq!(page.name, None);
        let created = respond::<CreateGlobalExternalPage>(201, r#"{"id": 4}"#).unwrap();
        assert_eq!(created.id.as_deref(), Some("4"));
        assert_eq!(respond::<CreateRoomExternalPage>(201, "").unwrap().id, None);
        respond::<DeleteGlobalExternalPage>(204, "").unwrap();
        respond::<DeleteRoomExternalPage>(204, "").unwrap();
        assert_eq!(
            api_error::<DeleteRoomExternalPage>(404, NOT_FOUND).status(),
            404
        );
    }
}
