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
    /// A quiz on the lesson being read.
    QuizLesson,
    /// Take the step offered (the end of a lesson, Next up).
    TakeStep,
    /// Open the selected simulator link (else the first on screen).
    OpenLink,
    /// Select the next or previous simulator link of the lesson.
    NextLink,
    PrevLink,
    PrevLesson,
    Contents,
    // The simulator (Up and Down change the selected knob).
    PlayPause,
    StepEvent,
    Slower,
    Faster,
    Reseed,
    PrevKnob,
    NextKnob,
    ResetKnobs,
    Inspect,
    ShowSummary,
    /// Open the simulator's `--set KEY=VALUE` prompt.
    OpenPrompt,
    // Quizzes, reviews and drills.
    /// Answer with what is chosen or typed.
    Submit,
    /// A choice by its number (the digit pressed).
    Pick,
    PickTrue,
    PickFalse,
    /// Pick or unpick the highlighted choice (multiple answers, chooser rows).
    Toggle,
    Hint,
    MoveItemUp,
    MoveItemDown,
    ColumnLeft,
    ColumnRight,
    /// Pick a `match` item, then its partner.
    Pair,
    Unpair,
    Reveal,
    /// Grade a card's recall by the digit pressed (1–4).
    Grade,
    Next,
    ReadLesson,
    Retry,
    Start,
    CycleCount,
    /// Continue the unfinished quiz rather than start a new one.
    ContinueQuiz,
    /// Start the new quiz, discarding the unfinished one.
    StartNew,
    /// Drill the weak topics the stats list.
    DrillWeak,
    // The drill set-up.
    /// A shorter drill (fewer minutes or questions).
    Shorter,
    Longer,
    /// Size the drill by minutes or by a question count.
    SwitchSize,
    /// Choose the learner's weakest topics.
    PickWeakest,
    /// Choose no topic: all of them, weighted toward the weakest.
    PickAll,
}
