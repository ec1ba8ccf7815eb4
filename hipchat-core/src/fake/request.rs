//! The parts of an incoming request a handler reads: the base URL the client used, the decoded
//! path segments, the query pairs in order, the headers and the body.

use http::{HeaderMap, Method};
use percent_encoding::percent_decode_str;
use serde::de::DeserializeOwned;

use super::reply::Reply;
use crate::HttpRequest;

/// A request as the fake sees it.
#[derive(Debug)]
pub(crate) struct FakeRequest {
    pub method: Method,
    /// `scheme://authority/prefix/v2`, echoed into the links of answers.
    pub base: String,
    /// The path below the base, as sent (still percent-encoded), for logs and messages.
    pub raw_path: String,
    /// The path segments below the base, percent-decoded.
    pub segments: Vec<String>,
    /// The query pairs, decoded, in order.
    pub query: Vec<(String, String)>,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl FakeRequest {
    /// Splits the URI at its first `v2` segment. `None` when there is no such segment.
    pub fn parse(request: HttpRequest) -> Result<FakeRequest, String> {
        let (parts, body) = request.into_parts();
        let uri = &parts.uri;
        let path = uri.path();
        let mut offset = 0;
        let mut split = None;
        for segment in path.split('/') {
            let end = offset + segment.len();
            if segment == "v2" {
                split = Some(end);
                break;
            }
            offset = end + 1;
        }
        let Some(split) = split else {
            return Err(format!("the path {path} has no /v2 segment"));
        };
        let origin = match (uri.scheme_str(), uri.authority()) {
            (Some(scheme), Some(authority)) => format!("{scheme}://{authority}"),
            _ => String::new(),
        };
        let raw_path = path[split..].to_owned();
        let segments = raw_path
            .split('/')
            .skip(1)
            .filter(|s| !s.is_empty())
            .map(|s| percent_decode_str(s).decode_utf8_lossy().into_owned())
            .collect();
        let query = uri
            .query()
            .map(|q| form_urlencoded::parse(q.as_bytes()).into_owned().collect())
            .unwrap_or_default();
        Ok(FakeRequest {
            method: parts.method,
            base: format!("{origin}{}", &path[..split]),
            raw_path,
            segments,
            query,
            headers: parts.headers,
            body,
        })
    }

    /// The last value of a query parameter.
    pub fn query(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// A boolean query parameter (`true`/`false`, any case); 400 on anything else.
    pub fn query_bool(&self, name: &str, default: bool) -> Result<bool, Reply> {
        match self.query(name) {
            None => Ok(default),
            Some(v) if v.eq_ignore_ascii_case("true") => Ok(true),
            Some(v) if v.eq_ignore_ascii_case("false") => Ok(false),
            Some(v) => Err(Reply::bad_request(format!(
                "{name} must be true or false, not {v:?}"
            ))),
        }
    }

    /// An integer query parameter within `range`; 400 otherwise.
    pub fn query_u64(
        &self,
        name: &str,
        default: u64,
        range: std::ops::RangeInclusive<u64>,
    ) -> Result<u64, Reply> {
        match self.query(name) {
            None => Ok(default),
            Some(v) => match v.parse::<u64>() {
                Ok(n) if range.contains(&n) => Ok(n),
                _ => Err(Reply::bad_request(format!(
                    "{name} must be an integer from {} to {}, not {v:?}",
                    range.start(),
                    range.end()
                ))),
            },
        }
    }

    /// The header's value as text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The body as JSON of type `T`; 400 with serde's reason when it is not.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, Reply> {
        if self.body.is_empty() {
            return Err(Reply::bad_request(
                "The request body is empty; JSON was expected",
            ));
        }
        serde_json::from_slice(&self.body)
            .map_err(|e| Reply::bad_request(format!("Invalid JSON body: {e}")))
    }

    /// The body as a JSON object, for handlers that check fields one by one.
    pub fn json_object(&self) -> Result<serde_json::Map<String, serde_json::Value>, Reply> {
        match self.json::<serde_json::Value>()? {
            serde_json::Value::Object(map) => Ok(map),
            _ => Err(Reply::bad_request("The request body must be a JSON object")),
        }
    }
}
