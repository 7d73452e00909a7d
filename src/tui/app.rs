//! App state: the course, the theme, a stack of screens and the help
//! overlay. Events change state in `handle_event`; `prepare` does the work
//! that needs the frame size (layout caches); rendering is pure.

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
use super::screens::quiz::{Ctx, Launch};
use super::screens::{self, HomeScreen, Input, Screen, Transition};
use super::strings;
use super::theme::Theme;
use super::widgets;
use crate::course::Course;

pub struct App {
    pub course: Course,
    pub theme: Theme,
    pub progress: Progress,
    /// A one-time message for the status line, cleared by the next key.
    pub notice: Option<String>,
    /// Time and seeds for the study screens (fixed in tests).
    pub clock: Clock,
    /// The simulator's answers to `predict` questions, shared with the
    /// command that opened the app.
    pub truth: Truth,
    stack: Vec<Screen>,
    help: bool,
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
            truth,
            course,
            theme,
            progress,
            notice: None,
            clock: Clock::system(),
            stack: vec![Screen::Home(home)],
            help: false,
            quit: false,
            too_small: false,
            quit_depth: 0,
        }
    }

    /// Open a study screen on top of the current one.
    pub fn launch(&mut self, launch: Launch) {
        let mut ctx =
            Ctx { course: &self.course, progress: &mut self.progress, clock: &mut self.clock, truth: &self.truth };
        let screen = screens::quiz::launch::open(launch, &mut ctx);
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

    /// Whether the current screen wants raw keystrokes (a text field).
    fn is_typing(&self) -> bool {
        match self.screen() {
            Screen::Search(_) => true,
            Screen::Reader(r) => r.is_typing(),
            Screen::Quiz(q) => q.is_typing(),
            Screen::Home(_)
            | Screen::QuizChooser(_)
            | Screen::Stats(_)
            | Screen::Scenarios(_)
            | Screen::Simulator(_) => false,
        }
    }

    fn contexts(&self) -> &'static [Context] {
        match self.screen() {
            Screen::Home(_) => HomeScreen::CONTEXTS,
            Screen::Reader(r) => r.contexts(),
            Screen::Search(_) => screens::SearchScreen::CONTEXTS,
            Screen::Scenarios(_) => screens::ScenarioPicker::CONTEXTS,
            Screen::Simulator(s) => s.contexts(),
            Screen::Quiz(q) => q.contexts(),
            Screen::QuizChooser(_) => screens::quiz::chooser::ChooserScreen::CONTEXTS,
            Screen::Stats(_) => screens::stats::StatsScreen::CONTEXTS,
        }
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
            self.leave_screen();
            self.quit = true;
            return;
        }
        if self.too_small {
            self.quit |= action == Some(Action::Back);
            return;
        }
        if self.help {
            if matches!(action, Some(Action::Help | Action::Back)) {
                self.help = false;
            }
            return;
        }
        // While typing, `?` is text; F1 still opens the help.
        if action == Some(Action::Help) && !(self.is_typing() && matches!(key.code, KeyCode::Char(_))) {
            self.help = true;
            return;
        }
        self.dispatch(Input::Key(key));
    }

    fn dispatch(&mut self, input: Input<'_>) {
        let course = &self.course;
        let mut ctx = Ctx { course, progress: &mut self.progress, clock: &mut self.clock, truth: &self.truth };
        let transition = match self.stack.last_mut() {
            Some(Screen::Home(s)) => s.handle(input, course),
            Some(Screen::Reader(s)) => s.handle(input, course),
            Some(Screen::Search(s)) => s.handle(input, course),
            Some(Screen::Scenarios(s)) => s.handle(input),
            Some(Screen::Simulator(s)) => s.handle(input),
            Some(Screen::Quiz(s)) => s.handle(input, &mut ctx),
            Some(Screen::QuizChooser(s)) => s.handle(input, &mut ctx),
            Some(Screen::Stats(s)) => s.handle(input),
            None => Transition::Quit,
        };
        self.apply(transition);
        self.note_reading();
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
            // Opened alone from the command line: back from it is the end.
            Transition::Pop if self.stack.len() <= self.quit_depth => {
                self.leave_screen();
                self.quit = true;
            }
            Transition::Pop if self.stack.len() > 1 => {
                self.leave_screen();
                self.stack.pop();
                if let Some(Screen::Home(_)) = self.stack.last() {
                    // Progress may have changed: rebuild "Continue" and the marks.
                    let selected = match self.stack.last() {
                        Some(Screen::Home(h)) => h.selected_lesson(),
                        _ => None,
                    };
                    let on_simulator = matches!(self.stack.last(), Some(Screen::Home(h)) if h.on_simulator());
                    let start = match self.stack.last() {
                        Some(Screen::Home(h)) => h.selected_start(),
                        _ => None,
                    };
                    let mut home = HomeScreen::new(&self.course, &self.progress);
                    if let Some(l) = selected {
                        home.select_lesson(l);
                    }
                    if on_simulator {
                        home.select_simulator();
                    } else if let Some(row) = start {
                        home.select_start(row);
                    }
                    self.stack[0] = Screen::Home(home);
                }
            }
            Transition::Pop | Transition::Quit => {
                self.leave_screen();
                self.quit = true;
            }
        }
    }

    /// A screen comes to the top: record what the learner started.
    fn enter_screen(&mut self, screen: Screen) {
        if let Screen::Reader(reader) = &screen {
            let lesson = &self.course.lessons[reader.lesson];
            self.progress.opened_lesson(lesson);
        }
        self.stack.push(screen);
    }

    /// The top screen is about to go: remember where the learner was.
    fn leave_screen(&mut self) {
        if let Some(Screen::Quiz(_) | Screen::Stats(_)) = self.stack.last() {
            // Answers change what is due and what "Continue" offers.
            self.progress.reload();
        }
        if let Some(Screen::Reader(reader)) = self.stack.last() {
            let lesson = &self.course.lessons[reader.lesson];
            self.progress.left_lesson(lesson, reader.position());
        }
    }

    /// Reaching the end of a lesson completes it.
    fn note_reading(&mut self) {
        if let Some(Screen::Reader(reader)) = self.stack.last()
            && reader.at_end()
        {
            let lesson = &self.course.lessons[reader.lesson];
            self.progress.completed_lesson(lesson);
        }
    }

    /// Put a screen on top (e.g. the simulator opened by `simulate`).
    pub fn push(&mut self, screen: Screen) {
        self.enter_screen(screen);
    }

    /// How long the event loop may wait for input before calling
    /// [`App::tick`]: `Some` only while something animates (a playing
    /// simulator, a drill's countdown) or is on its way to the screen (a
    /// lesson's colours), so
    /// the program uses no CPU otherwise.
    pub fn tick_interval(&self) -> Option<Duration> {
        match self.screen() {
            Screen::Reader(r) if r.is_colouring() => Some(Duration::from_millis(15)),
            // A drill's countdown runs on behind the help overlay.
            Screen::Quiz(q) if q.is_timing() => Some(Duration::from_secs(1)),
            _ if self.help || self.too_small => None,
            Screen::Simulator(s) if s.is_playing() => Some(screens::simulator::TICK),
            _ => None,
        }
    }

    /// Advance whatever animates to the wall clock's now.
    pub fn tick(&mut self) {
        self.tick_at(Instant::now());
    }

    /// [`App::tick`] at a given wall time (tests inject the clock).
    pub fn tick_at(&mut self, now: Instant) {
        let mut ctx =
            Ctx { course: &self.course, progress: &mut self.progress, clock: &mut self.clock, truth: &self.truth };
        match self.stack.last_mut() {
            Some(Screen::Simulator(s)) => s.tick(now),
            Some(Screen::Reader(r)) => {
                r.poll_colouring();
            }
            Some(Screen::Quiz(q)) => q.tick(&mut ctx),
            _ => {}
        }
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
        let course = &self.course;
        let (theme, clock) = (self.theme, self.clock.clone());
        match self.stack.last_mut() {
            None => {}
            Some(Screen::Home(s)) => s.prepare(body, course),
            Some(Screen::Reader(s)) => s.prepare(body),
            Some(Screen::Search(s)) => s.prepare(body),
            Some(Screen::Scenarios(s)) => s.prepare(body),
            Some(Screen::Simulator(s)) => s.prepare(body),
            Some(Screen::Quiz(s)) => s.prepare(body, &theme, &clock),
            Some(Screen::QuizChooser(s)) => s.prepare(body),
            Some(Screen::Stats(s)) => s.prepare(body, &theme),
        }
    }
}

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        widgets::clear(area, buf, self.theme.base);
        if self.too_small {
            widgets::render_too_small(area, buf, &self.theme);
            return;
        }
        let [body, footer] = App::areas(area);
        match self.screen() {
            Screen::Home(s) => s.render(body, buf, &self.course, &self.theme, &self.progress),
            Screen::Reader(s) => s.render(body, buf, &self.course, &self.theme),
            Screen::Search(s) => s.render(body, buf, &self.course, &self.theme),
            Screen::Scenarios(s) => s.render(body, buf, &self.theme),
            Screen::Simulator(s) => s.render(body, buf, &self.theme),
            Screen::Quiz(s) => s.render(body, buf, &self.theme),
            Screen::QuizChooser(s) => s.render(body, buf, &self.course, &self.theme),
            Screen::Stats(s) => s.render(body, buf, &self.theme),
        }
        if let Some(error) = &self.progress.error {
            widgets::render_status(footer, buf, &self.theme, &strings::progress_not_saved(error));
        } else if let Some(notice) = &self.notice {
            widgets::render_status(footer, buf, &self.theme, notice);
        } else {
            widgets::render_footer(footer, buf, &self.theme, self.contexts(), &[]);
        }
        if self.help {
            screens::help::render(area, buf, &self.theme, self.contexts());
        }
    }
}
