//! No input bytes make any importer (or the format guess) panic, and what
//! an importer accepts always passes `check` with zero errors.

// Case counts: about 256 locally, bounded in CI, `LAMBDA_TUTOR_FUZZ_CASES=N` for long runs.
#[path = "hostile_support/fuzz.rs"]
mod fuzz;

use lambda_tutor::course::check::{Context, FileKind, Input, validate_inputs};
use lambda_tutor::quiz::import::{Format, guess, import};
use proptest::prelude::*;

fn check_clean(toml: &str) {
    let input =
        Input { path: "p.toml".to_owned(), kind: FileKind::Pack, bytes: toml.as_bytes().to_vec(), explicit: true };
    let report = validate_inputs(&[input], &Context::default());
    assert_eq!(report.errors(), 0, "{:#?}\n{toml}", report.diagnostics);
}

fn run_all(text: &str) {
    let _ = guess("x.txt", text);
    for format in Format::ALL {
        if let Ok(imported) = import(format, "x.txt", text) {
            check_clean(&imported.toml);
            assert!(!imported.pack.questions.is_empty());
        }
    }
}

/// Pieces of every format, to assemble into near-valid input.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("::t::".to_owned()),
        Just("{".to_owned()),
        Just("}".to_owned()),
        Just("=".to_owned()),
        Just("~".to_owned()),
        Just("%50%".to_owned()),
        Just("%-100%".to_owned()),
        Just("#".to_owned()),
        Just("####".to_owned()),
        Just("->".to_owned()),
        Just("\\".to_owned()),
        Just("\\n".to_owned()),
        Just("[html]".to_owned()),
        Just("<b>".to_owned()),
        Just("<br>".to_owned()),
        Just("<a href=x>".to_owned()),
        Just("</a>".to_owned()),
        Just("<img alt=\"a\">".to_owned()),
        Just("&amp;".to_owned()),
        Just("&#xFFFFFF;".to_owned()),
        Just("$CATEGORY: a/b\n".to_owned()),
        Just("T".to_owned()),
        Just("#1..3".to_owned()),
        Just("#5:0.5".to_owned()),
        Just("1e309".to_owned()),
        Just("NaN".to_owned()),
        Just("A. ".to_owned()),
        Just("B) ".to_owned()),
        Just("ANSWER: A".to_owned()),
        Just("#separator:tab\n".to_owned()),
        Just("#guid column:1\n".to_owned()),
        Just("#deck column:9\n".to_owned()),
        Just("\t".to_owned()),
        Just("\"".to_owned()),
        Just("\"\"".to_owned()),
        Just("{{c1::x}}".to_owned()),
        Just("[sound:a.mp3]".to_owned()),
        Just("[[questions]]\n".to_owned()),
        Just("type = \"MultipleChoice\"\n".to_owned()),
        Just("prompt.prompt = \"p\"\n".to_owned()),
        Just("prompt.distractors = [\"a\"]\n".to_owned()),
        Just("answer.answer = [\"a\", \"a\"]\n".to_owned()),
        Just("prompt.answerIndex = 99\n".to_owned()),
        Just("- [ ] ".to_owned()),
        Just("- [x] ".to_owned()),
        Just("1. ".to_owned()),
        Just("# ".to_owned()),
        Just("<quiz>\n".to_owned()),
        Just("</quiz>\n".to_owned()),
        Just("![alt](i.png)".to_owned()),
        Just("Explanation: ".to_owned()),
        Just("\n".to_owned()),
        Just("\n\n".to_owned()),
        Just("\r\n".to_owned()),
        Just("  ".to_owned()),
        "[a-zA-Z0-9 ?.]{1,12}",
        "\\PC{1,4}",
    ]
}

proptest! {
    #![proptest_config(fuzz::config(4_000))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        run_all(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn assembled_pieces_never_panic_and_import_clean(pieces in proptest::collection::vec(piece(), 0..60)) {
        run_all(&pieces.concat());
    }
}
