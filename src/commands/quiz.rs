//! `quiz [PACK...] [--topic T]... [--count N] [--seed S] [--plain]`.
//!
//! In a terminal the quiz opens full-screen; with `--plain`, or when stdin
//! or stdout is not a terminal, it runs line by line. Either way every
//! answer is recorded in the progress database, with the quiz's resume
//! point, so an interrupted quiz can be continued from the home screen.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::common::{full_screen, open_screen, open_store, run_plain};
use super::{CommandResult, Failure};
use crate::cli::QuizArgs;
use crate::context::Context;
use crate::course::Course;
use crate::course::check::load_paths;
use crate::infra::Diagnostic;
use crate::plain::recorded::{Recorder, SystemClock};
use crate::practice::{Practice, QuizSpec};
use crate::quiz::Pack;
use crate::quiz::session::{SessionError, SessionOptions};
use crate::tui::screens::quiz::Launch;

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

pub fn run(ctx: &mut Context, args: &QuizArgs) -> CommandResult {
    let truth = ctx.truth.clone();
    let course = ctx.course().map_err(Failure::Usage)?;
    let mut ids = Vec::new();
    for arg in &args.packs {
        let path = Path::new(arg);
        if path.exists() {
            if path.is_dir() {
                truth.add_course_dirs(&[path.to_path_buf()]);
            }
            let loaded = packs_from(&[path.to_path_buf()], course)?;
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
        lessons: args.lessons.clone(),
        count: args.count,
        seed: args.seed.unwrap_or_else(rand::random),
        round: 0,
    };
    let packs = &course.packs;
    let (practice, session) =
        Practice::quiz(packs, spec.clone(), &truth).map_err(|e| no_questions(&e, packs, &spec.options()))?;
    if full_screen(args.plain) {
        return open_screen(ctx, Launch::Quiz(spec));
    }
    let mut store = open_store(ctx)?;
    // One quiz is kept to continue: plain mode cannot ask without eating a
    // scripted answer, so it says what this quiz replaces.
    if let Ok(Some(saved)) = store.quiz_progress() {
        writeln!(
            std::io::stderr(),
            "Note: this quiz replaces your unfinished quiz ({}); the full-screen app asks first.",
            crate::text::sanitize(&saved.description)
        )?;
    }
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
            if options.count == Some(0) {
                Failure::Usage("--count 0 asks for no questions: give 1 or more".to_owned())
            } else if !options.lessons.is_empty() {
                let known: Vec<&str> =
                    packs.iter().flat_map(|p| &p.questions).filter_map(|q| q.lesson.as_deref()).collect();
                let unknown: Vec<&str> =
                    options.lessons.iter().map(String::as_str).filter(|l| !known.contains(l)).collect();
                Failure::Usage(format!(
                    "no questions on lesson {} (`lambda-tutor lessons` lists the lesson ids)",
                    if unknown.is_empty() { options.lessons.join(", ") } else { unknown.join(", ") }
                ))
            } else if options.topics.is_empty() {
                Failure::Usage("no questions to ask: the packs chosen have none".to_owned())
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
