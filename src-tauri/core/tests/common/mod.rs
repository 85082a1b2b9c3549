//! What the property tests share.

use proptest::test_runner::{Config, FileFailurePersistence};

/// `cases` random cases, the number an environment variable may set; a
/// failing case's seed is kept beside the test file
/// (`<file>.proptest-regressions`) and replayed first on every run: commit
/// it with the fix, so the case that broke once is tried forever.
pub fn config(var: &str, default_cases: u32) -> Config {
    let cases = std::env::var(var)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default_cases);
    Config {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("proptest-regressions"))),
        ..Config::default()
    }
}
