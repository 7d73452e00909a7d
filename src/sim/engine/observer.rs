//! What the engine records for an observer, when asked (see [`Options`]):
//! narration, trace records, the per-second series and recent invocations.
//! A headless run pays a branch for each.

use std::collections::VecDeque;

use super::pool::{self, Work};
use super::{Engine, FOLD_WITHIN_US, NARRATION_CAPACITY, RECENT_INVOCATIONS, SECOND};
use crate::sim::observe::{
    InvocationRecord, Moment, Narration, NarrationSince, Outcome, SeriesPoint, TraceKind, TraceRecord,
};
use crate::sim::scenario::SourceKind;
use crate::sim::stats::quantile_of;
use crate::sim::summary;

/// Per-second accumulators and ring buffers for an observer.
#[derive(Debug, Clone, Default)]
pub(super) struct Observer {
    pub(super) narration: VecDeque<Narration>,
    pub(super) narration_seq: u64,
    pub(super) recent: VecDeque<InvocationRecord>,
    pub(super) series: Vec<SeriesPoint>,
    pub(super) next_sample_us: u64,
    pub(super) sec_invocations: u32,
    pub(super) sec_cold: u32,
    pub(super) sec_throttles: u32,
    pub(super) sec_errors: u32,
    pub(super) sec_peak: u32,
    pub(super) sec_latencies: Vec<u64>,
}

impl Engine {
    // ---- observation ----------------------------------------------------

    /// Record a moment. A run of the same moment (same kind and source)
    /// within [`FOLD_WITHIN_US`] becomes one record with a count, so a burst
    /// of a thousand cold starts takes one slot of the ring, not all of it.
    #[inline]
    pub(super) fn narrate(&mut self, moment: impl FnOnce() -> Moment) {
        if let Some(o) = self.obs.as_deref_mut() {
            let now = self.now;
            let moment = moment();
            let seq = o.narration_seq;
            o.narration_seq += 1;
            if let Some(last) = o.narration.back_mut()
                && now - last.t_us <= FOLD_WITHIN_US
                && last.moment.fold_key() == moment.fold_key()
            {
                last.count += 1;
                last.t_us = now;
                last.moment = moment;
                return;
            }
            if o.narration.len() == NARRATION_CAPACITY {
                o.narration.pop_front();
            }
            o.narration.push_back(Narration { seq, count: 1, first_us: now, t_us: now, moment });
        }
    }

    #[inline]
    pub(super) fn trace(&mut self, what: impl FnOnce() -> TraceKind) {
        if let Some(t) = self.trace.as_mut() {
            t.push(TraceRecord { t_ms: self.now as f64 / 1000.0, what: what() });
        }
    }

    pub(super) fn work_source(work: &Work) -> usize {
        match *work {
            Work::Single(ev) => ev.src as usize,
            Work::Sqs { src, .. } | Work::Stream { src, .. } => src as usize,
            Work::None => 0,
        }
    }

    /// The event ids an invocation carries.
    pub(super) fn work_events(&self, work: &Work) -> Vec<u64> {
        match *work {
            Work::Single(ev) => vec![ev.id],
            Work::Sqs { src, batch } => self.sqs_batch_events(src as usize, batch),
            Work::Stream { src, lane, len } => self.stream_batch_events(src as usize, lane, len),
            Work::None => Vec::new(),
        }
    }

    pub(super) fn observe_invoke_end(&mut self, env: u32, job: &pool::Job, billed_ms: u64) {
        let timeout_s = self.p.timeout_s;
        let error = crate::sim::payload::runtime_error(job.outcome, timeout_s);
        let invocation = job.invocation;
        let duration_ms = job.run_us as f64 / 1000.0;
        let outcome = job.outcome;
        self.trace(|| TraceKind::InvokeEnd { env, invocation, outcome: outcome.id(), duration_ms, billed_ms, error });
        if self.obs.is_none() {
            return;
        }
        let source = Self::work_source(&job.work);
        let poison = match job.work {
            Work::Single(ev) => ev.poison,
            _ => false,
        };
        // API Gateway answers 502 for a function error or timeout
        // (DG services-apigateway-errors.html).
        let client_status = (self.sources[source].kind == SourceKind::ApiGateway).then_some(502);
        match outcome {
            Outcome::Timeout => self.narrate(|| Moment::Timeout { env, invocation, timeout_s, client_status }),
            Outcome::Error => {
                self.narrate(|| Moment::FunctionError { env, invocation, source, poison, client_status });
            }
            Outcome::Success => {}
        }
        let events = self.work_events(&job.work);
        let failed_items = self.failed_items(&job.work, outcome);
        let kind = self.sources[source].kind;
        let record = InvocationRecord {
            invocation,
            env,
            source,
            kind,
            first_event: events.first().copied().unwrap_or(0),
            events: events.len() as u32,
            start_us: job.start,
            init_us: job.init_us,
            end_us: self.now,
            cold: job.cold,
            retry: job.retry,
            outcome,
            failed_items,
        };
        if let Some(o) = self.obs.as_deref_mut() {
            o.sec_invocations += 1;
            if outcome != Outcome::Success {
                o.sec_errors += 1;
            }
            if o.recent.len() == RECENT_INVOCATIONS {
                o.recent.pop_front();
            }
            o.recent.push_back(record);
        }
    }

    /// Emit a series point for every whole second up to `t`.
    pub(super) fn sample_until(&mut self, t: u64) {
        loop {
            let next = match self.obs.as_deref() {
                Some(o) if o.next_sample_us <= t => o.next_sample_us,
                _ => return,
            };
            self.integrate(next);
            let cost = self.cost_at(next, false).total;
            let (busy, live) = (self.pool.busy, self.pool.live);
            let Some(o) = self.obs.as_deref_mut() else { return };
            let p50 = quantile_of(&mut o.sec_latencies, 0.5) as f64 / 1000.0;
            let p99 = quantile_of(&mut o.sec_latencies, 0.99) as f64 / 1000.0;
            o.series.push(SeriesPoint {
                t_s: next / SECOND - 1,
                concurrency: busy,
                concurrency_peak: o.sec_peak.max(busy),
                environments: live,
                invocations: o.sec_invocations,
                cold_starts: o.sec_cold,
                throttles: o.sec_throttles,
                errors: o.sec_errors,
                latency_p50_ms: p50,
                latency_p99_ms: p99,
                cost_usd: summary::round_to(cost, 9),
            });
            o.sec_invocations = 0;
            o.sec_cold = 0;
            o.sec_throttles = 0;
            o.sec_errors = 0;
            o.sec_peak = busy;
            o.sec_latencies.clear();
            o.next_sample_us += SECOND;
        }
    }

    /// Start or stop keeping trace records. The visualizer keeps them only
    /// around a single step, to say what that step was; a whole run's
    /// records would grow without bound.
    pub fn set_tracing(&mut self, on: bool) {
        if !on {
            self.trace = None;
        } else if self.trace.is_none() {
            self.trace = Some(Vec::new());
        }
    }

    /// Trace records collected since the last call (empty unless
    /// [`Options::trace`] is set).
    pub fn take_trace(&mut self) -> Vec<TraceRecord> {
        self.trace.as_mut().map(std::mem::take).unwrap_or_default()
    }

    /// The moments numbered `since` and later, oldest first (only with
    /// [`Options::observe`]). The last [`NARRATION_CAPACITY`] records are
    /// kept; [`NarrationSince::missed`] says how many moments were evicted
    /// before the caller took them, so nothing is dropped silently.
    pub fn narration_since(&self, since: u64) -> NarrationSince<'_> {
        let Some(o) = self.obs.as_deref() else { return NarrationSince { missed: 0, records: Vec::new() } };
        let missed = o.narration.front().map_or(0, |n| n.seq.saturating_sub(since));
        let records = o
            .narration
            .iter()
            .filter(|n| n.end_seq() > since)
            .map(|n| {
                let fresh = n.end_seq() - n.seq.max(since);
                (u32::try_from(fresh).unwrap_or(u32::MAX), n)
            })
            .collect();
        NarrationSince { missed, records }
    }

    /// One point per simulated second so far (only with [`Options::observe`]).
    pub fn series(&self) -> &[SeriesPoint] {
        self.obs.as_deref().map_or(&[], |o| &o.series)
    }

    /// The last [`RECENT_INVOCATIONS`] finished invocations, oldest first.
    pub fn recent_invocations(&self) -> impl Iterator<Item = &InvocationRecord> {
        self.obs.iter().flat_map(|o| o.recent.iter())
    }
}
