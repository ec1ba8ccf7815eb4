//! Room webhooks registered over the REST API.
