//! No text from any file reaches the terminal as an escape sequence or a
//! control character. A hostile course (its lesson, module, pack, scenario
//! and file names full of OSC 52 clipboard writes, title changes, screen
//! clears, cursor moves, device queries, C1 controls and bidi overrides)
//! goes through the real binary: in a pseudo-terminal (the reader opened,
//! scrolled and searched; the plain quiz answered) with the raw bytes
//! inspected, and through every command whose output is piped.

#[path = "hostile_support/common.rs"]
mod common;
#[path = "support/pty.rs"]
mod pty;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::{SEQUENCES, hostile, run, safe_but_sgr, toml_str};

// ------------------------------------------------------- the hostile course

/// [`SEQUENCES`] with what a markdown link destination cannot hold (a
/// line ending, NUL) left out.
fn hostile_url() -> String {
    SEQUENCES.iter().filter(|s| !s.contains(['\r', '\0'])).fold(String::new(), |mut out, s| {
        out.push_str("YY");
        out.push_str(s);
        out.push_str("ZZ");
        out
    })
}

fn lesson(h: &str) -> String {
    let url = hostile_url();
    format!(
        "+++\nid = \"hostile\"\ntitle = {title}\nmodule = {module}\norder = 1\nminutes = 3\ntopics = [\"hostile\"]\n+++\n\
         # Heading {h}\n\nParagraph {h} with *emphasis {h}*, **strong {h}**, ~~struck {h}~~, `code {h}`, \
         a [link {h}](<http://x/{url}> \"title {h}\"), an autolink <http://x/{url}> and ![image {h}](i.png \"{h}\").\n\n\
         > [!WARNING]\n> Alert {h}\n\n> Quote {h}\n> > nested {h}\n\n\
         - item {h}\n  - nested {h}\n1. ordered {h}\n- [x] task {h}\n\n\
         | col {h} | b {h} |\n|---|---|\n| cell {h} | c {h} |\n\n\
         ```python {h}\nprint(\"{h}\")\n```\n\n```\n{h}\n\tTAB\n```\n\n    indented {h}\n\n\
         <div>html {h}</div>\n\nEntities that decode to controls: YY&#27;]0;pwned&#7;ZZ YY&#x1b;[2JZZ YY&#155;2JZZ YY&#x202E;ZZ &#0;.\n\n\
         Footnote[^1] and term.\n\n[^1]: Note {h}\n\n## Second {h}\n\n{filler}\nSEARCHME {h} end\n",
        title = toml_str(&format!("Title {h}")),
        module = toml_str(&format!("Module {h}")),
        filler = "Filler line so that the reader has something to scroll.\n\n".repeat(30),
    )
}

fn pack(h: &str) -> String {
    let t = |s: &str| toml_str(&format!("{s} {h}"));
    let head = format!(
        "format = 1\n[pack]\nid = \"hostile\"\ntitle = {}\nversion = {}\ndescription = {}\nauthors = [{}]\nlicense = {}\n",
        t("Pack"),
        t("1"),
        t("Description"),
        t("Author"),
        t("License")
    );
    let question = |id: &str, fields: String| {
        format!(
            "\n[[questions]]\nid = \"{id}\"\ntype = \"{id}\"\ntopic = \"hostile\"\ntags = [\"hostile\"]\n\
             prompt = {}\nexplanation = {}\nhints = [{}, {}]\n{fields}",
            t("Prompt"),
            t("Explanation, because it is so"),
            t("Hint one"),
            t("Hint two")
        )
    };
    [
        head,
        question(
            "single",
            format!(
                "choices = [{}, {}]\nanswer = {}\nfeedback = {{ {} = {} }}\n",
                t("Right"),
                t("Wrong"),
                t("Right"),
                t("Wrong"),
                t("Feedback")
            ),
        ),
        question(
            "multiple",
            format!("choices = [{}, {}, {}]\nanswer = [{}, {}]\n", t("A"), t("B"), t("C"), t("A"), t("C")),
        ),
        question("short", format!("answer = {}\naccept = [{}]\n", t("Short"), t("Other"))),
        question("numeric", format!("answer = 3\nunit = {}\n", t("unit"))),
        question("order", format!("items = [{}, {}, {}]\n", t("First"), t("Second"), t("Third"))),
        question("match", format!("pairs = [[{}, {}], [{}, {}]]\n", t("L1"), t("R1"), t("L2"), t("R2"))),
        question("card", format!("answer = {}\n", t("Card answer"))),
        question("true-false", "answer = true\n".to_owned()),
    ]
    .concat()
}

fn scenario(h: &str) -> String {
    format!(
        "format = 1\n[scenario]\nid = \"hostile\"\ntitle = {}\ndescription = {}\nduration_s = 5\n[function]\n\
         memory_mb = 256\n[[sources]]\nkind = \"s3\"\narrival = {{ process = \"constant\", rate_per_s = 2 }}\n",
        toml_str(&format!("Scenario {h}")),
        toml_str(&format!("Description {h}"))
    )
}

/// A course directory with the hostile lesson, pack and scenario.
fn hostile_course(root: &Path) -> PathBuf {
    let h = hostile();
    let dir = root.join("hostile-course");
    for sub in ["content", "quizzes", "scenarios"] {
        std::fs::create_dir_all(dir.join(sub)).expect("mkdir");
    }
    std::fs::write(
        dir.join("course.toml"),
        format!("id = \"hostile\"\ntitle = {}\ndescription = {}\n", toml_str(&format!("Course {h}")), toml_str(&h)),
    )
    .expect("write");
    std::fs::write(dir.join("content/01-hostile.md"), lesson(&h)).expect("write");
    std::fs::write(dir.join("quizzes/hostile.toml"), pack(&h)).expect("write");
    std::fs::write(dir.join("scenarios/hostile.toml"), scenario(&h)).expect("write");
    dir
}

fn s(p: &Path) -> &str {
    p.to_str().expect("UTF-8 temp path")
}

#[test]
fn the_hostile_course_is_valid_so_every_screen_shows_it() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let course = hostile_course(tmp.path());
    // Errors would keep the hostile text off the screens under test.
    let r = run(tmp.path(), &["check", s(&course)], b"");
    r.assert_code(0).assert_clean();
    let r = run(tmp.path(), &["--pack", s(&course), "lessons"], b"");
    r.assert_code(0).assert_clean().assert_stdout_has("hostile");
    assert!(r.err().is_empty(), "{}", r.err());
}

// ------------------------------------------------------ raw terminal bytes

/// What the emulated terminal was asked to do besides drawing: any of it
/// means an escape sequence got through.
#[derive(Default, Debug)]
struct Requests(Vec<String>);

impl vt100::Callbacks for Requests {
    fn audible_bell(&mut self, _: &mut vt100::Screen) {
        self.0.push("bell".into());
    }
    fn visual_bell(&mut self, _: &mut vt100::Screen) {
        self.0.push("visual bell".into());
    }
    fn resize(&mut self, _: &mut vt100::Screen, request: (u16, u16)) {
        self.0.push(format!("resize {request:?}"));
    }
    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, name: &[u8]) {
        self.0.push(format!("icon name {:?}", String::from_utf8_lossy(name)));
    }
    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.0.push(format!("title {:?}", String::from_utf8_lossy(title)));
    }
    fn copy_to_clipboard(&mut self, _: &mut vt100::Screen, _: &[u8], data: &[u8]) {
        self.0.push(format!("clipboard {:?}", String::from_utf8_lossy(data)));
    }
    fn paste_from_clipboard(&mut self, _: &mut vt100::Screen, _: &[u8]) {
        self.0.push("paste".into());
    }
    fn unhandled_osc(&mut self, _: &mut vt100::Screen, params: &[&[u8]]) {
        self.0.push(format!("OSC {params:?}"));
    }
}

/// The program's own escape sequences: CSI only, of these forms. A
/// hostile sequence of another form (an OSC, a DCS, a reset, a device
/// query, a bare `ESC [ H`, a cursor-up) is caught here; one of these
/// forms by the `YY…ZZ` frame around it.
fn is_own_sequence(seq: &[u8]) -> bool {
    let Some(body) = seq.strip_prefix(b"\x1b[") else { return false };
    let (last, params) = body.split_last().expect("CSI has a final byte");
    let digits = |p: &[u8]| p.iter().all(|b| b.is_ascii_digit() || *b == b';');
    match last {
        b'm' => digits(params),
        // Cursor position, always with both coordinates.
        b'H' => digits(params) && params.contains(&b';'),
        b'J' => params == b"2",
        b'K' => params.is_empty() || params == b"2",
        b'h' | b'l' => params.strip_prefix(b"?").is_some_and(|p| {
            [&b"1049"[..], b"1000", b"1002", b"1003", b"1006", b"1015", b"25", b"2004", b"1004"].contains(&p)
        }),
        _ => false,
    }
}

/// Every escape sequence of `raw` (ESC, then CSI parameters and final
/// byte, or the one byte after a lone ESC).
fn sequences(raw: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < raw.len() {
        if raw[i] != 0x1b {
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        if raw.get(i) == Some(&b'[') {
            i += 1;
            while i < raw.len() && (0x30..=0x3f).contains(&raw[i]) {
                i += 1;
            }
            while i < raw.len() && (0x20..=0x2f).contains(&raw[i]) {
                i += 1;
            }
        }
        i = (i + 1).min(raw.len());
        out.push(&raw[start..i]);
    }
    out
}

/// The raw bytes a program wrote to its terminal carry nothing from a
/// file: no BEL, no C1 control, no bidi override, only the program's own
/// CSI sequences, and no hostile sequence inside its `YY…ZZ` frame.
fn assert_terminal_bytes_safe(raw: &[u8]) {
    let text = String::from_utf8_lossy(raw);
    assert!(!raw.contains(&0x07), "a BEL reached the terminal");
    for (at, c) in text.char_indices() {
        let c1 = ('\u{80}'..='\u{9f}').contains(&c);
        let bidi = matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
        assert!(!c1 && !bidi, "U+{:04X} reached the terminal at byte {at}", u32::from(c));
        let other_c0 = c.is_control() && !matches!(c, '\n' | '\r' | '\u{1b}');
        assert!(!other_c0, "control U+{:04X} reached the terminal at byte {at}", u32::from(c));
    }
    for seq in sequences(raw) {
        assert!(is_own_sequence(seq), "foreign escape sequence {:?}", String::from_utf8_lossy(seq));
    }
    for hostile in SEQUENCES {
        assert!(!text.contains(&format!("YY{hostile}ZZ")), "a file's {hostile:?} reached the terminal");
        // Half a frame is enough for an escape sequence (the terminal
        // breaks a line in the middle of others: `YY` then `\r\n`).
        if hostile.starts_with('\u{1b}') {
            for framed in [format!("YY{hostile}"), format!("{hostile}ZZ")] {
                assert!(!text.contains(&framed), "a file's {hostile:?} reached the terminal");
            }
        }
    }
}

#[test]
fn the_byte_checks_catch_every_hostile_sequence() {
    // What the program itself writes passes.
    assert_terminal_bytes_safe(b"\x1b[?1049h\x1b[1;1H\x1b[38;5;12mtext\x1b[0m YY\xef\xbf\xbd]0;pwnedZZ\r\n\x1b[?1049l");
    // Each hostile sequence, as a leaking program would write it, fails.
    for seq in SEQUENCES {
        let raw = format!("\x1b[1;1Hsome text YY{seq}ZZ more\r\n");
        let caught = std::panic::catch_unwind(|| assert_terminal_bytes_safe(raw.as_bytes()));
        assert!(caught.is_err(), "{seq:?} was not caught");
    }
    // And so do the program's own forms where a file put them.
    for seq in ["\x1b[2J", "\x1b[5;5H"] {
        let raw = format!("text YY{seq}ZZ");
        assert!(std::panic::catch_unwind(|| assert_terminal_bytes_safe(raw.as_bytes())).is_err(), "{seq:?}");
    }
}

/// The crate's pseudo-terminal harness, watching what the terminal is
/// asked to do, with colour on (NO_COLOR removed).
type Pty = pty::Session<Requests>;

fn start(args: &[&str], data: &Path, rows: u16, cols: u16) -> Pty {
    Pty::start_with(args, rows, cols, data, &[], &["NO_COLOR"], Requests::default())
}

fn requests(t: &Pty) -> Vec<String> {
    t.callbacks(|r| r.0.clone())
}

#[test]
fn the_reader_shows_a_hostile_lesson_without_its_escape_sequences() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let course = hostile_course(tmp.path());
    let data = tmp.path().join("data");
    let mut t = start(&["--pack", s(&course)], &data, 30, 100);
    t.wait_for("lambda-tutor");
    // The installed course's lesson is the last lesson on the home screen,
    // just above the Simulator row.
    t.send("G");
    t.send("k");
    t.wait_for("Title YY");
    t.send("\r");
    t.wait_for("Paragraph");
    let screen = t.wait_for("Heading");
    assert!(screen.contains("]0;pwned"), "the neutralised title change is shown as text:\n{screen}");
    for keys in ["j", "j", " ", "G", "g", "t", "\x1b", "/", "SEARCHME", "\r", "n", "N", "/", "YY", "\r", "n"] {
        t.send(keys);
    }
    t.wait_for("SEARCHME");
    // Narrow and wide: the layout changes, the text stays neutralised.
    t.send("q");
    t.send("q");
    t.wait_for("Course");
    t.send("q");
    let status = t.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    assert_terminal_bytes_safe(&t.raw());
    assert_eq!(requests(&t), Vec::<String>::new(), "the terminal was asked to do more than draw");
}

#[test]
fn the_reader_at_a_narrow_width_shows_no_escape_sequences() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let course = hostile_course(tmp.path());
    let data = tmp.path().join("data");
    let mut t = start(&["--pack", s(&course), "--color", "never"], &data, 24, 50);
    t.wait_for("lambda-tutor");
    t.send("G");
    t.send("k");
    t.send("\r");
    t.wait_for("YY");
    for keys in [" ", " ", " ", "G", "S", "YY", "\r", "\x1b", "q", "q"] {
        t.send(keys);
    }
    t.send("q");
    t.wait_exit();
    assert_terminal_bytes_safe(&t.raw());
    assert_eq!(requests(&t), Vec::<String>::new());
}

/// Lines that answer every question type in turn: a question re-asks
/// on a line that does not fit its type and takes the first that does,
/// so one round of these answers at least one question (hints first).
const ANSWERS: [&str; 9] = ["?", "?", "1a 2b", "1 2 3", "1", "true", "3", "", "good"];

#[test]
fn the_plain_quiz_in_a_terminal_shows_no_escape_sequences() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let course = hostile_course(tmp.path());
    let data = tmp.path().join("data");
    let mut t = start(&["--pack", s(&course), "quiz", "hostile", "--plain", "--seed", "3"], &data, 40, 100);
    t.wait_for("Question 1/8");
    // A hint, then a wrong-looking answer for whatever type comes, until the
    // end: each line waits for the program's next prompt, so none is typed
    // ahead into the retry question.
    let start = Instant::now();
    let prompts = |raw: &[u8]| raw.windows(2).filter(|w| w == b"> ").count();
    'quiz: loop {
        for answer in ANSWERS {
            if t.screen().contains("Score:") {
                break 'quiz;
            }
            assert!(start.elapsed() < Duration::from_secs(60), "the quiz did not end:\n{}", t.screen());
            let asked = prompts(&t.raw());
            t.send(&format!("{answer}\r"));
            t.wait_until("the next prompt", |_, raw| prompts(raw) > asked);
        }
    }
    t.wait_for("(y/n)");
    t.send("n\r");
    t.send("\x04");
    t.wait_exit();
    let raw = t.raw();
    let shown = String::from_utf8_lossy(&raw);
    assert!(shown.contains("Prompt") && shown.contains("]0;pwned"), "the hostile prompts were asked");
    assert_terminal_bytes_safe(&raw);
    assert_eq!(requests(&t), Vec::<String>::new());
}

#[test]
fn a_usage_error_in_a_terminal_does_not_echo_escape_sequences() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let evil = common::hostile_no_nul();
    for args in [vec![evil.as_str()], vec!["read", evil.as_str()], vec!["quiz", "--count", evil.as_str()]] {
        let mut t = start(&args, tmp.path(), 24, 200);
        let status = t.wait_exit();
        assert!(!status.success());
        assert_terminal_bytes_safe(&t.raw());
        assert_eq!(requests(&t), Vec::<String>::new(), "{args:?}");
    }
}

// ------------------------------------------------------------ piped output

#[test]
fn every_command_prints_hostile_content_without_escape_sequences() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let course = hostile_course(tmp.path());
    let data = tmp.path().join("data");
    let lesson = course.join("content/01-hostile.md");
    let pack = course.join("quizzes/hostile.toml");
    let scenario = course.join("scenarios/hostile.toml");
    let c = s(&course);
    let runs: Vec<Vec<&str>> = vec![
        vec!["--pack", c, "lessons"],
        vec!["--pack", c, "lessons", "--json"],
        vec!["--pack", c, "packs"],
        vec!["--pack", c, "packs", "--json"],
        vec!["--pack", c, "scenarios"],
        vec!["--pack", c, "scenarios", "--json"],
        vec!["--pack", c, "read", "hostile"],
        vec!["--pack", c, "read", "hostile", "--width", "20"],
        vec!["--pack", c, "read", "hostile", "--color", "never"],
        vec!["read", s(&lesson)],
        vec!["check", c],
        vec!["check", s(&pack)],
        vec!["simulate", s(&scenario)],
        vec!["simulate", s(&scenario), "--json"],
        vec!["--pack", c, "export-pack", "hostile", "--to", "anki"],
        vec!["--pack", c, "export-pack", "hostile", "--to", "gift"],
    ];
    for args in &runs {
        run(&data, args, b"").assert_code(0).assert_clean();
    }
    // Colour on request: SGR sequences and nothing else.
    for args in
        [vec!["--pack", c, "read", "hostile", "--color", "always"], vec!["read", s(&lesson), "--color", "always"]]
    {
        let r = run(&data, &args, b"");
        r.assert_code(0);
        if let Err(why) = safe_but_sgr(&r.stdout) {
            panic!("{args:?}: stdout {why}");
        }
        assert!(r.stdout.contains(&0x1b), "--color always colours");
    }
    // The plain quiz through a pipe, every question answered, hints asked.
    let answers = (ANSWERS.join("\n") + "\n").repeat(8) + "n\n";
    let r = run(&data, &["--pack", c, "quiz", "hostile", "--plain", "--seed", "5"], answers.as_bytes());
    r.assert_code(0).assert_clean().assert_stdout_has("Prompt").assert_stdout_has("Score:");
    r.assert_stdout_has("Hint one").assert_stdout_has("]0;pwned");
    // Answers typed with escape sequences are echoed neutralised.
    let typed = format!("{}\n", common::hostile_no_nul()).repeat(20);
    let r = run(&data, &["--pack", c, "quiz", "hostile", "--plain", "--seed", "5"], typed.as_bytes());
    r.assert_sane().assert_clean();
}

#[test]
fn imports_of_hostile_question_banks_print_no_escape_sequences() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let h = common::hostile_no_nul().replace('\r', "");
    // GIFT's special characters, escaped as GIFT does.
    let g = h.chars().fold(String::new(), |mut out, c| {
        if "~=#{}:\\".contains(c) {
            out.push('\\');
        }
        out.push(c);
        out
    });
    let banks = [
        ("aiken", format!("Prompt {h}?\nA. Right {h}\nB. Wrong {h}\nANSWER: A\n")),
        ("gift", format!("::Title {g}:: Prompt {g} {{=Right {g} #Feedback {g} ~Wrong {g}}}\n")),
        ("markdown", format!("# Prompt {h}\n\n- [x] Right {h}\n- [ ] Wrong {h}\n\n> Explanation {h}\n")),
        ("anki", format!("#separator:tab\n#html:true\nFront <b>{h}</b>\tBack <i>{h}</i>\n")),
        (
            "mdbook-quiz",
            format!(
                "[[questions]]\ntype = \"MultipleChoice\"\nprompt.prompt = {}\nprompt.distractors = [{}]\nanswer.answer = {}\n",
                toml_str(&format!("Prompt {h}")),
                toml_str(&format!("Wrong {h}")),
                toml_str(&format!("Right {h}"))
            ),
        ),
    ];
    for (format, text) in banks {
        let path = tmp.path().join(format!("bank-{format}.txt"));
        std::fs::write(&path, text).expect("write");
        // To the terminal (stdout), and to a file that must then check clean.
        let r = run(tmp.path(), &["import", s(&path), "--from", format], b"");
        r.assert_code(0).assert_clean();
        assert!(r.out().contains("YY"), "{format}: the hostile text was imported:\n{}", r.out());
        let out = tmp.path().join(format!("{format}.toml"));
        run(tmp.path(), &["import", s(&path), "--from", format, "-o", s(&out)], b"").assert_code(0).assert_clean();
        run(tmp.path(), &["check", s(&out)], b"").assert_code(0).assert_clean();
    }
}

#[test]
fn file_names_with_escape_sequences_are_shown_neutralised() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("names");
    std::fs::create_dir(&dir).expect("mkdir");
    // A file name may hold anything but `/` and NUL.
    let name = common::hostile_no_nul().replace('/', "");
    let write = |ext: &str, text: &str| {
        let path = dir.join(format!("{name}.{ext}"));
        std::fs::write(&path, text).expect("write a file with a hostile name");
        path
    };
    let broken_pack = write("toml", "format = 1\n[pack]\nid = \"x\"\n");
    let broken_lesson = write("md", "+++\nid = \"Bad Id\"\n+++\n");
    let bank = write("gift", "::t:: Q {=a ~b}\nbroken {\n");
    let scenario = write("scn.toml", "format = 1\n[scenario]\nid = 1\n");
    let data = tmp.path().join("data");
    let out = dir.join(format!("{name}.out.toml"));
    let missing = dir.join(&name);
    let runs: Vec<Vec<&str>> = vec![
        vec!["check", s(&dir)],
        vec!["check", s(&broken_pack)],
        vec!["quiz", s(&broken_pack), "--plain"],
        vec!["--pack", s(&broken_pack), "packs"],
        vec!["--pack", s(&dir), "lessons"],
        vec!["read", s(&broken_lesson)],
        vec!["import", s(&bank)],
        vec!["import", s(&bank), "--from", "gift", "-o", s(&out)],
        vec!["simulate", s(&scenario), "--json"],
        vec!["--pack", s(&missing), "packs"],
        vec!["--data-dir", s(&broken_pack), "stats"],
    ];
    for args in &runs {
        run(&data, args, b"").assert_sane().assert_clean();
    }
}

#[test]
fn progress_with_escape_sequences_is_shown_neutralised() {
    use lambda_tutor::study::{AnswerInput, Mode, Outcome, QuestionKey, Scheduler, Store};
    let tmp = tempfile::tempdir().expect("temp dir");
    let h = hostile();
    {
        // A database another tool (or a hostile pack) filled with escape sequences.
        let mut store = Store::open(tmp.path()).expect("open");
        let answer = AnswerInput {
            key: QuestionKey::new(format!("pack{h}"), format!("question{h}")),
            pack_version: format!("1{h}"),
            topic: format!("topic{h}"),
            answered_at: chrono::Utc::now(),
            mode: Mode::Quiz,
            outcome: Outcome::Incorrect,
            seconds: 3.0,
            hints_used: 0,
            response: format!("typed{h}"),
            drill: None,
            title: String::new(),
        };
        store.record_answer(&answer, &Scheduler::default(), None).expect("record");
    }
    for args in [&["stats"][..], &["stats", "--json"], &["history", "--format", "json"]] {
        run(tmp.path(), args, b"").assert_code(0).assert_clean();
    }
    // CSV is for files: kept as recorded, except on a terminal.
    run(tmp.path(), &["history", "--format", "csv"], b"").assert_code(0);
}

#[test]
fn the_reader_opens_pathological_lessons_and_gives_the_terminal_back() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("patho");
    std::fs::create_dir_all(dir.join("content")).expect("mkdir");
    let mut lists = String::new();
    for depth in 0..2_000 {
        lists.push_str(&"  ".repeat(depth));
        lists.push_str("- item\n");
    }
    let lessons = [
        ("quotes", format!("{} deep\n", ">".repeat(25_000))),
        ("lists", lists),
        ("long-line", format!("{}\n", "a".repeat(200_000))),
        (
            "wide-table",
            format!("|{}\n|{}\n|{}\n", " 漢字テーブル |".repeat(60), "---|".repeat(60), " 値😀 |".repeat(60)),
        ),
        ("mixed", format!("{}end\n", "> - 1. ".repeat(5_000))),
    ];
    for (i, (id, body)) in lessons.iter().enumerate() {
        let front = format!("+++\nid = \"{id}\"\ntitle = \"Patho {id}\"\nmodule = \"Patho\"\norder = {i}\n+++\n");
        std::fs::write(dir.join(format!("content/{i:02}-{id}.md")), front + body).expect("write");
    }
    let mut t = start(&["--pack", s(&dir)], &tmp.path().join("data"), 30, 100);
    t.wait_for("lambda-tutor");
    // The last lesson sits just above the Simulator row at the end.
    t.send("G");
    t.send("k");
    t.send("\r");
    // The last lesson first, then back through the others with `[`.
    for (id, _) in lessons.iter().rev() {
        t.wait_for(&format!("Patho {id}"));
        for keys in ["G", " ", "g", "/", "a", "\r"] {
            t.send(keys);
        }
        t.send("\x1b");
        t.send("[");
    }
    t.send("q");
    t.send("q");
    t.send("q");
    let status = t.wait_exit();
    assert!(status.success(), "exit status {status:?}; screen:\n{}", t.screen());
    let raw = t.raw();
    assert!(String::from_utf8_lossy(&raw).contains("\u{1b}[?1049l"), "the alternate screen was left");
    assert_terminal_bytes_safe(&raw);
}
