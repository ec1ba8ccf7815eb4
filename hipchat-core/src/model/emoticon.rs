//! Emoticons.
