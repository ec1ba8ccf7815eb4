//! The query parameters that the history methods of rooms and private chats have in common.
//!
//! `timezone` and `include_deleted` (with an underscore on all of these methods) go with every
//! history read, including fetching one message. The paged `history` methods add `date`,
//! `reverse` and `end-date` around the shared [`Paging`]. Each endpoint keeps the order of its
//! own documentation on the wire.

use crate::Query;
use crate::api::Paging;

/// `timezone` and `include_deleted`; unset ones are not sent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct HistoryOptions {
    pub(crate) timezone: Option<String>,
    pub(crate) include_deleted: Option<bool>,
}

impl HistoryOptions {
    /// `timezone`, as the query wants it.
    pub(crate) fn timezone(&self) -> Option<&str> {
        self.timezone.as_deref()
    }

    /// Appends `timezone` then `include_deleted`, for the methods that send them side by side.
    pub(crate) fn push_to(&self, query: Query) -> Query {
        query
            .push_opt("timezone", self.timezone())
            .push_opt("include_deleted", self.include_deleted)
    }
}

/// What a paged `history` method (room or private chat) takes besides its paging.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct HistoryRange {
    pub(crate) date: Option<String>,
    pub(crate) options: HistoryOptions,
    pub(crate) reverse: Option<bool>,
    pub(crate) end_date: Option<String>,
}

impl HistoryRange {
    /// The whole query of a `history` method: `date`, `timezone`, `start-index`, `max-results`,
    /// `reverse`, `include_deleted`, `end-date`, as both methods document them.
    pub(crate) fn query(&self, paging: &Paging) -> Query {
        let query = Query::new()
            .push_opt("date", self.date.as_deref())
            .push_opt("timezone", self.options.timezone());
        paging
            .push_to(query)
            .push_opt("reverse", self.reverse)
            .push_opt("include_deleted", self.options.include_deleted)
            .push_opt("end-date", self.end_date.as_deref())
    }
}

/// The `timezone` and `include_deleted` setters of an endpoint that keeps its
/// [`HistoryOptions`] at `self.<path>`. The first word picks the documented wording:
/// `room_history`, `room_message` or `private_chat`.
macro_rules! history_option_setters {
    (room_history, $($options:ident).+) => {
        $crate::api::history::history_option_setters!(
            @setters $($options).+,
            "The time zone of the returned dates, a tz database name (`timezone`, default `UTC`).",
            "Whether deleted messages are included, without their text (`include_deleted`, with \
             an underscore on this method)."
        );
    };
    (room_message, $($options:ident).+) => {
        $crate::api::history::history_option_setters!(
            @setters $($options).+,
            "The time zone of the returned date, a tz database name (`timezone`, default `UTC`).",
            "Whether a deleted message is returned, without its text (`include_deleted`, with an \
             underscore on this method)."
        );
    };
    (private_chat, $($options:ident).+) => {
        $crate::api::history::history_option_setters!(
            @setters $($options).+,
            "The time zone of the returned dates, a tz database name such as `Europe/Paris` \
             (`timezone`, default `UTC`).",
            "Whether deleted messages are included, without their text (`include_deleted`, with \
             an underscore on history methods)."
        );
    };
    (@setters $($options:ident).+, $timezone_doc:literal, $include_deleted_doc:literal) => {
        #[doc = $timezone_doc]
        pub fn timezone(mut self, timezone: impl Into<String>) -> Self {
            self.$($options).+.timezone = Some(timezone.into());
            self
        }

        #[doc = $include_deleted_doc]
        pub fn include_deleted(mut self, include: bool) -> Self {
            self.$($options).+.include_deleted = Some(include);
            self
        }
    };
}
pub(crate) use history_option_setters;

/// The setters of a paged `history` method whose `history` field is a [`HistoryRange`] (next to
/// a `paging` field for [`paging_setters`](crate::api::paging_setters)): `date`, `timezone`,
/// `reverse`, `include_deleted` and `end_date`, with the wording named as for
/// [`history_option_setters`].
macro_rules! history_range_setters {
    ($wording:ident) => {
        /// Return history up to this ISO-8601 date-time (`date`); `recent` (the server's default)
        /// returns the latest 75 messages without paging.
        pub fn date(mut self, date: impl Into<String>) -> Self {
            self.history.date = Some(date.into());
            self
        }

        /// Oldest first when true (the server's default); false gives stable paging.
        pub fn reverse(mut self, reverse: bool) -> Self {
            self.history.reverse = Some(reverse);
            self
        }

        /// The earliest ISO-8601 date-time to include (`end-date`); needs `date`.
        pub fn end_date(mut self, end_date: impl Into<String>) -> Self {
            self.history.end_date = Some(end_date.into());
            self
        }

        $crate::api::history::history_option_setters!($wording, history.options);
    };
}
pub(crate) use history_range_setters;
