//! `drill [--minutes M] [--count N] [--topic T]... [--seed S] [--plain]`:
//! a timed interview drill weighted toward the learner's weak topics.
//! Full-screen in a terminal; line by line with `--plain` or in a pipe,
//! printing the time left before each question and stopping at the limit.

use std::io::Write;

use super::common::{full_screen, open_screen, open_store, print_next, run_plain};
use super::{CommandResult, Failure};
use crate::cli::DrillArgs;
use crate::context::Context;
use crate::plain::recorded::{Clock, Recorder, SystemClock};
use crate::practice::drill::{DrillError, DrillOptions, drill};
use crate::tui::screens::quiz::Launch;

pub fn run(ctx: &mut Context, args: &DrillArgs) -> CommandResult {
    let options = DrillOptions {
        minutes: args.minutes,
        count: args.count,
        topics: args.topics.clone(),
        seed: args.seed.unwrap_or_else(rand::random),
    };
    let truth = ctx.truth.clone();
    if full_screen(args.plain) {
        // Refuse a topic with no questions before taking over the screen.
        let packs = &ctx.course().map_err(Failure::Usage)?.packs;
        drill(packs, None, &options, chrono::Utc::now(), &truth).map_err(|e| drill_failure(&e))?;
        return open_screen(ctx, Launch::Drill(options));
    }
    let mut store = open_store(ctx)?;
    let clock = SystemClock::default();
    let course = ctx.course().map_err(Failure::Usage)?;
    let (practice, session) = drill(&course.packs, Some(&mut store), &options, clock.now().to_utc(), &truth)
        .map_err(|e| drill_failure(&e))?;
    writeln!(std::io::stdout().lock(), "{}", drill_header(session.len(), options.limit()))?;
    let mut recorder = Recorder::new(practice, Some(&mut store), &clock);
    if run_plain(session, &mut recorder)? {
        drop(recorder);
        print_next(course, &store)?;
    }
    Ok(())
}

fn drill_failure(e: &DrillError) -> Failure {
    Failure::Usage(e.to_string())
}

/// What the candidate is in for.
pub fn drill_header(questions: usize, limit: std::time::Duration) -> String {
    let minutes = limit.as_secs().div_ceil(60);
    format!(
        "Drill: up to {questions} questions in {minutes} {}, no hints. For open questions, answer aloud, \
         then press Enter to see a model answer and grade yourself.",
        if minutes == 1 { "minute" } else { "minutes" }
    )
}
