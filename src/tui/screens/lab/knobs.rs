//! The knobs a lab allows, and only those: each a dotted scenario key with
//! its range (`[knobs]` of the lab file). ↑/↓ step a number through round
//! values inside its range (1, 1.5, 2, 2.5, 3, 4 … 9 times a power of ten,
//! the range's ends and the starting value) and cycle a choice through its
//! values. What the learner changed becomes the lab's `--set` settings,
//! checked by the same [`Knob::admits`] as `lab ID --set`.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::lab::{Knob, KnobRange, Lab, Setting, Value, format_value, human_name};
use crate::sim::Scenario;
use crate::tui::strings;
use crate::tui::theme::Theme;

/// Round values a number knob stops at, times powers of ten.
const MANTISSAS: [f64; 11] = [1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0];

#[derive(Debug, Clone, PartialEq)]
pub struct LabKnobs {
    /// Per knob of the lab: its value in the scenario before the learner
    /// touched it (`None`: the scenario has none, e.g. no reservation).
    start: Vec<Option<Value>>,
    /// Per knob: what the learner set (`None`: the starting value).
    set: Vec<Option<Value>>,
    pub selected: usize,
}

impl LabKnobs {
    /// The lab's knobs at their starting values, read from the scenario
    /// the lab runs (so that a key the file leaves to its default shows
    /// the default: a timeout of 3 s, provisioned concurrency 0).
    pub fn new(lab: &Lab, scenario: &Scenario) -> Self {
        let tree = serde_json::to_value(scenario).unwrap_or_default();
        let start = lab.knobs.iter().map(|k| k.start.clone().or_else(|| lookup(&tree, &k.key))).collect();
        Self { start, set: vec![None; lab.knobs.len()], selected: 0 }
    }

    /// The value knob `i` has now (`None`: the scenario has none).
    pub fn value(&self, i: usize) -> Option<&Value> {
        self.set.get(i).and_then(Option::as_ref).or_else(|| self.start.get(i).and_then(Option::as_ref))
    }

    pub fn is_set(&self, i: usize) -> bool {
        self.set.get(i).is_some_and(Option::is_some)
    }

    /// The learner's settings, as `lab ID --set KEY=VALUE` would give them.
    pub fn settings(&self, lab: &Lab) -> Vec<Setting> {
        lab.knobs
            .iter()
            .zip(&self.set)
            .filter_map(|(k, v)| v.clone().map(|value| Setting { key: k.key.clone(), value }))
            .collect()
    }

    pub fn select(&mut self, forward: bool, count: usize) {
        if count > 0 {
            self.selected = if forward { (self.selected + 1) % count } else { (self.selected + count - 1) % count };
        }
    }

    /// The settings with the selected knob turned one stop, or `None` at
    /// its end. A value equal to the start is no setting at all.
    pub fn stepped(&self, lab: &Lab, up: bool) -> Option<LabKnobs> {
        let i = self.selected;
        let knob = lab.knobs.get(i)?;
        let next = match &knob.range {
            KnobRange::Choice(values) => {
                let at = self.value(i).and_then(|v| values.iter().position(|x| x == v));
                let j = match (at, up) {
                    (None, _) => 0,
                    (Some(j), true) => (j + 1 < values.len()).then_some(j + 1)?,
                    (Some(j), false) => j.checked_sub(1)?,
                };
                values[j].clone()
            }
            KnobRange::Number { min, max, integer } => {
                let now = self.value(i).and_then(number);
                let stops = stops(*min, *max, *integer, self.start[i].as_ref().and_then(number));
                let x = match (now, up) {
                    // No value (no reservation) lies above every number.
                    (None, true) => return None,
                    (None, false) => *max,
                    (Some(x), true) => stops.iter().copied().find(|&s| s > x)?,
                    (Some(x), false) => stops.iter().rev().copied().find(|&s| s < x)?,
                };
                if *integer || x.fract() == 0.0 { Value::Int(x as i64) } else { Value::Float(x) }
            }
        };
        knob.admits(&next).ok()?;
        let mut out = self.clone();
        out.set[i] = (Some(&next) != self.start[i].as_ref()).then_some(next);
        Some(out)
    }

    /// Every knob back to its start.
    #[must_use]
    pub fn reset(&self) -> LabKnobs {
        LabKnobs { set: vec![None; self.set.len()], ..self.clone() }
    }

    /// `timeout 6 s`, `architecture arm64`, `reserved concurrency none`.
    pub fn describe(&self, knob: &Knob, i: usize) -> String {
        format!("{} {}", human_name(&knob.key), self.value_text(knob, i))
    }

    fn value_text(&self, knob: &Knob, i: usize) -> String {
        match self.value(i) {
            None => strings::SIM_NONE.to_owned(),
            Some(v) => number(v).map_or_else(|| v.display(), |x| format_value(&knob.key, x)),
        }
    }
}

fn number(v: &Value) -> Option<f64> {
    match v {
        Value::Int(n) => Some(*n as f64),
        Value::Float(x) => Some(*x),
        _ => None,
    }
}

/// The stops of a number knob inside `[min, max]`, ascending.
fn stops(min: f64, max: f64, integer: bool, start: Option<f64>) -> Vec<f64> {
    let mut out: Vec<f64> = vec![min, max, 0.0, -1.0];
    out.extend(start);
    let mut scale = 1.0;
    while scale <= max.abs().max(1.0) {
        out.extend(MANTISSAS.iter().map(|m| m * scale));
        scale *= 10.0;
    }
    out.retain(|&x| x >= min && x <= max && (!integer || x.fract() == 0.0));
    out.sort_by(f64::total_cmp);
    out.dedup();
    out
}

/// A dotted key's value in the scenario as loaded (its defaults filled
/// in). The loaded scenario nests some keys deeper than the file does
/// (`sources.0.settings.…`, `function.managed.…`): where the path stops,
/// the last part is looked for inside what was reached.
fn lookup(tree: &serde_json::Value, key: &str) -> Option<Value> {
    let mut at = tree;
    let mut parts = key.split('.').peekable();
    while let Some(part) = parts.peek() {
        let next = match part.parse::<usize>() {
            Ok(n) => at.get(n),
            Err(_) => at.get(*part),
        };
        let Some(next) = next else { break };
        at = next;
        parts.next();
    }
    if parts.peek().is_some() {
        at = find_key(at, key.rsplit('.').next()?)?;
    }
    match at {
        serde_json::Value::Bool(b) => Some(Value::Bool(*b)),
        serde_json::Value::String(s) => Some(Value::Str(s.clone())),
        serde_json::Value::Number(n) => n.as_i64().map(Value::Int).or_else(|| n.as_f64().map(Value::Float)),
        _ => None,
    }
}

/// The first value named `name` anywhere inside `tree`.
fn find_key<'a>(tree: &'a serde_json::Value, name: &str) -> Option<&'a serde_json::Value> {
    match tree {
        serde_json::Value::Object(map) => map.get(name).or_else(|| map.values().find_map(|v| find_key(v, name))),
        serde_json::Value::Array(items) => items.iter().find_map(|v| find_key(v, name)),
        _ => None,
    }
}

/// The knob bar: every knob of the lab with its value, the selected one
/// marked and followed by its range; changed ones marked `*`. A knob that
/// does not fit is left out from the end (`…`), never cut.
pub fn render(area: Rect, buf: &mut Buffer, theme: &Theme, lab: &Lab, knobs: &LabKnobs) {
    let width = usize::from(area.width);
    let mut spans = vec![Span::styled(format!(" {} ", strings::SIM_KNOBS), theme.dim)];
    let mut used = spans[0].width();
    for (i, knob) in lab.knobs.iter().enumerate() {
        let mark = if knobs.is_set(i) { "*" } else { "" };
        let selected = i == knobs.selected;
        let text = if selected {
            format!("◂{}{mark}▸ ({}) ", knobs.describe(knob, i), knob.describe_range())
        } else {
            format!(" {}{mark}  ", knobs.describe(knob, i))
        };
        let style = if selected {
            theme.selected
        } else if knobs.is_set(i) {
            theme.accent
        } else {
            theme.base
        };
        let w = crate::text::width(&text);
        if used + w > width {
            spans.push(Span::styled("…", theme.dim));
            break;
        }
        used += w;
        spans.push(Span::styled(text, style));
    }
    Paragraph::new(Line::from(spans)).render(area, buf);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lab(id: &str) -> Lab {
        crate::lab::builtin(id).expect("built in").expect("valid")
    }

    fn knobs(lab: &Lab) -> LabKnobs {
        LabKnobs::new(lab, &lab.scenario(&[]).expect("loads").scenario)
    }

    #[test]
    fn numbers_step_through_round_values_inside_the_range() {
        let lab = lab("default-timeout");
        let k = knobs(&lab);
        assert_eq!(k.value(0), Some(&Value::Int(3)), "the default timeout, read from the scenario");
        let up = k.stepped(&lab, true).expect("up");
        assert_eq!(up.settings(&lab), [Setting { key: "function.timeout_s".into(), value: Value::Int(4) }]);
        let back = up.stepped(&lab, false).expect("down");
        assert!(back.settings(&lab).is_empty(), "back at the start is no setting");
        assert_eq!(stops(1.0, 900.0, true, None)[..12], [1., 2., 3., 4., 5., 6., 7., 8., 9., 10., 15., 20.]);
        assert_eq!(stops(1.0, 900.0, true, None).last(), Some(&900.0));
        let mut k = k;
        while let Some(next) = k.stepped(&lab, true) {
            k = next;
        }
        assert_eq!(k.value(0), Some(&Value::Int(900)), "stops at the range's end, not the simulator's");
    }

    #[test]
    fn every_knob_of_every_builtin_lab_has_a_starting_value_but_no_reservation() {
        for lab in crate::lab::builtins().into_iter().map(|l| l.expect("valid")) {
            let k = knobs(&lab);
            for (i, knob) in lab.knobs.iter().enumerate() {
                let unreserved = knob.key == "function.reserved_concurrency";
                assert!(k.value(i).is_some() || unreserved, "{}: {} has no value", lab.id, knob.key);
            }
        }
    }

    #[test]
    fn choices_cycle_through_their_values_and_unset_numbers_start_from_the_top() {
        let lab = lab("arm64-cost");
        let k = knobs(&lab).stepped(&lab, true).expect("to arm64");
        assert_eq!(k.settings(&lab)[0].value, Value::Str("arm64".into()));
        assert!(k.stepped(&lab, true).is_none(), "the last choice is the end");
        let lab = self::lab("sqs-maximum-concurrency");
        let mut k = knobs(&lab);
        k.select(true, lab.knobs.len());
        assert_eq!(k.value(1), None, "no reservation");
        assert!(k.stepped(&lab, true).is_none(), "no reservation is above every number");
        assert_eq!(k.stepped(&lab, false).expect("down").value(1), Some(&Value::Int(900)));
    }

    /// Every built-in lab can be solved with the stops the keys reach: the
    /// reference solution's numbers moved to a stop next to them.
    #[test]
    fn every_builtin_lab_is_solvable_with_the_keys() {
        for lab in crate::lab::builtins().into_iter().map(|l| l.expect("valid")) {
            let k = knobs(&lab);
            let mut candidates: Vec<Vec<Setting>> = vec![Vec::new()];
            for s in &lab.solution {
                let i = lab.knobs.iter().position(|k| k.key == s.key).expect("a knob");
                let near: Vec<Value> = match (&lab.knobs[i].range, number(&s.value)) {
                    (KnobRange::Number { min, max, integer }, Some(x)) => {
                        let stops = stops(*min, *max, *integer, k.start[i].as_ref().and_then(number));
                        let below = stops.iter().rev().copied().find(|&v| v <= x);
                        let above = stops.iter().copied().find(|&v| v >= x);
                        below.into_iter().chain(above).map(|v| Value::Int(v as i64)).collect()
                    }
                    _ => vec![s.value.clone()],
                };
                candidates = candidates
                    .into_iter()
                    .flat_map(|c| {
                        near.iter().map(move |v| {
                            let mut c = c.clone();
                            c.push(Setting { key: s.key.clone(), value: v.clone() });
                            c
                        })
                    })
                    .collect();
            }
            let solved = candidates.iter().any(|c| lab.grade(c).is_ok_and(|v| v.passed()));
            assert!(solved, "{}: no reachable setting near the solution passes: {candidates:?}", lab.id);
        }
    }
}
