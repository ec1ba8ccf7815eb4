//! Prefs Public API: a user's public preferences.
