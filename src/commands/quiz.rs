//! `quiz [PACK...] [--topic T]... [--count N] [--seed S] [--plain]`.
//!
//! For now every quiz runs in plain mode, in a terminal too: the
//! full-screen quiz screen is still to come.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use super::{CommandResult, Failure};
use crate::cli::GlobalOptions;
use crate::course::{Course, Diagnostic};
use crate::quiz::load::load_paths;
use crate::quiz::plain::{self, PlainConfig};
use crate::quiz::session::{SessionError, SessionOptions, no_truth};
use crate::quiz::validate::Context;
use crate::quiz::{Pack, QuizSession};

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
    let loaded = load_paths(paths, &Context::from_course(course));
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

/// The built-in packs plus the installed ones (`--pack`, the data
/// folder's `packs/`), and the course they belong to.
pub fn available_packs(global: &GlobalOptions) -> Result<(Vec<Pack>, Course), Failure> {
    let mut course = super::packs::load_course(global)?;
    let packs = std::mem::take(&mut course.packs);
    Ok((packs, course))
}

pub fn run(global: &GlobalOptions, args: &QuizArgs) -> CommandResult {
    let (mut packs, course) = available_packs(global)?;
    let mut ids = Vec::new();
    for arg in &args.packs {
        let path = Path::new(arg);
        if path.exists() {
            let loaded = packs_from(&[path.to_path_buf()], &course)?;
            ids.extend(loaded.iter().map(|p| p.meta.id.clone()));
            add(&mut packs, loaded);
        } else if packs.iter().any(|p| &p.meta.id == arg) {
            ids.push(arg.clone());
        } else {
            return Err(Failure::Usage(format!(
                "no pack with id `{arg}` and no file at {arg} (`lambda-tutor packs` lists the installed packs)"
            )));
        }
    }
    let options = SessionOptions {
        packs: ids,
        topics: args.topics.clone(),
        count: args.count,
        seed: args.seed.unwrap_or_else(rand::random),
        shuffle_questions: true,
    };
    let session = QuizSession::new(&packs, &options, &no_truth).map_err(|e| no_questions(&e, &packs, &options))?;
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    // A pseudo-terminal may report no size at all (0 columns): then 80.
    let width = if stdout.is_terminal() { terminal_width().filter(|w| *w >= 20) } else { None };
    // A terminal echoes what is typed; a pipe does not, so echo it to keep
    // the transcript readable (and each verdict on a line of its own).
    let config = PlainConfig { width: width.unwrap_or(80).clamp(20, 100), echo: !stdin.is_terminal() };
    let _ = args.plain; // Plain mode is the only mode until the quiz screen lands.
    match plain::run(session, &mut stdin.lock(), &mut stdout.lock(), config) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure::from(e)),
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
            if options.topics.is_empty() {
                Failure::Usage(
                    "no questions to ask (questions of type `predict` need the simulator, not in this build yet)"
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
