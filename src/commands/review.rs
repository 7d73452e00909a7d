//! `review [--plain] [--new N]`: spaced review of what is due today (due cards
//! first, then new questions up to the daily limit). Full-screen in a
//! terminal; line by line with `--plain` or in a pipe.

use std::io::Write;

use super::common::{full_screen, open_screen, open_store, print_next, run_plain};
use super::{CommandResult, Failure};
use crate::context::Context;
use crate::plain::recorded::{Clock, Recorder, SystemClock};
use crate::practice::Purpose;
use crate::practice::review::{nothing_due, review};
use crate::tui::screens::quiz::Launch;

pub fn run(ctx: &mut Context, plain: bool, new: Option<u32>) -> CommandResult {
    let truth = ctx.truth.clone();
    ctx.course().map_err(Failure::Usage)?;
    if let Some(n) = new {
        // `--new N` is a setting: kept in the store for every later review.
        let mut store = open_store(ctx)?;
        let config = store.schedule_config().map_err(|e| Failure::Usage(e.to_string()))?;
        let config = crate::study::ScheduleConfig { daily_new_limit: n as usize, ..config };
        store.set_schedule_config(&config, chrono::Utc::now()).map_err(|e| Failure::Usage(e.to_string()))?;
        let noun = if n == 1 { "question" } else { "questions" };
        writeln!(std::io::stdout().lock(), "New questions a day: {n} {noun} (remembered).")?;
    }
    if full_screen(plain) {
        return open_screen(ctx, Launch::Review);
    }
    let mut store = open_store(ctx)?;
    let clock = SystemClock::default();
    let now = clock.now();
    let course = ctx.course().map_err(Failure::Usage)?;
    let built =
        review(&course.packs, &store, now, rand::random(), &truth).map_err(|e| Failure::Usage(e.to_string()))?;
    let (practice, session) = match built {
        Ok(review) => review,
        Err(empty) => {
            writeln!(std::io::stdout().lock(), "{}", nothing_due(&empty, now))?;
            // Nothing due is not the end of the day's study: what is next.
            return print_next(course, &store);
        }
    };
    if let Purpose::Review { due, new } = practice.purpose {
        writeln!(std::io::stdout().lock(), "{}", review_header(due, new))?;
    }
    let mut recorder = Recorder::new(practice, Some(&mut store), &clock);
    if run_plain(session, &mut recorder)? {
        drop(recorder);
        print_next(course, &store)?;
    }
    Ok(())
}

/// "Review: 3 due, 2 new."
pub fn review_header(due: usize, new: usize) -> String {
    format!("Review: {due} due, {new} new.")
}
