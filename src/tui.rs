//! The full-screen interface: app state, actions, keymap, theme, and one
//! module per screen.
//!
//! The loop blocks on input: nothing is drawn and no CPU is used while the
//! learner reads. Screens that animate (a playing simulator) ask for ticks
//! through [`App::tick_interval`].

pub mod action;
pub mod ansi;
pub mod app;
pub mod clock;
pub mod documents;
pub mod input;
pub mod keymap;
pub mod list;
pub mod progress;
pub mod screens;
pub mod strings;
pub mod terminal;
pub mod theme;
pub mod widgets;

use std::io;
use std::time::Instant;

use ratatui::crossterm::event;
use ratatui::layout::Rect;

use self::app::App;
use self::progress::Progress;
use self::screens::quiz::Launch;
use self::theme::Theme;
use crate::context::Context;
use crate::course::{Course, DeferredPacks};

/// Run with the context's course (the built-in one plus installed courses)
/// and the progress `store` (opened by the caller before the screen is taken
/// over, so a database we cannot use is reported in plain words and never
/// replaced). With a `launch`, that screen opens at once and leaving it
/// quits: the `quiz`, `review` and `drill` commands in a terminal.
///
/// `packs` are the installed courses' quiz packs still being checked (see
/// [`Context::course_for_home`]): they join the course after the first
/// frame, before the first key is read.
pub fn run(
    ctx: &mut Context,
    store: crate::study::Store,
    launch: Option<Launch>,
    packs: DeferredPacks,
) -> io::Result<()> {
    let theme = Theme::choose(ctx.use_color(true), ctx.global.theme);
    let course = ctx.take_course().map_err(io::Error::other)?;
    let mut app = App::new(course, theme, Progress::new(Some(store)));
    app.ctx.truth = ctx.truth.clone();
    if let Some(launch) = launch {
        app.launch_alone(launch);
    }
    let notice = |app: &mut App| {
        let problems = app.ctx.course.diagnostics.iter().filter(|d| d.is_error()).count();
        if problems > 0 {
            app.notice = Some(strings::course_problems(problems));
        }
    };
    if !packs.is_pending() {
        notice(&mut app);
        return event_loop(&mut app, None);
    }
    // Once the first frame is out: the rest of the course, then the count
    // of its problems, on the next frame.
    event_loop(
        &mut app,
        Some(Box::new(move |app: &mut App| {
            packs.finish(&mut app.ctx.course);
            notice(app);
        })),
    )
}

/// Open the simulator on one scenario (`simulate SCENARIO` in a terminal);
/// going back quits. Progress is not needed: nothing is recorded.
pub fn run_simulator(ctx: &Context, screen: screens::SimulatorScreen) -> io::Result<()> {
    let theme = Theme::choose(ctx.use_color(true), ctx.global.theme);
    let mut app = App::new(Course::builtin(), theme, Progress::new(None));
    app.push(screens::Screen::Simulator(Box::new(screen.standalone())));
    event_loop(&mut app, None)
}

/// Work to do once the first frame is out.
type AfterFirstFrame = Box<dyn FnOnce(&mut App)>;

/// Draw, then wait for input — or, while something animates (a playing
/// simulator, a drill's countdown, a lesson's colours on their way), for
/// input or the next tick, whichever comes first. Otherwise block on
/// input: no CPU while the learner thinks.
///
/// `after_first_frame` runs once the first frame is drawn, before any input
/// is read; the screen is drawn again after it.
fn event_loop(app: &mut App, mut after_first_frame: Option<AfterFirstFrame>) -> io::Result<()> {
    let mut guard = terminal::TerminalGuard::enter()?;
    let terminal = &mut guard.terminal;
    let mut last_tick = Instant::now();
    loop {
        let size = terminal.size()?;
        app.prepare(Rect::new(0, 0, size.width, size.height));
        terminal.draw(|frame| frame.render_widget(&*app, frame.area()))?;
        if app.should_quit() {
            return Ok(());
        }
        if let Some(after) = after_first_frame.take() {
            after(app);
            continue;
        }
        if let Some(interval) = app.tick_interval() {
            if event::poll(interval.saturating_sub(last_tick.elapsed()))? {
                app.handle_event(&event::read()?);
            }
            // Due ticks run even while input keeps coming (mouse motion, a
            // held key), so the animation never stalls.
            if last_tick.elapsed() >= interval {
                app.tick();
                last_tick = Instant::now();
            }
        } else {
            app.handle_event(&event::read()?);
        }
    }
}
