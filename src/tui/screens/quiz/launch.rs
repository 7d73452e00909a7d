//! Opening the study screens: from the home screen's "Start" rows, from
//! the chooser, and from the command line (`quiz`, `review`, `drill` in a
//! terminal). Anything that stops a session from starting (nothing due, no
//! questions, progress not kept) opens a screen that says so.

use super::QuizScreen;
use super::chooser::ChooserScreen;
use super::confirm::ConfirmScreen;
use crate::practice::drill::drill;
use crate::practice::next::{Step, next_step};
use crate::practice::review::{nothing_due, review};
use crate::practice::saved::{ResumeError, resume};
use crate::practice::{DrillRun, Practice, Purpose, QuizSpec};
use crate::study::DrillSpec;
use crate::tui::screens::drill_setup::DrillSetupScreen;
use crate::tui::screens::stats::StatsScreen;
use crate::tui::screens::{Ctx, Launch, Screen};
use crate::tui::strings;

fn quiz(screen: QuizScreen) -> Screen {
    Screen::Quiz(Box::new(screen))
}

/// A screen that says why there is nothing to ask, and offers the step
/// home's "Next up" would (unless it is the review that has nothing).
fn nothing(ctx: &Ctx, purpose: Purpose, title: &str, message: String) -> Screen {
    let step = next_step(&ctx.course, ctx.progress.store(), ctx.clock.wall())
        .ok()
        .filter(|step| !(matches!(step, Step::Review { .. }) && matches!(purpose, Purpose::Review { .. })));
    quiz(QuizScreen::empty(Practice::new(purpose, title.to_owned(), &[]), message, step, &ctx.course))
}

/// Load the code highlighter's grammars on a background thread when the
/// first study screen opens, so a question with a code block shows
/// without a pause (parsing it is then microseconds).
fn warm_up_highlighting() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        std::thread::spawn(crate::markdown::warm_up);
    });
}

/// The unfinished quiz that a new one would replace, when it can still be
/// continued (one that cannot is no loss).
fn unfinished(ctx: &Ctx) -> Option<String> {
    let progress = ctx.progress.store()?.quiz_progress().ok()??;
    resume(&progress, &ctx.course.packs)
        .ok()
        .map(|(_, session)| format!("{}/{}", session.position(), session.len()))
        .map(|at| format!("{}, {at}", progress_title(&progress.description)))
}

/// "Lambda basics" of "Lambda basics — question 3 of 8".
fn progress_title(description: &str) -> &str {
    description.rsplit_once(" — ").map_or(description, |(title, _)| title)
}

pub fn open(launch: Launch, ctx: &mut Ctx) -> Screen {
    if !matches!(launch, Launch::Stats | Launch::Chooser) {
        warm_up_highlighting();
    }
    let packs = &ctx.course.packs;
    match launch {
        Launch::Chooser => Screen::QuizChooser(Box::new(ChooserScreen::new(&ctx.course, ctx.truth.clone()))),
        Launch::Quiz(spec) => match unfinished(ctx) {
            // One quiz is kept to continue: ask before replacing it.
            Some(description) => Screen::ConfirmQuiz(Box::new(ConfirmScreen::new(spec, description))),
            None => open(Launch::NewQuiz(spec), ctx),
        },
        Launch::NewQuiz(spec) => match Practice::quiz(packs, spec.clone(), &ctx.truth) {
            Ok((practice, session)) => quiz(QuizScreen::new(practice, session, ctx)),
            Err(e) => nothing(ctx, Purpose::Quiz(spec), strings::QUIZ, strings::cannot_start(&e.to_string())),
        },
        Launch::ResumeQuiz => {
            let saved = ctx.progress.store().map(crate::study::Store::quiz_progress);
            let progress = match saved {
                Some(Ok(Some(p))) => p,
                Some(Err(e)) => {
                    return nothing(ctx, Purpose::Quiz(QuizSpec::default()), strings::QUIZ, e.to_string());
                }
                _ => {
                    return nothing(
                        ctx,
                        Purpose::Quiz(QuizSpec::default()),
                        strings::QUIZ,
                        strings::NO_QUIZ_TO_CONTINUE.to_owned(),
                    );
                }
            };
            match resume(&progress, packs) {
                Ok((practice, session)) => quiz(QuizScreen::new(practice, session, ctx)),
                Err(e) => {
                    // Nothing left to continue: forget it, so home stops
                    // offering it. Questions missing may come back (a pack
                    // given with --pack last time): keep that one.
                    if e != ResumeError::NoQuestions
                        && let Some(store) = ctx.progress.store_mut()
                    {
                        let _ = store.clear_quiz_progress();
                    }
                    let why = match e {
                        ResumeError::Unreadable => strings::RESUME_UNREADABLE,
                        ResumeError::NoQuestions => strings::RESUME_NO_QUESTIONS,
                        ResumeError::Finished => strings::RESUME_FINISHED,
                    };
                    nothing(ctx, Purpose::Quiz(QuizSpec::default()), strings::QUIZ, why.to_owned())
                }
            }
        }
        Launch::Review => {
            let review_purpose = || Purpose::Review { due: 0, new: 0 };
            let Some(store) = ctx.progress.store() else {
                return nothing(ctx, review_purpose(), strings::REVIEW, strings::REVIEW_NEEDS_PROGRESS.to_owned());
            };
            let now = ctx.clock.wall();
            let seed = ctx.clock.seed();
            match review(packs, store, now, seed, &ctx.truth) {
                Ok(Ok((practice, session))) => quiz(QuizScreen::new(practice, session, ctx)),
                Ok(Err(empty)) => nothing(ctx, review_purpose(), strings::REVIEW, nothing_due(&empty, now)),
                Err(e) => nothing(ctx, review_purpose(), strings::REVIEW, e.to_string()),
            }
        }
        Launch::NewDrill => Screen::DrillSetup(Box::new(DrillSetupScreen::new(ctx))),
        Launch::Drill(options) => {
            let at = ctx.clock.wall().to_utc();
            match drill(packs, ctx.progress.store_mut(), &options, at, &ctx.truth) {
                Ok((practice, session)) => quiz(QuizScreen::new(practice, session, ctx)),
                Err(e) => {
                    let run = DrillRun {
                        id: None,
                        spec: DrillSpec { size: options.size(), seed: options.seed, topics: options.topics.clone() },
                        limit: options.limit(),
                    };
                    nothing(ctx, Purpose::Drill(run), strings::DRILL, strings::cannot_start(&e.to_string()))
                }
            }
        }
        Launch::Stats => Screen::Stats(Box::new(StatsScreen::new(ctx))),
    }
}
