//! Read-only views of the engine's state for the visualizer.

use super::pool::Work;
use super::{Detail, Engine};
use crate::sim::observe::{ConcurrencyView, EnvState, EnvView, QueueView, ShardView};
use crate::sim::scenario::Scenario;
use crate::sim::summary::Summary;

/// Everything a frame of the visualizer draws, at one moment.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Snapshot {
    pub now_us: u64,
    pub finished: bool,
    pub environments: Vec<EnvView>,
    pub concurrency: ConcurrencyView,
    pub queues: Vec<QueueView>,
    pub summary: Summary,
    /// Managed Instances: each environment and how full it is.
    pub fleet: Option<super::FleetView>,
}

impl Engine {
    /// The whole state at once; environments reclaimed more than
    /// `reclaimed_within_us` ago are left out.
    pub fn snapshot(&self, reclaimed_within_us: u64) -> Snapshot {
        Snapshot {
            now_us: self.now,
            finished: self.finished,
            environments: self.environments(reclaimed_within_us).collect(),
            concurrency: self.concurrency(),
            queues: self.queues(),
            summary: self.summary(),
            fleet: self.fleet(),
        }
    }

    /// The Managed Instances fleet, if the function runs on one.
    pub fn fleet(&self) -> Option<super::FleetView> {
        self.mi.as_deref().map(super::managed::Fleet::view)
    }

    /// Every environment that is live, or was reclaimed within the last
    /// `reclaimed_within_us` (so the grid can show it fading out).
    pub fn environments(&self, reclaimed_within_us: u64) -> impl Iterator<Item = EnvView> + '_ {
        let now = self.now;
        // Managed Instances slots are not environments: see `fleet`.
        let slots = self.mi.is_some();
        self.pool.envs.iter().enumerate().filter_map(move |(id, e)| {
            if slots {
                return None;
            }
            if e.state == EnvState::Reclaimed && now.saturating_sub(e.since) > reclaimed_within_us {
                return None;
            }
            let invocation = match e.state {
                EnvState::Busy | EnvState::Initializing if e.job.work != Work::None => Some(e.job.invocation),
                _ => None,
            };
            Some(EnvView {
                id: id as u32,
                state: e.state,
                since_us: e.since,
                provisioned: e.provisioned,
                invocation,
                needs_init: e.needs_init,
            })
        })
    }

    /// Concurrency in use and the limits that apply.
    pub fn concurrency(&self) -> ConcurrencyView {
        let used = self.p.scale_per_10s - self.pool.scale_tokens(self.now, self.p.scale_per_10s);
        ConcurrencyView {
            in_use: self.pool.busy,
            limit: self.p.cap,
            account_limit: self.scenario.account.concurrency_limit,
            reserved: self.scenario.function.reserved_concurrency,
            provisioned: self.p.provisioned,
            scaling_used: used,
            scale_per_10s: self.p.scale_per_10s,
        }
    }

    /// Waiting work, one entry per source, in the scenario's order.
    pub fn queues(&self) -> Vec<QueueView> {
        let now = self.now;
        self.sources
            .iter()
            .enumerate()
            .map(|(source, s)| match &s.detail {
                Detail::Sync(_) => QueueView::Sync { source, kind: s.kind },
                Detail::Async(a) => QueueView::Async {
                    source,
                    kind: s.kind,
                    waiting_after_error: a.waiting_after_error,
                    waiting_after_throttle: a.waiting_after_throttle,
                },
                Detail::Sqs(q) => QueueView::Sqs {
                    source,
                    backlog: q.ready.len() as u64,
                    in_flight: q.in_flight_msgs,
                    returning: q.returning,
                    pollers: q.pollers,
                    batches_in_flight: q.in_flight,
                    oldest_age_ms: q
                        .ready
                        .front()
                        .map_or(0.0, |&m| now.saturating_sub(q.msgs[m as usize].arrival) as f64 / 1000.0),
                },
                Detail::Stream(st) => QueueView::Stream {
                    source,
                    kind: s.kind,
                    shards: st
                        .lanes
                        .iter()
                        .enumerate()
                        .map(|(i, l)| ShardView {
                            shard: i as u32 / st.cfg.parallelization_factor,
                            lane: i as u32 % st.cfg.parallelization_factor,
                            backlog: l.records.len() as u64,
                            iterator_age_ms: l
                                .records
                                .front()
                                .map_or(0.0, |r| now.saturating_sub(r.arrival) as f64 / 1000.0),
                            in_flight: l.in_flight,
                            blocked: !l.stack.is_empty(),
                            retries: l.stack.last().map_or(0, |s| s.1),
                        })
                        .collect(),
                },
            })
            .collect()
    }
}

/// Where the run is: plain accessors, kept here so that engine.rs holds the
/// event loop and the rules.
impl Engine {
    /// Simulated time now, in microseconds.
    pub fn now_us(&self) -> u64 {
        self.now
    }

    /// Simulated time now, in milliseconds.
    pub fn now_ms(&self) -> f64 {
        self.now as f64 / 1000.0
    }

    /// Whether every event has reached its final outcome (and the scenario's
    /// duration has passed).
    pub fn is_finished(&self) -> bool {
        self.finished
    }

    /// The scenario being run.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// Events in the queue (for diagnostics and benchmarks).
    pub fn queue_len(&self) -> usize {
        self.queue.len()
    }
}
