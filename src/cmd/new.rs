//! `yilnoma new event <slug>`: one file per language, every front-matter
//! key present or commented, never overwriting.

use crate::config::Config;
use crate::model::date::PartialDate;
use crate::model::slug;
use anyhow::{bail, Result};
use std::path::PathBuf;

pub fn new_event(
    config: &Config,
    slug_text: &str,
    date: Option<&str>,
    kind: Option<&str>,
) -> Result<Vec<PathBuf>> {
    if let Err(message) = slug::validate(slug_text) {
        bail!("{message}\n  hint: try `{}`", slug::suggest(slug_text));
    }
    let date = match date {
        Some(text) => PartialDate::parse(text)
            .map_err(|m| anyhow::anyhow!("{m}"))?
            .to_string(),
        None => "YYYY-MM-DD".to_string(),
    };
    let kind = match kind {
        Some(kind) if !config.kinds.is_empty() && config.kind(kind).is_none() => {
            let known: Vec<&str> = config.kind_ids();
            bail!(
                "unknown kind `{kind}`\n  hint: use one of: {}",
                known.join(", ")
            );
        }
        // Written into YAML as it is: only a slug-like id, so a newline or
        // a `:` cannot add keys to the scaffold.
        Some(kind)
            if kind.is_empty()
                || !kind
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-') =>
        {
            bail!("`--kind {}` is not a kind id\n  hint: kind ids are letters, digits, `-` and `_`, as in book.toml's `[kind.visit]`", crate::model::path_text::escape(kind));
        }
        Some(kind) => kind.to_string(),
        None => config
            .kinds
            .first()
            .map_or("event".to_string(), |k| k.id.clone()),
    };
    let folder = config.content_path().join("events");
    let paths: Vec<PathBuf> = config
        .languages
        .iter()
        .map(|l| folder.join(format!("{slug_text}.{}.md", l.code)))
        .collect();
    // `symlink_metadata`, not `exists`: a link that points nowhere exists
    // too, and writing through it would create a file outside the site.
    if let Some(existing) = paths.iter().find(|p| p.symlink_metadata().is_ok()) {
        bail!("`{}` already exists; refusing to overwrite it\n  hint: pick another slug, or edit the file", existing.display());
    }
    let kinds: Vec<&str> = config.kind_ids();
    for path in &paths {
        let date_line = if date == "YYYY-MM-DD" {
            "date: YYYY-MM-DD        # or YYYY-MM, or YYYY".to_string()
        } else {
            format!("date: {date}")
        };
        let text = format!(
            "---\n\
             title: \"\"               # the event's title in this language\n\
             {date_line}\n\
             # end_date: YYYY-MM-DD   # optional: the last day of a range\n\
             kind: {kind}{kinds_comment}\n\
             tags: []                 # e.g. [\"border\", \"treaty\"]\n\
             # place: \"\"             # optional: city or country\n\
             summary: \"\"             # one sentence for the timeline and feeds\n\
             sources: []              # - title: \"…\"  author: \"…\"  publisher: \"…\"  date: 2025-11  url: \"https://…\"\n\
             # draft: true            # optional: keep it out of the published site\n\
             # weight: 0              # optional: order among events of the same date\n\
             ---\n\n\
             Write the event here in Markdown.\n",
            kinds_comment = if kinds.is_empty() { String::new() } else { format!("{:width$}# one of: {}", "", kinds.join(", "), width = 18usize.saturating_sub(kind.len())) }
        );
        crate::fs::create_new(path, text)?;
    }
    Ok(paths)
}
