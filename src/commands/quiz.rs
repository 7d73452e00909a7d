//! `quiz [PACK...] [--topic T]... [--count N] [--seed S] [--resume | --new] [--plain]`.
//!
//! In a terminal the quiz opens full-screen; with `--plain`, or when stdin
//! or stdout is not a terminal, it runs line by line. Either way every
//! answer is recorded in the progress database, with the quiz's resume
//! point, so an interrupted quiz can be continued (from the home screen,
//! or with `--resume`). One quiz is kept to continue: a new one replaces it
//! only when the learner says so (asked in a terminal; `--new` in scripts).

use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

use super::common::{full_screen, open_screen, open_store, print_next, run_plain};
use super::{CommandResult, Failure};
use crate::cli::QuizArgs;
use crate::context::Context;
use crate::course::Course;
use crate::course::check::load_paths;
use crate::infra::Diagnostic;
use crate::plain::recorded::{Recorder, SystemClock};
use crate::practice::saved::{ResumeError, resume};
use crate::practice::{Practice, QuizSpec};
use crate::quiz::Pack;
use crate::quiz::session::{QuizSession, SessionError, SessionOptions};
use crate::study::Store;
use crate::tui::screens::quiz::Launch;
use crate::tui::strings;

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
    if args.resume {
        return resume_saved(ctx, args.plain);
    }
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
        // The full-screen app asks before replacing an unfinished quiz, unless told.
        let launch = if args.new { Launch::NewQuiz(spec) } else { Launch::Quiz(spec) };
        return open_screen(ctx, launch);
    }
    let mut store = open_store(ctx)?;
    let course = ctx.course().map_err(Failure::Usage)?;
    // One quiz is kept to continue: never replace it without being told.
    let (practice, session) = match unfinished(&store, &course.packs) {
        Some(saved) if !args.new => match choose(&saved)? {
            Choice::Continue => (saved.practice, saved.session),
            Choice::StartNew => (practice, session),
            Choice::Cancel => {
                writeln!(std::io::stdout().lock(), "{}", strings::QUIZ_KEPT)?;
                return Ok(());
            }
        },
        _ => (practice, session),
    };
    run_recorded(practice, session, course, &mut store)
}

/// `quiz --resume`: the unfinished quiz, full-screen or line by line.
fn resume_saved(ctx: &mut Context, plain: bool) -> CommandResult {
    if full_screen(plain) {
        return open_screen(ctx, Launch::ResumeQuiz);
    }
    let mut store = open_store(ctx)?;
    let course = ctx.course().map_err(Failure::Usage)?;
    let progress = store.quiz_progress().map_err(|e| Failure::Usage(e.to_string()))?;
    let progress = progress.ok_or_else(|| Failure::Usage(strings::NOTHING_TO_RESUME.to_owned()))?;
    let (practice, session) = resume(&progress, &course.packs).map_err(|e| {
        Failure::Usage(
            match e {
                ResumeError::Unreadable => strings::RESUME_UNREADABLE,
                ResumeError::NoQuestions => strings::RESUME_NO_QUESTIONS,
                ResumeError::Finished => strings::RESUME_FINISHED,
            }
            .to_owned(),
        )
    })?;
    run_recorded(practice, session, course, &mut store)
}

/// Run a quiz line by line, recording it; then the step to take next.
fn run_recorded(practice: Practice, session: QuizSession, course: &Course, store: &mut Store) -> CommandResult {
    let clock = SystemClock::default();
    let mut recorder = Recorder::new(practice, Some(&mut *store), &clock);
    if run_plain(session, &mut recorder)? {
        drop(recorder);
        print_next(course, store)?;
    }
    Ok(())
}

/// The unfinished quiz, when it can still be continued (one that cannot
/// is no loss), resumed, with how far it went.
struct Saved {
    title: String,
    practice: Practice,
    session: QuizSession,
}

fn unfinished(store: &Store, packs: &[Pack]) -> Option<Saved> {
    let progress = store.quiz_progress().ok()??;
    let (practice, session) = resume(&progress, packs).ok()?;
    Some(Saved { title: practice.title.clone(), practice, session })
}

enum Choice {
    Continue,
    StartNew,
    Cancel,
}

/// Ask what to do with the unfinished quiz, when a person can answer (stdin
/// is a terminal); a script must say with `--resume` or `--new` (exit 2).
fn choose(saved: &Saved) -> Result<Choice, Failure> {
    let (answered, total) = (saved.session.position(), saved.session.len());
    let title = crate::text::sanitize(&saved.title).into_owned();
    if !std::io::stdin().is_terminal() {
        return Err(Failure::Usage(strings::unfinished_refused(&title, answered, total)));
    }
    let mut out = std::io::stdout().lock();
    writeln!(out, "{}", strings::unfinished_question(&title, answered, total))?;
    let stdin = std::io::stdin();
    loop {
        write!(out, "> ")?;
        out.flush()?;
        let mut line = String::new();
        if stdin.lock().read_line(&mut line)? == 0 {
            return Ok(Choice::Cancel);
        }
        match line.trim().to_ascii_lowercase().as_str() {
            "c" | "continue" => return Ok(Choice::Continue),
            "n" | "new" => return Ok(Choice::StartNew),
            "q" | "cancel" => return Ok(Choice::Cancel),
            _ => writeln!(out, "{}", strings::TYPE_C_N_OR_Q)?,
        }
    }
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
