//! The true values of `predict` questions: what the simulator measures when
//! it runs the question's scenario headless, with the scenario's own seed.
//!
//! One table per session, held by [`Truth`] (a cheap, shared handle the
//! command context owns and passes to every screen and mode that asks), so
//! a scenario runs at most once per session and tests get a table of their
//! own. Presets are always known; scenario files of course directories are
//! added with [`Truth::add_course_dirs`].

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::sim;

/// The session's [`SimTruth`], shared: clones see the same table (the
/// full-screen app, plain mode and the command that started them).
#[derive(Clone)]
pub struct Truth(Arc<Mutex<SimTruth>>);

impl Default for Truth {
    fn default() -> Self {
        Self(Arc::new(Mutex::new(SimTruth::new(&[]))))
    }
}

impl std::fmt::Debug for Truth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Truth")
    }
}

impl Truth {
    /// A table that knows the presets and `course`'s installed scenarios.
    pub fn for_course(course: &crate::course::Course) -> Self {
        let truth = Self::default();
        truth.add_course_scenarios(course);
        truth
    }

    /// `metric` of `scenario`'s summary, or `None` when it cannot be known.
    pub fn value(&self, scenario: &str, metric: &str) -> Option<f64> {
        self.0.lock().ok()?.value(scenario, metric)
    }

    /// Make the scenarios of installed courses known (built-in presets always are).
    pub fn add_course_scenarios(&self, course: &crate::course::Course) {
        if let Ok(mut t) = self.0.lock() {
            for s in course.scenarios.iter().filter(|s| s.course.is_some()) {
                t.files.entry(s.id.clone()).or_insert_with(|| (s.path.clone(), s.text.clone().into_bytes()));
            }
        }
    }

    /// Make the scenario files of these course directories known.
    pub fn add_course_dirs(&self, dirs: &[PathBuf]) {
        let added = SimTruth::new(dirs);
        if let Ok(mut t) = self.0.lock() {
            for (id, file) in added.files {
                t.files.entry(id).or_insert(file);
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
    runs: HashMap<String, Option<sim::Summary>>,
}

/// A scenario that keeps retrying is not a fair question: give up after
/// this many simulated events (a few seconds) and leave the question out.
const TRUTH_STEP_BUDGET: u64 = 50_000_000;

impl SimTruth {
    pub fn new(dirs: &[PathBuf]) -> Self {
        let mut files = HashMap::new();
        for input in crate::course::check::collect(dirs).inputs {
            if input.kind == crate::course::check::FileKind::Scenario
                && let Some(stem) = Path::new(&input.path).file_stem().and_then(|s| s.to_str())
            {
                files.entry(stem.to_owned()).or_insert((input.path.clone(), input.bytes));
            }
        }
        Self { files, runs: HashMap::new() }
    }

    /// `metric` of the scenario's summary, or `None` when the scenario is
    /// unknown, does not load, or does not finish.
    pub fn value(&mut self, scenario: &str, metric: &str) -> Option<f64> {
        if !self.runs.contains_key(scenario) {
            let summary = self.run(scenario);
            self.runs.insert(scenario.to_owned(), summary);
        }
        let summary = &self.runs[scenario];
        summary.as_ref().and_then(|s| sim::summary_metric(s, metric))
    }

    fn run(&self, id: &str) -> Option<sim::Summary> {
        let loaded = if sim::preset(id).is_some() {
            sim::load_preset(id, &[]).ok()?
        } else {
            let (path, bytes) = self.files.get(id)?;
            let dir = Path::new(path).parent().map(Path::to_path_buf).unwrap_or_default();
            sim::scenario::load(path, bytes, &[], &mut crate::infra::trace_reader(Some(dir))).ok()?
        };
        let mut engine = sim::Engine::new(&loaded.scenario, loaded.scenario.seed);
        engine.set_step_budget(TRUTH_STEP_BUDGET);
        let summary = engine.run();
        summary.finished.then_some(summary)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_give_their_headline_figures_once_per_session() {
        let mut truth = SimTruth::new(&[]);
        assert_eq!(truth.value("keep-alive-cliff", "cold_starts"), Some(8.0));
        assert_eq!(truth.value("keep-alive-cliff", "invocations.total"), Some(8.0));
        assert_eq!(truth.runs.len(), 1, "one run per scenario");
        assert_eq!(truth.value("no-such-scenario", "cold_starts"), None);
        assert_eq!(truth.value("keep-alive-cliff", "no.such.metric"), None);
    }

    /// A course directory with one scenario, `id`: a burst of `count`
    /// S3 events (so `count` cold starts).
    fn course_with_burst(id: &str, count: u32) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("tempdir");
        let scenarios = dir.path().join("assets/scenarios");
        std::fs::create_dir_all(&scenarios).expect("mkdir");
        let text = format!(
            "format = 1\n[scenario]\nid = \"{id}\"\ntitle = \"B\"\n[[sources]]\nkind = \"s3\"\n\
             arrival = {{ process = \"burst\", count = {count} }}\n"
        );
        std::fs::write(scenarios.join(format!("{id}.toml")), text).expect("write");
        dir
    }

    #[test]
    fn scenario_files_of_course_directories_are_simulated() {
        let dir = course_with_burst("burst", 7);
        let mut truth = SimTruth::new(&[dir.path().to_path_buf()]);
        assert_eq!(truth.value("burst", "cold_starts"), Some(7.0));
    }

    #[test]
    fn each_session_has_its_own_table_and_clones_share_it() {
        let dir = course_with_burst("solo", 3);
        let session = Truth::default();
        let shared = session.clone();
        session.add_course_dirs(&[dir.path().to_path_buf()]);
        assert_eq!(shared.value("solo", "cold_starts"), Some(3.0), "a clone sees what was added");
        assert_eq!(Truth::default().value("solo", "cold_starts"), None, "another session does not");
        assert_eq!(Truth::default().value("keep-alive-cliff", "cold_starts"), Some(8.0), "presets always");
    }
}
