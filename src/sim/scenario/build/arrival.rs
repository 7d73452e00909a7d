//! Distributions (`handler_ms`, `init_ms`) and arrival processes, trace
//! files included.

use super::super::tree::{Node, Val};
use super::super::{Arrival, ReadFile};
use super::read::{Cx, Table, did_you_mean};
use super::{ARRIVAL_PROCESSES, DIST_KEYS};
use crate::infra::Diagnostic;
use crate::sim::dist::Dist;

impl Cx<'_> {
    /// `{ dist = "fixed", value = 200 }`, … or a bare number (fixed).
    pub(super) fn dist(&mut self, node: &Node, key: &str) -> Option<Dist> {
        const MAX_MS: f64 = 86_400_000.0;
        if matches!(node.val, Val::Int(_) | Val::Float(_)) {
            return self.num(node, key, 0.0, MAX_MS, " ms").map(Dist::fixed);
        }
        let name = format!("`{key}`");
        let mut t = self.table(node, &name)?;
        let kind = t
            .required(self, "dist", || {
                format!("{name} needs `dist` = \"fixed\", \"exponential\", \"lognormal\" or \"uniform\"")
            })
            .and_then(|n| self.str(n, "dist").map(str::to_owned));
        let need = |cx: &mut Self, t: &mut Table<'_>, k: &str, min: f64| -> Option<f64> {
            let n =
                t.required(cx, k, || format!("{name} with dist = {:?} needs `{k}`", kind.as_deref().unwrap_or("")))?;
            cx.num(n, k, min, MAX_MS, " ms")
        };
        let result = match kind.as_deref() {
            Some("fixed") => need(self, &mut t, "value", 0.0).map(Dist::fixed),
            Some("exponential") => need(self, &mut t, "mean", 0.0).map(|mean| Dist::Exponential { mean }),
            Some("lognormal") => {
                let mean = need(self, &mut t, "mean", 0.0);
                let p99 = need(self, &mut t, "p99", 0.0);
                match (mean, p99) {
                    (Some(mean), Some(p99)) => match Dist::lognormal(mean, p99) {
                        Ok(d) => Some(d),
                        Err(e) => {
                            self.error(node.at, e);
                            None
                        }
                    },
                    _ => None,
                }
            }
            Some("uniform") => {
                let min = need(self, &mut t, "min", 0.0);
                let max = need(self, &mut t, "max", 0.0);
                match (min, max) {
                    (Some(min), Some(max)) if max >= min => Some(Dist::Uniform { min, max }),
                    (Some(min), Some(max)) => {
                        self.error(node.at, format!("{name}: `max` ({max}) is below `min` ({min})"));
                        None
                    }
                    _ => None,
                }
            }
            Some(other) => {
                let at = t.place_of("dist");
                let hint = did_you_mean(other, &["fixed", "exponential", "lognormal", "uniform"])
                    .map(|s| format!(" (did you mean {s:?}?)"))
                    .unwrap_or_default();
                self.error(
                    at,
                    format!("unknown distribution {other:?}{hint}: use fixed, exponential, lognormal or uniform"),
                );
                None
            }
            None => None,
        };
        let allowed: &[&str] = match kind.as_deref() {
            Some("fixed") => &["dist", "value"],
            Some("exponential") => &["dist", "mean"],
            Some("lognormal") => &["dist", "mean", "p99"],
            Some("uniform") => &["dist", "min", "max"],
            _ => DIST_KEYS,
        };
        for k in allowed {
            t.get(k);
        }
        let kind_name = kind.clone().unwrap_or_default();
        self.finish(&t, allowed, &|k| {
            DIST_KEYS.contains(&k).then(|| format!("does not apply to a {kind_name:?} distribution"))
        });
        result
    }

    pub(super) fn arrival(
        &mut self,
        node: &Node,
        source: &str,
        duration_s: f64,
        read_file: &mut ReadFile<'_>,
    ) -> Option<Arrival> {
        const MAX_RATE: f64 = 10_000_000.0;
        let name = format!("{source}.arrival");
        let mut t = self.table(node, &name)?;
        let process = match t.get("process") {
            None => {
                self.error(node.at, format!("{name} needs `process` ({})", ARRIVAL_PROCESSES.join(", ")));
                return None;
            }
            Some(n) => self.str(n, "process")?.to_owned(),
        };
        let errors_before = self.error_count();
        let rate = |cx: &mut Self, t: &mut Table<'_>| -> Option<f64> {
            let n = t.required(cx, "rate_per_s", || format!("a {process} arrival needs `rate_per_s`"))?;
            cx.num(n, "rate_per_s", 1e-9, MAX_RATE, " per second")
        };
        let (arrival, keys): (Option<Arrival>, &[&str]) = match process.as_str() {
            "constant" => {
                (rate(self, &mut t).map(|rate_per_s| Arrival::Constant { rate_per_s }), &["process", "rate_per_s"])
            }
            "poisson" => {
                (rate(self, &mut t).map(|rate_per_s| Arrival::Poisson { rate_per_s }), &["process", "rate_per_s"])
            }
            "burst" => {
                let count = t
                    .required(self, "count", || "a burst arrival needs `count`".to_owned())
                    .and_then(|n| self.int(n, "count", 1, super::super::MAX_EVENTS as i64, " events"));
                let at_s = t
                    .get("at_s")
                    .and_then(|n| self.num(n, "at_s", 0.0, duration_s, " s (inside the scenario's duration)"))
                    .unwrap_or(0.0);
                let over_s = t.get("over_s").and_then(|n| self.num(n, "over_s", 0.0, 2_592_000.0, " s")).unwrap_or(0.0);
                if at_s + over_s > duration_s {
                    self.warning(
                        t.place_of("over_s"),
                        "the burst runs past the scenario's duration: events after it are not emitted",
                    );
                }
                (
                    count.map(|c| Arrival::Burst { count: c as u64, at_s, over_s }),
                    &["process", "count", "at_s", "over_s"],
                )
            }
            "step" => {
                let poisson = self.opt_bool(&mut t, "poisson", false);
                (self.steps(&mut t).map(|steps| Arrival::Step { steps, poisson }), &["process", "steps", "poisson"])
            }
            "schedule" => {
                let every = t
                    .required(self, "every_s", || "a schedule arrival needs `every_s`".to_owned())
                    .and_then(|n| self.num(n, "every_s", 0.001, 2_592_000.0, " s"));
                (every.map(|every_s| Arrival::Schedule { every_s }), &["process", "every_s"])
            }
            "trace" => (self.trace(&mut t, duration_s, read_file), &["process", "file", "times_s"]),
            other => {
                let at = t.place_of("process");
                let hint = did_you_mean(other, ARRIVAL_PROCESSES)
                    .map(|s| format!(" (did you mean {s:?}?)"))
                    .unwrap_or_default();
                self.error(
                    at,
                    format!("unknown arrival process {other:?}{hint}: use {}", ARRIVAL_PROCESSES.join(", ")),
                );
                (None, ARRIVAL_PROCESSES)
            }
        };
        if ARRIVAL_PROCESSES.contains(&process.as_str()) {
            let all_keys = ["rate_per_s", "count", "at_s", "over_s", "steps", "poisson", "every_s", "file", "times_s"];
            self.finish(&t, keys, &|k| all_keys.contains(&k).then(|| format!("does not apply to a {process} arrival")));
        }
        if self.error_count() > errors_before {
            return None;
        }
        arrival
    }

    pub(super) fn steps(&mut self, t: &mut Table<'_>) -> Option<Vec<(f64, f64)>> {
        let Some(n) = t.get("steps") else {
            self.error(t.at, "a step arrival needs `steps = [[t_s, rate_per_s], …]`");
            return None;
        };
        let Val::Array(items) = &n.val else {
            self.error(
                n.at,
                format!("`steps` must be an array of [t_s, rate_per_s] pairs, found {}", n.val.type_name()),
            );
            return None;
        };
        if items.is_empty() {
            self.error(n.at, "`steps` is empty: give at least one [t_s, rate_per_s] pair");
            return None;
        }
        let mut out = Vec::new();
        let mut last_t = -1.0;
        for item in items {
            match &item.val {
                Val::Array(pair) if pair.len() == 2 => {
                    let ts = self.num(&pair[0], "steps t_s", 0.0, 2_592_000.0, " s");
                    let r = self.num(&pair[1], "steps rate_per_s", 0.0, 10_000_000.0, " per second");
                    if let (Some(ts), Some(r)) = (ts, r) {
                        if ts <= last_t {
                            self.error(item.at, "`steps` times must increase");
                        }
                        last_t = ts;
                        out.push((ts, r));
                    }
                }
                _ => self.error(item.at, "each step must be a pair [t_s, rate_per_s]"),
            }
        }
        (out.len() == items.len()).then_some(out)
    }

    pub(super) fn trace(
        &mut self,
        t: &mut Table<'_>,
        duration_s: f64,
        read_file: &mut ReadFile<'_>,
    ) -> Option<Arrival> {
        let file_node = t.get("file");
        let inline = t.get("times_s");
        let mut times = Vec::new();
        let mut file = None;
        match (file_node, inline) {
            (Some(f), Some(_)) => {
                self.error(f.at, "give either `file` or `times_s`, not both");
                return None;
            }
            (None, None) => {
                self.error(
                    t.at,
                    "a trace arrival needs `file` (one arrival time in seconds per line) or `times_s = [...]`",
                );
                return None;
            }
            (None, Some(n)) => {
                let Val::Array(items) = &n.val else {
                    self.error(n.at, format!("`times_s` must be an array of seconds, found {}", n.val.type_name()));
                    return None;
                };
                for item in items {
                    times.push(self.num(item, "times_s", 0.0, 2_592_000.0, " s")?);
                }
            }
            (Some(n), None) => {
                let name = self.str(n, "file")?.to_owned();
                match read_file(&name) {
                    Err(why) => {
                        self.error(n.at, format!("cannot read trace file {name:?}: {why}"));
                        return None;
                    }
                    Ok((shown, text)) => times = self.trace_file(&shown, &text)?,
                }
                file = Some(name);
            }
        }
        times.sort_by(f64::total_cmp);
        let inside = times.iter().filter(|&&x| x < duration_s).count();
        if inside < times.len() {
            self.warning(
                t.at,
                format!(
                    "{} trace arrivals are at or after the scenario's duration ({duration_s} s) and are not emitted",
                    times.len() - inside
                ),
            );
            times.truncate(inside);
        }
        Some(Arrival::Trace { file, times_s: times })
    }

    /// One arrival time in seconds per line; blank lines and `#` comments
    /// are skipped; further comma- or space-separated fields are ignored.
    pub(super) fn trace_file(&mut self, shown: &str, text: &str) -> Option<Vec<f64>> {
        let mut out = Vec::new();
        let mut bad = 0;
        for (i, line) in text.lines().enumerate() {
            let content = line.split('#').next().unwrap_or("");
            let field = content.split([',', ' ', '\t', ';']).find(|s| !s.is_empty());
            let Some(field) = field else { continue };
            match field.parse::<f64>() {
                Ok(x) if x.is_finite() && x >= 0.0 => out.push(x),
                _ => {
                    bad += 1;
                    if bad <= 10 {
                        let column = line.find(field).map_or(1, |b| line[..b].chars().count() + 1);
                        self.diags.push(Diagnostic::error(
                            shown,
                            i + 1,
                            column,
                            format!("expected an arrival time in seconds (a number ≥ 0), found {field:?}"),
                        ));
                    }
                }
            }
        }
        (bad == 0).then_some(out)
    }
}
