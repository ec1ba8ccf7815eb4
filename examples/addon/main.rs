//! "Echo", a small HipChat add-on: it serves its descriptor, accepts installations, greets the
//! room it is installed in, answers `/echo ...` messages and shows a glance.
//!
//! ```text
//! cargo run --example addon --features addon
//! ```
//!
//! Environment:
//!
//! * `ADDON_LISTEN`: the address to listen on (default `127.0.0.1:8080`);
//! * `ADDON_BASE_URL`: the URL HipChat reaches the add-on at, such as
//!   `https://echo.example.com` behind a TLS proxy (default `http://` + `ADDON_LISTEN`, fine for
//!   a HipChat on the same machine);
//! * `ADDON_ALLOW_INSECURE_HTTP=1`: accept a plain `http` base URL to a host that is not
//!   loopback (trusted test networks only).
//!
//! Then install it from HipChat's integration page with the descriptor URL it prints. The
//! handlers are in `app.rs`; `tests/addon_example.rs` drives them over loopback against a mock
//! HipChat. See `docs/addons.md` for a walk-through.

mod app;

fn main() -> Result<(), app::StartError> {
    let listen = std::env::var("ADDON_LISTEN")
        .ok()
        .filter(|value| !value.is_empty())
        .unwrap_or_else(|| "127.0.0.1:8080".to_owned());
    let base_url = std::env::var("ADDON_BASE_URL")
        .ok()
        .filter(|value| !value.is_empty())
        .unwrap_or_else(|| format!("http://{listen}"));
    let allow_insecure_http = std::env::var("ADDON_ALLOW_INSECURE_HTTP").is_ok_and(|v| v == "1");

    let app = app::App::new(&base_url, allow_insecure_http)?;
    let server = tiny_http::Server::http(listen.as_str())?;
    println!("Echo add-on listening on {listen}");
    println!("descriptor: {}", app.descriptor_url());
    let scopes: Vec<&str> = app
        .descriptor()
        .scopes()
        .iter()
        .map(|s| s.as_str())
        .collect();
    println!("API scopes asked for: {}", scopes.join(", "));
    println!("stop with Ctrl-C");
    app.serve(&server, || true);
    Ok(())
}
