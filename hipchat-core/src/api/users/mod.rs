//! Users API: people in the group, their profiles and private messages.

pub(crate) mod checks;

mod create_user;
mod delete_photo;
mod delete_user;
mod get_all_users;
mod get_photo;
mod get_privatechat_message;
mod private_message_user;
mod share_file_with_user;
mod share_link_with_user;
mod update_photo;
mod update_user;
mod view_privatechat_history;
mod view_recent_privatechat_history;
mod view_user;

pub use create_user::CreateUser;
pub use delete_photo::DeletePhoto;
pub use delete_user::DeleteUser;
pub use get_all_users::GetAllUsers;
pub use get_photo::GetPhoto;
pub use get_privatechat_message::GetPrivatechatMessage;
pub use private_message_user::PrivateMessageUser;
pub use share_file_with_user::ShareFileWithUser;
pub use share_link_with_user::ShareLinkWithUser;
pub use update_photo::UpdatePhoto;
pub use update_user::UpdateUser;
pub use view_privatechat_history::ViewPrivatechatHistory;
pub use view_recent_privatechat_history::ViewRecentPrivatechatHistory;
pub use view_user::ViewUser;
