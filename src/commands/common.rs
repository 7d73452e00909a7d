//! Helpers every command shares: the progress store opened once, the
//! choice between full screen and plain mode, the terminal's width.

use std::io::{IsTerminal, Write};

use super::{CommandResult, Failure};
use crate::context::Context;
use crate::course::{Course, DeferredPacks};
use crate::plain::{self, Observer, PlainConfig};
use crate::practice::next::{Step, next_step};
use crate::quiz::session::QuizSession;
use crate::study::Store;
use crate::tui::screens::quiz::Launch;
use crate::tui::strings;

/// The progress database, opened as the full-screen tutor opens it: one
/// that cannot be used is reported (exit 2) and left untouched.
pub fn open_store(ctx: &Context) -> Result<crate::study::Store, Failure> {
    let dir = ctx.data_dir().map_err(Failure::Usage)?;
    crate::study::Store::open(dir)
        .map(|s| s.with_learner(ctx.global.learner.as_deref()))
        .map_err(|e| Failure::Usage(crate::tui::strings::cannot_open_progress(&e.to_string())))
}

/// Whether to run full-screen: a terminal on both ends and no `--plain`.
pub fn full_screen(plain: bool) -> bool {
    !plain && std::io::stdin().is_terminal() && std::io::stdout().is_terminal()
}

/// The full-screen tutor, opened on `launch`; leaving that screen quits.
pub fn open_screen(ctx: &mut Context, launch: Launch) -> CommandResult {
    // Open the store before taking over the screen, so that a database we
    // cannot use is reported in plain words (and never replaced).
    let store = open_store(ctx)?;
    crate::tui::run(ctx, store, Some(launch), DeferredPacks::none()).map_err(Failure::from)
}

/// Print the [`next_line`], if there is one.
pub fn print_next(course: &Course, store: &Store) -> CommandResult {
    if let Some(line) = next_line(course, store) {
        writeln!(std::io::stdout().lock(), "{line}")?;
    }
    Ok(())
}

/// How plain mode ends: the one step home's "Next up" would offer, with
/// its reason and the command that takes it, e.g.
/// "Next: Next lesson: 2. What AWS Lambda is · 5 min. The next lesson in
/// the course.  (run: lambda-tutor read lambda-overview)". An unfinished
/// quiz comes first, as on the home screen.
pub fn next_line(course: &Course, store: &Store) -> Option<String> {
    if let Ok(Some(saved)) = store.quiz_progress()
        && crate::practice::saved::resume(&saved, &course.packs).is_ok()
    {
        return Some(format!(
            "Next: {} {}. {}  (run: lambda-tutor quiz --resume --plain)",
            strings::CONTINUE_QUIZ,
            crate::text::sanitize(&saved.description),
            strings::CONTINUE_QUIZ_HELP
        ));
    }
    let step = next_step(course, Some(store), crate::study::local_now()).ok()?;
    let id = |l: usize| crate::text::sanitize(&course.lessons[l].meta.id).into_owned();
    let command = match step {
        Step::Review { .. } => "review --plain".to_owned(),
        Step::Continue { lesson, .. } | Step::NextLesson { lesson } => format!("read {}", id(lesson)),
        Step::LessonQuiz { lesson, .. } => format!("quiz --lesson {} --plain", id(lesson)),
        Step::Drill => "drill --plain".to_owned(),
    };
    Some(format!("Next: {}. {}  (run: lambda-tutor {command})", step.label(course), step.reason()))
}

/// Plain mode on stdin/stdout. `false` when the reader of the output went
/// away (nothing more is worth printing).
pub fn run_plain(session: QuizSession, observer: &mut dyn Observer) -> Result<bool, Failure> {
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    // A pseudo-terminal may report no size at all (0 columns): then 80.
    let width = if stdout.is_terminal() { terminal_width().filter(|w| *w >= 20) } else { None };
    // A terminal echoes what is typed; a pipe does not, so echo it to keep
    // the transcript readable (and each verdict on a line of its own).
    let config = PlainConfig { width: width.unwrap_or(80).clamp(20, 100), echo: !stdin.is_terminal() };
    match plain::run_with(session, &mut stdin.lock(), &mut stdout.lock(), config, observer) {
        Ok(_) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(false),
        Err(e) => Err(Failure::from(e)),
    }
}

/// The terminal's width in columns, if there is a terminal.
pub fn terminal_width() -> Option<usize> {
    ratatui::crossterm::terminal::size().ok().map(|(w, _)| usize::from(w))
}
