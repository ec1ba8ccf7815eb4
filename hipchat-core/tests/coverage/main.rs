//! The coverage proof: every method of the catalogue (`tests/catalogue/endpoints.json`) has an
//! endpoint struct whose method and path template are the catalogue's, and every operation of
//! the original Swagger file (`tests/catalogue/hipchat_api_v2.yaml`) maps to one of them.
//!
//! Each group's file lists its endpoints as [`Row`]s built from real instances, so a method
//! without a struct cannot be listed.

use std::collections::BTreeMap;

use hipchat_core::Endpoint;
use http::Method;

mod capabilities;
mod emoticons;
mod extensions;
#[cfg(feature = "fake")]
mod fake;
mod groups;
#[cfg(feature = "imports")]
mod imports;
mod integrations;
mod integrations_ui;
mod invites;
mod oauth_sessions;
mod prefs_public;
mod rooms;
mod users;

/// One endpoint as the client sends it.
pub struct Row {
    /// The catalogue id, `group.slug`.
    pub id: &'static str,
    /// The HTTP method the endpoint uses.
    pub method: Method,
    /// Its path with `{param}` placeholders.
    pub template: String,
    /// The request the client builds for it, or why it could not.
    pub request: Result<hipchat_core::HttpRequest, hipchat_core::Error>,
}

/// The configuration rows build their requests with: the fake's base URL, its admin token and
/// an OAuth client for the token endpoint.
fn config() -> hipchat_core::ClientConfig {
    hipchat_core::Client::builder()
        .base_url("https://hipchat.fake/v2")
        .credentials(
            hipchat_core::Credentials::token("fake-admin-token")
                .with_oauth_client("coverage-client", "coverage-secret"),
        )
        .build_config()
        .expect("a valid configuration")
}

/// Describes `endpoint` as the row of catalogue method `id`.
pub fn row<E: Endpoint>(id: &'static str, endpoint: E) -> Row {
    Row {
        id,
        method: endpoint.method(),
        template: endpoint.path().template(),
        request: hipchat_core::build_request(&config(), &endpoint),
    }
}

fn all_rows() -> Vec<Row> {
    let mut rows = Vec::new();
    rows.extend(capabilities::rows());
    rows.extend(emoticons::rows());
    rows.extend(extensions::rows());
    rows.extend(groups::rows());
    #[cfg(feature = "imports")]
    rows.extend(imports::rows());
    rows.extend(integrations::rows());
    rows.extend(integrations_ui::rows());
    rows.extend(invites::rows());
    rows.extend(oauth_sessions::rows());
    rows.extend(prefs_public::rows());
    rows.extend(rooms::rows());
    rows.extend(users::rows());
    rows
}

#[derive(serde::Deserialize)]
struct CatalogueRow {
    id: String,
    group: String,
    method: String,
    path: String,
}

fn catalogue() -> Vec<CatalogueRow> {
    serde_json::from_str(include_str!("../catalogue/endpoints.json")).expect("the catalogue parses")
}

/// The (verb, path) operations of the Swagger file: path keys are indented two spaces, verbs
/// four.
fn swagger_operations() -> Vec<(String, String)> {
    let text = include_str!("../catalogue/hipchat_api_v2.yaml");
    let mut in_paths = false;
    let mut current = None;
    let mut ops = Vec::new();
    for line in text.lines() {
        if line.starts_with("paths:") {
            in_paths = true;
            continue;
        }
        if !in_paths {
            continue;
        }
        if !line.starts_with(' ') && !line.trim().is_empty() && !line.starts_with('#') {
            break; // the next top-level key
        }
        if let Some(path) = line.strip_prefix("  /") {
            current = Some(format!("/{}", path.trim_end().trim_end_matches(':')));
        } else if let Some(rest) = line.strip_prefix("    ") {
            let verb = rest.trim_end().trim_end_matches(':');
            if ["get", "put", "post", "delete", "patch"].contains(&verb) {
                ops.push((
                    verb.to_uppercase(),
                    current.clone().expect("a verb under a path"),
                ));
            }
        }
    }
    ops
}

/// Path templates compared without parameter names: the Swagger file names them differently.
fn shape(template: &str) -> String {
    template
        .split('/')
        .map(|seg| if seg.starts_with('{') { "{}" } else { seg })
        .collect::<Vec<_>>()
        .join("/")
}

#[test]
fn every_catalogue_method_has_an_endpoint_with_its_verb_and_path() {
    let rows: BTreeMap<&str, Row> = all_rows().into_iter().map(|r| (r.id, r)).collect();
    let catalogue = catalogue();
    assert_eq!(catalogue.len(), 103, "the catalogue lists 103 methods");
    let mut missing = Vec::new();
    let mut wrong = Vec::new();
    for entry in &catalogue {
        if entry.group == "imports" && cfg!(not(feature = "imports")) {
            continue; // behind the `imports` feature
        }
        match rows.get(entry.id.as_str()) {
            None => missing.push(entry.id.clone()),
            Some(row) => {
                if row.method.as_str() != entry.method || row.template != entry.path {
                    wrong.push(format!(
                        "{}: catalogue {} {}, endpoint {} {}",
                        entry.id, entry.method, entry.path, row.method, row.template
                    ));
                }
            }
        }
    }
    let known: Vec<&str> = catalogue.iter().map(|e| e.id.as_str()).collect();
    let unknown: Vec<&str> = rows
        .keys()
        .copied()
        .filter(|id| !known.contains(id))
        .collect();
    assert!(
        missing.is_empty() && wrong.is_empty() && unknown.is_empty(),
        "missing endpoints: {missing:#?}\nwrong verb or path: {wrong:#?}\nrows not in the catalogue: {unknown:#?}"
    );
}

#[test]
fn every_swagger_operation_maps_to_an_endpoint() {
    let ops = swagger_operations();
    assert_eq!(ops.len(), 60, "the Swagger file has 60 operations");
    let rows = all_rows();
    let unmapped: Vec<String> = ops
        .iter()
        .filter(|(verb, path)| {
            !rows
                .iter()
                .any(|r| r.method.as_str() == verb && shape(&r.template) == shape(path))
        })
        .map(|(verb, path)| format!("{verb} {path}"))
        .collect();
    assert!(
        unmapped.is_empty(),
        "Swagger operations without an endpoint: {unmapped:#?}"
    );
}
