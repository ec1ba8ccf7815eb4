//! Integrations API: add-on installation data, integration links and UI updates.
