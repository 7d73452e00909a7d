//! Outcomes every source shares: a throttled attempt, an event given up on
//! (to a DLQ or destination, or dropped), an event's latency.

use super::Engine;
use crate::sim::observe::{Destination, GiveUpReason, Moment, ThrottleReason, ThrottleResponse, TraceKind};

impl Engine {
    pub(super) fn throttle(
        &mut self,
        src: usize,
        reason: ThrottleReason,
        event: Option<u64>,
        response: ThrottleResponse,
    ) {
        self.c.throttled += 1;
        match reason {
            ThrottleReason::Concurrency => self.c.thr_concurrency += 1,
            ThrottleReason::ScalingRate => self.c.thr_scaling += 1,
            ThrottleReason::ReservedZero => self.c.thr_reserved_zero += 1,
            ThrottleReason::RequestRate => self.c.thr_request_rate += 1,
            ThrottleReason::ManagedCapacity => self.c.thr_managed += 1,
            // Counted as an event outcome by the synchronous path; never here.
            ThrottleReason::ApiGatewayRate => {}
        }
        if let Some(o) = self.obs.as_deref_mut() {
            o.sec_throttles += 1;
        }
        let kind = self.sources[src].kind;
        self.narrate(|| Moment::Throttled { source: src, kind, reason, response });
        self.trace(|| TraceKind::Throttle { source: src, kind: kind.id(), event, reason: reason.id() });
    }

    /// An event reaches its end without success: to a DLQ or destination,
    /// or dropped. `last_end` is the end of its last handler run, if any.
    pub(super) fn give_up(
        &mut self,
        id: u64,
        src: usize,
        arrival: u64,
        last_end: Option<u64>,
        reason: GiveUpReason,
        destination: Destination,
    ) {
        if let Some(end) = last_end {
            self.record_latency(end - arrival);
        }
        if destination == Destination::Dropped {
            self.c.dropped += 1;
            self.trace(|| TraceKind::Drop { event: id, source: src, reason: reason.id() });
        } else {
            self.c.dead_lettered += 1;
            self.trace(|| TraceKind::DeadLetter { event: id, source: src, destination: destination.id() });
        }
        self.narrate(|| Moment::GaveUp { event: id, source: src, reason, destination });
        self.outstanding -= 1;
    }

    #[inline]
    pub(super) fn record_latency(&mut self, us: u64) {
        self.latency.record(us);
        if let Some(o) = self.obs.as_deref_mut() {
            o.sec_latencies.push(us);
        }
    }
}
