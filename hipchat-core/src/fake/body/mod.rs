//! Reading request bodies with HipChat's rules, for every handler alike.
//!
//! [`Fields`] reads the members of a JSON object (or of a form, whose values are strings) one
//! by one; the functions of [`values`] check one value; those of [`formats`] check the text
//! formats several methods share. Every refusal is a 400 whose message names the member by its
//! full path (`card.attributes[1].value.label`):
//! - a required member that is missing: `Missing required field: <path>`;
//! - `null` for a required member: `<path> is required and may not be null`;
//! - `null` for an optional member: `<path> may not be null; leave it out instead` (members
//!   documented as nullable are read with [`Fields::nullable`] instead);
//! - a value of the wrong JSON type: `<path> must be <what>, not <the type sent>`;
//! - a member the schema does not know: `<path> is not allowed here (allowed: …)`;
//! - text of the wrong length: `<path> must be <min> to <max> characters long (got <n>)`;
//! - a value outside its set: `<path> must be one of a, b, c (got "x")`.

mod fields;
pub(crate) mod formats;
pub(crate) mod values;

pub(crate) use fields::Fields;
pub(crate) use formats::{check_email, check_key, decode_image};
pub(crate) use values::{check_len, check_non_empty, kind, one_of, wrong_type};

#[cfg(test)]
mod tests;
