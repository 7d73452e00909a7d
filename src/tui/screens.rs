//! One module per screen. Each screen owns its state, turns actions into
//! changes of that state (and transitions), and renders itself as a pure
//! function of that state. Every screen implements [`View`] over the one
//! app-wide [`Ctx`], and [`Screen::view`] is the only place that matches
//! on which screen it is.

pub mod drill_setup;
pub mod help;
pub mod home;
pub mod lab;
pub mod picker;
pub mod quiz;
pub mod reader;
pub mod search;
pub mod simulator;
pub mod stats;

use std::time::{Duration, Instant};

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyEvent, MouseEvent};
use ratatui::layout::Rect;

use super::clock::Clock;
use super::keymap::Context;
use super::progress::Progress;
use super::theme::Theme;
use crate::course::Course;
use crate::practice::QuizSpec;
use crate::practice::drill::DrillOptions;

pub use home::HomeScreen;
pub use lab::LabScreen;
pub use picker::ScenarioPicker;
pub use quiz::QuizScreen;
pub use reader::ReaderScreen;
pub use search::SearchScreen;
pub use simulator::SimulatorScreen;

/// What a screen asks the app to do after handling an event.
#[derive(Debug)]
pub enum Transition {
    Stay,
    Push(Screen),
    Replace(Screen),
    Pop,
    Quit,
    /// Open a study screen (quiz, review, drill, stats): the app builds it,
    /// since it needs the store and the clock.
    Launch(Launch),
    /// Open a study screen in place of this one.
    Switch(Launch),
}

#[derive(Debug)]
pub enum Screen {
    Home(HomeScreen),
    Reader(Box<ReaderScreen>),
    Search(SearchScreen),
    Scenarios(ScenarioPicker),
    Simulator(Box<SimulatorScreen>),
    Lab(Box<LabScreen>),
    Quiz(Box<QuizScreen>),
    QuizChooser(Box<quiz::chooser::ChooserScreen>),
    ConfirmQuiz(Box<quiz::confirm::ConfirmScreen>),
    Stats(Box<stats::StatsScreen>),
    DrillSetup(Box<drill_setup::DrillSetupScreen>),
}

/// Events a screen receives.
#[derive(Debug, Clone, Copy)]
pub enum Input<'a> {
    Key(&'a KeyEvent),
    Mouse(&'a MouseEvent),
}

/// What every screen uses besides its own state: the course, the
/// learner's progress, the clock (fixed in tests) and the theme. The app
/// owns it; screens borrow it mutably to handle input and shared to draw.
pub struct Ctx {
    pub course: Course,
    pub progress: Progress,
    pub clock: Clock,
    pub theme: Theme,
    /// The simulator's answers to `predict` questions, computed once for
    /// the course and shared with the command that opened the app.
    pub truth: crate::practice::Truth,
}

/// The one interface of a screen. Rendering is a pure function of the
/// screen's state and the context; `prepare` does the work that needs the
/// frame size (layout caches, keeping a selection in view) before it.
pub trait View {
    /// Turn a key or a mouse event into a change of state and a transition.
    fn handle(&mut self, input: Input<'_>, ctx: &mut Ctx) -> Transition;
    /// Size-dependent work, done before every draw.
    fn prepare(&mut self, area: Rect, ctx: &Ctx);
    fn render(&self, area: Rect, buf: &mut Buffer, ctx: &Ctx);
    /// The keymap contexts in force, most specific first (keys, footer, help).
    fn contexts(&self) -> &'static [Context];
    /// Whether a text field has focus: printable keys are text, not commands.
    fn is_typing(&self) -> bool {
        false
    }
    /// How often [`View::tick`] should run while something animates; `None`
    /// blocks on input. `covered`: the help overlay or the size guard hides
    /// the screen (an animation may pause; a countdown may not).
    fn tick_interval(&self, covered: bool) -> Option<Duration> {
        let _ = covered;
        None
    }
    /// Advance whatever animates to the wall time `now`.
    fn tick(&mut self, now: Instant, ctx: &mut Ctx) {
        let _ = (now, ctx);
    }
    /// The screen came to the top of the stack (record what was started).
    fn entered(&mut self, ctx: &mut Ctx) {
        let _ = ctx;
    }
    /// The screen is about to leave the top for good (remember the place).
    fn leaving(&mut self, ctx: &mut Ctx) {
        let _ = ctx;
    }
    /// The screen above was closed and this one is on top again.
    fn resumed(&mut self, ctx: &Ctx) {
        let _ = ctx;
    }
    /// After an event was handled and its transition applied, while this
    /// screen is on top (a lesson read to its end is completed).
    fn settled(&mut self, ctx: &mut Ctx) {
        let _ = ctx;
    }
}

impl Screen {
    /// The screen as a [`View`]: the one dispatch over the variants.
    pub fn view(&self) -> &dyn View {
        match self {
            Screen::Home(s) => s,
            Screen::Reader(s) => &**s,
            Screen::Search(s) => s,
            Screen::Scenarios(s) => s,
            Screen::Simulator(s) => &**s,
            Screen::Lab(s) => &**s,
            Screen::Quiz(s) => &**s,
            Screen::QuizChooser(s) => &**s,
            Screen::ConfirmQuiz(s) => &**s,
            Screen::Stats(s) => &**s,
            Screen::DrillSetup(s) => &**s,
        }
    }

    pub fn view_mut(&mut self) -> &mut dyn View {
        match self {
            Screen::Home(s) => s,
            Screen::Reader(s) => &mut **s,
            Screen::Search(s) => s,
            Screen::Scenarios(s) => s,
            Screen::Simulator(s) => &mut **s,
            Screen::Lab(s) => &mut **s,
            Screen::Quiz(s) => &mut **s,
            Screen::QuizChooser(s) => &mut **s,
            Screen::ConfirmQuiz(s) => &mut **s,
            Screen::Stats(s) => &mut **s,
            Screen::DrillSetup(s) => &mut **s,
        }
    }
}

/// A study screen to open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Launch {
    /// Choose packs or topics, then quiz.
    Chooser,
    /// A quiz; asks first when it would replace an unfinished one.
    Quiz(QuizSpec),
    /// A quiz that replaces the unfinished one (the learner said so).
    NewQuiz(QuizSpec),
    /// The unfinished quiz saved in the store.
    ResumeQuiz,
    Review,
    Drill(DrillOptions),
    /// Set up a drill, then start it (home's Drill row and Next up): the
    /// set-up screen, starting from the last set-up.
    NewDrill,
    Stats,
}
