//! Users: listing, profiles, create/update/delete, photos, presence and auto-join rooms.

use serde_json::{Value, json};

use super::{Access, Ctx, Route};
use crate::fake::FakeHipChat;
use crate::fake::body::{Fields, check_email, check_len, decode_image, one_of, wrong_type};
use crate::fake::render;
use crate::fake::reply::{Outcome, Reply};
use crate::fake::state::{Owner, State, UserRec};

/// The routes of this file, in catalogue order.
pub(crate) const ROUTES: &[Route] = &[
    Route {
        id: "prefs_public.get_auto_join_rooms",
        method: "GET",
        template: "/user/{id_or_email}/preference/auto-join",
        access: Access::Scopes(&["view_group"]),
        flood: false,
        handler: Some(get_auto_join_rooms),
    },
    Route {
        id: "users.get_all_users",
        method: "GET",
        template: "/user",
        access: Access::Scopes(&["view_group"]),
        flood: false,
        handler: Some(get_all_users),
    },
    Route {
        id: "users.create_user",
        method: "POST",
        template: "/user",
        access: Access::Scopes(&["admin_group"]),
        flood: false,
        handler: Some(create_user),
    },
    Route {
        id: "users.view_user",
        method: "GET",
        template: "/user/{id_or_email}",
        access: Access::Scopes(&["view_group"]),
        flood: false,
        handler: Some(view_user),
    },
    Route {
        id: "users.update_user",
        method: "PUT",
        template: "/user/{id_or_email}",
        access: Access::Scopes(&["admin_group"]),
        flood: false,
        handler: Some(update_user),
    },
    Route {
        id: "users.delete_user",
        method: "DELETE",
        template: "/user/{id_or_email}",
        access: Access::Scopes(&["admin_group"]),
        flood: false,
        handler: Some(delete_user),
    },
    Route {
        id: "users.get_photo",
        method: "GET",
        template: "/user/{id_or_email}/photo/{size}",
        access: Access::Scopes(&["view_group"]),
        flood: false,
        handler: Some(get_photo),
    },
    Route {
        id: "users.update_photo",
        method: "PUT",
        template: "/user/{id_or_email}/photo",
        access: Access::Scopes(&["admin_group"]),
        flood: false,
        handler: Some(update_photo),
    },
    Route {
        id: "users.delete_photo",
        method: "DELETE",
        template: "/user/{id_or_email}/photo",
        access: Access::Scopes(&["admin_group"]),
        flood: false,
        handler: Some(delete_photo),
    },
];

// ----- user rules -----

const SHOW_VALUES: &[&str] = &["away", "chat", "dnd", "xa"];

fn check_mention_name(mention: &str) -> Result<(), Reply> {
    check_len("mention_name", mention, 1, 50)?;
    if mention.starts_with('@') {
        return Err(Reply::bad_request(
            "mention_name must be written without the leading @",
        ));
    }
    if mention.chars().any(|c| c.is_whitespace() || c == '@') {
        return Err(Reply::bad_request(format!(
            "mention_name may not contain spaces or @ (got {mention:?})"
        )));
    }
    Ok(())
}

fn check_timezone(timezone: &str) -> Result<(), Reply> {
    let valid = !timezone.is_empty()
        && timezone.len() <= 64
        && timezone
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '_' | '-' | '+'));
    if valid {
        Ok(())
    } else {
        Err(Reply::bad_request(format!(
            "timezone must be a tz database name such as Europe/Paris (got {timezone:?})"
        )))
    }
}

/// The `name` (1 to 50 characters) and `email` of a profile body, both required.
fn name_and_email<'b>(body: &'b Fields<'_>) -> Result<(&'b str, &'b str), Reply> {
    let name = body.required_str("name")?;
    check_len("name", name, 1, 50)?;
    let email = body.required_str("email")?;
    check_email("email", email)?;
    Ok((name, email))
}

/// The optional `timezone` of a profile body.
fn opt_timezone<'b>(body: &'b Fields<'_>) -> Result<Option<&'b str>, Reply> {
    let timezone = body.opt_str("timezone")?;
    if let Some(timezone) = timezone {
        check_timezone(timezone)?;
    }
    Ok(timezone)
}

/// Whether another live user (not `except`) has this e-mail address.
pub(crate) fn email_taken(state: &State, email: &str, except: Option<u64>) -> bool {
    state
        .users
        .values()
        .any(|u| !u.is_deleted && Some(u.id) != except && u.email.eq_ignore_ascii_case(email))
}

fn mention_taken(state: &State, mention: &str, except: Option<u64>) -> bool {
    state.users.values().any(|u| {
        !u.is_deleted && Some(u.id) != except && u.mention_name.eq_ignore_ascii_case(mention)
    })
}

/// A free mention name made from the letters and digits of `name`.
pub(crate) fn derive_mention(state: &State, name: &str) -> String {
    let mut base: String = name
        .chars()
        .filter(|c| c.is_alphanumeric())
        .take(40)
        .collect();
    if base.is_empty() {
        base = "user".to_owned();
    }
    let mut candidate = base.clone();
    let mut n = 2;
    while mention_taken(state, &candidate, None) {
        candidate = format!("{base}{n}");
        n += 1;
    }
    candidate
}

/// The user holding the `owner` role.
pub(crate) fn group_owner(state: &State) -> Option<u64> {
    state
        .users
        .values()
        .find(|u| !u.is_deleted && u.roles.iter().any(|r| r == "owner"))
        .map(|u| u.id)
}

fn roles_for(is_admin: bool, owner: bool) -> Vec<String> {
    let mut roles = Vec::new();
    if is_admin {
        roles.push("admin".to_owned());
    }
    if owner {
        roles.push("owner".to_owned());
    }
    roles.push("user".to_owned());
    roles
}

// ----- handlers -----

/// `GET /user`: live members, plus guests with `include-guests` and deleted users with
/// `include-deleted`; `expand=items` gives full profiles. Paged.
fn get_all_users(ctx: &mut Ctx<'_>) -> Outcome {
    let (start, max) = render::page_params(ctx.req)?;
    let include_guests = ctx.req.query_bool("include-guests", false)?;
    let include_deleted = ctx.req.query_bool("include-deleted", false)?;
    let expand = ctx.req.query("expand").map(str::to_owned);
    let full = expand
        .as_deref()
        .is_some_and(|e| e.split(',').any(|part| part.trim() == "items"));
    let base = ctx.base();
    let state = &*ctx.state;
    let all: Vec<Value> = state
        .users
        .values()
        .filter(|u| include_guests || !u.is_guest)
        .filter(|u| include_deleted || !u.is_deleted)
        .map(|u| {
            if full {
                render::user_full(base, state, u)
            } else {
                render::user_ref(base, u)
            }
        })
        .collect();
    let mut extra = vec![
        ("include-guests", include_guests.to_string()),
        ("include-deleted", include_deleted.to_string()),
    ];
    if let Some(expand) = expand {
        extra.push(("expand", expand));
    }
    Ok(Reply::ok(render::page(
        base, "/user", &extra, all, start, max,
    )))
}

/// `POST /user`: 201 `{id, links{self}}`, plus the generated `password` when none was given.
fn create_user(ctx: &mut Ctx<'_>) -> Outcome {
    let body = Fields::parse(ctx.req)?;
    let (name, email) = name_and_email(&body)?;
    let roles = body.opt_strings("roles")?;
    let title = body.opt_str("title")?;
    let mention = body.opt_str("mention_name")?;
    if let Some(mention) = mention {
        check_mention_name(mention)?;
    }
    let is_admin = body.opt_bool("is_group_admin")?.unwrap_or(false);
    let timezone = opt_timezone(&body)?;
    let password = body.opt_str("password")?;
    if password == Some("") {
        return Err(Reply::bad_request(
            "password may not be empty; leave it out to have one generated",
        ));
    }
    let state = &mut *ctx.state;
    if email_taken(state, email, None) {
        return Err(Reply::bad_request(format!(
            "A user with the email {email} already exists"
        )));
    }
    if let Some(mention) = mention {
        if mention_taken(state, mention, None) {
            return Err(Reply::bad_request(format!(
                "The mention name {mention} is already taken"
            )));
        }
    }
    let mention = match mention {
        Some(m) => m.to_owned(),
        None => derive_mention(state, name),
    };
    let id = state.insert_user(name, &mention, email);
    let generated = password.is_none().then(|| format!("fake-password-{id}"));
    if let Some(user) = state.users.get_mut(&id) {
        user.title = title.unwrap_or_default().to_owned();
        user.timezone = timezone.unwrap_or("UTC").to_owned();
        user.is_group_admin = is_admin;
        user.roles = roles.unwrap_or_else(|| roles_for(is_admin, false));
        user.password = password.map(str::to_owned).or_else(|| generated.clone());
    }
    let mut answer = json!({
        "id": id,
        "links": {"self": format!("{}/user/{id}", ctx.base())},
    });
    if let Some(password) = generated {
        answer["password"] = json!(password);
    }
    Ok(Reply::created(answer))
}

/// `GET /user/{id_or_email}`: the full profile with presence; deleted users are 404.
fn view_user(ctx: &mut Ctx<'_>) -> Outcome {
    let id = ctx.user_param(0)?;
    let user = user_rec(ctx.state, id)?;
    Ok(Reply::ok(render::user_full(ctx.base(), ctx.state, user)))
}

fn user_rec(state: &State, id: u64) -> Result<&UserRec, Reply> {
    state
        .users
        .get(&id)
        .ok_or_else(|| Reply::not_found(format!("User not found: {id}")))
}

/// Refuses changes to guests (400) and, for anyone but the owner, to the group owner (403).
fn check_updatable(ctx: &Ctx<'_>, id: u64) -> Result<(), Reply> {
    let user = user_rec(ctx.state, id)?;
    if user.is_guest {
        return Err(Reply::bad_request("Guests cannot be updated"));
    }
    if group_owner(ctx.state) == Some(id) && ctx.caller_user() != Some(id) {
        return Err(Reply::forbidden(
            "The admin_group scope cannot change the group owner's profile",
        ));
    }
    Ok(())
}

/// `PUT /user/{id_or_email}`: replaces the profile. `name`, `email` and `mention_name` are
/// required; an omitted `title` becomes empty, `timezone` UTC and `is_group_admin` false (the
/// owner stays an admin); an omitted `password` keeps the current one; `presence` changes only
/// the members it sends (`status: null` clears the status). 204.
fn update_user(ctx: &mut Ctx<'_>) -> Outcome {
    let id = ctx.user_param(0)?;
    check_updatable(ctx, id)?;
    let body = Fields::parse(ctx.req)?;
    let (name, email) = name_and_email(&body)?;
    let mention = body.required_str("mention_name")?;
    check_mention_name(mention)?;
    let roles = body.opt_strings("roles")?;
    let title = body.opt_str("title")?;
    let is_admin = body.opt_bool("is_group_admin")?;
    let timezone = opt_timezone(&body)?;
    let password = body.opt_str("password")?;
    if password == Some("") {
        return Err(Reply::bad_request(
            "password may not be empty; leave it out to keep it",
        ));
    }
    let presence = body.opt_object("presence")?;
    let mut new_status: Option<Option<String>> = None;
    let mut new_show: Option<String> = None;
    if let Some(presence) = &presence {
        match presence.raw("status") {
            None => {}
            Some(Value::Null) => new_status = Some(None),
            Some(Value::String(status)) => new_status = Some(Some(status.clone())),
            Some(other) => {
                return Err(wrong_type(
                    &presence.name("status"),
                    "a string or null",
                    other,
                ));
            }
        }
        if let Some(show) = presence.opt_str("show")? {
            one_of("presence.show", show, SHOW_VALUES)?;
            new_show = Some(show.to_owned());
        }
    }
    let state = &mut *ctx.state;
    if email_taken(state, email, Some(id)) {
        return Err(Reply::bad_request(format!(
            "A user with the email {email} already exists"
        )));
    }
    if mention_taken(state, mention, Some(id)) {
        return Err(Reply::bad_request(format!(
            "The mention name {mention} is already taken"
        )));
    }
    let owner = group_owner(state) == Some(id);
    let Some(user) = state.users.get_mut(&id) else {
        return Err(Reply::not_found(format!("User not found: {id}")));
    };
    user.name = name.to_owned();
    user.email = email.to_owned();
    user.mention_name = mention.to_owned();
    user.title = title.unwrap_or_default().to_owned();
    user.timezone = timezone.unwrap_or("UTC").to_owned();
    user.is_group_admin = owner || is_admin.unwrap_or(false);
    user.roles = match roles {
        Some(mut roles) => {
            if owner && !roles.iter().any(|r| r == "owner") {
                roles.push("owner".to_owned());
            }
            roles
        }
        None => roles_for(user.is_group_admin, owner),
    };
    if let Some(password) = password {
        user.password = Some(password.to_owned());
    }
    if let Some(status) = new_status {
        user.presence.status = status;
    }
    if let Some(show) = new_show {
        user.presence.show = Some(show);
    }
    user.version += 1;
    Ok(Reply::no_content())
}

/// `DELETE /user/{id_or_email}`: marks the user deleted (later lookups are 404), revokes the
/// user's tokens and takes the user out of the rooms. The group owner cannot be deleted. 204.
fn delete_user(ctx: &mut Ctx<'_>) -> Outcome {
    let id = ctx.user_param(0)?;
    let state = &mut *ctx.state;
    if group_owner(state) == Some(id) {
        return Err(Reply::forbidden("The group owner cannot be deleted"));
    }
    if let Some(user) = state.users.get_mut(&id) {
        user.is_deleted = true;
        user.presence = Default::default();
        user.version += 1;
    }
    state.tokens.retain(|_, t| t.owner != Owner::User(id));
    for room in state.rooms.values_mut() {
        room.participants.remove(&id);
    }
    Ok(Reply::no_content())
}

/// Where the fake keeps user photos: `…/photo_125.png` (big) and `…/photo_36.png` (small).
fn photo_url(id: u64, version: u64, size: &str) -> String {
    let px = if size == "small" { 36 } else { 125 };
    format!("https://hipchat.fake/photos/{id}/{version}/photo_{px}.png")
}

/// `GET /user/{id_or_email}/photo/{size}`: 302 to the photo (or the default silhouette) in
/// `small` or `big`.
fn get_photo(ctx: &mut Ctx<'_>) -> Outcome {
    let id = ctx.user_param(0)?;
    let size = ctx.param(1);
    one_of("size", size, &["small", "big"])?;
    let user = user_rec(ctx.state, id)?;
    let location = match &user.photo_url {
        Some(big) if size == "big" => big.clone(),
        Some(_) => photo_url(id, user.version, "small"),
        None if size == "big" => "https://hipchat.fake/img/silhouette_125.png".to_owned(),
        None => "https://hipchat.fake/img/silhouette_36.png".to_owned(),
    };
    Ok(Reply::redirect(location))
}

/// `PUT /user/{id_or_email}/photo`: `{photo}` is a base64 PNG, JPEG or GIF; guests cannot be
/// updated. 204.
fn update_photo(ctx: &mut Ctx<'_>) -> Outcome {
    let id = ctx.user_param(0)?;
    if user_rec(ctx.state, id)?.is_guest {
        return Err(Reply::bad_request("Guests cannot be updated"));
    }
    let body = Fields::parse(ctx.req)?;
    let photo = body.required_str("photo")?;
    decode_image("photo", photo)?;
    if let Some(user) = ctx.state.users.get_mut(&id) {
        user.version += 1;
        user.photo_url = Some(photo_url(id, user.version, "big"));
    }
    Ok(Reply::no_content())
}

/// `DELETE /user/{id_or_email}/photo`: back to the default silhouette. 204.
fn delete_photo(ctx: &mut Ctx<'_>) -> Outcome {
    let id = ctx.user_param(0)?;
    if let Some(user) = ctx.state.users.get_mut(&id) {
        if user.photo_url.take().is_some() {
            user.version += 1;
        }
    }
    Ok(Reply::no_content())
}

/// `GET /user/{id_or_email}/preference/auto-join`: the rooms the user joins at login, paged.
fn get_auto_join_rooms(ctx: &mut Ctx<'_>) -> Outcome {
    let id = ctx.user_param(0)?;
    let (start, max) = render::page_params(ctx.req)?;
    let base = ctx.base();
    let state = &*ctx.state;
    let all: Vec<Value> = user_rec(state, id)?
        .auto_join
        .iter()
        .filter_map(|room| state.rooms.get(room))
        .filter(|room| !room.is_archived)
        .map(|room| render::room_summary(base, room))
        .collect();
    let path = format!("/user/{id}/preference/auto-join");
    Ok(Reply::ok(render::page(base, &path, &[], all, start, max)))
}

impl FakeHipChat {
    /// Sets what `presence` says about user `user_id`: whether the user is connected, the
    /// availability (`show`: `away`, `chat`, `dnd`, `xa`, or `None` for available; other
    /// values are kept as given, to test clients against unknown ones) and the status message.
    /// Going online also sets `last_active` to the fake's current time.
    ///
    /// `update_user` changes `show` and `status` too, but only `is_online` users show them.
    ///
    /// ```
    /// use hipchat_core::api::users::ViewUser;
    /// use hipchat_core::fake::FakeHipChat;
    /// use hipchat_core::model::PresenceShow;
    ///
    /// # futures_executor::block_on(async {
    /// let fake = FakeHipChat::new();
    /// let ada = fake.add_user("Ada Lovelace", "ada", "ada@example.com");
    /// fake.set_presence(ada, true, Some("dnd"), Some("Computing"));
    ///
    /// let user = fake.client().send(&ViewUser::new("@ada")).await?;
    /// let presence = user.presence.unwrap();
    /// assert!(presence.is_online);
    /// assert_eq!(presence.show, Some(PresenceShow::Dnd));
    /// # Ok::<(), hipchat_core::Error>(())
    /// # }).unwrap();
    /// ```
    ///
    /// # Panics
    ///
    /// If there is no such user: seeding presence for a missing user is a bug in the test.
    pub fn set_presence(
        &self,
        user_id: u64,
        online: bool,
        show: Option<&str>,
        status: Option<&str>,
    ) {
        let mut state = self.lock();
        let now = state.now;
        let user = state
            .users
            .get_mut(&user_id)
            .unwrap_or_else(|| panic!("FakeHipChat::set_presence: no user {user_id}"));
        user.presence.is_online = online;
        user.presence.show = show.map(str::to_owned);
        user.presence.status = status.map(str::to_owned);
        if online {
            user.last_active = Some(now);
        }
    }

    /// Sets the rooms user `user_id` joins at login (`GET /user/{id}/preference/auto-join`),
    /// in order. Rooms are given by id or name.
    ///
    /// # Panics
    ///
    /// If there is no such user or room.
    pub fn set_auto_join<R: Into<crate::RoomRef>>(
        &self,
        user_id: u64,
        rooms: impl IntoIterator<Item = R>,
    ) {
        let mut state = self.lock();
        let ids: Vec<u64> = rooms
            .into_iter()
            .map(|room| {
                let room = room.into();
                state
                    .find_room(room.as_str())
                    .unwrap_or_else(|| panic!("FakeHipChat::set_auto_join: no room {room}"))
            })
            .collect();
        let user = state
            .users
            .get_mut(&user_id)
            .unwrap_or_else(|| panic!("FakeHipChat::set_auto_join: no user {user_id}"));
        user.auto_join = ids;
    }
}

#[cfg(test)]
#[path = "users_tests.rs"]
mod tests;
