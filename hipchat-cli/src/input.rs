//! The message text: from the command line, or from stdin.

use std::io::{IsTerminal, Read};

use crate::error::CliError;

/// The message given as `argument`, or read from stdin when it is absent or `-`.
///
/// An argument is used exactly as given. Stdin is read to the end as UTF-8 and kept exactly,
/// newlines, tabs and unicode included, except that ONE trailing line break (`\n` or `\r\n`)
/// is dropped: the one that `echo` and most editors add. An empty message is refused.
pub fn message_text(argument: Option<String>, quiet: bool) -> Result<String, CliError> {
    let text = match argument {
        Some(text) if text != "-" => text,
        _ => {
            let stdin = std::io::stdin();
            if stdin.is_terminal() && !quiet {
                eprintln!("hipchat: reading the message from stdin; end it with Ctrl-D");
            }
            let mut bytes = Vec::new();
            stdin
                .lock()
                .read_to_end(&mut bytes)
                .map_err(|e| CliError::usage(format!("could not read stdin: {e}")))?;
            strip_one_line_break(from_utf8(bytes)?)
        }
    };
    if text.is_empty() {
        return Err(CliError::usage(
            "the message is empty: give it as an argument or on stdin",
        ));
    }
    Ok(text)
}

fn from_utf8(bytes: Vec<u8>) -> Result<String, CliError> {
    String::from_utf8(bytes).map_err(|e| {
        CliError::usage(format!(
            "stdin is not valid UTF-8 (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        ))
    })
}

/// Drops one trailing `\n` or `\r\n`, and nothing else.
pub fn strip_one_line_break(mut text: String) -> String {
    if text.ends_with('\n') {
        text.pop();
        if text.ends_with('\r') {
            text.pop();
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_one_trailing_line_break_goes() {
        assert_eq!(strip_one_line_break("a\n".into()), "a");
        assert_eq!(strip_one_line_break("a\r\n".into()), "a");
        assert_eq!(strip_one_line_break("a\n\n".into()), "a\n");
        assert_eq!(strip_one_line_break("\ta\tb \n".into()), "\ta\tb ");
        assert_eq!(strip_one_line_break("a".into()), "a");
        assert_eq!(strip_one_line_break("a\r".into()), "a\r");
    }

    #[test]
    fn arguments_are_kept_exactly() {
        assert_eq!(
            message_text(Some("a\n".into()), true).unwrap(),
            "a\n",
            "an argument keeps its line break"
        );
        assert_eq!(
            message_text(Some(String::new()), true)
                .unwrap_err()
                .exit_code(),
            2
        );
    }

    #[test]
    fn invalid_utf8_is_refused() {
        let err = from_utf8(vec![b'o', b'k', 0xff]).unwrap_err();
        assert!(err.to_string().contains("offset 2"), "{err}");
    }
}
