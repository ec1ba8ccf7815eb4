//! Extensions API: add-on modules (actions, dialogs, external pages, glances, web panels, webhooks) created at run time, for the whole group or one room.
