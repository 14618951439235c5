//! Contains panics of third-party parsers (pulldown-cmark, the YAML and
//! TOML libraries): `contain` runs a closure and turns a panic inside it into
//! an `Err` with the panic's message, so one hostile file becomes one
//! diagnostic instead of ending the build or the preview server.
//!
//! The default panic hook would still print "thread panicked at …" to the
//! terminal; a hook installed once here stays silent for contained panics
//! and keeps the default behaviour for every other panic (a bug of ours
//! must stay loud).

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    /// How many `contain` calls are running on this thread.
    static CONTAINING: Cell<u32> = const { Cell::new(0) };
}

/// Runs `work`; a panic inside it comes back as `Err(message)`.
pub fn contain<T>(work: impl FnOnce() -> T) -> Result<T, String> {
    install_hook();
    CONTAINING.with(|depth| depth.set(depth.get() + 1));
    // The closure's state is dropped on a panic and never looked at again.
    let result = panic::catch_unwind(AssertUnwindSafe(work));
    CONTAINING.with(|depth| depth.set(depth.get() - 1));
    result.map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string())
    })
}

fn install_hook() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let default = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if CONTAINING.with(Cell::get) == 0 {
                default(info);
            }
        }));
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_its_message() {
        assert_eq!(contain(|| 2 + 2), Ok(4));
        let text = String::from("boom");
        assert_eq!(
            contain(|| -> u8 { panic!("{text}") }),
            Err("boom".to_string())
        );
        assert_eq!(contain(|| -> u8 { panic!("static") }), Err("static".into()));
    }
}
