//! Helpers for the endpoint tests: build a request under a fixed configuration, decode a canned
//! response.

use crate::{
    BaseUrl, ClientConfig, Credentials, Endpoint, Error, HttpRequest, build_request, parse_response,
};

pub(crate) const TOKEN: &str = "t0k3n";

pub(crate) fn config() -> ClientConfig {
    let base = BaseUrl::parse("https://api.hipchat.com/v2", false).unwrap();
    ClientConfig::new(
        base,
        Credentials::token(TOKEN).with_oauth_client("client-id", "client-secret"),
    )
}

pub(crate) fn build<E: Endpoint>(endpoint: &E) -> HttpRequest {
    build_request(&config(), endpoint).unwrap_or_else(|e| panic!("request should build: {e}"))
}

pub(crate) fn build_err<E: Endpoint>(endpoint: &E) -> crate::InvalidInput {
    match build_request(&config(), endpoint) {
        Err(Error::InvalidInput(e)) => e,
        Err(other) => panic!("expected InvalidInput, got {other:?}"),
        Ok(request) => panic!("expected InvalidInput, got a request to {}", request.uri()),
    }
}

pub(crate) fn json_body(request: &HttpRequest) -> serde_json::Value {
    assert_eq!(request.headers()["content-type"], "application/json");
    serde_json::from_slice(request.body()).expect("a JSON body")
}

pub(crate) fn assert_bearer(request: &HttpRequest) {
    assert_eq!(
        request.headers()["authorization"],
        format!("Bearer {TOKEN}")
    );
    assert_eq!(request.headers()["accept"], "application/json");
}

pub(crate) fn respond<E: Endpoint>(status: u16, body: &str) -> Result<E::Response, Error> {
    let response = http::Response::builder()
        .status(status)
        .body(body.as_bytes().to_vec())
        .unwrap();
    parse_response::<E::Response>(response)
}

pub(crate) fn api_error<E: Endpoint>(status: u16, body: &str) -> crate::ApiError
where
    E::Response: std::fmt::Debug,
{
    match respond::<E>(status, body) {
        Err(Error::Api(e)) => e,
        other => panic!("expected an API error, got {other:?}"),
    }
}

pub(crate) const NOT_FOUND: &str =
    r#"{"error": {"code": 404, "message": "Room not found", "type": "Not Found"}}"#;
