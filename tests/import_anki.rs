//! Anki text import: every header, CSV quoting, HTML fields, guids as
//! stable ids, decks as topics, tags, cloze notes; packs pass `check`.

use lambda_tutor::quiz::QuestionKind;
use lambda_tutor::quiz::import::{Format, Imported, guess};

#[path = "support/import.rs"]
mod import_support;

fn text(name: &str) -> String {
    import_support::fixture("anki", name)
}

fn imported(name: &str) -> Imported {
    import_support::imported_text(Format::Anki, name, &text(name))
}

fn card(answer: &str) -> QuestionKind {
    QuestionKind::Card { answer: answer.to_owned() }
}

#[test]
fn headers_columns_guids_decks_and_tags() {
    let pack = imported("headers.txt");
    let qs = &pack.pack.questions;
    assert_eq!(qs.len(), 5, "{}", pack.toml);
    assert!(qs[0].id.starts_with("anki-k9-fx-v-qe-"), "guid made valid: {}", qs[0].id);
    assert_eq!(qs[0].topic, "limits", "last segment of the deck");
    assert_eq!(qs[0].tags, ["limits", "interview"]);
    assert_eq!(qs[0].prompt, "What is the **default** timeout?");
    assert_eq!(qs[0].kind, card("3 seconds\\\nRaise it up to 900 s."));
    // CSV quoting: doubled quotes; HTML: <div> is a paragraph.
    assert_eq!(qs[1].prompt, "Billing unit of \"duration\"?");
    assert_eq!(qs[1].kind, card("1 ms\n\nrounded up"));
    // Guids that differ only in case stay apart.
    assert_ne!(qs[1].id, qs[2].id);
    assert!(qs[2].id.starts_with("anki-ab1c2d3e4f-"));
    assert_eq!(qs[2].kind, card("1 million requests"), "&nbsp; is a space");
    assert!(qs[2].tags.is_empty());
    // A lambda-tutor progress key as guid gives back the question id.
    assert_eq!(qs[3].id, "what-is");
    assert_eq!(qs[3].prompt, "A front over two lines", "a line break in HTML is a space");
    assert_eq!(qs[3].kind, card("- one\n- two"));
    assert_eq!(qs[4].prompt, "Listen: what is it?");
    assert_eq!(qs[4].kind, card("A timer"));
}

#[test]
fn the_same_file_gives_the_same_ids_every_time() {
    let a = imported("headers.txt");
    let b = imported("headers.txt");
    let ids = |i: &Imported| i.pack.questions.iter().map(|q| q.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&a), ids(&b));
}

#[test]
fn empty_sides_and_media_are_reported() {
    let pack = imported("headers.txt");
    let notes: Vec<(usize, bool, &str)> = pack.notes.iter().map(|n| (n.line, n.skipped, n.message.as_str())).collect();
    assert_eq!(
        notes,
        [
            (13, true, "the note's front (first field) is empty"),
            (14, true, "the note has no back (second field)"),
            (15, false, "sound \"timeout.mp3\" dropped"),
            (15, false, "image \"t.png\" replaced by its alt text \"A timer\""),
        ]
    );
}

#[test]
fn semicolons_plain_text_default_deck_and_tags() {
    let pack = imported("semicolon.csv");
    let qs = &pack.pack.questions;
    assert_eq!(qs.len(), 2);
    assert_eq!(qs[0].kind, card("A limit; and a guarantee"), "a quoted field holds the separator");
    assert_eq!(qs[0].explanation, "Reserved capacity comes out of the account pool.", "a third field explains");
    assert_eq!(qs[0].topic, "concurrency");
    assert_eq!(qs[0].tags, ["imported", "from-csv"]);
    assert_eq!(qs[1].prompt, "Plain \\<b>text\\</b> stays", "#html:false keeps tags as text");
    assert_eq!(qs[1].explanation, "");
}

#[test]
fn cloze_notes_hide_and_reveal() {
    let pack = imported("cloze.txt");
    let qs = &pack.pack.questions;
    assert_eq!(qs[0].prompt, "The maximum timeout is [a number] and memory goes up to [...].");
    assert_eq!(qs[0].kind, card("The maximum timeout is **900 seconds** and memory goes up to **10,240 MB**."));
    assert_eq!(qs[0].explanation, "From the limits page.");
    assert_eq!(qs[1].kind, card("Back side"), "a Basic note in the same file");
}

#[test]
fn files_without_headers_are_tab_separated() {
    let pack = imported("no-headers.tsv");
    assert_eq!(pack.pack.questions.len(), 2);
    assert_eq!(pack.pack.questions[1].kind, card("A message queue"));
    assert_eq!(guess("no-headers.tsv", &text("no-headers.tsv")), Some(Format::Anki));
    assert_eq!(guess("headers.txt", &text("headers.txt")), Some(Format::Anki));
    assert_eq!(guess("semicolon.csv", &text("semicolon.csv")), Some(Format::Anki));
}
