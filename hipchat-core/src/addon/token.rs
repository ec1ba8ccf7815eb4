//! OAuth access tokens an add-on holds and refreshes.
