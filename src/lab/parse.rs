//! Reading a lab file into a [`Lab`], with every problem as a diagnostic at
//! its `path:line:column`. The file is read into the simulator's value tree
//! (byte offsets on every key and value), so a lab is checked with the same
//! care as a scenario.

use std::collections::BTreeSet;

use super::{Goal, Knob, KnobRange, Lab, Op, ScenarioRef, Setting, Value};
use crate::infra::Diagnostic;
use crate::infra::suggest;
use crate::infra::toml_reader::Reader;
use crate::infra::toml_tree::{self as tree, Entry, Node, Place, Val};
use crate::sim::{Override, scenario};

const TOP_KEYS: &[&str] = &["format", "lab", "knobs", "solution"];
const LAB_KEYS: &[&str] =
    &["id", "title", "lesson", "task", "debrief", "hints", "scenario", "scenario_toml", "setup", "goals"];
const KNOB_KEYS: &[&str] = &["min", "max", "values"];

/// The shared reader of placed TOML: its diagnostics, its unknown-key
/// check and its getters.
type Cx<'a> = Reader<'a>;

fn hint(word: &str, known: &[&str]) -> String {
    suggest::hint(word, known.iter().copied())
}

/// The text of a string value, owned for the [`Lab`].
fn string(cx: &mut Cx<'_>, node: &Node, key: &str) -> Option<String> {
    cx.str(node, key).map(str::to_owned)
}

/// An array of strings, owned, each with its place.
fn strings(cx: &mut Cx<'_>, node: &Node, key: &str) -> Vec<(String, Place)> {
    cx.strings(node, key).into_iter().map(|(s, at)| (s.to_owned(), at)).collect()
}

fn get<'n>(entries: &'n [Entry<'n>], key: &str) -> Option<&'n Entry<'n>> {
    entries.iter().find(|e| e.key == key)
}

/// Parse a lab: the lab when it could be read at all, and every problem.
/// With `lessons`, the `lesson` id must be one of them.
pub(super) fn parse(path: &str, bytes: &[u8], lessons: Option<&BTreeSet<String>>) -> (Option<Lab>, Vec<Diagnostic>) {
    let src = match Diagnostic::from_utf8(path, bytes) {
        Ok(src) => src,
        Err(d) => return (None, vec![d]),
    };
    let mut cx = Reader::new(path, src);
    let root = match tree::parse_document(src) {
        Ok(root) => root,
        Err((offset, message)) => {
            cx.error(Place::File(offset), format!("TOML syntax: {message}"));
            return (None, cx.diags);
        }
    };
    let Val::Table(top) = &root.val else { return (None, cx.diags) };
    cx.check_keys(top, "a lab file", TOP_KEYS);
    match get(top, "format") {
        None => cx.error(Place::File(0), "missing `format = 1` (the lab format's version)"),
        Some(e) if !matches!(e.node.val, Val::Int(1)) => {
            cx.error(e.node.at, "`format` must be 1, the only lab format there is");
        }
        Some(_) => {}
    }
    let Some(lab_entry) = get(top, "lab") else {
        cx.error(Place::File(0), "missing the `[lab]` table (id, title, lesson, scenario, goals)");
        return (None, cx.diags);
    };
    let Val::Table(fields) = &lab_entry.node.val else {
        cx.error(lab_entry.node.at, "`lab` must be a table");
        return (None, cx.diags);
    };
    cx.check_keys(fields, "[lab]", LAB_KEYS);
    let head = lab_entry.key_at;
    let required = |cx: &mut Cx<'_>, key: &str| -> Option<String> {
        if let Some(e) = get(fields, key) {
            string(cx, &e.node, key)
        } else {
            cx.error(head, format!("[lab] is missing the required key `{key}`"));
            None
        }
    };
    let id = required(&mut cx, "id");
    let title = required(&mut cx, "title");
    let lesson = required(&mut cx, "lesson");
    let optional =
        |cx: &mut Cx<'_>, key: &str| get(fields, key).and_then(|e| string(cx, &e.node, key)).unwrap_or_default();
    let task = optional(&mut cx, "task");
    let debrief = optional(&mut cx, "debrief");
    let hints: Vec<String> = get(fields, "hints")
        .map(|e| strings(&mut cx, &e.node, "hints"))
        .unwrap_or_default()
        .into_iter()
        .map(|h| h.0)
        .collect();

    if let (Some(id), Some(e)) = (&id, get(fields, "id")) {
        if id.is_empty() || !id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
            cx.error(e.node.at, format!("lab id `{id}` must be lowercase letters, digits and `-`"));
        } else if super::stem(path).is_some_and(|stem| stem != *id) {
            cx.warning(e.node.at, format!("the lab id `{id}` differs from the file name"));
        }
    }
    if let (Some(lesson), Some(known), Some(e)) = (&lesson, lessons, get(fields, "lesson"))
        && !known.contains(lesson)
    {
        let list: Vec<&str> = known.iter().map(String::as_str).collect();
        let hint = hint(lesson, &list);
        cx.error(e.node.at, format!("lesson `{lesson}` does not exist{hint}"));
    }

    // The scenario, with the lab's own setup applied.
    let setup: Vec<(Override, Place)> = get(fields, "setup")
        .map(|e| strings(&mut cx, &e.node, "setup"))
        .unwrap_or_default()
        .into_iter()
        .filter_map(|(text, at)| match Override::parse(&text) {
            Ok(o) => Some((o, at)),
            Err(why) => {
                cx.error(at, why.replace("--set ", "setup "));
                None
            }
        })
        .collect();
    let scenario_ref = scenario_ref(&mut cx, src, fields, head);
    let goals = goals(&mut cx, fields, head);

    let mut lab = Lab {
        path: path.to_owned(),
        id: id.unwrap_or_default(),
        title: title.unwrap_or_default(),
        lesson: lesson.unwrap_or_default(),
        task,
        debrief,
        hints,
        scenario: scenario_ref.clone().unwrap_or(ScenarioRef::Preset(String::new())),
        setup: setup.iter().map(|(o, _)| o.clone()).collect(),
        knobs: Vec::new(),
        goals,
        solution: Vec::new(),
    };
    let Some(scenario_ref) = scenario_ref else { return (Some(lab), cx.diags) };
    let base = match lab.scenario(&[]) {
        Ok(loaded) => Some(loaded),
        Err(diags) => {
            for d in diags {
                cx.diags.push(place_setup_diagnostic(d, &setup, &cx, head));
            }
            None
        }
    };
    let scenario_tree = scenario_tree(&scenario_ref, &lab.setup);
    lab.knobs = knobs(&mut cx, top, base.is_some().then_some(&lab), scenario_tree.as_ref());
    lab.solution = solution(&mut cx, top, &lab);
    (Some(lab), cx.diags)
}

/// `scenario = "preset"` or `scenario_toml = '''…'''`, exactly one.
fn scenario_ref(cx: &mut Cx<'_>, src: &str, fields: &[Entry], head: Place) -> Option<ScenarioRef> {
    match (get(fields, "scenario"), get(fields, "scenario_toml")) {
        (Some(_), Some(inline)) => {
            cx.error(inline.key_at, "give either `scenario` (a preset id) or `scenario_toml` (inline), not both");
            None
        }
        (None, None) => {
            cx.error(
                head,
                "[lab] needs `scenario` (a built-in preset id) or `scenario_toml` (a scenario written inline)",
            );
            None
        }
        (Some(e), None) => {
            let id = string(cx, &e.node, "scenario")?;
            if crate::sim::preset(&id).is_some() {
                Some(ScenarioRef::Preset(id))
            } else {
                let ids = crate::sim::preset_ids();
                let list: Vec<&str> = ids.iter().map(String::as_str).collect();
                let hint = hint(&id, &list);
                cx.error(
                    e.node.at,
                    format!("no built-in scenario `{id}` (write it inline with `scenario_toml`){hint}"),
                );
                None
            }
        }
        (None, Some(e)) => {
            let text = string(cx, &e.node, "scenario_toml")?;
            let Place::File(offset) = e.node.at else { return None };
            let (line, column) = cx.position(Place::File(content_start(src, offset)));
            Some(ScenarioRef::Inline { text, line, column })
        }
    }
}

/// Where the text of the string token at `offset` begins: after its opening
/// quote(s) and, for a multi-line string, the newline TOML trims after them.
fn content_start(src: &str, offset: usize) -> usize {
    let rest = &src[offset.min(src.len())..];
    let quote = if rest.starts_with("'''") || rest.starts_with("\"\"\"") { 3 } else { 1 };
    let after = &rest[quote.min(rest.len())..];
    let newline =
        if quote == 3 { if after.starts_with("\r\n") { 2 } else { usize::from(after.starts_with('\n')) } } else { 0 };
    offset + quote + newline
}

/// A diagnostic of loading the scenario: one caused by a `setup` override
/// is placed on that override's string in the lab file.
fn place_setup_diagnostic(mut d: Diagnostic, setup: &[(Override, Place)], cx: &Cx<'_>, head: Place) -> Diagnostic {
    if scenario::is_override_diagnostic(&d) {
        let at = setup.iter().find(|(o, _)| d.path == format!("--set {}={}", o.key, o.value)).map_or(head, |s| s.1);
        let (line, column) = cx.position(at);
        d.message = format!("setup `{}`: {}", d.path.trim_start_matches("--set "), d.message);
        cx.path.clone_into(&mut d.path);
        d.line = line;
        d.column = column;
    }
    d
}

/// The scenario as a value tree with the setup applied, to read the
/// knobs' starting values from.
fn scenario_tree(r: &ScenarioRef, setup: &[Override]) -> Option<Node<'static>> {
    let text = match r {
        ScenarioRef::Preset(id) => String::from_utf8_lossy(crate::sim::preset(id)?.1).into_owned(),
        ScenarioRef::Inline { text, .. } => text.clone(),
    };
    let mut root = tree::parse_document(&text).ok()?.into_owned();
    for (i, o) in setup.iter().enumerate() {
        tree::set(&mut root, &o.key, tree::parse_override_value(&o.value, i)).ok()?;
    }
    Some(root)
}

fn lookup<'n>(root: &'n Node<'n>, dotted: &str) -> Option<&'n Node<'n>> {
    let mut node = root;
    for seg in dotted.split('.') {
        node = match &node.val {
            Val::Table(entries) => &get(entries, seg)?.node,
            Val::Array(items) => items.get(seg.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(node)
}

fn value_of(node: &Node) -> Option<Value> {
    match &node.val {
        Val::Int(n) => Some(Value::Int(*n)),
        Val::Float(x) => Some(Value::Float(*x)),
        Val::Bool(b) => Some(Value::Bool(*b)),
        Val::Str(s) => Some(Value::Str(s.to_string())),
        _ => None,
    }
}

fn goals(cx: &mut Cx<'_>, fields: &[Entry], head: Place) -> Vec<Goal> {
    let Some(e) = get(fields, "goals") else {
        cx.error(head, "[lab] needs `goals`, e.g. goals = [\"invocations.throttled == 0\"]");
        return Vec::new();
    };
    let written = strings(cx, &e.node, "goals");
    if written.is_empty() && matches!(e.node.val, Val::Array(_)) {
        cx.error(e.node.at, "`goals` is empty: a lab needs at least one goal");
    }
    let keys = crate::sim::summary_metric_keys();
    let known: Vec<&str> = keys.iter().map(String::as_str).collect();
    let mut out = Vec::new();
    for (text, at) in written {
        // Columns inside the string: its opening quote is one character.
        let inner = |i: usize| match at {
            Place::File(o) => Place::File(o + 1 + i),
            other @ Place::Set(_) => other,
        };
        let Some((pos, op)) =
            Op::ALL.iter().filter_map(|op| text.find(op.symbol()).map(|p| (p, *op))).min_by_key(|x| x.0)
        else {
            cx.error(at, format!("goal {text:?} needs a comparison: ==, !=, <, <=, > or >="));
            continue;
        };
        let metric = text[..pos].trim();
        let number = text[pos + op.symbol().len()..].trim();
        let metric_at = inner(text.find(metric).unwrap_or(0));
        let mut ok = true;
        if !known.contains(&metric) {
            let hint = hint(metric, &known);
            cx.error(metric_at, format!("`{metric}` is not a key of the simulation summary{hint}"));
            ok = false;
        }
        let value = match number {
            "true" => Some(1.0),
            "false" => Some(0.0),
            n => n.replace('_', "").parse::<f64>().ok().filter(|x| x.is_finite()),
        };
        if value.is_none() {
            let number_at = inner(text.rfind(number).unwrap_or(pos + op.symbol().len()));
            cx.error(number_at, format!("goal {text:?}: `{number}` is not a number"));
            ok = false;
        }
        if let (true, Some(value)) = (ok, value) {
            out.push(Goal { metric: metric.to_owned(), op, value });
        }
    }
    out
}

/// `[knobs]`: `"dotted.key" = { min = …, max = … }` or `{ values = [...] }`.
/// Each bound (or value) must be one the simulator accepts for that key:
/// the scenario is loaded with it to find out.
fn knobs(cx: &mut Cx<'_>, top: &[Entry], lab: Option<&Lab>, scenario: Option<&Node>) -> Vec<Knob> {
    let Some(e) = get(top, "knobs") else {
        cx.error(Place::File(0), "missing the `[knobs]` table: the settings the learner may change");
        return Vec::new();
    };
    let Val::Table(entries) = &e.node.val else {
        cx.error(e.node.at, "`knobs` must be a table of \"dotted.key\" = { min, max } or { values }");
        return Vec::new();
    };
    if entries.is_empty() {
        cx.error(e.key_at, "`[knobs]` is empty: a lab needs at least one knob");
    }
    let mut out = Vec::new();
    for k in entries {
        let Val::Table(spec) = &k.node.val else {
            cx.error(k.node.at, format!("knob `{}` must be {{ min = …, max = … }} or {{ values = [...] }}", k.key));
            continue;
        };
        cx.check_keys(spec, &format!("knob `{}`", k.key), KNOB_KEYS);
        let range = match (get(spec, "min"), get(spec, "max"), get(spec, "values")) {
            (Some(min), Some(max), None) => {
                let (Some(lo), Some(hi)) = (value_of(&min.node), value_of(&max.node)) else { continue };
                let (Some(a), Some(b)) = (lo.as_f64(), hi.as_f64()) else {
                    cx.error(k.node.at, format!("knob `{}`: `min` and `max` must be numbers", k.key));
                    continue;
                };
                if a > b {
                    cx.error(max.node.at, format!("knob `{}`: `max` is below `min`", k.key));
                    continue;
                }
                let integer = matches!((lo, hi), (Value::Int(_), Value::Int(_)));
                KnobRange::Number { min: a, max: b, integer }
            }
            (None, None, Some(values)) => {
                let items = match &values.node.val {
                    Val::Array(items) if !items.is_empty() => items.iter().filter_map(value_of).collect(),
                    _ => {
                        cx.error(values.node.at, format!("knob `{}`: `values` must be a non-empty array", k.key));
                        continue;
                    }
                };
                KnobRange::Choice(items)
            }
            _ => {
                cx.error(k.key_at, format!("knob `{}` needs either `min` and `max`, or `values`", k.key));
                continue;
            }
        };
        let start = scenario.and_then(|root| lookup(root, &k.key)).and_then(value_of);
        let knob = Knob { key: k.key.to_string(), range, start };
        if let Some(lab) = lab {
            check_knob_against_simulator(cx, lab, &knob, k.key_at);
        }
        if let Some(start) = &knob.start
            && let Err(why) = knob.admits(start)
        {
            cx.warning(k.key_at, format!("the scenario starts outside the knob's range: {why}"));
        }
        out.push(knob);
    }
    out
}

/// Load the scenario with each end of the knob's range (or each of its
/// values): an unknown key or a value the simulator refuses is an error here.
fn check_knob_against_simulator(cx: &mut Cx<'_>, lab: &Lab, knob: &Knob, at: Place) {
    let probes: Vec<Value> = match &knob.range {
        KnobRange::Number { min, max, integer: true } => vec![Value::Int(*min as i64), Value::Int(*max as i64)],
        KnobRange::Number { min, max, integer: false } => vec![Value::Float(*min), Value::Float(*max)],
        KnobRange::Choice(values) => values.clone(),
    };
    for value in probes {
        let setting = Setting { key: knob.key.clone(), value };
        if let Err(diags) = lab.scenario(std::slice::from_ref(&setting)) {
            let why: Vec<String> = diags.iter().filter(|d| d.is_error()).map(|d| d.message.clone()).collect();
            cx.error(
                at,
                format!(
                    "knob `{}` = {}: the simulator refuses it: {}",
                    knob.key,
                    setting.value.display(),
                    why.join("; ")
                ),
            );
            return;
        }
    }
}

/// `[solution]`: `"dotted.key" = value` for some knobs, each inside its range.
fn solution(cx: &mut Cx<'_>, top: &[Entry], lab: &Lab) -> Vec<Setting> {
    let Some(e) = get(top, "solution") else {
        cx.error(Place::File(0), "missing the `[solution]` table: the reference solution, as knob = value");
        return Vec::new();
    };
    let Val::Table(entries) = &e.node.val else {
        cx.error(e.node.at, "`solution` must be a table of \"dotted.key\" = value");
        return Vec::new();
    };
    if entries.is_empty() {
        cx.error(e.key_at, "`[solution]` is empty: it must change at least one knob");
    }
    let keys: Vec<&str> = lab.knobs.iter().map(|k| k.key.as_str()).collect();
    let mut out = Vec::new();
    for s in entries {
        let Some(value) = value_of(&s.node) else {
            cx.error(s.node.at, format!("solution `{}` must be a number, string or boolean", s.key));
            continue;
        };
        let Some(knob) = lab.knob(&s.key) else {
            let hint = hint(&s.key, &keys);
            cx.error(s.key_at, format!("the solution sets `{}`, which is not a knob of this lab{hint}", s.key));
            continue;
        };
        if let Err(why) = knob.admits(&value) {
            cx.error(s.node.at, format!("the solution is outside the knobs: {why}"));
            continue;
        }
        out.push(Setting { key: s.key.to_string(), value });
    }
    out
}
