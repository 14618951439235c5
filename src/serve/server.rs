//! The HTTP side of `serve`: a small HTTP/1.1 server on `std::net` with
//! `httparse` for the request head. It binds loopback by default, serves the
//! in-memory site with MIME types, `index.html` for folders, the site's 404
//! page and the base-URL sub-path, injects the live-reload script into HTML,
//! and streams reload events.
//!
//! Only paths the renderer wrote can be served: requests are resolved
//! against the in-memory site, never the disk, and anything that looks like
//! an escape (`..`, `%2e`, `%2f`, `%5c`, backslashes, `//`) is a 404.
//!
//! Every resource a client can hold is bounded: a request head must arrive
//! whole within [`HEAD_TIMEOUT`] and fit in [`MAX_HEAD`] bytes; a request
//! with a body gets 413 and the connection closes (the preview takes no
//! uploads, and nothing the client declares is ever allocated); at most
//! [`MAX_CONNECTIONS`] connections and [`MAX_STREAMS`] event streams are
//! open at once, past which the answer is 503; a stream whose page went away
//! ends within [`reload::HANGUP_CHECK`].

use crate::serve::files::SiteFiles;
use crate::serve::reload::{self, Broadcaster};
use std::io::{ErrorKind, Read, Write};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How many ports after the requested one are tried when it is taken.
const PORT_ATTEMPTS: u16 = 20;
/// Connections open at once (each has a thread); more get a 503.
pub const MAX_CONNECTIONS: usize = 64;
/// Live-reload streams open at once (a tab each); more get a 503.
pub const MAX_STREAMS: usize = 32;
/// The longest request head (request line and headers) accepted.
pub const MAX_HEAD: usize = 16 * 1024;
/// Headers in one request.
const MAX_HEADERS: usize = 64;
/// A request head must arrive whole this soon after the server starts
/// waiting for it (also how long an idle keep-alive connection stays open).
pub const HEAD_TIMEOUT: Duration = Duration::from_secs(5);
/// A client that stops reading its response is dropped after this.
const WRITE_TIMEOUT: Duration = Duration::from_secs(10);

/// A bound listener and what the terminal should say about it.
pub struct Bound {
    listener: TcpListener,
    pub address: SocketAddr,
    /// The requested port was taken and the next free one was used.
    pub moved_from: Option<u16>,
}

/// Binds `address:port`, or the next free port when it is taken (port 0
/// lets the system choose).
pub fn bind(address: &str, port: u16) -> anyhow::Result<Bound> {
    let ip: IpAddr = address.parse().map_err(|_| {
        anyhow::anyhow!("`{address}` is not an IP address\n  hint: use e.g. `--bind 127.0.0.1`")
    })?;
    let attempts = if port == 0 { 1 } else { PORT_ATTEMPTS };
    let mut last_error = String::new();
    for offset in 0..attempts {
        let Some(candidate) = port.checked_add(offset) else {
            break;
        };
        match TcpListener::bind(SocketAddr::new(ip, candidate)) {
            Ok(listener) => {
                let address = listener
                    .local_addr()
                    .unwrap_or(SocketAddr::new(ip, candidate));
                return Ok(Bound {
                    listener,
                    address,
                    moved_from: (offset > 0).then_some(port),
                });
            }
            Err(e) => last_error = e.to_string(),
        }
    }
    anyhow::bail!(
        "cannot listen on {ip} ports {port}–{}: {last_error}\n  hint: pass a free port with `--port`",
        port.saturating_add(attempts - 1)
    )
}

/// True when only this machine can reach `address`.
pub fn is_loopback(address: &SocketAddr) -> bool {
    address.ip().is_loopback()
}

/// What every connection thread shares.
struct Shared {
    bound: SocketAddr,
    files: Arc<SiteFiles>,
    broadcaster: Arc<Broadcaster>,
    stopping: AtomicBool,
    connections: AtomicUsize,
    streams: AtomicUsize,
}

/// The running server; `stop` ends it.
pub struct Server {
    shared: Arc<Shared>,
    acceptor: JoinHandle<()>,
}

impl Server {
    pub fn start(bound: Bound, files: Arc<SiteFiles>, broadcaster: Arc<Broadcaster>) -> Self {
        let shared = Arc::new(Shared {
            bound: bound.address,
            files,
            broadcaster,
            stopping: AtomicBool::new(false),
            connections: AtomicUsize::new(0),
            streams: AtomicUsize::new(0),
        });
        let listener = bound.listener;
        let accepting = Arc::clone(&shared);
        let acceptor = std::thread::spawn(move || accept_loop(&listener, &accepting));
        Self { shared, acceptor }
    }

    /// Stops accepting connections and waits for the accepting thread.
    /// Open connections end at their next request or timeout.
    pub fn stop(self) {
        self.shared.stopping.store(true, Ordering::SeqCst);
        // `accept` blocks: one connection of our own wakes it to see the flag.
        let mut wake = self.shared.bound;
        if wake.ip().is_unspecified() {
            wake.set_ip(match wake {
                SocketAddr::V4(_) => IpAddr::V4(Ipv4Addr::LOCALHOST),
                SocketAddr::V6(_) => IpAddr::V6(Ipv6Addr::LOCALHOST),
            });
        }
        let _ = TcpStream::connect_timeout(&wake, Duration::from_secs(1));
        let _ = self.acceptor.join();
    }
}

fn accept_loop(listener: &TcpListener, shared: &Arc<Shared>) {
    for connection in listener.incoming() {
        if shared.stopping.load(Ordering::SeqCst) {
            return;
        }
        let Ok(stream) = connection else {
            // EMFILE and the like: wait a moment rather than spin.
            std::thread::sleep(Duration::from_millis(50));
            continue;
        };
        if shared.connections.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            shared.connections.fetch_sub(1, Ordering::SeqCst);
            refuse_busy(stream);
            continue;
        }
        let serving = Arc::clone(shared);
        let spawned = std::thread::Builder::new()
            .name("yilnoma-http".into())
            .spawn(move || {
                serve_connection(stream, &serving);
                serving.connections.fetch_sub(1, Ordering::SeqCst);
            });
        if spawned.is_err() {
            shared.connections.fetch_sub(1, Ordering::SeqCst);
        }
    }
}

/// The answer when every connection slot is taken; written from the
/// accepting thread, so it must not wait on the client.
fn refuse_busy(mut stream: TcpStream) {
    let _ = stream.set_write_timeout(Some(Duration::from_millis(100)));
    let _ = stream.write_all(
        &Response::text(
            503,
            "too many open connections to the preview; close some tabs",
        )
        .bytes(false, false),
    );
    let _ = stream.shutdown(Shutdown::Both);
}

/// Answers requests on one connection until it closes, times out, sends
/// something it must not, or becomes an event stream.
fn serve_connection(mut stream: TcpStream, shared: &Shared) {
    let _ = stream.set_nodelay(true);
    let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
    let mut buffer: Vec<u8> = Vec::with_capacity(1024);
    loop {
        if shared.stopping.load(Ordering::SeqCst) {
            return;
        }
        let head = match read_head(&mut stream, &mut buffer) {
            Ok(head) => head,
            Err(Some(response)) => {
                let _ = stream.write_all(&response.bytes(false, false));
                let _ = stream.shutdown(Shutdown::Both);
                return;
            }
            Err(None) => return,
        };
        let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
        let mut request = httparse::Request::new(&mut headers);
        let parsed = request.parse(&buffer[..head]);
        let request_info = match parsed {
            Ok(httparse::Status::Complete(_)) => RequestInfo::from(&request),
            _ => {
                let _ = stream.write_all(&Response::text(400, "bad request").bytes(false, false));
                return;
            }
        };
        // What came after the head is the next pipelined request.
        buffer.drain(..head);
        match route(&request_info, shared) {
            Routed::Respond(response) => {
                let keep_alive =
                    request_info.keep_alive && matches!(response.status, 200..=399 | 404 | 503);
                let bytes = response.bytes(request_info.head_only, keep_alive);
                if stream.write_all(&bytes).is_err() || !keep_alive {
                    let _ = stream.shutdown(Shutdown::Both);
                    return;
                }
            }
            Routed::Events => {
                if shared.streams.fetch_add(1, Ordering::SeqCst) >= MAX_STREAMS {
                    shared.streams.fetch_sub(1, Ordering::SeqCst);
                    let busy = Response::text(503, "too many open live-reload streams");
                    let _ = stream.write_all(&busy.bytes(false, false));
                    return;
                }
                let (receiver, first) = shared.broadcaster.subscribe();
                reload::stream(stream, receiver, first);
                shared.streams.fetch_sub(1, Ordering::SeqCst);
                return;
            }
        }
    }
}

/// Reads into `buffer` until it holds a whole request head; returns the
/// head's length. `Err(None)`: the client went away or stayed silent (close
/// without a word); `Err(Some(_))`: answer this, then close.
fn read_head(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> Result<usize, Option<Response>> {
    let deadline = Instant::now() + HEAD_TIMEOUT;
    let mut chunk = [0u8; 4096];
    loop {
        if let Some(end) = find_head_end(buffer) {
            return Ok(end);
        }
        if buffer.len() >= MAX_HEAD {
            return Err(Some(Response::text(431, "request head too large")));
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(if buffer.is_empty() {
                None
            } else {
                Some(Response::text(408, "request head too slow"))
            });
        }
        if stream.set_read_timeout(Some(left)).is_err() {
            return Err(None);
        }
        let room = (MAX_HEAD - buffer.len()).min(chunk.len());
        match stream.read(&mut chunk[..room]) {
            Ok(0) => return Err(None),
            Ok(n) => buffer.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
            Err(_) => return Err(None),
        }
    }
}

/// Where the blank line that ends a request head is (just past it).
fn find_head_end(buffer: &[u8]) -> Option<usize> {
    buffer
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|i| i + 4)
}

/// The parts of a request the preview looks at.
struct RequestInfo {
    method: String,
    path: String,
    host: Option<String>,
    /// Declares a body (`Content-Length` above 0, any `Transfer-Encoding`,
    /// `Expect`): refused, never read.
    has_body: bool,
    keep_alive: bool,
    head_only: bool,
}

impl RequestInfo {
    fn from(request: &httparse::Request<'_, '_>) -> Self {
        let header = |name: &str| {
            request
                .headers
                .iter()
                .find(|h| h.name.eq_ignore_ascii_case(name))
                .map(|h| String::from_utf8_lossy(h.value).trim().to_string())
        };
        let content_length = header("Content-Length");
        let has_body = content_length.is_some_and(|length| length != "0")
            || header("Transfer-Encoding").is_some()
            || header("Expect").is_some();
        let connection = header("Connection")
            .unwrap_or_default()
            .to_ascii_lowercase();
        let http11 = request.version == Some(1);
        let keep_alive = if http11 {
            !connection.contains("close")
        } else {
            connection.contains("keep-alive")
        };
        let method = request.method.unwrap_or_default().to_string();
        Self {
            head_only: method == "HEAD",
            method,
            path: request.path.unwrap_or_default().to_string(),
            host: header("Host"),
            has_body,
            keep_alive,
        }
    }
}

enum Routed {
    Respond(Response),
    Events,
}

fn route(request: &RequestInfo, shared: &Shared) -> Routed {
    if request.has_body {
        return Routed::Respond(Response::text(413, "the preview takes no request bodies"));
    }
    if !host_allowed(request.host.as_deref(), &shared.bound) {
        return Routed::Respond(Response::text(
            421,
            "this preview answers only requests addressed to localhost, 127.0.0.1, [::1] or its own address",
        ));
    }
    if !matches!(request.method.as_str(), "GET" | "HEAD") {
        return Routed::Respond(
            Response::text(405, "only GET and HEAD").header("Allow", "GET, HEAD"),
        );
    }
    let url = request.path.as_str();
    let path = url.split('?').next().unwrap_or("");
    if path == reload::EVENTS_PATH && !request.head_only {
        return Routed::Events;
    }
    if path == reload::SCRIPT_PATH {
        return Routed::Respond(send(reload::CLIENT_SCRIPT.as_bytes().to_vec(), "x.js", 200));
    }
    let files = &shared.files;
    let base_path = files.base_path();
    let target = resolve(&base_path, url, |relative| {
        files.get(&format!("{relative}/index.html")).is_some()
    });
    Routed::Respond(match target {
        Target::File(key) => match files.get(&key) {
            Some(bytes) => send(bytes.to_vec(), &key, 200),
            None => not_found(files),
        },
        // `resolve` let only a clean path through; no CR or LF can be in it.
        Target::Redirect(location) => Response::new(302, Vec::new()).header("Location", &location),
        Target::NotFound => not_found(files),
    })
}

/// A whole response, written in one go.
struct Response {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
}

impl Response {
    fn new(status: u16, body: Vec<u8>) -> Self {
        Self {
            status,
            headers: Vec::new(),
            body,
        }
    }

    fn text(status: u16, text: &str) -> Self {
        Self::new(status, text.as_bytes().to_vec())
            .header("Content-Type", "text/plain; charset=utf-8")
    }

    fn header(mut self, name: &'static str, value: &str) -> Self {
        self.headers.push((name, value.to_string()));
        self
    }

    fn bytes(&self, head_only: bool, keep_alive: bool) -> Vec<u8> {
        let mut out = format!("HTTP/1.1 {} {}\r\n", self.status, reason(self.status));
        for (name, value) in &self.headers {
            out.push_str(&format!("{name}: {value}\r\n"));
        }
        out.push_str(&format!("Content-Length: {}\r\n", self.body.len()));
        let connection = if keep_alive { "keep-alive" } else { "close" };
        out.push_str(&format!("Connection: {connection}\r\n\r\n"));
        let mut bytes = out.into_bytes();
        if !head_only {
            bytes.extend_from_slice(&self.body);
        }
        bytes
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        302 => "Found",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        413 => "Content Too Large",
        421 => "Misdirected Request",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "",
    }
}

/// What a request path leads to.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// An output file, by its path in the output (`en/events/x/index.html`).
    File(String),
    /// The same place with a trailing slash or under the base path.
    Redirect(String),
    NotFound,
}

/// Maps a request URL to an output path. Never touches the disk; refuses
/// every form of path escape.
pub fn resolve(base_path: &str, url: &str, is_folder: impl Fn(&str) -> bool) -> Target {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let lower = path.to_ascii_lowercase();
    if !path.starts_with('/')
        || path.contains('\\')
        || ["%2e", "%2f", "%5c", "%00"]
            .iter()
            .any(|bad| lower.contains(bad))
    {
        return Target::NotFound;
    }
    let Some(decoded) = percent_decode(path) else {
        return Target::NotFound;
    };
    if decoded.chars().any(char::is_control) {
        return Target::NotFound;
    }
    let Some(relative) = decoded.strip_prefix(base_path) else {
        // `/repo` → `/repo/`, and `/` → the base path, as GitHub Pages would.
        if decoded == "/" || format!("{decoded}/") == base_path {
            return Target::Redirect(base_path.to_string());
        }
        return Target::NotFound;
    };
    let segments: Vec<&str> = relative.split('/').collect();
    let last = segments.len() - 1;
    for (i, segment) in segments.iter().enumerate() {
        let empty_inside = segment.is_empty() && i != last;
        if empty_inside || *segment == "." || *segment == ".." || segment.contains(':') {
            return Target::NotFound;
        }
    }
    if relative.is_empty() || relative.ends_with('/') {
        return Target::File(format!("{relative}index.html"));
    }
    if is_folder(relative) {
        return Target::Redirect(format!("{base_path}{relative}/"));
    }
    Target::File(relative.to_string())
}

/// `%XX` → byte; `None` on a malformed escape or non-UTF-8 result.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The Content-Type for an output path, by extension.
pub fn mime_type(path: &str) -> &'static str {
    let extension = path.rsplit_once('.').map_or("", |(_, e)| e);
    match extension.to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json",
        "webmanifest" => "application/manifest+json",
        "xml" => "application/xml",
        "rss" => "application/rss+xml",
        "atom" => "application/atom+xml",
        "txt" | "md" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        "wasm" => "application/wasm",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        _ => "application/octet-stream",
    }
}

/// True when the request's `Host` names this machine (`localhost`,
/// `127.0.0.1`, `[::1]`) or the address the server is bound to, with or
/// without a port. A page on another site that rebinds its own host name to
/// 127.0.0.1 (DNS rebinding) sends its own name and is refused, so it cannot
/// read the preview, drafts included. No `Host` at all (HTTP/1.0 tools) is
/// accepted: a browser always sends one.
pub fn host_allowed(host: Option<&str>, bound: &SocketAddr) -> bool {
    let Some(host) = host else { return true };
    let host = host.trim().to_ascii_lowercase();
    let name = if let Some(rest) = host.strip_prefix('[') {
        match rest.split_once(']') {
            Some((inside, port)) if port.is_empty() || port.starts_with(':') => inside,
            _ => return false,
        }
    } else {
        match host.rsplit_once(':') {
            Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
            Some(_) => return false,
            None => host.as_str(),
        }
    };
    let name = name.strip_suffix('.').unwrap_or(name);
    if matches!(name, "localhost" | "127.0.0.1" | "::1") {
        return true;
    }
    name.parse::<IpAddr>()
        .is_ok_and(|ip| ip == bound.ip() && !ip.is_unspecified())
}

fn send(bytes: Vec<u8>, key: &str, status: u16) -> Response {
    let mime = mime_type(key);
    let body = if mime.starts_with("text/html") {
        reload::inject(&bytes)
    } else {
        bytes
    };
    Response::new(status, body)
        .header("Content-Type", mime)
        .header("Cache-Control", "no-store")
        .header("X-Content-Type-Options", "nosniff")
}

fn not_found(files: &SiteFiles) -> Response {
    if files.is_empty() {
        // The first build failed: a page that shows the errors and reloads once fixed.
        let page = "<!doctype html><html><head><meta charset=\"utf-8\"><meta name=\"yilnoma-waiting\"><title>Yilnoma</title></head>\
                    <body><p>The site has errors; fix them and this page reloads.</p></body></html>";
        return send(page.as_bytes().to_vec(), "x.html", 503);
    }
    match files.get("404.html") {
        Some(page) => send(page.to_vec(), "404.html", 404),
        None => send(b"404 not found".to_vec(), "x.txt", 404),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at_root(url: &str) -> Target {
        resolve("/", url, |p| p == "events/a")
    }

    #[test]
    fn folders_get_index_html() {
        assert_eq!(at_root("/"), Target::File("index.html".into()));
        assert_eq!(
            at_root("/en/events/a/?x=1"),
            Target::File("en/events/a/index.html".into())
        );
        assert_eq!(at_root("/style.css"), Target::File("style.css".into()));
        assert_eq!(at_root("/events/a"), Target::Redirect("/events/a/".into()));
        assert_eq!(
            at_root("/tags/o%CA%BBzbek/"),
            Target::File("tags/oʻzbek/index.html".into())
        );
    }

    #[test]
    fn escapes_are_not_found() {
        for url in [
            "/../Cargo.toml",
            "/events/../../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc%2Fpasswd",
            "/events%2f..%2f..%2fetc",
            "/..%5c..%5cetc",
            "/..\\..\\etc\\passwd",
            "//etc/passwd",
            "/events//x",
            "/C:/Windows/win.ini",
            "/./index.html",
            "/%00",
            "/%zz",
            "etc/passwd",
            "http://example.com/",
        ] {
            assert_eq!(at_root(url), Target::NotFound, "{url}");
        }
    }

    #[test]
    fn a_base_path_is_required_and_completed() {
        let under = |url: &str| resolve("/repo/", url, |_| false);
        assert_eq!(under("/repo/"), Target::File("index.html".into()));
        assert_eq!(under("/repo/en/"), Target::File("en/index.html".into()));
        assert_eq!(under("/repo"), Target::Redirect("/repo/".into()));
        assert_eq!(under("/"), Target::Redirect("/repo/".into()));
        assert_eq!(under("/other/"), Target::NotFound);
        assert_eq!(under("/en/"), Target::NotFound);
    }

    #[test]
    fn only_local_host_names_are_answered() {
        let loopback: SocketAddr = "127.0.0.1:4000".parse().unwrap();
        for host in [
            "localhost",
            "localhost:4000",
            "LOCALHOST:4000",
            "127.0.0.1:4000",
            "[::1]:4000",
            "[::1]",
            "localhost.",
        ] {
            assert!(host_allowed(Some(host), &loopback), "{host}");
        }
        assert!(host_allowed(None, &loopback));
        for host in [
            "evil.example",
            "evil.example:4000",
            "127.0.0.1.nip.io:4000",
            "localhost.evil.example",
            "10.0.0.5:4000",
            "[::1]x",
            "localhost:40x0",
            "",
            "0.0.0.0:4000",
        ] {
            assert!(!host_allowed(Some(host), &loopback), "{host}");
        }
        let lan: SocketAddr = "192.168.1.20:4000".parse().unwrap();
        assert!(host_allowed(Some("192.168.1.20:4000"), &lan));
        assert!(!host_allowed(Some("192.168.1.21:4000"), &lan));
        let any: SocketAddr = "0.0.0.0:4000".parse().unwrap();
        assert!(!host_allowed(Some("0.0.0.0:4000"), &any));
    }

    #[test]
    fn mime_types_by_extension() {
        assert_eq!(mime_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(mime_type("style.css"), "text/css; charset=utf-8");
        assert_eq!(mime_type("search.json"), "application/json");
        assert_eq!(mime_type("IMG.PNG"), "image/png");
        assert_eq!(mime_type("blob"), "application/octet-stream");
    }
}
