//! How a `numeric` answer is shown: the number, or, with a tolerance, the
//! range of accepted values ("128 to 10240 MB"). A GIFT range
//! (`{#128..10240}`) is stored as its midpoint and half-width; showing
//! "5184 (within 5056)" gave the learner a number nobody wrote.

/// `answer` alone, or the range `answer ± tolerance`, with `unit` after
/// the number(s). `number` formats one number.
pub fn numeric_text(answer: f64, tolerance: f64, unit: Option<&str>, number: impl Fn(f64) -> String) -> String {
    let unit = unit.map(|u| format!(" {u}")).unwrap_or_default();
    if tolerance > 0.0 {
        // Nine decimals are plenty for a quiz, and hide float noise (3 - 0.1).
        let tidy = |x: f64| (x * 1e9).round() / 1e9;
        format!("{} to {}{unit}", number(tidy(answer - tolerance)), number(tidy(answer + tolerance)))
    } else {
        format!("{}{unit}", number(answer))
    }
}

#[cfg(test)]
mod tests {
    use super::numeric_text;

    #[test]
    fn a_tolerance_is_shown_as_the_range_it_accepts() {
        let n = |x: f64| format!("{x}");
        assert_eq!(numeric_text(5184.0, 5056.0, Some("MB"), n), "128 to 10240 MB");
        assert_eq!(numeric_text(3.0, 0.1, None, n), "2.9 to 3.1");
        assert_eq!(numeric_text(900.0, 0.0, Some("s"), n), "900 s");
    }
}
