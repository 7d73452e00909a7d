//! Synchronous sources (API Gateway, ALB): the caller waits. Before Lambda
//! sees a request, API Gateway's account throttle may answer 429 itself;
//! Lambda then applies its invocation-rate quota (10 × the concurrency cap
//! per second) and the concurrency and scaling limits. A refused request is
//! not retried; past API Gateway's integration timeout the client has a 504.

use super::pool::{Single, Work};
use super::{Detail, Engine, SECOND};
use crate::sim::observe::{Moment, Outcome, ThrottleReason, ThrottleResponse, TraceKind};
use crate::sim::scenario::SourceKind;

/// A token bucket of requests: `per_s` a second, at most `burst` at once.
/// Kept in millionths of a request, so refills are exact integers.
#[derive(Debug, Clone)]
pub(super) struct RateBucket {
    credit: u64,
    at: u64,
    per_s: u64,
    cap: u64,
}

impl RateBucket {
    /// Starts full.
    pub fn new(per_s: u64, burst: u64) -> Self {
        let cap = burst.max(1).saturating_mul(SECOND);
        Self { credit: cap, at: 0, per_s, cap }
    }

    /// Take one request's worth if the bucket holds it.
    #[inline]
    pub fn take(&mut self, now: u64) -> bool {
        let dt = now.saturating_sub(self.at);
        self.credit = self.credit.saturating_add(dt.saturating_mul(self.per_s)).min(self.cap);
        self.at = now;
        if self.credit >= SECOND {
            self.credit -= SECOND;
            true
        } else {
            false
        }
    }
}

impl Engine {
    pub(super) fn sync_arrival(&mut self, ev: Single) {
        let src = ev.src as usize;
        let api_gateway = self.sources[src].kind == SourceKind::ApiGateway;
        // API Gateway's own account throttle answers 429 before Lambda sees
        // the request.
        if api_gateway && !self.gateway_rps.take(self.now) {
            self.c.ev_gateway_throttled += 1;
            let kind = self.sources[src].kind;
            let response = ThrottleResponse::Refused { status: 429 };
            self.narrate(|| Moment::Throttled { source: src, kind, reason: ThrottleReason::ApiGatewayRate, response });
            self.trace(|| TraceKind::Throttle {
                source: src,
                kind: kind.id(),
                event: Some(ev.id),
                reason: ThrottleReason::ApiGatewayRate.id(),
            });
            self.outstanding -= 1;
            return;
        }
        // A function switched off (reserved 0) is refused for that reason.
        let admitted = if self.p.cap == 0 || self.lambda_rps.take(self.now) {
            self.acquire()
        } else {
            Err(ThrottleReason::RequestRate)
        };
        match admitted {
            Ok((env, cold)) => self.start(env, cold, Work::Single(ev), false, 1, ev.poison),
            Err(reason) => {
                // API Gateway turns Lambda's 429 into a 500 for its client
                // (DG services-apigateway-errors.html).
                let status = if api_gateway { 500 } else { 429 };
                self.throttle(src, reason, Some(ev.id), ThrottleResponse::Refused { status });
                self.c.ev_rejected += 1;
                self.outstanding -= 1;
            }
        }
    }

    pub(super) fn sync_done(&mut self, ev: Single, outcome: Outcome) {
        let latency = self.now - ev.arrival;
        self.record_latency(latency);
        let gateway_timeout = match self.sources[ev.src as usize].detail {
            Detail::Sync(Some(limit)) => latency > limit,
            _ => false,
        };
        // Past API Gateway's integration timeout the caller already has its
        // 504, whatever the function returns later.
        if gateway_timeout {
            self.c.gateway_504s += 1;
        } else {
            match outcome {
                Outcome::Success => self.c.ev_succeeded += 1,
                Outcome::Error => self.c.ev_failed += 1,
                Outcome::Timeout => self.c.ev_timed_out += 1,
            }
        }
        self.outstanding -= 1;
    }
}
