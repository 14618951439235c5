//! The command line (clap derive): `build`, `check`, `completions`, `init`, `new event`, `serve`.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(name = "yilnoma", version, about = "Build bilingual timeline and documentation sites", long_about = None)]
pub struct Cli {
    /// Language of messages, e.g. `uz` or `en` (default: the locale in LC_ALL, LC_MESSAGES or LANG, else English)
    #[arg(long, global = true, value_name = "LANG")]
    pub messages_lang: Option<String>,
    /// How problems are printed: `human` (the source line, a caret, the
    /// hint), `json` (one object a line on stdout, for tools) or `github`
    /// (workflow commands on stdout that GitHub Actions shows on the lines
    /// of a pull request, and the human text on stderr)
    #[arg(long, global = true, value_enum, default_value_t = crate::report::Format::Human)]
    pub format: crate::report::Format,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Render the site into the output folder (default: public/)
    Build(BuildArgs),
    /// Validate config, front matter, links and templates without writing
    Check(CheckArgs),
    /// Print a shell completion script, e.g. `yilnoma completions bash > ~/.local/share/bash-completion/completions/yilnoma`
    Completions(CompletionsArgs),
    /// Work with the built-in theme
    #[command(subcommand)]
    Theme(ThemeCommand),
    /// Start a new site: book.toml, an example event and about page per language, GitHub workflows
    Init(InitArgs),
    /// Scaffold new content
    #[command(subcommand)]
    New(NewCommand),
    /// Build, serve on 127.0.0.1 and rebuild on every change
    Serve(ServeArgs),
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The site folder, holding book.toml
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Where to write the site (relative to the current folder)
    #[arg(long, short, default_value = "public")]
    pub out: PathBuf,
    /// Base URL, e.g. `https://user.github.io/repo/` (overrides site-url in book.toml)
    #[arg(long, value_parser = base_url)]
    pub base_url: Option<String>,
    /// Include events and pages marked `draft: true`
    #[arg(long)]
    pub drafts: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The site folder, holding book.toml
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Print a table of every item × language: present, missing or older
    #[arg(long)]
    pub translations: bool,
    /// Print every file a build would write, one per line (a folder whose
    /// files are named while rendering ends in `/`)
    #[arg(long)]
    pub list_files: bool,
    /// Include drafts in the check
    #[arg(long)]
    pub drafts: bool,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell: bash, zsh, fish, powershell or elvish
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Subcommand)]
pub enum ThemeCommand {
    /// Write the built-in templates/, static/ and i18n/ strings into a site, to customise them
    Export(ThemeExportArgs),
}

#[derive(Debug, Args)]
pub struct ThemeExportArgs {
    /// The site folder to write into
    #[arg(default_value = ".")]
    pub dir: PathBuf,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to create the site in (created when missing)
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// The site's language codes, the default language first
    #[arg(long, value_delimiter = ',', default_value = "uz,en")]
    pub languages: Vec<String>,
    /// Write into a folder that already holds files (none is ever overwritten)
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Subcommand)]
pub enum NewCommand {
    /// Create `content/events/<slug>.<lang>.md` for every language
    Event(NewEventArgs),
}

#[derive(Debug, Args)]
pub struct NewEventArgs {
    /// Lowercase ASCII letters, digits and hyphens, e.g. 2022-border-treaty
    pub slug: String,
    /// YYYY, YYYY-MM or YYYY-MM-DD
    #[arg(long)]
    pub date: Option<String>,
    /// One of the kinds declared in book.toml
    #[arg(long)]
    pub kind: Option<String>,
    /// The site folder, holding book.toml
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The site folder, holding book.toml
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Port to listen on (the next free one is used if it is taken)
    #[arg(long, short, default_value_t = 4000)]
    pub port: u16,
    /// Address to bind; anything but loopback exposes the preview to your network
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: String,
    /// Open the site in the default browser
    #[arg(long)]
    pub open: bool,
    /// Include drafts
    #[arg(long)]
    pub drafts: bool,
    /// Notice changes by re-scanning the site's folders every half second,
    /// for file systems that send no change events (WSL2's Windows drives,
    /// network shares, some containers)
    #[arg(long)]
    pub poll: bool,
}

/// `--base-url`: a web address or a path (`model::web_url::check_base`);
/// anything else is a usage error (exit 2) before the site is read.
fn base_url(text: &str) -> Result<String, String> {
    crate::model::web_url::check_base(text)
        .map(|()| text.to_string())
        .map_err(|problem| {
            format!(
                "{}\n  hint: {}",
                crate::config::url_problem(&problem, "`--base-url`"),
                crate::t!("base_url_hint")
            )
        })
}
