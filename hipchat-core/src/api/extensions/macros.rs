//! The generator of the extension endpoints. The 36 methods follow one pattern: for each of the
//! six module kinds, a read, a create-or-replace and a delete, for the whole group
//! (`/extension/<kind>/{key}`) and for one room (`/room/{room_id_or_name}/extension/<kind>/{key}`).
//! One invocation per kind declares its six structs with their docs and examples.
//!
//! The create methods take the module itself and use its own `key` as the path `key`, so the
//! key in the path and the key in the body can never differ (the API's behaviour on a mismatch
//! is not documented).

macro_rules! extension_endpoints {
    (
        segment: $segment:literal,
        module: $Module:ident,
        noun: $noun:literal,
        path_note: $path_note:literal,
        created_note: $created_note:literal,
        example: {
            key: $ekey:literal,
            uses: $euses:literal,
            build: $ebuild:literal,
            json: $ejson:literal,
            var: $evar:literal,
            check: $echeck:literal $(,)?
        },
        global: { $($global:tt)* },
        room: { $($room:tt)* } $(,)?
    ) => {
        extension_endpoints!(@global
            [$segment, $Module, $noun, $path_note, $created_note, $ekey, $euses, $ebuild, $ejson, $evar, $echeck]
            $($global)*
        );
        extension_endpoints!(@room
            [$segment, $Module, $noun, $path_note, $created_note, $ekey, $euses, $ebuild, $ejson, $evar, $echeck]
            $($room)*
        );
    };

    (@global
        [$segment:literal, $Module:ident, $noun:literal, $path_note:literal, $created_note:literal,
         $ekey:literal, $euses:literal, $ebuild:literal, $ejson:literal, $evar:literal, $echeck:literal]
        get: $Get:ident $get_slug:literal $get_star:literal,
        create: $Create:ident $create_slug:literal $create_star:literal,
        delete: $Delete:ident $delete_slug:literal $delete_star:literal,
        scope: $scope:literal,
        limit: $limit:literal $(,)?
    ) => {
        #[doc = concat!("`GET /extension/", $segment, "/{key}`")]
        #[doc = ""]
        #[doc = concat!("Reads the group-wide ", $noun, " module with this key that the token's add-on created, and answers it decoded as")]
        #[doc = concat!("[`", stringify!($Module), "`](crate::model::", stringify!($Module), ").")]
        #[doc = ""]
        #[doc = concat!("Scope: ", $scope, " Use an add-on token.")]
        #[doc = ""]
        #[doc = "Checked before sending: `key` has 1 to 40 characters, each a letter, digit, `_`, `-` or `.`."]
        #[doc = ""]
        #[doc = "The answer's shape is unconfirmed: it is read as the module object. Members this crate does"]
        #[doc = "not model are kept in the module's `other` map; an object that lacks a required member gives"]
        #[doc = concat!("[`Error::Decode`](crate::Error::Decode), which keeps the raw body. ", $path_note)]
        #[doc = ""]
        #[doc = concat!("Official documentation: <https://www.hipchat.com/docs/apiv2/method/", $get_slug, ">", $get_star)]
        #[doc = ""]
        #[doc = "```"]
        #[doc = "# #[cfg(feature = \"mock\")] futures_executor::block_on(async {"]
        #[doc = concat!("use hipchat_core::api::extensions::", stringify!($Get), ";")]
        #[doc = "use hipchat_core::mock::{MockBackend, MockResponse};"]
        #[doc = "use hipchat_core::Client;"]
        #[doc = "use serde_json::json;"]
        #[doc = ""]
        #[doc = "let mock = MockBackend::new();"]
        #[doc = concat!("mock.expect_get(\"/v2/extension/", $segment, "/", $ekey, "\")")]
        #[doc = concat!("    .respond(MockResponse::json(200, json!(", $ejson, ")));")]
        #[doc = "let client = Client::builder().token(\"addon-token\").backend(mock).build()?;"]
        #[doc = concat!("let ", $evar, " = client.send(&", stringify!($Get), "::new(\"", $ekey, "\")).await?;")]
        #[doc = $echeck]
        #[doc = "# Ok::<(), hipchat_core::Error>(()) }).unwrap();"]
        #[doc = "```"]
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct $Get {
            key: $crate::ExtensionKey,
        }

        impl $Get {
            #[doc = concat!("The group-wide ", $noun, " module with module key `key`.")]
            pub fn new(key: impl Into<$crate::ExtensionKey>) -> Self {
                $Get { key: key.into() }
            }
        }

        impl $crate::Endpoint for $Get {
            type Response = $crate::model::$Module;

            fn method(&self) -> ::http::Method {
                ::http::Method::GET
            }

            fn path(&self) -> $crate::Path {
                $crate::Path::new()
                    .lit("extension")
                    .lit($segment)
                    .param("key", &self.key)
            }

            fn validate(&self) -> Result<(), $crate::InvalidInput> {
                $crate::model::check_key("key", self.key.as_str())
            }
        }

        #[doc = concat!("`PUT /extension/", $segment, "/{key}`")]
        #[doc = ""]
        #[doc = concat!("Creates a group-wide ", $noun, " module for the token's add-on, or replaces the one with the same key.")]
        #[doc = "The path `key` is the module's own `key`, so the two cannot differ. Answers the module's id and"]
        #[doc = concat!("link as an [`ExtensionCreated`](crate::model::ExtensionCreated): ", $created_note)]
        #[doc = ""]
        #[doc = concat!("Scope: ", $scope, " Use an add-on token.")]
        #[doc = ""]
        #[doc = concat!("Limits: ", $limit, " Modules declared in the add-on's descriptor cannot be changed this way.")]
        #[doc = ""]
        #[doc = concat!("Checked before sending: everything [`", stringify!($Module), "::validate`](crate::model::", stringify!($Module), "::validate)")]
        #[doc = "checks, starting with the key: 1 to 40 characters, each a letter, digit, `_`, `-` or `.`."]
        #[doc = $path_note]
        #[doc = ""]
        #[doc = concat!("Official documentation: <https://www.hipchat.com/docs/apiv2/method/", $create_slug, ">", $create_star)]
        #[doc = ""]
        #[doc = "```"]
        #[doc = "# #[cfg(feature = \"mock\")] futures_executor::block_on(async {"]
        #[doc = concat!("use hipchat_core::api::extensions::", stringify!($Create), ";")]
        #[doc = "use hipchat_core::mock::{MockBackend, MockResponse};"]
        #[doc = $euses]
        #[doc = "use hipchat_core::Client;"]
        #[doc = "use serde_json::json;"]
        #[doc = ""]
        #[doc = "let mock = MockBackend::new();"]
        #[doc = concat!("mock.expect_put(\"/v2/extension/", $segment, "/", $ekey, "\")")]
        #[doc = concat!("    .json_body(json!(", $ejson, "))")]
        #[doc = concat!("    .respond(MockResponse::json(201, json!({\"id\": 12, \"links\": {\"self\": \"https://api.hipchat.com/v2/extension/", $segment, "/", $ekey, "\"}})));")]
        #[doc = "let client = Client::builder().token(\"addon-token\").backend(mock.clone()).build()?;"]
        #[doc = concat!("let ", $evar, " = ", $ebuild, ";")]
        #[doc = concat!("let created = client.send(&", stringify!($Create), "::new(", $evar, ")).await?;")]
        #[doc = "assert_eq!(created.id.as_deref(), Some(\"12\"));"]
        #[doc = "mock.assert_done();"]
        #[doc = "# Ok::<(), hipchat_core::Error>(()) }).unwrap();"]
        #[doc = "```"]
        #[derive(Debug, Clone, PartialEq)]
        pub struct $Create {
            module: $crate::model::$Module,
        }

        impl $Create {
            #[doc = concat!("Creates or replaces `", stringify!($Module), "` under its own key.")]
            pub fn new(module: $crate::model::$Module) -> Self {
                $Create { module }
            }
        }

        impl $crate::Endpoint for $Create {
            type Response = $crate::model::ExtensionCreated;

            fn method(&self) -> ::http::Method {
                ::http::Method::PUT
            }

            fn path(&self) -> $crate::Path {
                use $crate::model::ExtensionModule as _;
                $crate::Path::new()
                    .lit("extension")
                    .lit($segment)
                    .param("key", self.module.rest_key().unwrap_or_default())
            }

            fn body(&self) -> Result<Option<$crate::Body>, $crate::Error> {
                $crate::Body::json(&self.module).map(Some)
            }

            fn validate(&self) -> Result<(), $crate::InvalidInput> {
                use $crate::model::ExtensionModule as _;
                self.module.rest_key()?;
                self.module.check()
            }
        }

        #[doc = concat!("`DELETE /extension/", $segment, "/{key}`")]
        #[doc = ""]
        #[doc = concat!("Deletes the group-wide ", $noun, " module with this key that the token's add-on created. Answers 204")]
        #[doc = "No Content (any 2xx is accepted)."]
        #[doc = ""]
        #[doc = concat!("Scope: ", $scope, " Use an add-on token. Modules declared in the add-on's descriptor cannot be")]
        #[doc = "deleted this way (single-source)."]
        #[doc = ""]
        #[doc = "Checked before sending: `key` has 1 to 40 characters, each a letter, digit, `_`, `-` or `.`."]
        #[doc = $path_note]
        #[doc = ""]
        #[doc = concat!("Official documentation: <https://www.hipchat.com/docs/apiv2/method/", $delete_slug, ">", $delete_star)]
        #[doc = ""]
        #[doc = "```"]
        #[doc = "# #[cfg(feature = \"mock\")] futures_executor::block_on(async {"]
        #[doc = concat!("use hipchat_core::api::extensions::", stringify!($Delete), ";")]
        #[doc = "use hipchat_core::mock::{MockBackend, MockResponse};"]
        #[doc = "use hipchat_core::Client;"]
        #[doc = ""]
        #[doc = "let mock = MockBackend::new();"]
        #[doc = concat!("mock.expect_delete(\"/v2/extension/", $segment, "/", $ekey, "\").respond(MockResponse::empty(204));")]
        #[doc = "let client = Client::builder().token(\"addon-token\").backend(mock.clone()).build()?;"]
        #[doc = concat!("client.send(&", stringify!($Delete), "::new(\"", $ekey, "\")).await?;")]
        #[doc = "mock.assert_done();"]
        #[doc = "# Ok::<(), hipchat_core::Error>(()) }).unwrap();"]
        #[doc = "```"]
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct $Delete {
            key: $crate::ExtensionKey,
        }

        impl $Delete {
            #[doc = concat!("Deletes the group-wide ", $noun, " module with module key `key`.")]
            pub fn new(key: impl Into<$crate::ExtensionKey>) -> Self {
                $Delete { key: key.into() }
            }
        }

        impl $crate::Endpoint for $Delete {
            type Response = ();

            fn method(&self) -> ::http::Method {
                ::http::Method::DELETE
            }

            fn path(&self) -> $crate::Path {
                $crate::Path::new()
                    .lit("extension")
                    .lit($segment)
                    .param("key", &self.key)
            }

            fn validate(&self) -> Result<(), $crate::InvalidInput> {
                $crate::model::check_key("key", self.key.as_str())
            }
        }
    };

    (@room
        [$segment:literal, $Module:ident, $noun:literal, $path_note:literal, $created_note:literal,
         $ekey:literal, $euses:literal, $ebuild:literal, $ejson:literal, $evar:literal, $echeck:literal]
        get: $Get:ident $get_slug:literal $get_star:literal,
        create: $Create:ident $create_slug:literal $create_star:literal,
        delete: $Delete:ident $delete_slug:literal $delete_star:literal,
        scope: $scope:literal,
        limit: $limit:literal $(,)?
    ) => {
        #[doc = concat!("`GET /room/{room_id_or_name}/extension/", $segment, "/{key}`")]
        #[doc = ""]
        #[doc = concat!("Reads the ", $noun, " module with this key that the token's add-on created in one room, and answers")]
        #[doc = concat!("it decoded as [`", stringify!($Module), "`](crate::model::", stringify!($Module), ").")]
        #[doc = ""]
        #[doc = concat!("Scope: ", $scope, " Use an add-on token.")]
        #[doc = ""]
        #[doc = "Checked before sending: `key` has 1 to 40 characters, each a letter, digit, `_`, `-` or `.`."]
        #[doc = ""]
        #[doc = "The answer's shape is unconfirmed: it is read as the module object. Members this crate does"]
        #[doc = "not model are kept in the module's `other` map; an object that lacks a required member gives"]
        #[doc = concat!("[`Error::Decode`](crate::Error::Decode), which keeps the raw body. ", $path_note)]
        #[doc = ""]
        #[doc = concat!("Official documentation: <https://www.hipchat.com/docs/apiv2/method/", $get_slug, ">", $get_star)]
        #[doc = ""]
        #[doc = "```"]
        #[doc = "# #[cfg(feature = \"mock\")] futures_executor::block_on(async {"]
        #[doc = concat!("use hipchat_core::api::extensions::", stringify!($Get), ";")]
        #[doc = "use hipchat_core::mock::{MockBackend, MockResponse};"]
        #[doc = "use hipchat_core::Client;"]
        #[doc = "use serde_json::json;"]
        #[doc = ""]
        #[doc = "let mock = MockBackend::new();"]
        #[doc = concat!("mock.expect_get(\"/v2/room/Ops%20Team/extension/", $segment, "/", $ekey, "\")")]
        #[doc = concat!("    .respond(MockResponse::json(200, json!(", $ejson, ")));")]
        #[doc = "let client = Client::builder().token(\"addon-token\").backend(mock).build()?;"]
        #[doc = concat!("let ", $evar, " = client.send(&", stringify!($Get), "::new(\"Ops Team\", \"", $ekey, "\")).await?;")]
        #[doc = $echeck]
        #[doc = "# Ok::<(), hipchat_core::Error>(()) }).unwrap();"]
        #[doc = "```"]
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct $Get {
            room_id_or_name: $crate::RoomRef,
            key: $crate::ExtensionKey,
        }

        impl $Get {
            #[doc = concat!("The ", $noun, " module with module key `key` in the room with this id or name.")]
            pub fn new(
                room_id_or_name: impl Into<$crate::RoomRef>,
                key: impl Into<$crate::ExtensionKey>,
            ) -> Self {
                $Get {
                    room_id_or_name: room_id_or_name.into(),
                    key: key.into(),
                }
            }
        }

        impl $crate::Endpoint for $Get {
            type Response = $crate::model::$Module;

            fn method(&self) -> ::http::Method {
                ::http::Method::GET
            }

            fn path(&self) -> $crate::Path {
                $crate::Path::new()
                    .lit("room")
                    .param("room_id_or_name", &self.room_id_or_name)
                    .lit("extension")
                    .lit($segment)
                    .param("key", &self.key)
            }

            fn validate(&self) -> Result<(), $crate::InvalidInput> {
                $crate::model::check_key("key", self.key.as_str())
            }
        }

        #[doc = concat!("`PUT /room/{room_id_or_name}/extension/", $segment, "/{key}`")]
        #[doc = ""]
        #[doc = concat!("Creates a ", $noun, " module in one room for the token's add-on, or replaces the one with the same key.")]
        #[doc = "The path `key` is the module's own `key`, so the two cannot differ. Answers the module's id and"]
        #[doc = concat!("link as an [`ExtensionCreated`](crate::model::ExtensionCreated): ", $created_note)]
        #[doc = ""]
        #[doc = concat!("Scope: ", $scope, " Use an add-on token.")]
        #[doc = ""]
        #[doc = concat!("Limits: ", $limit, " Modules declared in the add-on's descriptor cannot be changed this way.")]
        #[doc = ""]
        #[doc = concat!("Checked before sending: everything [`", stringify!($Module), "::validate`](crate::model::", stringify!($Module), "::validate)")]
        #[doc = "checks, starting with the key: 1 to 40 characters, each a letter, digit, `_`, `-` or `.`."]
        #[doc = $path_note]
        #[doc = ""]
        #[doc = concat!("Official documentation: <https://www.hipchat.com/docs/apiv2/method/", $create_slug, ">", $create_star)]
        #[doc = ""]
        #[doc = "```"]
        #[doc = "# #[cfg(feature = \"mock\")] futures_executor::block_on(async {"]
        #[doc = concat!("use hipchat_core::api::extensions::", stringify!($Create), ";")]
        #[doc = "use hipchat_core::mock::{MockBackend, MockResponse};"]
        #[doc = $euses]
        #[doc = "use hipchat_core::Client;"]
        #[doc = "use serde_json::json;"]
        #[doc = ""]
        #[doc = "let mock = MockBackend::new();"]
        #[doc = concat!("mock.expect_put(\"/v2/room/Ops%20Team/extension/", $segment, "/", $ekey, "\")")]
        #[doc = concat!("    .json_body(json!(", $ejson, "))")]
        #[doc = concat!("    .respond(MockResponse::json(201, json!({\"id\": 12, \"links\": {\"self\": \"https://api.hipchat.com/v2/room/1/extension/", $segment, "/", $ekey, "\"}})));")]
        #[doc = "let client = Client::builder().token(\"addon-token\").backend(mock.clone()).build()?;"]
        #[doc = concat!("let ", $evar, " = ", $ebuild, ";")]
        #[doc = concat!("let created = client.send(&", stringify!($Create), "::new(\"Ops Team\", ", $evar, ")).await?;")]
        #[doc = "assert_eq!(created.id.as_deref(), Some(\"12\"));"]
        #[doc = "mock.assert_done();"]
        #[doc = "# Ok::<(), hipchat_core::Error>(()) }).unwrap();"]
        #[doc = "```"]
        #[derive(Debug, Clone, PartialEq)]
        pub struct $Create {
            room_id_or_name: $crate::RoomRef,
            module: $crate::model::$Module,
        }

        impl $Create {
            #[doc = concat!("Creates or replaces `", stringify!($Module), "` under its own key in the room with this id or name.")]
            pub fn new(
                room_id_or_name: impl Into<$crate::RoomRef>,
                module: $crate::model::$Module,
            ) -> Self {
                $Create {
                    room_id_or_name: room_id_or_name.into(),
                    module,
                }
            }
        }

        impl $crate::Endpoint for $Create {
            type Response = $crate::model::ExtensionCreated;

            fn method(&self) -> ::http::Method {
                ::http::Method::PUT
            }

            fn path(&self) -> $crate::Path {
                use $crate::model::ExtensionModule as _;
                $crate::Path::new()
                    .lit("room")
                    .param("room_id_or_name", &self.room_id_or_name)
                    .lit("extension")
                    .lit($segment)
                    .param("key", self.module.rest_key().unwrap_or_default())
            }

            fn body(&self) -> Result<Option<$crate::Body>, $crate::Error> {
                $crate::Body::json(&self.module).map(Some)
            }

            fn validate(&self) -> Result<(), $crate::InvalidInput> {
                use $crate::model::ExtensionModule as _;
                self.module.rest_key()?;
                self.module.check()
            }
        }

        #[doc = concat!("`DELETE /room/{room_id_or_name}/extension/", $segment, "/{key}`")]
        #[doc = ""]
        #[doc = concat!("Deletes the ", $noun, " module with this key that the token's add-on created in one room. Answers")]
        #[doc = "204 No Content (any 2xx is accepted)."]
        #[doc = ""]
        #[doc = concat!("Scope: ", $scope, " Use an add-on token. Modules declared in the add-on's descriptor cannot be")]
        #[doc = "deleted this way (single-source)."]
        #[doc = ""]
        #[doc = "Checked before sending: `key` has 1 to 40 characters, each a letter, digit, `_`, `-` or `.`."]
        #[doc = $path_note]
        #[doc = ""]
        #[doc = concat!("Official documentation: <https://www.hipchat.com/docs/apiv2/method/", $delete_slug, ">", $delete_star)]
        #[doc = ""]
        #[doc = "```"]
        #[doc = "# #[cfg(feature = \"mock\")] futures_executor::block_on(async {"]
        #[doc = concat!("use hipchat_core::api::extensions::", stringify!($Delete), ";")]
        #[doc = "use hipchat_core::mock::{MockBackend, MockResponse};"]
        #[doc = "use hipchat_core::Client;"]
        #[doc = ""]
        #[doc = "let mock = MockBackend::new();"]
        #[doc = concat!("mock.expect_delete(\"/v2/room/Ops%20Team/extension/", $segment, "/", $ekey, "\").respond(MockResponse::empty(204));")]
        #[doc = "let client = Client::builder().token(\"addon-token\").backend(mock.clone()).build()?;"]
        #[doc = concat!("client.send(&", stringify!($Delete), "::new(\"Ops Team\", \"", $ekey, "\")).await?;")]
        #[doc = "mock.assert_done();"]
        #[doc = "# Ok::<(), hipchat_core::Error>(()) }).unwrap();"]
        #[doc = "```"]
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct $Delete {
            room_id_or_name: $crate::RoomRef,
            key: $crate::ExtensionKey,
        }

        impl $Delete {
            #[doc = concat!("Deletes the ", $noun, " module with module key `key` from the room with this id or name.")]
            pub fn new(
                room_id_or_name: impl Into<$crate::RoomRef>,
                key: impl Into<$crate::ExtensionKey>,
            ) -> Self {
                $Delete {
                    room_id_or_name: room_id_or_name.into(),
                    key: key.into(),
                }
            }
        }

        impl $crate::Endpoint for $Delete {
            type Response = ();

            fn method(&self) -> ::http::Method {
                ::http::Method::DELETE
            }

            fn path(&self) -> $crate::Path {
                $crate::Path::new()
                    .lit("room")
                    .param("room_id_or_name", &self.room_id_or_name)
                    .lit("extension")
                    .lit($segment)
                    .param("key", &self.key)
            }

            fn validate(&self) -> Result<(), $crate::InvalidInput> {
                $crate::model::check_key("key", self.key.as_str())
            }
        }
    };
}

pub(super) use extension_endpoints;
