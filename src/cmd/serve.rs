//! `yilnoma serve`: glue between the command line, Ctrl-C and `serve::run`.

use crate::serve::{self, ServeOptions, Signal, Terminal};
use std::sync::mpsc::channel;

/// Serves until Ctrl-C; `open` opens the site in the default browser.
pub fn serve(options: &ServeOptions, open: bool, terminal: &dyn Terminal) -> anyhow::Result<()> {
    let (sender, receiver) = channel();
    let on_interrupt = sender.clone();
    ctrlc::set_handler(move || {
        let _ = on_interrupt.send(Signal::Stop);
    })?;
    let open_browser = |url: &str| {
        if open {
            if let Err(e) = open_in_browser(url) {
                let problem = crate::t!("open_browser_failed", problem = e);
                terminal.warn(&problem.in_language(terminal.messages_lang()));
            }
        }
    };
    serve::run(options, terminal, (sender, receiver), &open_browser)
}

fn open_in_browser(url: &str) -> std::io::Result<()> {
    let mut command = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut command = std::process::Command::new("cmd");
        command.args(["/C", "start", ""]);
        command
    } else {
        std::process::Command::new("xdg-open")
    };
    command
        .arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map(|_| ())
}
