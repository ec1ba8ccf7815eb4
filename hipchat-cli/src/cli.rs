//! The command line: every subcommand, flag and help text, as clap types.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use hipchat::model::{CardFormat, CardStyle, Color, MessageFormat};

/// Shown after the top-level help: exit codes, environment and configuration file.
const AFTER_HELP: &str = "\
Exit codes:
  0  success
  1  HipChat answered with an error (the message HipChat gave is printed)
  2  usage, configuration or invalid input: nothing was sent
  3  transport: no answer from the server (refused, unreachable, timeout)
  4  unexpected answer from the server, or a local failure writing output

Settings come from flags first, then the environment, then the configuration file.

Environment:
  HIPCHAT_TOKEN          access token (personal, room notification or add-on token)
  HIPCHAT_URL            API base URL, including /v2 [default: https://api.hipchat.com/v2]
  HIPCHAT_HOST           API host, as hipchat_room_message uses it (https://<host>/v2)
  HIPCHAT_ROOM           default room, id or name (HIPCHAT_ROOM_ID is also read)
  HIPCHAT_FROM, HIPCHAT_COLOR, HIPCHAT_FORMAT, HIPCHAT_NOTIFY, HIPCHAT_LEVEL
                         notification defaults, as hipchat_room_message reads them
  HIPCHAT_OAUTH_ID, HIPCHAT_OAUTH_SECRET
                         OAuth client credentials for `hipchat token`
  HIPCHAT_CONFIG         configuration file to read instead of the default one
  HIPCHAT_FAKE_STATE     state file of the in-memory HipChat (see --fake-state)

Configuration file (TOML): --config PATH, else $HIPCHAT_CONFIG, else
$XDG_CONFIG_HOME/hipchat/config.toml or ~/.config/hipchat/config.toml. Keys: token, url,
room, from, color, format, notify, level, retries, timeout, insecure_http,
oauth_client_id, oauth_client_secret.";

/// The `hipchat` command.
#[derive(Debug, Parser)]
#[command(
    name = "hipchat",
    version,
    about = "A command line client for the HipChat REST API v2",
    long_about = "A command line client for the HipChat REST API v2: send notifications, \
                  messages and files, list rooms and users, export chat history, get OAuth \
                  tokens. Messages are sent as JSON built by the client, so any text, \
                  newlines, tabs and unicode included, arrives exactly as given.",
    after_help = AFTER_HELP
)]
pub struct Cli {
    /// Flags shared by every command.
    #[command(flatten)]
    pub global: GlobalArgs,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Flags accepted by every command, before or after its name.
#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// Access token [env: HIPCHAT_TOKEN]. Prefer the environment or the config file: a flag
    /// shows in the process list.
    #[arg(long, short = 't', global = true, value_name = "TOKEN")]
    pub token: Option<String>,

    /// API base URL, including /v2 [env: HIPCHAT_URL] [default: https://api.hipchat.com/v2]
    #[arg(long, global = true, value_name = "URL")]
    pub url: Option<String>,

    /// Configuration file (TOML) [env: HIPCHAT_CONFIG]
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// Print the HTTP request the command would send, and send nothing
    #[arg(long, global = true)]
    pub dry_run: bool,

    /// With --dry-run, print the Authorization header unredacted
    #[arg(long, global = true, requires = "dry_run")]
    pub show_token: bool,

    /// Run against an in-memory HipChat (seeded with rooms "Ops" and "Dev") instead of a server
    #[arg(long, global = true)]
    pub fake: bool,

    /// With --fake, keep what commands change in this file, so that later runs see it
    /// [env: HIPCHAT_FAKE_STATE]
    #[arg(long, global = true, value_name = "PATH")]
    pub fake_state: Option<PathBuf>,

    /// How many times a request refused with 429 (or whose connection failed) is sent again
    /// [default: 3]
    #[arg(long, global = true, value_name = "N")]
    pub retries: Option<u32>,

    /// Seconds to wait for each response [default: 30]
    #[arg(long, global = true, value_name = "SECONDS")]
    pub timeout: Option<u64>,

    /// Allow a plain http:// URL to a host that is not loopback (the token crosses the
    /// network in clear)
    #[arg(long, global = true)]
    pub insecure_http: bool,

    /// Print no progress or hints on stderr (errors are still printed)
    #[arg(long, short = 'q', global = true)]
    pub quiet: bool,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Send a notification to a room (as an integration, with an optional card)
    Notify(NotifyArgs),
    /// Send a message to a room as the token's user, or a private message to a user
    Message(MessageArgs),
    /// Share a file with a room or a user
    ShareFile(ShareFileArgs),
    /// Rooms
    #[command(subcommand)]
    Rooms(RoomsCommand),
    /// Users
    #[command(subcommand)]
    Users(UsersCommand),
    /// Chat history
    #[command(subcommand)]
    History(HistoryCommand),
    /// Get an access token with the OAuth client credentials grant
    Token(TokenArgs),
}

/// `hipchat notify`.
#[derive(Debug, Args)]
#[command(
    after_help = "The message is read from stdin when it is absent or `-`; one \
                         trailing newline of stdin is dropped, everything else is kept."
)]
pub struct NotifyArgs {
    /// The message; read from stdin when absent or `-`
    #[arg(value_name = "MESSAGE")]
    pub message: Option<String>,

    /// Room id or name [env: HIPCHAT_ROOM, HIPCHAT_ROOM_ID]
    #[arg(long, short = 'r', value_name = "ROOM")]
    pub room: Option<String>,

    /// Background colour [env: HIPCHAT_COLOR]
    #[arg(long, short = 'c', value_enum, value_name = "COLOR")]
    pub color: Option<ColorArg>,

    /// Nagios-style level that picks the colour; an explicit --color wins [env: HIPCHAT_LEVEL]
    #[arg(long, short = 'l', value_enum, value_name = "LEVEL")]
    pub level: Option<LevelArg>,

    /// How HipChat reads the message [env: HIPCHAT_FORMAT] [default: text]
    #[arg(long, short = 'm', value_enum, value_name = "FORMAT")]
    pub format: Option<FormatArg>,

    /// Alert the people in the room [env: HIPCHAT_NOTIFY]
    #[arg(long, short = 'n', overrides_with = "no_notify")]
    pub notify: bool,

    /// Do not alert the people in the room, whatever the environment or config say
    #[arg(long, overrides_with = "notify")]
    pub no_notify: bool,

    /// Label shown next to the integration's name [env: HIPCHAT_FROM]
    #[arg(long, short = 'f', value_name = "NAME")]
    pub from: Option<String>,

    /// Card options.
    #[command(flatten)]
    pub card: CardArgs,
}

/// The `--card-*` options of `hipchat notify`.
#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = "Card")]
pub struct CardArgs {
    /// Card title; every other --card-* option needs it
    #[arg(long, value_name = "TITLE")]
    pub card_title: Option<String>,

    /// Card style [default: application]
    #[arg(long, value_enum, requires = "card_title", value_name = "STYLE")]
    pub card_style: Option<CardStyleArg>,

    /// Card id, which lets HipChat recognise repeated sends of the same card [default: derived
    /// from the card's content]
    #[arg(long, requires = "card_title", value_name = "ID")]
    pub card_id: Option<String>,

    /// Card description
    #[arg(long, requires = "card_title", value_name = "TEXT")]
    pub card_description: Option<String>,

    /// URL opened when the card is clicked
    #[arg(long, requires = "card_title", value_name = "URL")]
    pub card_url: Option<String>,

    /// Card icon URL
    #[arg(long, requires = "card_title", value_name = "URL")]
    pub card_icon: Option<String>,

    /// Lines an application card takes
    #[arg(long, value_enum, requires = "card_title", value_name = "FORMAT")]
    pub card_format: Option<CardFormatArg>,

    /// A card attribute `label=value` (or just `value`); repeatable, shown in order
    #[arg(long, requires = "card_title", value_name = "LABEL=VALUE")]
    pub card_attribute: Vec<String>,
}

/// `hipchat message`.
#[derive(Debug, Args)]
#[command(
    after_help = "The message is read from stdin when it is absent or `-`; one \
                         trailing newline of stdin is dropped, everything else is kept. \
                         A room message prints the new message's id."
)]
pub struct MessageArgs {
    /// The message; read from stdin when absent or `-`
    #[arg(value_name = "MESSAGE")]
    pub message: Option<String>,

    /// Room id or name [env: HIPCHAT_ROOM, HIPCHAT_ROOM_ID]
    #[arg(long, short = 'r', value_name = "ROOM", conflicts_with = "user")]
    pub room: Option<String>,

    /// Send a private message to this user (id, e-mail or @mention) instead
    #[arg(long, short = 'u', value_name = "USER")]
    pub user: Option<String>,

    /// Alert the user (private messages only, with --user)
    #[arg(long, short = 'n')]
    pub notify: bool,

    /// How HipChat reads a private message (with --user) [default: text]
    #[arg(long, short = 'm', value_enum, value_name = "FORMAT")]
    pub format: Option<FormatArg>,
}

/// `hipchat share-file`.
#[derive(Debug, Args)]
pub struct ShareFileArgs {
    /// The file to share
    #[arg(value_name = "PATH")]
    pub path: PathBuf,

    /// Room id or name [env: HIPCHAT_ROOM, HIPCHAT_ROOM_ID]
    #[arg(long, short = 'r', value_name = "ROOM", conflicts_with = "user")]
    pub room: Option<String>,

    /// Share with this user (id, e-mail or @mention) instead of a room
    #[arg(long, short = 'u', value_name = "USER")]
    pub user: Option<String>,

    /// A message sent with the file
    #[arg(long, value_name = "TEXT")]
    pub message: Option<String>,
}

/// `hipchat rooms ...`.
#[derive(Debug, Subcommand)]
pub enum RoomsCommand {
    /// List every room, page after page
    List(RoomsListArgs),
}

/// `hipchat rooms list`.
#[derive(Debug, Args)]
pub struct RoomsListArgs {
    /// Include private rooms
    #[arg(long)]
    pub include_private: bool,

    /// Include archived rooms
    #[arg(long)]
    pub include_archived: bool,

    /// Print JSON Lines (one room object per line) instead of a table
    #[arg(long)]
    pub json: bool,

    /// Rooms asked for per request (1 to 1000) [default: 1000]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=1000))]
    pub page_size: Option<u64>,
}

/// `hipchat users ...`.
#[derive(Debug, Subcommand)]
pub enum UsersCommand {
    /// List every user, page after page
    List(UsersListArgs),
}

/// `hipchat users list`.
#[derive(Debug, Args)]
pub struct UsersListArgs {
    /// Include guest users
    #[arg(long)]
    pub include_guests: bool,

    /// Include deleted users
    #[arg(long)]
    pub include_deleted: bool,

    /// Print JSON Lines (one user object per line) instead of a table
    #[arg(long)]
    pub json: bool,

    /// Users asked for per request (1 to 1000) [default: 1000]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=1000))]
    pub page_size: Option<u64>,
}

/// `hipchat history ...`.
#[derive(Debug, Subcommand)]
pub enum HistoryCommand {
    /// Export the history of a room or a private chat as JSON Lines, oldest message first
    Export(HistoryExportArgs),
}

/// `hipchat history export`.
#[derive(Debug, Args)]
#[command(
    after_help = "Dates are ISO-8601: `2017-05-01` or `2017-05-01T12:30:00Z`; a \
                         date-time without an offset is UTC. `--until 2017-05-31` includes \
                         the whole of that day. With --resume, the last line of --output \
                         names the last message exported; the export continues after it and \
                         appends, so running it again later picks up new messages."
)]
pub struct HistoryExportArgs {
    /// Room id or name [env: HIPCHAT_ROOM, HIPCHAT_ROOM_ID]
    #[arg(long, short = 'r', value_name = "ROOM", conflicts_with = "user")]
    pub room: Option<String>,

    /// Export the private chat with this user (id, e-mail or @mention) instead
    #[arg(long, short = 'u', value_name = "USER")]
    pub user: Option<String>,

    /// Earliest message to export (inclusive)
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,

    /// Latest message to export (inclusive) [default: now]
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,

    /// Write to this file instead of stdout
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Continue after the last message in --output, appending to it
    #[arg(long, requires = "output")]
    pub resume: bool,

    /// Messages asked for per request (1 to 1000) [default: 1000]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=1000))]
    pub page_size: Option<u64>,

    /// Include deleted messages (without their text)
    #[arg(long)]
    pub include_deleted: bool,
}

/// `hipchat token`.
#[derive(Debug, Args)]
pub struct TokenArgs {
    /// OAuth client id [env: HIPCHAT_OAUTH_ID]
    #[arg(long, value_name = "ID")]
    pub client_id: Option<String>,

    /// OAuth client secret [env: HIPCHAT_OAUTH_SECRET]. Prefer the environment or the config
    /// file: a flag shows in the process list.
    #[arg(long, value_name = "SECRET")]
    pub client_secret: Option<String>,

    /// A scope to ask for (repeatable), such as send_notification or view_room
    #[arg(long, value_name = "SCOPE")]
    pub scope: Vec<String>,

    /// Print the whole answer as JSON instead of only the access token
    #[arg(long)]
    pub json: bool,
}

/// A notification colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    /// Yellow (HipChat's default)
    Yellow,
    /// Green
    Green,
    /// Red
    Red,
    /// Purple
    Purple,
    /// Gray
    Gray,
    /// A random colour
    Random,
}

impl From<ColorArg> for Color {
    fn from(color: ColorArg) -> Self {
        match color {
            ColorArg::Yellow => Color::Yellow,
            ColorArg::Green => Color::Green,
            ColorArg::Red => Color::Red,
            ColorArg::Purple => Color::Purple,
            ColorArg::Gray => Color::Gray,
            ColorArg::Random => Color::Random,
        }
    }
}

/// A Nagios-style level, mapped to a colour as hipchat_room_message does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LevelArg {
    /// Red
    Critical,
    /// Yellow
    Warning,
    /// Gray
    Unknown,
    /// Green
    Ok,
    /// Red
    Down,
    /// Green
    Up,
}

impl LevelArg {
    /// The colour the level stands for.
    pub fn color(self) -> ColorArg {
        match self {
            LevelArg::Critical | LevelArg::Down => ColorArg::Red,
            LevelArg::Warning => ColorArg::Yellow,
            LevelArg::Unknown => ColorArg::Gray,
            LevelArg::Ok | LevelArg::Up => ColorArg::Green,
        }
    }
}

/// How HipChat reads a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Shown as typed: @mentions, emoticons and links are recognised
    Text,
    /// HTML (a small set of tags); must be valid HTML
    Html,
}

impl From<FormatArg> for MessageFormat {
    fn from(format: FormatArg) -> Self {
        match format {
            FormatArg::Text => MessageFormat::Text,
            FormatArg::Html => MessageFormat::Html,
        }
    }
}

/// A card style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CardStyleArg {
    /// A file
    File,
    /// An image
    Image,
    /// An application
    Application,
    /// A link
    Link,
    /// A media item
    Media,
}

impl From<CardStyleArg> for CardStyle {
    fn from(style: CardStyleArg) -> Self {
        match style {
            CardStyleArg::File => CardStyle::File,
            CardStyleArg::Image => CardStyle::Image,
            CardStyleArg::Application => CardStyle::Application,
            CardStyleArg::Link => CardStyle::Link,
            CardStyleArg::Media => CardStyle::Media,
        }
    }
}

/// How many lines an application card takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CardFormatArg {
    /// One line
    Compact,
    /// Several lines
    Medium,
}

impl From<CardFormatArg> for CardFormat {
    fn from(format: CardFormatArg) -> Self {
        match format {
            CardFormatArg::Compact => CardFormat::Compact,
            CardFormatArg::Medium => CardFormat::Medium,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn global_flags_go_before_or_after_the_command() {
        let cli =
            Cli::try_parse_from(["hipchat", "notify", "hi", "-r", "Ops", "--dry-run"]).unwrap();
        assert!(cli.global.dry_run);
        let cli = Cli::try_parse_from(["hipchat", "--fake", "rooms", "list"]).unwrap();
        assert!(cli.global.fake);
    }

    #[test]
    fn card_options_need_a_title() {
        let err = Cli::try_parse_from(["hipchat", "notify", "hi", "--card-url", "https://x"])
            .unwrap_err();
        assert_eq!(err.exit_code(), 2);
    }

    #[test]
    fn levels_map_to_the_colours_of_the_old_script() {
        assert_eq!(LevelArg::Critical.color(), ColorArg::Red);
        assert_eq!(LevelArg::Warning.color(), ColorArg::Yellow);
        assert_eq!(LevelArg::Unknown.color(), ColorArg::Gray);
        assert_eq!(LevelArg::Ok.color(), ColorArg::Green);
        assert_eq!(LevelArg::Down.color(), ColorArg::Red);
        assert_eq!(LevelArg::Up.color(), ColorArg::Green);
    }
}
