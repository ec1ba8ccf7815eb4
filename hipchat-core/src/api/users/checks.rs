//! Input checks shared by the user endpoints and the group invite: required text fields and
//! @mention names.

use crate::InvalidInput;

/// A required text field (`email`, `photo`, ...) must not be empty: an empty value would only
/// earn a 400.
pub(crate) fn required(field: &str, value: &str) -> Result<(), InvalidInput> {
    if value.is_empty() {
        Err(InvalidInput::new(
            field,
            "is required and must not be empty",
        ))
    } else {
        Ok(())
    }
}

/// A `mention_name` in a request body is required and written without the leading `@`.
pub(crate) fn mention_name(field: &str, value: &str) -> Result<(), InvalidInput> {
    required(field, value)?;
    if value.starts_with('@') {
        Err(InvalidInput::new(
            field,
            format!("must be written without the leading `@` (got {value:?})"),
        ))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_empty_values_and_at_signs() {
        required("email", "a@example.com").unwrap();
        let err = required("email", "").unwrap_err();
        assert_eq!(
            (err.field(), err.rule()),
            ("email", "is required and must not be empty")
        );
        mention_name("mention_name", "ada").unwrap();
        assert_eq!(
            mention_name("mention_name", "@ada").unwrap_err().rule(),
            "must be written without the leading `@` (got \"@ada\")"
        );
        assert_eq!(
            mention_name("mention_name", "").unwrap_err().field(),
            "mention_name"
        );
    }
}
