//! Signed requests from HipChat: JWT (HS256) verification and signing.
