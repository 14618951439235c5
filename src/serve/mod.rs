//! `serve`: build into memory, serve over HTTP, rebuild on every change.
//!
//! `watch` turns file events into `Change`s; `live` applies them to the
//! loaded site and renders only what they touch; `files` holds the last good
//! output, which `server` serves; `reload` tells open pages to reload, swap
//! their stylesheets or show the errors of a failed rebuild. Nothing here is
//! written to disk.

pub mod files;
mod http;
pub mod live;
pub mod overlay;
mod placement;
mod plan;
mod publish;
pub mod reload;
mod router;
mod scope;
pub mod server;
mod template_chains;
mod update;
pub mod watch;

use crate::content::Drafts;
use crate::diag::{Diagnostic, Text};
use crate::report::{Colour, SourceCache};
use crate::t;
use files::SiteFiles;
use live::{LiveSite, Rebuild};
use overlay::EditLinks;
use reload::{Broadcaster, Message};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, TryRecvError};
use std::sync::Arc;
use std::time::Instant;
use watch::{Change, Watcher};
pub use watch::{WatchMode, POLL_INTERVAL};

/// Where `serve` reports progress: the library never prints.
pub trait Terminal {
    /// A line of progress (stdout).
    fn say(&self, line: &str);
    /// Diagnostics and problems (stderr).
    fn warn(&self, text: &str);
    /// The language of the lines and diagnostics (`--messages-lang`).
    fn messages_lang(&self) -> &'static str {
        crate::messages::DEFAULT_LANGUAGE
    }
    /// Whether diagnostics carry colours.
    fn colour(&self) -> Colour {
        Colour::Never
    }
}

/// A catalogue line in the terminal's language.
fn words(terminal: &dyn Terminal, text: Text) -> String {
    text.in_language(terminal.messages_lang())
}

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: String,
    pub port: u16,
    pub drafts: Drafts,
    /// `--poll`: re-scan the folders instead of the operating system's events.
    pub watch: WatchMode,
}

/// What the rebuild loop waits for.
pub enum Signal {
    /// Files changed; the `Instant` is the first file event of the batch.
    Changed(BTreeSet<Change>, Instant),
    WatchFailed(String),
    /// Ctrl-C: shut down.
    Stop,
}

/// Builds, serves and rebuilds until `Signal::Stop` arrives on `signals`.
/// `on_ready` gets the site's URL once the server listens.
pub fn run(
    options: &ServeOptions,
    terminal: &dyn Terminal,
    signals: (Sender<Signal>, Receiver<Signal>),
    on_ready: &dyn Fn(&str),
) -> anyhow::Result<()> {
    let (sender, receiver) = signals;
    let root = crate::fs::canonicalize(&options.root)?;
    let mut live = LiveSite::new(root.clone(), options.drafts);
    let files = Arc::new(SiteFiles::new());
    let broadcaster = Arc::new(Broadcaster::new());

    // Every rebuild's output goes to the same files, pages and terminal;
    // the overlay links to the last good book.toml's edit pages.
    let show = |rebuild: Rebuild, links: EditLinks, timing: Timing, what: &str| {
        let to = Audience {
            files: &files,
            broadcaster: &broadcaster,
            root: &root,
            terminal,
            links,
        };
        publish(rebuild, &to, timing, what);
    };

    let started = Instant::now();
    let first = live.rebuild(BTreeSet::new());
    show(first, live.edit_links(), Timing::Since(started), "");

    let bound = server::bind(&options.bind, options.port)?;
    let address = bound.address;
    if let Some(requested) = bound.moved_from {
        terminal.warn(&words(
            terminal,
            t!(
                "serve_port_taken",
                requested = requested,
                port = address.port()
            ),
        ));
    }
    if !server::is_loopback(&address) {
        terminal.warn(&format!(
            "{}: {}",
            crate::report::label(
                terminal.messages_lang(),
                Some(crate::diag::Severity::Warning)
            ),
            words(terminal, t!("serve_public", address = address.ip()))
        ));
    }
    // Watch before announcing the address: an edit made as soon as the
    // page is up must not be missed.
    let content_dir = live
        .content_dir()
        .unwrap_or_else(|| PathBuf::from("content"));
    let mut watcher = start_watcher(&root, &content_dir, options.watch, sender)?;
    match (options.watch, watcher.mode()) {
        (_, WatchMode::Native) => {}
        (WatchMode::Poll(_), WatchMode::Poll(every)) => terminal.say(&words(
            terminal,
            t!("serve_polling", ms = every.as_millis()),
        )),
        (WatchMode::Native, WatchMode::Poll(every)) => terminal.warn(&words(
            terminal,
            t!("serve_polling_fallback", ms = every.as_millis()),
        )),
    }
    let server = server::Server::start(
        bound,
        Arc::clone(&files),
        Arc::clone(&broadcaster),
        terminal.messages_lang(),
    );
    let url = format!("http://{address}{}", files.base_path());
    terminal.say(&words(terminal, t!("serve_serving_at", url = url)));
    terminal.say(&words(terminal, t!("serve_watching")));
    on_ready(&url);

    // The first file event of the edits whose listings still wait: the
    // listings' line is timed from it too, so it tells how long the
    // slowest file of an edit took to be served.
    let mut listings_since: Option<Instant> = None;
    loop {
        match next_step(&receiver, live.has_listings(), terminal) {
            Step::Stop => break,
            Step::Listings => {
                let started = Instant::now();
                let rebuild = live.rebuild_listings();
                let timing = match listings_since.take() {
                    Some(first_event) => Timing::Edit {
                        first_event,
                        started,
                    },
                    None => Timing::Since(started),
                };
                show(rebuild, live.edit_links(), timing, "");
            }
            Step::Rebuild(changes, first_event) => {
                let what: Vec<String> = changes.iter().map(|c| c.describe(&root)).collect();
                let started = Instant::now();
                let rebuild = rebuild_watched(&mut live, &mut watcher, changes, terminal);
                listings_since = live
                    .has_listings()
                    .then(|| listings_since.map_or(first_event, |t| t.min(first_event)));
                show(
                    rebuild,
                    live.edit_links(),
                    Timing::Edit {
                        first_event,
                        started,
                    },
                    &what.join(", "),
                );
            }
        }
    }
    server.stop();
    broadcaster.close();
    drop(watcher);
    terminal.say(&words(terminal, t!("serve_stopped")));
    Ok(())
}

/// What the serve loop does next.
#[derive(Debug, PartialEq)]
enum Step {
    /// Apply these changes; the `Instant` is their first file event.
    Rebuild(BTreeSet<Change>, Instant),
    /// Nothing else waits: render the pages that list the last edit's events.
    Listings,
    Stop,
}

/// Waits for the next step. While listings wait it does not block: the
/// edited pages are served, and a change already waiting takes the
/// listings along. Batches that arrived while the last rebuild ran, or
/// that follow within `watch::NEXT_BATCH`, are merged into one, timed from
/// the earliest; a stop among them wins.
fn next_step(receiver: &Receiver<Signal>, listings_wait: bool, terminal: &dyn Terminal) -> Step {
    let (mut changes, mut first_event) = loop {
        let signal = if listings_wait {
            match receiver.try_recv() {
                Ok(signal) => signal,
                Err(TryRecvError::Empty) => return Step::Listings,
                Err(TryRecvError::Disconnected) => return Step::Stop,
            }
        } else {
            match receiver.recv() {
                Ok(signal) => signal,
                Err(_) => return Step::Stop,
            }
        };
        match signal {
            Signal::Stop => return Step::Stop,
            Signal::WatchFailed(message) => watch_failed(terminal, &message),
            Signal::Changed(changes, at) => break (changes, at),
        }
    };
    // A batch that follows within one debouncer check is the same save.
    while let Ok(more) = receiver.recv_timeout(watch::NEXT_BATCH) {
        match more {
            Signal::Changed(more, at) => {
                changes.extend(more);
                first_event = first_event.min(at);
            }
            Signal::Stop => return Step::Stop,
            Signal::WatchFailed(message) => watch_failed(terminal, &message),
        }
    }
    Step::Rebuild(changes, first_event)
}

fn watch_failed(terminal: &dyn Terminal, problem: &str) {
    terminal.warn(&words(
        terminal,
        t!("serve_watch_failed", problem = problem),
    ));
}

fn start_watcher(
    root: &Path,
    content_dir: &Path,
    mode: WatchMode,
    sender: Sender<Signal>,
) -> anyhow::Result<Watcher> {
    Watcher::start(root, content_dir, mode, move |result| {
        let signal = match result {
            Ok((changes, first_event)) => Signal::Changed(changes, first_event),
            Err(message) => Signal::WatchFailed(message),
        };
        let _ = sender.send(signal);
    })
}

/// Rebuilds `changes`. A batch that reloads everything (book.toml, or a
/// site folder appeared, went or was replaced) first watches the folders
/// afresh, so a restored content/ is watched again; when the reload finds
/// book.toml naming another content folder, the watch moves there and the
/// site is reloaded once more, so nothing saved before the move is missed.
fn rebuild_watched(
    live: &mut LiveSite,
    watcher: &mut Watcher,
    changes: BTreeSet<Change>,
    terminal: &dyn Terminal,
) -> Rebuild {
    let rewatch = |watcher: &mut Watcher, content_dir: &Path| {
        if let Err(e) = watcher.rewatch(content_dir) {
            watch_failed(terminal, &format!("{e:#}"));
        }
    };
    if changes.contains(&Change::Config) {
        rewatch(watcher, &watcher.content_dir());
    }
    let rebuild = live.rebuild(changes);
    match live.content_dir() {
        Some(moved) if rebuild.result.is_ok() && moved != watcher.content_dir() => {
            rewatch(watcher, &moved);
            live.rebuild(BTreeSet::from([Change::Config]))
        }
        _ => rebuild,
    }
}

/// When a rebuild's clock started, for the terminal line.
enum Timing {
    /// A rebuild nobody's edit waits for (the first build, the listings).
    Since(Instant),
    /// A rebuild after an edit: timed from the edit's first file event, so
    /// the figure includes the watcher's debounce, and from the rebuild's start.
    Edit {
        first_event: Instant,
        started: Instant,
    },
}

impl Timing {
    fn describe(&self) -> Text {
        let ms = |since: &Instant| format!("{:.1}", since.elapsed().as_secs_f64() * 1000.0);
        match self {
            Timing::Since(started) => t!("serve_timing", ms = ms(started)),
            Timing::Edit {
                first_event,
                started,
            } => t!(
                "serve_timing_edit",
                ms = ms(first_event),
                rebuilding = ms(started)
            ),
        }
    }
}

/// Where a rebuild's outcome goes.
struct Audience<'a> {
    files: &'a SiteFiles,
    broadcaster: &'a Broadcaster,
    root: &'a Path,
    terminal: &'a dyn Terminal,
    links: EditLinks,
}

/// Puts a rebuild's files in place, tells open pages and the terminal.
fn publish(rebuild: Rebuild, to: &Audience<'_>, timing: Timing, what: &str) {
    let terminal = to.terminal;
    if !what.is_empty() {
        terminal.say(&words(terminal, t!("serve_changed", files = what)));
    }
    let output = match rebuild.result {
        Ok(output) => output,
        Err(errors) => {
            let sources =
                |path: &Path| crate::fs::read_shown_text(path, crate::fs::SHOWN_TEXT_LIMIT);
            report_errors(&errors, to.root, terminal, &sources, to.files.is_empty());
            let shown = overlay::describe(&errors, to.root, &sources, &to.links);
            to.broadcaster.send(&Message::Errors(shown));
            return;
        }
    };
    let lang = terminal.messages_lang();
    // Warnings of a failed rebuild are left out: a half-read event
    // produces misleading ones ("no `uz` translation").
    let mut cache = SourceCache::new(&|path: &Path| {
        crate::fs::read_shown_text(path, crate::fs::SHOWN_TEXT_LIMIT)
    });
    for warning in &rebuild.warnings {
        let line = cache.line(&warning.path, warning.line);
        let text =
            crate::report::terminal(warning, to.root, lang, terminal.colour(), line.as_deref());
        terminal.warn(&text);
    }
    let (pages, scope, css_only) = (output.pages, output.scope.clone(), output.css_only);
    let changed = to.files.apply(output);
    terminal.say(&words(
        terminal,
        t!(
            "serve_rebuilt",
            scope = scope::words(&scope, lang),
            pages = crate::messages::plural("count_pages_rendered", lang, pages),
            files = crate::messages::plural("count_files_changed", lang, changed.len()),
            timing = timing.describe().in_language(lang)
        ),
    ));
    let message = if css_only {
        Message::Css
    } else if changed.is_empty() {
        Message::Fixed
    } else {
        Message::reload(&to.files.base_path(), &changed)
    };
    to.broadcaster.send(&message);
}

/// The errors of a failed rebuild as `check` prints them (source line and
/// caret included), then what is being served meanwhile.
fn report_errors(
    errors: &[Diagnostic],
    root: &Path,
    terminal: &dyn Terminal,
    sources: &dyn crate::report::Sources,
    nothing_yet: bool,
) {
    let lang = terminal.messages_lang();
    let mut cache = SourceCache::new(sources);
    for error in errors {
        let line = cache.line(&error.path, error.line);
        terminal.warn(&crate::report::terminal(
            error,
            root,
            lang,
            terminal.colour(),
            line.as_deref(),
        ));
    }
    let serving = if nothing_yet {
        t!("serve_pages_show_errors")
    } else {
        t!("serve_still_serving")
    };
    terminal.warn(&format!(
        "{}; {}",
        crate::messages::plural("serve_failed", lang, errors.len().max(1)),
        serving.in_language(lang)
    ));
}

#[cfg(test)]
mod tests;
