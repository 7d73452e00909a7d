//! One module per screen. Each screen owns its state, turns actions into
//! changes of that state (and transitions), and renders itself as a pure
//! function of that state.

pub mod help;
pub mod home;
pub mod reader;
pub mod search;
pub mod simulator;

use ratatui::crossterm::event::{KeyEvent, MouseEvent};

pub use home::HomeScreen;
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
}

#[derive(Debug)]
pub enum Screen {
    Home(HomeScreen),
    Reader(Box<ReaderScreen>),
    Search(SearchScreen),
    Scenarios(ScenarioPicker),
    Simulator(Box<SimulatorScreen>),
}

/// Events a screen receives.
#[derive(Debug, Clone, Copy)]
pub enum Input<'a> {
    Key(&'a KeyEvent),
    Mouse(&'a MouseEvent),
}
