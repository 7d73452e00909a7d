//! `check`: validate packs, lessons and scenarios together, as one course,
//! so that references between them (a question's `lesson`, a `predict`
//! question's `scenario`) can be resolved. Every problem of every file is
//! reported in one run, sorted by file, line and column.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use toml::de::DeTable;

use super::lesson::parse_lesson;
use crate::infra::suggest;
use crate::infra::{Diagnostic, embedded};
use crate::quiz::model::Pack;
use crate::quiz::parse::{RefKind, decode, expand_facts, pack_from_doc, parse_toml, sort_diagnostics};

/// What a file is taken to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Pack,
    Lesson,
    Scenario,
    Lab,
}

/// One file to check.
#[derive(Debug, Clone)]
pub struct Input {
    /// As shown in diagnostics.
    pub path: String,
    pub kind: FileKind,
    pub bytes: Vec<u8>,
    /// Named on the command line (rather than found in a directory): a
    /// `.toml` file found in a directory that looks like no course file at
    /// all (a `Cargo.toml`) is skipped, a named one is always checked.
    pub explicit: bool,
}

/// What the checked files may refer to besides each other.
#[derive(Debug, Clone, Default)]
pub struct Context {
    pub lessons: BTreeSet<String>,
    pub scenarios: BTreeSet<String>,
    /// Packs the checked lessons' checkpoints may name besides the checked
    /// packs (a whole installed course's).
    pub packs: Vec<Pack>,
    /// Whether the built-in packs count too. They are parsed only when a
    /// checked lesson has checkpoints to resolve: `check` of a large pack
    /// alone must not pay for parsing the built-in course's questions.
    pub builtin_packs: bool,
}

impl Context {
    /// The built-in course: its lesson ids and its scenario presets (file
    /// stems of `assets/scenarios/*.toml`).
    pub fn builtin() -> Self {
        let lessons = embedded::lessons()
            .iter()
            .filter_map(|(path, bytes)| parse_lesson(path, bytes).ok())
            .map(|l| l.meta.id)
            .collect();
        let scenarios = embedded::scenarios().iter().filter_map(|(path, _)| stem(path)).collect();
        Self { lessons, scenarios, packs: Vec::new(), builtin_packs: true }
    }

    /// Every lesson and scenario of a loaded course (built-in and
    /// installed): what `check` resolves references against.
    pub fn from_course(course: &crate::course::Course) -> Self {
        let lessons = course.lessons.iter().map(|l| l.meta.id.clone()).collect();
        let mut scenarios: BTreeSet<String> = course.scenarios.iter().map(|s| s.id.clone()).collect();
        scenarios.extend(course.scenarios.iter().filter_map(|s| stem(&s.path)));
        Self { lessons, scenarios, packs: course.packs.clone(), builtin_packs: false }
    }
}

fn stem(path: &str) -> Option<String> {
    Path::new(path).file_stem().and_then(|s| s.to_str()).map(str::to_owned)
}

/// The outcome of a check.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Sorted by path, line, column.
    pub diagnostics: Vec<Diagnostic>,
    /// How many files were checked.
    pub files: usize,
    /// Packs that loaded without errors.
    pub packs: Vec<Pack>,
    /// The lesson, pack and scenario ids the checked files define, and
    /// where (for comparing a course with the built-in one).
    pub defined: Vec<Defined>,
}

/// An id a checked file defines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Defined {
    pub kind: FileKind,
    pub id: String,
    pub path: String,
    pub line: usize,
    pub column: usize,
}

impl Report {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }

    /// `checked 3 files: 2 errors, 1 warning`.
    pub fn summary(&self) -> String {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        format!(
            "checked {}: {}, {}",
            plural(self.files, "file"),
            plural(self.errors(), "error"),
            plural(self.warnings(), "warning")
        )
    }
}

/// Validate a simulator scenario file: every problem the simulator's own
/// loader finds (unknown keys with a "did you mean", wrong types, values
/// out of range, a trace file it cannot read), warnings included.
pub fn validate_scenario(path: &str, bytes: &[u8]) -> Vec<Diagnostic> {
    crate::sim::validate_scenario(path, bytes)
}

/// Ids a scenario file provides: its file stem and its `[scenario] id`.
fn scenario_ids(path: &str, bytes: &[u8]) -> Vec<String> {
    let mut ids: Vec<String> = stem(path).into_iter().collect();
    let id = std::str::from_utf8(bytes)
        .ok()
        .and_then(|src| src.parse::<toml::Table>().ok())
        .and_then(|t| t.get("scenario")?.get("id")?.as_str().map(str::to_owned));
    ids.extend(id);
    ids
}

/// What a parsed `.toml` document looks like.
#[derive(Debug, PartialEq, Eq)]
enum Looks {
    Pack,
    Scenario,
    Lab,
    Foreign,
}

fn looks_like(doc: &DeTable<'_>) -> Looks {
    if doc.contains_key("pack") || doc.contains_key("questions") {
        Looks::Pack
    } else if doc.contains_key("lab") {
        Looks::Lab
    } else if doc.contains_key("scenario") || doc.contains_key("sources") {
        Looks::Scenario
    } else if doc.contains_key("format") {
        Looks::Pack
    } else {
        Looks::Foreign
    }
}

/// Check `inputs` as one course, with `context` (normally the built-in
/// course) for references. The packs without errors are returned in the
/// report.
pub fn check_inputs(inputs: &[Input], context: &Context) -> Report {
    check(inputs, context, false)
}

/// [`check_inputs`] for `check` itself, which also asks more of the content
/// than loading does: the item-writing lint over the checked packs
/// ([`super::lint`]) and, for lessons, a date, sources and checkpoints that
/// name real questions ([`crate::course::lesson_rules`]).
pub fn validate_inputs(inputs: &[Input], context: &Context) -> Report {
    check(inputs, context, true)
}

fn check(inputs: &[Input], context: &Context, authoring: bool) -> Report {
    let keep_packs = true;
    let mut checked_lessons = Vec::new();
    let mut report = Report::default();
    let mut lessons = context.lessons.clone();
    let mut scenarios = context.scenarios.clone();
    let mut lesson_paths: BTreeMap<String, String> = BTreeMap::new();
    let mut packs = Vec::new();

    for input in inputs {
        let path = input.path.as_str();
        match input.kind {
            FileKind::Lesson => {
                report.files += 1;
                match parse_lesson(path, &input.bytes) {
                    Ok(lesson) => {
                        if authoring {
                            checked_lessons.push((lesson.clone(), String::from_utf8_lossy(&input.bytes).into_owned()));
                        }
                        let src = String::from_utf8_lossy(&input.bytes);
                        report.diagnostics.extend(crate::course::images::missing_images(path, &src, &lesson.body));
                        if let Some(first) = lesson_paths.get(&lesson.meta.id) {
                            let (line, column) = id_place(&input.bytes);
                            report.diagnostics.push(Diagnostic::error(
                                path,
                                line,
                                column,
                                format!("lesson id `{}` is already used by {first}", lesson.meta.id),
                            ));
                        } else {
                            let (line, column) = id_place(&input.bytes);
                            report.defined.push(Defined {
                                kind: FileKind::Lesson,
                                id: lesson.meta.id.clone(),
                                path: path.to_owned(),
                                line,
                                column,
                            });
                            lesson_paths.insert(lesson.meta.id.clone(), path.to_owned());
                            lessons.insert(lesson.meta.id);
                        }
                    }
                    Err(diagnostics) => {
                        report.diagnostics.extend(diagnostics);
                        // Links to a lesson whose front matter is wrong are not errors too.
                        lessons.extend(crate::course::lesson::declared_id(&input.bytes));
                    }
                }
            }
            FileKind::Scenario => {
                report.files += 1;
                report.diagnostics.extend(validate_scenario(path, &input.bytes));
                define_scenario(&mut report, path, &input.bytes);
                scenarios.extend(scenario_ids(path, &input.bytes));
            }
            FileKind::Lab => {
                report.files += 1;
                report.diagnostics.extend(crate::lab::validate(path, &input.bytes, Some(&lessons)));
            }
            FileKind::Pack => {
                let parsed = match decode(path, &input.bytes) {
                    Err(d) => {
                        report.files += 1;
                        report.diagnostics.push(d);
                        continue;
                    }
                    Ok(src) => match expand_facts(path, src) {
                        (_, unknown) if !unknown.is_empty() => {
                            report.files += 1;
                            report.diagnostics.extend(unknown);
                            continue;
                        }
                        (src, _) => match parse_toml(path, &src) {
                            Err(diagnostics) => {
                                report.files += 1;
                                report.diagnostics.extend(diagnostics);
                                continue;
                            }
                            Ok(doc) => match looks_like(doc.get_ref()) {
                                Looks::Foreign if !input.explicit => continue,
                                Looks::Lab => {
                                    report.files += 1;
                                    report.diagnostics.extend(crate::lab::validate(path, &input.bytes, Some(&lessons)));
                                    continue;
                                }
                                Looks::Scenario => {
                                    report.files += 1;
                                    report.diagnostics.extend(validate_scenario(path, &input.bytes));
                                    define_scenario(&mut report, path, &input.bytes);
                                    scenarios.extend(scenario_ids(path, &input.bytes));
                                    continue;
                                }
                                _ => pack_from_doc(path, &src, doc, keep_packs),
                            },
                        },
                    },
                };
                report.files += 1;
                packs.push((input.path.clone(), parsed));
            }
        }
    }

    // References are resolved once every file is known.
    let mut pack_ids: BTreeMap<String, String> = BTreeMap::new();
    for (path, mut parsed) in packs {
        let mut errors = false;
        if let Some((id, line, column)) = &parsed.id {
            if let Some(first) = pack_ids.get(id) {
                parsed.diagnostics.push(Diagnostic::error(
                    &path,
                    *line,
                    *column,
                    format!("pack id `{id}` is already used by {first}"),
                ));
                errors = true;
            } else {
                report.defined.push(Defined {
                    kind: FileKind::Pack,
                    id: id.clone(),
                    path: path.clone(),
                    line: *line,
                    column: *column,
                });
                pack_ids.insert(id.clone(), path.clone());
            }
        }
        for reference in &parsed.references {
            let (known, what) = match reference.kind {
                RefKind::Lesson => (&lessons, "lesson"),
                RefKind::Scenario => (&scenarios, "scenario"),
            };
            if !known.contains(&reference.id) {
                let hint = suggest::hint(&reference.id, known.iter().map(String::as_str));
                parsed.diagnostics.push(Diagnostic::error(
                    &path,
                    reference.line,
                    reference.column,
                    format!("{what} `{}` does not exist{hint}", reference.id),
                ));
                errors = true;
            }
        }
        report.diagnostics.extend(parsed.diagnostics);
        if let Some(pack) = parsed.pack.filter(|_| !errors) {
            report.packs.push(pack);
        }
    }
    if authoring {
        authoring_rules(&mut report, inputs, context, &checked_lessons);
    }
    sort_diagnostics(&mut report.diagnostics);
    report
}

/// The lint over the checked packs, and the lesson rules with checkpoints
/// resolved against the checked packs first, then the context's.
fn authoring_rules(
    report: &mut Report,
    inputs: &[Input],
    context: &Context,
    lessons: &[(crate::course::Lesson, String)],
) {
    // Borrowed: a pack's text is only read for the places of its questions.
    let sources: BTreeMap<&str, std::borrow::Cow<'_, str>> =
        inputs.iter().map(|i| (i.path.as_str(), String::from_utf8_lossy(&i.bytes))).collect();
    let lint_inputs: Vec<crate::quiz::lint::LintInput<'_>> = report
        .packs
        .iter()
        .filter_map(|pack| sources.get(pack.path.as_str()).map(|src| crate::quiz::lint::LintInput { pack, src }))
        .collect();
    let mut found = crate::quiz::lint::lint(&lint_inputs);
    if !lessons.is_empty() {
        // References, not copies: a checked pack may hold 50,000 questions.
        let builtin = if context.builtin_packs { crate::quiz::load::builtin_packs().0 } else { Vec::new() };
        let mut all_packs: Vec<&Pack> = report.packs.iter().collect();
        all_packs.extend(
            context.packs.iter().chain(&builtin).filter(|p| !report.packs.iter().any(|c| c.meta.id == p.meta.id)),
        );
        for (lesson, src) in lessons {
            found.extend(crate::course::lesson_rules::lesson_diagnostics(lesson, src, &all_packs));
        }
    }
    report.diagnostics.extend(found);
}

/// A scenario's id (`[scenario] id`, else its file stem), at 1:1.
fn define_scenario(report: &mut Report, path: &str, bytes: &[u8]) {
    if let Some(id) = scenario_ids(path, bytes).pop() {
        report.defined.push(Defined { kind: FileKind::Scenario, id, path: path.to_owned(), line: 1, column: 1 });
    }
}

/// Where the `id =` line of a lesson's front matter is (1-based line and
/// column), or 1:1.
fn id_place(bytes: &[u8]) -> (usize, usize) {
    let src = String::from_utf8_lossy(bytes);
    src.lines().position(|l| l.trim_start().starts_with("id") && l.contains('=')).map_or((1, 1), |i| (i + 1, 1))
}

/// Files gathered from the paths of a `check` (or a `--pack`), plus the
/// paths that could not be read.
#[derive(Debug, Default)]
pub struct Collected {
    pub inputs: Vec<Input>,
    /// One sentence per path that is missing or unreadable.
    pub problems: Vec<String>,
    /// Files refused for what they are (over the size limit): errors of
    /// the check, at 1:1 of the file.
    pub diagnostics: Vec<Diagnostic>,
}

/// Gather the files named by `paths`: files as they are, directories
/// recursively (hidden entries, `target/` and README files skipped).
pub fn collect(paths: &[PathBuf]) -> Collected {
    let mut out = Collected::default();
    let mut seen: BTreeSet<PathBuf> = BTreeSet::new();
    for path in paths {
        match std::fs::metadata(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                out.problems.push(format!("{}: no such file or directory", path.display()));
            }
            Err(e) => out.problems.push(format!("cannot read {}: {e}", path.display())),
            Ok(meta) if meta.is_dir() => walk(path, &mut out, &mut seen),
            Ok(_) => match kind_of(path, true) {
                Some(kind) => add_file(path, kind, true, &mut out, &mut seen),
                None => out.problems.push(format!(
                    "{}: not a quiz pack (.toml), lesson (.md) or scenario (.toml) file",
                    path.display()
                )),
            },
        }
    }
    out
}

/// Pack, lesson or scenario, by extension and folder; `None` for other files.
fn kind_of(path: &Path, explicit: bool) -> Option<FileKind> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    let name = path.file_name()?.to_str()?;
    if !explicit && name.eq_ignore_ascii_case("README.md") {
        return None;
    }
    match ext.as_str() {
        "md" => Some(FileKind::Lesson),
        "toml" => {
            let folder = path.parent().and_then(Path::file_name);
            let in_folder = |name: &str| folder.is_some_and(|d| d.eq_ignore_ascii_case(name));
            Some(if in_folder("scenarios") {
                FileKind::Scenario
            } else if in_folder("labs") {
                FileKind::Lab
            } else {
                FileKind::Pack
            })
        }
        _ => None,
    }
}

fn add_file(path: &Path, kind: FileKind, explicit: bool, out: &mut Collected, seen: &mut BTreeSet<PathBuf>) {
    let key = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    if !seen.insert(key) {
        return;
    }
    match crate::infra::read_bounded(path) {
        Ok(bytes) => out.inputs.push(Input { path: path.display().to_string(), kind, bytes, explicit }),
        Err(e @ crate::infra::ReadError::TooLarge { .. }) => out.diagnostics.push(e.to_diagnostic()),
        Err(e) => out.problems.push(e.to_string()),
    }
}

fn walk(dir: &Path, out: &mut Collected, seen: &mut BTreeSet<PathBuf>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            out.problems.push(format!("cannot read {}: {e}", dir.display()));
            return;
        }
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(std::fs::DirEntry::file_name);
    for entry in entries {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') || name == "target" {
            continue;
        }
        let path = entry.path();
        // Symbolic links to directories are not followed: no cycles.
        let Ok(file_type) = entry.file_type() else { continue };
        if file_type.is_dir() {
            walk(&path, out, seen);
        } else if (file_type.is_file() || std::fs::metadata(&path).is_ok_and(|m| m.is_file()))
            && let Some(kind) = kind_of(&path, false)
        {
            add_file(&path, kind, false, out, seen);
        }
    }
}

/// Packs from files and course directories named by the learner
/// (`--pack PATH`, `quiz PATH`), checked exactly as `check` would check
/// them, references included.
#[derive(Debug, Default)]
pub struct FromPaths {
    /// Packs without errors.
    pub packs: Vec<Pack>,
    /// Every error and warning, sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// Paths that are missing or unreadable, one sentence each.
    pub problems: Vec<String>,
}

impl FromPaths {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

pub fn load_paths(paths: &[PathBuf], context: &Context) -> FromPaths {
    if paths.is_empty() {
        return FromPaths::default();
    }
    let collected = collect(paths);
    let mut report = check_inputs(&collected.inputs, context);
    if !collected.diagnostics.is_empty() {
        report.diagnostics.extend(collected.diagnostics);
        sort_diagnostics(&mut report.diagnostics);
    }
    let mut problems = collected.problems;
    if report.packs.is_empty() && problems.is_empty() && !report.diagnostics.iter().any(Diagnostic::is_error) {
        let none = collected.inputs.iter().all(|i| i.kind != FileKind::Pack);
        if none {
            let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
            problems.push(format!("no quiz pack found in {}", names.join(", ")));
        }
    }
    FromPaths { packs: report.packs, diagnostics: report.diagnostics, problems }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(path: &str, kind: FileKind, text: &str) -> Input {
        Input { path: path.to_owned(), kind, bytes: text.as_bytes().to_vec(), explicit: true }
    }

    const LESSON: &str = "+++\nid = \"limits\"\ntitle = \"Limits\"\nmodule = \"M\"\norder = 1\n+++\nBody.\n";

    fn pack(id: &str, lesson: &str) -> String {
        format!(
            "format = 1\n[pack]\nid = \"{id}\"\ntitle = \"T\"\nversion = \"1\"\n\n[[questions]]\nid = \"q\"\n\
             type = \"predict\"\ntopic = \"t\"\nlesson = \"{lesson}\"\nprompt = \"How many?\"\n\
             scenario = \"burst\"\nmetric = \"cold_starts\"\nexplanation = \"Each new environment runs Init.\"\n"
        )
    }

    #[test]
    fn references_resolve_against_checked_files_and_context() {
        let context =
            Context { lessons: BTreeSet::new(), scenarios: ["burst".to_owned()].into(), ..Context::default() };
        let inputs = [
            input("content/limits.md", FileKind::Lesson, LESSON),
            input("a.toml", FileKind::Pack, &pack("a", "limits")),
        ];
        let report = check_inputs(&inputs, &context);
        assert_eq!(report.diagnostics, vec![], "{:#?}", report.diagnostics);
        assert_eq!(report.files, 2);
        assert_eq!(report.packs.len(), 1);
        assert_eq!(report.summary(), "checked 2 files: 0 errors, 0 warnings");
    }

    #[test]
    fn missing_references_and_duplicate_packs_are_errors() {
        let inputs =
            [input("a.toml", FileKind::Pack, &pack("a", "limitz")), input("b.toml", FileKind::Pack, &pack("a", "x"))];
        let report = check_inputs(&inputs, &Context { lessons: ["limits".to_owned()].into(), ..Context::default() });
        let messages: Vec<String> = report.diagnostics.iter().map(ToString::to_string).collect();
        assert!(
            messages
                .contains(&"a.toml:11:10: error: lesson `limitz` does not exist; did you mean `limits`?".to_owned()),
            "{messages:#?}"
        );
        assert!(messages.contains(&"a.toml:13:12: error: scenario `burst` does not exist".to_owned()), "{messages:#?}");
        assert!(
            messages.contains(&"b.toml:3:6: error: pack id `a` is already used by a.toml".to_owned()),
            "{messages:#?}"
        );
        assert!(report.packs.is_empty());
        assert_eq!(report.summary(), "checked 2 files: 5 errors, 0 warnings");
    }

    #[test]
    fn validating_reports_what_loading_reports_plus_authoring_warnings() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/packs");
        let collected = collect(&[PathBuf::from(dir)]);
        assert!(collected.inputs.len() > 20, "the fixtures are there");
        let loaded = check_inputs(&collected.inputs, &Context::default());
        let validated = validate_inputs(&collected.inputs, &Context::default());
        for d in &loaded.diagnostics {
            assert!(validated.diagnostics.contains(d), "validation lost {d}");
        }
        let extra: Vec<&Diagnostic> =
            validated.diagnostics.iter().filter(|d| !loaded.diagnostics.contains(d)).collect();
        assert!(extra.iter().all(|d| !d.is_error()), "authoring rules only warn: {extra:?}");
        assert_eq!(loaded.files, validated.files);
        assert!(!loaded.packs.is_empty());
        assert_eq!(loaded.packs.len(), validated.packs.len());
    }

    #[test]
    fn scenarios_are_checked_by_the_simulator() {
        let ok = "format = 1\n[scenario]\nid = \"x\"\ntitle = \"X\"\n[[sources]]\nkind = \"s3\"\n\
                  arrival = { process = \"burst\", count = 1 }\n";
        assert_eq!(validate_scenario("x.toml", ok.as_bytes()), vec![]);
        let d = validate_scenario("s.toml", b"format = 2\n");
        assert!(d.iter().any(|d| (d.line, d.column) == (1, 10)), "{d:?}");
        let d = validate_scenario("x.toml", ok.replace("kind = \"s3\"", "kind = \"s4\"").as_bytes());
        assert!(d.iter().any(|d| d.message.contains("s4")), "{d:?}");
        let d = validate_scenario("s.toml", b"x = \n");
        assert_eq!((d.len(), d[0].line, d[0].column), (1, 1, 5), "a syntax error, placed: {d:?}");
    }

    #[test]
    fn predict_questions_resolve_against_scenario_files_and_presets() {
        let scenario = "format = 1\n[scenario]\nid = \"burst\"\ntitle = \"Burst\"\n[[sources]]\nkind = \"s3\"\n\
                        arrival = { process = \"burst\", count = 5 }\n";
        let inputs = [
            input("content/limits.md", FileKind::Lesson, LESSON),
            input("assets/scenarios/burst.toml", FileKind::Scenario, scenario),
            input("a.toml", FileKind::Pack, &pack("a", "limits")),
            input("b.toml", FileKind::Pack, &pack("b", "limits").replace("\"burst\"", "\"keep-alive-cliff\"")),
        ];
        let report = check_inputs(&inputs, &Context::builtin());
        assert_eq!(report.errors(), 0, "{:#?}", report.diagnostics);
        assert_eq!(report.packs.len(), 2);
    }

    #[test]
    fn foreign_toml_found_in_a_directory_is_skipped_but_a_named_one_is_checked() {
        let cargo = "[package]\nname = \"x\"\n";
        let mut walked = input("Cargo.toml", FileKind::Pack, cargo);
        walked.explicit = false;
        let report = check_inputs(&[walked], &Context::default());
        assert_eq!((report.files, report.diagnostics.len()), (0, 0));
        let report = check_inputs(&[input("Cargo.toml", FileKind::Pack, cargo)], &Context::default());
        assert!(report.errors() > 0);
    }

    #[test]
    fn duplicate_lessons_are_reported_at_their_id() {
        let inputs = [input("a.md", FileKind::Lesson, LESSON), input("b.md", FileKind::Lesson, LESSON)];
        let report = check_inputs(&inputs, &Context::default());
        assert_eq!(report.diagnostics.len(), 1);
        assert_eq!(report.diagnostics[0].to_string(), "b.md:2:1: error: lesson id `limits` is already used by a.md");
    }

    #[test]
    fn directories_are_walked_and_classified() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        std::fs::create_dir_all(root.join("quizzes")).expect("mkdir");
        std::fs::create_dir_all(root.join("assets/scenarios")).expect("mkdir");
        std::fs::create_dir_all(root.join(".git")).expect("mkdir");
        std::fs::write(root.join("quizzes/a.toml"), "x").expect("write");
        std::fs::write(root.join("quizzes/README.md"), "guide").expect("write");
        std::fs::write(root.join("assets/scenarios/s.toml"), "x").expect("write");
        std::fs::write(root.join("lesson.md"), "x").expect("write");
        std::fs::write(root.join("notes.txt"), "x").expect("write");
        std::fs::write(root.join(".git/config.toml"), "x").expect("write");
        let collected = collect(&[root.to_path_buf(), root.join("quizzes/a.toml"), root.join("missing")]);
        let kinds: Vec<(String, FileKind)> = collected
            .inputs
            .iter()
            .map(|i| (Path::new(&i.path).strip_prefix(root).expect("inside").display().to_string(), i.kind))
            .collect();
        assert_eq!(
            kinds,
            [
                ("assets/scenarios/s.toml".to_owned(), FileKind::Scenario),
                ("lesson.md".to_owned(), FileKind::Lesson),
                ("quizzes/a.toml".to_owned(), FileKind::Pack),
            ]
        );
        assert_eq!(collected.problems.len(), 1);
        assert!(collected.problems[0].ends_with("missing: no such file or directory"));
    }
}
