//! Emoticons API: the group's custom and global emoticons.
