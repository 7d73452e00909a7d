//! The event queue: a binary heap ordered by (time, sequence number). The
//! sequence number breaks ties in the order events were scheduled, so runs
//! are deterministic.
//!
//! Each source has at most one pending arrival, so arrivals wait in a small
//! per-source table beside the heap instead of in it: the heap then holds
//! only the few hundred events of running invocations, and the busiest
//! events skip a heap push and pop. Environment lifetimes all end a fixed
//! time after creation, so they arrive in time order and wait in a FIFO.
//! The order is the same (time, sequence) either way.

use std::cmp::Ordering;
use std::collections::{BinaryHeap, VecDeque};

/// What happens at a point in time. Small and `Copy`: everything else lives
/// in the engine's tables, indexed by these numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// The next arrival of source n.
    Arrival(u16),
    /// Init finished in this environment; its handler starts.
    InitEnd(u32),
    /// The handler in this environment finished (or timed out).
    InvokeEnd(u32),
    /// The oldest idle environment may have expired.
    IdleExpiry,
    /// This environment reached its maximum lifetime.
    Lifetime(u32),
    /// An asynchronous event (source, slot of its waiting table) tries again or expires.
    AsyncRetry(u16, u32),
    /// An SQS source's pollers look at the queue.
    SqsPoll(u16),
    /// A failed SQS batch's messages become visible again.
    SqsReturn(u16, u32),
    /// Once a second while an SQS source has work: poller scaling.
    SqsTick(u16),
    /// A throttled SQS batch (source, batch) tries its invoke again.
    SqsRetry(u16, u32),
    /// A stream lane is polled.
    StreamPoll(u16, u32),
    /// The Managed Instances scaler runs.
    ManagedScale,
    /// The next invocation of neighbour n (another function of the account).
    NeighbourArrival(u16),
    /// An invocation of neighbour n ends, freeing its unit of the pool.
    NeighbourEnd(u16),
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Ev {
    pub at: u64,
    seq: u64,
    pub kind: Kind,
}

impl PartialEq for Ev {
    fn eq(&self, other: &Self) -> bool {
        (self.at, self.seq) == (other.at, other.seq)
    }
}

impl Eq for Ev {}

impl PartialOrd for Ev {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Ev {
    /// Reversed, so the std max-heap pops the earliest event first.
    fn cmp(&self, other: &Self) -> Ordering {
        (other.at, other.seq).cmp(&(self.at, self.seq))
    }
}

#[derive(Debug, Clone, Default)]
pub(super) struct Queue {
    heap: BinaryHeap<Ev>,
    seq: u64,
    /// Each source's pending arrival as (time, sequence).
    arrivals: Vec<Option<(u64, u64)>>,
    /// The earliest of them: (time, sequence, source).
    first_arrival: Option<(u64, u64, u16)>,
    /// `Lifetime` events, in time order.
    lifetimes: VecDeque<Ev>,
}

impl Queue {
    #[inline]
    pub fn push(&mut self, at: u64, kind: Kind) {
        let seq = self.seq;
        self.seq += 1;
        if let Kind::Arrival(src) = kind {
            let i = usize::from(src);
            if self.arrivals.len() <= i {
                self.arrivals.resize(i + 1, None);
            }
            debug_assert!(self.arrivals[i].is_none(), "one pending arrival per source");
            self.arrivals[i] = Some((at, seq));
            if self.first_arrival.is_none_or(|(t, s, _)| (at, seq) < (t, s)) {
                self.first_arrival = Some((at, seq, src));
            }
        } else if matches!(kind, Kind::Lifetime(_)) && self.lifetimes.back().is_none_or(|b| b.at <= at) {
            self.lifetimes.push_back(Ev { at, seq, kind });
        } else {
            self.heap.push(Ev { at, seq, kind });
        }
    }

    /// The earliest of the heap's top and the lifetime FIFO's front, and
    /// whether it is the FIFO's.
    #[inline]
    fn first_timer(&self) -> Option<(Ev, bool)> {
        match (self.heap.peek(), self.lifetimes.front()) {
            (Some(h), Some(l)) => Some(if (l.at, l.seq) < (h.at, h.seq) { (*l, true) } else { (*h, false) }),
            (Some(h), None) => Some((*h, false)),
            (None, Some(l)) => Some((*l, true)),
            (None, None) => None,
        }
    }

    #[cfg(test)]
    pub fn pop(&mut self) -> Option<Ev> {
        self.pop_until(u64::MAX)
    }

    /// The earliest event, if it is due at or before `limit`.
    #[inline]
    pub fn pop_until(&mut self, limit: u64) -> Option<Ev> {
        let timer = self.first_timer();
        let arrival_first = match (self.first_arrival, timer) {
            (Some((t, s, _)), Some((top, _))) => (t, s) < (top.at, top.seq),
            (Some(_), None) => true,
            (None, _) => false,
        };
        if !arrival_first {
            return match timer {
                Some((ev, _)) if ev.at > limit => None,
                Some((_, true)) => self.lifetimes.pop_front(),
                _ => self.heap.pop(),
            };
        }
        let (at, seq, src) = self.first_arrival?;
        if at > limit {
            return None;
        }
        self.arrivals[usize::from(src)] = None;
        self.first_arrival = self
            .arrivals
            .iter()
            .enumerate()
            .filter_map(|(i, a)| a.map(|(t, s)| (t, s, super::sid(i))))
            .min_by_key(|&(t, s, _)| (t, s));
        Some(Ev { at, seq, kind: Kind::Arrival(src) })
    }

    #[inline]
    pub fn peek_time(&self) -> Option<u64> {
        let timer = self.first_timer().map(|(e, _)| e.at);
        match (self.first_arrival, timer) {
            (Some((t, ..)), Some(top)) => Some(t.min(top)),
            (Some((t, ..)), None) => Some(t),
            (None, top) => top,
        }
    }

    pub fn len(&self) -> usize {
        self.heap.len() + self.lifetimes.len() + self.arrivals.iter().filter(|a| a.is_some()).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn earliest_first_then_in_scheduling_order() {
        let mut q = Queue::default();
        q.push(5, Kind::IdleExpiry);
        q.push(1, Kind::Arrival(0));
        q.push(5, Kind::Arrival(1));
        q.push(1, Kind::Arrival(2));
        let order: Vec<(u64, Kind)> = std::iter::from_fn(|| q.pop().map(|e| (e.at, e.kind))).collect();
        assert_eq!(
            order,
            vec![(1, Kind::Arrival(0)), (1, Kind::Arrival(2)), (5, Kind::IdleExpiry), (5, Kind::Arrival(1))]
        );
    }

    #[test]
    fn arrivals_and_lifetimes_interleave_with_the_heap_by_time_then_sequence() {
        let mut q = Queue::default();
        q.push(10, Kind::Lifetime(1));
        q.push(3, Kind::Arrival(0));
        q.push(10, Kind::InvokeEnd(7));
        q.push(3, Kind::Arrival(1));
        q.push(12, Kind::Lifetime(2));
        q.push(2, Kind::IdleExpiry);
        assert_eq!(q.len(), 6);
        assert_eq!(q.peek_time(), Some(2));
        let order: Vec<Kind> = std::iter::from_fn(|| q.pop().map(|e| e.kind)).collect();
        assert_eq!(
            order,
            vec![
                Kind::IdleExpiry,
                Kind::Arrival(0),
                Kind::Arrival(1),
                Kind::Lifetime(1),
                Kind::InvokeEnd(7),
                Kind::Lifetime(2)
            ]
        );
    }

    #[test]
    fn nothing_is_popped_after_the_limit() {
        let mut q = Queue::default();
        q.push(10, Kind::IdleExpiry);
        q.push(20, Kind::Arrival(0));
        assert!(q.pop_until(9).is_none());
        assert_eq!(q.pop_until(10).map(|e| e.kind), Some(Kind::IdleExpiry));
        assert!(q.pop_until(19).is_none());
        assert_eq!(q.pop_until(20).map(|e| e.kind), Some(Kind::Arrival(0)));
    }

    #[test]
    fn events_are_small() {
        assert!(std::mem::size_of::<Ev>() <= 24, "{}", std::mem::size_of::<Ev>());
    }
}
