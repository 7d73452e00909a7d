//! Execution environments: a table indexed by environment id, a stack of idle
//! provisioned environments, and a deque of idle on-demand ones whose back is
//! the most recently used (it takes the next request) and whose front is the
//! oldest (it expires first), so only one expiry timer is ever needed.

use std::collections::VecDeque;

use crate::sim::observe::{EnvState, Outcome};

/// The scaling rate's period: a full bucket refills in 10 s, so one
/// environment's worth of credit takes this many µs at one environment per
/// period.
pub(super) const SCALING_REFILL_US: u64 = 10_000_000;

/// One event handled on its own (synchronous or asynchronous).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Single {
    pub id: u64,
    pub arrival: u64,
    pub src: u16,
    /// Handler runs so far.
    pub runs: u8,
    /// Throttled attempts since the last run (sets the backoff).
    pub throttles: u8,
    pub poison: bool,
    /// A second delivery of an event already delivered (at-least-once): it
    /// runs, is billed, and has no outcome of its own.
    pub dup: bool,
    /// End of the last handler run (valid when runs > 0).
    pub last_end: u64,
}

/// What an invocation is working on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Work {
    None,
    Single(Single),
    /// An SQS batch (index into the source's batch table).
    Sqs {
        src: u16,
        batch: u32,
    },
    /// The first `len` records of a stream lane.
    Stream {
        src: u16,
        lane: u32,
        len: u32,
    },
}

/// The invocation an environment is running.
#[derive(Debug, Clone, Copy)]
pub(super) struct Job {
    pub work: Work,
    pub invocation: u64,
    /// When the environment was handed the work (Init, if any, starts here).
    pub start: u64,
    /// Billed Init time (0 for a warm start).
    pub init_us: u64,
    /// Time in the invoke phase (the timeout when it timed out).
    pub run_us: u64,
    pub outcome: Outcome,
    pub cold: bool,
    pub retry: bool,
}

impl Default for Job {
    fn default() -> Self {
        Self {
            work: Work::None,
            invocation: 0,
            start: 0,
            init_us: 0,
            run_us: 0,
            outcome: Outcome::Success,
            cold: false,
            retry: false,
        }
    }
}

#[derive(Debug, Clone)]
pub(super) struct Env {
    pub state: EnvState,
    pub provisioned: bool,
    /// Reset after a timeout: the next invocation runs Init again.
    pub needs_init: bool,
    /// Past its maximum lifetime while busy: reclaim when the invoke ends.
    pub retire: bool,
    pub since: u64,
    pub job: Job,
}

#[derive(Debug, Clone, Default)]
pub(super) struct Pool {
    pub envs: Vec<Env>,
    /// Idle on-demand environments; back = most recently used. Entries whose
    /// environment is no longer idle (reclaimed at its lifetime) are skipped.
    pub idle: VecDeque<u32>,
    /// Idle provisioned environments (a stack: last = most recently used).
    pub prov_idle: Vec<u32>,
    /// The scaling rate as a token bucket, in environment·µs: a new
    /// environment costs `SCALING_REFILL_US`; the bucket holds at most
    /// `scale_per_10s` of them and refills `scale_per_10s` per 10 s,
    /// continuously (DG scaling-behavior.html).
    pub scale_credit: u64,
    /// When `scale_credit` was last topped up.
    pub scale_credit_at: u64,
    /// Environments initializing for or running an invocation.
    pub busy: u32,
    /// The on-demand part of `busy`.
    pub on_demand_busy: u32,
    /// Environments not reclaimed.
    pub live: u32,
    /// Whether an IdleExpiry event is in the queue.
    pub expiry_timer: bool,
}

impl Pool {
    pub fn add(&mut self, state: EnvState, provisioned: bool, now: u64) -> u32 {
        let id = self.envs.len() as u32;
        self.envs.push(Env { state, provisioned, needs_init: false, retire: false, since: now, job: Job::default() });
        self.live += 1;
        id
    }

    /// A Managed Instances request slot: a table entry that is not an
    /// environment of its own (the fleet counts those), so not `live`.
    pub fn add_slot(&mut self) -> u32 {
        let id = self.envs.len() as u32;
        self.envs.push(Env {
            state: EnvState::Idle,
            provisioned: true,
            needs_init: false,
            retire: false,
            since: 0,
            job: Job::default(),
        });
        id
    }

    /// The most recently used idle on-demand environment, if any.
    #[inline]
    pub fn pop_idle(&mut self) -> Option<u32> {
        while let Some(e) = self.idle.pop_back() {
            if self.envs[e as usize].state == EnvState::Idle {
                return Some(e);
            }
        }
        None
    }

    /// The oldest idle on-demand environment, skipping stale entries.
    pub fn oldest_idle(&mut self) -> Option<u32> {
        while let Some(&e) = self.idle.front() {
            if self.envs[e as usize].state == EnvState::Idle {
                return Some(e);
            }
            self.idle.pop_front();
        }
        None
    }

    /// Top the scaling bucket up to `now` and take one environment from it
    /// if it holds one. `per_10s` is both the refill per 10 s and the size.
    #[inline]
    pub fn take_scale_token(&mut self, now: u64, per_10s: u32) -> bool {
        self.refill(now, per_10s);
        if self.scale_credit >= SCALING_REFILL_US {
            self.scale_credit -= SCALING_REFILL_US;
            true
        } else {
            false
        }
    }

    /// Environments the bucket could create right now.
    pub fn scale_tokens(&self, now: u64, per_10s: u32) -> u32 {
        (Self::refilled(self.scale_credit, self.scale_credit_at, now, per_10s) / SCALING_REFILL_US) as u32
    }

    fn refill(&mut self, now: u64, per_10s: u32) {
        self.scale_credit = Self::refilled(self.scale_credit, self.scale_credit_at, now, per_10s);
        self.scale_credit_at = now;
    }

    /// Unused rate is not accrued: the bucket never holds more than one
    /// period's worth.
    fn refilled(credit: u64, at: u64, now: u64, per_10s: u32) -> u64 {
        let cap = u64::from(per_10s) * SCALING_REFILL_US;
        let dt = now.saturating_sub(at);
        credit.saturating_add(dt.saturating_mul(u64::from(per_10s))).min(cap)
    }
}
