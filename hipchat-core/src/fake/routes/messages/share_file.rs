//! Sharing a file with a room or a user: the `multipart/related` body with an optional
//! `metadata` part and the `file` part, and the message that carries the file.

use serde_json::{Value, json};

use super::multipart::{Part, header_params, multipart_boundary, param, split_parts};
use super::{chat_users, check_can_post, post_private, post_user_message, user_record};
use crate::fake::body::{Fields, check_len, kind};
use crate::fake::reply::{Outcome, Reply};
use crate::fake::request::FakeRequest;
use crate::fake::routes::Ctx;
use crate::fake::state::{MessageRec, State};

/// The file of a share-file request.
#[derive(Debug, PartialEq)]
struct Upload {
    name: String,
    content_type: String,
    bytes: Vec<u8>,
}

/// A checked share-file body: the optional message and the file.
#[derive(Debug, PartialEq)]
struct FileShare {
    message: String,
    upload: Upload,
}

impl FileShare {
    /// The `file` of the message that shares it, stored under the message id.
    fn file_json(&self, message_id: &str) -> Value {
        let name = crate::encode_path_segment("file", &self.upload.name)
            .unwrap_or_else(|_| "file".to_owned());
        let url = format!("https://hipchat.fake/files/{message_id}/{name}");
        let mut file = json!({
            "name": self.upload.name,
            "size": self.upload.bytes.len(),
            "url": url,
        });
        if self.upload.content_type.starts_with("image/") {
            file["thumb_url"] = json!(format!(
                "https://hipchat.fake/files/{message_id}/thumb/{name}"
            ));
        }
        file
    }
}

/// The message of the `metadata` part: `{"message": "..."}`, 0 to 1000 characters.
fn metadata_message(part: &Part<'_>) -> Result<String, Reply> {
    let fields = match serde_json::from_slice::<Value>(part.body) {
        Ok(Value::Object(map)) => Fields::top(map),
        Ok(other) => {
            return Err(Reply::bad_request(format!(
                "The metadata part must be a JSON object, not {}",
                kind(&other)
            )));
        }
        Err(e) => {
            return Err(Reply::bad_request(format!(
                "The metadata part is not valid JSON: {e}"
            )));
        }
    };
    let message = fields.opt_str("message")?.unwrap_or_default();
    check_len("message", message, 0, 1000)?;
    Ok(message.to_owned())
}

/// The file of the `file` part.
fn file_upload(part: &Part<'_>, filename: Option<&str>) -> Result<Upload, Reply> {
    let name = filename.filter(|n| !n.trim().is_empty()).ok_or_else(|| {
        Reply::bad_request("The file part needs a filename in its Content-Disposition")
    })?;
    let content_type = part
        .header("content-type")
        .unwrap_or("application/octet-stream");
    let (media, params) = header_params(content_type);
    if param(&params, "charset").is_some() {
        return Err(Reply::bad_request("Unsupported encoding"));
    }
    let bytes = match part
        .header("content-transfer-encoding")
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        None | Some("binary" | "8bit" | "7bit") => part.body.to_vec(),
        Some("base64") => {
            use base64::Engine as _;
            let compact: Vec<u8> = part
                .body
                .iter()
                .copied()
                .filter(|b| !b.is_ascii_whitespace())
                .collect();
            base64::engine::general_purpose::STANDARD
                .decode(compact)
                .map_err(|e| {
                    Reply::bad_request(format!("The file part is not valid base64: {e}"))
                })?
        }
        Some(other) => {
            return Err(Reply::bad_request(format!(
                "Unsupported encoding {other:?}"
            )));
        }
    };
    Ok(Upload {
        name: name.to_owned(),
        content_type: media,
        bytes,
    })
}

/// Reads a share-file body: an optional `metadata` part and the required `file` part.
fn file_share(req: &FakeRequest) -> Result<FileShare, Reply> {
    let boundary = multipart_boundary(req)?;
    let mut message = None;
    let mut upload = None;
    for part in split_parts(&req.body, &boundary)? {
        let (_, params) = header_params(part.header("content-disposition").unwrap_or_default());
        match param(&params, "name") {
            Some("metadata") if message.is_none() => message = Some(metadata_message(&part)?),
            Some("file") if upload.is_none() => {
                upload = Some(file_upload(&part, param(&params, "filename"))?);
            }
            Some(name @ ("metadata" | "file")) => {
                return Err(Reply::bad_request(format!(
                    "The multipart body has two {name} parts"
                )));
            }
            _ => {}
        }
    }
    let upload = upload
        .ok_or_else(|| Reply::bad_request("The multipart body needs a part named \"file\""))?;
    Ok(FileShare {
        message: message.unwrap_or_default(),
        upload,
    })
}

/// A message from `user` sharing `share`.
fn file_record(state: &mut State, user: u64, share: &FileShare) -> MessageRec {
    let mut record = user_record(state, user, &share.message);
    record.file = Some(share.file_json(&record.id));
    record
}

/// `POST /room/{room}/share/file`: 204, a message with the file.
pub(super) fn share_file_with_room(ctx: &mut Ctx<'_>) -> Outcome {
    let req = ctx.req;
    let user = ctx.require_user()?;
    let room = ctx.room_param(0)?;
    let share = file_share(req)?;
    check_can_post(ctx, room)?;
    let record = file_record(ctx.state, user, &share);
    post_user_message(ctx.state, &req.base, room, record);
    Ok(Reply::no_content())
}

/// `POST /user/{user}/share/file`: 204.
pub(super) fn share_file_with_user(ctx: &mut Ctx<'_>) -> Outcome {
    let (me, them) = chat_users(ctx)?;
    let share = file_share(ctx.req)?;
    let record = file_record(ctx.state, me, &share);
    post_private(ctx.state, me, them, record);
    Ok(Reply::no_content())
}

#[cfg(test)]
#[path = "share_file_tests.rs"]
mod tests;
