//! Groups API: the group, its avatar and statistics.
