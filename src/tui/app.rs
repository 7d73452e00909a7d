//! App state: the context (course, progress, clock, theme), a stack of
//! screens and the help overlay. Events change state in `handle_event`;
//! `prepare` does the work that needs the frame size (layout caches);
//! rendering is pure. Every screen is reached through [`View`].

use crate::practice::Truth;
use std::time::{Duration, Instant};

use ratatui::buffer::Buffer;

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::Widget;

use super::action::Action;
use super::clock::Clock;
use super::keymap::{self, Context};
use super::progress::Progress;
use super::screens::{self, Ctx, HomeScreen, Input, Launch, Screen, Transition};
use super::strings;
use super::theme::Theme;
use super::widgets;
use crate::course::Course;

pub struct App {
    /// What every screen shares: course, progress, clock (fixed in tests)
    /// and theme.
    pub ctx: Ctx,
    /// A one-time message for the status line, cleared by the next key.
    pub notice: Option<String>,
    stack: Vec<Screen>,
    help: bool,
    /// The help overlay's first row: it scrolls where it does not fit.
    help_scroll: u16,
    quit: bool,
    too_small: bool,
    /// Going back from a stack this deep or shallower quits: 2 when one
    /// screen was opened from the command line (leaving it ends the
    /// program), otherwise 0.
    quit_depth: usize,
}

impl App {
    pub fn new(course: Course, theme: Theme, progress: Progress) -> Self {
        let home = HomeScreen::new(&course, &progress);
        let truth = Truth::for_course(&course);
        Self {
            ctx: Ctx { course, progress, clock: Clock::system(), theme, truth },
            notice: None,
            stack: vec![Screen::Home(home)],
            help: false,
            help_scroll: 0,
            quit: false,
            too_small: false,
            quit_depth: 0,
        }
    }

    /// Open a study screen on top of the current one.
    pub fn launch(&mut self, launch: Launch) {
        let screen = screens::quiz::launch::open(launch, &mut self.ctx);
        self.enter_screen(screen);
    }

    /// Open a study screen whose leaving quits (`quiz` in a terminal).
    pub fn launch_alone(&mut self, launch: Launch) {
        self.quit_depth = 2;
        self.launch(launch);
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    pub fn screen(&self) -> &Screen {
        // The stack always holds the home screen at the bottom.
        self.stack.last().unwrap_or_else(|| unreachable!("the home screen is never popped"))
    }

    fn contexts(&self) -> &'static [Context] {
        self.screen().view().contexts()
    }

    pub fn handle_event(&mut self, event: &Event) {
        match event {
            // Releases and repeats of a key are not new presses.
            Event::Key(key) if key.kind == KeyEventKind::Press => self.handle_key(key),
            Event::Mouse(mouse) if !self.help && !self.too_small => self.dispatch(Input::Mouse(mouse)),
            _ => {}
        }
    }

    fn handle_key(&mut self, key: &KeyEvent) {
        self.notice = None;
        let action = keymap::action_for(key, &[]);
        if action == Some(Action::Quit) {
            self.leave_all();
            self.quit = true;
            return;
        }
        if self.too_small {
            self.quit |= action == Some(Action::Back);
            return;
        }
        if self.help {
            match action.or_else(|| keymap::action_for(key, &[Context::List])) {
                Some(Action::Help | Action::Back) => self.help = false,
                Some(Action::Down) => self.help_scroll = self.help_scroll.saturating_add(1),
                Some(Action::Up) => self.help_scroll = self.help_scroll.saturating_sub(1),
                Some(Action::PageDown | Action::Bottom) => self.help_scroll = self.help_scroll.saturating_add(10),
                Some(Action::PageUp | Action::Top) => self.help_scroll = 0,
                _ => {}
            }
            return;
        }
        // While typing, `?` is text; F1 still opens the help.
        let typing = self.screen().view().is_typing();
        if action == Some(Action::Help) && !(typing && matches!(key.code, KeyCode::Char(_))) {
            self.help = true;
            self.help_scroll = 0;
            return;
        }
        self.dispatch(Input::Key(key));
    }

    fn dispatch(&mut self, input: Input<'_>) {
        let Some(screen) = self.stack.last_mut() else { return };
        let transition = screen.view_mut().handle(input, &mut self.ctx);
        self.apply(transition);
        if let Some(screen) = self.stack.last_mut() {
            screen.view_mut().settled(&mut self.ctx);
        }
    }

    fn apply(&mut self, transition: Transition) {
        match transition {
            Transition::Stay => {}
            Transition::Push(screen) => self.enter_screen(screen),
            Transition::Replace(screen) => {
                if self.stack.len() > 1 {
                    self.leave_screen();
                    self.stack.pop();
                }
                self.enter_screen(screen);
            }
            Transition::Launch(launch) => self.launch(launch),
            Transition::Switch(launch) => {
                let screen = screens::quiz::launch::open(launch, &mut self.ctx);
                self.apply(Transition::Replace(screen));
            }
            // Opened alone from the command line: back from it is the end.
            Transition::Pop if self.stack.len() <= self.quit_depth => {
                self.leave_screen();
                self.quit = true;
            }
            Transition::Pop if self.stack.len() > 1 => {
                self.leave_screen();
                self.stack.pop();
                let ctx = &self.ctx;
                if let Some(screen) = self.stack.last_mut() {
                    screen.view_mut().resumed(ctx);
                }
            }
            Transition::Pop | Transition::Quit => {
                self.leave_all();
                self.quit = true;
            }
        }
    }

    /// A screen comes to the top: it records what the learner started.
    fn enter_screen(&mut self, mut screen: Screen) {
        screen.view_mut().entered(&mut self.ctx);
        self.stack.push(screen);
    }

    /// The top screen is about to go: it remembers where the learner was.
    fn leave_screen(&mut self) {
        if let Some(screen) = self.stack.last_mut() {
            screen.view_mut().leaving(&mut self.ctx);
        }
    }

    /// The program ends: every screen remembers where the learner was, not
    /// only the top one (a reader under the checkpoint it asked keeps its
    /// line), the top first.
    fn leave_all(&mut self) {
        for screen in self.stack.iter_mut().rev() {
            screen.view_mut().leaving(&mut self.ctx);
        }
    }

    /// Put a screen on top (e.g. the simulator opened by `simulate`).
    pub fn push(&mut self, screen: Screen) {
        self.enter_screen(screen);
    }

    /// How long the event loop may wait for input before calling
    /// [`App::tick`]: `Some` only while something animates (a playing
    /// simulator, a drill's countdown) or is on its way to the screen (a
    /// lesson's colours), so the program uses no CPU otherwise.
    pub fn tick_interval(&self) -> Option<Duration> {
        self.screen().view().tick_interval(self.help || self.too_small)
    }

    /// Advance whatever animates to the wall clock's now.
    pub fn tick(&mut self) {
        self.tick_at(Instant::now());
    }

    /// [`App::tick`] at a given wall time (tests inject the clock).
    pub fn tick_at(&mut self, now: Instant) {
        let Some(screen) = self.stack.last_mut() else { return };
        screen.view_mut().tick(now, &mut self.ctx);
    }

    fn areas(area: Rect) -> [Rect; 2] {
        Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area)
    }

    /// Everything that depends on the frame size, done before drawing.
    pub fn prepare(&mut self, area: Rect) {
        self.too_small = area.width < strings::MIN_WIDTH || area.height < strings::MIN_HEIGHT;
        if self.too_small {
            return;
        }
        let [body, _] = Self::areas(area);
        let ctx = &self.ctx;
        if let Some(screen) = self.stack.last_mut() {
            screen.view_mut().prepare(body, ctx);
        }
    }
}

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = &self.ctx.theme;
        widgets::clear(area, buf, theme.base);
        if self.too_small {
            widgets::render_too_small(area, buf, theme);
            return;
        }
        let [body, footer] = App::areas(area);
        self.screen().view().render(body, buf, &self.ctx);
        if let Some(error) = &self.ctx.progress.error {
            widgets::render_status(footer, buf, theme, &strings::progress_not_saved(error));
        } else if let Some(notice) = &self.notice {
            widgets::render_status(footer, buf, theme, notice);
        } else {
            widgets::render_footer(footer, buf, theme, self.contexts(), &[]);
        }
        if self.help {
            screens::help::render(area, buf, theme, self.contexts(), self.help_scroll);
        }
    }
}
