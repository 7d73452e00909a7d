//! Duration distributions for handler and Init times, in milliseconds.

use super::rng::Rng;

/// The 99th percentile of the standard normal distribution.
const Z99: f64 = 2.326_347_874_040_841;

/// A distribution of durations in milliseconds (never negative).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Dist {
    /// Always `value`.
    Fixed { value: f64 },
    /// Exponential with the given mean.
    Exponential { mean: f64 },
    /// Log-normal fitted to a mean and a 99th percentile; `mu` and `sigma`
    /// are the parameters of the underlying normal.
    LogNormal { mean: f64, p99: f64, mu: f64, sigma: f64 },
    /// Uniform between `min` and `max`.
    Uniform { min: f64, max: f64 },
}

impl Dist {
    pub fn fixed(value: f64) -> Self {
        Dist::Fixed { value }
    }

    /// The log-normal whose mean and 99th percentile are the given ones.
    ///
    /// With X = exp(mu + sigma·Z): mean = exp(mu + sigma²/2) and
    /// p99 = exp(mu + z99·sigma), so ln(p99/mean) = z99·sigma − sigma²/2;
    /// the smaller root of that quadratic is the one with p99 above the
    /// mean. A real root exists only while p99/mean ≤ exp(z99²/2) ≈ 14.9.
    pub fn lognormal(mean: f64, p99: f64) -> Result<Self, String> {
        if mean.is_nan() || mean <= 0.0 || !mean.is_finite() {
            return Err("a lognormal `mean` must be a positive number".into());
        }
        if p99.is_nan() || p99 < mean || !p99.is_finite() {
            return Err(format!("a lognormal `p99` ({p99}) must be at least its `mean` ({mean})"));
        }
        let gap = (p99 / mean).ln();
        let disc = Z99 * Z99 - 2.0 * gap;
        if disc < 0.0 {
            return Err(format!(
                "no lognormal has mean {mean} and p99 {p99}: the p99 can be at most {:.1} × the mean",
                (Z99 * Z99 / 2.0).exp()
            ));
        }
        let sigma = Z99 - disc.sqrt();
        let mu = mean.ln() - sigma * sigma / 2.0;
        Ok(Dist::LogNormal { mean, p99, mu, sigma })
    }

    /// One sample, in milliseconds.
    #[inline]
    pub fn sample(&self, rng: &mut Rng) -> f64 {
        match *self {
            Dist::Fixed { value } => value,
            Dist::Exponential { mean } => mean * rng.exp1(),
            Dist::LogNormal { mu, sigma, .. } => (mu + sigma * rng.normal()).exp(),
            Dist::Uniform { min, max } => min + (max - min) * rng.unit(),
        }
    }

    /// One sample in whole microseconds.
    #[inline]
    pub fn sample_us(&self, rng: &mut Rng) -> u64 {
        ms_to_us(self.sample(rng))
    }

    /// The distribution's mean, in milliseconds.
    pub fn mean(&self) -> f64 {
        match *self {
            Dist::Fixed { value } => value,
            Dist::Exponential { mean } | Dist::LogNormal { mean, .. } => mean,
            Dist::Uniform { min, max } => f64::midpoint(min, max),
        }
    }

    /// A short description: "lognormal mean 120 ms, p99 400 ms".
    pub fn describe(&self) -> String {
        match *self {
            Dist::Fixed { value } => format!("fixed {value} ms"),
            Dist::Exponential { mean } => format!("exponential mean {mean} ms"),
            Dist::LogNormal { mean, p99, .. } => format!("lognormal mean {mean} ms, p99 {p99} ms"),
            Dist::Uniform { min, max } => format!("uniform {min}–{max} ms"),
        }
    }
}

/// Milliseconds (non-negative, finite) to whole microseconds, rounded.
#[inline]
pub fn ms_to_us(ms: f64) -> u64 {
    // `as` saturates (negative and NaN → 0, huge → u64::MAX); adding a half
    // and truncating rounds a non-negative value without a libm call.
    (ms * 1000.0 + 0.5) as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lognormal_fit_has_the_asked_mean_and_p99() {
        let Dist::LogNormal { mu, sigma, .. } = Dist::lognormal(120.0, 400.0).expect("fits") else {
            panic!("not lognormal")
        };
        assert!(((mu + sigma * sigma / 2.0).exp() - 120.0).abs() < 1e-9);
        assert!(((mu + Z99 * sigma).exp() - 400.0).abs() < 1e-9);
    }

    #[test]
    fn lognormal_samples_match_mean_and_p99() {
        let d = Dist::lognormal(120.0, 400.0).expect("fits");
        let mut rng = Rng::new(5, 5);
        let mut v: Vec<f64> = (0..400_000).map(|_| d.sample(&mut rng)).collect();
        let mean = v.iter().sum::<f64>() / v.len() as f64;
        v.sort_by(f64::total_cmp);
        let p99 = v[v.len() * 99 / 100];
        assert!((mean / 120.0 - 1.0).abs() < 0.01, "mean {mean}");
        assert!((p99 / 400.0 - 1.0).abs() < 0.02, "p99 {p99}");
    }

    #[test]
    fn impossible_lognormals_are_refused() {
        assert!(Dist::lognormal(100.0, 50.0).is_err());
        assert!(Dist::lognormal(100.0, 10_000.0).is_err());
        assert!(Dist::lognormal(0.0, 1.0).is_err());
        assert!(Dist::lognormal(100.0, 100.0).is_ok(), "p99 = mean is a fixed value");
    }

    #[test]
    fn exponential_and_uniform_means() {
        let mut rng = Rng::new(1, 2);
        let e = Dist::Exponential { mean: 50.0 };
        let u = Dist::Uniform { min: 10.0, max: 30.0 };
        let n = 200_000;
        let me = (0..n).map(|_| e.sample(&mut rng)).sum::<f64>() / f64::from(n);
        let mu = (0..n).map(|_| u.sample(&mut rng)).sum::<f64>() / f64::from(n);
        assert!((me / 50.0 - 1.0).abs() < 0.01, "{me}");
        assert!((mu / 20.0 - 1.0).abs() < 0.01, "{mu}");
        assert_eq!(Dist::fixed(200.0).sample_us(&mut rng), 200_000);
    }
}
