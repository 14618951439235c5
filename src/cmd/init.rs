//! `yilnoma init [DIR] --languages uz,en`: a new site in one command. It
//! writes book.toml, one example event and an about page per language, a
//! `.gitignore` and two GitHub workflows (publish to Pages with a release
//! binary, check pull requests), and relies on the built-in theme. It
//! never overwrites: every file is created with `create_new`, and nothing
//! is written unless every planned file is free and no folder on the way
//! is a symbolic link.

use crate::diag::{Diagnostic, Diagnostics};
use crate::t;
use anyhow::Result;
use std::path::{Path, PathBuf};

/// The GitHub repository whose action and releases the workflows use.
const ACTION_REPOSITORY: &str = "yilnoma/yilnoma";
const PAGES_WORKFLOW: &str = include_str!("init/pages.yml");
const CHECK_WORKFLOW: &str = include_str!("init/check.yml");

/// Whether `init` may write into a folder that already holds files.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NonEmpty {
    Refuse,
    /// `--force`: write beside them, still never over one.
    Allow,
}

/// Writes the new site into `dir` and returns the files created, in order.
/// Problems with the request (a bad language code, a folder in the way)
/// go to `diagnostics` and nothing is written; I/O failures are errors.
pub fn init(
    dir: &Path,
    languages: &[String],
    non_empty: NonEmpty,
    diagnostics: &Diagnostics,
) -> Result<Vec<PathBuf>> {
    if !valid_languages(languages, diagnostics) {
        return Ok(Vec::new());
    }
    let files = plan(languages, &today());
    if !free(dir, &files, non_empty, diagnostics) {
        return Ok(Vec::new());
    }
    let mut created = Vec::new();
    for (relative, text) in &files {
        let path = dir.join(relative);
        crate::fs::create_new(&path, text)?;
        created.push(path);
    }
    Ok(created)
}

fn valid_languages(languages: &[String], diagnostics: &Diagnostics) -> bool {
    let flag = Path::new("--languages");
    if languages.is_empty() {
        diagnostics
            .push(Diagnostic::error(flag, t!("init_no_language")).hint(t!("init_languages_hint")));
        return false;
    }
    let mut ok = true;
    for (i, code) in languages.iter().enumerate() {
        if let Err(message) = crate::config::validate_language_code(code) {
            diagnostics.push(Diagnostic::error(flag, message).hint(t!("init_languages_hint")));
            ok = false;
        } else if languages[..i].contains(code) {
            diagnostics.push(
                Diagnostic::error(flag, t!("init_language_twice", code = code))
                    .hint(t!("init_languages_hint")),
            );
            ok = false;
        }
    }
    ok
}

/// Whether every planned file can be created: the folder is empty (or
/// `--force`), no planned name is taken, and no folder on the way is a
/// symbolic link (a file written through one could land outside the site).
pub(crate) fn free<T>(
    dir: &Path,
    files: &[(PathBuf, T)],
    non_empty: NonEmpty,
    diagnostics: &Diagnostics,
) -> bool {
    if is_link(dir) {
        diagnostics.push(Diagnostic::error(dir, t!("init_link")).hint(t!("init_link_hint")));
        return false;
    }
    match std::fs::read_dir(dir) {
        Ok(mut entries) => {
            if non_empty == NonEmpty::Refuse && entries.next().is_some() {
                diagnostics.push(
                    Diagnostic::error(dir, t!("init_not_empty")).hint(t!("init_not_empty_hint")),
                );
                return false;
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(_) if dir.symlink_metadata().is_ok() && !dir.is_dir() => {
            diagnostics.push(
                Diagnostic::error(dir, t!("init_not_a_folder")).hint(t!("init_not_empty_hint")),
            );
            return false;
        }
        Err(_) => {}
    }
    let mut ok = true;
    for (relative, _) in files {
        let mut at = dir.to_path_buf();
        for part in relative.iter() {
            at.push(part);
            if at.symlink_metadata().is_err() {
                break;
            }
            if is_link(&at) {
                diagnostics
                    .push(Diagnostic::error(&at, t!("init_link")).hint(t!("init_link_hint")));
                ok = false;
                break;
            }
            if at == dir.join(relative) || !at.is_dir() {
                diagnostics
                    .push(Diagnostic::error(&at, t!("init_taken")).hint(t!("init_taken_hint")));
                ok = false;
                break;
            }
        }
    }
    ok
}

fn is_link(path: &Path) -> bool {
    path.symlink_metadata()
        .is_ok_and(|m| m.file_type().is_symlink())
}

/// Every file of the new site: (path relative to the site, text).
fn plan(languages: &[String], today: &str) -> Vec<(PathBuf, String)> {
    let mut files = vec![(PathBuf::from("book.toml"), book_toml(languages))];
    for code in languages {
        let words = Words::of(code);
        files.push((
            PathBuf::from(format!("content/events/site-started.{code}.md")),
            format!(
                "---\ntitle: \"{}\"\ndate: {today}\nkind: milestone\ntags: []\nsummary: \"{}\"\n---\n\n{}\n",
                words.event_title, words.event_summary, words.event_body
            ),
        ));
        files.push((
            PathBuf::from(format!("content/pages/about.{code}.md")),
            format!(
                "---\ntitle: \"{}\"\n---\n\n{}\n",
                words.about_title, words.about_body
            ),
        ));
        if !crate::theme::has_strings(code) {
            files.push((
                PathBuf::from(format!("i18n/{code}.toml")),
                crate::theme::strings_template(),
            ));
        }
    }
    // The output, and its staging, old-build and lock siblings (`output/folder.rs`).
    files.push((
        PathBuf::from(".gitignore"),
        "/public/\n/.public.yilnoma-*\n".to_string(),
    ));
    let version = format!("v{}", env!("CARGO_PKG_VERSION"));
    for (name, text) in [("pages.yml", PAGES_WORKFLOW), ("check.yml", CHECK_WORKFLOW)] {
        files.push((
            PathBuf::from(".github/workflows").join(name),
            text.replace("yilnoma/yilnoma@", &format!("{ACTION_REPOSITORY}@"))
                .replace("YILNOMA_VERSION", &version),
        ));
    }
    files
}

fn book_toml(languages: &[String]) -> String {
    let first = Words::of(&languages[0]);
    let mut text = format!(
        "# This site's configuration; the keys are described in Yilnoma's README.\n\
         [book]\ntitle = \"{}\"\nlanguage = \"{}\"\nsrc = \"content\"\n\n\
         [output.html]\n\
         # The published address, e.g. \"https://USER.github.io/REPO/\"; the Pages\n\
         # workflow passes it with --base-url, so it may stay unset.\n\
         # site-url = \"\"\n",
        first.site_title, languages[0]
    );
    for code in languages {
        let words = Words::of(code);
        text.push_str(&format!(
            "\n[language.{code}]\nname = \"{}\"\ntitle = \"{}\"\n",
            words.language_name, words.site_title
        ));
        if !crate::theme::has_strings(code) {
            text.push_str(&format!(
                "# The interface in this language: translate the English in this file.\nstrings-file = \"i18n/{code}.toml\"\n"
            ));
        }
    }
    text.push_str(
        "\n# Event kinds: the list an event's `kind` comes from. Add your own.\n[kind.milestone]\nlabel = { ",
    );
    let labels: Vec<String> = languages
        .iter()
        .map(|code| format!("{code} = \"{}\"", Words::of(code).kind_label))
        .collect();
    text.push_str(&labels.join(", "));
    text.push_str(" }\n");
    text
}

/// The example's words in one language: Uzbek and English written out,
/// English for any other language (the editor translates them).
struct Words {
    language_name: &'static str,
    site_title: &'static str,
    kind_label: &'static str,
    event_title: &'static str,
    event_summary: &'static str,
    event_body: &'static str,
    about_title: &'static str,
    about_body: &'static str,
}

impl Words {
    fn of(code: &str) -> Self {
        match code {
            "uz" => Self {
                language_name: "O‘zbekcha",
                site_title: "Yangi xronologiya",
                kind_label: "Muhim sana",
                event_title: "Sayt ochildi",
                event_summary: "Bu xronologiya shu kuni boshlandi.",
                event_body: "Bu namuna voqea. Yangisini qo‘shish uchun `yilnoma new event SLUG --date YYYY-MM-DD` buyrug‘ini bering, so‘ng bu faylni o‘chiring.",
                about_title: "Loyiha haqida",
                about_body: "Bu sahifada sayt kim uchun va qanday manbalar asosida yozilganini ayting.",
            },
            _ => Self {
                language_name: match code {
                    "en" => "English",
                    "ru" => "Русский",
                    "kk" => "Қазақша",
                    "fr" => "Français",
                    "de" => "Deutsch",
                    "tr" => "Türkçe",
                    _ => "English (translate me)",
                },
                site_title: "A new timeline",
                kind_label: "Milestone",
                event_title: "The site is started",
                event_summary: "This timeline was started on this day.",
                event_body: "This is an example event. Add your own with `yilnoma new event SLUG --date YYYY-MM-DD`, then delete this file.",
                about_title: "About",
                about_body: "Say on this page whom the site is for and which sources it is written from.",
            },
        }
    }
}

/// Today's date in UTC as `YYYY-MM-DD` (the example event's date: the
/// one fact it states), from the system clock.
fn today() -> String {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400);
    civil_date(days)
}

/// Days since 1970-01-01 → `YYYY-MM-DD` (Howard Hinnant's `civil_from_days`).
fn civil_date(days: u64) -> String {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z % 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_date_matches_known_days() {
        for (days, date) in [
            (0, "1970-01-01"),
            (59, "1970-03-01"),
            (11_016, "2000-02-29"),
            (20_789, "2026-12-02"),
        ] {
            assert_eq!(civil_date(days), date);
        }
    }

    #[test]
    fn plan_writes_every_language_and_pins_this_version() {
        let languages = vec!["uz".to_string(), "en".to_string(), "xx".to_string()];
        let files = plan(&languages, "2026-12-02");
        let names: Vec<String> = files.iter().map(|(p, _)| p.display().to_string()).collect();
        for name in [
            "book.toml",
            "content/events/site-started.uz.md",
            "content/events/site-started.xx.md",
            "content/pages/about.en.md",
            "i18n/xx.toml",
            ".gitignore",
            ".github/workflows/pages.yml",
        ] {
            assert!(names.contains(&name.to_string()), "{name} in {names:?}");
        }
        assert!(!names.contains(&"i18n/uz.toml".to_string()));
        let pages = &files
            .iter()
            .find(|(p, _)| p.ends_with("pages.yml"))
            .unwrap()
            .1;
        let pinned = format!("yilnoma/yilnoma@v{}", env!("CARGO_PKG_VERSION"));
        assert!(pages.contains(&pinned), "{pages}");
        assert!(!pages.contains("YILNOMA_VERSION"));
        let book = &files[0].1;
        assert!(book.contains("language = \"uz\""), "{book}");
        assert!(book.contains("strings-file = \"i18n/xx.toml\""), "{book}");
        assert!(
            book.contains("uz = \"Muhim sana\", en = \"Milestone\""),
            "{book}"
        );
    }
}
