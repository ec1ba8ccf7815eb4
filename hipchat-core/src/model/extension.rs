//! Add-on extension modules (actions, dialogs, external pages, glances, web panels, webhooks) and glance data.
