//! Emoticons API: the group's custom and global emoticons.

mod get_all_emoticons;
mod get_emoticon;

pub use get_all_emoticons::GetAllEmoticons;
pub use get_emoticon::GetEmoticon;
