//! Labs: goal-graded challenges on the simulator (the format of
//! `assets/labs/README.md`).
//!
//! A lab is a scenario (a built-in preset, or one written inline), the knobs
//! a learner may turn with their ranges, goals over the keys of the
//! simulation summary (`invocations.throttled == 0`, `latency_ms.p99 <= 800`),
//! hints, a debrief and a reference solution. Grading is a headless run of
//! the same engine the visualizer steps, so a verdict is reproducible: same
//! settings, same seed, same numbers.
//!
//! [`load`] parses and checks one file; [`validate`] is what `check` calls:
//! every problem with its `path:line:column`, then the proof that the
//! reference solution meets every goal and the starting settings miss one.

mod grade;
mod names;
mod parse;

use std::collections::BTreeSet;

pub use grade::{GoalResult, Verdict};
pub use names::{format_value, human_name};

use crate::infra::{Diagnostic, embedded};
use crate::sim::{Loaded, Override, scenario};

/// The most simulation events one lab run may take: labs are graded
/// interactively and in `check`, so they must finish in well under a second
/// of release time. A lab that needs more is reported by `check`.
pub const STEP_BUDGET: u64 = 20_000_000;

/// A checked lab.
#[derive(Debug, Clone, PartialEq)]
pub struct Lab {
    /// Where it was read from, for diagnostics.
    pub path: String,
    pub id: String,
    pub title: String,
    /// The id of the lesson it belongs to.
    pub lesson: String,
    /// Markdown: the situation and what to achieve.
    pub task: String,
    /// Markdown shown once every goal is met.
    pub debrief: String,
    /// Shown one at a time, in order.
    pub hints: Vec<String>,
    pub scenario: ScenarioRef,
    /// Overrides that are part of the lab (applied before the learner's).
    pub setup: Vec<Override>,
    pub knobs: Vec<Knob>,
    pub goals: Vec<Goal>,
    /// The reference solution: knob settings that meet every goal.
    pub solution: Vec<Setting>,
}

/// The scenario a lab runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScenarioRef {
    /// A built-in preset id.
    Preset(String),
    /// A whole scenario file written in the lab (`scenario_toml`), and the
    /// (line, column) in the lab file where its text starts, so that the
    /// scenario loader's places can be moved into the lab file.
    Inline { text: String, line: usize, column: usize },
}

/// A setting the learner may change: a dotted scenario key and what it may be.
#[derive(Debug, Clone, PartialEq)]
pub struct Knob {
    pub key: String,
    pub range: KnobRange,
    /// The value in the scenario as written (after `setup`), if it says one.
    pub start: Option<Value>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum KnobRange {
    /// Numbers from `min` to `max` inclusive; whole numbers only when `integer`.
    Number { min: f64, max: f64, integer: bool },
    /// One of these values.
    Choice(Vec<Value>),
}

/// A knob value: what TOML can say in one token.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Int(i64),
    Float(f64),
    Bool(bool),
    Str(String),
}

impl Value {
    /// The value as TOML, for a `--set` override.
    pub fn to_toml(&self) -> String {
        match self {
            Value::Int(n) => n.to_string(),
            Value::Float(x) => {
                let s = x.to_string();
                if s.contains(['.', 'e', 'E', 'i', 'n']) { s } else { format!("{s}.0") }
            }
            Value::Bool(b) => b.to_string(),
            Value::Str(s) => toml::Value::String(s.clone()).to_string(),
        }
    }

    /// The value as a person reads it: `1024`, `arm64`, `true`.
    pub fn display(&self) -> String {
        match self {
            Value::Str(s) => s.clone(),
            other => other.to_toml(),
        }
    }

    fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Int(n) => Some(*n as f64),
            Value::Float(x) => Some(*x),
            _ => None,
        }
    }

    /// Read a value typed on the command line: TOML when it parses as a
    /// single value, else the text itself (`arm64` needs no quotes).
    pub fn parse_cli(text: &str) -> Value {
        let doc = format!("v = {text}");
        match doc.parse::<toml::Table>().ok().and_then(|mut t| t.remove("v")) {
            Some(toml::Value::Integer(n)) => Value::Int(n),
            Some(toml::Value::Float(x)) => Value::Float(x),
            Some(toml::Value::Boolean(b)) => Value::Bool(b),
            Some(toml::Value::String(s)) => Value::Str(s),
            _ => Value::Str(text.trim().to_owned()),
        }
    }
}

/// One knob set to one value.
#[derive(Debug, Clone, PartialEq)]
pub struct Setting {
    pub key: String,
    pub value: Value,
}

impl Setting {
    pub fn to_override(&self) -> Override {
        Override { key: self.key.clone(), value: self.value.to_toml() }
    }
}

/// `metric op value`, e.g. `latency_ms.p99 <= 800`.
#[derive(Debug, Clone, PartialEq)]
pub struct Goal {
    /// A dotted key of the simulation summary.
    pub metric: String,
    pub op: Op,
    pub value: f64,
}

impl Goal {
    pub fn holds(&self, measured: f64) -> bool {
        self.op.holds(measured, self.value)
    }

    /// As written: `invocations.throttled == 0`.
    pub fn expression(&self) -> String {
        format!("{} {} {}", self.metric, self.op.symbol(), names::plain_number(self.value))
    }

    /// For people: `throttled attempts = 0`, `p99 latency ≤ 800 ms`.
    pub fn describe(&self) -> String {
        format!("{} {} {}", human_name(&self.metric), self.op.math(), format_value(&self.metric, self.value))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl Op {
    /// Longest first, so `<=` is not read as `<`.
    pub const ALL: [Op; 6] = [Op::Eq, Op::Ne, Op::Le, Op::Ge, Op::Lt, Op::Gt];

    pub fn symbol(self) -> &'static str {
        match self {
            Op::Eq => "==",
            Op::Ne => "!=",
            Op::Lt => "<",
            Op::Le => "<=",
            Op::Gt => ">",
            Op::Ge => ">=",
        }
    }

    /// The sign a reader expects: `=`, `≠`, `≤`, `≥`.
    pub fn math(self) -> &'static str {
        match self {
            Op::Eq => "=",
            Op::Ne => "≠",
            Op::Lt => "<",
            Op::Le => "≤",
            Op::Gt => ">",
            Op::Ge => "≥",
        }
    }

    // Exact comparisons: the summary rounds its figures, so a goal on a
    // count or a rounded cost is met or missed the same way every run.
    #[expect(clippy::float_cmp, reason = "goals compare the summary's rounded figures exactly, as written")]
    pub fn holds(self, a: f64, b: f64) -> bool {
        match self {
            Op::Eq => a == b,
            Op::Ne => a != b,
            Op::Lt => a < b,
            Op::Le => a <= b,
            Op::Gt => a > b,
            Op::Ge => a >= b,
        }
    }
}

/// Parse and check a lab file (everything but the runs of the proof, and
/// but its lesson id, which `check` resolves against the course: the lab
/// layer stays below the course).
pub fn load(path: &str, bytes: &[u8]) -> Result<Lab, Vec<Diagnostic>> {
    let (lab, diags) = parse::parse(path, bytes, None);
    match lab {
        Some(lab) if !diags.iter().any(Diagnostic::is_error) => Ok(lab),
        _ => Err(diags),
    }
}

/// What `check` reports for a lab file: every problem of the file (lesson
/// ids resolved against `lessons`, or not at all when `None`), then — if it
/// has none — the proof: the reference solution meets every goal and the
/// starting settings miss at least one (two headless runs).
pub fn validate(path: &str, bytes: &[u8], lessons: Option<&BTreeSet<String>>) -> Vec<Diagnostic> {
    let (lab, mut diags) = parse::parse(path, bytes, lessons);
    if let Some(lab) = lab
        && !diags.iter().any(Diagnostic::is_error)
    {
        diags.extend(grade::prove(&lab, bytes));
    }
    diags.sort_by_key(|d| (d.line, d.column));
    diags
}

/// The ids of the built-in labs (file stems of `assets/labs/*.toml`), sorted.
pub fn builtin_ids() -> Vec<String> {
    embedded::labs().iter().filter_map(|(path, _)| stem(path)).collect()
}

/// Every built-in lab, in id order. A broken one is a bug: its diagnostics
/// come back instead, so the caller can say so rather than hide it.
pub fn builtins() -> Vec<Result<Lab, Vec<Diagnostic>>> {
    embedded::labs().iter().map(|(path, bytes)| load(path, bytes)).collect()
}

/// A built-in lab by id.
pub fn builtin(id: &str) -> Option<Result<Lab, Vec<Diagnostic>>> {
    embedded::labs().into_iter().find(|(path, _)| stem(path).as_deref() == Some(id)).map(|(p, b)| load(&p, b))
}

fn stem(path: &str) -> Option<String> {
    std::path::Path::new(path).file_stem().map(|s| s.to_string_lossy().into_owned())
}

impl Lab {
    /// The scenario with the lab's setup and then `settings` applied.
    /// Diagnostics of an inline scenario are moved to their place in the lab file.
    pub fn scenario(&self, settings: &[Setting]) -> Result<Loaded, Vec<Diagnostic>> {
        let mut overrides = self.setup.clone();
        overrides.extend(settings.iter().map(Setting::to_override));
        let mut no_files = |name: &str| Err(format!("a lab's scenario cannot name trace files (asked for {name:?})"));
        match &self.scenario {
            ScenarioRef::Preset(id) => crate::sim::load_preset(id, &overrides),
            ScenarioRef::Inline { text, line, column } => {
                scenario::load(&self.path, text.as_bytes(), &overrides, &mut no_files)
                    .map_err(|diags| diags.into_iter().map(|d| shift(d, *line, *column)).collect())
            }
        }
    }

    pub fn knob(&self, key: &str) -> Option<&Knob> {
        self.knobs.iter().find(|k| k.key == key)
    }

    /// Check the learner's `KEY=VALUE` settings against the knobs: each key
    /// must be a knob and each value inside its range. Errors are sentences.
    pub fn settings_from_cli(&self, sets: &[String]) -> Result<Vec<Setting>, String> {
        let mut out: Vec<Setting> = Vec::new();
        for text in sets {
            let set = Override::parse(text)?;
            let Some(knob) = self.knob(&set.key) else {
                let keys: Vec<&str> = self.knobs.iter().map(|k| k.key.as_str()).collect();
                let hint = crate::infra::suggest::did_you_mean(&set.key, keys.iter().copied())
                    .map(|s| format!("did you mean `{s}`? "))
                    .unwrap_or_default();
                return Err(format!(
                    "--set {text}: `{}` is not a knob of lab `{}`; {hint}its knobs: {}",
                    set.key,
                    self.id,
                    keys.join(", ")
                ));
            };
            let value = Value::parse_cli(&set.value);
            knob.admits(&value).map_err(|why| format!("--set {text}: {why}"))?;
            out.retain(|s| s.key != set.key);
            out.push(Setting { key: set.key, value });
        }
        Ok(out)
    }

    /// Run the lab headless with `settings` (already checked against the
    /// knobs) and grade every goal.
    pub fn grade(&self, settings: &[Setting]) -> Result<Verdict, Vec<Diagnostic>> {
        grade::grade(self, settings)
    }
}

impl Knob {
    /// Whether `value` is one the learner may choose, or why not.
    pub fn admits(&self, value: &Value) -> Result<(), String> {
        match &self.range {
            KnobRange::Number { min, max, integer } => {
                let Some(x) = value.as_f64() else {
                    return Err(format!("`{}` takes a number, not {:?}", self.key, value.display()));
                };
                if *integer && x.fract() != 0.0 {
                    return Err(format!("`{}` takes a whole number", self.key));
                }
                if x < *min || x > *max {
                    return Err(format!(
                        "`{}` may be set from {} to {} in this lab",
                        self.key,
                        names::plain_number(*min),
                        names::plain_number(*max)
                    ));
                }
                Ok(())
            }
            KnobRange::Choice(values) => {
                let same = |v: &Value| match (v, value) {
                    (Value::Int(_) | Value::Float(_), Value::Int(_) | Value::Float(_)) => v.as_f64() == value.as_f64(),
                    _ => v == value,
                };
                if values.iter().any(same) {
                    Ok(())
                } else {
                    let list: Vec<String> = values.iter().map(Value::display).collect();
                    Err(format!("`{}` may be one of {} in this lab", self.key, list.join(", ")))
                }
            }
        }
    }

    /// `128 – 3,008` or `x86_64 | arm64`.
    pub fn describe_range(&self) -> String {
        match &self.range {
            KnobRange::Number { min, max, .. } => {
                format!("{} – {}", format_value(&self.key, *min), format_value(&self.key, *max))
            }
            KnobRange::Choice(values) => values.iter().map(Value::display).collect::<Vec<_>>().join(" | "),
        }
    }
}

/// Move a diagnostic of an inline scenario (whose text starts at `line`,
/// `column` of the lab file) to its place in the lab file. Override
/// diagnostics (line 0) stay as they are.
fn shift(mut d: Diagnostic, line: usize, column: usize) -> Diagnostic {
    if d.line > 0 {
        if d.line == 1 {
            d.column += column - 1;
        }
        d.line += line - 1;
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    const LAB: &str = r#"format = 1
[lab]
id = "t"
title = "T"
lesson = "x"
goals = ["invocations.timed_out == 0", "latency_ms.p99<=9000"]
scenario_toml = '''
format = 1
[scenario]
id = "t"
title = "t"
duration_s = 20
[function]
timeout_s = 3
handler_ms = { dist = "uniform", min = 1000, max = 5000 }
[[sources]]
kind = "api-gateway"
arrival = { process = "constant", rate_per_s = 2 }
'''
[knobs]
"function.timeout_s" = { min = 1, max = 60 }
"function.architecture" = { values = ["x86_64", "arm64"] }
[solution]
"function.timeout_s" = 6
"#;

    #[test]
    fn a_lab_reads_with_its_knobs_start_values_and_goals() {
        let (lab, diags) = parse::parse("t.toml", LAB.as_bytes(), None);
        assert!(diags.is_empty(), "{diags:?}");
        let lab = lab.expect("lab");
        assert_eq!(lab.goals[1], Goal { metric: "latency_ms.p99".into(), op: Op::Le, value: 9000.0 });
        assert_eq!(lab.knobs[0].start, Some(Value::Int(3)));
        assert_eq!(lab.knobs[1].start, None, "the scenario leaves the architecture to its default");
        assert_eq!(lab.solution, vec![Setting { key: "function.timeout_s".into(), value: Value::Int(6) }]);
        let ScenarioRef::Inline { line, column, .. } = lab.scenario else { panic!("inline") };
        assert_eq!((line, column), (8, 1), "the scenario's text starts on the line after `'''`");
        assert!(validate("t.toml", LAB.as_bytes(), None).is_empty());
    }

    #[test]
    fn learner_settings_must_be_knobs_inside_their_ranges() {
        let (lab, _) = parse::parse("t.toml", LAB.as_bytes(), None);
        let lab = lab.expect("lab");
        let ok = lab.settings_from_cli(&["function.timeout_s=10".into(), "function.architecture=arm64".into()]);
        assert_eq!(ok.expect("valid").len(), 2);
        let err = |set: &str| lab.settings_from_cli(&[set.to_owned()]).expect_err("refused");
        assert!(err("function.timeout=10").contains("did you mean `function.timeout_s`?"));
        assert!(err("function.timeout_s=61").contains("from 1 to 60"));
        assert!(err("function.timeout_s=2.5").contains("whole number"));
        assert!(err("function.architecture=arm").contains("one of x86_64, arm64"));
        // The last setting of a key wins.
        let twice = lab.settings_from_cli(&["function.timeout_s=10".into(), "function.timeout_s=12".into()]);
        assert_eq!(twice.expect("valid")[0].value, Value::Int(12));
    }

    #[test]
    fn grading_compares_each_goal_with_the_summary() {
        let (lab, _) = parse::parse("t.toml", LAB.as_bytes(), None);
        let lab = lab.expect("lab");
        let start = lab.grade(&[]).expect("runs");
        assert!(!start.passed());
        assert!(!start.results[0].met && start.results[0].measured.is_some_and(|m| m > 0.0));
        let solved = lab.grade(&lab.solution).expect("runs");
        assert!(solved.passed(), "{:?}", solved.results);
        assert_eq!(solved.met(), 2);
    }

    #[test]
    fn values_become_toml_overrides() {
        assert_eq!(Value::Int(6).to_toml(), "6");
        assert_eq!(Value::Float(2.0).to_toml(), "2.0");
        assert_eq!(Value::Str("arm64".into()).to_toml(), "\"arm64\"");
        assert_eq!(Value::parse_cli("arm64"), Value::Str("arm64".into()));
        assert_eq!(Value::parse_cli("true"), Value::Bool(true));
        assert_eq!(Value::parse_cli("0.5"), Value::Float(0.5));
        assert!(Op::Le.holds(800.0, 800.0) && !Op::Lt.holds(800.0, 800.0) && Op::Ne.holds(1.0, 0.0));
    }

    #[test]
    fn an_inline_scenario_error_lands_on_its_line_in_the_lab_file() {
        let broken = LAB.replace("timeout_s = 3\n", "timeout_s = 0\n");
        let diags = validate("t.toml", broken.as_bytes(), None);
        let line = broken.lines().position(|l| l == "timeout_s = 0").expect("line") + 1;
        assert!(diags.iter().any(|d| d.is_error() && d.line == line && d.column == 13), "{diags:?}");
    }
}
