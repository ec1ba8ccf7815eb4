//! `timezone` and `include_deleted`, the query parameters every private-chat history method
//! shares (spelled exactly so on the wire: `include_deleted` has an underscore on history
//! methods).

/// The shared history parameters of one request; unset ones are not sent.
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
}

/// The `timezone` and `include_deleted` setters of an endpoint whose `options` field is a
/// [`HistoryOptions`].
macro_rules! history_option_setters {
    () => {
        /// The time zone of the returned dates, a tz database name such as `Europe/Paris`
        /// (`timezone`, default `UTC`).
        pub fn timezone(mut self, timezone: impl Into<String>) -> Self {
            self.options.timezone = Some(timezone.into());
            self
        }

        /// Whether deleted messages are included, without their text (`include_deleted`, with
        /// an underscore on history methods).
        pub fn include_deleted(mut self, include: bool) -> Self {
            self.options.include_deleted = Some(include);
            self
        }
    };
}
pub(crate) use history_option_setters;
