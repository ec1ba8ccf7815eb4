//! Signed requests from HipChat: JWT (HS256) verification and signing.
//!
//! HipChat signs what it sends an add-on (configuration pages, glances, web panels, dialogs,
//! webhooks declared with `"authentication": "jwt"`) with a JSON Web Token keyed with the
//! installation's `oauthSecret`. The token arrives in the `signed_request` query parameter
//! ([`token_from_query`]) or in an `Authorization: JWT <token>` header
//! ([`token_from_authorization`]); [`token_from_request_parts`] looks in both places.
//!
//! [`verify_request`] does the whole job in one call: it finds the token in a request, reads
//! the installation it names, asks the caller for that installation's secret and verifies the
//! token with it. Underneath, verification takes two steps, because the token itself says
//! which installation it belongs to:
//!
//! 1. [`peek_issuer`] reads the `iss` claim (the installation's OAuth id) **without checking
//!    anything**, so the add-on can look the installation up;
//! 2. [`verify`] checks the token against that installation's secret and returns the typed
//!    [`Claims`].
//!
//! What [`verify`] accepts:
//!
//! * **HS256 only.** A header whose `alg` is `none`, `HS384`, `RS256`, spelled differently
//!   (`hs256`), missing, or anything else is refused with [`JwtError::UnsupportedAlgorithm`],
//!   before any key is used. A header with `crit` is refused too.
//! * The signature is checked with `hmac`'s constant-time comparison, before the payload is even
//!   decoded.
//! * `iss` must be present, non-empty and equal to the expected OAuth id.
//! * `exp` must be present; the token is refused once `now >= exp + leeway` (RFC 7519: the
//!   current time must be *before* the expiry).
//! * `iat` and `nbf` are optional; when present, the token is refused while
//!   `iat > now + leeway` (issued in the future) or `nbf > now + leeway`.
//! * Base64url **without padding**, canonical only: a padded or otherwise non-canonical segment is
//!   refused ([`JwtError::Base64`]). RFC 7515 forbids the padding, HipChat never sends it, and
//!   accepting several spellings of one token would defeat caches keyed by the token text
//!   (replay protection by `jti` or by token).
//!
//! The clock is the caller's: `now` is always passed in.
//!
//! ```
//! use std::time::{Duration, UNIX_EPOCH};
//! use hipchat_core::addon::jwt::{self, Claims};
//!
//! // HipChat's side, simulated: a token for a user in room 2251.
//! let issued = 1_500_000_000;
//! let claims = Claims::new("0d5a2c1e-oauth-id", issued, issued + 300)
//!     .with_sub("4242")
//!     .with_context(Some(2251), Some("Europe/Berlin"));
//! let token = jwt::sign(&claims, "oauth-secret");
//! let url = format!("https://addon.example.com/glance?signed_request={token}");
//!
//! // The add-on's side.
//! let token = jwt::token_from_query(&url)?;
//! let oauth_id = jwt::peek_issuer(&token)?; // look the installation up by this id
//! assert_eq!(oauth_id, "0d5a2c1e-oauth-id");
//! let now = UNIX_EPOCH + Duration::from_secs(issued + 10);
//! let verified = jwt::verify(&token, "oauth-secret", &oauth_id, now, Duration::from_secs(30))?;
//! assert_eq!(verified.user_id(), Some("4242"));
//! assert_eq!(verified.room_id(), Some(2251));
//!
//! // Another secret, or a token past its expiry, is refused.
//! assert_eq!(
//!     jwt::verify(&token, "wrong-secret", &oauth_id, now, Duration::ZERO),
//!     Err(jwt::JwtError::BadSignature)
//! );
//! let late = UNIX_EPOCH + Duration::from_secs(issued + 300);
//! assert!(matches!(
//!     jwt::verify(&token, "oauth-secret", &oauth_id, late, Duration::ZERO),
//!     Err(jwt::JwtError::Expired { .. })
//! ));
//! # Ok::<(), jwt::JwtError>(())
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use serde::{Serialize, Serializer};
use serde_json::{Map, Value};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// The only signing algorithm accepted and produced: `HS256` (HMAC with SHA-256).
pub const ALGORITHM: &str = "HS256";

/// The query parameter that carries the token: `signed_request`.
pub const QUERY_PARAMETER: &str = "signed_request";

/// The `Authorization` scheme that carries the token: `JWT`.
pub const AUTHORIZATION_SCHEME: &str = "JWT";

/// The header of every token [`sign`] makes.
const HEADER_JSON: &str = r#"{"alg":"HS256","typ":"JWT"}"#;

/// One of the three dot-separated segments of a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Segment {
    /// The first segment: the JOSE header (`alg`, `typ`).
    Header,
    /// The second segment: the claims.
    Payload,
    /// The third segment: the HMAC.
    Signature,
}

impl fmt::Display for Segment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Segment::Header => "header",
            Segment::Payload => "payload",
            Segment::Signature => "signature",
        })
    }
}

/// Why a token was not found, not decoded or not accepted.
///
/// Its `Display` never shows the token or a secret.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum JwtError {
    /// The request carries no token where one was looked for.
    MissingToken {
        /// Where the token was looked for.
        looked_in: &'static str,
    },
    /// The token (or the place that carries it) does not have the shape of a JWT.
    Malformed {
        /// What is wrong, in words.
        reason: &'static str,
    },
    /// A segment is not canonical unpadded base64url.
    Base64 {
        /// The segment at fault.
        segment: Segment,
    },
    /// The header or the payload is not a JSON object.
    Json {
        /// The segment at fault.
        segment: Segment,
        /// The JSON parser's explanation (it never quotes the input).
        message: String,
    },
    /// The header's `alg` is not `HS256`: `Some` with the algorithm named (`none`, `HS384`,
    /// `RS256`, or the JSON text of a value that is not a string), `None` when `alg` is missing.
    UnsupportedAlgorithm {
        /// The algorithm the header names.
        alg: Option<String>,
    },
    /// The secret given to [`verify`] is empty: nothing could be trusted with it.
    EmptySecret,
    /// The signature does not match the token and the secret: another secret, or a token
    /// altered after signing.
    BadSignature,
    /// A claim [`verify`] needs (`iss`, `exp`) is missing or `null`.
    MissingClaim {
        /// The claim's name.
        claim: &'static str,
    },
    /// A claim has the wrong type or an impossible value.
    InvalidClaim {
        /// The claim's name, such as `exp` or `context.room_id`.
        claim: &'static str,
        /// What it should be, in words.
        reason: &'static str,
    },
    /// The `iss` claim names no installation the add-on knows: the lookup given to
    /// [`verify_request`] found no secret for it. Nothing was verified, so the issuer is only
    /// what the token claims.
    UnknownIssuer {
        /// The token's `iss`, unverified.
        issuer: String,
    },
    /// The `iss` claim names another installation.
    WrongIssuer {
        /// The OAuth id the caller expected.
        expected: String,
        /// The token's `iss`.
        found: String,
    },
    /// The token has expired: `now >= exp + leeway`.
    Expired {
        /// The token's `exp`, in unix seconds.
        exp: u64,
        /// The caller's `now`, in unix seconds.
        now: u64,
    },
    /// The token is not valid yet: it was issued in the future (`iat > now + leeway`) or its
    /// `nbf` is still ahead (`nbf > now + leeway`).
    NotYetValid {
        /// The claim that is in the future: `iat` or `nbf`.
        claim: &'static str,
        /// Its value, in unix seconds.
        at: u64,
        /// The caller's `now`, in unix seconds.
        now: u64,
    },
}

impl fmt::Display for JwtError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JwtError::MissingToken { looked_in } => write!(f, "no JWT in {looked_in}"),
            JwtError::Malformed { reason } => write!(f, "malformed JWT: {reason}"),
            JwtError::Base64 { segment } => {
                write!(f, "the JWT {segment} is not unpadded base64url (RFC 7515)")
            }
            JwtError::Json { segment, message } => {
                write!(f, "the JWT {segment} is not a JSON object: {message}")
            }
            JwtError::UnsupportedAlgorithm { alg: Some(alg) } => {
                write!(
                    f,
                    "unsupported JWT algorithm {alg:?}: only HS256 is accepted"
                )
            }
            JwtError::UnsupportedAlgorithm { alg: None } => {
                write!(
                    f,
                    "the JWT header names no algorithm: only HS256 is accepted"
                )
            }
            JwtError::EmptySecret => f.write_str("the secret to check the JWT with is empty"),
            JwtError::BadSignature => f.write_str("the JWT signature does not match"),
            JwtError::MissingClaim { claim } => write!(f, "the JWT has no `{claim}` claim"),
            JwtError::InvalidClaim { claim, reason } => {
                write!(f, "the JWT claim `{claim}` {reason}")
            }
            JwtError::UnknownIssuer { issuer } => {
                write!(f, "the JWT names an unknown issuer {issuer:?}")
            }
            JwtError::WrongIssuer { expected, found } => write!(
                f,
                "the JWT was issued by {found:?}, not by the expected {expected:?}"
            ),
            JwtError::Expired { exp, now } => {
                write!(f, "the JWT expired at {exp} (now {now}, unix seconds)")
            }
            JwtError::NotYetValid { claim, at, now } => write!(
                f,
                "the JWT is not valid yet: `{claim}` is {at}, now is {now} (unix seconds)"
            ),
        }
    }
}

impl std::error::Error for JwtError {}

/// The `context` claim: where the user is.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct Context {
    /// The user's time zone, such as `Europe/Berlin` (`user_tz`).
    pub user_tz: Option<String>,
    /// The room the request comes from (`room_id`; a number or a numeric string on the wire).
    pub room_id: Option<u64>,
    /// Any other member, exactly as received.
    pub other: BTreeMap<String, Value>,
}

impl Context {
    fn from_value(value: Value) -> Result<Option<Self>, JwtError> {
        let members = match value {
            Value::Null => return Ok(None),
            Value::Object(members) => members,
            _ => {
                return Err(JwtError::InvalidClaim {
                    claim: "context",
                    reason: "must be a JSON object",
                });
            }
        };
        let mut context = Context::default();
        for (name, value) in members {
            match name.as_str() {
                "user_tz" => {
                    context.user_tz = optional_string(value, "context.user_tz")?;
                }
                "room_id" => context.room_id = optional_id(value, "context.room_id")?,
                _ => {
                    context.other.insert(name, value);
                }
            }
        }
        Ok(Some(context))
    }

    fn to_json(&self) -> Value {
        let mut members: BTreeMap<String, Value> = self.other.clone();
        if let Some(room_id) = self.room_id {
            members.insert("room_id".into(), room_id.into());
        }
        if let Some(user_tz) = &self.user_tz {
            members.insert("user_tz".into(), user_tz.clone().into());
        }
        Value::Object(members.into_iter().collect())
    }
}

/// The claims of a token: the registered ones HipChat uses, typed, and any other kept raw.
///
/// [`verify`] returns them once the token is checked; [`Claims::new`] and the `with_*` methods
/// build them for [`sign`].
///
/// `sub` and `prn` arrive as strings or numbers and are kept as text. Serializing writes the
/// members in name order (`sub`/`prn` as strings).
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct Claims {
    /// The issuer: the installation's OAuth id (`iss`).
    pub iss: String,
    /// The user the request is made for (`sub`).
    pub sub: Option<String>,
    /// The user, in older tokens (`prn`). Prefer [`Claims::user_id`].
    pub prn: Option<String>,
    /// When the token was issued, in unix seconds (`iat`).
    pub iat: Option<u64>,
    /// When the token expires, in unix seconds (`exp`). Always present after [`verify`].
    pub exp: Option<u64>,
    /// Not valid before, in unix seconds (`nbf`); HipChat does not send it.
    pub nbf: Option<u64>,
    /// A unique id of the token (`jti`), for replay caches.
    pub jti: Option<String>,
    /// Where the user is (`context`).
    pub context: Option<Context>,
    /// Any other claim, by name, exactly as received.
    pub other: BTreeMap<String, Value>,
}

impl Claims {
    /// Claims issued by `iss` at `iat`, expiring at `exp` (unix seconds).
    pub fn new(iss: impl Into<String>, iat: u64, exp: u64) -> Self {
        Claims {
            iss: iss.into(),
            iat: Some(iat),
            exp: Some(exp),
            ..Claims::default()
        }
    }

    /// Sets `sub`, the user id.
    pub fn with_sub(mut self, sub: impl Into<String>) -> Self {
        self.sub = Some(sub.into());
        self
    }

    /// Sets `prn`, the user id as older tokens carry it.
    pub fn with_prn(mut self, prn: impl Into<String>) -> Self {
        self.prn = Some(prn.into());
        self
    }

    /// Sets `jti`, the token's unique id.
    pub fn with_jti(mut self, jti: impl Into<String>) -> Self {
        self.jti = Some(jti.into());
        self
    }

    /// Sets `nbf`, not valid before (unix seconds).
    pub fn with_nbf(mut self, nbf: u64) -> Self {
        self.nbf = Some(nbf);
        self
    }

    /// Sets `context` to `{room_id, user_tz}`, leaving out what is `None`.
    pub fn with_context(mut self, room_id: Option<u64>, user_tz: Option<&str>) -> Self {
        self.context = Some(Context {
            user_tz: user_tz.map(str::to_owned),
            room_id,
            other: BTreeMap::new(),
        });
        self
    }

    /// Adds any other claim. A name with a typed field (`iss`, `sub`, ...) is set through that
    /// field instead and is ignored here when signing.
    pub fn with_claim(mut self, name: impl Into<String>, value: impl Into<Value>) -> Self {
        self.other.insert(name.into(), value.into());
        self
    }

    /// The user the request is made for: `sub`, else `prn` (older tokens).
    pub fn user_id(&self) -> Option<&str> {
        self.sub.as_deref().or(self.prn.as_deref())
    }

    /// `context.room_id`: the room the request comes from.
    pub fn room_id(&self) -> Option<u64> {
        self.context.as_ref().and_then(|c| c.room_id)
    }

    /// `context.user_tz`: the user's time zone.
    pub fn user_tz(&self) -> Option<&str> {
        self.context.as_ref().and_then(|c| c.user_tz.as_deref())
    }

    /// The claims as a JSON object, members in name order.
    pub fn to_json(&self) -> Value {
        let mut members: BTreeMap<String, Value> = self.other.clone();
        let mut put = |name: &str, value: Option<Value>| match value {
            Some(value) => {
                members.insert(name.to_owned(), value);
            }
            None => {
                members.remove(name);
            }
        };
        put("iss", Some(self.iss.clone().into()));
        put("sub", self.sub.clone().map(Value::from));
        put("prn", self.prn.clone().map(Value::from));
        put("iat", self.iat.map(Value::from));
        put("exp", self.exp.map(Value::from));
        put("nbf", self.nbf.map(Value::from));
        put("jti", self.jti.clone().map(Value::from));
        put("context", self.context.as_ref().map(Context::to_json));
        // Collected in name order, so the text is the same whatever map serde_json uses.
        Value::Object(members.into_iter().collect())
    }

    /// Reads the claims of a payload; `iss` is left empty when absent (the caller decides).
    fn from_members(members: Map<String, Value>) -> Result<(Self, bool), JwtError> {
        let mut claims = Claims::default();
        let mut has_iss = false;
        for (name, value) in members {
            match name.as_str() {
                "iss" => match value {
                    Value::Null => {}
                    Value::String(iss) => {
                        claims.iss = iss;
                        has_iss = true;
                    }
                    _ => {
                        return Err(JwtError::InvalidClaim {
                            claim: "iss",
                            reason: "must be a string",
                        });
                    }
                },
                "sub" => claims.sub = optional_text(value, "sub")?,
                "prn" => claims.prn = optional_text(value, "prn")?,
                "iat" => claims.iat = optional_time(value, "iat")?,
                "exp" => claims.exp = optional_time(value, "exp")?,
                "nbf" => claims.nbf = optional_time(value, "nbf")?,
                "jti" => claims.jti = optional_text(value, "jti")?,
                "context" => claims.context = Context::from_value(value)?,
                _ => {
                    claims.other.insert(name, value);
                }
            }
        }
        Ok((claims, has_iss))
    }
}

impl Serialize for Claims {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_json().serialize(serializer)
    }
}

impl Serialize for Context {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_json().serialize(serializer)
    }
}

fn optional_string(value: Value, claim: &'static str) -> Result<Option<String>, JwtError> {
    match value {
        Value::Null => Ok(None),
        Value::String(text) => Ok(Some(text)),
        _ => Err(JwtError::InvalidClaim {
            claim,
            reason: "must be a string",
        }),
    }
}

/// A string, or an integer kept as its decimal text.
fn optional_text(value: Value, claim: &'static str) -> Result<Option<String>, JwtError> {
    match value {
        Value::Number(n) if n.is_u64() || n.is_i64() => Ok(Some(n.to_string())),
        Value::Number(_) => Err(JwtError::InvalidClaim {
            claim,
            reason: "must be a string or an integer",
        }),
        other => optional_string(other, claim).map_err(|_| JwtError::InvalidClaim {
            claim,
            reason: "must be a string or an integer",
        }),
    }
}

/// An id: a non-negative integer or a string of digits.
fn optional_id(value: Value, claim: &'static str) -> Result<Option<u64>, JwtError> {
    let invalid = JwtError::InvalidClaim {
        claim,
        reason: "must be a non-negative integer or a string of digits",
    };
    match value {
        Value::Null => Ok(None),
        Value::Number(n) => n.as_u64().map(Some).ok_or(invalid),
        Value::String(text) if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) => {
            text.parse().map(Some).map_err(|_| invalid)
        }
        _ => Err(invalid),
    }
}

/// A NumericDate: non-negative seconds since 1970, possibly with a fraction (dropped).
fn optional_time(value: Value, claim: &'static str) -> Result<Option<u64>, JwtError> {
    let invalid = JwtError::InvalidClaim {
        claim,
        reason: "must be a non-negative number of seconds since 1970",
    };
    match value {
        Value::Null => Ok(None),
        Value::Number(n) => match (n.as_u64(), n.as_f64()) {
            (Some(seconds), _) => Ok(Some(seconds)),
            (None, Some(seconds)) if seconds.is_finite() && seconds >= 0.0 => {
                // `as` saturates at u64::MAX for values beyond it.
                Ok(Some(seconds.floor() as u64))
            }
            _ => Err(invalid),
        },
        _ => Err(invalid),
    }
}

/// The three segments of `token`.
fn split(token: &str) -> Result<[&str; 3], JwtError> {
    if token.is_empty() {
        return Err(JwtError::Malformed {
            reason: "the token is empty",
        });
    }
    let mut parts = token.split('.');
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(header), Some(payload), Some(signature), None) => Ok([header, payload, signature]),
        _ => Err(JwtError::Malformed {
            reason: "a JWT has exactly three dot-separated segments",
        }),
    }
}

fn decode_segment(text: &str, segment: Segment) -> Result<Vec<u8>, JwtError> {
    URL_SAFE_NO_PAD
        .decode(text)
        .map_err(|_| JwtError::Base64 { segment })
}

fn decode_object(text: &str, segment: Segment) -> Result<Map<String, Value>, JwtError> {
    let bytes = decode_segment(text, segment)?;
    match serde_json::from_slice::<Value>(&bytes) {
        Ok(Value::Object(members)) => Ok(members),
        Ok(_) => Err(JwtError::Json {
            segment,
            message: "the JSON value is not an object".into(),
        }),
        Err(e) => Err(JwtError::Json {
            segment,
            message: e.to_string(),
        }),
    }
}

fn check_header(text: &str) -> Result<(), JwtError> {
    let header = decode_object(text, Segment::Header)?;
    match header.get("alg") {
        Some(Value::String(alg)) if alg == ALGORITHM => {}
        Some(Value::String(alg)) => {
            return Err(JwtError::UnsupportedAlgorithm {
                alg: Some(alg.clone()),
            });
        }
        None | Some(Value::Null) => return Err(JwtError::UnsupportedAlgorithm { alg: None }),
        Some(other) => {
            return Err(JwtError::UnsupportedAlgorithm {
                alg: Some(other.to_string()),
            });
        }
    }
    if header.contains_key("crit") {
        return Err(JwtError::Malformed {
            reason: "the `crit` header names extensions this verifier does not implement",
        });
    }
    Ok(())
}

fn mac(secret: &[u8]) -> HmacSha256 {
    // HMAC takes keys of any length; this cannot fail.
    <HmacSha256 as Mac>::new_from_slice(secret).expect("HMAC accepts keys of any length")
}

fn unix_seconds(time: SystemTime) -> u64 {
    time.duration_since(UNIX_EPOCH)
        .map(|elapsed| elapsed.as_secs())
        .unwrap_or(0)
}

/// Reads the `iss` claim of `token` (the OAuth id of the installation that signed it)
/// **without verifying anything**: use it only to look up the installation whose secret
/// [`verify`] then checks the token with.
///
/// Errors: [`JwtError::Malformed`], [`JwtError::Base64`] or [`JwtError::Json`] for the payload,
/// [`JwtError::MissingClaim`] or [`JwtError::InvalidClaim`] for `iss`.
pub fn peek_issuer(token: &str) -> Result<String, JwtError> {
    let [_, payload, _] = split(token)?;
    let members = decode_object(payload, Segment::Payload)?;
    match members.get("iss") {
        None | Some(Value::Null) => Err(JwtError::MissingClaim { claim: "iss" }),
        Some(Value::String(iss)) if iss.is_empty() => Err(JwtError::InvalidClaim {
            claim: "iss",
            reason: "must not be empty",
        }),
        Some(Value::String(iss)) => Ok(iss.clone()),
        Some(_) => Err(JwtError::InvalidClaim {
            claim: "iss",
            reason: "must be a string",
        }),
    }
}

/// Verifies `token` with the installation's `secret` (its `oauthSecret`) and returns its claims.
///
/// In this order: the shape; the header (`alg` must be exactly `HS256`); the HMAC-SHA256
/// signature over `header.payload`, compared in constant time; then the payload: `iss` must
/// equal `expected_issuer` (the installation's OAuth id), `exp` must be present with
/// `now < exp + leeway`, and `iat`/`nbf`, when present, must not be after `now + leeway`.
/// Times are whole unix seconds (`leeway` is rounded down to seconds); a `now` before 1970
/// counts as 0.
///
/// Nothing here remembers tokens: to refuse replays within the token's lifetime, keep the `jti`
/// values seen until their `exp`.
pub fn verify(
    token: &str,
    secret: impl AsRef<[u8]>,
    expected_issuer: &str,
    now: SystemTime,
    leeway: Duration,
) -> Result<Claims, JwtError> {
    let secret = secret.as_ref();
    let [header, payload, signature] = split(token)?;
    check_header(header)?;
    if secret.is_empty() {
        return Err(JwtError::EmptySecret);
    }
    let signature = decode_segment(signature, Segment::Signature)?;
    let mut mac = mac(secret);
    mac.update(header.as_bytes());
    mac.update(b".");
    mac.update(payload.as_bytes());
    mac.verify_slice(&signature)
        .map_err(|_| JwtError::BadSignature)?;

    let (claims, has_iss) = Claims::from_members(decode_object(payload, Segment::Payload)?)?;
    if !has_iss {
        return Err(JwtError::MissingClaim { claim: "iss" });
    }
    if claims.iss.is_empty() {
        return Err(JwtError::InvalidClaim {
            claim: "iss",
            reason: "must not be empty",
        });
    }
    if claims.iss != expected_issuer {
        return Err(JwtError::WrongIssuer {
            expected: expected_issuer.to_owned(),
            found: claims.iss,
        });
    }

    let now = unix_seconds(now);
    let leeway = leeway.as_secs();
    let exp = claims.exp.ok_or(JwtError::MissingClaim { claim: "exp" })?;
    if now >= exp.saturating_add(leeway) {
        return Err(JwtError::Expired { exp, now });
    }
    let latest = now.saturating_add(leeway);
    for (claim, at) in [("iat", claims.iat), ("nbf", claims.nbf)] {
        if let Some(at) = at.filter(|&at| at > latest) {
            return Err(JwtError::NotYetValid { claim, at, now });
        }
    }
    Ok(claims)
}

/// Verifies the signed request HipChat sent, in one call: finds its token
/// ([`token_from_request_parts`]: `Authorization: JWT …` or `?signed_request=…`), reads the
/// issuer it names ([`peek_issuer`]), asks `secret_for_issuer` for that installation's
/// `oauthSecret`, and checks the token with it ([`verify`], the issuer expected being the one
/// looked up). Returns the verified claims; `claims.iss` is the installation's OAuth id.
///
/// `secret_for_issuer` receives the **unverified** `iss` (an OAuth id) and answers `None`
/// when no such installation is known; it is called at most once, and only with a token found
/// and readable. It may return anything that gives bytes: a `String`, a `&str` borrowed from
/// the caller's store, a `Vec<u8>`.
///
/// Errors, all [`JwtError`]: those of [`token_from_request_parts`] (no token, two different
/// tokens), of [`peek_issuer`] (unreadable payload, no `iss`), [`JwtError::UnknownIssuer`]
/// when the lookup answers `None`, then those of [`verify`]. Answer `401` whichever it is; the
/// error names the reason for a log and never shows the token or the secret.
///
/// ```
/// use std::collections::HashMap;
/// use std::time::{Duration, UNIX_EPOCH};
/// use hipchat_core::addon::jwt::{self, Claims, JwtError};
///
/// // The add-on's installations: OAuth id -> OAuth secret.
/// let secrets = HashMap::from([("0d5a2c1e-oauth-id".to_owned(), "oauth-secret".to_owned())]);
/// let lookup = |iss: &str| secrets.get(iss).map(String::as_str);
///
/// let issued = 1_500_000_000;
/// let now = UNIX_EPOCH + Duration::from_secs(issued + 10);
/// let claims = Claims::new("0d5a2c1e-oauth-id", issued, issued + 300).with_sub("4242");
/// let uri: http::Uri = format!("/glance?signed_request={}", jwt::sign(&claims, "oauth-secret"))
///     .parse()
///     .unwrap();
/// let headers = http::HeaderMap::new();
///
/// let verified = jwt::verify_request(&uri, &headers, lookup, now, Duration::from_secs(60))?;
/// assert_eq!(verified.iss, "0d5a2c1e-oauth-id");
/// assert_eq!(verified.user_id(), Some("4242"));
///
/// // A token naming an installation that is not in the store.
/// let stranger = jwt::sign(&Claims::new("someone-else", issued, issued + 300), "oauth-secret");
/// let uri: http::Uri = format!("/glance?signed_request={stranger}").parse().unwrap();
/// assert_eq!(
///     jwt::verify_request(&uri, &headers, lookup, now, Duration::from_secs(60)),
///     Err(JwtError::UnknownIssuer { issuer: "someone-else".into() })
/// );
/// # Ok::<(), JwtError>(())
/// ```
pub fn verify_request<S: AsRef<[u8]>>(
    uri: &http::Uri,
    headers: &http::HeaderMap,
    secret_for_issuer: impl FnOnce(&str) -> Option<S>,
    now: SystemTime,
    leeway: Duration,
) -> Result<Claims, JwtError> {
    let token = token_from_request_parts(uri, headers)?;
    let issuer = peek_issuer(&token)?;
    let Some(secret) = secret_for_issuer(&issuer) else {
        return Err(JwtError::UnknownIssuer { issuer });
    };
    verify(&token, secret, &issuer, now, leeway)
}

/// Signs `claims` with `secret` as an HS256 token, for an add-on's own tests (and for anything
/// else that must speak like HipChat). The header is `{"alg":"HS256","typ":"JWT"}` and the
/// payload is [`Claims::to_json`]; HMAC-SHA256 is deterministic, so the same claims and secret
/// always give the same token.
pub fn sign(claims: &Claims, secret: impl AsRef<[u8]>) -> String {
    sign_payload(&claims.to_json().to_string(), secret)
}

/// Signs `payload_json`, exactly as given, as an HS256 token: for tests that need a payload
/// [`Claims`] cannot express (a claim missing, or of the wrong type). Nothing checks that the
/// text is JSON.
pub fn sign_payload(payload_json: &str, secret: impl AsRef<[u8]>) -> String {
    sign_parts(HEADER_JSON, payload_json, secret.as_ref())
}

fn sign_parts(header_json: &str, payload_json: &str, secret: &[u8]) -> String {
    let mut token = URL_SAFE_NO_PAD.encode(header_json);
    token.push('.');
    token.push_str(&URL_SAFE_NO_PAD.encode(payload_json));
    let mut mac = mac(secret);
    mac.update(token.as_bytes());
    let signature = mac.finalize().into_bytes();
    token.push('.');
    token.push_str(&URL_SAFE_NO_PAD.encode(signature));
    token
}

/// The query of `query_or_url`: the query of an `http`/`https` URL, what follows `?` in a request
/// target starting with `/`, or else the text itself without a leading `?`; never a fragment.
pub(crate) fn query_part(query_or_url: &str) -> &str {
    let absolute = url::Url::parse(query_or_url)
        .ok()
        .filter(|url| matches!(url.scheme(), "http" | "https"));
    let without_fragment = query_or_url.split('#').next().unwrap_or("");
    if absolute.is_some() || query_or_url.starts_with('/') {
        without_fragment
            .split_once('?')
            .map_or("", |(_, query)| query)
    } else {
        without_fragment
            .strip_prefix('?')
            .unwrap_or(without_fragment)
    }
}

/// Finds the `signed_request` parameter in `query_or_url`: a full URL
/// (`https://addon.example.com/glance?signed_request=...`), a request target
/// (`/glance?signed_request=...`), or a bare query string with or without its leading `?`.
/// Only `http` and `https` URLs are read as URLs; anything else is read as a query string.
/// The value is percent-decoded.
///
/// Errors: [`JwtError::MissingToken`] when the parameter is absent or empty,
/// [`JwtError::Malformed`] when it appears more than once.
pub fn token_from_query(query_or_url: &str) -> Result<String, JwtError> {
    let query = query_part(query_or_url);
    let mut found = None;
    for (name, value) in form_urlencoded::parse(query.as_bytes()) {
        if name == QUERY_PARAMETER {
            if found.is_some() {
                return Err(JwtError::Malformed {
                    reason: "the signed_request parameter appears more than once",
                });
            }
            found = Some(value.into_owned());
        }
    }
    found
        .filter(|token| !token.is_empty())
        .ok_or(JwtError::MissingToken {
            looked_in: "the signed_request query parameter",
        })
}

/// Takes the token out of an `Authorization` header value `JWT <token>` (the scheme is matched
/// without regard to case; surrounding spaces are ignored).
///
/// Errors: [`JwtError::MissingToken`] for another scheme (such as `Bearer`),
/// [`JwtError::Malformed`] when the token is missing or holds spaces.
pub fn token_from_authorization(header_value: &str) -> Result<&str, JwtError> {
    let value = header_value.trim();
    let (scheme, rest) = value.split_once([' ', '\t']).unwrap_or((value, ""));
    if !scheme.eq_ignore_ascii_case(AUTHORIZATION_SCHEME) {
        return Err(JwtError::MissingToken {
            looked_in: "the Authorization header (its scheme is not JWT)",
        });
    }
    let token = rest.trim();
    if token.is_empty() {
        return Err(JwtError::Malformed {
            reason: "the Authorization header has the JWT scheme but no token",
        });
    }
    if token.contains([' ', '\t']) {
        return Err(JwtError::Malformed {
            reason: "the Authorization header holds more than one token",
        });
    }
    Ok(token)
}

/// Finds the token of a request: in an `Authorization: JWT <token>` header (webhooks), else in
/// the `signed_request` query parameter (pages, glances, panels). An `Authorization` header with
/// another scheme is ignored.
///
/// Errors: [`JwtError::MissingToken`] when neither place has one; [`JwtError::Malformed`] when
/// the request has several `Authorization` headers, one that is not text, a repeated
/// `signed_request`, or two different tokens in the two places.
pub fn token_from_request_parts(
    uri: &http::Uri,
    headers: &http::HeaderMap,
) -> Result<String, JwtError> {
    let mut values = headers.get_all(http::header::AUTHORIZATION).iter();
    let from_header = match (values.next(), values.next()) {
        (None, _) => None,
        (Some(_), Some(_)) => {
            return Err(JwtError::Malformed {
                reason: "the request has more than one Authorization header",
            });
        }
        (Some(value), None) => {
            let value = value.to_str().map_err(|_| JwtError::Malformed {
                reason: "the Authorization header is not visible ASCII",
            })?;
            match token_from_authorization(value) {
                Ok(token) => Some(token.to_owned()),
                Err(JwtError::MissingToken { .. }) => None,
                Err(e) => return Err(e),
            }
        }
    };
    let from_query = match uri.query() {
        Some(query) => match token_from_query(query) {
            Ok(token) => Some(token),
            Err(JwtError::MissingToken { .. }) => None,
            Err(e) => return Err(e),
        },
        None => None,
    };
    match (from_header, from_query) {
        (Some(a), Some(b)) if a != b => Err(JwtError::Malformed {
            reason: "the Authorization header and signed_request carry different tokens",
        }),
        (Some(token), _) | (None, Some(token)) => Ok(token),
        (None, None) => Err(JwtError::MissingToken {
            looked_in: "the Authorization header and the signed_request query parameter",
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const ISS: &str = "0d5a2c1e-8f32-4b4d-a3c3-2b5f1e3c9f11";
    const SECRET: &str = "oauth-s3cr3t";
    const T0: u64 = 1_500_000_000;

    fn at(seconds: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(seconds)
    }

    fn secs(n: u64) -> Duration {
        Duration::from_secs(n)
    }

    fn full_claims() -> Claims {
        Claims::new(ISS, T0, T0 + 300)
            .with_sub("4242")
            .with_jti("a1b2c3")
            .with_context(Some(2251), Some("Europe/Berlin"))
    }

    fn check(token: &str) -> Result<Claims, JwtError> {
        verify(token, SECRET, ISS, at(T0 + 10), secs(0))
    }

    /// A token with any header, signed with SECRET.
    fn with_header(header: &str, payload: &Value) -> String {
        sign_parts(header, &payload.to_string(), SECRET.as_bytes())
    }

    fn base_payload() -> Value {
        json!({"iss": ISS, "iat": T0, "exp": T0 + 300})
    }

    #[test]
    fn known_vector_matches_an_independent_hmac_sha256() {
        // Computed outside this crate (Python's hmac + hashlib) for these exact bytes.
        let expected = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.\
            eyJjb250ZXh0Ijp7InJvb21faWQiOjIyNTEsInVzZXJfdHoiOiJFdXJvcGUvQmVybGluIn0sImV4cCI6\
            MTUwMDAwMDMwMCwiaWF0IjoxNTAwMDAwMDAwLCJpc3MiOiIwZDVhMmMxZS04ZjMyLTRiNGQtYTNjMy0y\
            YjVmMWUzYzlmMTEiLCJqdGkiOiJhMWIyYzMiLCJzdWIiOiI0MjQyIn0.\
            FTHav-ej1oNRl1e08ELqQ7Cj2gq8C2MkisOd48V9m4s";
        let payload = r#"{"context":{"room_id":2251,"user_tz":"Europe/Berlin"},"exp":1500000300,"iat":1500000000,"iss":"0d5a2c1e-8f32-4b4d-a3c3-2b5f1e3c9f11","jti":"a1b2c3","sub":"4242"}"#;
        assert_eq!(sign_payload(payload, SECRET), expected);
        // `sign` writes the claims in name order, hence the same bytes.
        assert_eq!(sign(&full_claims(), SECRET), expected);
        assert_eq!(check(expected).unwrap(), full_claims());
    }

    #[test]
    fn verifies_the_rfc_7515_appendix_a1_example() {
        // RFC 7515 A.1: HS256 with a 64-byte key; its header has `typ` first and CRLFs.
        let token = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.\
            eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19y\
            b290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        let key = URL_SAFE_NO_PAD
            .decode(
                "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow",
            )
            .unwrap();
        let claims = verify(token, &key, "joe", at(1_300_819_379), secs(0)).unwrap();
        assert_eq!(claims.iss, "joe");
        assert_eq!(claims.exp, Some(1_300_819_380));
        assert_eq!(claims.other["http://example.com/is_root"], json!(true));
        assert_eq!(claims.user_id(), None);
        assert!(matches!(
            verify(token, &key, "joe", at(1_300_819_380), secs(0)),
            Err(JwtError::Expired {
                exp: 1_300_819_380,
                now: 1_300_819_380
            })
        ));
    }

    #[test]
    fn round_trip_keeps_every_claim() {
        let claims = full_claims()
            .with_prn("old-user")
            .with_nbf(T0)
            .with_claim("aud", "addon")
            .with_claim("scopes", json!(["view_room"]));
        let token = sign(&claims, SECRET);
        let back = check(&token).unwrap();
        assert_eq!(back, claims);
        assert_eq!(back.iss, ISS);
        assert_eq!(back.sub.as_deref(), Some("4242"));
        assert_eq!(back.prn.as_deref(), Some("old-user"));
        assert_eq!(back.user_id(), Some("4242"));
        assert_eq!(
            (back.iat, back.exp, back.nbf),
            (Some(T0), Some(T0 + 300), Some(T0))
        );
        assert_eq!(back.jti.as_deref(), Some("a1b2c3"));
        assert_eq!(back.room_id(), Some(2251));
        assert_eq!(back.user_tz(), Some("Europe/Berlin"));
        assert_eq!(back.other["aud"], json!("addon"));
        assert_eq!(back.other["scopes"], json!(["view_room"]));
        assert_eq!(back.other.len(), 2);
        assert_eq!(peek_issuer(&token).unwrap(), ISS);
    }

    #[test]
    fn typed_claims_accept_numbers_and_fall_back_to_prn() {
        let token = sign_payload(
            &json!({
                "iss": ISS, "exp": T0 + 60, "iat": 1_499_999_999.75,
                "prn": 77, "context": {"room_id": "2251", "user_tz": "UTC", "theme": "dark"}
            })
            .to_string(),
            SECRET,
        );
        let claims = check(&token).unwrap();
        assert_eq!(claims.sub, None);
        assert_eq!(claims.prn.as_deref(), Some("77"));
        assert_eq!(claims.user_id(), Some("77"));
        assert_eq!(claims.iat, Some(1_499_999_999));
        assert_eq!(claims.room_id(), Some(2251));
        assert_eq!(claims.user_tz(), Some("UTC"));
        assert_eq!(claims.context.unwrap().other["theme"], json!("dark"));

        let numeric_sub = sign_payload(
            &json!({"iss": ISS, "exp": T0 + 60, "sub": 18, "context": null}).to_string(),
            SECRET,
        );
        let claims = check(&numeric_sub).unwrap();
        assert_eq!(claims.user_id(), Some("18"));
        assert_eq!((claims.context, claims.iat), (None, None));
    }

    #[test]
    fn serializes_claims_in_name_order() {
        assert_eq!(
            serde_json::to_string(&full_claims()).unwrap(),
            r#"{"context":{"room_id":2251,"user_tz":"Europe/Berlin"},"exp":1500000300,"iat":1500000000,"iss":"0d5a2c1e-8f32-4b4d-a3c3-2b5f1e3c9f11","jti":"a1b2c3","sub":"4242"}"#
        );
        // A typed field wins over a raw claim of the same name.
        let shadowed = Claims::new("a", 1, 2).with_claim("iss", "b");
        assert_eq!(shadowed.to_json()["iss"], json!("a"));
    }

    #[test]
    fn rejects_a_token_signed_with_another_secret() {
        let token = sign(&full_claims(), "another-secret");
        assert_eq!(check(&token), Err(JwtError::BadSignature));
        assert_eq!(
            verify(&token, SECRET.to_uppercase(), ISS, at(T0), secs(0)),
            Err(JwtError::BadSignature)
        );
    }

    #[test]
    fn rejects_a_payload_altered_after_signing() {
        let token = sign(&full_claims(), SECRET);
        let [header, _, signature] = split(&token).unwrap();
        // Someone without the secret swaps in another user.
        let forged = full_claims().with_sub("1");
        let forged_payload = URL_SAFE_NO_PAD.encode(forged.to_json().to_string());
        let altered = format!("{header}.{forged_payload}.{signature}");
        assert_eq!(check(&altered), Err(JwtError::BadSignature));
        // The signature is checked before the payload is read: garbage fails the same way.
        let garbage = format!("{header}.bm90IGpzb24.{signature}");
        assert_eq!(check(&garbage), Err(JwtError::BadSignature));
        // So is a truncated or empty signature.
        let short = &token[..token.len() - 3]; // 40 characters: 30 bytes
        assert_eq!(check(short), Err(JwtError::BadSignature));
        let unsigned = token.rsplit_once('.').unwrap().0.to_owned() + ".";
        assert_eq!(check(&unsigned), Err(JwtError::BadSignature));
    }

    #[test]
    fn rejects_alg_none_with_an_empty_signature() {
        let header = URL_SAFE_NO_PAD.encode(r#"{"alg":"none","typ":"JWT"}"#);
        let body = URL_SAFE_NO_PAD.encode(base_payload().to_string());
        let token = format!("{header}.{body}.");
        assert_eq!(
            check(&token),
            Err(JwtError::UnsupportedAlgorithm {
                alg: Some("none".into())
            })
        );
    }

    #[test]
    fn rejects_every_algorithm_but_hs256() {
        for (header, alg) in [
            (r#"{"alg":"HS384","typ":"JWT"}"#, Some("HS384")),
            (r#"{"alg":"HS512"}"#, Some("HS512")),
            (r#"{"alg":"RS256","typ":"JWT"}"#, Some("RS256")),
            (r#"{"alg":"ES256"}"#, Some("ES256")),
            (r#"{"alg":"hs256"}"#, Some("hs256")),
            (r#"{"alg":"HS256 "}"#, Some("HS256 ")),
            (r#"{"alg":"None"}"#, Some("None")),
            (r#"{"alg":256}"#, Some("256")),
            (r#"{"alg":["HS256"]}"#, Some(r#"["HS256"]"#)),
            (r#"{"typ":"JWT"}"#, None),
            (r#"{"alg":null}"#, None),
        ] {
            let token = with_header(header, &base_payload());
            assert_eq!(
                check(&token),
                Err(JwtError::UnsupportedAlgorithm {
                    alg: alg.map(str::to_owned)
                }),
                "{header}"
            );
        }
        // The exact HS256 header with extra members is fine.
        let token = with_header(r#"{"typ":"JWT","alg":"HS256","kid":"k1"}"#, &base_payload());
        assert_eq!(check(&token).unwrap().iss, ISS);
    }

    #[test]
    fn rejects_critical_header_extensions() {
        let token = with_header(r#"{"alg":"HS256","crit":["exp"],"exp":1}"#, &base_payload());
        assert!(matches!(check(&token), Err(JwtError::Malformed { .. })));
    }

    #[test]
    fn rejects_tokens_without_three_segments() {
        let token = sign(&full_claims(), SECRET);
        for bad in [
            String::new(),
            "abc".into(),
            "a.b".into(),
            format!("{token}.extra"),
            format!("{token}.a.b"),
        ] {
            assert!(
                matches!(check(&bad), Err(JwtError::Malformed { .. })),
                "{bad}"
            );
            assert!(matches!(peek_issuer(&bad), Err(JwtError::Malformed { .. })));
        }
    }

    #[test]
    fn rejects_bad_base64_in_each_segment() {
        let token = sign(&full_claims(), SECRET);
        let [header, payload, signature] = split(&token).unwrap();
        // Standard-alphabet characters, padding and stray bytes are all refused.
        let cases = [
            (format!("{header}=.{payload}.{signature}"), Segment::Header),
            (format!("e+J.{payload}.{signature}"), Segment::Header),
            (
                format!("{header}.{payload}==.{signature}"),
                Segment::Payload,
            ),
            (
                format!("{header}.{payload}.{signature}="),
                Segment::Signature,
            ),
            (format!("{header}.{payload}.ab/c"), Segment::Signature),
            (
                format!("{header}.{payload}.{signature} "),
                Segment::Signature,
            ),
        ];
        for (bad, segment) in &cases {
            let expected = Err(JwtError::Base64 { segment: *segment });
            if *segment == Segment::Payload {
                // The signature covers the text, so a changed payload fails there first.
                assert_eq!(check(bad), Err(JwtError::BadSignature), "{bad}");
                assert_eq!(peek_issuer(bad).map(|_| ()), expected.clone(), "{bad}");
            } else {
                assert_eq!(check(bad).map(|_| ()), expected, "{bad}");
            }
        }
        // A signed but padded payload: the signature matches, the decoding refuses it.
        let padded = format!(
            "{header}.{}==",
            URL_SAFE_NO_PAD.encode(base_payload().to_string())
        );
        let mut mac = mac(SECRET.as_bytes());
        mac.update(padded.as_bytes());
        let signature = URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes());
        assert_eq!(
            check(&format!("{padded}.{signature}")),
            Err(JwtError::Base64 {
                segment: Segment::Payload
            })
        );
    }

    #[test]
    fn rejects_segments_that_are_not_json_objects() {
        for (header, message_start) in [("not json", "expected"), ("[1]", "the JSON value")] {
            let token = sign_parts(header, &base_payload().to_string(), SECRET.as_bytes());
            match check(&token) {
                Err(JwtError::Json {
                    segment: Segment::Header,
                    message,
                }) => assert!(message.starts_with(message_start), "{message}"),
                other => panic!("{header}: {other:?}"),
            }
        }
        for payload in ["{\"iss\": ", "\"just a string\"", ""] {
            let token = sign_payload(payload, SECRET);
            assert!(
                matches!(
                    check(&token),
                    Err(JwtError::Json {
                        segment: Segment::Payload,
                        ..
                    })
                ),
                "{payload}"
            );
        }
    }

    #[test]
    fn refuses_an_empty_secret() {
        let token = sign(&full_claims(), "");
        assert_eq!(
            verify(&token, "", ISS, at(T0), secs(0)),
            Err(JwtError::EmptySecret)
        );
        assert_eq!(
            verify(&token, b"", ISS, at(T0), secs(0)),
            Err(JwtError::EmptySecret)
        );
    }

    #[test]
    fn requires_iss_and_exp() {
        for (payload, claim) in [
            (json!({"exp": T0 + 60}), "iss"),
            (json!({"iss": null, "exp": T0 + 60}), "iss"),
            (json!({"iss": ISS, "iat": T0}), "exp"),
            (json!({"iss": ISS, "exp": null}), "exp"),
        ] {
            let token = sign_payload(&payload.to_string(), SECRET);
            assert_eq!(
                check(&token),
                Err(JwtError::MissingClaim { claim }),
                "{payload}"
            );
        }
        let no_iss = sign_payload(&json!({"exp": 1}).to_string(), SECRET);
        assert_eq!(
            peek_issuer(&no_iss),
            Err(JwtError::MissingClaim { claim: "iss" })
        );
    }

    #[test]
    fn rejects_claims_of_the_wrong_type() {
        for (payload, claim) in [
            (json!({"iss": 5, "exp": T0 + 60}), "iss"),
            (json!({"iss": "", "exp": T0 + 60}), "iss"),
            (json!({"iss": ISS, "exp": "tomorrow"}), "exp"),
            (json!({"iss": ISS, "exp": -1}), "exp"),
            (json!({"iss": ISS, "exp": T0 + 60, "iat": true}), "iat"),
            (json!({"iss": ISS, "exp": T0 + 60, "nbf": [1]}), "nbf"),
            (json!({"iss": ISS, "exp": T0 + 60, "sub": {"id": 1}}), "sub"),
            (json!({"iss": ISS, "exp": T0 + 60, "prn": 1.5}), "prn"),
            (json!({"iss": ISS, "exp": T0 + 60, "jti": true}), "jti"),
            (
                json!({"iss": ISS, "exp": T0 + 60, "context": "room"}),
                "context",
            ),
            (
                json!({"iss": ISS, "exp": T0 + 60, "context": {"room_id": "abc"}}),
                "context.room_id",
            ),
            (
                json!({"iss": ISS, "exp": T0 + 60, "context": {"room_id": -3}}),
                "context.room_id",
            ),
            (
                json!({"iss": ISS, "exp": T0 + 60, "context": {"user_tz": 1}}),
                "context.user_tz",
            ),
        ] {
            let token = sign_payload(&payload.to_string(), SECRET);
            match check(&token) {
                Err(JwtError::InvalidClaim { claim: got, .. }) => {
                    assert_eq!(got, claim, "{payload}")
                }
                other => panic!("{payload}: {other:?}"),
            }
        }
    }

    #[test]
    fn rejects_another_issuer() {
        let token = sign(&Claims::new("other-installation", T0, T0 + 60), SECRET);
        assert_eq!(
            check(&token),
            Err(JwtError::WrongIssuer {
                expected: ISS.into(),
                found: "other-installation".into()
            })
        );
        // An empty expected issuer never matches, since `iss` cannot be empty.
        let token = sign(&full_claims(), SECRET);
        assert!(matches!(
            verify(&token, SECRET, "", at(T0), secs(0)),
            Err(JwtError::WrongIssuer { .. })
        ));
    }

    #[test]
    fn exp_boundaries_with_and_without_leeway() {
        let exp = T0 + 300;
        let token = sign(&Claims::new(ISS, T0, exp), SECRET);
        let run = |now: u64, leeway: u64| verify(&token, SECRET, ISS, at(now), secs(leeway));
        // No leeway: valid up to exp - 1, expired at exp.
        assert!(run(exp - 1, 0).is_ok());
        assert_eq!(run(exp, 0), Err(JwtError::Expired { exp, now: exp }));
        // Leeway 30: exp == now - leeway is expired, one second later is still fine.
        assert_eq!(
            run(exp + 30, 30),
            Err(JwtError::Expired { exp, now: exp + 30 })
        );
        assert!(run(exp + 29, 30).is_ok());
        // Sub-second leeway counts as whole seconds.
        assert_eq!(
            verify(&token, SECRET, ISS, at(exp), Duration::from_millis(999)),
            Err(JwtError::Expired { exp, now: exp })
        );
        // A `now` with a fraction of a second is rounded down.
        assert!(
            verify(
                &token,
                SECRET,
                ISS,
                at(exp - 1) + Duration::from_millis(999),
                secs(0)
            )
            .is_ok()
        );
        // Huge leeways saturate instead of overflowing.
        assert!(run(exp + 10, u64::MAX).is_ok());
    }

    #[test]
    fn iat_and_nbf_boundaries() {
        let issued = T0 + 100;
        let token = sign(&Claims::new(ISS, issued, issued + 300), SECRET);
        let run = |now: u64, leeway: u64| verify(&token, SECRET, ISS, at(now), secs(leeway));
        assert!(run(issued, 0).is_ok());
        assert_eq!(
            run(issued - 1, 0),
            Err(JwtError::NotYetValid {
                claim: "iat",
                at: issued,
                now: issued - 1
            })
        );
        // Leeway 30: iat == now + leeway is fine, one second later is in the future.
        assert!(run(issued - 30, 30).is_ok());
        assert_eq!(
            run(issued - 31, 30),
            Err(JwtError::NotYetValid {
                claim: "iat",
                at: issued,
                now: issued - 31
            })
        );

        let nbf = T0 + 50;
        let token = sign(&Claims::new(ISS, T0, T0 + 300).with_nbf(nbf), SECRET);
        assert!(verify(&token, SECRET, ISS, at(nbf), secs(0)).is_ok());
        assert!(verify(&token, SECRET, ISS, at(nbf - 5), secs(5)).is_ok());
        assert_eq!(
            verify(&token, SECRET, ISS, at(nbf - 6), secs(5)),
            Err(JwtError::NotYetValid {
                claim: "nbf",
                at: nbf,
                now: nbf - 6
            })
        );
        // A `now` before 1970 counts as 0.
        assert!(matches!(
            verify(&token, SECRET, ISS, UNIX_EPOCH - secs(10), secs(0)),
            Err(JwtError::NotYetValid { now: 0, .. })
        ));
    }

    #[test]
    fn peek_issuer_reads_without_verifying() {
        let token = sign(&Claims::new("someone", 0, 1), "unknown-secret");
        assert_eq!(peek_issuer(&token).unwrap(), "someone");
        let header = URL_SAFE_NO_PAD.encode(r#"{"alg":"none"}"#);
        let body = URL_SAFE_NO_PAD.encode(r#"{"iss":"anyone"}"#);
        assert_eq!(peek_issuer(&format!("{header}.{body}.")).unwrap(), "anyone");
        assert!(matches!(
            peek_issuer(&format!("{header}.{body}!.")),
            Err(JwtError::Base64 {
                segment: Segment::Payload
            })
        ));
        assert!(matches!(
            peek_issuer(&format!("{header}.{}.", URL_SAFE_NO_PAD.encode("[]"))),
            Err(JwtError::Json { .. })
        ));
        assert!(matches!(
            peek_issuer(&format!(
                "{header}.{}.",
                URL_SAFE_NO_PAD.encode(r#"{"iss":""}"#)
            )),
            Err(JwtError::InvalidClaim { claim: "iss", .. })
        ));
    }

    #[test]
    fn finds_the_token_in_a_query() {
        let token = sign(&full_claims(), SECRET);
        for place in [
            format!("https://addon.example.com/glance?signed_request={token}&theme=dark"),
            format!("https://addon.example.com/glance?theme=dark&signed_request={token}#frag"),
            format!("/glance?xdm_e=https%3A%2F%2Fx.example&signed_request={token}"),
            format!("signed_request={token}"),
            format!("?a=1&signed_request={token}"),
            format!("redirect=https://x.example/?y&signed_request={token}"),
            format!("signed_request={}", token.replace('.', "%2E")),
        ] {
            assert_eq!(
                token_from_query(&place).as_deref(),
                Ok(token.as_str()),
                "{place}"
            );
        }
        for missing in [
            "https://addon.example.com/glance",
            "https://addon.example.com/glance?signed_request=",
            "/glance",
            "",
            "signed_requests=abc",
            "https://addon.example.com/#signed_request=abc",
        ] {
            assert!(
                matches!(
                    token_from_query(missing),
                    Err(JwtError::MissingToken { .. })
                ),
                "{missing}"
            );
        }
        assert!(matches!(
            token_from_query("signed_request=a&signed_request=b"),
            Err(JwtError::Malformed { .. })
        ));
    }

    #[test]
    fn finds_the_token_in_an_authorization_header() {
        assert_eq!(
            token_from_authorization("JWT abc.def.ghi"),
            Ok("abc.def.ghi")
        );
        assert_eq!(
            token_from_authorization("  jwt   abc.def.ghi "),
            Ok("abc.def.ghi")
        );
        assert_eq!(token_from_authorization("Jwt\tabc"), Ok("abc"));
        for other in ["Bearer abc.def.ghi", "JWTabc", "", "Basic dXNlcg=="] {
            assert!(
                matches!(
                    token_from_authorization(other),
                    Err(JwtError::MissingToken { .. })
                ),
                "{other}"
            );
        }
        for bad in ["JWT", "JWT   ", "JWT a b"] {
            assert!(
                matches!(
                    token_from_authorization(bad),
                    Err(JwtError::Malformed { .. })
                ),
                "{bad}"
            );
        }
    }

    #[test]
    fn finds_the_token_in_a_request() {
        use http::header::AUTHORIZATION;
        use http::{HeaderMap, HeaderValue, Uri};

        let token = sign(&full_claims(), SECRET);
        let header = |value: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(AUTHORIZATION, HeaderValue::from_str(value).unwrap());
            headers
        };
        let plain: Uri = "/webhook".parse().unwrap();
        let signed: Uri = format!("/glance?signed_request={token}").parse().unwrap();

        let found = token_from_request_parts(&plain, &header(&format!("JWT {token}")));
        assert_eq!(found.as_deref(), Ok(token.as_str()));
        let found = token_from_request_parts(&signed, &HeaderMap::new());
        assert_eq!(found.as_deref(), Ok(token.as_str()));
        // Both places with the same token, or a Bearer header beside the query, are fine.
        let found = token_from_request_parts(&signed, &header(&format!("JWT {token}")));
        assert_eq!(found.as_deref(), Ok(token.as_str()));
        let found = token_from_request_parts(&signed, &header("Bearer other"));
        assert_eq!(found.as_deref(), Ok(token.as_str()));

        assert!(matches!(
            token_from_request_parts(&plain, &HeaderMap::new()),
            Err(JwtError::MissingToken { .. })
        ));
        assert!(matches!(
            token_from_request_parts(&plain, &header("Bearer abc")),
            Err(JwtError::MissingToken { .. })
        ));
        assert!(matches!(
            token_from_request_parts(&signed, &header("JWT a.b.c")),
            Err(JwtError::Malformed { .. })
        ));
        let mut two = header("JWT a.b.c");
        two.append(AUTHORIZATION, HeaderValue::from_static("JWT a.b.c"));
        assert!(matches!(
            token_from_request_parts(&plain, &two),
            Err(JwtError::Malformed { .. })
        ));
        let opaque = {
            let mut headers = HeaderMap::new();
            headers.insert(AUTHORIZATION, HeaderValue::from_bytes(b"JWT \xff").unwrap());
            headers
        };
        assert!(matches!(
            token_from_request_parts(&plain, &opaque),
            Err(JwtError::Malformed { .. })
        ));
    }

    #[test]
    fn errors_read_well_and_never_show_the_token() {
        let token = sign(&full_claims(), SECRET);
        let errors = [
            JwtError::MissingToken {
                looked_in: "the signed_request query parameter",
            },
            JwtError::Malformed { reason: "x" },
            JwtError::Base64 {
                segment: Segment::Signature,
            },
            JwtError::Json {
                segment: Segment::Header,
                message: "m".into(),
            },
            JwtError::UnsupportedAlgorithm {
                alg: Some("none".into()),
            },
            JwtError::UnsupportedAlgorithm { alg: None },
            JwtError::EmptySecret,
            JwtError::BadSignature,
            JwtError::MissingClaim { claim: "exp" },
            JwtError::InvalidClaim {
                claim: "exp",
                reason: "must be a number",
            },
            JwtError::UnknownIssuer { issuer: "c".into() },
            JwtError::WrongIssuer {
                expected: "a".into(),
                found: "b".into(),
            },
            JwtError::Expired { exp: 5, now: 9 },
            JwtError::NotYetValid {
                claim: "iat",
                at: 9,
                now: 5,
            },
        ];
        let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "no JWT in the signed_request query parameter",
                "malformed JWT: x",
                "the JWT signature is not unpadded base64url (RFC 7515)",
                "the JWT header is not a JSON object: m",
                "unsupported JWT algorithm \"none\": only HS256 is accepted",
                "the JWT header names no algorithm: only HS256 is accepted",
                "the secret to check the JWT with is empty",
                "the JWT signature does not match",
                "the JWT has no `exp` claim",
                "the JWT claim `exp` must be a number",
                "the JWT names an unknown issuer \"c\"",
                "the JWT was issued by \"b\", not by the expected \"a\"",
                "the JWT expired at 5 (now 9, unix seconds)",
                "the JWT is not valid yet: `iat` is 9, now is 5 (unix seconds)",
            ]
        );
        let err: Box<dyn std::error::Error> = Box::new(check(&format!("{token}x")).unwrap_err());
        assert!(!err.to_string().contains(&token[40..]), "{err}");
    }

    mod verify_request {
        use super::*;
        use http::header::AUTHORIZATION;
        use http::{HeaderMap, HeaderValue, Uri};
        use std::cell::RefCell;

        fn uri(target: &str) -> Uri {
            target.parse().unwrap()
        }

        fn jwt_header(token: &str) -> HeaderMap {
            let mut headers = HeaderMap::new();
            headers.insert(
                AUTHORIZATION,
                HeaderValue::from_str(&format!("JWT {token}")).unwrap(),
            );
            headers
        }

        /// Runs `verify_request` at `T0 + 10` with the known installation `ISS` -> `SECRET`,
        /// and returns the result with the issuers the lookup was asked about.
        fn run(uri: &Uri, headers: &HeaderMap) -> (Result<Claims, JwtError>, Vec<String>) {
            let asked = RefCell::new(Vec::new());
            let lookup = |iss: &str| {
                asked.borrow_mut().push(iss.to_owned());
                (iss == ISS).then_some(SECRET)
            };
            let result = verify_request(uri, headers, lookup, at(T0 + 10), secs(0));
            (result, asked.into_inner())
        }

        #[test]
        fn verifies_a_token_from_the_header_or_the_query() {
            let token = sign(&full_claims(), SECRET);
            let (claims, asked) = run(&uri("/webhook"), &jwt_header(&token));
            assert_eq!(claims, Ok(full_claims()));
            assert_eq!(
                asked,
                [ISS],
                "the lookup is asked once, with the token's iss"
            );

            let signed = uri(&format!("/glance?signed_request={token}&theme=dark"));
            let (claims, asked) = run(&signed, &HeaderMap::new());
            assert_eq!(claims.unwrap().room_id(), Some(2251));
            assert_eq!(asked, [ISS]);
        }

        #[test]
        fn the_secret_may_be_owned_borrowed_or_bytes() {
            let token = sign(&full_claims(), SECRET);
            let headers = jwt_header(&token);
            let target = uri("/webhook");
            let store = std::collections::HashMap::from([(ISS.to_owned(), SECRET.to_owned())]);
            let borrowed = |iss: &str| store.get(iss).map(String::as_str);
            let owned = |iss: &str| store.get(iss).cloned();
            let bytes = |iss: &str| store.get(iss).map(|s| s.as_bytes().to_vec());
            let now = at(T0 + 10);
            assert!(verify_request(&target, &headers, borrowed, now, secs(0)).is_ok());
            assert!(verify_request(&target, &headers, owned, now, secs(0)).is_ok());
            assert!(verify_request(&target, &headers, bytes, now, secs(0)).is_ok());
        }

        #[test]
        fn an_unknown_issuer_is_its_own_error() {
            let token = sign(&Claims::new("stranger", T0, T0 + 300), SECRET);
            let (result, asked) = run(&uri("/webhook"), &jwt_header(&token));
            assert_eq!(
                result,
                Err(JwtError::UnknownIssuer {
                    issuer: "stranger".into()
                })
            );
            assert_eq!(asked, ["stranger"]);
        }

        #[test]
        fn no_lookup_without_a_readable_token() {
            let token = sign(&full_claims(), SECRET);
            let other = sign(&full_claims().with_jti("other"), SECRET);
            let no_iss = sign_payload(&json!({"exp": T0 + 60}).to_string(), SECRET);
            let not_json = sign_payload("not json", SECRET);
            type Expect = fn(&JwtError) -> bool;
            let cases: Vec<(&str, Uri, HeaderMap, Expect)> = vec![
                ("no token", uri("/webhook"), HeaderMap::new(), |e| {
                    matches!(e, JwtError::MissingToken { .. })
                }),
                (
                    "two different tokens",
                    uri(&format!("/glance?signed_request={other}")),
                    jwt_header(&token),
                    |e| matches!(e, JwtError::Malformed { .. }),
                ),
                (
                    "not three segments",
                    uri("/webhook"),
                    jwt_header("abc"),
                    |e| matches!(e, JwtError::Malformed { .. }),
                ),
                ("no iss", uri("/webhook"), jwt_header(&no_iss), |e| {
                    *e == JwtError::MissingClaim { claim: "iss" }
                }),
                (
                    "payload not JSON",
                    uri("/webhook"),
                    jwt_header(&not_json),
                    |e| {
                        matches!(
                            e,
                            JwtError::Json {
                                segment: Segment::Payload,
                                ..
                            }
                        )
                    },
                ),
            ];
            for (case, target, headers, expected) in cases {
                let (result, asked) = run(&target, &headers);
                assert!(result.as_ref().is_err_and(expected), "{case}: {result:?}");
                assert!(asked.is_empty(), "{case}: the lookup was asked {asked:?}");
            }
        }

        #[test]
        fn the_token_is_verified_with_the_secret_found() {
            let cases = [
                (
                    sign(&full_claims(), "not-the-secret"),
                    JwtError::BadSignature,
                ),
                (
                    sign(&Claims::new(ISS, T0 - 600, T0 - 300), SECRET),
                    JwtError::Expired {
                        exp: T0 - 300,
                        now: T0 + 10,
                    },
                ),
                (
                    sign(&Claims::new(ISS, T0 + 60, T0 + 300), SECRET),
                    JwtError::NotYetValid {
                        claim: "iat",
                        at: T0 + 60,
                        now: T0 + 10,
                    },
                ),
                (
                    with_header(r#"{"alg":"none"}"#, &full_claims().to_json()),
                    JwtError::UnsupportedAlgorithm {
                        alg: Some("none".into()),
                    },
                ),
            ];
            for (token, expected) in cases {
                let (result, asked) = run(&uri("/webhook"), &jwt_header(&token));
                assert_eq!(result, Err(expected));
                assert_eq!(asked, [ISS]);
            }
            // A lookup that answers an empty secret trusts nothing.
            let token = sign(&full_claims(), "");
            let result = verify_request(
                &uri("/webhook"),
                &jwt_header(&token),
                |_: &str| Some(""),
                at(T0 + 10),
                secs(0),
            );
            assert_eq!(result, Err(JwtError::EmptySecret));
        }

        #[test]
        fn leeway_and_clock_are_the_callers() {
            let token = sign(&Claims::new(ISS, T0, T0 + 300), SECRET);
            let headers = jwt_header(&token);
            let lookup = |_: &str| Some(SECRET);
            let late = at(T0 + 320);
            assert!(matches!(
                verify_request(&uri("/webhook"), &headers, lookup, late, secs(0)),
                Err(JwtError::Expired { .. })
            ));
            assert!(verify_request(&uri("/webhook"), &headers, lookup, late, secs(30)).is_ok());
        }

        #[test]
        fn errors_never_show_the_token_or_the_secret() {
            let secret = "very-secret-key-0123456789";
            let tokens = [
                sign(&Claims::new(ISS, T0, T0 + 300), "wrong-key"),
                sign(&Claims::new(ISS, T0 - 600, T0 - 300), secret),
                sign(&Claims::new("stranger", T0, T0 + 300), secret),
            ];
            for token in &tokens {
                let result = verify_request(
                    &uri("/webhook"),
                    &jwt_header(token),
                    |iss: &str| (iss == ISS).then_some(secret),
                    at(T0 + 10),
                    secs(0),
                );
                let error = result.unwrap_err();
                for shown in [error.to_string(), format!("{error:?}")] {
                    assert!(!shown.contains(secret), "{shown}");
                    for segment in token.split('.') {
                        assert!(!shown.contains(segment), "{shown}");
                    }
                }
            }
        }
    }
}
