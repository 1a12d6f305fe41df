//! `taizhang serve`: the monthly routine as a page in the clerk's own browser.
//!
//! A small web server on 127.0.0.1 only. The page (HTML, CSS and script embedded in the binary:
//! no CDN, works offline) calls a JSON API, and the API calls the same library functions as the
//! commands: [`crate::batch`] to check, [`crate::ledger::run::merge_inputs`] to merge,
//! [`crate::ledger::status::monthly`] for the month's progress, [`crate::write`] for workbooks. The
//! page holds no rules of its own.
//!
//! Safe by construction:
//! - it listens on 127.0.0.1 and answers only requests whose `Host` is `127.0.0.1:PORT` or
//!   `localhost:PORT`, so a web page elsewhere cannot reach it through DNS rebinding;
//! - every API call and download needs the random token printed at start: the printed address
//!   carries it once (`/?token=`), the first load turns it into an HttpOnly, SameSite=Strict cookie
//!   (named after the port) and the page drops it from the address bar; programs send
//!   `Authorization: Bearer`;
//! - a request a page of another site (or another port) makes is refused: `Sec-Fetch-Site` must be
//!   `same-origin` (or `none` for a plain GET) and `Origin`, when sent, this server's own; so no
//!   cross-site form can merge the ledger;
//! - every response forbids framing, inline script, referrers and type sniffing
//!   ([`CONTENT_SECURITY_POLICY`] and friends);
//! - a client that sends its request headers slower than [`HEADER_READ_TIMEOUT`] is disconnected;
//! - uploads are bounded in size and count, streamed to disk, saved under safe names inside the
//!   month's inbox, and only ever read as spreadsheets: the server never runs anything it receives;
//! - a merge takes the ledger's lock, so two merges never run at once.

pub mod api;
mod files;
pub mod workspace;

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

pub use workspace::{Month, Workspace};

/// The page, its style and its script, compiled into the binary.
const INDEX_HTML: &str = include_str!("page/index.html");
const STYLE_CSS: &str = include_str!("page/style.css");
const APP_JS: &str = include_str!("page/app.js");

/// What the page may load and do: its own script and style only (no inline script), requests
/// to itself only, never inside a frame.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; \
     style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'none'; \
     frame-ancestors 'none'; base-uri 'none'";

/// How long a client may take to send a request's headers before it is disconnected.
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// How `taizhang serve` was asked to run.
#[derive(Debug, Clone)]
pub struct Options {
    /// The workspace folder (policy, inbox, ledger).
    pub workspace: PathBuf,
    /// The port on 127.0.0.1; 0 picks a free one.
    pub port: u16,
    /// Open the page in the default browser once the server listens.
    pub open_browser: bool,
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The workspace folder is not there.
    #[error("{}", crate::say::page::no_workspace(.0))]
    NoWorkspace(String),
    /// The port is taken or not allowed.
    #[error("{}", crate::say::page::cannot_bind(.port, .source))]
    Bind {
        /// The port asked for.
        port: u16,
        /// Why.
        source: std::io::Error,
    },
    /// Anything else from the runtime.
    #[error("{}", crate::say::page::cannot_start(.0))]
    Runtime(#[from] std::io::Error),
}

/// What every request handler shares.
#[derive(Debug)]
pub struct AppState {
    /// The workspace.
    pub workspace: Workspace,
    /// The token every API call must carry.
    pub token: String,
    /// The port actually listened on (for the Host check).
    pub port: u16,
}

/// Runs the server until the process is stopped. Prints the page's address (with the token) as
/// the first line of stdout, then opens it in the browser unless told not to.
///
/// # Errors
/// [`ServeError`] when the workspace is missing or the port cannot be listened on.
pub fn serve(options: &Options) -> Result<(), ServeError> {
    if !options.workspace.is_dir() {
        return Err(ServeError::NoWorkspace(
            options.workspace.display().to_string(),
        ));
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(run(options))
}

async fn run(options: &Options) -> Result<(), ServeError> {
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, options.port));
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|source| ServeError::Bind {
            port: options.port,
            source,
        })?;
    let port = listener.local_addr()?.port();
    let state = Arc::new(AppState {
        workspace: Workspace::new(&options.workspace),
        token: new_token()?,
        port,
    });
    let url = format!("http://127.0.0.1:{port}/?token={}", state.token);
    announce(&url, &state.workspace);
    let opened = options.open_browser
        && match webbrowser::open(&url) {
            Ok(()) => true,
            Err(e) => {
                say_err(&crate::say::page::no_browser(e));
                false
            }
        };
    guide(&url, opened);
    accept(listener, router(state)).await
}

/// Answers each connection (HTTP/1.1) on a task of its own, with [`HEADER_READ_TIMEOUT`].
async fn accept(listener: tokio::net::TcpListener, app: Router) -> Result<(), ServeError> {
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            // Out of file handles and the like: wait, and go on serving the connections open.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        let service = hyper_util::service::TowerToHyperService::new(app.clone());
        tokio::spawn(async move {
            let mut http = hyper::server::conn::http1::Builder::new();
            http.timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(HEADER_READ_TIMEOUT);
            let _ = http
                .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                .await;
        });
    }
}

/// The address first (a program reading stdout takes line one), then the workspace.
fn announce(url: &str, workspace: &Workspace) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{url}");
    let _ = writeln!(
        out,
        "{}",
        crate::say::page::started(workspace.root().display())
    );
    let _ = out.flush();
}

/// What is happening and what to do, for a clerk looking at the console window.
fn guide(url: &str, opened: bool) {
    use std::io::Write;
    /// The window is the server: on Windows a console of its own, elsewhere a terminal.
    #[cfg(windows)]
    const STOP: &str = crate::say::page::STOP_WINDOWS;
    #[cfg(not(windows))]
    const STOP: &str = crate::say::page::STOP_TERMINAL;
    let mut out = std::io::stdout().lock();
    let _ = if opened {
        writeln!(out, "{}", crate::say::page::opened(url))
    } else {
        writeln!(out, "{}", crate::say::page::OPEN_YOURSELF)
    };
    let _ = writeln!(out, "{}", crate::say::page::reopen(STOP));
    let _ = out.flush();
}

/// A line on stderr that never panics, even when the console is gone.
fn say_err(message: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{message}");
}

/// 32 hex characters from the operating system's random source, new at every start.
fn new_token() -> Result<String, ServeError> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes)
        .map_err(|e| ServeError::Runtime(std::io::Error::other(e.to_string())))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Every route, behind the Host and token checks.
pub fn router(state: Arc<AppState>) -> Router {
    let guarded = Router::new()
        .route("/", get(index))
        .merge(api::routes())
        .layer(middleware::from_fn_with_state(state.clone(), require_token));
    Router::new()
        .route(
            "/style.css",
            get(|| asset("text/css; charset=utf-8", STYLE_CSS)),
        )
        .route(
            "/app.js",
            get(|| asset("text/javascript; charset=utf-8", APP_JS)),
        )
        .route("/favicon.ico", get(|| async { StatusCode::NO_CONTENT }))
        .merge(guarded)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            require_same_origin,
        ))
        .layer(middleware::from_fn_with_state(state.clone(), require_host))
        .layer(api::body_limit())
        .layer(middleware::from_fn(security_headers))
        .with_state(state)
}

/// The headers every response carries, refusals included.
async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    for (name, value) in [
        (header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}

async fn index() -> Response {
    asset("text/html; charset=utf-8", INDEX_HTML).await
}

async fn asset(content_type: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}

/// A plain-text refusal in Chinese.
pub fn refuse(status: StatusCode, message: &str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        message.to_owned(),
    )
        .into_response()
}

/// Refuses a request whose Host is not this server's own loopback address (DNS rebinding).
async fn require_host(
    State(state): State<Arc<AppState>>,
    request: Request,
    next: Next,
) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    let port = state.port;
    if host == format!("127.0.0.1:{port}") || host == format!("localhost:{port}") {
        next.run(request).await
    } else {
        refuse(
            StatusCode::MISDIRECTED_REQUEST,
            &crate::say::page::not_local(port),
        )
    }
}

/// Refuses what a page of another origin asks: any state-changing request whose `Origin` is not
/// this server's own or whose `Sec-Fetch-Site` is not `same-origin`, and any request for the API
/// or a download that a browser says comes from another site (another port of 127.0.0.1 is one).
/// Programs that send neither header (they need the token anyway) pass.
async fn require_same_origin(
    State(state): State<Arc<AppState>>,
    request: Request,
    next: Next,
) -> Response {
    let headers = request.headers();
    let text = |name| {
        headers
            .get(name)
            .and_then(|h: &HeaderValue| h.to_str().ok())
    };
    let port = state.port;
    let changes = !matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    let origin_ok = text(header::ORIGIN).is_none_or(|o| {
        o == format!("http://127.0.0.1:{port}") || o == format!("http://localhost:{port}")
    });
    let site = text(header::HeaderName::from_static("sec-fetch-site"));
    let path = request.uri().path();
    let guarded = path.starts_with("/api/") || path.starts_with("/files/");
    let allowed = if changes {
        origin_ok && matches!(site, None | Some("same-origin"))
    } else if guarded {
        // `none`: a download's address typed into the address bar.
        origin_ok && matches!(site, None | Some("same-origin") | Some("none"))
    } else {
        // The page itself, opened from anywhere (it needs the token), and its script and style.
        true
    };
    if allowed {
        next.run(request).await
    } else {
        refuse(StatusCode::FORBIDDEN, crate::say::page::OTHER_SITE)
    }
}

/// The cookie holding the token, named after the port: browsers send a cookie of 127.0.0.1 to
/// every port, and two servers must not take each other's.
fn cookie_name(port: u16) -> String {
    format!("taizhang-{port}")
}

/// Refuses a request without the start-up token: `Authorization: Bearer`, the page's cookie, or,
/// for the page itself only, `?token=` (the address printed at start), which sets the cookie.
async fn require_token(
    State(state): State<Arc<AppState>>,
    request: Request,
    next: Next,
) -> Response {
    let name = cookie_name(state.port);
    let from_cookie = request
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|h| h.to_str().ok())
        .flat_map(|h| h.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .any(|(k, v)| k == name && same(v, &state.token));
    let from_query = request.uri().path() == "/"
        && request
            .uri()
            .query()
            .into_iter()
            .flat_map(|q| q.split('&'))
            .filter_map(|pair| pair.strip_prefix("token="))
            .any(|t| same(t, &state.token));
    if from_cookie || bearer(request.headers()).is_some_and(|t| same(t, &state.token)) {
        next.run(request).await
    } else if from_query {
        let mut response = next.run(request).await;
        let cookie = format!("{name}={}; Path=/; HttpOnly; SameSite=Strict", state.token);
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            response.headers_mut().insert(header::SET_COOKIE, value);
        }
        response
    } else {
        refuse(StatusCode::UNAUTHORIZED, crate::say::page::NO_TOKEN)
    }
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(str::trim)
}

/// Compares in time independent of where the strings differ.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}
