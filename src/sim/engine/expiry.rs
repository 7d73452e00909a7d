//! Idle environments expire after `idle_expiry_s`; every environment is
//! recycled at `max_lifetime_s` (when its invoke ends, if busy). One timer
//! watches the oldest idle environment.

use super::Engine;
use super::queue::Kind;
use crate::sim::observe::{EnvState, Moment, ReclaimReason, TraceKind};

impl Engine {
    /// Schedule an expiry check for the oldest idle environment.
    pub(super) fn arm_expiry_timer(&mut self) {
        if let Some(e) = self.pool.oldest_idle() {
            let at = self.pool.envs[e as usize].since + self.p.idle_expiry_us;
            self.queue.push(at, Kind::IdleExpiry);
            self.pool.expiry_timer = true;
        }
    }

    pub(super) fn on_idle_expiry(&mut self) {
        self.pool.expiry_timer = false;
        while let Some(e) = self.pool.oldest_idle() {
            if self.pool.envs[e as usize].since + self.p.idle_expiry_us > self.now {
                break;
            }
            self.pool.idle.pop_front();
            self.reclaim(e, ReclaimReason::IdleExpiry);
        }
        self.arm_expiry_timer();
    }

    pub(super) fn on_lifetime(&mut self, env: u32) {
        match self.pool.envs[env as usize].state {
            EnvState::Reclaimed => {}
            // Its entry in the idle deque goes stale and is skipped.
            EnvState::Idle => self.reclaim(env, ReclaimReason::MaxLifetime),
            EnvState::Busy | EnvState::Initializing => self.pool.envs[env as usize].retire = true,
        }
    }

    pub(super) fn reclaim(&mut self, env: u32, reason: ReclaimReason) {
        let now = self.now;
        let e = &mut self.pool.envs[env as usize];
        let idle_ms = if e.state == EnvState::Idle { (now - e.since) as f64 / 1000.0 } else { 0.0 };
        e.state = EnvState::Reclaimed;
        e.since = now;
        self.pool.live -= 1;
        self.narrate(|| Moment::Reclaimed { env, reason, idle_ms });
        self.trace(|| TraceKind::Expiry { env, reason: reason.id() });
    }
}
