//! The HTTP side of `serve`: a small HTTP/1.1 server on `std::net` with
//! `httparse` for the request head. It binds loopback by default, accepts
//! connections (a thread each), reads request heads and writes the answers
//! `router` picks; an event stream is handed to `reload`.
//!
//! Every resource a client can hold is bounded: a request head must arrive
//! whole within [`HEAD_TIMEOUT`] and fit in [`MAX_HEAD`] bytes; a request
//! with a body gets 413 and the connection closes (the preview takes no
//! uploads, and nothing the client declares is ever allocated); at most
//! [`MAX_CONNECTIONS`] connections and [`MAX_STREAMS`] event streams are
//! open at once, past which the answer is 503; a stream whose page went away
//! ends within [`reload::HANGUP_CHECK`].

use crate::serve::files::SiteFiles;
use crate::serve::http::{RequestInfo, Response};
use crate::serve::reload::{self, Broadcaster};
use crate::serve::router::{route, Routed};
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
    /// The language of the page shown while no build has succeeded.
    messages_lang: &'static str,
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
    /// Serves `files`; `messages_lang` is the language of the page shown
    /// while no build has succeeded (the terminal's).
    pub fn start(
        bound: Bound,
        files: Arc<SiteFiles>,
        broadcaster: Arc<Broadcaster>,
        messages_lang: &'static str,
    ) -> Self {
        let shared = Arc::new(Shared {
            bound: bound.address,
            files,
            broadcaster,
            messages_lang,
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
        match route(
            &request_info,
            &shared.bound,
            &shared.files,
            shared.messages_lang,
        ) {
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
