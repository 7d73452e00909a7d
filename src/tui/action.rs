//! What a key means, independent of which key it was.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Up,
    Down,
    PageUp,
    PageDown,
    HalfPageUp,
    HalfPageDown,
    Top,
    Bottom,
    Open,
    Back,
    Quit,
    Help,
    Search,
    SearchAll,
    NextHit,
    PrevHit,
    NextLesson,
    PrevLesson,
    Contents,
}
