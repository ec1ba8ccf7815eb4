//! Every method of the catalogue against the fake HipChat: the request the client builds
//! reaches a route of its own (never the fake's "no such resource" 404 or a 405), and it either
//! works or answers 501 naming the method. The methods the fake does not model are listed here,
//! so a change in either direction is a deliberate one.

use futures_executor::block_on;
use hipchat_core::HttpBackend;
use hipchat_core::fake::FakeHipChat;
use hipchat_core::model::Scope;

use crate::all_rows;

/// The methods the fake answers with 501, each for a reason given in its route's handler file:
/// the imports, whose paths and bodies no public source confirms, and the two integration
/// methods that need a real add-on installation flow or a call out to the add-on.
const NOT_MODELLED: &[&str] = &[
    "imports.import_privatechat_file",
    "imports.import_privatechat_history",
    "imports.import_room_file",
    "imports.import_room_history",
    "integrations.get_integration_installable_data",
    "integrations.invoke_integration_link",
];

/// A fake holding what the rows' placeholder parameters name: room `r`, user `u`.
fn seeded() -> FakeHipChat {
    let fake = FakeHipChat::new();
    let user = fake.add_user("U", "u", "u");
    fake.add_room("r");
    fake.add_private_message(FakeHipChat::ADMIN_ID, user, "hello");
    fake.add_oauth_client(
        "coverage-client",
        "coverage-secret",
        &[Scope::SendNotification],
    );
    fake
}

#[test]
fn every_catalogue_method_reaches_its_route_on_the_fake() {
    let mut not_modelled = Vec::new();
    let mut failures = Vec::new();
    for row in all_rows() {
        let request = match row.request {
            Ok(request) => request,
            Err(e) => {
                failures.push(format!("{}: the client could not build it: {e}", row.id));
                continue;
            }
        };
        let fake = seeded();
        let response = block_on(fake.send(request)).expect("the fake never fails to answer");
        let status = response.status().as_u16();
        let body: serde_json::Value = serde_json::from_slice(response.body()).unwrap_or_default();
        let message = body["error"]["message"].as_str().unwrap_or("").to_owned();
        match status {
            501 if message.contains(row.id) => not_modelled.push(row.id),
            501 => failures.push(format!(
                "{}: 501 without naming the method: {message}",
                row.id
            )),
            405 => failures.push(format!("{}: 405 {message}", row.id)),
            404 if message.starts_with("No such resource") => {
                failures.push(format!("{}: no route: {message}", row.id));
            }
            _ => {}
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
    let expected: Vec<&str> = NOT_MODELLED
        .iter()
        .copied()
        .filter(|id| cfg!(feature = "imports") || !id.starts_with("imports."))
        .collect();
    assert_eq!(
        not_modelled, expected,
        "the methods the fake answers with 501"
    );
}
