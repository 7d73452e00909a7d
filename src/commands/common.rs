//! Helpers every command shares: the progress store opened once, the
//! choice between full screen and plain mode, the terminal's width.

use std::io::IsTerminal;

use super::{CommandResult, Failure};
use crate::context::Context;
use crate::course::DeferredPacks;
use crate::plain::{self, Observer, PlainConfig};
use crate::quiz::session::QuizSession;
use crate::tui::screens::quiz::Launch;

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

/// Plain mode on stdin/stdout.
pub fn run_plain(session: QuizSession, observer: &mut dyn Observer) -> CommandResult {
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    // A pseudo-terminal may report no size at all (0 columns): then 80.
    let width = if stdout.is_terminal() { terminal_width().filter(|w| *w >= 20) } else { None };
    // A terminal echoes what is typed; a pipe does not, so echo it to keep
    // the transcript readable (and each verdict on a line of its own).
    let config = PlainConfig { width: width.unwrap_or(80).clamp(20, 100), echo: !stdin.is_terminal() };
    match plain::run_with(session, &mut stdin.lock(), &mut stdout.lock(), config, observer) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure::from(e)),
    }
}

/// The terminal's width in columns, if there is a terminal.
pub fn terminal_width() -> Option<usize> {
    ratatui::crossterm::terminal::size().ok().map(|(w, _)| usize::from(w))
}
