//! How long the property tests fuzz: a bounded number of cases per target
//! in CI, many more on request.
//!
//! `cargo-fuzz` needs a nightly toolchain; this project builds on stable,
//! so its fuzz targets are proptest properties over structured generators
//! (TOML-ish and markdown-ish grammars with nesting, mutated at random).
//! `LAMBDA_TUTOR_FUZZ_CASES=N` runs every target N cases instead of its CI
//! default, e.g. for a long run in release:
//!
//! ```text
//! LAMBDA_TUTOR_FUZZ_CASES=100000 cargo test --release --test hostile_fuzz
//! ```

use proptest::test_runner::Config;

/// The environment variable that overrides every target's case count.
pub const CASES_VAR: &str = "LAMBDA_TUTOR_FUZZ_CASES";

/// Cases for one target: `ci_default`, unless `LAMBDA_TUTOR_FUZZ_CASES`
/// says otherwise.
pub fn cases(ci_default: u32) -> u32 {
    std::env::var(CASES_VAR).ok().and_then(|v| v.trim().parse().ok()).unwrap_or(ci_default)
}

/// A proptest configuration running [`cases`] cases. Shrinking is bounded
/// so a failure found in a long run is reported in minutes, not hours.
pub fn config(ci_default: u32) -> Config {
    Config { cases: cases(ci_default), max_shrink_iters: 4_096, ..Config::default() }
}
