//! `start-index` and `max-results`, the two query parameters every paginated method shares.

use crate::{InvalidInput, Query};

/// The paging parameters of one request; unset ones are not sent.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Paging {
    pub(crate) start_index: Option<u64>,
    pub(crate) max_results: Option<u64>,
}

impl Paging {
    /// Appends `start-index` and `max-results` (when set) to `query`.
    pub(crate) fn push_to(&self, query: Query) -> Query {
        query
            .push_opt("start-index", self.start_index)
            .push_opt("max-results", self.max_results)
    }

    /// `max-results` is 0 to 1000 on every paginated method.
    pub(crate) fn validate(&self) -> Result<(), InvalidInput> {
        match self.max_results {
            Some(n) if n > 1000 => Err(InvalidInput::new(
                "max-results",
                format!("must be 0..=1000 (got {n})"),
            )),
            _ => Ok(()),
        }
    }
}

/// The `start_index` and `max_results` setters of a paginated endpoint whose `paging` field is a
/// [`Paging`]; `$items` names what is listed, for the docs.
macro_rules! paging_setters {
    ($items:literal) => {
        #[doc = concat!("The index of the first ", $items, " to return (`start-index`, default 0).")]
        pub fn start_index(mut self, start_index: u64) -> Self {
            self.paging.start_index = Some(start_index);
            self
        }

        #[doc = concat!("How many ", $items, " to return (`max-results`, 0 to 1000).")]
        pub fn max_results(mut self, max_results: u64) -> Self {
            self.paging.max_results = Some(max_results);
            self
        }
    };
}
pub(crate) use paging_setters;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sends_only_what_is_set_and_caps_max_results() {
        assert_eq!(Paging::default().push_to(Query::new()).encode(), "");
        let paging = Paging {
            start_index: Some(200),
            max_results: Some(1000),
        };
        assert_eq!(
            paging.push_to(Query::new().push("a", 1)).encode(),
            "a=1&start-index=200&max-results=1000"
        );
        paging.validate().unwrap();
        let err = Paging {
            start_index: None,
            max_results: Some(1001),
        }
        .validate()
        .unwrap_err();
        assert_eq!(
            (err.field(), err.rule()),
            ("max-results", "must be 0..=1000 (got 1001)")
        );
    }
}
