//! Stream event source mappings (DynamoDB Streams, Kinesis): records keep
//! their order per shard (per lane, with a parallelization factor above 1).
//! Lambda polls each shard (Kinesis once a second, DynamoDB Streams four
//! times a second, DG) and invokes with up to `batch_size` records. A failing
//! batch blocks its lane and is retried until it succeeds, its retries run
//! out or its records expire; `bisect_on_error` splits a failing batch in two
//! (the split itself does not use up a retry) until the bad record is alone.

use std::collections::VecDeque;

use super::pool::Work;
use super::queue::Kind;
use super::{Detail, Engine, SECOND, sid};
use crate::sim::observe::{Destination, GiveUpReason, Moment, Outcome, ThrottleResponse};
use crate::sim::scenario::{SourceKind, StreamSettings};

const THROTTLE_BACKOFF_US: u64 = SECOND;

#[derive(Debug, Clone, Copy)]
pub(super) struct Rec {
    pub id: u64,
    pub arrival: u64,
    pub poison: bool,
    pub ran: bool,
    pub last_end: u64,
}

#[derive(Debug, Clone, Default)]
pub(super) struct Lane {
    pub records: VecDeque<Rec>,
    pub in_flight: bool,
    poll_pending: bool,
    /// Pending sub-batches of a failing batch, as (length, retries): the
    /// top is the next to run. Empty when the lane is healthy.
    pub stack: Vec<(u32, u32)>,
}

#[derive(Debug, Clone)]
pub(super) struct StreamState {
    pub cfg: StreamSettings,
    pub poll_us: u64,
    pub lanes: Vec<Lane>,
}

impl StreamState {
    pub fn new(cfg: StreamSettings, kind: SourceKind) -> Self {
        let poll_us = if kind == SourceKind::DynamodbStream { SECOND / 4 } else { SECOND };
        let lanes = (0..cfg.shards * cfg.parallelization_factor).map(|_| Lane::default()).collect();
        Self { cfg, poll_us, lanes }
    }

    /// Record `index` goes to shard index % shards, and within the shard to
    /// lane (index / shards) % parallelization (standing in for its partition key).
    fn lane_of(&self, index: u64) -> u32 {
        let shards = u64::from(self.cfg.shards);
        let shard = index % shards;
        let sub = (index / shards) % u64::from(self.cfg.parallelization_factor);
        (shard * u64::from(self.cfg.parallelization_factor) + sub) as u32
    }
}

impl Engine {
    fn stream(&mut self, src: usize) -> &mut StreamState {
        match &mut self.sources[src].detail {
            Detail::Stream(s) => s,
            _ => unreachable!("source {src} is a stream"),
        }
    }

    fn stream_ref(&self, src: usize) -> &StreamState {
        match &self.sources[src].detail {
            Detail::Stream(s) => s,
            _ => unreachable!("source {src} is a stream"),
        }
    }

    pub(super) fn stream_arrival(&mut self, src: usize, index: u64, id: u64, poison: bool) {
        let now = self.now;
        let st = self.stream(src);
        let lane = st.lane_of(index);
        st.lanes[lane as usize].records.push_back(Rec { id, arrival: now, poison, ran: false, last_end: 0 });
        // The next poll on the shard's schedule picks it up (1 µs after the
        // tick, so that records written at the same instant share a batch).
        let at = now.div_ceil(st.poll_us) * st.poll_us + 1;
        self.stream_schedule_poll(src, lane, at);
    }

    fn stream_schedule_poll(&mut self, src: usize, lane: u32, at: u64) {
        let l = &mut self.stream(src).lanes[lane as usize];
        if !l.in_flight && !l.poll_pending {
            l.poll_pending = true;
            self.queue.push(at, Kind::StreamPoll(sid(src), lane));
        }
    }

    pub(super) fn on_stream_poll(&mut self, src: usize, lane: u32) {
        let now = self.now;
        let st = self.stream(src);
        let (max_age, on_failure, batch_size) =
            (u64::from(st.cfg.max_record_age_s) * SECOND, st.cfg.on_failure, st.cfg.batch_size);
        let l = &mut st.lanes[lane as usize];
        l.poll_pending = false;
        if l.in_flight {
            return;
        }
        // Records past their maximum age are skipped.
        let mut expired = Vec::new();
        while l.records.front().is_some_and(|r| now - r.arrival >= max_age) {
            if let Some(r) = l.records.pop_front() {
                expired.push(r);
            }
            l.stack.clear();
        }
        let len = match l.stack.last() {
            Some(&(len, _)) => len.min(l.records.len() as u32),
            None => batch_size.min(l.records.len() as u32),
        };
        let retry = !l.stack.is_empty();
        let poisoned = l.records.iter().take(len as usize).any(|r| r.poison);
        for r in expired {
            let last_end = r.ran.then_some(r.last_end);
            self.give_up(
                r.id,
                src,
                r.arrival,
                last_end,
                GiveUpReason::MaxAge,
                Destination::from_on_failure(on_failure),
            );
        }
        if len == 0 {
            return;
        }
        match self.acquire() {
            Err(reason) => {
                let after_ms = THROTTLE_BACKOFF_US / 1000;
                self.throttle(src, reason, None, ThrottleResponse::StaysInSource { after_ms });
                self.stream_schedule_poll(src, lane, now + THROTTLE_BACKOFF_US);
            }
            Ok((env, cold)) => {
                self.stream(src).lanes[lane as usize].in_flight = true;
                let work = Work::Stream { src: sid(src), lane, len };
                self.start(env, cold, work, retry, len, poisoned);
            }
        }
    }

    pub(super) fn stream_done(&mut self, src: usize, lane: u32, len: u32, outcome: Outcome) {
        let now = self.now;
        let st = self.stream(src);
        let cfg = st.cfg;
        let poll_us = st.poll_us;
        let l = &mut st.lanes[lane as usize];
        l.in_flight = false;
        if outcome == Outcome::Success {
            let done: Vec<Rec> = l.records.drain(..len as usize).collect();
            l.stack.pop();
            let more = !l.records.is_empty();
            for r in done {
                self.record_latency(now - r.arrival);
                self.c.ev_succeeded += 1;
                self.outstanding -= 1;
            }
            if more {
                // A backlog is read again at once.
                self.stream_schedule_poll(src, lane, now);
            }
            return;
        }
        for r in l.records.iter_mut().take(len as usize) {
            r.ran = true;
            r.last_end = now;
        }
        if l.stack.is_empty() {
            l.stack.push((len, 0));
        }
        let shard = lane / cfg.parallelization_factor;
        let (top_len, retries) = *l.stack.last().unwrap_or(&(len, 0));
        let mut gone = Vec::new();
        let mut blocked = None;
        if cfg.bisect_on_error && top_len > 1 {
            l.stack.pop();
            let first = top_len.div_ceil(2);
            l.stack.push((top_len - first, 0));
            l.stack.push((first, 0));
        } else {
            let retries = retries + 1;
            if cfg.max_retry_attempts >= 0 && i64::from(retries) > cfg.max_retry_attempts {
                l.stack.pop();
                gone.extend(l.records.drain(..top_len as usize));
            } else {
                if let Some(top) = l.stack.last_mut() {
                    top.1 = retries;
                }
                let age = l.records.front().map_or(0.0, |r| (now - r.arrival) as f64 / 1000.0);
                blocked = Some((retries, age));
            }
        }
        if cfg.bisect_on_error && top_len > 1 {
            let to = top_len.div_ceil(2);
            self.narrate(|| Moment::Bisect { source: src, shard, from: top_len, to });
        }
        if let Some((retries, iterator_age_ms)) = blocked {
            self.narrate(|| Moment::ShardBlocked { source: src, shard, retries, iterator_age_ms });
        }
        for r in gone {
            let dest = Destination::from_on_failure(cfg.on_failure);
            self.give_up(r.id, src, r.arrival, Some(r.last_end), GiveUpReason::RetriesExhausted, dest);
        }
        let l = &self.stream(src).lanes[lane as usize];
        if !l.records.is_empty() {
            self.stream_schedule_poll(src, lane, now + poll_us);
        }
    }

    pub(super) fn stream_batch_events(&self, src: usize, lane: u32, len: u32) -> Vec<u64> {
        self.stream_ref(src).lanes[lane as usize].records.iter().take(len as usize).map(|r| r.id).collect()
    }
}
