//! Turning a response into a typed value or an error.

use http::StatusCode;
use serde::de::DeserializeOwned;

use crate::{ApiError, DecodeError, Error, HttpResponse, RateLimits};

/// Implements [`FromResponse`] as a JSON decode for model types.
macro_rules! json_response {
    ($($ty:ty),* $(,)?) => {$(
        impl $crate::response::FromResponse for $ty {
            fn from_response(response: $crate::HttpResponse) -> Result<Self, $crate::Error> {
                $crate::response::decode_json(response)
            }
        }
    )*};
}
pub(crate) use json_response;

/// A type a successful response decodes into.
pub trait FromResponse: Sized {
    /// Whether `status` counts as success for this type. Every 2xx does; redirect types accept
    /// 3xx too.
    fn accepts(status: StatusCode) -> bool {
        status.is_success()
    }

    /// Decodes the response, whose status [`accepts`](FromResponse::accepts) approved.
    fn from_response(response: HttpResponse) -> Result<Self, Error>;
}

/// Decodes `response`: a status the type accepts is decoded, any other becomes
/// [`Error::Api`] with the HipChat error object, the raw body and the rate-limit headers.
pub fn parse_response<T: FromResponse>(response: HttpResponse) -> Result<T, Error> {
    if T::accepts(response.status()) {
        T::from_response(response)
    } else {
        let rate_limits = RateLimits::from_headers(response.headers());
        let status = response.status();
        Err(Error::Api(ApiError::new(
            status,
            response.into_body(),
            rate_limits,
        )))
    }
}

/// Decodes a JSON body into `T`, reporting the JSON path of the first mismatch.
pub fn decode_json<T: DeserializeOwned>(response: HttpResponse) -> Result<T, Error> {
    let status = response.status();
    let body = response.into_body();
    // The fast path: tracking the JSON path costs as much as the decoding itself, and is only
    // needed to report a failure, so it is paid only when the plain decode fails.
    if let Ok(value) = serde_json::from_slice::<T>(&body) {
        return Ok(value);
    }
    let mut de = serde_json::Deserializer::from_slice(&body);
    let decoded: Result<T, _> = serde_path_to_error::deserialize(&mut de);
    match decoded {
        Ok(value) => match de.end() {
            Ok(()) => Ok(value),
            Err(e) => Err(Error::Decode(DecodeError::json(
                status,
                ".".to_owned(),
                e,
                body,
            ))),
        },
        Err(e) => {
            let path = e.path().to_string();
            Err(Error::Decode(DecodeError::json(
                status,
                path,
                e.into_inner(),
                body,
            )))
        }
    }
}

json_response!(
    crate::model::Capabilities,
    crate::model::CreatedResource,
    crate::model::Room,
    crate::model::SentMessage,
    crate::model::Session,
    crate::model::Token,
    crate::model::User,
);

/// The body of a success is ignored: methods answering 204 No Content (and any other 2xx).
impl FromResponse for () {
    fn from_response(_: HttpResponse) -> Result<Self, Error> {
        Ok(())
    }
}

impl FromResponse for serde_json::Value {
    fn from_response(response: HttpResponse) -> Result<Self, Error> {
        decode_json(response)
    }
}

impl<T: DeserializeOwned> FromResponse for crate::model::Page<T> {
    fn from_response(response: HttpResponse) -> Result<Self, Error> {
        decode_json(response)
    }
}

/// The answer of a method that redirects to a resource (avatars, photos, integration links):
/// the `Location` the server pointed at, which is not followed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Redirect {
    /// The status the server answered with (normally 302).
    pub status: StatusCode,
    /// The URL of the `Location` header.
    pub location: String,
}

impl FromResponse for Redirect {
    fn accepts(status: StatusCode) -> bool {
        status.is_success() || status.is_redirection()
    }

    fn from_response(response: HttpResponse) -> Result<Self, Error> {
        let status = response.status();
        let location = response
            .headers()
            .get(http::header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        match location {
            Some(location) => Ok(Redirect { status, location }),
            None => Err(Error::Decode(DecodeError::other(
                status,
                "the response has no readable `Location` header",
                response.into_body(),
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    fn response(status: u16, body: &str) -> HttpResponse {
        http::Response::builder()
            .status(status)
            .body(body.as_bytes().to_vec())
            .unwrap()
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Thing {
        id: u64,
        items: Vec<Item>,
    }
    #[derive(Debug, Deserialize, PartialEq)]
    struct Item {
        n: u32,
    }
    json_response!(Thing);

    #[test]
    fn decode_failures_name_the_json_path_and_keep_the_body() {
        let body = r#"{"id": 1, "items": [{"n": 1}, {"n": "two"}]}"#;
        let Err(Error::Decode(e)) = parse_response::<Thing>(response(200, body)) else {
            panic!("expected decode error")
        };
        assert_eq!(e.path(), "items[1].n");
        assert_eq!(e.status(), StatusCode::OK);
        assert_eq!(e.body(), body.as_bytes());
    }

    #[test]
    fn empty_truncated_and_html_bodies_are_errors_not_panics() {
        for body in ["", r#"{"id": 1, "items": [{"n""#, "<html>oops</html>"] {
            let Err(Error::Decode(e)) = parse_response::<Thing>(response(200, body)) else {
                panic!("expected decode error for {body:?}")
            };
            assert_eq!(e.body(), body.as_bytes());
        }
        let Err(Error::Api(e)) = parse_response::<Thing>(response(502, "<html>Bad Gateway</html>"))
        else {
            panic!()
        };
        assert_eq!(e.status(), StatusCode::BAD_GATEWAY);
        assert_eq!(e.body_text(), "<html>Bad Gateway</html>");
    }

    #[test]
    fn trailing_garbage_is_a_decode_error() {
        assert!(matches!(
            parse_response::<Thing>(response(200, r#"{"id":1,"items":[]} x"#)),
            Err(Error::Decode(_))
        ));
    }

    #[test]
    fn every_2xx_is_success_for_unit() {
        for status in [200, 201, 202, 204] {
            parse_response::<()>(response(status, "")).unwrap();
        }
        let Err(Error::Api(e)) = parse_response::<()>(response(302, "")) else {
            panic!()
        };
        assert_eq!(e.status(), StatusCode::FOUND);
    }

    #[test]
    fn redirects_return_the_location() {
        let resp = http::Response::builder()
            .status(302)
            .header("Location", "https://cdn.example/p.png")
            .body(Vec::new())
            .unwrap();
        let r = parse_response::<Redirect>(resp).unwrap();
        assert_eq!(r.location, "https://cdn.example/p.png");
        assert_eq!(r.status, StatusCode::FOUND);
        let Err(Error::Decode(e)) = parse_response::<Redirect>(response(302, "")) else {
            panic!()
        };
        assert!(e.message().contains("Location"));
        assert!(matches!(
            parse_response::<Redirect>(response(404, "")),
            Err(Error::Api(_))
        ));
    }

    #[test]
    fn api_errors_carry_rate_limits() {
        let resp = http::Response::builder()
            .status(429)
            .header("X-Ratelimit-Limit", "500")
            .header("X-Ratelimit-Remaining", "0")
            .header("X-Ratelimit-Reset", "1700000000")
            .body(br#"{"error":{"code":429,"message":"Rate Limit exceeded","type":"Too Many Requests"}}"#.to_vec())
            .unwrap();
        let Err(Error::Api(e)) = parse_response::<()>(resp) else {
            panic!()
        };
        let rate = e.rate_limits().rate.unwrap();
        assert_eq!(
            (rate.limit, rate.remaining, rate.reset),
            (Some(500), Some(0), Some(1700000000))
        );
        assert_eq!(e.hipchat_error().unwrap().code, Some(429));
    }
}
