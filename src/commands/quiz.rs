//! `quiz [PACK...] [--topic T]... [--count N] [--seed S] [--plain]`.
//!
//! In a terminal the quiz opens full-screen; with `--plain`, or when stdin
//! or stdout is not a terminal, it runs line by line. Either way every
//! answer is recorded in the progress database, with the quiz's resume
//! point, so an interrupted quiz can be continued from the home screen.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use super::{CommandResult, Failure};
use crate::cli::GlobalOptions;
use crate::course::{Course, Diagnostic};
use crate::quiz::Pack;
use crate::quiz::load::load_paths;
use crate::quiz::plain::recorded::{Recorder, SystemClock};
use crate::quiz::plain::{self, Observer, PlainConfig};
use crate::quiz::practice::{Practice, QuizSpec};
use crate::quiz::session::{QuizSession, SessionError, SessionOptions};
use crate::tui::screens::quiz::Launch;

/// Arguments of `quiz`.
#[derive(Debug, Clone, Default)]
pub struct QuizArgs {
    pub packs: Vec<String>,
    pub topics: Vec<String>,
    pub count: Option<usize>,
    pub seed: Option<u64>,
    pub plain: bool,
}

/// Print errors (warnings are for `check`); exit 1 if there were any.
fn report_errors(diagnostics: &[Diagnostic]) -> CommandResult {
    let mut err = std::io::stderr().lock();
    let mut any = false;
    for d in diagnostics.iter().filter(|d| d.is_error()) {
        writeln!(err, "{d}")?;
        any = true;
    }
    if any { Err(Failure::Invalid) } else { Ok(()) }
}

/// Packs given as paths, checked as `check` would (errors: exit 1), with
/// references resolved against `course`.
fn packs_from(paths: &[PathBuf], course: &Course) -> Result<Vec<Pack>, Failure> {
    let loaded = load_paths(paths, &super::course_context::context_for(course, paths));
    if !loaded.problems.is_empty() {
        return Err(Failure::Usage(loaded.problems.join("; ")));
    }
    report_errors(&loaded.diagnostics)?;
    Ok(loaded.packs)
}

/// Add packs, a later pack replacing an earlier one with the same id.
fn add(into: &mut Vec<Pack>, packs: Vec<Pack>) {
    for pack in packs {
        into.retain(|p| p.meta.id != pack.meta.id);
        into.push(pack);
    }
}

/// The built-in course with the installed ones beside it (`--pack`, the
/// data folder's `packs/`): what the full-screen tutor offers. Their
/// scenarios become known to `predict` questions.
pub fn course_with_packs(global: &GlobalOptions) -> Result<Course, Failure> {
    let course = super::packs::load_course(global)?;
    crate::quiz::truth::add_course_scenarios(&course);
    Ok(course)
}

/// The progress database, opened as the full-screen tutor opens it: one
/// that cannot be used is reported (exit 2) and left untouched.
pub fn open_store(global: &GlobalOptions) -> Result<crate::study::Store, Failure> {
    let dir = crate::study::data_dir(global.data_dir.as_deref()).map_err(|e| Failure::Usage(e.to_string()))?;
    crate::study::Store::open(&dir)
        .map(|s| s.with_learner(global.learner.as_deref()))
        .map_err(|e| Failure::Usage(crate::tui::strings::cannot_open_progress(&e.to_string())))
}

/// Whether to run full-screen: a terminal on both ends and no `--plain`.
pub fn full_screen(plain: bool) -> bool {
    !plain && std::io::stdin().is_terminal() && std::io::stdout().is_terminal()
}

/// The full-screen tutor, opened on `launch`; leaving that screen quits.
pub fn open_screen(global: &GlobalOptions, course: Course, launch: Launch) -> CommandResult {
    crate::tui::run_with(global, course, Some(launch)).map_err(Failure::from)
}

/// Plain mode on stdin/stdout.
pub fn run_plain(session: QuizSession, observer: &mut dyn Observer) -> CommandResult {
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    // A pseudo-terminal may report no size at all (0 columns): then 80.
    let width = if stdout.is_terminal() { terminal_width().filter(|w| *w >= 20) } else { None };
    // A terminal echoes what is typed; a pipe does not, so echo it to keep
    // the transcript readable (and each verdict on a line of its own).
    let config = PlainConfig { width: width.unwrap_or(80).clamp(20, 100), echo: !stdin.is_terminal() };
    match plain::run_with(session, &mut stdin.lock(), &mut stdout.lock(), config, observer) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure::from(e)),
    }
}

pub fn run(global: &GlobalOptions, args: &QuizArgs) -> CommandResult {
    let mut course = course_with_packs(global)?;
    let mut ids = Vec::new();
    for arg in &args.packs {
        let path = Path::new(arg);
        if path.exists() {
            if path.is_dir() {
                crate::quiz::truth::add_course_dirs(&[path.to_path_buf()]);
            }
            let loaded = packs_from(&[path.to_path_buf()], &course)?;
            ids.extend(loaded.iter().map(|p| p.meta.id.clone()));
            add(&mut course.packs, loaded);
        } else if course.packs.iter().any(|p| &p.meta.id == arg) {
            ids.push(arg.clone());
        } else {
            return Err(Failure::Usage(format!(
                "no pack with id `{arg}` and no file at {arg} (`lambda-tutor packs` lists the installed packs)"
            )));
        }
    }
    let spec = QuizSpec {
        packs: ids,
        topics: args.topics.clone(),
        count: args.count,
        seed: args.seed.unwrap_or_else(rand::random),
        round: 0,
    };
    let packs = &course.packs;
    let (practice, session) =
        Practice::quiz(packs, spec.clone()).map_err(|e| no_questions(&e, packs, &spec.options()))?;
    if full_screen(args.plain) {
        return open_screen(global, course, Launch::Quiz(spec));
    }
    let mut store = open_store(global)?;
    let clock = SystemClock::default();
    let mut recorder = Recorder::new(practice, Some(&mut store), &clock);
    run_plain(session, &mut recorder)
}

fn no_questions(e: &SessionError, packs: &[Pack], options: &SessionOptions) -> Failure {
    match e {
        SessionError::UnknownPack(id) => Failure::Usage(format!("no pack with id `{id}`")),
        SessionError::NoQuestions => {
            let mut topics: Vec<&str> = packs
                .iter()
                .filter(|p| options.packs.is_empty() || options.packs.contains(&p.meta.id))
                .flat_map(Pack::topics)
                .collect();
            topics.sort_unstable();
            topics.dedup();
            if options.topics.is_empty() {
                Failure::Usage(
                    "no questions to ask (a `predict` question whose scenario cannot be simulated is left out)"
                        .to_owned(),
                )
            } else {
                Failure::Usage(format!(
                    "no questions match --topic {} (topics: {})",
                    options.topics.join(", "),
                    topics.join(", ")
                ))
            }
        }
    }
}

fn terminal_width() -> Option<usize> {
    ratatui::crossterm::terminal::size().ok().map(|(w, _)| usize::from(w))
}
