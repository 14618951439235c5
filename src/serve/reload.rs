//! Live reload: the server-sent-events stream open pages listen to, the
//! messages sent on it, and the client script `serve` injects into HTML.
//!
//! The script is added to responses by the server only; `build` output never
//! contains it. Messages: `reload` (the URLs whose pages changed, or `*`),
//! `css` (only stylesheets changed: swap them in place), `errors` (the
//! errors of a failed rebuild, shown as an overlay: `overlay`) and `fixed`.

use super::overlay::{self, Overlay};
use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, Sender};
use std::sync::Mutex;
use std::time::Duration;

/// The event stream's URL path (always at the server root).
pub const EVENTS_PATH: &str = "/__yilnoma/events";
/// The client script's URL path.
pub const SCRIPT_PATH: &str = "/__yilnoma/reload.js";
/// The client script.
pub const CLIENT_SCRIPT: &str = include_str!("reload.js");

/// How often an idle stream sends a comment, so proxies and browsers keep it.
const KEEP_ALIVE: Duration = Duration::from_secs(15);
/// How often an idle stream checks whether its page closed the connection.
pub const HANGUP_CHECK: Duration = Duration::from_millis(500);

/// Past this many changed pages, open pages are told "everything changed".
const MAX_URLS: usize = 200;

/// One message to every open page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// Pages changed: their URLs (`/en/events/x/`), or `*` for all.
    Reload(Vec<String>),
    /// Only stylesheets changed.
    Css,
    /// The last rebuild failed with these errors.
    Errors(Overlay),
    /// A rebuild succeeded after a failure, changing no page.
    Fixed,
}

impl Message {
    /// `reload` for the changed output paths, as URLs under `base_path`.
    pub fn reload(base_path: &str, changed: &[String]) -> Self {
        if changed.len() > MAX_URLS {
            return Message::Reload(vec!["*".into()]);
        }
        let urls = changed
            .iter()
            .map(|path| {
                let page = path.strip_suffix("index.html").unwrap_or(path);
                format!("{base_path}{page}")
            })
            .collect();
        Message::Reload(urls)
    }

    /// The message as one server-sent event.
    pub fn to_event(&self) -> String {
        let (name, data) = match self {
            Message::Reload(urls) => ("reload", serde_json::json!({ "urls": urls })),
            Message::Css => ("css", serde_json::json!({})),
            Message::Fixed => ("fixed", serde_json::json!({})),
            Message::Errors(shown) => (
                "errors",
                serde_json::json!({
                    "errors": shown.errors,
                    "more": shown.more,
                    "words": overlay::interface(shown.more),
                }),
            ),
        };
        // JSON has no raw newlines, so the data fits on one `data:` line.
        format!("event: {name}\ndata: {data}\n\n")
    }
}

/// Sends every message to every connected page; remembers the current
/// errors so a page opened later shows them at once.
#[derive(Default)]
pub struct Broadcaster {
    clients: Mutex<Vec<Sender<String>>>,
    errors: Mutex<Option<String>>,
}

impl Broadcaster {
    pub fn new() -> Self {
        Self::default()
    }

    /// A new listener, and the event it must show first (the current errors).
    pub fn subscribe(&self) -> (Receiver<String>, Option<String>) {
        let (sender, receiver) = channel();
        lock(&self.clients).push(sender);
        (receiver, lock(&self.errors).clone())
    }

    pub fn send(&self, message: &Message) {
        let event = message.to_event();
        *lock(&self.errors) = match message {
            Message::Errors(_) => Some(event.clone()),
            _ => None,
        };
        // A send fails once the page's stream has ended: forget that page.
        lock(&self.clients).retain(|client| client.send(event.clone()).is_ok());
    }

    /// Ends every stream (on shutdown).
    pub fn close(&self) {
        lock(&self.clients).clear();
    }

    /// How many pages are listening.
    pub fn listeners(&self) -> usize {
        lock(&self.clients).len()
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // Poisoned only if a thread panicked while pushing; the data is intact.
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// Writes the event stream to one page until it goes away or the server
/// stops. The stream writes to the raw connection and flushes per event.
/// Between events it checks every [`HANGUP_CHECK`] whether the page closed
/// the connection, so a closed tab frees its thread promptly.
pub fn stream(mut connection: TcpStream, receiver: Receiver<String>, first: Option<String>) {
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\n\
                Cache-Control: no-store\r\nConnection: close\r\n\r\nretry: 500\n\n";
    if send_chunk(&mut connection, head).is_err() {
        return;
    }
    if let Some(event) = first {
        if send_chunk(&mut connection, &event).is_err() {
            return;
        }
    }
    let mut idle = Duration::ZERO;
    loop {
        let chunk = match receiver.recv_timeout(HANGUP_CHECK) {
            Ok(event) => event,
            Err(RecvTimeoutError::Disconnected) => return,
            Err(RecvTimeoutError::Timeout) => {
                if hung_up(&connection) {
                    return;
                }
                idle += HANGUP_CHECK;
                if idle < KEEP_ALIVE {
                    continue;
                }
                ": keep-alive\n\n".to_string()
            }
        };
        idle = Duration::ZERO;
        if send_chunk(&mut connection, &chunk).is_err() {
            return;
        }
    }
}

fn send_chunk(connection: &mut TcpStream, chunk: &str) -> std::io::Result<()> {
    connection.write_all(chunk.as_bytes())?;
    connection.flush()
}

/// True once the client closed its side (or the connection broke). Bytes a
/// client sends on an event stream mean nothing and are discarded.
fn hung_up(connection: &TcpStream) -> bool {
    if connection.set_nonblocking(true).is_err() {
        return true;
    }
    let mut reader = connection;
    let mut scratch = [0u8; 512];
    // Bounded, so a client that keeps sending cannot hold the thread here.
    let mut gone = false;
    for _ in 0..64 {
        match reader.read(&mut scratch) {
            Ok(0) => gone = true,
            Ok(_) => continue,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) => gone = e.kind() != ErrorKind::WouldBlock,
        }
        break;
    }
    gone || connection.set_nonblocking(false).is_err()
}

/// Adds the client script to an HTML page, before its last `</body>` (or at
/// the end when there is none).
pub fn inject(html: &[u8]) -> Vec<u8> {
    let tag = format!("<script src=\"{SCRIPT_PATH}\" defer></script>");
    let position = find_last_ignore_case(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..position]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[position..]);
    out
}

fn find_last_ignore_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    (0..=haystack.len().checked_sub(needle.len())?)
        .rev()
        .find(|&i| haystack[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Diagnostic;
    use std::path::Path;

    #[test]
    fn script_goes_before_the_closing_body_tag() {
        let page = inject(b"<html><body><p>x</p></BODY></html>");
        assert_eq!(
            String::from_utf8(page).unwrap(),
            "<html><body><p>x</p><script src=\"/__yilnoma/reload.js\" defer></script></BODY></html>"
        );
        let fragment = inject(b"<p>x</p>");
        assert!(String::from_utf8(fragment).unwrap().ends_with("</script>"));
    }

    #[test]
    fn reload_names_page_urls_under_the_base_path() {
        let message = Message::reload(
            "/repo/",
            &["index.html".into(), "en/events/a/index.html".into()],
        );
        assert_eq!(
            message,
            Message::Reload(vec!["/repo/".into(), "/repo/en/events/a/".into()])
        );
        assert_eq!(
            message.to_event(),
            "event: reload\ndata: {\"urls\":[\"/repo/\",\"/repo/en/events/a/\"]}\n\n"
        );
    }

    #[test]
    fn errors_carry_the_overlay_and_its_words_in_every_language() {
        let error = Diagnostic::error("/site/content/events/a.uz.md", "bad <YAML>")
            .at(3, 7)
            .hint("fix it");
        let shown = overlay::describe(
            &[error],
            Path::new("/site"),
            &|_: &Path| Some("a\nb\ntitle: 'O'zbek'\n".to_string()),
            &overlay::EditLinks::default(),
        );
        let event = Message::Errors(shown).to_event();
        let data = event
            .strip_prefix("event: errors\ndata: ")
            .and_then(|rest| rest.strip_suffix("\n\n"))
            .expect("one errors event on one data line");
        let value: serde_json::Value = serde_json::from_str(data).unwrap();
        let first = &value["errors"][0];
        assert_eq!(first["path"], "content/events/a.uz.md");
        assert_eq!(
            (first["line"].as_u64(), first["column"].as_u64()),
            (Some(3), Some(7))
        );
        assert_eq!(first["excerpt"]["before"], "title:");
        assert_eq!(first["excerpt"]["marked"], " ");
        assert_eq!(first["texts"]["uz"]["message"], "bad <YAML>");
        assert_eq!(first["texts"]["uz"]["label"], "xato");
        assert_eq!(value["words"]["uz"]["hint"], "maslahat");
        assert_eq!(value["words"]["en"]["close"], "Close");
    }

    #[test]
    fn late_listeners_see_the_current_errors_first() {
        let hub = Broadcaster::new();
        let errors = vec![Diagnostic::error("a", "x")];
        let shown = overlay::describe(
            &errors,
            Path::new(""),
            &|_: &Path| None,
            &overlay::EditLinks::default(),
        );
        hub.send(&Message::Errors(shown));
        let (_, first) = hub.subscribe();
        assert!(first.unwrap().starts_with("event: errors"));
        hub.send(&Message::Fixed);
        let (receiver, first) = hub.subscribe();
        assert_eq!(first, None);
        hub.send(&Message::Css);
        assert!(receiver.recv().unwrap().starts_with("event: css"));
    }
}
