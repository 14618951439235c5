//! What a request is answered with: the Host check, the method check, the
//! live-reload paths, and the mapping of a URL onto the in-memory site
//! (`resolve`), which never touches the disk and refuses every form of path
//! escape (`..`, `%2e`, `%2f`, `%5c`, backslashes, `//`) with a 404.

use crate::serve::files::SiteFiles;
use crate::serve::http::{mime_type, RequestInfo, Response};
use crate::serve::reload;
use std::net::{IpAddr, SocketAddr};

/// What the connection does next.
pub(crate) enum Routed {
    Respond(Response),
    Events,
}

/// The answer to one request to the server bound at `bound`.
pub(crate) fn route(
    request: &RequestInfo,
    bound: &SocketAddr,
    files: &SiteFiles,
    messages_lang: &str,
) -> Routed {
    if request.has_body {
        return Routed::Respond(Response::text(413, "the preview takes no request bodies"));
    }
    if !host_allowed(request.host.as_deref(), bound) {
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
    let base_path = files.base_path();
    let target = resolve(&base_path, url, |relative| {
        files.get(&format!("{relative}/index.html")).is_some()
    });
    Routed::Respond(match target {
        Target::File(key) => match files.get(&key) {
            Some(bytes) => send(bytes.to_vec(), &key, 200),
            None => not_found(files, messages_lang),
        },
        // `resolve` let only a clean path through; no CR or LF can be in it.
        Target::Redirect(location) => Response::new(302, Vec::new()).header("Location", &location),
        Target::NotFound => not_found(files, messages_lang),
    })
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

fn not_found(files: &SiteFiles, messages_lang: &str) -> Response {
    if files.is_empty() {
        return send(waiting_page(messages_lang).into_bytes(), "x.html", 503);
    }
    match files.get("404.html") {
        Some(page) => send(page.to_vec(), "404.html", 404),
        None => send(b"404 not found".to_vec(), "x.txt", 404),
    }
}

/// The page shown while no build has succeeded: the overlay shows the
/// errors over it, in its language (the terminal's), and it reloads once
/// they are fixed.
fn waiting_page(messages_lang: &str) -> String {
    let escape = crate::render::escape::html;
    format!(
        "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"yilnoma-waiting\">\
         <title>Yilnoma</title></head><body><p>{}</p></body></html>",
        escape(messages_lang),
        escape(&crate::t!("serve_waiting_page").in_language(messages_lang))
    )
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
    fn the_waiting_page_speaks_the_terminal_language() {
        let page = waiting_page("uz");
        assert!(
            page.starts_with("<!doctype html><html lang=\"uz\">"),
            "{page}"
        );
        assert!(page.contains("yilnoma-waiting"), "{page}");
        assert!(page.contains("Saytda xatolar bor"), "{page}");
        assert!(waiting_page("en").contains("The site has errors"));
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
}
