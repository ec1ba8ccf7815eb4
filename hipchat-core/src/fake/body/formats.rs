//! Text formats that members of several methods share: e-mail addresses, base64 images and
//! add-on keys.

use base64::Engine;

use super::values::check_len;
use crate::fake::reply::Reply;

/// A plausible e-mail address: one `@`, text on both sides, a dot in the domain, no spaces.
pub(crate) fn check_email(path: &str, email: &str) -> Result<(), Reply> {
    let valid = match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
                && !email.chars().any(char::is_whitespace)
        }
        None => false,
    };
    if valid {
        Ok(())
    } else {
        Err(Reply::bad_request(format!(
            "{path} is not a valid e-mail address: {email:?}"
        )))
    }
}

/// Decodes a base64 image (optionally a `data:image/...;base64,` URI); PNG, JPEG and GIF are
/// recognised by their first bytes.
pub(crate) fn decode_image(path: &str, text: &str) -> Result<Vec<u8>, Reply> {
    let data = match text.strip_prefix("data:") {
        Some(uri) => match uri.split_once(";base64,") {
            Some((mime, data)) if mime.starts_with("image/") => data,
            _ => {
                return Err(Reply::bad_request(format!(
                    "{path} must be a base64 data URI of an image"
                )));
            }
        },
        None => text,
    };
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(data.trim())
        .map_err(|_| Reply::bad_request(format!("{path} must be base64-encoded image data")))?;
    let image = bytes.starts_with(b"\x89PNG")
        || bytes.starts_with(&[0xff, 0xd8, 0xff])
        || bytes.starts_with(b"GIF8");
    if image {
        Ok(bytes)
    } else {
        Err(Reply::bad_request(format!(
            "{path} is not a PNG, JPEG or GIF image"
        )))
    }
}

/// The key of an add-on module or glance (§2.3): 1 to 40 of `[a-zA-Z0-9_\-.]`.
pub(crate) fn check_key(path: &str, key: &str) -> Result<(), Reply> {
    check_len(path, key, 1, 40)?;
    if key
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
    {
        Ok(())
    } else {
        Err(Reply::bad_request(format!(
            "{path} must match ^[a-zA-Z0-9_\\-\\.]+$ (got {key:?})"
        )))
    }
}
