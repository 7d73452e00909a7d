//! `stats [--json]`: progress, accuracy per topic, streaks, due reviews,
//! drill history, read from the progress database.
//!
//! Reading never creates the database: with no file yet, the figures are
//! those of a learner who has not started (all zero), not an error.

use std::fmt::Write as _;
use std::io::Write;

use chrono::{DateTime, FixedOffset};

use super::{CommandResult, Failure};
use crate::cli::GlobalOptions;
use crate::study::drill::DrillSize;
use crate::study::history::escape_json_controls;
use crate::study::{Stats, Store, local_now};
use crate::text::{sanitize, width};

pub fn run(global: &GlobalOptions, json: bool) -> CommandResult {
    let now = local_now();
    let dir = crate::study::data_dir(global.data_dir.as_deref()).map_err(|e| store_failure(&e))?;
    let stats = match Store::open_existing(&dir).map_err(|e| store_failure(&e))? {
        Some(store) => store.stats(now).map_err(|e| store_failure(&e))?,
        None => Stats::default(),
    };
    let mut out = std::io::stdout().lock();
    if json {
        let text = serde_json::to_string_pretty(&stats).map_err(std::io::Error::other)?;
        writeln!(out, "{}", escape_json_controls(&text))?;
    } else {
        out.write_all(render_text(&stats, now).as_bytes())?;
    }
    Ok(())
}

pub(super) fn store_failure(e: &crate::study::StoreError) -> Failure {
    Failure::Usage(e.to_string())
}

fn percent(p: Option<f64>) -> String {
    p.map_or_else(|| "–".to_owned(), |p| format!("{:.0}%", p * 100.0))
}

fn plural(n: impl Into<u64>, one: &str, many: &str) -> String {
    let n = n.into();
    format!("{n} {}", if n == 1 { one } else { many })
}

fn local(at: DateTime<chrono::Utc>, now: DateTime<FixedOffset>) -> String {
    at.with_timezone(now.offset()).format("%Y-%m-%d %H:%M").to_string()
}

/// The human-readable report. Every string from the database is sanitised.
pub fn render_text(stats: &Stats, now: DateTime<FixedOffset>) -> String {
    let mut s = String::new();
    if stats.answers == 0 && stats.lessons_started == 0 && stats.drills.is_empty() {
        s.push_str("No progress yet: open a lesson (`lambda-tutor`) or take a quiz to start.\n");
        return s;
    }
    let streak = &stats.streak;
    let _ = writeln!(s, "Progress");
    let _ = writeln!(s, "  Lessons        {} completed, {} started", stats.lessons_completed, stats.lessons_started);
    let _ = writeln!(s, "  Answers        {} ({} right)", stats.answers, percent(stats.accuracy));
    let _ = writeln!(
        s,
        "  Study streak   {} (longest {}){}",
        plural(streak.current, "day", "days"),
        plural(streak.longest, "day", "days"),
        if streak.studied_today { ", studied today" } else { "" }
    );
    let _ = writeln!(
        s,
        "  Reviews due    {} of {}",
        stats.due_reviews,
        plural(stats.cards as u64, "question", "questions")
    );
    if let Some(at) = stats.last_activity {
        let _ = writeln!(s, "  Last studied   {}", local(at, now));
    }
    if !stats.topics.is_empty() {
        let names: Vec<String> = stats.topics.iter().map(|t| sanitize(&t.topic).into_owned()).collect();
        let name_width = names.iter().map(|n| width(n)).max().unwrap_or(0).max("Accuracy by topic".len() - 2);
        let _ = writeln!(s, "\nAccuracy by topic{}  answers  overall  recent", " ".repeat(name_width + 2 - 17));
        for (t, name) in stats.topics.iter().zip(&names) {
            let pad = " ".repeat(name_width - width(name));
            let _ = writeln!(
                s,
                "  {name}{pad}  {:>7}  {:>7}  {:>6}",
                t.answered,
                percent(t.accuracy),
                percent(t.recent_accuracy)
            );
        }
    }
    if !stats.drills.is_empty() {
        let _ = writeln!(s, "\nDrills");
        for d in &stats.drills {
            let size = match d.size {
                DrillSize::Minutes(m) => format!("{m} min"),
                DrillSize::Count(n) => plural(n as u64, "question", "questions"),
            };
            let per_question = if d.answered > 0 {
                format!("{:.1} s per question", d.seconds / f64::from(d.answered))
            } else {
                String::new()
            };
            let _ = writeln!(
                s,
                "  {}  {:<13}  {:>7}  {:>4}  {}{}",
                local(d.started_at, now),
                size,
                format!("{}/{}", d.correct, d.answered),
                percent(d.accuracy()),
                per_question,
                if d.finished_at.is_none() { "  (not finished)" } else { "" }
            );
        }
    }
    s
}
