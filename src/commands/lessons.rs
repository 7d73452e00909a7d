//! `lessons [--json]`: list the course's lessons.

use std::io::Write;

use serde::Serialize;

use super::{CommandResult, Failure};
use crate::context::Context;

#[derive(Serialize)]
struct LessonRow<'a> {
    id: &'a str,
    title: &'a str,
    module: &'a str,
    order: u32,
    minutes: u32,
    topics: &'a [String],
    /// The installed course it belongs to; `null` for the built-in one.
    course: Option<&'a str>,
    /// When its facts were last checked against the AWS documentation.
    updated: Option<&'a str>,
    /// The AWS documentation pages it relies on.
    sources: &'a [String],
    /// The questions its checkpoints ask, as `pack-id/question-id`.
    checkpoints: Vec<String>,
}

pub fn run(ctx: &mut Context, json: bool) -> CommandResult {
    let course = ctx.course().map_err(Failure::Usage)?;
    let rows: Vec<LessonRow<'_>> = course
        .lessons
        .iter()
        .map(|l| LessonRow {
            id: &l.meta.id,
            title: &l.meta.title,
            module: &l.meta.module,
            order: l.meta.order,
            minutes: l.meta.minutes,
            topics: &l.meta.topics,
            course: l.course.as_deref(),
            updated: l.meta.updated.as_deref(),
            sources: &l.meta.sources,
            checkpoints: crate::course::checkpoint::question_keys(&l.body),
        })
        .collect();
    let mut out = std::io::stdout().lock();
    if json {
        // serde_json leaves C1 controls and bidi overrides raw: escape them.
        let text = serde_json::to_string_pretty(&rows).map_err(std::io::Error::other)?;
        writeln!(out, "{}", crate::study::history::escape_json_controls(&text))?;
        return Ok(());
    }
    let id_width = rows.iter().map(|r| r.id.len()).max().unwrap_or(2);
    for module in &course.modules {
        match &module.course {
            None => writeln!(out, "{}", crate::text::sanitize(&module.name))?,
            Some(c) => writeln!(out, "{} (course {c})", crate::text::sanitize(&module.name))?,
        }
        for &i in &module.lessons {
            let r = &rows[i];
            writeln!(
                out,
                "  {:>2}. {:<id_width$}  {}  ({} min; {})",
                r.order,
                r.id,
                crate::text::sanitize(r.title),
                r.minutes,
                r.topics.join(", ")
            )?;
        }
    }
    Ok(())
}
