//! `yilnoma serve` end to end: the real binary on an ephemeral port against
//! a fixture copy, driven over plain HTTP. Every wait is a bounded poll.

mod common;

use common::TestSite;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Long enough for a debug build on a busy machine; only failures wait this long.
const PATIENCE: Duration = Duration::from_secs(60);

const EVENT: &str = "content/events/2021-declaration.uz.md";
const EVENT_URL: &str = "/events/2021-declaration/";

/// A running `yilnoma serve`; killed when dropped.
struct Served {
    child: Child,
    port: u16,
    stdout: Arc<Mutex<String>>,
    stderr: Arc<Mutex<String>>,
}

impl Served {
    fn start(site: &TestSite) -> Self {
        Self::start_with(site, &["--port", "0"])
    }

    fn start_with(site: &TestSite, args: &[&str]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_yilnoma"))
            .arg("serve")
            .args(args)
            .current_dir(site.root())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start yilnoma serve");
        let stdout = collect(child.stdout.take().expect("piped stdout"));
        let stderr = collect(child.stderr.take().expect("piped stderr"));
        let (lines, out) = stdout;
        let mut served = Self {
            child,
            port: 0,
            stdout: out,
            stderr: stderr.1,
        };
        let deadline = Instant::now() + PATIENCE;
        while Instant::now() < deadline {
            if let Ok(line) = lines.recv_timeout(Duration::from_millis(100)) {
                if let Some(url) = line.strip_prefix("serving at http://127.0.0.1:") {
                    let port = url.split('/').next().unwrap_or("");
                    served.port = port.parse().expect("port in the serving line");
                    return served;
                }
            }
        }
        panic!("serve did not start:\n{}", served.output());
    }

    fn output(&self) -> String {
        format!(
            "stdout:\n{}\nstderr:\n{}",
            self.stdout.lock().unwrap(),
            self.stderr.lock().unwrap()
        )
    }

    /// Polls the printed output until it contains `needle`.
    #[track_caller]
    fn wait_for_output(&self, needle: &str) {
        let deadline = Instant::now() + PATIENCE;
        while !self.output().contains(needle) {
            assert!(
                Instant::now() < deadline,
                "no `{needle}` in:\n{}",
                self.output()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn get(&self, path: &str) -> HttpResponse {
        get(self.port, path)
    }

    /// Polls `path` until its body satisfies `ok`.
    #[track_caller]
    fn wait_for_page(&self, path: &str, ok: impl Fn(&str) -> bool) -> HttpResponse {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let response = self.get(path);
            if ok(&response.body) {
                return response;
            }
            if Instant::now() > deadline {
                panic!(
                    "{path} never matched; last body:\n{}\n{}",
                    response.body,
                    self.output()
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn events(&self) -> EventStream {
        EventStream::open(self.port)
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Reads a child's pipe into a shared string and a channel of lines.
fn collect(pipe: impl Read + Send + 'static) -> (Receiver<String>, Arc<Mutex<String>>) {
    let (sender, receiver) = channel();
    let text = Arc::new(Mutex::new(String::new()));
    let sink = Arc::clone(&text);
    std::thread::spawn(move || {
        for line in BufReader::new(pipe).lines().map_while(Result::ok) {
            sink.lock().unwrap().push_str(&format!("{line}\n"));
            let _ = sender.send(line);
        }
    });
    (receiver, text)
}

struct HttpResponse {
    status: u16,
    head: String,
    body: String,
}

/// A raw HTTP/1.1 GET: the path goes on the wire exactly as written (an
/// HTTP client library would normalise `..` away).
fn get(port: u16, path: &str) -> HttpResponse {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(PATIENCE))
        .expect("read timeout");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .expect("send request");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read response");
    let text = String::from_utf8_lossy(&raw).to_string();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    HttpResponse {
        status,
        head: head.to_string(),
        body: body.to_string(),
    }
}

/// The live-reload event stream, read as it arrives.
struct EventStream {
    stream: TcpStream,
    seen: String,
}

impl EventStream {
    fn open(port: u16) -> Self {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_millis(100)))
            .expect("read timeout");
        write!(
            stream,
            "GET /__yilnoma/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        )
        .expect("send request");
        let mut events = Self {
            stream,
            seen: String::new(),
        };
        // The server subscribes the page before it sends anything.
        events.wait_for("retry:");
        events
    }

    /// Reads until the stream contains `needle`; returns what came after the
    /// point where the previous wait stopped.
    #[track_caller]
    fn wait_for(&mut self, needle: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
        let mut buffer = [0u8; 4096];
        while !self.seen.contains(needle) {
            if Instant::now() > deadline {
                panic!("no `{needle}` on the event stream; got:\n{}", self.seen);
            }
            match self.stream.read(&mut buffer) {
                Ok(0) => panic!("event stream closed; got:\n{}", self.seen),
                Ok(n) => self.seen.push_str(&String::from_utf8_lossy(&buffer[..n])),
                Err(_) => {} // read timeout: poll again
            }
        }
        let at = self.seen.find(needle).unwrap_or(0);
        let rest = self.seen[at..].to_string();
        // The next wait looks only at what comes after this event.
        let end = rest.find("\n\n").map_or(self.seen.len(), |e| at + e + 2);
        self.seen = self.seen[end..].to_string();
        rest
    }
}

/// Saves like many editors do: write a temporary file, rename it over the real one.
fn save(site: &TestSite, relative: &str, text: &str) {
    let path = site.root().join(relative);
    let temp = path.with_file_name(format!(
        "{}.tmp.1234",
        path.file_name().unwrap().to_string_lossy()
    ));
    std::fs::write(&temp, text).unwrap();
    std::fs::rename(&temp, &path).unwrap();
}

fn read(site: &TestSite, relative: &str) -> String {
    std::fs::read_to_string(site.root().join(relative)).unwrap()
}

#[test]
fn edited_event_is_served_and_open_pages_are_told_to_reload() {
    let site = TestSite::new("minimal");
    let served = Served::start(&site);
    let page = served.get(EVENT_URL);
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Deklaratsiya imzolandi."));
    assert!(
        page.body.contains("/__yilnoma/reload.js"),
        "serve injects the reload script"
    );
    let mut events = served.events();

    let edited = read(&site, EVENT).replace("Deklaratsiya imzolandi.", "Yangi xulosa matni.");
    save(&site, EVENT, &edited);

    served.wait_for_page(EVENT_URL, |body| body.contains("Yangi xulosa matni."));
    let reload = events.wait_for("event: reload");
    assert!(reload.contains(EVENT_URL), "{reload}");
    // The timeline shows the summary too: it is rebuilt right after.
    served.wait_for_page("/", |body| body.contains("Yangi xulosa matni."));
    assert!(served
        .output()
        .contains("changed: content/events/2021-declaration.uz.md"));
}

#[test]
fn with_poll_an_edit_is_noticed_without_file_events() {
    let site = TestSite::new("minimal");
    let served = Served::start_with(&site, &["--port", "0", "--poll"]);
    assert!(
        served
            .output()
            .contains("checking for changes every 500 ms (--poll)"),
        "{}",
        served.output()
    );
    let edited = read(&site, EVENT).replace("Deklaratsiya imzolandi.", "Skanerlab topildi.");
    save(&site, EVENT, &edited);
    served.wait_for_page(EVENT_URL, |body| body.contains("Skanerlab topildi."));
    // A new file in a new subfolder is found by a later scan too.
    std::fs::create_dir_all(site.root().join("content/events/archive")).unwrap();
    for (lang, title) in [
        ("uz", "Yangi papkadagi voqea"),
        ("en", "An event in a new folder"),
    ] {
        save(
            &site,
            &format!("content/events/archive/2021-added.{lang}.md"),
            &format!("---\ntitle: \"{title}\"\ndate: 2021-12-07\nkind: treaty\n---\n\nMatn.\n"),
        );
    }
    served.wait_for_page("/events/2021-added/", |body| {
        body.contains("Yangi papkadagi voqea")
    });
}

#[test]
fn the_reload_script_is_never_in_build_output() {
    let site = TestSite::new("minimal");
    site.build().assert_ok();
    assert!(!site.file("index.html").contains("__yilnoma"));
    assert!(!site
        .file("events/2021-declaration/index.html")
        .contains("__yilnoma"));
}

#[test]
fn broken_yaml_shows_the_overlay_and_keeps_the_last_good_page() {
    let site = TestSite::new("minimal");
    let served = Served::start(&site);
    let mut events = served.events();
    let good = read(&site, EVENT);

    save(
        &site,
        EVENT,
        &good.replace("kind: treaty", "kind: treaty: [oops"),
    );

    let overlay = events.wait_for("event: errors");
    assert!(
        overlay.contains(r#""path":"content/events/2021-declaration.uz.md""#),
        "{overlay}"
    );
    assert!(overlay.contains(r#""line":4"#), "{overlay}");
    assert!(overlay.contains(r#""message":""#), "{overlay}");
    let page = served.get(EVENT_URL);
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("Deklaratsiya imzolandi."),
        "the last good page is served"
    );
    // A page opened while the site is broken shows the errors at once.
    let mut late = served.events();
    late.wait_for("event: errors");

    save(
        &site,
        EVENT,
        &good.replace("Deklaratsiya imzolandi.", "Tuzatildi."),
    );
    events.wait_for("event: reload");
    served.wait_for_page(EVENT_URL, |body| body.contains("Tuzatildi."));
}

#[test]
fn a_failed_edit_holds_back_later_edits_until_it_is_fixed() {
    let site = TestSite::new("minimal");
    let served = Served::start(&site);
    let mut events = served.events();
    let good = read(&site, EVENT);
    save(
        &site,
        EVENT,
        &good.replace("kind: treaty", "kind: nonsense"),
    );
    events.wait_for("event: errors");

    let other = "content/events/2022-treaty.uz.md";
    let other_text = read(&site, other);
    save(&site, other, &format!("{other_text}\nIkkinchi tahrir.\n"));
    let still = events.wait_for("event: errors");
    assert!(still.contains("unknown kind"), "{still}");
    assert!(!served
        .get("/events/2022-treaty/")
        .body
        .contains("Ikkinchi tahrir."));

    save(&site, EVENT, &good);
    events.wait_for("event: reload");
    served.wait_for_page("/events/2022-treaty/", |b| b.contains("Ikkinchi tahrir."));
}

#[test]
fn a_stylesheet_change_swaps_styles_without_a_reload() {
    let site = TestSite::new("minimal");
    site.write("static/style.css", "body { color: black }\n");
    let served = Served::start(&site);
    let mut events = served.events();
    save(&site, "static/style.css", "body { color: navy }\n");
    events.wait_for("event: css");
    let css = served.wait_for_page("/style.css", |b| b.contains("navy"));
    assert!(css.head.contains("Content-Type: text/css"), "{}", css.head);
}

#[test]
fn paths_outside_the_site_are_refused() {
    let site = TestSite::new("minimal");
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "top secret").unwrap();
    std::fs::create_dir_all(site.root().join("static")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        outside.path().join("secret.txt"),
        site.root().join("static/leak.txt"),
    )
    .unwrap();
    let served = Served::start(&site);
    for path in [
        "/../book.toml",
        "/events/../../book.toml",
        "/%2e%2e/book.toml",
        "/%2E%2E%2Fbook.toml",
        "/..%2fbook.toml",
        "/..%5cbook.toml",
        "/..\\book.toml",
        "//etc/passwd",
        "/%2fetc%2fpasswd",
        "/leak.txt",
        "/missing/",
    ] {
        let response = served.get(path);
        assert_eq!(response.status, 404, "{path}");
        assert!(!response.body.contains("top secret"), "{path}");
        assert!(!response.body.contains("[book]"), "{path}");
    }
    // Missing pages get the site's own 404 page.
    assert!(served.get("/missing/").body.contains("404"));
}

#[test]
fn folders_redirect_to_their_slash_and_files_have_mime_types() {
    let site = TestSite::new("minimal");
    let served = Served::start(&site);
    let redirect = served.get("/events/2021-declaration");
    assert_eq!(redirect.status, 302);
    assert!(redirect
        .head
        .contains("Location: /events/2021-declaration/"));
    let page = served.get("/en/");
    assert!(page.head.contains("Content-Type: text/html; charset=utf-8"));
    let script = served.get("/yilnoma.js");
    assert!(script.head.contains("Content-Type: text/javascript"));
}

#[test]
fn a_configured_sub_path_is_served_as_on_github_pages() {
    let site = TestSite::new("minimal");
    let config = read(&site, "book.toml");
    site.write(
        "book.toml",
        &format!("{config}\n[output.html]\nsite-url = \"https://example.org/repo/\"\n"),
    );
    let served = Served::start(&site);
    assert!(served.output().contains(&format!(
        "serving at http://127.0.0.1:{}/repo/",
        served.port
    )));
    assert_eq!(served.get("/repo/events/2021-declaration/").status, 200);
    assert_eq!(served.get(EVENT_URL).status, 404);
    let root = served.get("/");
    assert_eq!(root.status, 302);
    assert!(root.head.contains("Location: /repo/"));
}

#[test]
fn a_taken_port_moves_to_the_next_free_one() {
    let site = TestSite::new("minimal");
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let served = Served::start_with(&site, &["--port", &port.to_string()]);
    assert_ne!(served.port, port);
    served.wait_for_output(&format!("port {port} is taken"));
    assert_eq!(served.get(EVENT_URL).status, 200);
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_cleanly() {
    let site = TestSite::new("minimal");
    let mut served = Served::start(&site);
    let status = Command::new("kill")
        .args(["-INT", &served.child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let deadline = Instant::now() + PATIENCE;
    let code = loop {
        if let Some(status) = served.child.try_wait().unwrap() {
            break status.code();
        }
        assert!(
            Instant::now() < deadline,
            "serve did not stop:\n{}",
            served.output()
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(code, Some(0), "{}", served.output());
}

#[test]
fn a_site_broken_from_the_start_is_served_once_fixed() {
    let site = TestSite::new("minimal");
    let good = read(&site, EVENT);
    site.write(EVENT, &good.replace("kind: treaty", "kind: treaty: [oops"));
    let served = Served::start(&site);
    let waiting = served.get(EVENT_URL);
    assert_eq!(waiting.status, 503);
    assert!(waiting.body.contains("/__yilnoma/reload.js"));
    let mut events = served.events();
    events.wait_for("event: errors");
    save(&site, EVENT, &good);
    served.wait_for_page(EVENT_URL, |body| body.contains("Deklaratsiya imzolandi."));
    events.wait_for("event: reload");
}

/// Sends `raw` on a new connection and reads until the server closes it (or
/// `PATIENCE` passes); returns the status of the first response (0: none).
fn raw_exchange(port: u16, raw: &[u8]) -> u16 {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    let _ = stream.write_all(raw);
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let text = String::from_utf8_lossy(&answer);
    text.strip_prefix("HTTP/1.1 ")
        .and_then(|rest| rest.get(..3))
        .and_then(|code| code.parse().ok())
        .unwrap_or(0)
}

/// Threads of a process and its resident memory in KiB (Linux `/proc`).
fn threads_and_memory(pid: u32) -> (usize, u64) {
    let threads = std::fs::read_dir(format!("/proc/{pid}/task"))
        .expect("/proc task list")
        .count();
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let rss = status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0);
    (threads, rss)
}

/// Waits until `pid` has at most two threads more than `before`.
#[track_caller]
fn wait_for_threads(pid: u32, before: usize, patience: Duration) {
    let deadline = Instant::now() + patience;
    loop {
        let (threads, _) = threads_and_memory(pid);
        if threads <= before + 2 {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{threads} threads after {patience:?}, {before} before the stress"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// True when the server closed `stream` (end of file or reset), reading at
/// most until `deadline`.
fn closed_by_server(stream: &mut TcpStream, deadline: Instant) -> bool {
    let mut buffer = [0u8; 1024];
    while Instant::now() < deadline {
        stream
            .set_read_timeout(Some(Duration::from_millis(200)))
            .unwrap();
        match stream.read(&mut buffer) {
            Ok(0) => return true,
            Ok(_) => {} // a 408 or 503 before the close
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            Err(_) => return true,
        }
    }
    false
}

/// Hostile and broken clients on loopback, each class bounded in count: the
/// server answers each with an error status or a close, keeps answering real
/// requests, and its threads and memory come back near where they started.
#[cfg(target_os = "linux")]
#[test]
fn hostile_clients_leave_the_server_answering_with_its_threads_freed() {
    let site = TestSite::new("minimal");
    let served = Served::start(&site);
    let pid = served.child.id();
    assert_eq!(served.get("/").status, 200);
    let (threads_before, memory_before) = threads_and_memory(pid);

    // Malformed heads: 400, 431 or a close; never a page, never a crash.
    let long_header = format!(
        "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Long: {}\r\n\r\n",
        "a".repeat(64 * 1024)
    );
    let many_headers = format!(
        "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n{}\r\n",
        (0..200)
            .map(|i| format!("X-{i}: v\r\n"))
            .collect::<String>()
    );
    let malformed: Vec<&[u8]> = vec![
        b"GARBAGE\r\n\r\n",
        b"GET\r\n\r\n",
        b"\x00\x01\x02\xff\r\n\r\n",
        b"GET / HTTP/9.9\r\nHost: 127.0.0.1\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost 127.0.0.1\r\n\r\n",
        b"GET /\xc3\x28 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX:\x01\x02\r\n\r\n",
        long_header.as_bytes(),
        many_headers.as_bytes(),
    ];
    for raw in &malformed {
        let status = raw_exchange(served.port, raw);
        assert!(
            matches!(status, 0 | 400 | 404 | 431),
            "{status} for {:?}",
            String::from_utf8_lossy(&raw[..raw.len().min(60)])
        );
    }
    assert_eq!(raw_exchange(served.port, long_header.as_bytes()), 431);

    // Bodies are refused unread, however large their declared size.
    for raw in [
        "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 18446744073709551615\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 99999999999999\r\n\r\n",
        "PUT / HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\nffffffffff\r\n",
        "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: -1\r\n\r\n",
    ] {
        assert_eq!(raw_exchange(served.port, raw.as_bytes()), 413, "{raw}");
    }

    // A page on another site that rebinds its name to 127.0.0.1.
    for host in [
        "evil.example",
        "127.0.0.1.nip.io:80",
        "localhost.evil.example",
    ] {
        let raw = format!("GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
        assert_eq!(raw_exchange(served.port, raw.as_bytes()), 421, "{host}");
    }
    assert_eq!(
        raw_exchange(served.port, b"DELETE / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"),
        405
    );

    // Live-reload streams: more than the server keeps, then all dropped.
    let mut open = Vec::new();
    let mut refused = 0;
    for _ in 0..40 {
        let mut stream = TcpStream::connect(("127.0.0.1", served.port)).unwrap();
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        stream
            .write_all(b"GET /__yilnoma/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            .unwrap();
        let mut first = [0u8; 64];
        let n = stream.read(&mut first).unwrap_or(0);
        if String::from_utf8_lossy(&first[..n]).starts_with("HTTP/1.1 503") {
            refused += 1;
        } else {
            open.push(stream);
        }
    }
    assert!(refused > 0, "the stream cap never refused one");
    assert!(!open.is_empty());
    drop(open);
    // Their threads end within a second or so of the tabs closing.
    wait_for_threads(pid, threads_before, Duration::from_secs(10));

    // Slow clients: a head that never ends, and connections that say
    // nothing; real requests are answered meanwhile, and the server closes
    // the slow ones by itself.
    let mut slow: Vec<TcpStream> = (0..20)
        .map(|_| {
            let mut stream = TcpStream::connect(("127.0.0.1", served.port)).unwrap();
            stream.write_all(b"GET / HTTP/1.1\r\nHo").unwrap();
            stream
        })
        .collect();
    slow.extend((0..20).map(|_| TcpStream::connect(("127.0.0.1", served.port)).unwrap()));
    assert_eq!(served.get(EVENT_URL).status, 200);
    let deadline = Instant::now() + PATIENCE;
    for stream in &mut slow {
        assert!(
            closed_by_server(stream, deadline),
            "a slow client was never dropped"
        );
    }
    drop(slow);

    // Still answering, still alive, and back near the starting threads.
    assert_eq!(served.get("/").status, 200);
    wait_for_threads(pid, threads_before, PATIENCE);
    let (_, memory) = threads_and_memory(pid);
    assert!(
        memory < memory_before + 64 * 1024,
        "memory grew from {memory_before} KiB to {memory} KiB"
    );
    assert!(!served.output().contains("panicked"), "{}", served.output());
}

/// The bytes `served` answers for output file `path` (`events/x/index.html`):
/// HTML without the live-reload script serve adds.
fn served_file(served: &Served, path: &str) -> Option<String> {
    let mut url = String::from("/");
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"/._-~".contains(&byte) {
            url.push(byte as char);
        } else {
            url.push_str(&format!("%{byte:02X}"));
        }
    }
    let response = served.get(&url);
    (response.status == 200).then(|| {
        response
            .body
            .replace("<script src=\"/__yilnoma/reload.js\" defer></script>", "")
    })
}

/// Polls until every file a full build of the site writes now is served
/// with the same bytes; panics naming the files that still differ.
#[track_caller]
fn wait_for_full_build(served: &Served, site: &TestSite) {
    let out = tempfile::tempdir().unwrap();
    let out_dir = out.path().join("public");
    site.run(&["build", "--out", out_dir.to_str().unwrap()])
        .assert_ok();
    let mut built = Vec::new();
    for entry in walkdir::WalkDir::new(&out_dir) {
        let entry = entry.unwrap();
        let relative = entry.path().strip_prefix(&out_dir).unwrap();
        let name = relative.to_string_lossy().replace('\\', "/");
        if entry.file_type().is_file() && name != ".yilnoma-output" {
            let bytes = std::fs::read(entry.path()).unwrap();
            built.push((name, String::from_utf8_lossy(&bytes).to_string()));
        }
    }
    assert!(built.len() > 10, "a full build writes the site: {built:?}");
    let deadline = Instant::now() + PATIENCE;
    loop {
        let differ: Vec<&str> = built
            .iter()
            .filter(|(name, text)| served_file(served, name).as_ref() != Some(text))
            .map(|(name, _)| name.as_str())
            .collect();
        if differ.is_empty() {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "served files differ from a full build: {differ:?}\n{}",
            served.output()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Issue 16: content/ deleted and restored is watched again (before, edits
/// after the restore were never seen), and the site equals a full build.
#[test]
fn content_deleted_and_restored_is_watched_again() {
    let site = TestSite::new("minimal");
    let served = Served::start(&site);
    wait_for_full_build(&served, &site);
    let content = site.root().join("content");
    let kept = tempfile::tempdir().unwrap();
    common::copy_dir(&content, kept.path());
    std::fs::remove_dir_all(&content).unwrap();
    served.wait_for_output("the content folder does not exist");
    // The files go one by one: a batch may have seen some gone and the
    // folder still there, and served that (a good site). It stays served.
    assert_eq!(served.get("/").status, 200, "the last good site stays");
    common::copy_dir(kept.path(), &content);
    wait_for_full_build(&served, &site);
    let edited = read(&site, EVENT).replace("Deklaratsiya imzolandi.", "Qaytgan papka.");
    save(&site, EVENT, &edited);
    served.wait_for_page(EVENT_URL, |body| body.contains("Qaytgan papka."));
    wait_for_full_build(&served, &site);
}

/// Issue 16: a broken book.toml keeps the last good site; once fixed, even
/// when it now names another content folder, the site equals a full build
/// and edits in the new folder are seen.
#[test]
fn a_fixed_book_toml_is_served_as_a_full_build_and_moves_the_watch() {
    let site = TestSite::new("minimal");
    let served = Served::start(&site);
    let book = read(&site, "book.toml");
    site.write("book.toml", &book.replace("[kind.visit]", "[kind.visit"));
    served.wait_for_output("rebuild failed");
    assert!(
        served.output().contains("book.toml:"),
        "{}",
        served.output()
    );
    assert_eq!(
        served.get(EVENT_URL).status,
        200,
        "the last good site stays"
    );
    site.write(
        "book.toml",
        &book.replace(
            "title = \"Test\"\nlanguage",
            "title = \"Tuzatildi\"\nlanguage",
        ),
    );
    wait_for_full_build(&served, &site);
    // The content folder moves and book.toml follows it.
    std::fs::rename(site.root().join("content"), site.root().join("texts")).unwrap();
    served.wait_for_output("the content folder does not exist");
    site.write(
        "book.toml",
        &book.replace("[book]\n", "[book]\nsrc = \"texts\"\n"),
    );
    wait_for_full_build(&served, &site);
    let moved_event = EVENT.replacen("content/", "texts/", 1);
    let edited = read(&site, &moved_event).replace("Deklaratsiya imzolandi.", "Yangi papkada.");
    save(&site, &moved_event, &edited);
    served.wait_for_page(EVENT_URL, |body| body.contains("Yangi papkada."));
    wait_for_full_build(&served, &site);
}

/// Issue 16: an event's files renamed to a new slug: the old pages go, the
/// new ones come, as in a full build.
#[test]
fn renamed_event_files_are_served_as_a_full_build() {
    let site = TestSite::new("minimal");
    let served = Served::start(&site);
    for lang in ["uz", "en"] {
        std::fs::rename(
            site.root()
                .join(format!("content/events/2021-declaration.{lang}.md")),
            site.root()
                .join(format!("content/events/2021-joint-declaration.{lang}.md")),
        )
        .unwrap();
    }
    served.wait_for_page("/events/2021-joint-declaration/", |body| {
        body.contains("Deklaratsiya imzolandi.")
    });
    wait_for_full_build(&served, &site);
    assert_eq!(served.get(EVENT_URL).status, 404);
}

/// Issue 16: a named pipe among the content files is reported (never
/// opened, so the rebuild loop does not hang); once removed, the site
/// equals a full build and later edits are served.
#[cfg(unix)]
#[test]
fn a_fifo_in_content_is_reported_until_it_goes() {
    let site = TestSite::new("minimal");
    let served = Served::start(&site);
    let fifo = site.root().join("content/events/2024-pipe.uz.md");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("run mkfifo");
    assert!(made.success());
    served.wait_for_output("not a regular file");
    assert_eq!(
        served.get(EVENT_URL).status,
        200,
        "the last good site stays"
    );
    std::fs::remove_file(&fifo).unwrap();
    wait_for_full_build(&served, &site);
    let edited = read(&site, EVENT).replace("Deklaratsiya imzolandi.", "Quvur ketdi.");
    save(&site, EVENT, &edited);
    served.wait_for_page(EVENT_URL, |body| body.contains("Quvur ketdi."));
}

/// Issue 16: a page pulldown-cmark 0.13.6 panics on, then a page linking
/// into it (whose anchor check parses it again), saved under `serve`: each
/// is reported naming the page at fault and the server keeps serving the
/// last good site (before, the first save ended it with exit 101); once
/// the page is fixed, the site equals a full build.
#[test]
fn a_page_the_markdown_parser_panics_on_does_not_stop_the_server() {
    let site = TestSite::new("minimal");
    let mut served = Served::start(&site);
    save(
        &site,
        "content/pages/crash.uz.md",
        "---\ntitle: Qulash\n---\n-\n  }\n   {}\n  -",
    );
    served.wait_for_output("the Markdown (pulldown-cmark) parser failed");
    save(
        &site,
        "content/pages/linker.uz.md",
        "---\ntitle: Havola\n---\n\n[U yerga](crash.md#qism)\n",
    );
    // The failed batch is retried with this one, so the error comes again.
    let deadline = Instant::now() + PATIENCE;
    while served.output().matches("parser failed").count() < 2 {
        assert!(Instant::now() < deadline, "{}", served.output());
        std::thread::sleep(Duration::from_millis(100));
    }
    let alive = served.child.try_wait().expect("ask for the server's state");
    assert!(alive.is_none(), "the server ended: {}", served.output());
    assert_eq!(
        served.get(EVENT_URL).status,
        200,
        "the last good site stays"
    );
    assert!(!served.output().contains("panicked"), "{}", served.output());
    save(
        &site,
        "content/pages/crash.uz.md",
        "---\ntitle: Qulash\n---\n\n## Qism {#qism}\n\nTuzatildi.\n",
    );
    served.wait_for_page("/linker/", |body| body.contains("crash/#qism"));
    wait_for_full_build(&served, &site);
}
