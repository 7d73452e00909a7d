//! SQS event source mapping: messages wait in the queue; pollers (5
//! concurrent batches at first, +300 a minute while there is a backlog, at
//! most 1,000 or `maximum_concurrency`) take batches of up to `batch_size`,
//! waiting up to `batching_window_s` for a full one. A failed batch returns
//! to the queue when its visibility timeout ends (only the failed messages
//! with `report_batch_item_failures`); a message received
//! `max_receive_count` times goes to the queue's DLQ. A throttled invoke
//! does not give the messages back: they were received (their receive count
//! rose), Lambda retries the invoke with backoff until the visibility
//! timeout ends, and then they return to the queue — where a message
//! received `max_receive_count` times goes to the DLQ without ever failing.
//! Each throttle also takes one poller away (the mapping backs off).

use std::collections::VecDeque;

use super::pool::Work;
use super::queue::Kind;
use super::{Detail, Engine, SECOND, sid};
use crate::sim::observe::{Destination, GiveUpReason, Moment, Outcome, ThrottleResponse};
use crate::sim::scenario::SqsSettings;

const INITIAL_POLLERS: u32 = 5;
/// Provisioned mode: each poller runs up to 10 batches at once, and the
/// mapping adds up to 1,000 concurrent batches a minute (≈ 17 a second).
const BATCHES_PER_POLLER: u32 = 10;
const PROVISIONED_PER_SECOND: u32 = 17;
/// +300 concurrent batches a minute, applied as +5 each second.
const POLLERS_PER_SECOND: u32 = 5;
/// First retry of a throttled batch; it doubles up to the cap (and never
/// past the batch's visibility timeout).
const THROTTLE_RETRY_US: u64 = SECOND;
const THROTTLE_RETRY_CAP_US: u64 = 60 * SECOND;
/// The fewest pollers throttles can back the mapping off to.
const MIN_POLLERS: u32 = 2;
/// Pollers long-poll, so a message is seen at once; the 1 µs delay lets
/// every message sent at the same instant land in the same batches.
const PICKUP_DELAY_US: u64 = 1;

#[derive(Debug, Clone, Copy)]
pub(super) struct Msg {
    pub id: u64,
    pub arrival: u64,
    pub receives: u32,
    pub poison: bool,
    /// Whether a handler has run it (a throttled receive is no run).
    pub ran: bool,
    /// A second copy of a message already sent (at-least-once delivery):
    /// it runs and has no outcome of its own.
    pub dup: bool,
    pub last_end: u64,
}

#[derive(Debug, Clone, Default)]
pub(super) struct Batch {
    pub msgs: Vec<u32>,
    pub received: u64,
    /// Throttled invoke attempts of this batch so far.
    pub throttles: u32,
}

#[derive(Debug, Clone)]
pub(super) struct SqsState {
    pub cfg: SqsSettings,
    pub msgs: Vec<Msg>,
    free_msgs: Vec<u32>,
    /// Visible messages, oldest first.
    pub ready: VecDeque<u32>,
    pub batches: Vec<Batch>,
    free_batches: Vec<u32>,
    pub pollers: u32,
    pub in_flight: u32,
    pub in_flight_msgs: u64,
    /// Messages of failed batches waiting out their visibility timeout.
    pub returning: u64,
    window_deadline: Option<u64>,
    tick_pending: bool,
    pickup_pending: bool,
}

impl SqsState {
    pub fn new(cfg: SqsSettings) -> Self {
        Self {
            cfg,
            msgs: Vec::new(),
            free_msgs: Vec::new(),
            ready: VecDeque::new(),
            batches: Vec::new(),
            free_batches: Vec::new(),
            pollers: Self::scaling(&cfg).0,
            in_flight: 0,
            in_flight_msgs: 0,
            returning: 0,
            window_deadline: None,
            tick_pending: false,
            pickup_pending: false,
        }
    }

    /// (floor, step per second, ceiling) of concurrent batches: standard
    /// mode starts at 5 and adds 5 a second up to `maximum_concurrency`;
    /// provisioned mode keeps its minimum pollers' worth ready and adds
    /// about 17 a second up to its maximum pollers' worth.
    fn scaling(cfg: &SqsSettings) -> (u32, u32, u32) {
        match cfg.provisioned_pollers {
            Some((min, max)) => (min * BATCHES_PER_POLLER, PROVISIONED_PER_SECOND, max * BATCHES_PER_POLLER),
            None => (INITIAL_POLLERS.min(cfg.maximum_concurrency), POLLERS_PER_SECOND, cfg.maximum_concurrency),
        }
    }

    fn alloc_msg(&mut self, m: Msg) -> u32 {
        if let Some(i) = self.free_msgs.pop() {
            self.msgs[i as usize] = m;
            i
        } else {
            self.msgs.push(m);
            (self.msgs.len() - 1) as u32
        }
    }

    fn alloc_batch(&mut self, received: u64) -> u32 {
        if let Some(i) = self.free_batches.pop() {
            let b = &mut self.batches[i as usize];
            b.msgs.clear();
            b.received = received;
            b.throttles = 0;
            i
        } else {
            self.batches.push(Batch { msgs: Vec::new(), received, throttles: 0 });
            (self.batches.len() - 1) as u32
        }
    }

    fn has_work(&self) -> bool {
        !self.ready.is_empty() || self.in_flight > 0 || self.returning > 0
    }
}

impl Engine {
    fn sqs(&mut self, src: usize) -> &mut SqsState {
        match &mut self.sources[src].detail {
            Detail::Sqs(q) => q,
            _ => unreachable!("source {src} is an SQS queue"),
        }
    }

    fn sqs_ref(&self, src: usize) -> &SqsState {
        match &self.sources[src].detail {
            Detail::Sqs(q) => q,
            _ => unreachable!("source {src} is an SQS queue"),
        }
    }

    pub(super) fn sqs_arrival(&mut self, src: usize, id: u64, poison: bool) {
        let now = self.now;
        let q = self.sqs(src);
        let m = q.alloc_msg(Msg { id, arrival: now, receives: 0, poison, ran: false, dup: false, last_end: 0 });
        q.ready.push_back(m);
        let rate = q.cfg.duplicate_rate;
        if rate > 0.0 && self.sources[src].dup_rng.chance(rate) {
            let q = self.sqs(src);
            let copy = q.alloc_msg(Msg { id, arrival: now, receives: 0, poison, ran: false, dup: true, last_end: 0 });
            q.ready.push_back(copy);
            self.c.duplicates += 1;
            self.outstanding += 1;
        }
        let q = self.sqs(src);
        let pickup = !q.pickup_pending;
        q.pickup_pending = true;
        if pickup {
            self.queue.push(now + PICKUP_DELAY_US, Kind::SqsPoll(sid(src)));
        }
        self.sqs_ensure_tick(src);
    }

    pub(super) fn on_sqs_poll(&mut self, src: usize) {
        self.sqs(src).pickup_pending = false;
        self.sqs_dispatch(src);
    }

    fn sqs_ensure_tick(&mut self, src: usize) {
        let at = self.now + SECOND;
        let q = self.sqs(src);
        if !q.tick_pending {
            q.tick_pending = true;
            self.queue.push(at, Kind::SqsTick(sid(src)));
        }
    }

    /// Poller scaling, once a second while the queue has work.
    pub(super) fn on_sqs_tick(&mut self, src: usize) {
        let q = self.sqs(src);
        q.tick_pending = false;
        let (floor, step, cap) = SqsState::scaling(&q.cfg);
        let before = q.pollers;
        if !q.ready.is_empty() && q.in_flight >= q.pollers {
            q.pollers = (q.pollers + step).min(cap);
        } else if q.ready.is_empty() && q.in_flight < q.pollers {
            q.pollers = q.pollers.saturating_sub(step).max(floor);
        }
        let (pollers, has_work) = (q.pollers, q.has_work());
        self.c.pollers_peak = self.c.pollers_peak.max(pollers);
        if pollers > before && (pollers % 50 == 0 || pollers == cap) {
            self.narrate(|| Moment::PollersScaled { source: src, pollers });
        }
        if has_work {
            self.sqs_ensure_tick(src);
        }
        self.sqs_dispatch(src);
    }

    /// Start as many batches as pollers, messages and concurrency allow.
    pub(super) fn sqs_dispatch(&mut self, src: usize) {
        let now = self.now;
        self.c.pollers_peak = self.c.pollers_peak.max(self.sqs_ref(src).pollers);
        loop {
            let q = self.sqs(src);
            if q.in_flight >= q.pollers || q.ready.is_empty() {
                return;
            }
            let batch_size = q.cfg.batch_size as usize;
            if q.cfg.batching_window_s > 0.0 && q.ready.len() < batch_size {
                match q.window_deadline {
                    None => {
                        let at = now + (q.cfg.batching_window_s * SECOND as f64).round() as u64;
                        q.window_deadline = Some(at);
                        self.queue.push(at, Kind::SqsPoll(sid(src)));
                        return;
                    }
                    Some(d) if now < d => return,
                    Some(_) => {}
                }
            }
            // Take the batch first; drop messages past the retention period.
            let retention = u64::from(q.cfg.message_retention_s) * SECOND;
            let b = q.alloc_batch(now);
            let mut expired = Vec::new();
            while q.batches[b as usize].msgs.len() < batch_size {
                let Some(m) = q.ready.pop_front() else { break };
                if now - q.msgs[m as usize].arrival >= retention {
                    expired.push(m);
                } else {
                    q.batches[b as usize].msgs.push(m);
                }
            }
            for m in expired {
                self.sqs_give_up(src, m, GiveUpReason::Retention, Destination::Dropped);
            }
            let q = self.sqs(src);
            let count = q.batches[b as usize].msgs.len();
            if count == 0 {
                q.free_batches.push(b);
                continue;
            }
            q.window_deadline = None;
            // Received: each message's receive count rises now, whether or
            // not the invoke goes through.
            let mut retry = false;
            for &m in &q.batches[b as usize].msgs {
                let msg = &mut q.msgs[m as usize];
                msg.receives += 1;
                retry |= msg.receives > 1;
            }
            q.in_flight += 1;
            q.in_flight_msgs += count as u64;
            if !self.sqs_invoke(src, b, retry) {
                return;
            }
        }
    }

    /// Invoke the function with a received batch. A throttle keeps the batch
    /// received and schedules a retry; returns whether the invoke started.
    fn sqs_invoke(&mut self, src: usize, b: u32, retry: bool) -> bool {
        let now = self.now;
        match self.acquire() {
            Err(reason) => {
                let q = self.sqs(src);
                let visible_at = q.batches[b as usize].received + u64::from(q.cfg.visibility_timeout_s) * SECOND;
                let throttles = q.batches[b as usize].throttles;
                q.batches[b as usize].throttles += 1;
                let delay = (THROTTLE_RETRY_US << throttles.min(20)).min(THROTTLE_RETRY_CAP_US);
                let at = (now + delay).min(visible_at.max(now));
                // The mapping backs off: one poller fewer per throttle.
                let cap = SqsState::scaling(&q.cfg).2;
                q.pollers = q.pollers.saturating_sub(1).max(MIN_POLLERS.min(cap));
                self.queue.push(at, Kind::SqsRetry(sid(src), b));
                let response = ThrottleResponse::BatchHeld {
                    retry_after_ms: (at - now) / 1000,
                    visible_after_ms: visible_at.saturating_sub(now) / 1000,
                };
                self.throttle(src, reason, None, response);
                false
            }
            Ok((env, cold)) => {
                let q = self.sqs(src);
                let poisoned = q.batches[b as usize].msgs.iter().any(|&m| q.msgs[m as usize].poison);
                let count = q.batches[b as usize].msgs.len() as u32;
                // With a partial batch response the handler reports
                // poison messages instead of throwing.
                let throws = poisoned && !q.cfg.report_batch_item_failures;
                let work = Work::Sqs { src: sid(src), batch: b };
                self.start(env, cold, work, retry, count, throws);
                true
            }
        }
    }

    /// A throttled batch's retry: invoke again, or, once its visibility
    /// timeout has ended, give its messages back to the queue.
    pub(super) fn on_sqs_retry(&mut self, src: usize, b: u32) {
        let now = self.now;
        let q = self.sqs(src);
        let visible_at = q.batches[b as usize].received + u64::from(q.cfg.visibility_timeout_s) * SECOND;
        if now >= visible_at {
            let n = q.batches[b as usize].msgs.len() as u64;
            q.in_flight -= 1;
            q.in_flight_msgs -= n;
            q.returning += n;
            self.on_sqs_return(src, b);
            return;
        }
        let retry = q.batches[b as usize].msgs.iter().any(|&m| q.msgs[m as usize].receives > 1);
        if self.sqs_invoke(src, b, retry) {
            self.sqs_dispatch(src);
        }
    }

    pub(super) fn sqs_done(&mut self, src: usize, b: u32, outcome: Outcome) {
        let now = self.now;
        let q = self.sqs(src);
        q.in_flight -= 1;
        let msgs = std::mem::take(&mut q.batches[b as usize].msgs);
        q.in_flight_msgs -= msgs.len() as u64;
        let partial_ok = outcome == Outcome::Success;
        let mut failed = Vec::new();
        let mut succeeded = Vec::new();
        for &m in &msgs {
            let msg = &mut q.msgs[m as usize];
            msg.last_end = now;
            msg.ran = true;
            if partial_ok && !msg.poison {
                succeeded.push(m);
            } else {
                failed.push(m);
            }
        }
        let total = msgs.len() as u32;
        let visible = q.batches[b as usize].received + u64::from(q.cfg.visibility_timeout_s) * SECOND;
        for m in succeeded {
            let q = self.sqs(src);
            let (arrival, dup) = (q.msgs[m as usize].arrival, q.msgs[m as usize].dup);
            q.free_msgs.push(m);
            if dup {
                self.outstanding -= 1;
                continue;
            }
            self.record_latency(now - arrival);
            self.c.ev_succeeded += 1;
            self.outstanding -= 1;
        }
        let q = self.sqs(src);
        if failed.is_empty() {
            q.batches[b as usize].msgs = msgs;
            q.free_batches.push(b);
        } else {
            let failed_count = failed.len() as u32;
            q.returning += u64::from(failed_count);
            q.batches[b as usize].msgs = failed;
            let at = visible.max(now);
            self.queue.push(at, Kind::SqsReturn(sid(src), b));
            if partial_ok {
                self.c.partial_batches += 1;
            } else {
                // A failing function makes the mapping back off, one poller
                // at a time (Operator Guide sqs-retries.html).
                let q = self.sqs(src);
                let cap = SqsState::scaling(&q.cfg).2;
                q.pollers = q.pollers.saturating_sub(1).max(MIN_POLLERS.min(cap));
            }
            let visible_after_ms = (at - now) / 1000;
            self.narrate(|| Moment::BatchReturned {
                source: src,
                failed: failed_count,
                total,
                visible_after_ms,
                partial: partial_ok,
            });
        }
        self.sqs_dispatch(src);
    }

    /// The visibility timeout of a failed batch ended.
    pub(super) fn on_sqs_return(&mut self, src: usize, b: u32) {
        let now = self.now;
        let q = self.sqs(src);
        let msgs = std::mem::take(&mut q.batches[b as usize].msgs);
        q.returning -= msgs.len() as u64;
        let (max_receives, retention) = (q.cfg.max_receive_count, u64::from(q.cfg.message_retention_s) * SECOND);
        for &m in &msgs {
            let q = self.sqs(src);
            let msg = q.msgs[m as usize];
            if max_receives > 0 && msg.receives >= max_receives {
                self.sqs_give_up(src, m, GiveUpReason::MaxReceiveCount, Destination::QueueDlq);
            } else if now - msg.arrival >= retention {
                self.sqs_give_up(src, m, GiveUpReason::Retention, Destination::Dropped);
            } else {
                q.ready.push_back(m);
            }
        }
        let q = self.sqs(src);
        q.batches[b as usize].msgs = msgs;
        q.free_batches.push(b);
        self.sqs_dispatch(src);
    }

    fn sqs_give_up(&mut self, src: usize, m: u32, reason: GiveUpReason, destination: Destination) {
        let q = self.sqs(src);
        let msg = q.msgs[m as usize];
        q.free_msgs.push(m);
        if msg.dup {
            self.outstanding -= 1;
            return;
        }
        let last_end = msg.ran.then_some(msg.last_end);
        self.give_up(msg.id, src, msg.arrival, last_end, reason, destination);
    }

    pub(super) fn sqs_batch_events(&self, src: usize, b: u32) -> Vec<u64> {
        let q = self.sqs_ref(src);
        q.batches[b as usize].msgs.iter().map(|&m| q.msgs[m as usize].id).collect()
    }

    /// Messages a successful handler reported as failed (partial batch response).
    pub(super) fn failed_items(&self, work: &Work, outcome: Outcome) -> u32 {
        match *work {
            Work::Sqs { src, batch } if outcome == Outcome::Success => {
                let q = self.sqs_ref(src as usize);
                q.batches[batch as usize].msgs.iter().filter(|&&m| q.msgs[m as usize].poison).count() as u32
            }
            _ => 0,
        }
    }
}
