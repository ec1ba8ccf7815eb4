//! Webhook events HipChat sends to an add-on.
