//! Arrival processes: when each source emits its events, in microseconds,
//! strictly inside [0, duration).

use super::rng::Rng;
use super::scenario::Arrival;

const US: f64 = 1_000_000.0;

/// A stateful generator of one source's arrival times (non-decreasing).
#[derive(Debug, Clone)]
pub struct Arrivals {
    process: Gen,
    end_us: u64,
}

#[derive(Debug, Clone)]
enum Gen {
    Even { start_us: f64, gap_us: f64, k: u64, count: Option<u64> },
    Poisson { mean_gap_us: f64, t: f64 },
    Step { steps: Vec<(f64, f64)>, idx: usize, k: u64, t: f64, poisson: bool },
    Trace { times_us: Vec<u64>, k: usize },
}

impl Arrivals {
    pub fn new(arrival: &Arrival, duration_s: f64) -> Self {
        let end_us = (duration_s * US).round() as u64;
        let process = match arrival {
            Arrival::Constant { rate_per_s } => Gen::Even { start_us: 0.0, gap_us: US / rate_per_s, k: 0, count: None },
            Arrival::Poisson { rate_per_s } => Gen::Poisson { mean_gap_us: US / rate_per_s, t: 0.0 },
            Arrival::Burst { count, at_s, over_s } => {
                Gen::Even { start_us: at_s * US, gap_us: over_s * US / *count as f64, k: 0, count: Some(*count) }
            }
            Arrival::Step { steps, poisson } => Gen::Step {
                steps: steps.iter().map(|&(t, r)| (t * US, r)).collect(),
                idx: 0,
                k: 0,
                t: steps.first().map_or(0.0, |s| s.0 * US),
                poisson: *poisson,
            },
            Arrival::Schedule { every_s } => Gen::Even { start_us: 0.0, gap_us: every_s * US, k: 0, count: None },
            Arrival::Trace { times_s, .. } => {
                Gen::Trace { times_us: times_s.iter().map(|t| (t * US).round() as u64).collect(), k: 0 }
            }
        };
        Self { process, end_us }
    }

    /// The next arrival time, or `None` when the source is done.
    #[inline]
    pub fn next(&mut self, rng: &mut Rng) -> Option<u64> {
        let t = match &mut self.process {
            Gen::Even { start_us, gap_us, k, count } => {
                if count.is_some_and(|c| *k >= c) {
                    return None;
                }
                // Multiply rather than accumulate, so no rounding error builds up.
                let t = *start_us + *k as f64 * *gap_us;
                *k += 1;
                (t + 0.5) as u64
            }
            Gen::Poisson { mean_gap_us, t } => {
                *t += *mean_gap_us * rng.exp1();
                (*t + 0.5) as u64
            }
            Gen::Step { steps, idx, k, t, poisson } => loop {
                let &(start, rate) = steps.get(*idx)?;
                let end = steps.get(*idx + 1).map_or(f64::INFINITY, |s| s.0);
                if rate > 0.0 {
                    let candidate = if *poisson { *t + US / rate * rng.exp1() } else { start + *k as f64 * US / rate };
                    if candidate < end {
                        *t = candidate;
                        *k += 1;
                        break (candidate + 0.5) as u64;
                    }
                }
                // This step is over: the next starts afresh at its own time
                // (a Poisson process is memoryless, so restarting is exact).
                *idx += 1;
                *k = 0;
                *t = end;
                if end.is_infinite() {
                    return None;
                }
            },
            Gen::Trace { times_us, k } => {
                let t = *times_us.get(*k)?;
                *k += 1;
                t
            }
        };
        (t < self.end_us).then_some(t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(arrival: &Arrival, duration_s: f64) -> Vec<u64> {
        let mut a = Arrivals::new(arrival, duration_s);
        let mut rng = Rng::new(1, 1);
        std::iter::from_fn(|| a.next(&mut rng)).collect()
    }

    #[test]
    fn constant_starts_at_zero_and_stays_inside_the_duration() {
        let t = all(&Arrival::Constant { rate_per_s: 4.0 }, 1.0);
        assert_eq!(t, vec![0, 250_000, 500_000, 750_000]);
    }

    #[test]
    fn schedule_every_five_minutes_for_an_hour() {
        let t = all(&Arrival::Schedule { every_s: 300.0 }, 3600.0);
        assert_eq!(t.len(), 12);
        assert_eq!(t[1], 300_000_000);
    }

    #[test]
    fn burst_spreads_evenly_or_lands_at_once() {
        let t = all(&Arrival::Burst { count: 4, at_s: 2.0, over_s: 1.0 }, 10.0);
        assert_eq!(t, vec![2_000_000, 2_250_000, 2_500_000, 2_750_000]);
        let t = all(&Arrival::Burst { count: 3, at_s: 1.0, over_s: 0.0 }, 10.0);
        assert_eq!(t, vec![1_000_000; 3]);
    }

    #[test]
    fn steps_change_the_rate() {
        let t = all(&Arrival::Step { steps: vec![(0.0, 2.0), (1.0, 0.0), (2.0, 4.0)], poisson: false }, 3.0);
        assert_eq!(t, vec![0, 500_000, 2_000_000, 2_250_000, 2_500_000, 2_750_000]);
    }

    #[test]
    fn poisson_rate_is_right() {
        let t = all(&Arrival::Poisson { rate_per_s: 1000.0 }, 100.0);
        let n = t.len() as f64;
        assert!((n / 100_000.0 - 1.0).abs() < 0.02, "{n}");
        assert!(t.windows(2).all(|w| w[0] <= w[1]));
    }

    #[test]
    fn trace_times_are_kept() {
        let t = all(&Arrival::Trace { file: None, times_s: vec![0.5, 1.0, 9.0] }, 5.0);
        assert_eq!(t, vec![500_000, 1_000_000]);
    }
}
