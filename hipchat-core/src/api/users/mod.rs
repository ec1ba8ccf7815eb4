//! Users API: people in the group, their profiles and private messages.

mod get_all_users;
mod private_message_user;
mod view_user;

pub use get_all_users::GetAllUsers;
pub use private_message_user::PrivateMessageUser;
pub use view_user::ViewUser;
