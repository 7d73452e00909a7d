//! One scenario being run: where it came from, the `--set` overrides of the
//! command line and of the prompt, the knobs on top, the seed and the
//! engine. Knobs, typed overrides and seeds build a new engine from t = 0;
//! the scenario file is parsed again with the new overrides, so a knob's
//! value or a typed `KEY=VALUE` is checked exactly like `--set`.

use std::path::PathBuf;

use super::knobs::Knobs;
use crate::infra::Diagnostic;
use crate::sim::{self, Engine, Options, Override, Scenario, scenario};

/// A scenario file: a built-in preset or a file on disk.
#[derive(Debug, Clone)]
pub struct ScenarioFile {
    /// As shown in diagnostics.
    pub path: String,
    pub bytes: Vec<u8>,
    /// Where trace files it names are read from; `None` for presets.
    pub dir: Option<PathBuf>,
}

impl ScenarioFile {
    pub fn preset(id: &str) -> Option<Self> {
        sim::preset(id).map(|(path, bytes)| Self { path, bytes: bytes.to_vec(), dir: None })
    }

    pub fn load(&self, overrides: &[Override]) -> Result<sim::Loaded, Vec<Diagnostic>> {
        scenario::load(&self.path, &self.bytes, overrides, &mut crate::infra::trace_reader(self.dir.clone()))
    }
}

#[derive(Debug, Clone)]
pub struct Run {
    file: ScenarioFile,
    /// `--set` overrides from the command line.
    base_overrides: Vec<Override>,
    /// Overrides typed at the simulator's prompt, after the command line's.
    pub typed: Vec<Override>,
    /// The scenario with those overrides only: what the knobs start from.
    pub base: Scenario,
    /// The scenario being run (knobs applied).
    pub scenario: Scenario,
    pub knobs: Knobs,
    pub seed: u64,
    pub engine: Engine,
}

impl Run {
    pub fn new(file: ScenarioFile, overrides: Vec<Override>, seed: Option<u64>) -> Result<Self, Vec<Diagnostic>> {
        let loaded = file.load(&overrides)?;
        let seed = seed.unwrap_or(loaded.scenario.seed);
        let engine = engine_for(&loaded.scenario, seed);
        Ok(Self {
            file,
            base_overrides: overrides,
            typed: Vec::new(),
            base: loaded.scenario.clone(),
            scenario: loaded.scenario,
            knobs: Knobs::default(),
            seed,
            engine,
        })
    }

    /// The same scenario and seed from t = 0.
    pub fn restart(&mut self) {
        self.engine = engine_for(&self.scenario, self.seed);
    }

    /// From t = 0 with the next seed.
    pub fn reseed(&mut self) {
        self.seed = self.seed.wrapping_add(1);
        self.restart();
    }

    /// Apply new knob settings and run from t = 0. A setting the scenario
    /// rules refuse leaves the run as it was and says why.
    pub fn set_knobs(&mut self, knobs: Knobs) -> Result<(), String> {
        let mut overrides = self.base_overrides.clone();
        overrides.extend(self.typed.iter().cloned());
        overrides.extend(knobs.overrides(&self.base));
        match self.file.load(&overrides) {
            Ok(loaded) => {
                self.scenario = loaded.scenario;
                self.knobs = knobs;
                self.restart();
                Ok(())
            }
            Err(diags) => Err(first_error(&diags)),
        }
    }

    /// Apply one typed `KEY=VALUE` (replacing an earlier one of the same key)
    /// and run from t = 0. Knobs that set the same key give way to it. The
    /// scenario loader checks it exactly as it checks `--set`; on an error
    /// the run stays as it was and the diagnostics come back.
    pub fn set_typed(&mut self, o: Override) -> Result<(), Vec<Diagnostic>> {
        let mut typed: Vec<Override> = self.typed.iter().filter(|t| t.key != o.key).cloned().collect();
        typed.push(o);
        let mut overrides = self.base_overrides.clone();
        overrides.extend(typed.iter().cloned());
        let base = self.file.load(&overrides)?.scenario;
        let knobs = self.knobs.without_key(&typed[typed.len() - 1].key);
        let mut all = overrides;
        all.extend(knobs.overrides(&base));
        // Knob settings the new base refuses (an account limit now below
        // the reserved concurrency) are dropped rather than the typed value.
        let (scenario, knobs) = match self.file.load(&all) {
            Ok(loaded) => (loaded.scenario, knobs),
            Err(_) => (base.clone(), Knobs::default()),
        };
        self.typed = typed;
        self.base = base;
        self.scenario = scenario;
        self.knobs = knobs;
        self.restart();
        Ok(())
    }

    /// Replace the `--set` overrides the run was opened with (knobs back
    /// to the scenario's own) and run from t = 0; a refusal says why.
    pub fn set_overrides(&mut self, overrides: Vec<Override>) -> Result<(), String> {
        let loaded = self.file.load(&overrides).map_err(|diags| first_error(&diags))?;
        self.base = loaded.scenario.clone();
        self.scenario = loaded.scenario;
        self.base_overrides = overrides;
        self.knobs = Knobs::default();
        self.typed.clear();
        self.restart();
        Ok(())
    }

    /// Forget the typed overrides and the knobs: the scenario as it was
    /// opened, from t = 0.
    pub fn clear_settings(&mut self) -> Result<(), String> {
        let typed = std::mem::take(&mut self.typed);
        match self.file.load(&self.base_overrides) {
            Ok(loaded) => {
                self.base = loaded.scenario.clone();
                self.scenario = loaded.scenario;
                self.knobs = Knobs::default();
                self.restart();
                Ok(())
            }
            Err(diags) => {
                self.typed = typed;
                Err(first_error(&diags))
            }
        }
    }

    /// Whether the run spans more than an hour (clocks then show h:mm:ss).
    pub fn is_long(&self) -> bool {
        self.scenario.duration_s >= 3600.0 || self.engine.now_us() >= 3_600_000_000
    }
}

/// The first error of a refused load, as a sentence.
fn first_error(diags: &[Diagnostic]) -> String {
    let first = diags.iter().find(|d| d.is_error()).or(diags.first());
    first.map_or_else(String::new, |d| crate::text::sanitize(&d.message).into_owned())
}

fn engine_for(scenario: &Scenario, seed: u64) -> Engine {
    Engine::with_options(scenario, seed, Options { trace: false, observe: true })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::screens::simulator::knobs::Knob;

    #[test]
    fn knobs_rerun_the_scenario_from_zero_with_overrides() {
        let file = ScenarioFile::preset("keep-alive-cliff").expect("preset");
        let mut run = Run::new(file, Vec::new(), None).expect("loads");
        run.engine.advance_to(3_000_000_000);
        assert!(run.engine.summary().cold_starts >= 3);
        let faster = run.knobs.stepped(Knob::Arrivals, true, &run.base).expect("more arrivals");
        let faster = faster.stepped(Knob::Arrivals, true, &run.base).expect("more arrivals");
        run.set_knobs(faster).expect("valid");
        assert_eq!(run.engine.now_us(), 0, "from t = 0");
        let summary = run.engine.clone().run();
        // Every 225 s instead of 900: the environment stays warm.
        assert_eq!((summary.invocations.total, summary.cold_starts), (32, 1));
    }

    #[test]
    fn a_refused_setting_keeps_the_run_and_says_why() {
        let file = ScenarioFile::preset("sqs-backlog").expect("preset");
        let mut run = Run::new(file, Vec::new(), None).expect("loads");
        let mut knobs = run.knobs.clone();
        knobs.timeout_s = Some(900);
        let err = run.set_knobs(knobs).expect_err("visibility timeout 30 s < 900 s");
        assert!(err.contains("visibility"), "{err}");
        assert!(run.knobs.is_default());
    }

    #[test]
    fn reseeding_changes_the_run() {
        let file = ScenarioFile::preset("api-flash-crowd").expect("preset");
        let mut run = Run::new(file, Vec::new(), Some(7)).expect("loads");
        run.reseed();
        assert_eq!(run.seed, 8);
        assert_eq!(run.engine.seed(), 8);
    }
}
