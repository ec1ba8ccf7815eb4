//! [`Fields`]: the members of a JSON object, read one by one.

use std::borrow::Cow;

use serde_json::{Map, Value};

use super::values::{self, missing, optional_null, required_null};
use crate::fake::reply::Reply;
use crate::fake::request::FakeRequest;

/// The members of a JSON object (a request body, or an object inside one), read one by one
/// with HipChat's 400s, each naming the member by its full path.
#[derive(Debug)]
pub(crate) struct Fields<'a> {
    map: Cow<'a, Map<String, Value>>,
    /// What goes before member names in messages (`card.`), empty at the top level.
    prefix: String,
}

impl Fields<'static> {
    /// The request body, which must be a JSON object.
    pub fn parse(req: &FakeRequest) -> Result<Self, Reply> {
        Ok(Fields::top(req.json_object()?))
    }

    /// The request body as a JSON object, an empty (or blank) body reading as `{}`: for
    /// methods whose body is optional.
    pub fn parse_optional(req: &FakeRequest) -> Result<Self, Reply> {
        if req.body.iter().all(u8::is_ascii_whitespace) {
            Ok(Fields::top(Map::new()))
        } else {
            Fields::parse(req)
        }
    }

    /// A form-encoded body, each field a string member; of a repeated field the last value
    /// counts.
    pub fn parse_form(req: &FakeRequest) -> Self {
        Fields::top(
            form_urlencoded::parse(&req.body)
                .map(|(k, v)| (k.into_owned(), Value::String(v.into_owned())))
                .collect(),
        )
    }

    /// The members of a top-level object, named without a prefix.
    pub fn top(map: Map<String, Value>) -> Self {
        Fields {
            map: Cow::Owned(map),
            prefix: String::new(),
        }
    }
}

impl<'a> Fields<'a> {
    /// The members of `value`, an object called `path` in messages; 400 for anything else.
    pub fn of(path: &str, value: &'a Value) -> Result<Self, Reply> {
        match value {
            Value::Object(map) => Ok(Fields {
                map: Cow::Borrowed(map),
                prefix: format!("{path}."),
            }),
            other => Err(values::wrong_type(path, "an object", other)),
        }
    }

    /// The full path of member `name`, for messages.
    pub fn name(&self, name: &str) -> String {
        format!("{}{name}", self.prefix)
    }

    /// Whether member `name` was sent, `null` included.
    pub fn contains(&self, name: &str) -> bool {
        self.map.contains_key(name)
    }

    /// The member as it was sent, `null` included.
    pub fn raw(&self, name: &str) -> Option<&Value> {
        self.map.get(name)
    }

    /// An optional member: `None` when left out; `null` is refused.
    pub fn get(&self, name: &str) -> Result<Option<&Value>, Reply> {
        match self.map.get(name) {
            None => Ok(None),
            Some(Value::Null) => Err(optional_null(&self.name(name))),
            Some(value) => Ok(Some(value)),
        }
    }

    /// A required member: 400 when it is left out or `null`.
    pub fn required(&self, name: &str) -> Result<&Value, Reply> {
        match self.map.get(name) {
            None => Err(missing(&self.name(name))),
            Some(Value::Null) => Err(required_null(&self.name(name))),
            Some(value) => Ok(value),
        }
    }

    /// A member that is [`required`](Self::required) or optional ([`get`](Self::get)).
    pub fn member(&self, name: &str, required: bool) -> Result<Option<&Value>, Reply> {
        if required {
            self.required(name).map(Some)
        } else {
            self.get(name)
        }
    }

    /// An optional member documented as nullable: `null` reads as left out.
    pub fn nullable(&self, name: &str) -> Option<&Value> {
        self.map.get(name).filter(|v| !v.is_null())
    }

    /// Refuses members not in `known` (for schemas that forbid other members).
    pub fn only(&self, known: &[&str]) -> Result<(), Reply> {
        match self.map.keys().find(|k| !known.contains(&k.as_str())) {
            Some(extra) => Err(Reply::bad_request(format!(
                "{} is not allowed here (allowed: {})",
                self.name(extra),
                known.join(", ")
            ))),
            None => Ok(()),
        }
    }

    /// A required string.
    pub fn required_str(&self, name: &str) -> Result<&str, Reply> {
        values::as_str(&self.name(name), self.required(name)?)
    }

    /// A required, non-empty string.
    pub fn required_text(&self, name: &str) -> Result<&str, Reply> {
        values::as_text(&self.name(name), self.required(name)?)
    }

    /// An optional string.
    pub fn opt_str(&self, name: &str) -> Result<Option<&str>, Reply> {
        self.get(name)?
            .map(|v| values::as_str(&self.name(name), v))
            .transpose()
    }

    /// A nullable string.
    pub fn nullable_str(&self, name: &str) -> Result<Option<&str>, Reply> {
        self.nullable(name)
            .map(|v| values::as_str(&self.name(name), v))
            .transpose()
    }

    /// An optional string out of `allowed`, in the set's own spelling.
    pub fn opt_one_of<'s>(
        &self,
        name: &str,
        allowed: &[&'s str],
    ) -> Result<Option<&'s str>, Reply> {
        self.opt_str(name)?
            .map(|value| values::one_of(&self.name(name), value, allowed))
            .transpose()
    }

    /// A required string out of `allowed`, in the set's own spelling.
    pub fn required_one_of<'s>(&self, name: &str, allowed: &[&'s str]) -> Result<&'s str, Reply> {
        values::one_of(&self.name(name), self.required_str(name)?, allowed)
    }

    /// A required boolean.
    pub fn required_bool(&self, name: &str) -> Result<bool, Reply> {
        values::as_bool(&self.name(name), self.required(name)?)
    }

    /// An optional boolean.
    pub fn opt_bool(&self, name: &str) -> Result<Option<bool>, Reply> {
        self.get(name)?
            .map(|v| values::as_bool(&self.name(name), v))
            .transpose()
    }

    /// A nullable boolean.
    pub fn nullable_bool(&self, name: &str) -> Result<Option<bool>, Reply> {
        self.nullable(name)
            .map(|v| values::as_bool(&self.name(name), v))
            .transpose()
    }

    /// An optional boolean that may also be the string `"true"` or `"false"` (any case), as
    /// form fields send it.
    pub fn opt_loose_bool(&self, name: &str) -> Result<Option<bool>, Reply> {
        self.get(name)?
            .map(|v| values::as_loose_bool(&self.name(name), v))
            .transpose()
    }

    /// An optional non-negative integer.
    pub fn opt_u64(&self, name: &str) -> Result<Option<u64>, Reply> {
        self.get(name)?
            .map(|v| values::as_u64(&self.name(name), v))
            .transpose()
    }

    /// An optional array of strings.
    pub fn opt_strings(&self, name: &str) -> Result<Option<Vec<String>>, Reply> {
        self.get(name)?
            .map(|v| values::as_strings(&self.name(name), v))
            .transpose()
    }

    /// A required array.
    pub fn required_array(&self, name: &str) -> Result<&[Value], Reply> {
        values::as_array(&self.name(name), self.required(name)?)
    }

    /// An optional array.
    pub fn opt_array(&self, name: &str) -> Result<Option<&[Value]>, Reply> {
        self.get(name)?
            .map(|v| values::as_array(&self.name(name), v))
            .transpose()
    }

    /// A required object, whose members are named `<name>.<member>`.
    pub fn required_object(&self, name: &str) -> Result<Fields<'_>, Reply> {
        Fields::of(&self.name(name), self.required(name)?)
    }

    /// An optional object, whose members are named `<name>.<member>`.
    pub fn opt_object(&self, name: &str) -> Result<Option<Fields<'_>>, Reply> {
        self.get(name)?
            .map(|v| Fields::of(&self.name(name), v))
            .transpose()
    }
}
