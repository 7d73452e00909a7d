//! Asynchronous sources (S3, SNS, EventBridge, schedules): Lambda queues the
//! event and answers 202 at once. A throttled event stays queued and is
//! retried with backoff (1 s doubling up to 5 min, each delay jittered by
//! ±50 % so that events throttled together do not retry together) until its
//! maximum age; reserved concurrency 0 is such a throttle too (the DG's
//! general rule; no exception for it is documented). A function error is
//! retried `max_retry_attempts` times, 1 min and then 2 min later; then the
//! event goes to its DLQ or on-failure destination, else it is dropped.

use super::pool::{Single, Work};
use super::queue::Kind;
use super::{Detail, Engine, SECOND};
use crate::sim::observe::{Destination, GiveUpReason, Moment, Outcome, ThrottleResponse, TraceKind};
use crate::sim::scenario::AsyncSettings;

/// First throttle backoff; it doubles up to the cap.
const THROTTLE_BACKOFF_US: u64 = SECOND;
const THROTTLE_BACKOFF_CAP_US: u64 = 300 * SECOND;
/// Delay before the first and the second retry after a function error.
const ERROR_RETRY_DELAYS_US: [u64; 2] = [60 * SECOND, 120 * SECOND];

#[derive(Debug, Clone)]
pub(super) struct AsyncState {
    pub cfg: AsyncSettings,
    /// Events waiting for a retry (slab) and its free slots.
    pub waiting: Vec<Single>,
    pub free: Vec<u32>,
    pub waiting_after_error: u64,
    pub waiting_after_throttle: u64,
}

impl AsyncState {
    pub fn new(cfg: AsyncSettings) -> Self {
        Self { cfg, waiting: Vec::new(), free: Vec::new(), waiting_after_error: 0, waiting_after_throttle: 0 }
    }
}

impl Engine {
    fn async_state(&mut self, src: usize) -> &mut AsyncState {
        match &mut self.sources[src].detail {
            Detail::Async(a) => a,
            _ => unreachable!("source {src} is asynchronous"),
        }
    }

    pub(super) fn async_arrival(&mut self, ev: Single) {
        let src = ev.src as usize;
        let rate = self.async_state(src).cfg.duplicate_rate;
        let twice = rate > 0.0 && self.sources[src].dup_rng.chance(rate);
        self.async_attempt(ev);
        if twice {
            // The internal queue is eventually consistent: the same event
            // can be handed to the function twice (DG).
            self.c.duplicates += 1;
            self.outstanding += 1;
            self.async_attempt(Single { dup: true, ..ev });
        }
    }

    /// A duplicate copy ends without an outcome of its own.
    fn end_duplicate(&mut self) {
        self.outstanding -= 1;
    }

    fn async_attempt(&mut self, mut ev: Single) {
        let src = ev.src as usize;
        match self.acquire() {
            Ok((env, cold)) => {
                ev.throttles = 0;
                self.start(env, cold, Work::Single(ev), ev.runs > 0, 1, ev.poison);
            }
            Err(reason) => {
                let base = (THROTTLE_BACKOFF_US << ev.throttles.min(20)).min(THROTTLE_BACKOFF_CAP_US);
                // ±50 % jitter: the DG gives the schedule, not its exact
                // timing, and without jitter a burst retries in lockstep
                // while the function sits idle between waves.
                let delay = (base as f64 * (0.5 + self.retry_rng.unit())) as u64;
                ev.throttles = ev.throttles.saturating_add(1);
                let deadline = ev.arrival + u64::from(self.async_state(src).cfg.max_event_age_s) * SECOND;
                let response = if self.now + delay < deadline {
                    ThrottleResponse::RetryLater { after_ms: delay / 1000 }
                } else {
                    ThrottleResponse::NoRetry
                };
                self.throttle(src, reason, Some(ev.id), response);
                self.park(ev, (self.now + delay).min(deadline), true);
            }
        }
    }

    /// Keep an event in Lambda's internal queue until `at`.
    fn park(&mut self, ev: Single, at: u64, throttled: bool) {
        let a = self.async_state(ev.src as usize);
        let slot = if let Some(slot) = a.free.pop() {
            a.waiting[slot as usize] = ev;
            slot
        } else {
            a.waiting.push(ev);
            (a.waiting.len() - 1) as u32
        };
        if throttled {
            a.waiting_after_throttle += 1;
        } else {
            a.waiting_after_error += 1;
        }
        self.queue.push(at, Kind::AsyncRetry(ev.src, slot));
    }

    pub(super) fn on_async_retry(&mut self, src: usize, slot: u32) {
        let a = self.async_state(src);
        let ev = a.waiting[slot as usize];
        a.free.push(slot);
        if ev.throttles > 0 {
            a.waiting_after_throttle -= 1;
        } else {
            a.waiting_after_error -= 1;
        }
        let cfg = a.cfg;
        let deadline = ev.arrival + u64::from(cfg.max_event_age_s) * SECOND;
        if self.now >= deadline && ev.dup {
            self.end_duplicate();
            return;
        }
        if self.now >= deadline {
            let last_end = (ev.runs > 0).then_some(ev.last_end);
            self.give_up(
                ev.id,
                src,
                ev.arrival,
                last_end,
                GiveUpReason::MaxAge,
                Destination::from_on_failure(cfg.on_failure),
            );
            return;
        }
        self.async_attempt(ev);
    }

    pub(super) fn async_done(&mut self, mut ev: Single, outcome: Outcome) {
        let src = ev.src as usize;
        ev.runs = ev.runs.saturating_add(1);
        ev.last_end = self.now;
        if ev.dup {
            // The original carries the event's fate (and its retries).
            self.end_duplicate();
            return;
        }
        if outcome == Outcome::Success {
            self.record_latency(self.now - ev.arrival);
            self.c.ev_succeeded += 1;
            self.outstanding -= 1;
            return;
        }
        let cfg = self.async_state(src).cfg;
        let retries_used = ev.runs - 1;
        let dest = Destination::from_on_failure(cfg.on_failure);
        if retries_used >= cfg.max_retry_attempts {
            self.give_up(ev.id, src, ev.arrival, Some(ev.last_end), GiveUpReason::RetriesExhausted, dest);
            return;
        }
        let delay = ERROR_RETRY_DELAYS_US[usize::from(retries_used).min(1)];
        let deadline = ev.arrival + u64::from(cfg.max_event_age_s) * SECOND;
        let at = self.now + delay;
        if at >= deadline {
            // No time left for the retry: the event expires at its maximum age.
            self.park(ev, deadline.max(self.now), false);
            return;
        }
        let attempt = ev.runs;
        let (id, after_ms) = (ev.id, delay / 1000);
        self.narrate(|| Moment::Retry { event: id, source: src, attempt, after_ms });
        let at_ms = at as f64 / 1000.0;
        self.trace(|| TraceKind::Retry { event: id, source: src, attempt, at_ms });
        self.park(ev, at, false);
    }
}
