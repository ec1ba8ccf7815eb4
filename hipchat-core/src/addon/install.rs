//! Installation and uninstallation payloads.
