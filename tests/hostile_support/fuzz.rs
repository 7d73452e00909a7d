//! How long the property tests fuzz: about 256 cases per target in a local
//! `cargo test` (a quick edit-test loop), each target's larger default in CI
//! (`CI` set, as `.ci/run` runs), and any number on request. Every property
//! test of the crate takes its count from here.
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

/// Cases per target in a local run.
pub const LOCAL_CASES: u32 = 256;

/// Cases for one target: `LAMBDA_TUTOR_FUZZ_CASES` when it is set, else
/// `ci_default` in CI, else [`LOCAL_CASES`] (or `ci_default` if smaller).
pub fn cases(ci_default: u32) -> u32 {
    let requested = std::env::var(CASES_VAR).ok().and_then(|v| v.trim().parse().ok());
    let in_ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0");
    requested.unwrap_or(if in_ci { ci_default } else { ci_default.min(LOCAL_CASES) })
}

/// A proptest configuration running [`cases`] cases. Shrinking is bounded
/// so a failure found in a long run is reported in minutes, not hours.
pub fn config(ci_default: u32) -> Config {
    Config { cases: cases(ci_default), max_shrink_iters: 4_096, ..Config::default() }
}
