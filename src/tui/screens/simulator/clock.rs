//! Wall time → simulated time. The engine is stepped, not timed: while the
//! run plays, each tick turns the wall time since the last tick into
//! simulated time at the chosen speed, and the engine is advanced to it —
//! within a budget of events per tick, so a frame stays cheap even at
//! 10,000× on a busy scenario (the run then plays as fast as it can).
//!
//! The clock is injected: [`Playback::target`] takes the wall time as an
//! argument, so tests drive it with made-up instants.

use std::time::{Duration, Instant};

use crate::sim::Engine;

/// The speeds offered, in simulated seconds per wall second.
pub const SPEEDS: [f64; 16] =
    [0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0, 1000.0, 2000.0, 5000.0, 10_000.0];

/// How often a playing simulator is redrawn (about 30 frames a second).
pub const TICK: Duration = Duration::from_millis(33);

/// A longer gap between ticks (the help was open, the machine was busy)
/// counts as this much: the run never jumps ahead.
const MAX_FRAME: Duration = Duration::from_millis(100);

/// At most this many simulation events per tick (a few milliseconds).
pub const EVENTS_PER_TICK: u64 = 40_000;

/// A run's emitting phase should take about this long at the default speed.
const DEFAULT_WALL_S: f64 = 30.0;

#[derive(Debug, Clone)]
pub struct Playback {
    /// Index into [`SPEEDS`].
    pub speed: usize,
    pub playing: bool,
    /// The wall time of the last tick (none yet after starting to play).
    last: Option<Instant>,
    /// Where simulated time should be, in µs (ahead of the engine between events).
    pos_us: f64,
    /// The last tick hit the event budget: the run plays slower than asked.
    pub saturated: bool,
}

impl Playback {
    /// Paused at t = 0, at a speed that shows the scenario's emitting phase
    /// in about half a minute (never below real time).
    pub fn new(duration_s: f64) -> Self {
        let speed =
            SPEEDS.iter().position(|&s| s >= 1.0 && duration_s / s <= DEFAULT_WALL_S).unwrap_or(SPEEDS.len() - 1);
        Self { speed, playing: false, last: None, pos_us: 0.0, saturated: false }
    }

    pub fn factor(&self) -> f64 {
        SPEEDS[self.speed.min(SPEEDS.len() - 1)]
    }

    pub fn faster(&mut self) {
        self.speed = (self.speed + 1).min(SPEEDS.len() - 1);
    }

    pub fn slower(&mut self) {
        self.speed = self.speed.saturating_sub(1);
    }

    /// Start playing from the engine's time; the first tick only sets the
    /// wall clock's origin.
    pub fn play(&mut self, engine_now_us: u64) {
        self.playing = true;
        self.last = None;
        self.pos_us = engine_now_us as f64;
        self.saturated = false;
    }

    pub fn pause(&mut self) {
        self.playing = false;
        self.last = None;
        self.saturated = false;
    }

    /// Back to t = 0 (a new run), keeping the speed and whether it plays.
    pub fn rewind(&mut self) {
        self.last = None;
        self.pos_us = 0.0;
        self.saturated = false;
    }

    /// The simulated time to reach at wall time `now`, if playing.
    pub fn target(&mut self, now: Instant) -> Option<u64> {
        if !self.playing {
            return None;
        }
        let dt = self.last.map_or(Duration::ZERO, |last| now.saturating_duration_since(last).min(MAX_FRAME));
        self.last = Some(now);
        self.pos_us += dt.as_secs_f64() * 1e6 * self.factor();
        Some(self.pos_us as u64)
    }

    /// The engine could not keep up (or was stepped): continue from where it is.
    pub fn sync(&mut self, engine_now_us: u64, saturated: bool) {
        self.pos_us = engine_now_us as f64;
        self.saturated = saturated;
    }
}

/// Advance `engine` to `target_us`, processing at most `budget` events.
/// Returns false when the budget ran out first (the engine is then behind).
pub fn advance_bounded(engine: &mut Engine, target_us: u64, budget: u64) -> bool {
    let mut done = 0;
    while done < budget {
        match engine.next_event_us() {
            Some(at) if at <= target_us => {
                if !engine.step() {
                    return true;
                }
                done += 1;
            }
            _ => {
                engine.advance_to(target_us);
                return true;
            }
        }
    }
    false
}

#[cfg(test)]
#[allow(clippy::float_cmp, reason = "speeds are exact constants")]
mod tests {
    use super::*;
    use crate::sim;

    #[test]
    fn speeds_step_from_a_tenth_to_ten_thousand() {
        let mut p = Playback::new(60.0);
        assert_eq!(p.factor(), 2.0, "a 60 s scenario plays in 30 s");
        for _ in 0..30 {
            p.slower();
        }
        assert_eq!(p.factor(), 0.1);
        p.faster();
        assert_eq!(p.factor(), 0.2);
        for _ in 0..30 {
            p.faster();
        }
        assert_eq!(p.factor(), 10_000.0);
        assert_eq!(Playback::new(7200.0).factor(), 500.0);
        assert_eq!(Playback::new(10.0).factor(), 1.0, "never slower than real time by default");
        assert_eq!(Playback::new(1e9).factor(), 10_000.0);
    }

    #[test]
    fn wall_time_maps_to_simulated_time_by_the_speed() {
        let t0 = Instant::now();
        let mut p = Playback::new(60.0);
        assert_eq!(p.target(t0), None, "paused: no target");
        p.play(0);
        assert_eq!(p.target(t0), Some(0), "the first tick sets the origin");
        assert_eq!(p.target(t0 + Duration::from_millis(50)), Some(100_000), "50 ms at 2× is 100 ms");
        // A long stall counts as one frame at most.
        assert_eq!(p.target(t0 + Duration::from_secs(10)), Some(300_000));
        p.pause();
        assert_eq!(p.target(t0 + Duration::from_secs(11)), None);
    }

    #[test]
    fn a_budget_bounds_the_work_of_one_tick() {
        let loaded = sim::load_preset("api-flash-crowd", &[]).expect("preset");
        let mut engine = Engine::new(&loaded.scenario, 1);
        assert!(!advance_bounded(&mut engine, 30_000_000, 100), "thousands of events due: behind");
        assert!(engine.now_us() < 30_000_000);
        let mut other = Engine::new(&loaded.scenario, 1);
        assert!(advance_bounded(&mut other, 100_000, EVENTS_PER_TICK));
        assert_eq!(other.now_us(), 100_000, "caught up: the clock is at the target");
    }
}
