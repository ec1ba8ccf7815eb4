//! Paging through collections.
