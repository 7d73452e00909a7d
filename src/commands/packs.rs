//! `packs [--json]`: the installed quiz packs, built-in ones and those of
//! `--pack`.

use std::io::Write;

use serde::Serialize;

use super::quiz::available_packs;
use super::{CommandResult, Failure};
use crate::cli::GlobalOptions;
use crate::text::sanitize;

#[derive(Serialize)]
struct PackRow<'a> {
    id: &'a str,
    title: &'a str,
    version: &'a str,
    description: &'a str,
    questions: usize,
    topics: Vec<&'a str>,
    /// `built-in`, or the file it was loaded from.
    source: &'a str,
}

pub fn run(global: &GlobalOptions, json: bool) -> CommandResult {
    let packs = available_packs(global)?;
    let rows: Vec<PackRow<'_>> = packs
        .iter()
        .map(|p| PackRow {
            id: &p.meta.id,
            title: &p.meta.title,
            version: &p.meta.version,
            description: &p.meta.description,
            questions: p.questions.len(),
            topics: p.topics(),
            source: if p.builtin { "built-in" } else { &p.path },
        })
        .collect();
    let mut out = Vec::new();
    render(&mut out, &rows, json)?;
    match std::io::stdout().lock().write_all(&out) {
        // A closed pipe (`packs | head`) is not an error worth reporting.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(Failure::from),
    }
}

fn render(out: &mut Vec<u8>, rows: &[PackRow<'_>], json: bool) -> std::io::Result<()> {
    if json {
        serde_json::to_writer_pretty(&mut *out, rows).map_err(std::io::Error::other)?;
        writeln!(out)?;
        return Ok(());
    }
    if rows.is_empty() {
        writeln!(out, "No quiz packs installed.")?;
        return Ok(());
    }
    let id_width = rows.iter().map(|r| r.id.len()).max().unwrap_or(2);
    let version_width = rows.iter().map(|r| crate::text::width(&sanitize(r.version))).max().unwrap_or(1);
    for r in rows {
        writeln!(
            out,
            "{:<id_width$}  {:<version_width$}  {:>4} questions  {}",
            r.id,
            sanitize(r.version),
            r.questions,
            sanitize(r.title)
        )?;
        writeln!(out, "{:<id_width$}  topics: {}; source: {}", "", r.topics.join(", "), sanitize(r.source))?;
    }
    Ok(())
}
