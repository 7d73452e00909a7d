//! The full-screen interface: app state, actions, keymap, theme, and one
//! module per screen.
//!
//! The loop blocks on input: nothing is drawn and no CPU is used while the
//! learner reads. Screens that animate (the simulator) will ask for ticks.

pub mod action;
pub mod ansi;
pub mod app;
pub mod input;
pub mod keymap;
pub mod list;
pub mod screens;
pub mod strings;
pub mod terminal;
pub mod theme;
pub mod widgets;

use std::io;

use ratatui::crossterm::event;
use ratatui::layout::Rect;

use self::app::App;
use self::theme::Theme;
use crate::cli::GlobalOptions;
use crate::course::Course;

/// Open the home screen and run until the user quits.
pub fn run(global: &GlobalOptions) -> io::Result<()> {
    let course = Course::builtin();
    let theme = Theme::choose(global.use_color(true), global.theme);
    let mut app = App::new(course, theme);
    let mut guard = terminal::TerminalGuard::enter()?;
    let terminal = &mut guard.terminal;
    loop {
        let size = terminal.size()?;
        app.prepare(Rect::new(0, 0, size.width, size.height));
        terminal.draw(|frame| frame.render_widget(&app, frame.area()))?;
        if app.should_quit() {
            return Ok(());
        }
        let event = event::read()?;
        app.handle_event(&event);
    }
}
