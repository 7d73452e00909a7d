//! `quiz [PACK...] [--topic T]... [--count N] [--seed S] [--plain]`.
//!
//! For now every quiz runs in plain mode, in a terminal too: the
//! full-screen quiz screen is still to come. `predict` questions get their
//! true value from the simulator ([`SimTruth`]).

use std::cell::RefCell;
use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use super::{CommandResult, Failure};
use crate::cli::GlobalOptions;
use crate::course::{Course, Diagnostic};
use crate::quiz::load::load_paths;
use crate::quiz::plain::{self, PlainConfig};
use crate::quiz::session::{SessionError, SessionOptions};
use crate::quiz::validate::Context;
use crate::quiz::{Pack, QuizSession};
use crate::sim;

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
    let mut dirs = global.packs.clone();
    dirs.extend(args.packs.iter().map(PathBuf::from).filter(|p| p.is_dir()));
    let sim_truth = SimTruth::new(&dirs);
    let truth = |scenario: &str, metric: &str| sim_truth.value(scenario, metric);
    let session = QuizSession::new(&packs, &options, &truth).map_err(|e| no_questions(&e, &packs, &options))?;
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

/// The simulator's answers to `predict` questions: the scenario (a preset,
/// or a scenario file of a course directory given with `--pack` or as a
/// PACK) is run headless with its own seed, once per session.
pub struct SimTruth {
    /// Scenario files of the course directories: id → (path, bytes).
    files: HashMap<String, (String, Vec<u8>)>,
    runs: RefCell<HashMap<String, Option<sim::Summary>>>,
}

/// A scenario that keeps retrying is not a fair question: give up after
/// this many simulated events (a few seconds) and leave the question out.
const TRUTH_STEP_BUDGET: u64 = 50_000_000;

impl SimTruth {
    pub fn new(dirs: &[PathBuf]) -> Self {
        let mut files = HashMap::new();
        for input in crate::quiz::validate::collect(dirs).inputs {
            if input.kind == crate::quiz::validate::FileKind::Scenario
                && let Some(stem) = Path::new(&input.path).file_stem().and_then(|s| s.to_str())
            {
                files.entry(stem.to_owned()).or_insert((input.path.clone(), input.bytes));
            }
        }
        Self { files, runs: RefCell::new(HashMap::new()) }
    }

    /// `metric` of the scenario's summary, or `None` when the scenario is
    /// unknown, does not load, or does not finish.
    pub fn value(&self, scenario: &str, metric: &str) -> Option<f64> {
        let mut runs = self.runs.borrow_mut();
        let summary = runs.entry(scenario.to_owned()).or_insert_with(|| self.run(scenario));
        summary.as_ref().and_then(|s| sim::summary_metric(s, metric))
    }

    fn run(&self, id: &str) -> Option<sim::Summary> {
        let loaded = if sim::preset(id).is_some() {
            sim::load_preset(id, &[]).ok()?
        } else {
            let (path, bytes) = self.files.get(id)?;
            let dir = Path::new(path).parent().map(Path::to_path_buf).unwrap_or_default();
            sim::scenario::load(path, bytes, &[], &mut |name: &str| {
                let full = dir.join(name);
                let text = std::fs::read_to_string(&full).map_err(|e| e.to_string())?;
                Ok((full.display().to_string(), text))
            })
            .ok()?
        };
        let mut engine = sim::Engine::new(&loaded.scenario, loaded.scenario.seed);
        engine.set_step_budget(TRUTH_STEP_BUDGET);
        let summary = engine.run();
        summary.finished.then_some(summary)
    }
}

fn terminal_width() -> Option<usize> {
    ratatui::crossterm::terminal::size().ok().map(|(w, _)| usize::from(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_give_their_headline_figures_once_per_session() {
        let truth = SimTruth::new(&[]);
        assert_eq!(truth.value("keep-alive-cliff", "cold_starts"), Some(8.0));
        assert_eq!(truth.value("keep-alive-cliff", "invocations.total"), Some(8.0));
        assert_eq!(truth.runs.borrow().len(), 1, "one run per scenario");
        assert_eq!(truth.value("no-such-scenario", "cold_starts"), None);
        assert_eq!(truth.value("keep-alive-cliff", "no.such.metric"), None);
    }

    #[test]
    fn scenario_files_of_course_directories_are_simulated() {
        let dir = tempfile::tempdir().expect("tempdir");
        let scenarios = dir.path().join("assets/scenarios");
        std::fs::create_dir_all(&scenarios).expect("mkdir");
        std::fs::write(
            scenarios.join("burst.toml"),
            "format = 1\n[scenario]\nid = \"burst\"\ntitle = \"B\"\n[[sources]]\nkind = \"s3\"\n\
             arrival = { process = \"burst\", count = 7 }\n",
        )
        .expect("write");
        let truth = SimTruth::new(&[dir.path().to_path_buf()]);
        assert_eq!(truth.value("burst", "cold_starts"), Some(7.0));
    }
}
