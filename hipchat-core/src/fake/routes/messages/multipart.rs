//! A reader of `multipart/related` bodies (§3.10): the boundary of the content type, the parts
//! with their headers, and the parameters of header values.

use crate::fake::reply::Reply;
use crate::fake::request::FakeRequest;

/// The value and parameters of a header such as `attachment; name="file"; filename="a.txt"`:
/// parameter names in lower case, quoted values unescaped.
pub(super) fn header_params(value: &str) -> (String, Vec<(String, String)>) {
    let (first, mut rest) = value.split_once(';').unwrap_or((value, ""));
    let mut params = Vec::new();
    loop {
        rest = rest.trim_start_matches([' ', '\t', ';']);
        let Some(eq) = rest.find('=') else { break };
        if let Some(semi) = rest.find(';').filter(|semi| *semi < eq) {
            // A parameter without a value: skip it.
            rest = &rest[semi..];
            continue;
        }
        let name = rest[..eq].trim().to_ascii_lowercase();
        let after = rest[eq + 1..].trim_start();
        let (param, remaining) = if let Some(quoted) = after.strip_prefix('"') {
            let mut text = String::new();
            let mut chars = quoted.char_indices();
            let mut end = quoted.len();
            while let Some((i, c)) = chars.next() {
                match c {
                    '\\' => {
                        if let Some((_, escaped)) = chars.next() {
                            text.push(escaped);
                        }
                    }
                    '"' => {
                        end = i + 1;
                        break;
                    }
                    _ => text.push(c),
                }
            }
            (text, &quoted[end.min(quoted.len())..])
        } else {
            let end = after.find(';').unwrap_or(after.len());
            (after[..end].trim().to_owned(), &after[end..])
        };
        params.push((name, param));
        rest = remaining;
    }
    (first.trim().to_ascii_lowercase(), params)
}

/// The value of parameter `name` among `params`.
pub(super) fn param<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// One part of a multipart body: its headers (names in lower case) and its bytes.
pub(super) struct Part<'a> {
    headers: Vec<(String, String)>,
    /// The bytes of the part, after its headers.
    pub body: &'a [u8],
}

impl Part<'_> {
    /// The value of header `name` (in lower case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// The boundary announced by a `multipart/related` content type.
pub(super) fn multipart_boundary(req: &FakeRequest) -> Result<String, Reply> {
    let content_type = req.header("content-type").unwrap_or_default();
    let (media, params) = header_params(content_type);
    if media != "multipart/related" {
        return Err(Reply::bad_request(format!(
            "The body must be multipart/related (with a metadata part and a file part), not {:?}",
            if media.is_empty() {
                "nothing"
            } else {
                media.as_str()
            }
        )));
    }
    match param(&params, "boundary") {
        Some(boundary) if !boundary.is_empty() && boundary.len() <= 70 => Ok(boundary.to_owned()),
        _ => Err(Reply::bad_request(
            "The multipart/related content type needs a boundary parameter of 1 to 70 characters",
        )),
    }
}

/// Where `needle` occurs in `hay` at the start of a line, from `from` on.
fn find_delimiter(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    while at + needle.len() <= hay.len() {
        let found = hay
            .get(at..)?
            .windows(needle.len())
            .position(|w| w == needle)?
            + at;
        if found == 0 || hay.get(found - 1) == Some(&b'\n') {
            return Some(found);
        }
        at = found + 1;
    }
    None
}

/// Splits a multipart body into its parts. Lines may end in CRLF or LF.
pub(super) fn split_parts<'a>(body: &'a [u8], boundary: &str) -> Result<Vec<Part<'a>>, Reply> {
    let delimiter = format!("--{boundary}");
    let delimiter = delimiter.as_bytes();
    let mut at = find_delimiter(body, delimiter, 0)
        .ok_or_else(|| Reply::bad_request("The multipart body does not contain its boundary"))?;
    let mut parts = Vec::new();
    loop {
        let after = at + delimiter.len();
        let rest = body.get(after..).unwrap_or_default();
        if rest.starts_with(b"--") {
            return Ok(parts);
        }
        let padding = rest
            .iter()
            .take_while(|b| **b == b' ' || **b == b'\t')
            .count();
        let line_end = match rest.get(padding..) {
            Some([b'\r', b'\n', ..]) => padding + 2,
            Some([b'\n', ..]) => padding + 1,
            _ => {
                return Err(Reply::bad_request(
                    "A multipart boundary line has trailing garbage",
                ));
            }
        };
        let start = after + line_end;
        let next = find_delimiter(body, delimiter, start)
            .ok_or_else(|| Reply::bad_request("The multipart body has no closing boundary"))?;
        let mut end = next.saturating_sub(1).max(start);
        if end > start && body.get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        parts.push(parse_part(body.get(start..end).unwrap_or_default())?);
        at = next;
    }
}

/// The headers and the body of one part.
fn parse_part(content: &[u8]) -> Result<Part<'_>, Reply> {
    let mut headers = Vec::new();
    let mut at = 0;
    loop {
        let Some(newline) = content
            .get(at..)
            .and_then(|rest| rest.iter().position(|b| *b == b'\n'))
        else {
            return Err(Reply::bad_request(
                "A multipart part has no empty line between its headers and its content",
            ));
        };
        let line = content.get(at..at + newline).unwrap_or_default();
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        at += newline + 1;
        if line.is_empty() {
            break;
        }
        let line = String::from_utf8_lossy(line);
        let Some((name, value)) = line.split_once(':') else {
            return Err(Reply::bad_request(format!(
                "Malformed multipart header line {line:?}"
            )));
        };
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
    }
    Ok(Part {
        headers,
        body: content.get(at..).unwrap_or_default(),
    })
}

#[cfg(test)]
#[path = "multipart_tests.rs"]
mod tests;
