//! Shared by the importer tests: read a fixture, import it, and insist the
//! written pack passes `check` with no error. Included with
//! `#[path = "support/import.rs"] mod import_support;`.

#![allow(dead_code)] // Each test file uses a different part of it.

use lambda_tutor::course::check::{Context, FileKind, Input, validate_inputs};
use lambda_tutor::quiz::import::{Format, Imported, import};

/// The text of `tests/fixtures/import/<dir>/<name>`.
pub fn fixture(dir: &str, name: &str) -> String {
    let path = format!("{}/tests/fixtures/import/{dir}/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path).expect("fixture")
}

/// Import `text` (named `name`) from `format`; the pack must check clean.
pub fn imported_text(format: Format, name: &str, text: &str) -> Imported {
    let imported = import(format, name, text).expect("imports");
    let input = Input {
        path: name.to_owned(),
        kind: FileKind::Pack,
        bytes: imported.toml.clone().into_bytes(),
        explicit: true,
    };
    let report = validate_inputs(&[input], &Context::builtin());
    assert_eq!(report.errors(), 0, "{:#?}\n{}", report.diagnostics, imported.toml);
    imported
}

pub fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}
