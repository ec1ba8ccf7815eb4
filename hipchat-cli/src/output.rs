//! Printing results: aligned tables for people, JSON Lines for programs.

use std::io::Write;

use serde::Serialize;

use crate::error::CliError;

/// Writes `value` as one line of JSON.
pub fn json_line(out: &mut dyn Write, value: &impl Serialize) -> Result<(), CliError> {
    let line =
        serde_json::to_string(value).map_err(|e| CliError::output(std::io::Error::other(e)))?;
    writeln!(out, "{line}").map_err(CliError::output)
}

/// A table: a header row and rows of cells, printed with aligned columns.
#[derive(Debug, Default)]
pub struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    /// A table with these column titles.
    pub fn new(header: &[&str]) -> Self {
        Table {
            header: header.iter().map(|h| (*h).to_owned()).collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row; each cell is made printable on one line.
    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells.iter().map(|c| printable(c)).collect());
    }

    /// Writes the table: columns separated by two spaces, the last one not padded.
    pub fn write(&self, out: &mut dyn Write) -> Result<(), CliError> {
        let columns = self.header.len();
        let mut widths: Vec<usize> = self.header.iter().map(|h| width(h)).collect();
        for row in &self.rows {
            for (i, cell) in row.iter().enumerate().take(columns) {
                widths[i] = widths[i].max(width(cell));
            }
        }
        for row in std::iter::once(&self.header).chain(&self.rows) {
            let mut line = String::new();
            for (i, cell) in row.iter().enumerate().take(columns) {
                if i + 1 == columns {
                    line.push_str(cell);
                } else {
                    line.push_str(cell);
                    line.push_str(&" ".repeat(widths[i] - width(cell) + 2));
                }
            }
            writeln!(out, "{}", line.trim_end()).map_err(CliError::output)?;
        }
        Ok(())
    }
}

/// The number of characters a cell takes (an approximation: one column per `char`).
fn width(text: &str) -> usize {
    text.chars().count()
}

/// The text with control characters (line breaks, tabs, escapes) shown as spaces, so that a
/// name cannot break the table or drive the terminal.
pub fn printable(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// `1 page`, `2 pages`.
pub fn plural(n: u64, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_aligned_and_cells_made_printable() {
        let mut table = Table::new(&["ID", "NAME", "PRIVACY"]);
        table.row(vec!["1".into(), "Ops".into(), "public".into()]);
        table.row(vec![
            "1234".into(),
            "Dev\tTeam\n\u{1b}[31m".into(),
            String::new(),
        ]);
        let mut out = Vec::new();
        table.write(&mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "ID    NAME            PRIVACY\n\
             1     Ops             public\n\
             1234  Dev Team  [31m\n"
        );
    }

    #[test]
    fn counts_are_spelled_with_their_noun() {
        assert_eq!(plural(1, "page"), "1 page");
        assert_eq!(plural(0, "message"), "0 messages");
        assert_eq!(plural(2, "page"), "2 pages");
    }

    #[test]
    fn json_lines_are_one_object_per_line() {
        let mut out = Vec::new();
        json_line(&mut out, &serde_json::json!({"a": "x\ny"})).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "{\"a\":\"x\\ny\"}\n");
    }
}
