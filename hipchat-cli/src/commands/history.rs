//! `hipchat history export`: room or private chat history as JSON Lines, oldest message first.
//!
//! HipChat pages history from the newest message backwards (`reverse=false` keeps the paging
//! stable). Pages are spooled to a temporary file as they arrive, each page turned oldest
//! first, and copied to the output in reverse page order at the end. The output is therefore
//! chronological and every prefix of it is a valid point to resume from: `--resume` reads the
//! last line and asks only for what came after it (`end-date` = its date, the messages of that
//! date already written being skipped).

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use hipchat::api::rooms::ViewRoomHistory;
use hipchat::api::users::ViewPrivatechatHistory;
use hipchat::datetime::Timestamp;
use hipchat::model::Message;
use hipchat::pager::Paginated;

use crate::cli::HistoryExportArgs;
use crate::config::Settings;
use crate::context::{Auth, Context};
use crate::dates;
use crate::error::CliError;
use crate::output::{plural, printable};
use crate::progress::Progress;
use crate::resume::{self, ResumePoint};

/// What an export covers and where it goes.
struct Plan {
    /// The earliest instant asked for, if any (the later of `--since` and the resume point).
    since: Option<Timestamp>,
    until: Timestamp,
    output: Option<PathBuf>,
    resume: Option<ResumePoint>,
    /// Printed in the summary: "room Ops", "the private chat with @bob".
    what: String,
}

/// The query parameters of an export, the same for a room and a private chat.
struct Range {
    /// `date`: the newest instant, where paging starts.
    until: Timestamp,
    /// `end-date`: the oldest date to include, if any.
    end_date: Option<String>,
    page_size: u64,
    include_deleted: bool,
}

/// The history endpoints of rooms and private chats, which take the same [`Range`].
trait HistoryEndpoint: Paginated<Item = Message> {
    /// The request for `range`, newest page first (`reverse=false` keeps the paging stable).
    fn with_range(self, range: Range) -> Self;
}

macro_rules! history_endpoint {
    ($($endpoint:ty),+) => {$(
        impl HistoryEndpoint for $endpoint {
            fn with_range(self, range: Range) -> Self {
                let endpoint = self
                    .date(range.until.to_string())
                    .reverse(false)
                    .max_results(range.page_size);
                let endpoint = super::with_opt(endpoint, range.end_date, Self::end_date);
                super::with_flag(endpoint, range.include_deleted, Self::include_deleted)
            }
        }
    )+};
}

history_endpoint!(ViewRoomHistory, ViewPrivatechatHistory);

/// Runs the export.
pub async fn export(
    args: HistoryExportArgs,
    settings: Settings,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let until = match &args.until {
        Some(text) => dates::until(text).map_err(CliError::usage)?,
        None => dates::now(),
    };
    let since = match &args.since {
        Some(text) => Some(dates::since(text).map_err(CliError::usage)?),
        None => None,
    };
    if since.is_some_and(|since| since >= until) {
        return Err(CliError::usage("--since must be earlier than --until"));
    }
    let resume = match (&args.output, args.resume) {
        (Some(path), true) => {
            let found = resume::read(path)?;
            if found.dropped_bytes > 0 && !settings.quiet {
                eprintln!(
                    "hipchat: dropped an unfinished last line ({} bytes) from {}",
                    found.dropped_bytes,
                    path.display()
                );
            }
            found.point
        }
        _ => None,
    };

    // The request starts at the later of --since and the last message already exported.
    let resume_instant = resume.as_ref().and_then(|p| p.instant);
    let end_date = match (since, &resume) {
        (Some(since), Some(_)) if resume_instant.is_some_and(|r| r < since) => {
            Some(since.to_string())
        }
        (_, Some(point)) => Some(point.date.clone()),
        (Some(since), None) => Some(since.to_string()),
        (None, None) => None,
    };
    let start = match (since, resume_instant) {
        (Some(since), Some(r)) => Some(since.max(r)),
        (since, r) => since.or(r),
    };
    if start.is_some_and(|start| start > until) {
        if !settings.quiet {
            eprintln!("hipchat: nothing to export: the output already reaches past --until");
        }
        return Ok(());
    }

    let range = Range {
        until,
        end_date,
        page_size: super::page_size(args.page_size),
        include_deleted: args.include_deleted,
    };
    let plan = |what: String| Plan {
        since: start,
        until,
        output: args.output.clone(),
        resume: resume.clone(),
        what: printable(&what),
    };
    match &args.user {
        Some(user) => {
            let endpoint = ViewPrivatechatHistory::new(user.as_str()).with_range(range);
            run(
                endpoint,
                plan(format!("the private chat with {user}")),
                settings,
                out,
            )
            .await
        }
        None => {
            let room = super::room(args.room.clone(), &settings.defaults)?;
            let endpoint = ViewRoomHistory::new(room.as_str()).with_range(range);
            run(endpoint, plan(format!("room {room}")), settings, out).await
        }
    }
}

/// Pages through the history `endpoint` asks for and writes it out, oldest first.
async fn run<E: Paginated<Item = Message>>(
    endpoint: E,
    plan: Plan,
    settings: Settings,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let context = Context::connect(settings, Auth::Token).await?;
    if context.dry_run_first(&endpoint, out)? {
        return Ok(());
    }
    let Some(client) = context.client() else {
        return Ok(());
    };
    // Opened (not truncated) before anything is fetched, so that a path that cannot be
    // written fails at once and an old file survives a failed export.
    let mut output_file = match &plan.output {
        Some(path) => Some(open_output(path)?),
        None => None,
    };

    let progress = Progress::new(context.settings.quiet, plan.since, plan.until);
    let mut spool = Spool::new()?;
    let mut pager = client.pager(endpoint);
    let mut pages = 0usize;
    let mut count = 0u64;
    loop {
        let page = match pager.next_page().await {
            Ok(Some(page)) => page,
            Ok(None) => break,
            Err(e) => {
                progress.finish();
                return Err(e.into());
            }
        };
        pages += 1;
        let oldest = page
            .items
            .iter()
            .filter_map(|m| Timestamp::parse(&m.date).map(|i| (i, m.date.as_str())))
            .min_by_key(|(instant, _)| *instant)
            .map(|(instant, date)| (instant, printable(date)));
        let fresh: Vec<&Message> = page
            .items
            .iter()
            .filter(|m| {
                !plan
                    .resume
                    .as_ref()
                    .is_some_and(|p| p.covers(&m.id, &m.date))
            })
            .collect();
        count += fresh.len() as u64;
        spool.add_page(oldest_first(fresh).into_iter())?;
        progress.page(pages, count, oldest.as_ref().map(|(i, d)| (*i, d.as_str())));
    }
    progress.finish();

    let destination = match (&mut output_file, &plan.output) {
        (Some(file), Some(path)) => {
            let prepare = if plan.resume.is_some() {
                file.seek(SeekFrom::End(0)).map(|_| ())
            } else {
                file.set_len(0)
                    .and_then(|()| file.seek(SeekFrom::Start(0)).map(|_| ()))
            };
            prepare.map_err(|e| write_error(path, e))?;
            spool.copy_to(file).map_err(|e| write_error(path, e))?;
            file.sync_data().map_err(|e| write_error(path, e))?;
            path.display().to_string()
        }
        _ => {
            spool.copy_to(out).map_err(CliError::output)?;
            out.flush().map_err(CliError::output)?;
            "stdout".to_owned()
        }
    };
    let summary = match (&plan.resume, count) {
        (Some(point), 0) => format!(
            "no new messages in {} after {} ({})",
            plan.what,
            printable(&point.last_id),
            printable(&point.date)
        ),
        _ => format!(
            "exported {} of {} to {destination} ({})",
            plural(count, "message"),
            plan.what,
            plural(pages as u64, "page")
        ),
    };
    progress.summary(&summary);
    context.finish()
}

fn open_output(path: &Path) -> Result<File, CliError> {
    OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
        .map_err(|e| CliError::usage(format!("cannot write {}: {e}", path.display())))
}

fn write_error(path: &Path, error: std::io::Error) -> CliError {
    CliError::Output(std::io::Error::new(
        error.kind(),
        format!("{}: {error}", path.display()),
    ))
}

/// The messages of one page, oldest first. A page comes newest first (`reverse=false`); it is
/// sorted by date when every date can be read, so that a server that orders pages otherwise
/// still gives a chronological file.
fn oldest_first(mut page: Vec<&Message>) -> Vec<&Message> {
    page.reverse();
    let instants: Option<Vec<Timestamp>> = page.iter().map(|m| Timestamp::parse(&m.date)).collect();
    if let Some(instants) = instants {
        let mut keyed: Vec<(Timestamp, &Message)> = instants.into_iter().zip(page).collect();
        keyed.sort_by_key(|(instant, _)| *instant);
        return keyed.into_iter().map(|(_, m)| m).collect();
    }
    page
}

/// Pages of JSON Lines in a temporary file, each already oldest first, written out in reverse
/// page order.
struct Spool {
    file: File,
    /// Offset and length of each page, in the order they arrived (newest page first).
    pages: Vec<(u64, u64)>,
    end: u64,
}

impl Spool {
    fn new() -> Result<Spool, CliError> {
        let file = tempfile::tempfile().map_err(|e| {
            CliError::Output(std::io::Error::new(
                e.kind(),
                format!("could not create a temporary file: {e}"),
            ))
        })?;
        Ok(Spool {
            file,
            pages: Vec::new(),
            end: 0,
        })
    }

    /// Appends one page of messages, in the order given.
    fn add_page<'a>(
        &mut self,
        messages: impl Iterator<Item = &'a Message>,
    ) -> Result<(), CliError> {
        let mut buffer = Vec::new();
        for message in messages {
            serde_json::to_writer(&mut buffer, message)
                .map_err(|e| CliError::Output(std::io::Error::other(e)))?;
            buffer.push(b'\n');
        }
        if buffer.is_empty() {
            return Ok(());
        }
        self.file.write_all(&buffer).map_err(CliError::output)?;
        self.pages.push((self.end, buffer.len() as u64));
        self.end += buffer.len() as u64;
        Ok(())
    }

    /// Writes every page to `out`, the last one received first.
    fn copy_to(&mut self, out: &mut dyn Write) -> std::io::Result<()> {
        for &(offset, len) in self.pages.iter().rev() {
            self.file.seek(SeekFrom::Start(offset))?;
            let copied = std::io::copy(&mut (&mut self.file).take(len), out)?;
            if copied != len {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::UnexpectedEof,
                    "the temporary file was cut short",
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(id: &str, second: u32) -> Message {
        serde_json::from_value(serde_json::json!({
            "id": id,
            "date": format!("2019-01-01T00:00:{second:02}.000000+00:00"),
            "message": id
        }))
        .unwrap()
    }

    fn ids(messages: &[&Message]) -> Vec<String> {
        messages.iter().map(|m| m.id.clone()).collect()
    }

    #[test]
    fn a_page_is_turned_oldest_first_whatever_order_it_came_in() {
        let (a, b, c) = (message("a", 1), message("b", 2), message("c", 3));
        assert_eq!(ids(&oldest_first(vec![&c, &b, &a])), ["a", "b", "c"]);
        assert_eq!(ids(&oldest_first(vec![&a, &b, &c])), ["a", "b", "c"]);
        let mut undated = message("u", 0);
        undated.date = "yesterday".into();
        assert_eq!(
            ids(&oldest_first(vec![&c, &undated, &a])),
            ["a", "u", "c"],
            "without readable dates, the page is only reversed"
        );
    }

    #[test]
    fn the_spool_writes_the_last_page_first() {
        let messages: Vec<Message> = (1..=5).map(|n| message(&format!("m{n}"), n)).collect();
        let mut spool = Spool::new().unwrap();
        spool
            .add_page(oldest_first(vec![&messages[4], &messages[3]]).into_iter())
            .unwrap();
        spool.add_page(std::iter::empty()).unwrap();
        spool
            .add_page(oldest_first(vec![&messages[2], &messages[1], &messages[0]]).into_iter())
            .unwrap();
        let mut out = Vec::new();
        spool.copy_to(&mut out).unwrap();
        let written: Vec<String> = String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str::<Message>(l).unwrap().id)
            .collect();
        assert_eq!(written, ["m1", "m2", "m3", "m4", "m5"]);
    }
}
