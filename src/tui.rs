//! The full-screen interface: app state, actions, keymap, theme, and one
//! module per screen.
//!
//! The loop blocks on input: nothing is drawn and no CPU is used while the
//! learner reads. Screens that animate (the simulator) will ask for ticks.

pub mod action;
pub mod ansi;
pub mod app;
pub mod clock;
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

use ratatui::crossterm::event;
use ratatui::layout::Rect;

use self::app::App;
use self::progress::Progress;
use self::screens::quiz::Launch;
use self::theme::Theme;
use crate::cli::GlobalOptions;
use crate::course::Course;

/// Open the home screen and run until the user quits.
pub fn run(global: &GlobalOptions) -> io::Result<()> {
    run_with(global, Course::builtin(), None)
}

/// Run with `course` (the built-in one plus `--pack` packs). With a
/// `launch`, that screen opens at once and leaving it quits: the
/// `quiz`, `review` and `drill` commands in a terminal.
pub fn run_with(global: &GlobalOptions, course: Course, launch: Option<Launch>) -> io::Result<()> {
    let theme = Theme::choose(global.use_color(true), global.theme);
    let store = open_store(global)?;
    let mut app = App::new(course, theme, Progress::new(Some(store)));
    if let Some(launch) = launch {
        app.launch_alone(launch);
    }
    let mut guard = terminal::TerminalGuard::enter()?;
    let terminal = &mut guard.terminal;
    loop {
        let size = terminal.size()?;
        app.prepare(Rect::new(0, 0, size.width, size.height));
        terminal.draw(|frame| frame.render_widget(&app, frame.area()))?;
        if app.should_quit() {
            return Ok(());
        }
        // Block on input (no CPU while the learner thinks), except while a
        // drill's countdown runs: then wake once a second to redraw it.
        match app.tick_interval() {
            Some(interval) if !event::poll(interval)? => app.tick(),
            _ => {
                let event = event::read()?;
                app.handle_event(&event);
            }
        }
    }
}

/// Open the progress database before taking over the screen, so that a
/// database we cannot use is reported in plain words (and never replaced).
fn open_store(global: &GlobalOptions) -> io::Result<crate::study::Store> {
    let dir = crate::study::data_dir(global.data_dir.as_deref()).map_err(|e| io::Error::other(e.to_string()))?;
    crate::study::Store::open(&dir).map_err(|e| io::Error::other(strings::cannot_open_progress(&e.to_string())))
}
