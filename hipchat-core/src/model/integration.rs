//! Add-on integrations: installable data, integration links, UI updates.
