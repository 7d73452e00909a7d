//! `stats [--json]`: progress, accuracy per topic, streaks, due reviews,
//! drill history, read from the progress database.
//!
//! Reading never creates the database: with no file yet, the figures are
//! those of a learner who has not started (all zero), not an error.

use std::fmt::Write as _;
use std::io::Write;

use chrono::{DateTime, FixedOffset};

use super::{CommandResult, Failure};
use crate::context::Context;
use crate::practice::figures::Figures;
use crate::study::drill::DrillSize;
use crate::study::history::escape_json_controls;
use crate::study::{Stats, Store, local_now};
use crate::text::{sanitize, width};

pub fn run(ctx: &mut Context, json: bool) -> CommandResult {
    let now = local_now();
    let dir = ctx.data_dir().map_err(Failure::Usage)?.to_path_buf();
    let store = Store::open_existing(&dir).map_err(|e| store_failure(&e))?;
    let stats = match &store {
        Some(store) => store.stats(now).map_err(|e| store_failure(&e))?,
        None => Stats::default(),
    };
    let course = ctx.course().map_err(Failure::Usage)?;
    let figures = match &store {
        Some(store) => Figures::new(course, store, &stats, now).map_err(|e| store_failure(&e))?,
        None => Figures::empty(course, now),
    };
    let mut out = std::io::stdout().lock();
    if json {
        let text = serde_json::to_string_pretty(&Report { stats: &stats, figures: &figures })
            .map_err(std::io::Error::other)?;
        writeln!(out, "{}", escape_json_controls(&text))?;
    } else {
        out.write_all(render_text(&stats, now).as_bytes())?;
        out.write_all(figures_text(&figures, course).as_bytes())?;
    }
    Ok(())
}

/// `stats --json`: every key it always had, in the same order, then the
/// new figures.
#[derive(serde::Serialize)]
struct Report<'a> {
    #[serde(flatten)]
    stats: &'a Stats,
    #[serde(flatten)]
    figures: &'a Figures,
}

/// The figures that lead somewhere: the week's reviews, the weak topics
/// with their lessons, and progress per module.
fn figures_text(figures: &Figures, course: &crate::course::Course) -> String {
    let mut s = String::new();
    if figures.forecast.iter().any(|d| d.due > 0) {
        let days: Vec<String> = figures.forecast.iter().map(|d| format!("{} {}", d.date.format("%a"), d.due)).collect();
        let _ = writeln!(s, "\nReviews, next 7 days\n  {}", days.join("  "));
    }
    if !figures.weak_topics.is_empty() {
        let _ = writeln!(s, "\nWeak topics");
        for t in &figures.weak_topics {
            let topic = sanitize(&t.topic);
            let lesson =
                t.lesson.as_deref().and_then(|l| course.lesson(l)).map_or_else(String::new, |l| {
                    format!(", read lesson {}. {}", l.meta.order, sanitize(&l.meta.title))
                });
            let _ = writeln!(
                s,
                "  {topic}  {}  drill it: lambda-tutor drill --topic {topic}{lesson}",
                percent(Some(t.accuracy))
            );
        }
    }
    if figures.modules.iter().any(|m| m.completed > 0) {
        let _ = writeln!(s, "\nModules");
        for m in &figures.modules {
            let _ = writeln!(s, "  {}  {}/{}", sanitize(&m.module), m.completed, m.lessons);
        }
    }
    s
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
    if stats.answers == 0 && stats.lessons_started == 0 && stats.drills.is_empty() && stats.labs.is_empty() {
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
    if !stats.labs.is_empty() {
        let _ = writeln!(s, "\nLabs");
        let id_width = stats.labs.iter().map(|l| width(&sanitize(&l.lab_id))).max().unwrap_or(0);
        for l in &stats.labs {
            let id = sanitize(&l.lab_id);
            let pad = " ".repeat(id_width - width(&id));
            let status = match (l.first_success, l.attempts_to_success) {
                (Some(at), Some(n)) => format!("solved {} (attempt {n})", local(at, now)),
                _ if l.attempts == 0 => "not tried (solution viewed)".to_owned(),
                _ => "not solved yet".to_owned(),
            };
            let _ = writeln!(
                s,
                "  {id}{pad}  {:>11}  {status}{}",
                plural(l.attempts, "attempt", "attempts"),
                if l.solution_viewed && l.attempts > 0 { ", solution viewed" } else { "" }
            );
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::study::stats::TopicStats;
    use crate::study::{DrillSummary, LabProgress, Streak};
    use chrono::{Duration, TimeZone};

    #[test]
    fn text_report() {
        let berlin = FixedOffset::east_opt(3600).expect("offset");
        let now = berlin.with_ymd_and_hms(2025, 3, 9, 20, 0, 0).single().expect("date");
        let at = now.to_utc() - Duration::hours(1);
        let topic = |name: &str, answered, correct, recent| TopicStats {
            topic: name.into(),
            answered,
            correct,
            accuracy: Some(f64::from(correct) / f64::from(answered)),
            recent_accuracy: recent,
        };
        let drill = |id, size, answered, correct, finished: bool| DrillSummary {
            id,
            started_at: at - Duration::days(7 - id),
            finished_at: finished.then_some(at),
            size,
            seed: 1,
            topics: vec![],
            answered,
            correct,
            seconds: f64::from(answered) * 21.5,
        };
        let stats = Stats {
            lessons_started: 6,
            lessons_completed: 4,
            answers: 57,
            correct: 44,
            accuracy: Some(44.0 / 57.0),
            topics: vec![
                topic("cold-starts", 20, 12, Some(0.55)),
                topic("concurrency \u{1b}[31mred", 7, 7, Some(1.0)),
                topic("limits", 30, 25, None),
            ],
            streak: Streak { current: 3, longest: 9, studied_today: true },
            study_days: 14,
            cards: 41,
            due_reviews: 6,
            drills: vec![drill(1, DrillSize::Minutes(15), 12, 7, true), drill(2, DrillSize::Count(1), 1, 1, false)],
            labs: vec![
                LabProgress {
                    lab_id: "flash-crowd-throttling".into(),
                    attempts: 3,
                    first_success: Some(at),
                    attempts_to_success: Some(3),
                    solution_viewed: false,
                    last_attempt: at,
                },
                LabProgress {
                    lab_id: "sqs-batch-size".into(),
                    attempts: 1,
                    first_success: None,
                    attempts_to_success: None,
                    solution_viewed: true,
                    last_attempt: at,
                },
            ],
            last_activity: Some(at),
        };
        insta::assert_snapshot!(render_text(&stats, now));
        assert_eq!(render_text(&Stats::default(), now).lines().count(), 1);
    }
}
