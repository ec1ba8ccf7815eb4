//! The string-valued enums of the API. Each keeps unknown values in `Other(String)`.

use super::string_enum::string_enum;

string_enum! {
    /// Background colour of a room notification (`color`). The server's default is yellow.
    pub enum Color {
        /// Yellow, the default.
        Yellow => "yellow",
        /// Green.
        Green => "green",
        /// Red.
        Red => "red",
        /// Purple.
        Purple => "purple",
        /// Gray.
        Gray => "gray",
        /// A colour picked by the server.
        Random => "random",
    }
}

string_enum! {
    /// How a message body is interpreted (`message_format`).
    pub enum MessageFormat {
        /// A subset of HTML.
        Html => "html",
        /// Plain text, with @mention, emoticon and link processing.
        Text => "text",
    }
}

string_enum! {
    /// Who may see and join a room (`privacy`).
    pub enum Privacy {
        /// Anyone in the group.
        Public => "public",
        /// Members only.
        Private => "private",
    }
}

string_enum! {
    /// The kind of a notification card (`card.style`).
    pub enum CardStyle {
        /// A file.
        File => "file",
        /// An image.
        Image => "image",
        /// An application object, such as an issue or a build.
        Application => "application",
        /// A link.
        Link => "link",
        /// Media, such as a video.
        Media => "media",
    }
}

string_enum! {
    /// How many lines an application card takes (`card.format`).
    pub enum CardFormat {
        /// One or two lines.
        Compact => "compact",
        /// One to five lines.
        Medium => "medium",
    }
}

string_enum! {
    /// The look of a card attribute value (`card.attributes[].value.style`).
    pub enum CardAttributeStyle {
        /// A success lozenge.
        LozengeSuccess => "lozenge-success",
        /// An error lozenge.
        LozengeError => "lozenge-error",
        /// An in-progress lozenge.
        LozengeCurrent => "lozenge-current",
        /// A done lozenge.
        LozengeComplete => "lozenge-complete",
        /// A moved lozenge.
        LozengeMoved => "lozenge-moved",
        /// A neutral lozenge.
        Lozenge => "lozenge",
    }
}

string_enum! {
    /// The kind of a history message (`type`).
    pub enum MessageType {
        /// A message posted by a user.
        Message => "message",
        /// A notification posted by an integration.
        Notification => "notification",
        /// A guest joined or left.
        GuestAccess => "guest_access",
        /// The room topic changed.
        Topic => "topic",
    }
}

string_enum! {
    /// A user's availability (`presence.show`).
    pub enum PresenceShow {
        /// Away.
        Away => "away",
        /// Free to chat.
        Chat => "chat",
        /// Do not disturb.
        Dnd => "dnd",
        /// Away for an extended time.
        Xa => "xa",
    }
}

string_enum! {
    /// An OAuth scope: what a token may do.
    pub enum Scope {
        /// Group administration (not the group owner's profile).
        AdminGroup => "admin_group",
        /// Room administration.
        AdminRoom => "admin_room",
        /// Create, update and delete rooms.
        ManageRooms => "manage_rooms",
        /// Private messages, and posting into rooms as the user.
        SendMessage => "send_message",
        /// Room notifications.
        SendNotification => "send_notification",
        /// Users, rooms and other group information.
        ViewGroup => "view_group",
        /// Messages in the rooms and private chats the caller can see.
        ViewMessages => "view_messages",
        /// Room information and participants, not history.
        ViewRoom => "view_room",
        /// Importing users, rooms and history (approved add-ons only).
        ImportData => "import_data",
    }
}

string_enum! {
    /// The OAuth grant of a token request (`grant_type` of `POST /oauth/token`).
    pub enum GrantType {
        /// An add-on token, authenticated by the installation's OAuth id and secret.
        ClientCredentials => "client_credentials",
        /// Exchange an authorization code for a user token.
        AuthorizationCode => "authorization_code",
        /// Renew a user token.
        RefreshToken => "refresh_token",
        /// A user token from a user name and password.
        Password => "password",
        /// A personal access token.
        Personal => "personal",
        /// A room notification token.
        RoomNotification => "room_notification",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn known_values_round_trip_as_plain_strings() {
        for color in Color::KNOWN {
            let json = serde_json::to_string(color).unwrap();
            assert_eq!(json, format!("\"{}\"", color.as_str()));
            assert_eq!(&serde_json::from_str::<Color>(&json).unwrap(), color);
        }
        assert_eq!(
            serde_json::to_string(&GrantType::ClientCredentials).unwrap(),
            r#""client_credentials""#
        );
        assert_eq!(
            serde_json::from_str::<CardAttributeStyle>(r#""lozenge-success""#).unwrap(),
            CardAttributeStyle::LozengeSuccess
        );
        assert_eq!(
            serde_json::from_str::<MessageType>(r#""guest_access""#).unwrap(),
            MessageType::GuestAccess
        );
    }

    #[test]
    fn unknown_value_becomes_other_and_round_trips() {
        let color: Color = serde_json::from_str(r#""teal""#).unwrap();
        assert_eq!(color, Color::Other("teal".to_owned()));
        assert!(!color.is_known());
        assert_eq!(serde_json::to_string(&color).unwrap(), r#""teal""#);

        let scope: Scope = serde_json::from_value(serde_json::json!("admin_everything")).unwrap();
        assert_eq!(scope.as_str(), "admin_everything");
        assert_eq!(
            serde_json::to_value(&scope).unwrap(),
            serde_json::json!("admin_everything")
        );
    }

    #[test]
    fn conversions_and_display_use_the_wire_string() {
        assert_eq!(Color::from("green"), Color::Green);
        assert_eq!(Color::from(String::from("purple")), Color::Purple);
        assert_eq!(
            "html".parse::<MessageFormat>().unwrap(),
            MessageFormat::Html
        );
        assert_eq!(PresenceShow::Dnd.to_string(), "dnd");
        assert_eq!(Scope::ImportData.as_str(), "import_data");
        assert!(Privacy::Private.is_known());
        assert_eq!(GrantType::KNOWN.len(), 6);
    }

    #[test]
    fn other_spelling_a_known_value_equals_the_variant() {
        assert_eq!(Color::Other("green".to_owned()), Color::Green);
        let set: HashSet<Scope> = [Scope::ViewRoom, Scope::Other("view_room".to_owned())]
            .into_iter()
            .collect();
        assert_eq!(set.len(), 1);
    }

    #[test]
    fn non_string_is_a_decode_error() {
        assert!(serde_json::from_str::<Color>("3").is_err());
    }
}
