//! Lambda runtime ids and their cold-start (Init) times.
//!
//! The times are the facts sheet's PERF figures (maxday/lambda-perf, average
//! Init of a hello-world zip on x86_64 at 512 MB). `provided.al2023` is the
//! OS-only runtime used by Rust and Go; it takes Rust's 18 ms (Go measures
//! 49 ms: set `init_ms` to model a Go function). Runtime ids and dates: DG
//! "Lambda runtimes" (docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html).

/// (runtime id, average Init in ms, language shown in narration).
pub const RUNTIMES: &[(&str, f64, &str)] = &[
    ("python3.12", 83.0, "Python 3.12"),
    ("python3.13", 86.0, "Python 3.13"),
    ("python3.14", 86.0, "Python 3.14"),
    ("nodejs22.x", 139.0, "Node.js 22"),
    ("nodejs24.x", 131.0, "Node.js 24"),
    ("java17", 202.0, "Java 17"),
    ("java21", 231.0, "Java 21"),
    ("java25", 193.0, "Java 25"),
    ("dotnet8", 268.0, ".NET 8"),
    ("dotnet10", 268.0, ".NET 10"),
    ("ruby3.4", 252.0, "Ruby 3.4"),
    ("provided.al2023", 18.0, "OS-only runtime (Rust)"),
];

/// Runtimes without a measurement of their own: they take their
/// predecessor's Init (python3.13, dotnet8) until one is published.
pub const ESTIMATED: &[&str] = &["python3.14", "dotnet10"];

/// Deprecated runtimes and what to say about them.
pub const DEPRECATED: &[(&str, &str)] = &[(
    "dotnet8",
    "deprecated on 10 Nov 2026 (no new functions from 1 Feb 2027, no updates from 3 Mar 2027): use dotnet10",
)];

/// Why a runtime should not be chosen, if it should not.
pub fn deprecation(runtime: &str) -> Option<&'static str> {
    DEPRECATED.iter().find(|(id, _)| *id == runtime).map(|&(_, why)| why)
}

/// The runtime used when a scenario names none. Lambda itself has no
/// default; Python is the most common choice in the tutor's lessons.
pub const DEFAULT_RUNTIME: &str = "python3.12";

/// The average Init time of a runtime id, in ms.
pub fn init_ms(runtime: &str) -> Option<f64> {
    RUNTIMES.iter().find(|(id, _, _)| *id == runtime).map(|&(_, ms, _)| ms)
}

/// Requests per vCPU one Managed Instances environment serves by default,
/// or None when the runtime cannot run on Managed Instances (DG
/// lambda-managed-instances-runtimes.html: Java 21+, Python 3.13+, Node.js
/// 22+, .NET 8+, and Rust on provided.al2023). Python 16 and Node.js 64 are
/// the DG's runtime pages; Java, .NET and Rust take 32, an assumption (their
/// pages were not checked): set `max_concurrency_per_environment`.
pub fn managed_concurrency_per_vcpu(runtime: &str) -> Option<u32> {
    match runtime {
        "python3.13" | "python3.14" => Some(16),
        "nodejs22.x" | "nodejs24.x" => Some(64),
        "java21" | "java25" | "dotnet8" | "dotnet10" | "provided.al2023" => Some(32),
        _ => None,
    }
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
        assert_eq!(init_ms("python3.14"), Some(86.0));
        assert_eq!(init_ms("dotnet10"), Some(268.0));
        assert!(deprecation("dotnet8").is_some_and(|w| w.contains("dotnet10")));
        assert_eq!(deprecation("dotnet10"), None);
    }
}
