//! The add-on capabilities descriptor that HipChat fetches from the add-on.
