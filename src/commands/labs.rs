//! `labs [--json]`: the built-in labs with the learner's status in each
//! (not tried / attempted N / solved), read from the progress store
//! without creating it.

use std::io::Write;

use serde::Serialize;

use super::stats::store_failure;
use super::{CommandResult, Failure};
use crate::cli::GlobalOptions;
use crate::lab;
use crate::practice::lab::Status;
use crate::study::{LabProgress, Store};
use crate::text::{sanitize, width};

#[derive(Serialize)]
struct Row {
    id: String,
    title: String,
    lesson: String,
    goals: usize,
    knobs: Vec<String>,
    /// "not-tried", "attempted" or "solved".
    status: &'static str,
    attempts: u32,
}

pub fn run(global: &GlobalOptions, json: bool) -> CommandResult {
    let dir = crate::study::data_dir(global.data_dir.as_deref()).map_err(|e| store_failure(&e))?;
    let progress: Vec<LabProgress> = match Store::open_existing(&dir).map_err(|e| store_failure(&e))? {
        Some(store) => store.lab_progress().map_err(|e| store_failure(&e))?,
        None => Vec::new(),
    };
    let mut rows = Vec::new();
    for loaded in lab::builtins() {
        match loaded {
            Ok(l) => {
                let p = progress.iter().find(|p| p.lab_id == l.id);
                let attempts = p.map_or(0, |p| p.attempts);
                let status = Status::of(p).key();
                rows.push(Row {
                    id: l.id,
                    title: l.title,
                    lesson: l.lesson,
                    goals: l.goals.len(),
                    knobs: l.knobs.into_iter().map(|k| k.key).collect(),
                    status,
                    attempts,
                });
            }
            // A broken built-in is a bug: say so rather than hide the lab.
            Err(diags) => diags.iter().for_each(|d| eprintln!("{d}")),
        }
    }
    let mut out = std::io::stdout().lock();
    if json {
        let text = serde_json::to_string_pretty(&rows).map_err(|e| Failure::Usage(e.to_string()))?;
        writeln!(out, "{}", crate::study::history::escape_json_controls(&text))?;
        return Ok(());
    }
    let id_w = rows.iter().map(|r| r.id.len()).max().unwrap_or(2);
    let status_w = "attempted 10".len();
    for r in &rows {
        let status = match r.status {
            "solved" => "solved".to_owned(),
            "attempted" => format!("attempted {}", r.attempts),
            _ => "not tried".to_owned(),
        };
        let title = sanitize(&r.title);
        let pad = " ".repeat(status_w.saturating_sub(width(&status)));
        writeln!(out, "{:<id_w$}  {status}{pad}  {title}", r.id)?;
    }
    writeln!(out, "\nRun one: lambda-tutor lab ID   (turn knobs with --set KEY=VALUE)")?;
    Ok(())
}
