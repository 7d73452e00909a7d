//! `packs [--json]`: the quiz packs and courses installed, built-in ones
//! included: the built-in packs, then each installed course (`--pack`
//! paths, then `<data dir>/packs/`) followed by its packs.

use std::io::Write;

use serde::Serialize;

use super::{CommandResult, Failure};
use crate::context::Context;
use crate::course::{Course, CourseInfo};
use crate::quiz::Pack;
use crate::text::sanitize;

#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
enum Row<'a> {
    Pack {
        id: &'a str,
        title: &'a str,
        version: &'a str,
        description: &'a str,
        questions: usize,
        topics: Vec<&'a str>,
        /// The installed course it belongs to; `null` for the built-in one.
        course: Option<&'a str>,
        /// `built-in`, or the file it was loaded from.
        source: &'a str,
    },
    Course {
        id: &'a str,
        title: &'a str,
        version: Option<&'a str>,
        authors: &'a [String],
        description: Option<&'a str>,
        lessons: usize,
        packs: usize,
        scenarios: usize,
        source: String,
    },
}

fn pack_row(p: &Pack) -> Row<'_> {
    Row::Pack {
        id: &p.meta.id,
        title: &p.meta.title,
        version: &p.meta.version,
        description: &p.meta.description,
        questions: p.questions.len(),
        topics: p.topics(),
        course: p.course.as_deref(),
        source: if p.builtin { "built-in" } else { &p.path },
    }
}

fn course_row(c: &CourseInfo) -> Row<'_> {
    Row::Course {
        id: &c.id,
        title: &c.title,
        version: c.version.as_deref(),
        authors: &c.authors,
        description: c.description.as_deref(),
        lessons: c.lessons,
        packs: c.packs,
        scenarios: c.scenarios,
        source: c.source.display().to_string(),
    }
}

/// Built-in packs, then each course and its packs.
fn rows(course: &Course) -> Vec<Row<'_>> {
    let mut rows: Vec<Row<'_>> = course.packs.iter().filter(|p| p.course.is_none()).map(pack_row).collect();
    for info in &course.courses {
        rows.push(course_row(info));
        rows.extend(course.packs.iter().filter(|p| p.course.as_deref() == Some(info.id.as_str())).map(pack_row));
    }
    rows
}

pub fn run(ctx: &mut Context, json: bool) -> CommandResult {
    let course = ctx.course().map_err(Failure::Usage)?;
    let rows = rows(course);
    let mut out = Vec::new();
    render(&mut out, &rows, json)?;
    match std::io::stdout().lock().write_all(&out) {
        // A closed pipe (`packs | head`) is not an error worth reporting.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(Failure::from),
    }
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

fn render(out: &mut Vec<u8>, rows: &[Row<'_>], json: bool) -> std::io::Result<()> {
    if json {
        // serde_json leaves C1 controls and bidi overrides raw: escape them.
        let text = serde_json::to_string_pretty(rows).map_err(std::io::Error::other)?;
        writeln!(out, "{}", crate::study::history::escape_json_controls(&text))?;
        return Ok(());
    }
    if rows.is_empty() {
        writeln!(out, "No quiz packs installed.")?;
        return Ok(());
    }
    let packs = || {
        rows.iter().filter_map(|r| match r {
            Row::Pack { id, version, .. } => Some((*id, *version)),
            Row::Course { .. } => None,
        })
    };
    let id_width = packs().map(|(id, _)| id.len()).max().unwrap_or(2);
    let version_width = packs().map(|(_, v)| crate::text::width(&sanitize(v))).max().unwrap_or(1);
    for r in rows {
        match r {
            Row::Pack { id, title, version, questions, topics, source, .. } => {
                writeln!(
                    out,
                    "{id:<id_width$}  {:<version_width$}  {questions:>4} questions  {}",
                    sanitize(version),
                    sanitize(title)
                )?;
                writeln!(out, "{:<id_width$}  topics: {}; source: {}", "", topics.join(", "), sanitize(source))?;
            }
            Row::Course { id, title, version, lessons, packs, scenarios, source, .. } => {
                let version = version.map(|v| format!(" {}", sanitize(v))).unwrap_or_default();
                writeln!(
                    out,
                    "\ncourse {id}: {}{version} ({}, {}, {}) from {}",
                    sanitize(title),
                    plural(*lessons, "lesson"),
                    plural(*packs, "pack"),
                    plural(*scenarios, "scenario"),
                    sanitize(source)
                )?;
            }
        }
    }
    Ok(())
}
