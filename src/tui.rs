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
use crate::cli::GlobalOptions;
use crate::course::Course;

/// Run with `course` (the built-in one plus installed courses). With a
/// `launch`, that screen opens at once and leaving it quits: the `quiz`,
/// `review` and `drill` commands in a terminal.
pub fn run_with(global: &GlobalOptions, course: Course, launch: Option<Launch>) -> io::Result<()> {
    let theme = Theme::choose(global.use_color(true), global.theme);
    let store = open_store(global)?;
    let problems = course.diagnostics.iter().filter(|d| d.is_error()).count();
    let mut app = App::new(course, theme, Progress::new(Some(store)));
    if problems > 0 {
        app.notice = Some(strings::course_problems(problems));
    }
    if let Some(launch) = launch {
        app.launch_alone(launch);
    }
    event_loop(&mut app)
}

/// Open the simulator on one scenario (`simulate SCENARIO` in a terminal);
/// going back quits. Progress is not needed: nothing is recorded.
pub fn run_simulator(global: &GlobalOptions, screen: screens::SimulatorScreen) -> io::Result<()> {
    let theme = Theme::choose(global.use_color(true), global.theme);
    let mut app = App::new(Course::builtin(), theme, Progress::new(None));
    app.push(screens::Screen::Simulator(Box::new(screen.standalone())));
    event_loop(&mut app)
}

/// Draw, then wait for input — or, while something animates (a playing
/// simulator, a drill's countdown, a lesson's colours on their way), for
/// input or the next tick, whichever comes first. Otherwise block on
/// input: no CPU while the learner thinks.
fn event_loop(app: &mut App) -> io::Result<()> {
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

/// Open the progress database before taking over the screen, so that a
/// database we cannot use is reported in plain words (and never replaced).
fn open_store(global: &GlobalOptions) -> io::Result<crate::study::Store> {
    let dir = crate::study::data_dir(global.data_dir.as_deref()).map_err(|e| io::Error::other(e.to_string()))?;
    crate::study::Store::open(&dir)
        .map(|s| s.with_learner(global.learner.as_deref()))
        .map_err(|e| io::Error::other(strings::cannot_open_progress(&e.to_string())))
}
