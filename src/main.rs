//! Parses the command line, runs one command, prints its diagnostics and
//! exits 0 (success), 1 (problems in the site) or 2 (usage errors).

use clap::Parser;
use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;
use yilnoma::cli::{Cli, Command, NewCommand};
use yilnoma::cmd;
use yilnoma::content::Drafts;
use yilnoma::diag::Diagnostics;
use yilnoma::progress::{self, Progress};
use yilnoma::report::{Colour, Format};

fn main() -> ExitCode {
    yilnoma::parallel::init();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let lang = match yilnoma::messages::choose(cli.messages_lang.as_deref(), |name| {
        std::env::var(name).ok()
    }) {
        Ok(lang) => lang,
        Err(message) => {
            eprintln!("error: --messages-lang: {message}");
            return ExitCode::from(2);
        }
    };
    MESSAGES_LANG.get_or_init(|| lang);
    FORMAT.get_or_init(|| cli.format);
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            let lang = messages_lang();
            let error = yilnoma::report::label(lang, Some(yilnoma::diag::Severity::Error));
            eprintln!("{error}: {e}");
            let caused_by = yilnoma::t!("caused_by").in_language(lang);
            for cause in e.chain().skip(1) {
                eprintln!("  {caused_by}: {cause}");
            }
            ExitCode::from(1)
        }
    }
}

/// The language diagnostics are printed in, chosen once at start.
static MESSAGES_LANG: std::sync::OnceLock<&'static str> = std::sync::OnceLock::new();

fn messages_lang() -> &'static str {
    MESSAGES_LANG
        .get()
        .copied()
        .unwrap_or(yilnoma::messages::DEFAULT_LANGUAGE)
}

/// Where `serve` prints: progress on stdout, problems on stderr. The start
/// line of the first build ends when serve prints its first line.
struct Console {
    starting: std::sync::Mutex<Option<Progress>>,
}

impl Console {
    fn started(&self) {
        if let Some(progress) = self.starting.lock().ok().and_then(|mut p| p.take()) {
            progress.finish();
        }
    }
}

impl yilnoma::serve::Terminal for Console {
    fn say(&self, line: &str) {
        self.started();
        println!("{line}");
    }

    fn warn(&self, text: &str) {
        self.started();
        eprintln!("{text}");
    }

    fn messages_lang(&self) -> &'static str {
        messages_lang()
    }

    fn colour(&self) -> Colour {
        stderr_colour()
    }
}

/// A catalogue line in the messages language.
fn say(text: yilnoma::diag::Text) -> String {
    text.in_language(messages_lang())
}

/// `created <path>`, for each file a command wrote.
fn print_created(paths: &[std::path::PathBuf]) {
    for path in paths {
        println!(
            "{}",
            say(yilnoma::t!("created_file", path = path.display()))
        );
    }
}

/// The start line of a build of `root`, shown on stderr after a second.
fn start_line(root: &Path) -> Progress {
    // The folder's real path: `.` would say nothing.
    let shown = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let line = yilnoma::model::path_text::escaped(&shown);
    let line = yilnoma::t!("progress_building", site = line).in_language(messages_lang());
    Progress::start(
        line,
        progress::DELAY,
        std::io::stderr().is_terminal(),
        std::io::stderr(),
    )
}

fn drafts(include: bool) -> Drafts {
    if include {
        Drafts::Include
    } else {
        Drafts::Exclude
    }
}

/// What a failed run did to the output, said after its error count.
#[derive(Clone, Copy)]
enum Writes {
    /// `build`: the previous output folder is left as it was.
    Output,
    /// `check`, `new`: nothing is ever written.
    Nothing,
}

/// How diagnostics are printed, chosen once at start.
static FORMAT: std::sync::OnceLock<Format> = std::sync::OnceLock::new();

/// Whether stderr gets colours, from the terminal and the environment.
fn stderr_colour() -> Colour {
    let var = |name: &str| std::env::var_os(name).map(|v| v.to_string_lossy().into_owned());
    colour_choice(
        std::io::stderr().is_terminal(),
        var("NO_COLOR").as_deref(),
        var("CLICOLOR_FORCE").as_deref(),
        var("CLICOLOR").as_deref(),
        var("TERM").as_deref(),
    )
}

/// The colour conventions in the order other command-line tools apply them
/// (anstream, cargo): `NO_COLOR` (https://no-color.org) set and not empty
/// never colours; `CLICOLOR_FORCE` set and not `0` colours even into a pipe
/// or a CI log (https://bixense.com/clicolors/); `CLICOLOR=0` turns colours
/// off; otherwise colours only on a terminal that is not `dumb`.
fn colour_choice(
    terminal: bool,
    no_color: Option<&str>,
    clicolor_force: Option<&str>,
    clicolor: Option<&str>,
    term: Option<&str>,
) -> Colour {
    if no_color.is_some_and(|v| !v.is_empty()) {
        Colour::Never
    } else if clicolor_force.is_some_and(|v| !v.is_empty() && v != "0") {
        Colour::Always
    } else if clicolor == Some("0") || term == Some("dumb") || !terminal {
        Colour::Never
    } else {
        Colour::Always
    }
}

fn report(diagnostics: &Diagnostics, root: &Path, writes: Writes) -> ExitCode {
    let lang = messages_lang();
    let format = FORMAT.get().copied().unwrap_or_default();
    let sources = |path: &Path| yilnoma::fs::read_shown_text(path, yilnoma::fs::SHOWN_TEXT_LIMIT);
    let colour = stderr_colour();
    let text = yilnoma::report::render(diagnostics, root, lang, format, colour, &sources);
    match format {
        // Tools read stdout; the summary below stays on stderr for people.
        Format::Json => print!("{text}"),
        Format::Human => eprint!("{text}"),
        // The annotations for GitHub, and the whole text for the job's log.
        Format::Github => {
            print!("{text}");
            let human =
                yilnoma::report::render(diagnostics, root, lang, Format::Human, colour, &sources);
            eprint!("{human}");
        }
    }
    let (errors, warnings) = (diagnostics.error_count(), diagnostics.warning_count());
    if let Some(summary) = yilnoma::report::summary(errors, warnings, lang) {
        match (errors > 0, writes) {
            (true, Writes::Output) => eprintln!(
                "{summary}: {}",
                yilnoma::t!("nothing_written").in_language(lang)
            ),
            _ => eprintln!("{summary}"),
        }
    }
    if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Build(args) => {
            let started = Instant::now();
            let options = cmd::build::BuildOptions {
                root: args.root.clone(),
                out: args.out.clone(),
                base_url: args.base_url,
                drafts: drafts(args.drafts),
            };
            let progress = start_line(&args.root);
            let terminal = std::io::stderr().is_terminal();
            let waiting = |message: &yilnoma::diag::Text| {
                // On a line of its own, under a start line that may be showing.
                let clear = if terminal { "\r\x1b[2K" } else { "" };
                eprintln!("{clear}{}", message.in_language(messages_lang()));
            };
            let outcome = cmd::build::build_waiting(&options, &waiting);
            progress.finish();
            let outcome = outcome?;
            let code = report(&outcome.diagnostics, &args.root, Writes::Output);
            if !outcome.failed() {
                let lang = messages_lang();
                eprintln!(
                    "{}",
                    say(yilnoma::t!(
                        "build_done",
                        pages = yilnoma::messages::plural("count_pages", lang, outcome.stats.pages),
                        events = yilnoma::messages::plural("count_events", lang, outcome.events),
                        out = args.out.display(),
                        ms = started.elapsed().as_millis()
                    ))
                );
            }
            Ok(code)
        }
        Command::Check(args) => {
            let diagnostics = cmd::check::check(&args.root, drafts(args.drafts));
            if args.translations {
                let table_diagnostics = Diagnostics::new();
                if let Some(config) = yilnoma::config::load(&args.root, &table_diagnostics) {
                    let site =
                        yilnoma::content::load(&config, drafts(args.drafts), &table_diagnostics);
                    let languages: Vec<String> =
                        config.languages.iter().map(|l| l.code.clone()).collect();
                    let rows = cmd::check::translation_table(&args.root, &site, &languages);
                    print!("{}", cmd::check::format_table(&rows, &languages));
                }
            }
            if args.list_files {
                for file in cmd::check::planned_files(&args.root, drafts(args.drafts)) {
                    println!("{file}");
                }
            }
            let code = report(&diagnostics, &args.root, Writes::Nothing);
            if !diagnostics.has_errors() {
                eprintln!("{}", say(yilnoma::t!("check_passed")));
            }
            Ok(code)
        }
        Command::Completions(args) => {
            use clap::CommandFactory;
            let mut command = Cli::command();
            clap_complete::generate(args.shell, &mut command, "yilnoma", &mut std::io::stdout());
            Ok(ExitCode::SUCCESS)
        }
        Command::Theme(yilnoma::cli::ThemeCommand::Export(args)) => {
            let diagnostics = Diagnostics::new();
            let created = cmd::theme::export(&args.dir, &diagnostics)?;
            if diagnostics.has_errors() {
                return Ok(report(&diagnostics, Path::new(""), Writes::Nothing));
            }
            print_created(&created);
            Ok(ExitCode::SUCCESS)
        }
        Command::Init(args) => {
            let diagnostics = Diagnostics::new();
            let non_empty = if args.force {
                cmd::init::NonEmpty::Allow
            } else {
                cmd::init::NonEmpty::Refuse
            };
            let created = cmd::init::init(&args.dir, &args.languages, non_empty, &diagnostics)?;
            if diagnostics.has_errors() {
                return Ok(report(&diagnostics, Path::new(""), Writes::Nothing));
            }
            print_created(&created);
            let next = yilnoma::t!("init_next_steps", dir = args.dir.display());
            println!("{}", next.in_language(messages_lang()));
            Ok(ExitCode::SUCCESS)
        }
        Command::New(NewCommand::Event(args)) => {
            let diagnostics = Diagnostics::new();
            let Some(config) = yilnoma::config::load(&args.root, &diagnostics) else {
                return Ok(report(&diagnostics, &args.root, Writes::Nothing));
            };
            let paths = cmd::new::new_event(
                &config,
                &args.slug,
                args.date.as_deref(),
                args.kind.as_deref(),
            )?;
            print_created(&paths);
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve(args) => {
            let options = yilnoma::serve::ServeOptions {
                root: args.root.clone(),
                bind: args.bind.clone(),
                port: args.port,
                drafts: drafts(args.drafts),
                watch: if args.poll {
                    yilnoma::serve::WatchMode::Poll(yilnoma::serve::POLL_INTERVAL)
                } else {
                    yilnoma::serve::WatchMode::Native
                },
            };
            let console = Console {
                starting: std::sync::Mutex::new(Some(start_line(&args.root))),
            };
            cmd::serve::serve(&options, args.open, &console)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choose(terminal: bool, no: Option<&str>, force: Option<&str>, cli: Option<&str>) -> Colour {
        colour_choice(terminal, no, force, cli, Some("xterm-256color"))
    }

    #[test]
    fn colours_follow_the_terminal_by_default() {
        assert_eq!(choose(true, None, None, None), Colour::Always);
        assert_eq!(choose(false, None, None, None), Colour::Never);
        assert_eq!(
            colour_choice(true, None, None, None, Some("dumb")),
            Colour::Never
        );
    }

    #[test]
    fn no_color_wins_over_everything() {
        assert_eq!(choose(true, Some("1"), Some("1"), None), Colour::Never);
        // An empty NO_COLOR does not count (no-color.org).
        assert_eq!(choose(true, Some(""), None, None), Colour::Always);
    }

    #[test]
    fn clicolor_force_colours_a_pipe_and_clicolor_0_turns_colours_off() {
        assert_eq!(choose(false, None, Some("1"), None), Colour::Always);
        assert_eq!(choose(false, None, Some("0"), None), Colour::Never);
        assert_eq!(choose(true, None, None, Some("0")), Colour::Never);
        assert_eq!(choose(true, None, None, Some("1")), Colour::Always);
    }
}
