//! Grading: run a lab's scenario headless with the learner's settings and
//! compare each goal with the summary; and the proof `check` demands.

use serde::Serialize;

use super::{Goal, Lab, STEP_BUDGET, Setting};
use crate::infra::{Diagnostic, LineIndex};
use crate::sim::{Engine, Summary, summary_metric};

/// One goal and what the run measured.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GoalResult {
    /// As written: `invocations.throttled == 0`.
    pub goal: String,
    pub metric: String,
    pub op: &'static str,
    pub target: f64,
    /// `None` when the summary has no such number (cannot happen for a
    /// checked lab; kept so that a bad lab fails its goal rather than panics).
    pub measured: Option<f64>,
    pub met: bool,
}

/// The outcome of one graded run.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub results: Vec<GoalResult>,
    pub summary: Summary,
    /// The run hit the lab step budget before every event was accounted for.
    pub stopped_early: bool,
}

impl Verdict {
    /// Every goal met (and the run finished).
    pub fn passed(&self) -> bool {
        !self.stopped_early && self.results.iter().all(|r| r.met)
    }

    pub fn met(&self) -> usize {
        self.results.iter().filter(|r| r.met).count()
    }
}

fn result(goal: &Goal, summary: &Summary) -> GoalResult {
    let measured = summary_metric(summary, &goal.metric);
    GoalResult {
        goal: goal.expression(),
        metric: goal.metric.clone(),
        op: goal.op.symbol(),
        target: goal.value,
        measured,
        met: measured.is_some_and(|m| goal.holds(m)),
    }
}

pub(super) fn grade(lab: &Lab, settings: &[Setting]) -> Result<Verdict, Vec<Diagnostic>> {
    let loaded = lab.scenario(settings)?;
    let mut engine = Engine::new(&loaded.scenario, loaded.scenario.seed);
    engine.set_step_budget(STEP_BUDGET);
    let summary = engine.run();
    let results = lab.goals.iter().map(|g| result(g, &summary)).collect();
    Ok(Verdict { results, stopped_early: summary.stopped_early, summary })
}

/// The place of the first `needle` at or after `from` in `src`, else 1:1.
fn find(src: &str, from: usize, needle: &str) -> (usize, usize, usize) {
    match src.get(from..).and_then(|rest| rest.find(needle)) {
        Some(i) => {
            let (line, column) = LineIndex::new(src).position(from + i);
            (from + i, line, column)
        }
        None => (from, 1, 1),
    }
}

/// The proof of a lab that parsed cleanly: the starting settings miss at
/// least one goal, and the reference solution meets all of them, each run
/// finishing within the lab step budget.
pub(super) fn prove(lab: &Lab, bytes: &[u8]) -> Vec<Diagnostic> {
    let src = String::from_utf8_lossy(bytes);
    let (goals_at, goals_line, goals_col) = find(&src, 0, "goals");
    let (_, solution_line, solution_col) = find(&src, 0, "[solution]");
    let path = lab.path.as_str();
    let mut out = Vec::new();
    let budget = |v: &Verdict, what: &str| {
        Diagnostic::error(
            path,
            goals_line,
            goals_col,
            format!(
                "with {what} the run did not finish within {STEP_BUDGET} simulation events ({} events still pending): a lab must run in well under a second",
                v.summary.event_outcomes.pending
            ),
        )
    };
    match grade(lab, &[]) {
        Err(diags) => out.extend(diags),
        Ok(v) if v.stopped_early => out.push(budget(&v, "the starting settings")),
        Ok(v) if v.passed() => out.push(Diagnostic::error(
            path,
            goals_line,
            goals_col,
            "the starting settings already meet every goal: a lab must start unsolved (tighten a goal or change the scenario)",
        )),
        Ok(_) => {}
    }
    match grade(lab, &lab.solution) {
        Err(diags) => out.extend(diags.into_iter().map(|mut d| {
            if d.line == 0 {
                d.message = format!("the solution's `{}`: {}", d.path.trim_start_matches("--set "), d.message);
                path.clone_into(&mut d.path);
                d.line = solution_line;
                d.column = solution_col;
            }
            d
        })),
        Ok(v) if v.stopped_early => out.push(budget(&v, "the reference solution")),
        Ok(v) => {
            for r in v.results.iter().filter(|r| !r.met) {
                let (_, line, column) = find(&src, goals_at, &r.metric);
                let measured = r.measured.map_or_else(|| "nothing".to_owned(), super::names::plain_number);
                out.push(Diagnostic::error(
                    path,
                    line,
                    column,
                    format!("the reference solution misses the goal `{}`: it measures {measured}", r.goal),
                ));
            }
        }
    }
    out
}
