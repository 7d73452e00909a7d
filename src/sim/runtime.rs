//! Lambda runtime ids and their cold-start (Init) times.
//!
//! The times are the facts sheet's PERF figures (maxday/lambda-perf, average
//! Init of a hello-world zip on x86_64 at 512 MB). `provided.al2023` is the
//! OS-only runtime used by Rust and Go; it takes Rust's 18 ms (Go measures
//! 49 ms: set `init_ms` to model a Go function).

/// (runtime id, average Init in ms, language shown in narration).
pub const RUNTIMES: &[(&str, f64, &str)] = &[
    ("python3.12", 83.0, "Python 3.12"),
    ("python3.13", 86.0, "Python 3.13"),
    ("nodejs22.x", 139.0, "Node.js 22"),
    ("nodejs24.x", 131.0, "Node.js 24"),
    ("java17", 202.0, "Java 17"),
    ("java21", 231.0, "Java 21"),
    ("java25", 193.0, "Java 25"),
    ("dotnet8", 268.0, ".NET 8"),
    ("ruby3.4", 252.0, "Ruby 3.4"),
    ("provided.al2023", 18.0, "OS-only runtime (Rust)"),
];

/// The runtime used when a scenario names none. Lambda itself has no
/// default; Python is the most common choice in the tutor's lessons.
pub const DEFAULT_RUNTIME: &str = "python3.12";

/// The average Init time of a runtime id, in ms.
pub fn init_ms(runtime: &str) -> Option<f64> {
    RUNTIMES.iter().find(|(id, _, _)| *id == runtime).map(|&(_, ms, _)| ms)
}

/// Every known runtime id.
pub fn ids() -> impl Iterator<Item = &'static str> {
    RUNTIMES.iter().map(|(id, _, _)| *id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_sheet_numbers() {
        assert_eq!(init_ms("python3.12"), Some(83.0));
        assert_eq!(init_ms("nodejs22.x"), Some(139.0));
        assert_eq!(init_ms("java21"), Some(231.0));
        assert_eq!(init_ms("dotnet8"), Some(268.0));
        assert_eq!(init_ms("ruby3.4"), Some(252.0));
        assert_eq!(init_ms("provided.al2023"), Some(18.0));
        assert_eq!(init_ms("cobol"), None);
    }
}
