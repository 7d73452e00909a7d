//! One module per screen. Each screen owns its state, turns actions into
//! changes of that state (and transitions), and renders itself as a pure
//! function of that state.

pub mod help;
pub mod home;
pub mod quiz;
pub mod reader;
pub mod search;
pub mod simulator;
pub mod stats;

use ratatui::crossterm::event::{KeyEvent, MouseEvent};

use super::clock::Clock;
use super::progress::Progress;
use crate::course::Course;
use crate::quiz::practice::QuizSpec;
use crate::quiz::practice::drill::DrillOptions;

pub use home::HomeScreen;
pub use quiz::QuizScreen;
pub use reader::ReaderScreen;
pub use search::SearchScreen;
pub use simulator::{ScenarioPicker, SimulatorScreen};

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
}

#[derive(Debug)]
pub enum Screen {
    Home(HomeScreen),
    Reader(Box<ReaderScreen>),
    Search(SearchScreen),
    Scenarios(ScenarioPicker),
    Simulator(Box<SimulatorScreen>),
    Quiz(Box<QuizScreen>),
    QuizChooser(Box<quiz::chooser::ChooserScreen>),
    Stats(Box<stats::StatsScreen>),
}

/// Events a screen receives.
#[derive(Debug, Clone, Copy)]
pub enum Input<'a> {
    Key(&'a KeyEvent),
    Mouse(&'a MouseEvent),
}

/// What the study screens use besides their own state.
pub struct Ctx<'a> {
    pub course: &'a Course,
    pub progress: &'a mut Progress,
    pub clock: &'a mut Clock,
}

/// A study screen to open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Launch {
    /// Choose packs or topics, then quiz.
    Chooser,
    Quiz(QuizSpec),
    /// The unfinished quiz saved in the store.
    ResumeQuiz,
    Review,
    Drill(DrillOptions),
    /// A drill with the defaults and a fresh seed (from home).
    NewDrill,
    Stats,
}
