//! The HTTP side of `serve` (tiny_http): binds loopback by default, serves
//! the in-memory site with MIME types, `index.html` for folders, the site's
//! 404 page and the base-URL sub-path, injects the live-reload script into
//! HTML, and streams reload events.
//!
//! Only paths the renderer wrote can be served: requests are resolved
//! against the in-memory site, never the disk, and anything that looks like
//! an escape (`..`, `%2e`, `%2f`, `%5c`, backslashes, `//`) is a 404.

use crate::serve::files::SiteFiles;
use crate::serve::reload::{self, Broadcaster};
use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;
use tiny_http::{Header, Method, Request, Response, StatusCode};

/// How many ports after the requested one are tried when it is taken.
const PORT_ATTEMPTS: u16 = 20;
/// Threads answering requests (event streams get a thread each).
const WORKERS: usize = 4;

/// A bound listener and what the terminal should say about it.
pub struct Bound {
    http: tiny_http::Server,
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
        match tiny_http::Server::http(SocketAddr::new(ip, candidate)) {
            Ok(http) => {
                let address = http
                    .server_addr()
                    .to_ip()
                    .unwrap_or(SocketAddr::new(ip, candidate));
                return Ok(Bound {
                    http,
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

/// The running server; `stop` ends it.
pub struct Server {
    http: Arc<tiny_http::Server>,
    stopping: Arc<AtomicBool>,
    workers: Vec<JoinHandle<()>>,
}

impl Server {
    pub fn start(bound: Bound, files: Arc<SiteFiles>, broadcaster: Arc<Broadcaster>) -> Self {
        let address = bound.address;
        let http = Arc::new(bound.http);
        let stopping = Arc::new(AtomicBool::new(false));
        let workers = (0..WORKERS)
            .map(|_| {
                let http = Arc::clone(&http);
                let stopping = Arc::clone(&stopping);
                let files = Arc::clone(&files);
                let broadcaster = Arc::clone(&broadcaster);
                std::thread::spawn(move || {
                    while !stopping.load(Ordering::Relaxed) {
                        match http.recv_timeout(Duration::from_millis(250)) {
                            Ok(Some(request)) => handle(request, &address, &files, &broadcaster),
                            Ok(None) => {}
                            Err(_) => break,
                        }
                    }
                })
            })
            .collect();
        Self {
            http,
            stopping,
            workers,
        }
    }

    /// Stops accepting requests and waits for the workers.
    pub fn stop(self) {
        self.stopping.store(true, Ordering::Relaxed);
        for _ in &self.workers {
            self.http.unblock();
        }
        for worker in self.workers {
            let _ = worker.join();
        }
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

fn header(name: &str, value: &str) -> Header {
    // Both come from this file or from a path that passed `resolve`.
    Header::from_bytes(name.as_bytes(), value.as_bytes())
        .unwrap_or_else(|_| Header::from_bytes(&b"X-Yilnoma"[..], &b"1"[..]).expect("valid header"))
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

fn handle(request: Request, bound: &SocketAddr, files: &SiteFiles, broadcaster: &Broadcaster) {
    let host = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Host"))
        .map(|h| h.value.as_str().to_string());
    if !host_allowed(host.as_deref(), bound) {
        let _ = request.respond(
            Response::from_string(
                "this preview answers only requests addressed to localhost, 127.0.0.1, [::1] or its own address",
            )
            .with_status_code(StatusCode(421)),
        );
        return;
    }
    if !matches!(request.method(), Method::Get | Method::Head) {
        let _ = request
            .respond(Response::from_string("only GET and HEAD").with_status_code(StatusCode(405)));
        return;
    }
    let url = request.url().to_string();
    let path = url.split('?').next().unwrap_or("");
    if path == reload::EVENTS_PATH {
        let (receiver, first) = broadcaster.subscribe();
        // One thread per open page, so workers stay free for requests.
        std::thread::spawn(move || reload::stream(request.into_writer(), receiver, first));
        return;
    }
    if path == reload::SCRIPT_PATH {
        let _ = request.respond(send(reload::CLIENT_SCRIPT.as_bytes().to_vec(), "x.js", 200));
        return;
    }
    let base_path = files.base_path();
    let target = resolve(&base_path, &url, |relative| {
        files.get(&format!("{relative}/index.html")).is_some()
    });
    let response = match target {
        Target::File(key) => match files.get(&key) {
            Some(bytes) => send(bytes.to_vec(), &key, 200),
            None => not_found(files),
        },
        Target::Redirect(location) => Response::from_data(Vec::new())
            .with_status_code(StatusCode(302))
            .with_header(header("Location", &location)),
        Target::NotFound => not_found(files),
    };
    let _ = request.respond(response);
}

fn send(bytes: Vec<u8>, key: &str, status: u16) -> Response<std::io::Cursor<Vec<u8>>> {
    let mime = mime_type(key);
    let body = if mime.starts_with("text/html") {
        reload::inject(&bytes)
    } else {
        bytes
    };
    Response::from_data(body)
        .with_status_code(StatusCode(status))
        .with_header(header("Content-Type", mime))
        .with_header(header("Cache-Control", "no-store"))
        .with_header(header("X-Content-Type-Options", "nosniff"))
}

fn not_found(files: &SiteFiles) -> Response<std::io::Cursor<Vec<u8>>> {
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
