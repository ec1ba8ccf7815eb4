//! Progress of a long export on stderr: a bar on a terminal, plain lines otherwise (no control
//! characters in logs), nothing with `--quiet`.

use std::io::IsTerminal;
use std::time::Duration;

use hipchat::datetime::Timestamp;
use indicatif::{ProgressBar, ProgressStyle};

use crate::output::plural;

/// How progress is shown.
pub enum Progress {
    /// A bar (when the time range is known) or a spinner, on a terminal.
    Bar {
        /// The bar.
        bar: ProgressBar,
        /// The newest instant of the range; the bar counts the seconds covered back from it.
        until: Timestamp,
        /// Whether the bar has a length (the range has a start).
        ranged: bool,
    },
    /// One line per page.
    Plain,
    /// Nothing.
    Quiet,
}

impl Progress {
    /// Progress for an export of the range `since..=until`, walked from `until` backwards.
    pub fn new(quiet: bool, since: Option<Timestamp>, until: Timestamp) -> Progress {
        if quiet {
            return Progress::Quiet;
        }
        if !std::io::stderr().is_terminal() {
            return Progress::Plain;
        }
        let span =
            since.map(|since| until.unix_secs().saturating_sub(since.unix_secs()).max(1) as u64);
        let bar = match span {
            Some(span) => {
                let bar = ProgressBar::new(span);
                bar.set_style(
                    ProgressStyle::with_template("{spinner} [{elapsed_precise}] {bar:30} {msg}")
                        .unwrap_or_else(|_| ProgressStyle::default_bar()),
                );
                bar
            }
            None => {
                let bar = ProgressBar::new_spinner();
                bar.set_style(
                    ProgressStyle::with_template("{spinner} [{elapsed_precise}] {msg}")
                        .unwrap_or_else(|_| ProgressStyle::default_spinner()),
                );
                bar
            }
        };
        bar.enable_steady_tick(Duration::from_millis(120));
        bar.set_message("fetching the first page");
        Progress::Bar {
            bar,
            until,
            ranged: span.is_some(),
        }
    }

    /// A page arrived: `pages` pages and `messages` messages so far, the oldest dated `oldest`.
    pub fn page(&self, pages: usize, messages: u64, oldest: Option<(Timestamp, &str)>) {
        match self {
            Progress::Bar { bar, until, ranged } => {
                if let (true, Some((instant, _))) = (ranged, oldest) {
                    bar.set_position(
                        until.unix_secs().saturating_sub(instant.unix_secs()).max(0) as u64
                    );
                }
                let back_to = oldest
                    .map(|(_, d)| format!(", back to {d}"))
                    .unwrap_or_default();
                bar.set_message(format!(
                    "{}, {}{back_to}",
                    plural(messages, "message"),
                    plural(pages as u64, "page")
                ));
            }
            Progress::Plain => {
                let back_to = oldest
                    .map(|(_, d)| format!(" (back to {d})"))
                    .unwrap_or_default();
                eprintln!(
                    "hipchat: history: page {pages}, {} so far{back_to}",
                    plural(messages, "message")
                );
            }
            Progress::Quiet => {}
        }
    }

    /// The fetching is over; the bar goes away before the summary is printed.
    pub fn finish(&self) {
        if let Progress::Bar { bar, .. } = self {
            bar.finish_and_clear();
        }
    }

    /// A summary line, unless quiet.
    pub fn summary(&self, line: &str) {
        if !matches!(self, Progress::Quiet) {
            eprintln!("hipchat: {line}");
        }
    }
}
