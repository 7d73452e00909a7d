//! Numbers, money and simulated times as the visualizer shows them.

pub use crate::sim::summary::{dollars, thousands};

/// A rate: `4,000/s`, `2.5/s`, `1 every 15 min`.
pub fn rate(per_s: f64) -> String {
    if per_s <= 0.0 {
        "idle".to_owned()
    } else if per_s >= 10.0 {
        format!("{}/s", thousands(per_s.round() as u64))
    } else if per_s >= 1.0 {
        let r = (per_s * 10.0).round() / 10.0;
        format!("{r}/s")
    } else {
        format!("1 every {}", span_s(1.0 / per_s))
    }
}

/// A length of time in words: `250 ms`, `3 s`, `15 min`, `2 h`.
pub fn span_s(s: f64) -> String {
    if s < 1.0 {
        format!("{:.0} ms", s * 1000.0)
    } else if s < 120.0 {
        let r = (s * 10.0).round() / 10.0;
        format!("{r} s")
    } else if s < 7200.0 {
        format!("{:.0} min", s / 60.0)
    } else {
        format!("{:.0} h", s / 3600.0)
    }
}

/// Milliseconds for a latency: `83 ms`, `2.3 s`, `3.2 min`, `24 h`.
pub fn millis(ms: f64) -> String {
    if ms < 1000.0 {
        format!("{ms:.0} ms")
    } else if ms < 60_000.0 {
        format!("{:.1} s", ms / 1000.0)
    } else if ms < 3_600_000.0 {
        format!("{:.1} min", ms / 60_000.0)
    } else {
        format!("{:.1} h", ms / 3_600_000.0)
    }
}

/// A simulated moment. Runs shorter than an hour show `mm:ss.mmm`
/// (`precise`) or `mm:ss.s`; longer ones `h:mm:ss`.
pub fn clock(us: u64, long_run: bool, precise: bool) -> String {
    let total_ms = us / 1000;
    let s = total_ms / 1000;
    if long_run {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else if precise {
        format!("{:02}:{:02}.{:03}", s / 60, s % 60, total_ms % 1000)
    } else {
        format!("{:02}:{:02}.{}", s / 60, s % 60, total_ms % 1000 / 100)
    }
}

/// A speed factor: `0.1×`, `2×`, `10,000×`.
pub fn speed(x: f64) -> String {
    if x < 1.0 { format!("{x}×") } else { format!("{}×", thousands(x.round() as u64)) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_well() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(rate(4000.0), "4,000/s");
        assert_eq!(rate(2.5), "2.5/s");
        assert_eq!(rate(1.0 / 900.0), "1 every 15 min");
        assert_eq!(millis(83.0), "83 ms");
        assert_eq!(millis(180_900.0), "3.0 min");
        assert_eq!(speed(0.1), "0.1×");
        assert_eq!(speed(10_000.0), "10,000×");
    }

    #[test]
    fn clocks_for_short_and_long_runs() {
        assert_eq!(clock(83_400_123, false, true), "01:23.400");
        assert_eq!(clock(83_400_123, false, false), "01:23.4");
        assert_eq!(clock(86_442_279_001, true, false), "24:00:42");
    }
}
