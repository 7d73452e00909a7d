//! Opening the study screens: from the home screen's "Start" rows, from
//! the chooser, and from the command line (`quiz`, `review`, `drill` in a
//! terminal). Anything that stops a session from starting (nothing due, no
//! questions, progress not kept) opens a screen that says so.

use super::QuizScreen;
use super::chooser::ChooserScreen;
use crate::quiz::practice::drill::{DrillOptions, drill};
use crate::quiz::practice::review::{nothing_due, review};
use crate::quiz::practice::saved::{ResumeError, resume};
use crate::quiz::practice::{DrillRun, Practice, Purpose, QuizSpec};
use crate::study::DrillSpec;
use crate::tui::screens::stats::StatsScreen;
use crate::tui::screens::{Ctx, Launch, Screen};
use crate::tui::strings;

fn quiz(screen: QuizScreen) -> Screen {
    Screen::Quiz(Box::new(screen))
}

/// A screen that only says why there is nothing to ask.
fn nothing(purpose: Purpose, title: &str, message: String) -> Screen {
    quiz(QuizScreen::empty(Practice::new(purpose, title.to_owned(), &[]), message))
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

pub fn open(launch: Launch, ctx: &mut Ctx) -> Screen {
    if !matches!(launch, Launch::Stats | Launch::Chooser) {
        warm_up_highlighting();
    }
    let packs = &ctx.course.packs;
    match launch {
        Launch::Chooser => Screen::QuizChooser(Box::new(ChooserScreen::new(&ctx.course))),
        Launch::Quiz(spec) => match Practice::quiz(packs, spec.clone()) {
            Ok((practice, session)) => quiz(QuizScreen::new(practice, session, ctx)),
            Err(e) => nothing(Purpose::Quiz(spec), strings::QUIZ, strings::cannot_start(&e.to_string())),
        },
        Launch::ResumeQuiz => {
            let saved = ctx.progress.store().map(crate::study::Store::quiz_progress);
            let progress = match saved {
                Some(Ok(Some(p))) => p,
                Some(Err(e)) => {
                    return nothing(Purpose::Quiz(QuizSpec::default()), strings::QUIZ, e.to_string());
                }
                _ => {
                    return nothing(
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
                    nothing(Purpose::Quiz(QuizSpec::default()), strings::QUIZ, why.to_owned())
                }
            }
        }
        Launch::Review => {
            let review_purpose = || Purpose::Review { due: 0, new: 0 };
            let Some(store) = ctx.progress.store() else {
                return nothing(review_purpose(), strings::REVIEW, strings::REVIEW_NEEDS_PROGRESS.to_owned());
            };
            let now = ctx.clock.wall();
            let seed = ctx.clock.seed();
            match review(packs, store, now, seed) {
                Ok(Ok((practice, session))) => quiz(QuizScreen::new(practice, session, ctx)),
                Ok(Err(empty)) => nothing(review_purpose(), strings::REVIEW, nothing_due(&empty, now)),
                Err(e) => nothing(review_purpose(), strings::REVIEW, e.to_string()),
            }
        }
        Launch::NewDrill => {
            let options = DrillOptions { seed: ctx.clock.seed(), ..DrillOptions::default() };
            open(Launch::Drill(options), ctx)
        }
        Launch::Drill(options) => {
            let at = ctx.clock.wall().to_utc();
            match drill(packs, ctx.progress.store_mut(), &options, at) {
                Ok((practice, session)) => quiz(QuizScreen::new(practice, session, ctx)),
                Err(e) => {
                    let run = DrillRun {
                        id: None,
                        spec: DrillSpec { size: options.size(), seed: options.seed, topics: options.topics.clone() },
                        limit: options.limit(),
                    };
                    nothing(Purpose::Drill(run), strings::DRILL, strings::cannot_start(&e.to_string()))
                }
            }
        }
        Launch::Stats => Screen::Stats(Box::new(StatsScreen::new(ctx))),
    }
}
