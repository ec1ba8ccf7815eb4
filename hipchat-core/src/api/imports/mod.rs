//! Imports API: back-dated users' and rooms' history and files. The paths of these methods are unconfirmed; see each method.
