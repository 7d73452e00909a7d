//! Counters and a latency histogram that never allocates per event.

/// Sub-buckets per power of two: values are kept within 1/256 (0.4 %), and
/// each bucket also remembers its smallest and largest value, so a bucket
/// holding one distinct value (a fixed handler time) reports it exactly.
const SUB_BITS: u32 = 8;
const SUB: u64 = 1 << SUB_BITS;
const BUCKETS: usize = ((64 - SUB_BITS + 1) as usize) << SUB_BITS;

#[derive(Debug, Clone, Copy, Default)]
struct Bucket {
    count: u64,
    min: u64,
    max: u64,
}

/// A log-linear histogram of non-negative integers (microseconds here).
#[derive(Debug, Clone)]
pub struct Histogram {
    buckets: Vec<Bucket>,
    total: u64,
    max: u64,
}

impl Default for Histogram {
    fn default() -> Self {
        Self::new()
    }
}

impl Histogram {
    pub fn new() -> Self {
        Self { buckets: vec![Bucket::default(); BUCKETS], total: 0, max: 0 }
    }

    #[inline]
    fn index(v: u64) -> usize {
        if v < SUB {
            return v as usize;
        }
        let msb = v.ilog2();
        let shift = msb - SUB_BITS;
        let top = v >> shift; // in [SUB, 2·SUB)
        (((shift + 1) as usize) << SUB_BITS) + (top - SUB) as usize
    }

    #[inline]
    pub fn record(&mut self, v: u64) {
        let b = &mut self.buckets[Self::index(v)];
        if b.count == 0 {
            b.min = v;
            b.max = v;
        } else {
            b.min = b.min.min(v);
            b.max = b.max.max(v);
        }
        b.count += 1;
        self.total += 1;
        self.max = self.max.max(v);
    }

    pub fn count(&self) -> u64 {
        self.total
    }

    pub fn max(&self) -> u64 {
        self.max
    }

    /// The nearest-rank `p` quantile (p in [0, 1]); 0 when empty. Inside a
    /// bucket the value is interpolated between its smallest and largest.
    pub fn quantile(&self, p: f64) -> u64 {
        if self.total == 0 {
            return 0;
        }
        let rank = ((p * self.total as f64).ceil() as u64).clamp(1, self.total);
        let mut seen = 0;
        for b in &self.buckets {
            if b.count == 0 {
                continue;
            }
            if seen + b.count >= rank {
                let k = rank - seen; // 1..=count
                if b.count == 1 || b.min == b.max {
                    return if k == b.count { b.max } else { b.min };
                }
                let frac = (k - 1) as f64 / (b.count - 1) as f64;
                return b.min + ((b.max - b.min) as f64 * frac).round() as u64;
            }
            seen += b.count;
        }
        self.max
    }
}

/// The nearest-rank quantile of a small sample (sorted in place).
pub fn quantile_of(values: &mut [u64], p: f64) -> u64 {
    if values.is_empty() {
        return 0;
    }
    let rank = ((p * values.len() as f64).ceil() as usize).clamp(1, values.len());
    let (_, v, _) = values.select_nth_unstable(rank - 1);
    *v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_values_are_exact_and_indices_are_monotonic() {
        let mut last = 0;
        for v in (0..100_000u64).chain([u64::MAX / 2, u64::MAX]) {
            let i = Histogram::index(v);
            assert!(i >= last, "{v}");
            assert!(i < BUCKETS, "{v}");
            last = i;
        }
        assert_eq!(Histogram::index(255), 255);
        assert_eq!(Histogram::index(256), 256);
    }

    #[test]
    fn fixed_values_are_reported_exactly() {
        let mut h = Histogram::new();
        for _ in 0..90 {
            h.record(200_000);
        }
        for _ in 0..10 {
            h.record(283_000);
        }
        assert_eq!(h.quantile(0.5), 200_000);
        assert_eq!(h.quantile(0.9), 200_000);
        assert_eq!(h.quantile(0.91), 283_000);
        assert_eq!(h.quantile(0.99), 283_000);
        assert_eq!(h.max(), 283_000);
    }

    #[test]
    fn quantiles_of_a_spread_are_close() {
        let mut h = Histogram::new();
        let mut values: Vec<u64> = (1..=10_000).map(|i| i * 137).collect();
        for &v in &values {
            h.record(v);
        }
        for p in [0.5, 0.9, 0.99] {
            let exact = quantile_of(&mut values, p) as f64;
            let got = h.quantile(p) as f64;
            assert!((got / exact - 1.0).abs() < 0.005, "p{p}: {got} vs {exact}");
        }
        assert_eq!(Histogram::new().quantile(0.5), 0);
    }
}
