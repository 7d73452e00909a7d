//! `lab ID|PATH [--set KEY=VALUE]... [--solution] [--json]`: run a lab
//! headless and grade it. Each goal is printed with its measured value and
//! ✓ or ✗ (human names in the text, summary keys in `--json`). Exit 0 when
//! every goal is met, 1 when one is not, 2 on bad input (an unknown lab, a
//! `--set` that is not one of the lab's knobs or is outside its range).
//! Every run is recorded in the progress store (attempts, first success).

use std::fmt::Write as _;
use std::io::Write;
use std::path::Path;

use serde::Serialize;

use super::{CommandResult, Failure};
use crate::cli::GlobalOptions;
use crate::lab::{self, GoalResult, Lab, Setting, Verdict};
use crate::practice::lab::{self as practice, hint, next_lab};
use crate::study::Store;
use crate::text::{sanitize, sanitize_with};

pub fn run(global: &GlobalOptions, target: &str, sets: &[String], solution: bool, json: bool) -> CommandResult {
    let lab = load(target)?;
    let mut settings = if solution { lab.solution.clone() } else { Vec::new() };
    for s in lab.settings_from_cli(sets).map_err(Failure::Usage)? {
        settings.retain(|x| x.key != s.key);
        settings.push(s);
    }
    let verdict = lab.grade(&settings).map_err(|diags| {
        let lines: Vec<String> = diags.iter().map(crate::sim::scenario::describe).collect();
        Failure::Usage(format!("the lab's scenario did not load: {}", lines.join("; ")))
    })?;
    let attempts_before = record(global, &lab, &settings, &verdict, solution);
    let next = next_lab(&lab.id);
    let mut out = std::io::stdout().lock();
    if json {
        let report = JsonReport {
            lab: &lab.id,
            title: &lab.title,
            lesson: &lab.lesson,
            passed: verdict.passed(),
            solution,
            settings: settings.iter().map(|s| (s.key.clone(), s.value.display())).collect(),
            goals: &verdict.results,
            stopped_early: verdict.stopped_early,
            hint: (!verdict.passed()).then(|| hint(&lab, attempts_before)).flatten(),
            debrief: verdict.passed().then_some(lab.debrief.as_str()),
            next,
            summary: &verdict.summary,
        };
        let text = serde_json::to_string_pretty(&report).map_err(std::io::Error::other)?;
        writeln!(out, "{}", crate::study::history::escape_json_controls(&text))?;
    } else {
        out.write_all(render_text(&lab, &settings, &verdict, attempts_before, next.as_deref()).as_bytes())?;
    }
    out.flush()?;
    if verdict.passed() { Ok(()) } else { Err(Failure::Invalid) }
}

#[derive(Serialize)]
struct JsonReport<'a> {
    lab: &'a str,
    title: &'a str,
    lesson: &'a str,
    passed: bool,
    solution: bool,
    settings: std::collections::BTreeMap<String, String>,
    goals: &'a [GoalResult],
    stopped_early: bool,
    hint: Option<String>,
    debrief: Option<&'a str>,
    next: Option<String>,
    summary: &'a crate::sim::Summary,
}

/// A built-in lab id, or a path to a lab file. A broken file is bad input (exit 2).
fn load(target: &str) -> Result<Lab, Failure> {
    let looks_like_path =
        target.contains(['/', '\\']) || Path::new(target).extension().is_some_and(|e| e.eq_ignore_ascii_case("toml"));
    let result = if !looks_like_path && let Some(found) = lab::builtin(target) {
        found
    } else if looks_like_path || Path::new(target).is_file() {
        let bytes = crate::infra::read_bounded(Path::new(target)).map_err(|e| Failure::Usage(e.to_string()))?;
        lab::load(target, &bytes)
    } else {
        return Err(Failure::Usage(format!(
            "no lab `{target}` (built-in labs: {}; `lambda-tutor labs` lists them)",
            lab::builtin_ids().join(", ")
        )));
    };
    result.map_err(|diags| {
        for d in &diags {
            eprintln!("{d}");
        }
        Failure::Usage(format!("the lab {target} has errors (see above); `lambda-tutor check` reports them too"))
    })
}

/// Record the run (as the lab screen does, through the same code); returns
/// how many own attempts came before it. A store that cannot be opened is
/// reported and the verdict still printed.
fn record(global: &GlobalOptions, lab: &Lab, settings: &[Setting], verdict: &Verdict, solution: bool) -> u32 {
    let recorded = crate::study::data_dir(global.data_dir.as_deref())
        .and_then(|dir| Store::open(&dir))
        .and_then(|mut store| practice::record(&mut store, lab, settings, verdict, solution, chrono::Utc::now()));
    recorded.unwrap_or_else(|e| {
        eprintln!("lambda-tutor: warning: this attempt was not recorded: {e}");
        0
    })
}

fn render_text(lab: &Lab, settings: &[Setting], v: &Verdict, attempts_before: u32, next: Option<&str>) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{} — {}", sanitize(&lab.id), sanitize(&lab.title));
    let _ = writeln!(s, "lesson: {}", sanitize(&lab.lesson));
    let _ = writeln!(s, "\nSettings");
    for knob in &lab.knobs {
        let (value, whose) = match settings.iter().find(|x| x.key == knob.key) {
            Some(set) => (set.value.display(), "yours"),
            None => (knob.start.as_ref().map_or_else(|| "the default".to_owned(), lab::Value::display), "start"),
        };
        let _ = writeln!(
            s,
            "  {:<28} {} ({whose}; {} – `--set {}=…`)",
            lab::human_name(&knob.key),
            sanitize(&value),
            knob.describe_range(),
            knob.key
        );
    }
    let _ = writeln!(s, "\nGoals: {} of {} met", v.met(), v.results.len());
    let goals: Vec<(String, String, bool)> = lab
        .goals
        .iter()
        .zip(&v.results)
        .map(|(g, r)| {
            let measured = r.measured.map_or_else(|| "–".to_owned(), |m| lab::format_value(&g.metric, m));
            (g.describe(), measured, r.met)
        })
        .collect();
    let w = goals.iter().map(|g| crate::text::width(&g.0)).max().unwrap_or(0);
    for (goal, measured, met) in &goals {
        let pad = " ".repeat(w - crate::text::width(goal));
        let _ = writeln!(s, "  {} {goal}{pad}   measured {measured}", if *met { "✓" } else { "✗" });
    }
    if v.stopped_early {
        let _ =
            writeln!(s, "\nThe run was stopped before every event finished: these settings make it too long to grade.");
    }
    if v.passed() {
        let _ = writeln!(s, "\nSolved.");
        if !lab.debrief.trim().is_empty() {
            let _ = writeln!(s, "\n{}", sanitize_with(lab.debrief.trim(), true));
        }
        match next {
            Some(next) => {
                let _ = writeln!(s, "\nNext: lambda-tutor lab {next}");
            }
            None => {
                let _ = writeln!(s, "\nThat was the last lab: `lambda-tutor labs` shows what is left.");
            }
        }
    } else {
        let _ = writeln!(s, "\nNot yet.");
        if let Some(h) = hint(lab, attempts_before) {
            let _ = writeln!(s, "{}", sanitize_with(&h, true));
        }
        let _ = writeln!(s, "Try `--set KEY=VALUE` with the knobs above; `--solution` shows the reference answer.");
    }
    s
}
