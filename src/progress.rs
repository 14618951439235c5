//! The start line of a slow command: when a build (or `serve`'s first
//! build) takes over a second, one line says what is going on, and on a
//! terminal it counts the seconds, so a 10,000-event build never looks hung.
//! Fast runs print nothing extra.

use std::io::Write;
use std::sync::mpsc::{channel, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How long a command runs before its start line appears.
pub const DELAY: Duration = Duration::from_secs(1);

/// A start line waiting to be shown; `finish` (or drop) ends it.
pub struct Progress {
    done: Option<Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Progress {
    /// Shows `line` on `out` once `delay` has passed without `finish`.
    /// `live` (a terminal) rewrites the line every second with the time so
    /// far and clears it at the end; otherwise (a log) the line is printed
    /// once and stays.
    pub fn start(
        line: String,
        delay: Duration,
        live: bool,
        mut out: impl Write + Send + 'static,
    ) -> Self {
        let (done, finished) = channel::<()>();
        let thread = std::thread::spawn(move || {
            let started = Instant::now();
            if finished.recv_timeout(delay) != Err(RecvTimeoutError::Timeout) {
                return;
            }
            if !live {
                let _ = writeln!(out, "{line}");
                return;
            }
            loop {
                let _ = write!(out, "\r{line} {} s", started.elapsed().as_secs());
                let _ = out.flush();
                if finished.recv_timeout(Duration::from_secs(1)) != Err(RecvTimeoutError::Timeout) {
                    // Clear the line for the summary that follows.
                    let _ = write!(out, "\r\x1b[2K");
                    let _ = out.flush();
                    return;
                }
            }
        });
        Progress {
            done: Some(done),
            thread: Some(thread),
        }
    }

    /// Ends the line; returns once it is off the screen.
    pub fn finish(mut self) {
        self.stop();
    }

    fn stop(&mut self) {
        drop(self.done.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.stop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    /// A writer whose bytes the test reads afterwards.
    #[derive(Clone, Default)]
    struct Shared(Arc<Mutex<Vec<u8>>>);

    impl Write for Shared {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    impl Shared {
        fn text(&self) -> String {
            String::from_utf8(self.0.lock().unwrap().clone()).unwrap()
        }
    }

    #[test]
    fn a_fast_run_prints_nothing() {
        let out = Shared::default();
        let progress = Progress::start(
            "building".into(),
            Duration::from_secs(60),
            false,
            out.clone(),
        );
        progress.finish();
        assert_eq!(out.text(), "");
    }

    #[test]
    fn a_slow_run_prints_its_line_once_into_a_log() {
        let out = Shared::default();
        let progress = Progress::start("building".into(), Duration::ZERO, false, out.clone());
        std::thread::sleep(Duration::from_millis(50));
        progress.finish();
        assert_eq!(out.text(), "building\n");
    }

    #[test]
    fn on_a_terminal_the_line_counts_and_is_cleared() {
        let out = Shared::default();
        let progress = Progress::start("building".into(), Duration::ZERO, true, out.clone());
        std::thread::sleep(Duration::from_millis(50));
        drop(progress);
        let text = out.text();
        assert!(text.starts_with("\rbuilding 0 s"), "{text:?}");
        assert!(text.ends_with("\r\x1b[2K"), "{text:?}");
    }
}
