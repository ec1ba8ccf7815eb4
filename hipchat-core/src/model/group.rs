//! Groups and their statistics.
