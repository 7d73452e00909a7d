//! Other functions of the same account (`[[neighbours]]`), as load on the
//! shared concurrency pool. The engine simulates one function in full; a
//! neighbour only takes one unit of the account's concurrency per invocation
//! for its duration, or is throttled when no unit is left to it. Its
//! environments, cold starts and scaling rate are not simulated.
//!
//! The pool, as the DG describes it ("Configuring reserved concurrency";
//! PutFunctionConcurrency): a reserved concurrency R is set aside for its
//! function whether it is used or not, and caps it at R; every function
//! without one shares what is left, `concurrency_limit − Σ R`.

use super::queue::Kind;
use super::{Engine, sid};
use crate::sim::arrivals::Arrivals;
use crate::sim::dist::Dist;
use crate::sim::rng::Rng;
use crate::sim::scenario::Scenario;
use crate::sim::summary::NeighbourSummary;

#[derive(Debug, Clone)]
struct Neighbour {
    name: String,
    arrivals: Arrivals,
    rng: Rng,
    duration: Dist,
    reserved: Option<u32>,
    busy: u32,
    events: u64,
    invocations: u64,
    throttled: u64,
    peak: u32,
}

#[derive(Debug, Clone, Default)]
pub(super) struct Neighbours {
    list: Vec<Neighbour>,
    /// Concurrency the scenario's function cannot have right now because of
    /// its neighbours: their reservations plus the unreserved neighbours'
    /// invocations in flight. Zero when the function has a reservation of its
    /// own (nobody else can touch it). The one number the hot path reads.
    pub taken: u32,
    /// The function's own reservation, if any.
    main_reserved: Option<u32>,
    /// `concurrency_limit − Σ` every reservation, the function's included:
    /// what the unreserved functions share.
    unreserved_pool: u32,
    /// Invocations in flight of the unreserved neighbours.
    unreserved_busy: u32,
}

impl Neighbours {
    pub fn new(scenario: &Scenario, seed: u64) -> Self {
        let list: Vec<Neighbour> = scenario
            .neighbours
            .iter()
            .enumerate()
            .map(|(i, n)| Neighbour {
                name: n.name.clone(),
                arrivals: Arrivals::new(&n.arrival, scenario.duration_s),
                // Streams of their own, so a neighbour moves no draw of the
                // function's.
                rng: Rng::new(seed, 1000 + i as u64),
                duration: n.duration_ms,
                reserved: n.reserved_concurrency,
                busy: 0,
                events: 0,
                invocations: 0,
                throttled: 0,
                peak: 0,
            })
            .collect();
        let main_reserved = scenario.function.reserved_concurrency;
        let neighbours_reserved: u32 = list.iter().filter_map(|n| n.reserved).sum();
        let limit = scenario.account.concurrency_limit;
        let unreserved_pool = limit.saturating_sub(neighbours_reserved + main_reserved.unwrap_or(0));
        let taken = if main_reserved.is_some() { 0 } else { neighbours_reserved };
        Self { list, taken, main_reserved, unreserved_pool, unreserved_busy: 0 }
    }

    pub fn summary(&self) -> Vec<NeighbourSummary> {
        self.list
            .iter()
            .map(|n| NeighbourSummary {
                name: n.name.clone(),
                reserved_concurrency: n.reserved,
                events: n.events,
                invocations: n.invocations,
                throttled: n.throttled,
                concurrency_peak: n.peak,
            })
            .collect()
    }
}

/// One neighbour's use of the shared pool at this moment (for the
/// visualizer's Flow box).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NeighbourUse {
    pub name: String,
    /// Its invocations in flight: units of the account's concurrency.
    pub in_use: u32,
    pub reserved: Option<u32>,
}

impl Engine {
    /// Each neighbour's concurrency now, in the scenario's order.
    pub fn neighbours_in_use(&self) -> Vec<NeighbourUse> {
        self.nb
            .list
            .iter()
            .map(|n| NeighbourUse { name: n.name.clone(), in_use: n.busy, reserved: n.reserved })
            .collect()
    }

    /// Schedule each neighbour's first arrival.
    pub(super) fn neighbours_start(&mut self) {
        for i in 0..self.nb.list.len() {
            let n = &mut self.nb.list[i];
            if let Some(t) = n.arrivals.next(&mut n.rng) {
                self.queue.push(t, Kind::NeighbourArrival(sid(i)));
            }
        }
    }

    pub(super) fn on_neighbour_arrival(&mut self, i: usize) {
        let now = self.now;
        // The scenario's function's share of the pool: its reservation, set
        // aside whether used or not, else what it holds now (provisioned
        // environments count whether busy or idle).
        let main_holds = self.p.provisioned + self.pool.on_demand_busy;
        let nb = &mut self.nb;
        let n = &mut nb.list[i];
        n.events += 1;
        if let Some(t) = n.arrivals.next(&mut n.rng) {
            self.queue.push(t, Kind::NeighbourArrival(sid(i)));
        }
        // A reserved neighbour has its own units; the others share what no
        // reservation holds with the function, unless it has its own too.
        let main = if nb.main_reserved.is_some() { 0 } else { main_holds };
        let admitted = n.reserved.map_or(main + nb.unreserved_busy < nb.unreserved_pool, |r| n.busy < r);
        if !admitted {
            n.throttled += 1;
            return;
        }
        n.invocations += 1;
        n.busy += 1;
        n.peak = n.peak.max(n.busy);
        let end = now + n.duration.sample_us(&mut n.rng);
        if n.reserved.is_none() {
            nb.unreserved_busy += 1;
            if nb.main_reserved.is_none() {
                nb.taken += 1;
            }
        }
        self.queue.push(end, Kind::NeighbourEnd(sid(i)));
    }

    pub(super) fn on_neighbour_end(&mut self, i: usize) {
        let nb = &mut self.nb;
        let n = &mut nb.list[i];
        n.busy -= 1;
        if n.reserved.is_none() {
            nb.unreserved_busy -= 1;
            if nb.main_reserved.is_none() {
                nb.taken -= 1;
            }
        }
    }
}
