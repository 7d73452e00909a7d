//! The quiz screen's key-to-frame budget (SPEC.md: ≤ 5 ms): answering a
//! question (check, record the answer and the quiz's resume point in the
//! store, lay out the feedback) and moving to the next one (parse and lay
//! out its prompt), each followed by a full frame at 80×24; and rebuilding
//! a long quiz from its resume point ("Continue").
//!
//! Run with `cargo bench --bench quiz`.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group};
use lambda_tutor::course::Course;
use lambda_tutor::practice::saved::{progress, resume};
use lambda_tutor::practice::{Practice, QuizSpec, Truth};
use lambda_tutor::quiz::{Difficulty, Pack, PackMeta, Question, QuestionKind, Response};
use lambda_tutor::study::Store;
use lambda_tutor::tui::app::App;
use lambda_tutor::tui::progress::Progress;
use lambda_tutor::tui::screens::Screen;
use lambda_tutor::tui::screens::quiz::{Launch, Stage};
use lambda_tutor::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

/// A pack of `n` single-choice questions with markdown prompts and
/// explanations the size of the built-in ones.
fn pack(n: usize) -> Pack {
    let questions = (0..n)
        .map(|i| Question {
            id: format!("q{i}"),
            kind: QuestionKind::Single {
                choices: vec!["1 second".into(), "3 seconds".into(), "15 minutes".into(), "60 seconds".into()],
                answer: 1,
            },
            topic: format!("topic-{}", i % 7),
            difficulty: Difficulty::Medium,
            lesson: Some("execution-limits".into()),
            tags: Vec::new(),
            prompt: format!("Question {i}: what is the **timeout** of a new function if you do not set one?"),
            explanation: "New functions time out after **3 seconds**; raise it up to `900` seconds \
                          (15 minutes) in the function's configuration."
                .into(),
            hints: vec!["It is short.".into()],
            feedback: BTreeMap::from([("15 minutes".to_owned(), "That is the maximum.".to_owned())]),
            shuffle: true,
        })
        .collect();
    Pack {
        meta: PackMeta { id: "bench".into(), title: "Bench".into(), version: "1".into(), ..PackMeta::default() },
        questions,
        path: "bench.toml".into(),
        builtin: false,
        course: None,
    }
}

fn key(app: &mut App, c: KeyCode) {
    app.handle_event(&Event::Key(KeyEvent::new(c, KeyModifiers::NONE)));
}

fn frame(app: &mut App, terminal: &mut Terminal<TestBackend>) {
    app.prepare(Rect::new(0, 0, 80, 24));
    terminal.draw(|f| f.render_widget(&*app, f.area())).expect("draw");
}

fn stage(app: &App) -> Stage {
    match app.screen() {
        Screen::Quiz(q) => q.stage(),
        _ => Stage::Empty,
    }
}

/// Bring the app to a question waiting for its answer: on to the next
/// question, or (the quiz over) back home and a new quiz.
fn to_question(app: &mut App, terminal: &mut Terminal<TestBackend>, seed: &mut u64) {
    match stage(app) {
        Stage::Asking => return,
        Stage::Answered => key(app, KeyCode::Enter),
        Stage::Finished | Stage::Empty => {
            if matches!(app.screen(), Screen::Quiz(_)) {
                key(app, KeyCode::Char('q'));
            }
            *seed += 1;
            app.launch(Launch::Quiz(QuizSpec { seed: *seed, ..QuizSpec::default() }));
        }
    }
    frame(app, terminal);
    if stage(app) == Stage::Finished {
        to_question(app, terminal, seed);
    }
}

fn key_to_frame(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut course = Course::builtin();
    // The size of the built-in course's "all questions" quiz.
    course.packs = vec![pack(230)];
    let store = Store::open(dir.path()).expect("store");
    let mut app = App::new(course, Theme::dark(), Progress::new(Some(store)));
    let mut seed = 1;
    app.launch(Launch::Quiz(QuizSpec { seed, ..QuizSpec::default() }));
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("backend");
    frame(&mut app, &mut terminal);
    let mut group = c.benchmark_group("quiz_key_to_frame");
    // Each sample answers real questions of one long quiz, so every answer
    // is a new row in the store and a longer resume point.
    group.bench_function("answer_then_frame", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                to_question(&mut app, &mut terminal, &mut seed);
                let start = Instant::now();
                key(&mut app, KeyCode::Char('2'));
                frame(&mut app, &mut terminal);
                total += start.elapsed();
            }
            total
        });
    });
    group.bench_function("next_question_then_frame", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                // An answered question with another one after it.
                loop {
                    to_question(&mut app, &mut terminal, &mut seed);
                    key(&mut app, KeyCode::Char('2'));
                    frame(&mut app, &mut terminal);
                    if matches!(app.screen(), Screen::Quiz(q) if !q.session().is_finished()) {
                        break;
                    }
                }
                let start = Instant::now();
                key(&mut app, KeyCode::Enter);
                frame(&mut app, &mut terminal);
                total += start.elapsed();
            }
            total
        });
    });
    group.finish();
}

fn resume_point(c: &mut Criterion) {
    let packs = vec![pack(200)];
    let (practice, mut session) =
        Practice::quiz(&packs, QuizSpec { seed: 3, ..QuizSpec::default() }, &Truth::default()).expect("quiz");
    for _ in 0..150 {
        let answer = session.current().and_then(|i| i.position_of(1)).and_then(|p| session.current()?.shown(p));
        session.answer(Response::Choice(answer.unwrap_or(0)), 4.0).expect("valid");
    }
    let saved = progress(&practice, &session, chrono::Utc::now()).expect("a quiz");
    let mut group = c.benchmark_group("quiz_resume_point");
    group.bench_function("save_200_questions_150_answers", |b| {
        b.iter(|| progress(&practice, &session, chrono::Utc::now()));
    });
    group.bench_function("continue_200_questions_150_answers", |b| b.iter(|| resume(&saved, &packs)));
    group.finish();
}

criterion_group!(benches, key_to_frame, resume_point);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
}
