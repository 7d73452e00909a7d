//! `scenarios [--json]`: list the built-in simulator scenarios.

use std::io::Write;

use serde::Serialize;

use super::{CommandResult, Failure};
use crate::sim;

#[derive(Serialize)]
struct Row {
    id: String,
    title: String,
    duration_s: f64,
    sources: Vec<&'static str>,
    description: String,
}

pub fn run(json: bool) -> CommandResult {
    let mut rows = Vec::new();
    for id in sim::preset_ids() {
        match sim::load_preset(&id, &[]) {
            Ok(loaded) => {
                let s = loaded.scenario;
                rows.push(Row {
                    id: s.id,
                    title: s.title,
                    duration_s: s.duration_s,
                    sources: s.sources.iter().map(|x| x.kind.id()).collect(),
                    description: s.description,
                });
            }
            Err(diags) => {
                // A broken built-in is a bug; say so rather than hide the preset.
                for d in diags {
                    eprintln!("{}", sim::scenario::describe(&d));
                }
            }
        }
    }
    let mut out = std::io::stdout().lock();
    let result = if json {
        let text = serde_json::to_string_pretty(&rows).map_err(|e| Failure::Usage(e.to_string()))?;
        // serde_json leaves C1 controls and bidi overrides raw: escape them.
        writeln!(out, "{}", crate::study::history::escape_json_controls(&text))
    } else {
        let width = rows.iter().map(|r| r.id.len()).max().unwrap_or(2);
        rows.iter().try_for_each(|r| {
            writeln!(
                out,
                "{:<width$}  {:>6}  {:<28}  {}",
                r.id,
                format!("{} s", r.duration_s),
                r.sources.join(", "),
                crate::text::sanitize(&r.title)
            )
        })
    };
    match result {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(Failure::from),
    }
}
