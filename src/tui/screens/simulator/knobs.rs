//! The knobs: runtime, memory, timeout, reserved and provisioned
//! concurrency, the arrival rate and the account's concurrency limit. Each
//! is a `--set`-style override on top of the scenario; changing one re-runs
//! the scenario from t = 0.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::format;
use crate::sim::scenario::{Arrival, Compute};
use crate::sim::{Override, Scenario, runtime};
use crate::tui::strings;
use crate::tui::theme::Theme;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Knob {
    Runtime,
    Memory,
    Timeout,
    Reserved,
    Provisioned,
    Arrivals,
    Account,
}

impl Knob {
    pub const ALL: [Knob; 7] =
        [Knob::Memory, Knob::Runtime, Knob::Timeout, Knob::Reserved, Knob::Provisioned, Knob::Account, Knob::Arrivals];

    fn label(self, short: bool) -> &'static str {
        match (self, short) {
            (Knob::Runtime, false) => strings::SIM_KNOB_RUNTIME,
            (Knob::Runtime, true) => strings::SIM_KNOB_RUNTIME_SHORT,
            (Knob::Account, false) => strings::SIM_KNOB_ACCOUNT,
            (Knob::Account, true) => strings::SIM_KNOB_ACCOUNT_SHORT,
            (Knob::Memory, false) => strings::SIM_KNOB_MEMORY,
            (Knob::Memory, true) => strings::SIM_KNOB_MEMORY_SHORT,
            (Knob::Timeout, _) => strings::SIM_KNOB_TIMEOUT,
            (Knob::Reserved, false) => strings::SIM_KNOB_RESERVED,
            (Knob::Reserved, true) => strings::SIM_KNOB_RESERVED_SHORT,
            (Knob::Provisioned, false) => strings::SIM_KNOB_PROVISIONED,
            (Knob::Provisioned, true) => strings::SIM_KNOB_PROVISIONED_SHORT,
            (Knob::Arrivals, false) => strings::SIM_KNOB_ARRIVALS,
            (Knob::Arrivals, true) => strings::SIM_KNOB_ARRIVALS_SHORT,
        }
    }
}

const MEMORY_MB: [u32; 12] = [128, 256, 512, 1024, 1536, 1769, 2048, 3008, 4096, 6144, 8192, 10_240];
const TIMEOUT_S: [u32; 12] = [1, 2, 3, 5, 10, 15, 30, 60, 120, 300, 600, 900];
const CONCURRENCY: [u32; 16] = [0, 1, 2, 5, 10, 20, 50, 100, 200, 300, 500, 1000, 2000, 5000, 10_000, 50_000];
/// Multipliers of every source's arrival rate.
pub const ARRIVAL_FACTORS: [f64; 7] = [0.1, 0.25, 0.5, 1.0, 2.0, 4.0, 10.0];
const UNIT_FACTOR: usize = 3;
/// Account concurrency limits: 1,000 is Lambda's default quota; raising it
/// is a quota request (tens of thousands are granted to large accounts).
const ACCOUNT_LIMIT: [u32; 11] = [200, 500, 1000, 2000, 3000, 5000, 10_000, 20_000, 30_000, 50_000, 100_000];

/// Knob settings; `None` keeps the scenario's own value.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Knobs {
    /// A runtime id of [`runtime::RUNTIMES`].
    pub runtime: Option<&'static str>,
    pub memory_mb: Option<u32>,
    pub timeout_s: Option<u32>,
    pub reserved: Option<u32>,
    pub provisioned: Option<u32>,
    /// Index into [`ARRIVAL_FACTORS`].
    pub arrivals: Option<usize>,
    pub account_limit: Option<u32>,
}

fn next_in(steps: &[u32], current: u32, up: bool) -> Option<u32> {
    if up { steps.iter().copied().find(|&s| s > current) } else { steps.iter().rev().copied().find(|&s| s < current) }
}

/// The runtimes the runtime knob goes through: every one the model knows,
/// or on Managed Instances those that can run there.
fn runtimes(base: &Scenario) -> Vec<&'static str> {
    let managed = base.function.compute == Compute::ManagedInstances;
    runtime::ids().filter(|id| !managed || runtime::managed_concurrency_per_vcpu(id).is_some()).collect()
}

impl Knobs {
    pub fn is_default(&self) -> bool {
        *self == Knobs::default()
    }

    pub fn is_set(&self, knob: Knob) -> bool {
        match knob {
            Knob::Runtime => self.runtime.is_some(),
            Knob::Account => self.account_limit.is_some(),
            Knob::Memory => self.memory_mb.is_some(),
            Knob::Timeout => self.timeout_s.is_some(),
            Knob::Reserved => self.reserved.is_some(),
            Knob::Provisioned => self.provisioned.is_some(),
            Knob::Arrivals => self.arrivals.is_some(),
        }
    }

    /// The most the function may reserve: 100 of the account limit (as the
    /// account knob sets it) must stay unreserved.
    fn reservable(&self, base: &Scenario) -> u32 {
        self.account_limit.unwrap_or(base.account.concurrency_limit).saturating_sub(100)
    }

    fn reserved_of(&self, base: &Scenario) -> Option<u32> {
        self.reserved.or(base.function.reserved_concurrency)
    }

    fn provisioned_of(&self, base: &Scenario) -> u32 {
        self.provisioned.unwrap_or(base.function.provisioned_concurrency)
    }

    fn factor_index(&self) -> usize {
        self.arrivals.unwrap_or(UNIT_FACTOR)
    }

    /// The settings after turning `knob` one step, or `None` when it is at
    /// its end. Values that equal the scenario's own go back to `None`.
    pub fn stepped(&self, knob: Knob, up: bool, base: &Scenario) -> Option<Knobs> {
        let f = &base.function;
        let mut k = self.clone();
        match knob {
            Knob::Runtime => {
                // A list without an order of size: it wraps around.
                let list = runtimes(base);
                let current = self.runtime.unwrap_or(f.runtime.as_str());
                let n = list.len();
                let next = match list.iter().position(|id| *id == current) {
                    Some(i) if up => list.get((i + 1) % n),
                    Some(i) => list.get((i + n - 1) % n),
                    // A runtime the model does not list (a file's own): start the list.
                    None => list.first(),
                }?;
                k.runtime = (*next != f.runtime).then_some(*next);
            }
            Knob::Account => {
                let current = self.account_limit.unwrap_or(base.account.concurrency_limit);
                let v = next_in(&ACCOUNT_LIMIT, current, up)?;
                k.account_limit = (v != base.account.concurrency_limit).then_some(v);
            }
            Knob::Memory => {
                let v = next_in(&MEMORY_MB, self.memory_mb.unwrap_or(f.memory_mb), up)?;
                k.memory_mb = (v != f.memory_mb).then_some(v);
            }
            Knob::Timeout => {
                let v = next_in(&TIMEOUT_S, self.timeout_s.unwrap_or(f.timeout_s), up)?;
                k.timeout_s = (v != f.timeout_s).then_some(v);
            }
            Knob::Reserved => {
                let top = self.reservable(base);
                let steps: Vec<u32> =
                    CONCURRENCY.iter().copied().filter(|&s| s < top).chain(std::iter::once(top)).collect();
                let v = match (self.reserved_of(base), up) {
                    // No reservation is above every value.
                    (None, true) => return None,
                    (None, false) => top,
                    (Some(r), true) if r >= top && f.reserved_concurrency.is_none() => {
                        k.reserved = None;
                        return Some(k.fit_provisioned(base));
                    }
                    (Some(r), up) => next_in(&steps, r, up)?,
                };
                k.reserved = (Some(v) != f.reserved_concurrency).then_some(v);
                k = k.fit_provisioned(base);
            }
            Knob::Provisioned => {
                let cap = self.reserved_of(base).unwrap_or_else(|| self.reservable(base));
                let steps: Vec<u32> =
                    CONCURRENCY.iter().copied().filter(|&s| s < cap).chain(std::iter::once(cap)).collect();
                let v = next_in(&steps, self.provisioned_of(base), up)?;
                k.provisioned = (v != f.provisioned_concurrency).then_some(v);
            }
            Knob::Arrivals => {
                let i = self.factor_index();
                let j = if up { (i + 1 < ARRIVAL_FACTORS.len()).then_some(i + 1)? } else { i.checked_sub(1)? };
                if !base.sources.iter().any(|s| !matches!(s.arrival, Arrival::Trace { .. })) {
                    return None;
                }
                k.arrivals = (j != UNIT_FACTOR).then_some(j);
            }
        }
        (k != *self).then_some(k)
    }

    /// These settings without the knob that sets `key` (a typed override of
    /// the same key takes its place).
    #[must_use]
    pub fn without_key(&self, key: &str) -> Knobs {
        let mut k = self.clone();
        match key {
            "function.runtime" => k.runtime = None,
            "function.memory_mb" => k.memory_mb = None,
            "function.timeout_s" => k.timeout_s = None,
            "function.reserved_concurrency" => k.reserved = None,
            "function.provisioned_concurrency" => k.provisioned = None,
            "account.concurrency_limit" => k.account_limit = None,
            key if key.starts_with("sources.") && key.contains(".arrival") => k.arrivals = None,
            _ => {}
        }
        k
    }

    /// Provisioned concurrency must fit inside the reserved concurrency.
    fn fit_provisioned(mut self, base: &Scenario) -> Knobs {
        if let Some(r) = self.reserved_of(base)
            && self.provisioned_of(base) > r
        {
            self.provisioned = Some(r);
        }
        if self.provisioned == Some(base.function.provisioned_concurrency) {
            self.provisioned = None;
        }
        self
    }

    /// The `--set` overrides these settings stand for, given the scenario
    /// they apply to (loaded with any `--set` of the command line).
    pub fn overrides(&self, base: &Scenario) -> Vec<Override> {
        let set = |key: &str, value: String| Override { key: key.to_owned(), value };
        let mut out = Vec::new();
        if let Some(r) = self.runtime {
            out.push(set("function.runtime", format!("\"{r}\"")));
        }
        if let Some(a) = self.account_limit {
            out.push(set("account.concurrency_limit", a.to_string()));
        }
        if let Some(m) = self.memory_mb {
            out.push(set("function.memory_mb", m.to_string()));
        }
        if let Some(t) = self.timeout_s {
            out.push(set("function.timeout_s", t.to_string()));
        }
        if let Some(r) = self.reserved {
            out.push(set("function.reserved_concurrency", r.to_string()));
        }
        if let Some(p) = self.provisioned {
            out.push(set("function.provisioned_concurrency", p.to_string()));
        }
        if let Some(i) = self.arrivals {
            let f = ARRIVAL_FACTORS[i.min(ARRIVAL_FACTORS.len() - 1)];
            for (n, source) in base.sources.iter().enumerate() {
                let key = |k: &str| format!("sources.{n}.arrival.{k}");
                match &source.arrival {
                    Arrival::Constant { rate_per_s } | Arrival::Poisson { rate_per_s } => {
                        out.push(set(&key("rate_per_s"), number(rate_per_s * f)));
                    }
                    Arrival::Step { steps, .. } => {
                        let list: Vec<String> =
                            steps.iter().map(|(t, r)| format!("[{}, {}]", number(*t), number(r * f))).collect();
                        out.push(set(&key("steps"), format!("[{}]", list.join(", "))));
                    }
                    Arrival::Burst { count, .. } => {
                        let scaled = ((*count as f64) * f).round().max(1.0) as u64;
                        out.push(set(&key("count"), scaled.to_string()));
                    }
                    Arrival::Schedule { every_s } => out.push(set(&key("every_s"), number(every_s / f))),
                    Arrival::Trace { .. } => {}
                }
            }
        }
        out
    }

    /// The knob's value in the scenario being run.
    pub fn value(&self, knob: Knob, scenario: &Scenario) -> String {
        let f = &scenario.function;
        match knob {
            Knob::Runtime => crate::text::sanitize(&f.runtime).into_owned(),
            Knob::Account => format::thousands(u64::from(scenario.account.concurrency_limit)),
            Knob::Memory => format!("{} MB", format::thousands(u64::from(f.memory_mb))),
            Knob::Timeout => format!("{} s", f.timeout_s),
            Knob::Reserved => f.reserved_concurrency.map_or_else(|| strings::SIM_NONE.to_owned(), |r| r.to_string()),
            Knob::Provisioned => f.provisioned_concurrency.to_string(),
            Knob::Arrivals => {
                if scenario.sources.iter().all(|s| matches!(s.arrival, Arrival::Trace { .. })) {
                    strings::SIM_TRACE_FIXED.to_owned()
                } else {
                    format!("×{}", ARRIVAL_FACTORS[self.factor_index().min(ARRIVAL_FACTORS.len() - 1)])
                }
            }
        }
    }
}

/// A number as TOML: integers without a fraction.
fn number(x: f64) -> String {
    let r = (x * 1e6).round() / 1e6;
    if r.fract() == 0.0 && r.abs() < 1e15 { format!("{}", r as i64) } else { format!("{r}") }
}

/// One line: each knob's name and value, the selected one highlighted,
/// changed ones marked; short labels when the line is narrow.
/// The knob bar: every knob with its value, the selected one marked. When
/// it does not fit, the labels shorten, then the key legend goes, then only
/// the knobs around the selected one are shown (`…` where more are): a knob
/// is never cut at the edge.
pub fn render(area: Rect, buf: &mut Buffer, theme: &Theme, knobs: &Knobs, scenario: &Scenario, selected: Knob) {
    let width = usize::from(area.width);
    let cells = |short: bool| -> Vec<Span<'static>> {
        let mut spans = Vec::new();
        for knob in Knob::ALL {
            let value = knobs.value(knob, scenario);
            let mark = if knobs.is_set(knob) { "*" } else { "" };
            let text = format!("{} {value}{mark}", knob.label(short));
            let style = if knob == selected {
                theme.selected
            } else if knobs.is_set(knob) {
                theme.accent
            } else {
                theme.base
            };
            let (open, close) = if knob == selected { ("◂", "▸") } else { (" ", " ") };
            spans.push(Span::styled(format!("{open}{text}{close}"), style));
        }
        spans
    };
    let legend = Span::styled(format!(" {} ", strings::SIM_KNOBS), theme.dim);
    let fits = |spans: &[Span<'_>]| spans.iter().map(Span::width).sum::<usize>() <= width;
    let mut chosen = None;
    for short in [false, true] {
        let mut spans = vec![legend.clone()];
        spans.extend(cells(short));
        if fits(&spans) {
            chosen = Some(spans);
            break;
        }
    }
    let spans = chosen.unwrap_or_else(|| {
        let all = cells(true);
        if fits(&all) { all } else { window(&all, Knob::ALL.iter().position(|&k| k == selected).unwrap_or(0), width) }
    });
    Paragraph::new(Line::from(spans)).render(area, buf);
}

/// The cells around `at` that fit in `width` with a `…` on each side that
/// has more; grows to the right first, then to the left.
fn window(cells: &[Span<'static>], at: usize, width: usize) -> Vec<Span<'static>> {
    let (mut lo, mut hi) = (at, at + 1);
    let cost = |lo: usize, hi: usize| {
        let ends = usize::from(lo > 0) + usize::from(hi < cells.len());
        cells[lo..hi].iter().map(Span::width).sum::<usize>() + ends
    };
    loop {
        if hi < cells.len() && cost(lo, hi + 1) <= width {
            hi += 1;
        } else if lo > 0 && cost(lo - 1, hi) <= width {
            lo -= 1;
        } else {
            break;
        }
    }
    let mut out = Vec::new();
    if lo > 0 {
        out.push(Span::raw("…"));
    }
    out.extend(cells[lo..hi].iter().cloned());
    if hi < cells.len() {
        out.push(Span::raw("…"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim;

    fn base(id: &str) -> Scenario {
        sim::load_preset(id, &[]).expect("preset").scenario
    }

    #[test]
    fn memory_steps_and_returns_to_the_scenario_value() {
        let b = base("api-flash-crowd");
        let k = Knobs::default().stepped(Knob::Memory, true, &b).expect("up");
        assert_eq!(k.memory_mb, Some(1024));
        assert_eq!(k.overrides(&b), [Override { key: "function.memory_mb".into(), value: "1024".into() }]);
        let back = k.stepped(Knob::Memory, false, &b).expect("down");
        assert!(back.is_default(), "512 MB is the scenario's own: no override");
        let mut k = Knobs::default();
        while let Some(next) = k.stepped(Knob::Memory, true, &b) {
            k = next;
        }
        assert_eq!(k.memory_mb, Some(10_240), "stops at the maximum");
    }

    #[test]
    fn reserved_goes_from_none_down_and_back_to_none() {
        let b = base("api-flash-crowd");
        assert_eq!(Knobs::default().stepped(Knob::Reserved, true, &b), None, "no reservation is the top");
        let k = Knobs::default().stepped(Knob::Reserved, false, &b).expect("down");
        assert_eq!(k.reserved, Some(900), "at most the account limit less 100");
        let k2 = k.stepped(Knob::Reserved, false, &b).expect("down");
        assert_eq!(k2.reserved, Some(500));
        let up = k2.stepped(Knob::Reserved, true, &b).expect("up").stepped(Knob::Reserved, true, &b).expect("up");
        assert!(up.is_default(), "{up:?}");
    }

    #[test]
    fn lowering_reserved_below_provisioned_lowers_provisioned_too() {
        let b = base("provisioned-concurrency");
        let mut k = Knobs::default();
        for _ in 0..8 {
            k = k.stepped(Knob::Reserved, false, &b).expect("down");
        }
        assert_eq!(k.reserved, Some(10));
        assert_eq!(k.provisioned, Some(10), "provisioned 20 must fit in reserved 10");
        let loaded = sim::load_preset("provisioned-concurrency", &k.overrides(&b)).expect("valid overrides");
        assert_eq!(loaded.scenario.function.provisioned_concurrency, 10);
    }

    #[test]
    fn arrivals_scale_every_kind_of_process() {
        for (id, factor_up) in [("api-flash-crowd", true), ("keep-alive-cliff", true), ("s3-upload-burst", false)] {
            let b = base(id);
            let k = Knobs::default().stepped(Knob::Arrivals, factor_up, &b).expect("step");
            let loaded = sim::load_preset(id, &k.overrides(&b)).expect("overrides load");
            let before = b.sources[0].arrival.expected_events(b.duration_s);
            let after = loaded.scenario.sources[0].arrival.expected_events(b.duration_s);
            let want = if factor_up { 2.0 } else { 0.5 };
            assert!((after / before - want).abs() < 0.05, "{id}: {before} → {after}");
        }
    }

    #[test]
    fn numbers_are_toml() {
        assert_eq!(number(300.0), "300");
        assert_eq!(number(0.25), "0.25");
        assert_eq!(number(1.0 / 3.0), "0.333333");
    }
}
