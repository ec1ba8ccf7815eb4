//! What the four import methods share: the guessed body members, extra members chosen by the
//! caller, the body built from them, and [`import_endpoint!`], which declares each endpoint with
//! its setters and replacement path.

use serde_json::{Map, Value};

use crate::model::FilePart;
use crate::multipart::related;
use crate::{Body, Error};

/// The body members of an import call. None is confirmed: `from`, `date` and `message` are
/// guesses by analogy with the history messages, and `extra` lets the caller send whatever the
/// server really wants.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct ImportFields {
    pub(super) from: Option<String>,
    pub(super) date: Option<String>,
    pub(super) message: Option<String>,
    pub(super) extra: Map<String, Value>,
}

impl ImportFields {
    /// The members that are set, as one JSON object; an extra member replaces a typed one of
    /// the same name.
    pub(super) fn to_object(&self) -> Map<String, Value> {
        let mut object = Map::new();
        let typed = [
            ("from", &self.from),
            ("date", &self.date),
            ("message", &self.message),
        ];
        for (name, value) in typed {
            if let Some(value) = value {
                object.insert(name.to_owned(), Value::String(value.clone()));
            }
        }
        for (name, value) in &self.extra {
            object.insert(name.clone(), value.clone());
        }
        object
    }

    /// The request body: the object of the members as JSON when there is no file; with a file,
    /// `multipart/related` with that object as the `metadata` part (left out when empty).
    pub(super) fn body(&self, file: Option<&FilePart>) -> Result<Option<Body>, Error> {
        let object = self.to_object();
        match file {
            None => Body::json(&object),
            Some(file) => related((!object.is_empty()).then_some(&object), file),
        }
        .map(Some)
    }
}

/// Declares one import endpoint. The four differ only in whose history they import into (the
/// first path segment and its parameter, a user or a room), in the last path segment, and in
/// whether they carry a file: without one the body is the JSON object of the fields, with one
/// it is `multipart/related` (the fields as an optional `metadata` part, then the file). The
/// first doc line, the placeholder route, is generated from the path; the docs written at the
/// call follow it. Each endpoint gets the same setters and the path override.
macro_rules! import_endpoint {
    (
        $(#[$doc:meta])*
        pub struct $Name:ident {
            path: $owner:literal / {$target:ident: $Target:ty} / "import" / $what:literal,
            $($file:ident: FilePart,)?
        }

        $(#[$new_doc:meta])*
        fn new;
    ) => {
        #[doc = concat!(
            "`POST /", $owner, "/{", stringify!($target), "}/import/", $what,
            "` (placeholder path, unconfirmed)"
        )]
        #[doc = ""]
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq)]
        pub struct $Name {
            $target: $Target,
            $($file: $crate::model::FilePart,)?
            path_override: Option<$crate::Path>,
            fields: $crate::api::imports::fields::ImportFields,
        }

        impl $Name {
            $(#[$new_doc])*
            pub fn new($target: impl Into<$Target> $(, $file: $crate::model::FilePart)?) -> Self {
                $Name {
                    $target: $target.into(),
                    $($file,)?
                    path_override: None,
                    fields: Default::default(),
                }
            }

            /// The sender of the imported message (`from`; unconfirmed member name), for example a
            /// user id, e-mail address or @mention.
            pub fn from(mut self, from: impl Into<String>) -> Self {
                self.fields.from = Some(from.into());
                self
            }

            /// When the message was originally sent, ISO-8601 such as `2015-06-01T09:30:00+00:00`
            /// (`date`; unconfirmed member name). Back-dated messages are not pushed to connected
            /// clients.
            pub fn date(mut self, date: impl Into<String>) -> Self {
                self.fields.date = Some(date.into());
                self
            }

            /// The text of the imported message (`message`; unconfirmed member name).
            pub fn message(mut self, message: impl Into<String>) -> Self {
                self.fields.message = Some(message.into());
                self
            }

            /// Sends `value` as the body member `name`, for whatever the server expects that has
            /// no typed setter. It replaces a typed member of the same name; setting a name twice
            /// keeps the last value.
            pub fn field(
                mut self,
                name: impl Into<String>,
                value: impl Into<serde_json::Value>,
            ) -> Self {
                self.fields.extra.insert(name.into(), value.into());
                self
            }

            /// Sends the request to `path` (below the base URL) instead of the placeholder path,
            /// which no public source confirms. Build it with [`Path`](crate::Path), passing
            /// variable parts through `param` so they are encoded, e.g.
            /// `Path::new().lit("room").param("room_id_or_name", "Ops").lit("history").lit("import")`.
            pub fn path_override(mut self, path: $crate::Path) -> Self {
                self.path_override = Some(path);
                self
            }
        }

        impl $crate::Endpoint for $Name {
            type Response = ();

            fn method(&self) -> ::http::Method {
                ::http::Method::POST
            }

            fn path(&self) -> $crate::Path {
                match &self.path_override {
                    Some(path) => path.clone(),
                    None => $crate::Path::new()
                        .lit($owner)
                        .param(stringify!($target), &self.$target)
                        .lit("import")
                        .lit($what),
                }
            }

            fn body(&self) -> Result<Option<$crate::Body>, $crate::Error> {
                // The file imports pass `Some(&self.file)`, the history imports `None`.
                self.fields.body(None $(.or(Some(&self.$file)))?)
            }
        }
    };
}
pub(super) use import_endpoint;

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn sends_only_what_is_set_and_extras_win() {
        assert!(ImportFields::default().to_object().is_empty());
        let mut fields = ImportFields {
            from: Some("alice@example.com".into()),
            message: Some("hi".into()),
            ..ImportFields::default()
        };
        fields.extra.insert("message".into(), json!({"text": "hi"}));
        fields.extra.insert("id".into(), json!(5));
        assert_eq!(
            Value::Object(fields.to_object()),
            json!({"from": "alice@example.com", "message": {"text": "hi"}, "id": 5})
        );
    }
}
