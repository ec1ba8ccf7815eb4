//! `history export --resume`: where the previous export stopped, read from the end of its
//! JSON Lines file.

use std::collections::HashSet;
use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

use hipchat::datetime::Timestamp;

use crate::error::CliError;

/// The last message of an export, and every message that shares its date (the next export
/// starts at that date, inclusive, and must skip them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResumePoint {
    /// The date of the last message, as the server wrote it.
    pub date: String,
    /// That date, read.
    pub instant: Option<Timestamp>,
    /// The ids of the messages at that date already in the file.
    pub ids: HashSet<String>,
    /// The id of the last message.
    pub last_id: String,
}

impl ResumePoint {
    /// Whether a fetched message (`id`, `date`) is already in the file, or older than what is.
    pub fn covers(&self, id: &str, date: &str) -> bool {
        if self.ids.contains(id) {
            return true;
        }
        match (self.instant, Timestamp::parse(date)) {
            (Some(point), Some(instant)) => instant < point,
            _ => false,
        }
    }
}

/// What reading the file found.
#[derive(Debug)]
pub struct Resume {
    /// Where to continue; `None` for a missing or empty file (start from the beginning).
    pub point: Option<ResumePoint>,
    /// Bytes of an unfinished last line that were cut off.
    pub dropped_bytes: u64,
}

/// Reads the end of `path`. A missing or empty file means starting over. An unfinished last
/// line (an export interrupted while writing) is cut off the file, so that appending goes on
/// from the last complete message.
pub fn read(path: &Path) -> Result<Resume, CliError> {
    let fail = |e: std::io::Error| {
        CliError::usage(format!("could not read {} to resume: {e}", path.display()))
    };
    let mut file = match OpenOptions::new().read(true).write(true).open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Resume {
                point: None,
                dropped_bytes: 0,
            });
        }
        Err(e) => return Err(fail(e)),
    };
    let len = file.metadata().map_err(fail)?.len();
    let complete = complete_length(&mut file, len).map_err(fail)?;
    if complete < len {
        file.set_len(complete).map_err(fail)?;
    }
    let point = last_point(&mut file, complete).map_err(fail)?;
    let point = match point {
        Some(Ok(point)) => Some(point),
        Some(Err(line)) => {
            return Err(CliError::usage(format!(
                "cannot resume: the last line of {} is not a message exported by `hipchat \
                 history export` ({line})",
                path.display()
            )));
        }
        None => None,
    };
    Ok(Resume {
        point,
        dropped_bytes: len - complete,
    })
}

/// The length of the file up to and including its last line break.
fn complete_length(file: &mut File, len: u64) -> std::io::Result<u64> {
    let mut end = len;
    let mut buffer = vec![0u8; 64 * 1024];
    while end > 0 {
        let start = end.saturating_sub(buffer.len() as u64);
        let chunk = &mut buffer[..(end - start) as usize];
        file.seek(SeekFrom::Start(start))?;
        file.read_exact(chunk)?;
        if let Some(i) = chunk.iter().rposition(|&b| b == b'\n') {
            return Ok(start + i as u64 + 1);
        }
        end = start;
    }
    Ok(0)
}

/// One message line, read.
struct Line {
    id: String,
    date: String,
    instant: Option<Timestamp>,
}

fn read_line(bytes: &[u8]) -> Result<Line, String> {
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| format!("not JSON: {e}"))?;
    let id = match value.get("id") {
        Some(serde_json::Value::String(id)) => id.clone(),
        Some(serde_json::Value::Number(id)) => id.to_string(),
        _ => return Err("no `id`".to_owned()),
    };
    let date = match value.get("date") {
        Some(serde_json::Value::String(date)) => date.clone(),
        _ => return Err("no `date`".to_owned()),
    };
    let instant = Timestamp::parse(&date);
    Ok(Line { id, date, instant })
}

fn same_date(a: &Line, b: &Line) -> bool {
    match (a.instant, b.instant) {
        (Some(x), Some(y)) => x == y,
        _ => a.date == b.date,
    }
}

/// The resume point of the first `len` bytes of `file` (which end with a line break), or the
/// reason the last line is not a message. Reads a growing tail until it holds a message with
/// an earlier date than the last one, or the whole file.
fn last_point(file: &mut File, len: u64) -> std::io::Result<Option<Result<ResumePoint, String>>> {
    let mut tail = 64 * 1024u64;
    loop {
        let start = len.saturating_sub(tail);
        let mut bytes = vec![0u8; (len - start) as usize];
        file.seek(SeekFrom::Start(start))?;
        file.read_exact(&mut bytes)?;
        let mut lines: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
        if start > 0 {
            // The first piece may be the end of a longer line.
            lines.remove(0);
        }
        let mut lines = lines
            .into_iter()
            .rev()
            .filter(|l| !l.trim_ascii().is_empty());
        let Some(last) = lines.next() else {
            if start == 0 {
                return Ok(None);
            }
            tail = tail.saturating_mul(4);
            continue;
        };
        let last = match read_line(last) {
            Ok(line) => line,
            Err(reason) => return Ok(Some(Err(reason))),
        };
        let mut ids = HashSet::from([last.id.clone()]);
        let mut reached_earlier = false;
        for line in lines {
            match read_line(line) {
                Ok(line) if same_date(&line, &last) => {
                    ids.insert(line.id);
                }
                _ => {
                    reached_earlier = true;
                    break;
                }
            }
        }
        if reached_earlier || start == 0 {
            return Ok(Some(Ok(ResumePoint {
                date: last.date,
                instant: last.instant,
                ids,
                last_id: last.id,
            })));
        }
        tail = tail.saturating_mul(4);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(id: &str, date: &str) -> String {
        format!("{{\"id\":\"{id}\",\"date\":\"{date}\",\"message\":\"m\"}}\n")
    }

    #[test]
    fn missing_and_empty_files_start_over() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("h.jsonl");
        assert_eq!(read(&path).unwrap().point, None);
        std::fs::write(&path, "").unwrap();
        assert_eq!(read(&path).unwrap().point, None);
    }

    #[test]
    fn the_last_message_and_its_same_date_neighbours_are_the_point() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("h.jsonl");
        let text = [
            message("a", "2019-01-01T00:00:01.000000+00:00"),
            message("b", "2019-01-01T00:00:02.000000+00:00"),
            message("c", "2019-01-01T01:00:02.000000+01:00"),
        ]
        .concat();
        std::fs::write(&path, &text).unwrap();
        let point = read(&path).unwrap().point.unwrap();
        assert_eq!(point.last_id, "c");
        assert_eq!(point.date, "2019-01-01T01:00:02.000000+01:00");
        assert_eq!(point.ids, HashSet::from(["b".to_owned(), "c".to_owned()]));
        assert!(point.covers("b", "2019-01-01T00:00:02Z"));
        assert!(point.covers("z", "2019-01-01T00:00:01Z"), "older");
        assert!(
            !point.covers("d", "2019-01-01T00:00:02Z"),
            "same date, new id"
        );
        assert!(!point.covers("e", "2019-01-01T00:00:03Z"));
    }

    #[test]
    fn an_unfinished_last_line_is_cut_off() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("h.jsonl");
        let good = message("a", "2019-01-01T00:00:01Z");
        std::fs::write(&path, format!("{good}{{\"id\":\"b\",\"da")).unwrap();
        let resume = read(&path).unwrap();
        assert_eq!(resume.point.unwrap().last_id, "a");
        assert_eq!(resume.dropped_bytes, 13);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), good);
    }

    #[test]
    fn a_last_line_that_is_not_a_message_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("h.jsonl");
        std::fs::write(&path, "hello\n").unwrap();
        let err = read(&path).unwrap_err();
        assert_eq!(err.exit_code(), 2);
        assert!(err.to_string().contains("not JSON"), "{err}");
    }

    #[test]
    fn long_files_are_read_from_the_end_only_as_far_as_needed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("h.jsonl");
        let mut text = String::new();
        for i in 0..5000 {
            text.push_str(&message(
                &format!("m{i}"),
                &format!("2019-01-01T00:{:02}:{:02}Z", i / 60 % 60, i % 60),
            ));
        }
        // 3000 messages sharing the last date: more than the first tail holds.
        for i in 0..3000 {
            text.push_str(&message(&format!("s{i}"), "2019-01-02T00:00:00Z"));
        }
        std::fs::write(&path, &text).unwrap();
        let point = read(&path).unwrap().point.unwrap();
        assert_eq!(point.ids.len(), 3000);
        assert_eq!(point.last_id, "s2999");
    }
}
