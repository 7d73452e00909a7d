//! Reading history exports (`history --format csv|json`) for a class report.
//!
//! Columns are found by name, so exports of every version load: the ones
//! made before answers carried a learner name and a question title read the
//! learner from the file name (`alice.csv` → `alice`) and leave the title
//! empty. A file's format is told by its first character (`[` is JSON), not
//! its extension, so a renamed export still loads. A bad row is reported
//! with its file and line and skipped; a file that cannot be read at all is
//! reported and the other files still count.

use std::collections::HashSet;
use std::hash::BuildHasherDefault;
use std::path::{Path, PathBuf};

use super::hash::{FastMap, Fx};
use super::json_rows;
use super::row::{Field, Row, unix_millis};
use crate::infra::read_bounded;

/// One answer of one learner, with its strings interned.
#[derive(Debug, Clone, PartialEq)]
pub struct Attempt {
    /// Index into [`Dataset::learners`].
    pub learner: u32,
    /// Index into [`Dataset::questions`].
    pub question: u32,
    /// Unix milliseconds; with `id`, orders one learner's attempts.
    pub at: i64,
    pub id: i64,
    /// Checked right, or (for a self-graded card) graded other than `again`.
    pub correct: bool,
    pub seconds: f32,
    pub hints: u32,
    /// Index into [`Dataset::responses`]: a class gives the same few
    /// responses to a question millions of times.
    pub response: u32,
}

/// A question as the exports name it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct QuestionMeta {
    pub pack: String,
    pub id: String,
    /// Its one-line title, when the export has one (the latest seen).
    pub title: String,
    pub topic: String,
    /// The pack version of the latest answer seen.
    pub pack_version: String,
}

/// Everything read from the exports.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    pub learners: Vec<String>,
    pub questions: Vec<QuestionMeta>,
    pub attempts: Vec<Attempt>,
    /// Every distinct response, once.
    pub responses: Vec<String>,
    /// `file:line: message` for each row or file that was skipped.
    pub problems: Vec<String>,
    /// How many files were read (wholly or in part).
    pub files: usize,
    learner_index: FastMap<String, u32>,
    /// The learner of the last row: an export is one learner's, so most
    /// rows are told apart from it by one comparison, without hashing.
    last_learner: Option<u32>,
    /// Keyed by [`question_key`].
    question_index: FastMap<Box<[u8]>, u32>,
    response_index: FastMap<Box<str>, u32>,
    /// Scratch for [`question_key`], kept to save an allocation a row.
    key: Vec<u8>,
    /// Per learner, the answers already seen: the same learner's history
    /// exported twice (as CSV and as JSON) counts once.
    seen: Vec<Seen>,
}

/// The (time, id) of a learner's answers already read.
#[derive(Debug, Clone)]
enum Seen {
    /// In increasing order so far, as `history` writes them: a new answer
    /// is one after the last, and the set is never built.
    Ordered { last: Option<(i64, i64)>, attempts: Vec<u32> },
    /// Out of order (a second export of the same history, or a hand-made
    /// file): every key.
    Set(HashSet<(i64, i64), BuildHasherDefault<Fx>>),
}

impl Default for Seen {
    fn default() -> Self {
        Self::Ordered { last: None, attempts: Vec::new() }
    }
}

/// What reading the paths comes to, in order: a directory that could not
/// be listed, or a file to read.
enum Work {
    Problem(String),
    File(PathBuf),
}

/// Reading threads at most, and the fewest files worth a thread of its own.
const MAX_THREADS: usize = 4;
const MIN_FILES_PER_THREAD: usize = 8;

/// At most this many bad rows of one file are named; the rest are counted.
const MAX_ROW_PROBLEMS: usize = 5;

impl Dataset {
    /// A dataset made in memory (benchmarks, tests): no duplicate check.
    /// `responses` are the texts [`Attempt::response`] indexes.
    pub fn from_parts(
        learners: Vec<String>,
        questions: Vec<QuestionMeta>,
        attempts: Vec<Attempt>,
        responses: Vec<String>,
    ) -> Self {
        Self { learners, questions, attempts, responses, files: 1, ..Self::default() }
    }

    /// The response of an attempt.
    pub fn response(&self, attempt: &Attempt) -> &str {
        self.responses.get(attempt.response as usize).map_or("", String::as_str)
    }

    /// Read every export in `paths`: files, and directories searched
    /// recursively for `.csv` and `.json` files (in name order).
    ///
    /// A class's files are read on a few threads, each a run of
    /// consecutive files, and the parts merged back in file order: the
    /// dataset is the one a single pass gives (same indices, same answer
    /// kept of a duplicate, same problems in the same order).
    pub fn read_paths(paths: &[PathBuf]) -> Self {
        let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get).min(MAX_THREADS);
        Self::read_paths_on(paths, threads)
    }

    fn read_paths_on(paths: &[PathBuf], threads: usize) -> Self {
        let mut work = Vec::new();
        for path in paths {
            let mut problems = Vec::new();
            let files = export_files(path, &mut problems);
            work.extend(problems.into_iter().map(Work::Problem));
            work.extend(files.into_iter().map(Work::File));
        }
        if threads < 2 || work.len() < MIN_FILES_PER_THREAD * 2 {
            return Self::read_work(&work);
        }
        let share = work.len().div_ceil(threads.min(work.len() / MIN_FILES_PER_THREAD));
        let parts: Vec<Self> = std::thread::scope(|scope| {
            let running: Vec<_> = work.chunks(share).map(|run| scope.spawn(|| Self::read_work(run))).collect();
            // A reader thread only panics on a bug: pass it on as it was.
            running.into_iter().map(|t| t.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
        });
        let mut parts = parts.into_iter();
        let mut data = parts.next().unwrap_or_default();
        for part in parts {
            data.absorb(part);
        }
        data
    }

    fn read_work(work: &[Work]) -> Self {
        let mut data = Self::default();
        for item in work {
            match item {
                Work::Problem(problem) => data.problems.push(problem.clone()),
                Work::File(file) => data.read_file(file),
            }
        }
        data
    }

    /// Add `part`, read from files that come after this dataset's, as if
    /// its rows had been read here.
    fn absorb(&mut self, part: Self) {
        self.problems.extend(part.problems);
        self.files += part.files;
        let learners: Vec<u32> =
            part.learners.iter().map(|name| intern(&mut self.learner_index, &mut self.learners, name)).collect();
        let responses: Vec<u32> =
            part.responses.iter().map(|text| intern(&mut self.response_index, &mut self.responses, text)).collect();
        let mut questions = Vec::with_capacity(part.questions.len());
        for meta in part.questions {
            let q = self.question(&meta.pack, &meta.id).ok();
            if let Some(q) = q {
                // The part's meta is its latest non-empty text: later than ours.
                let kept = &mut self.questions[q as usize];
                for (kept, new) in [
                    (&mut kept.title, meta.title),
                    (&mut kept.topic, meta.topic),
                    (&mut kept.pack_version, meta.pack_version),
                ] {
                    if !new.is_empty() {
                        *kept = new;
                    }
                }
            }
            questions.push(q);
        }
        self.attempts.reserve(part.attempts.len());
        for mut a in part.attempts {
            let Some(question) = questions[a.question as usize] else { continue };
            a.question = question;
            a.learner = learners[a.learner as usize];
            a.response = responses[a.response as usize];
            if self.first_time(a.learner, (a.at, a.id)) {
                self.attempts.push(a);
            }
        }
    }

    /// Read one export file; problems go to [`Dataset::problems`].
    pub fn read_file(&mut self, path: &Path) {
        let shown = path.display().to_string();
        let bytes = match read_bounded(path) {
            Ok(bytes) => bytes,
            Err(e) => {
                self.problems.push(format!("{}: {}", e.path(), e.reason()));
                return;
            }
        };
        let Ok(text) = String::from_utf8(bytes) else {
            self.problems.push(format!("{shown}:1: not UTF-8 text, so not a history export"));
            return;
        };
        let fallback = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        self.read_text(&shown, &text, &fallback);
    }

    /// Read one export's text. `fallback_learner` names the learner of rows
    /// without a `learner` field.
    pub fn read_text(&mut self, shown: &str, text: &str, fallback_learner: &str) {
        self.files += 1;
        if text.trim_start().starts_with('[') {
            self.read_json(shown, text, fallback_learner);
        } else {
            self.read_csv(shown, text, fallback_learner);
        }
    }

    fn read_json(&mut self, shown: &str, text: &str, fallback: &str) {
        let mut bad = 0;
        let mut read = 0;
        let outcome = json_rows::each_row(text, |i, row| {
            read += 1;
            if let Err(message) = row.and_then(|row| self.add(&row, fallback)) {
                bad += 1;
                if bad <= MAX_ROW_PROBLEMS {
                    self.problems.push(format!("{shown}: answer {} of the array: {message}", i + 1));
                }
            }
        });
        if let Err(e) = outcome {
            let (line, column) = (e.line(), e.column());
            // Answers before the fault count, as rows before a broken CSV line do.
            self.problems.push(if read == 0 {
                format!("{shown}:{line}:{column}: not a history export: {e}")
            } else {
                format!("{shown}:{line}:{column}: {e}; the rest of the file is skipped")
            });
        }
        self.more_problems(shown, bad);
    }

    fn read_csv(&mut self, shown: &str, text: &str, fallback: &str) {
        let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(text.as_bytes());
        // The field of each column, looked up once.
        let columns: Vec<Option<Field>> = match reader.headers() {
            Ok(h) => h.iter().map(Field::named).collect(),
            Err(e) => {
                self.problems.push(format!("{shown}:1: not a history export: {e}"));
                return;
            }
        };
        let missing: Vec<&str> = [Field::PackId, Field::QuestionId, Field::AnsweredAt]
            .into_iter()
            .filter(|f| !columns.contains(&Some(*f)))
            .map(Field::name)
            .collect();
        if !missing.is_empty() {
            self.problems.push(format!(
                "{shown}:1: not a history export: the header has no `{}` column{}",
                missing.join("`, `"),
                if missing.len() > 1 { "s" } else { "" }
            ));
            return;
        }
        let mut bad = 0;
        let mut record = csv::StringRecord::new();
        loop {
            let outcome = match reader.read_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {
                    let line = record.position().map_or(0, csv::Position::line);
                    let mut row = Row::default();
                    let set = record
                        .iter()
                        .zip(&columns)
                        .filter_map(|(text, field)| Some((text, (*field)?)))
                        .try_for_each(|(text, field)| row.set_text(field, text.into()));
                    set.and_then(|()| self.add(&row, fallback)).map_err(|m| (line, m))
                }
                Err(e) => {
                    let line = e.position().map_or(0, csv::Position::line);
                    let unrecoverable = !matches!(e.kind(), csv::ErrorKind::UnequalLengths { .. });
                    if unrecoverable {
                        self.problems
                            .push(format!("{shown}:{line}: {}; the rest of the file is skipped", csv_reason(&e)));
                        break;
                    }
                    Err((line, csv_reason(&e)))
                }
            };
            if let Err((line, message)) = outcome {
                bad += 1;
                if bad <= MAX_ROW_PROBLEMS {
                    self.problems.push(format!("{shown}:{line}: {message}"));
                }
            }
        }
        self.more_problems(shown, bad);
    }

    fn more_problems(&mut self, shown: &str, bad: usize) {
        if bad > MAX_ROW_PROBLEMS {
            self.problems.push(format!("{shown}: {} more bad answers skipped", bad - MAX_ROW_PROBLEMS));
        }
    }

    /// Intern one row. `Err` says why it is unusable.
    fn add(&mut self, row: &Row<'_>, fallback: &str) -> Result<(), String> {
        let at = unix_millis(&row.answered_at)?;
        if row.pack_id.is_empty() || row.question_id.is_empty() {
            return Err("`pack_id` and `question_id` must not be empty".into());
        }
        let name = row.learner.trim();
        let learner = self.learner(if name.is_empty() { fallback } else { name });
        let question = self.question(&row.pack_id, &row.question_id)?;
        let meta = &mut self.questions[question as usize];
        // Compared first: the same text on every row must not be copied each time.
        for (kept, new) in
            [(&mut meta.title, &row.title), (&mut meta.topic, &row.topic), (&mut meta.pack_version, &row.pack_version)]
        {
            if !new.is_empty() && kept != new {
                new.as_ref().clone_into(kept);
            }
        }
        if !self.first_time(learner, (at, row.id)) {
            return Ok(());
        }
        let correct = row.correct.unwrap_or_else(|| !row.grade.trim().eq_ignore_ascii_case("again"));
        let seconds = if row.seconds.is_finite() { row.seconds.clamp(0.0, 1.0e7) as f32 } else { 0.0 };
        let response = intern(&mut self.response_index, &mut self.responses, &row.response);
        self.attempts.push(Attempt {
            learner,
            question,
            at,
            id: row.id,
            correct,
            seconds,
            hints: row.hints_used,
            response,
        });
        Ok(())
    }

    fn learner(&mut self, name: &str) -> u32 {
        if let Some(last) = self.last_learner
            && self.learners[last as usize] == name
        {
            return last;
        }
        let i = intern(&mut self.learner_index, &mut self.learners, name);
        self.last_learner = Some(i);
        i
    }

    fn question(&mut self, pack: &str, id: &str) -> Result<u32, String> {
        question_key(&mut self.key, pack, id);
        if let Some(&q) = self.question_index.get(self.key.as_slice()) {
            return Ok(q);
        }
        let q = u32::try_from(self.questions.len()).map_err(|_| "too many questions".to_owned())?;
        self.questions.push(QuestionMeta { pack: pack.to_owned(), id: id.to_owned(), ..QuestionMeta::default() });
        self.question_index.insert(self.key.clone().into_boxed_slice(), q);
        Ok(q)
    }

    /// Whether `key` (time, id) is new for `learner`; if so it is recorded
    /// as the answer about to be pushed.
    fn first_time(&mut self, learner: u32, key: (i64, i64)) -> bool {
        let l = learner as usize;
        if self.seen.len() <= l {
            self.seen.resize_with(l + 1, Seen::default);
        }
        let next = u32::try_from(self.attempts.len()).unwrap_or(u32::MAX);
        match &mut self.seen[l] {
            Seen::Ordered { last, attempts } if last.is_none_or(|last| key > last) => {
                *last = Some(key);
                attempts.push(next);
                true
            }
            Seen::Ordered { attempts, .. } => {
                let mut set: HashSet<(i64, i64), BuildHasherDefault<Fx>> =
                    attempts.iter().map(|&i| &self.attempts[i as usize]).map(|a| (a.at, a.id)).collect();
                let new = set.insert(key);
                self.seen[l] = Seen::Set(set);
                new
            }
            Seen::Set(set) => set.insert(key),
        }
    }
}

/// The key of a question in [`Dataset::question_index`]: the pack id's
/// length, then both ids, so no pair of ids can make another's key.
fn question_key(key: &mut Vec<u8>, pack: &str, id: &str) {
    key.clear();
    key.extend_from_slice(&(pack.len() as u64).to_le_bytes());
    key.extend_from_slice(pack.as_bytes());
    key.extend_from_slice(id.as_bytes());
}

fn intern<K: std::borrow::Borrow<str> + for<'a> From<&'a str> + std::hash::Hash + Eq>(
    index: &mut FastMap<K, u32>,
    names: &mut Vec<String>,
    name: &str,
) -> u32 {
    if let Some(&i) = index.get(name) {
        return i;
    }
    let i = u32::try_from(names.len()).unwrap_or(u32::MAX);
    names.push(name.to_owned());
    index.insert(K::from(name), i);
    i
}

/// The csv crate's message without its own position prefix (we add ours).
fn csv_reason(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
            format!("{len} fields where the header has {expected_len}")
        }
        csv::ErrorKind::Utf8 { .. } => "not UTF-8 text".into(),
        _ => e.to_string(),
    }
}

/// The export files of `path`: itself, or every `.csv`/`.json` file below
/// it, in name order. Directories that cannot be listed are reported.
fn export_files(path: &Path, problems: &mut Vec<String>) -> Vec<PathBuf> {
    if !path.is_dir() {
        return vec![path.to_path_buf()];
    }
    let mut found = Vec::new();
    let mut stack = vec![path.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) => {
                problems.push(format!("{}: cannot list the directory: {e}", dir.display()));
                continue;
            }
        };
        for entry in entries.flatten() {
            let p = entry.path();
            // file_type does not follow symbolic links, so a link cycle cannot loop.
            let Ok(kind) = entry.file_type() else { continue };
            if kind.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv") || e.eq_ignore_ascii_case("json")) {
                found.push(p);
            }
        }
    }
    found.sort();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    const OLD_CSV: &str = "id,answered_at,pack_id,question_id,pack_version,topic,mode,correct,grade,seconds,hints_used,response,drill_id\n\
        1,2026-11-01T10:00:00.000Z,basics,timeout,1.0.0,limits,quiz,false,again,4.5,1,\"15 minutes, maybe\",\n\
        2,2026-11-01T10:01:00.000Z,basics,timeout,1.0.0,limits,review,true,good,3,0,3 seconds,\n\
        3,2026-11-01T10:02:00.000Z,basics,card,1.0.0,limits,quiz,,hard,2,0,hard,\n";

    #[test]
    fn old_csv_exports_take_the_learner_from_the_file_name() {
        let mut data = Dataset::default();
        data.read_text("alice.csv", OLD_CSV, "alice");
        assert!(data.problems.is_empty(), "{:?}", data.problems);
        assert_eq!(data.learners, ["alice"]);
        assert_eq!(data.questions.len(), 2);
        assert_eq!(data.attempts.len(), 3);
        assert!(!data.attempts[0].correct && data.attempts[1].correct);
        assert!(data.attempts[2].correct, "a card graded `hard` counts as recalled");
        assert_eq!(data.response(&data.attempts[0]), "15 minutes, maybe");
        assert_eq!(data.attempts[0].hints, 1);
    }

    #[test]
    fn the_same_history_as_csv_and_json_counts_once() {
        let mut data = Dataset::default();
        data.read_text("a.csv", OLD_CSV, "alice");
        let json = r#"[{"id":1,"answered_at":"2026-11-01T10:00:00.000Z","pack_id":"basics","question_id":"timeout",
            "pack_version":"1.0.0","topic":"limits","mode":"quiz","correct":false,"grade":"again","seconds":4.5,
            "hints_used":1,"response":"15 minutes, maybe","drill_id":null,"learner":"alice","title":"Default timeout"}]"#;
        data.read_text("a.json", json, "a");
        assert_eq!(data.attempts.len(), 3);
        assert_eq!(data.questions[0].title, "Default timeout");
    }

    #[test]
    fn a_bad_row_is_named_with_its_line_and_the_rest_load() {
        let text = format!(
            "{OLD_CSV}4,yesterday,basics,timeout,1.0.0,limits,quiz,true,good,1,0,x,\n5,2026-11-01T10:03:00Z,basics,x,1,t,quiz,maybe,good,1,0,x,\n"
        );
        let mut data = Dataset::default();
        data.read_text("bob.csv", &text, "bob");
        assert_eq!(data.attempts.len(), 3);
        assert_eq!(data.problems.len(), 2, "{:?}", data.problems);
        assert!(data.problems[0].starts_with("bob.csv:5: `answered_at` \"yesterday\""), "{:?}", data.problems);
        assert!(data.problems[1].starts_with("bob.csv:6: "), "{:?}", data.problems);
        assert!(data.problems[1].contains("maybe"), "{:?}", data.problems);
    }

    /// Learners spread over files read on different threads: one learner
    /// exported as CSV early and as JSON late, another out of order, bad
    /// rows, a title that changes, an unlistable path.
    #[test]
    fn threads_read_what_one_pass_reads() {
        let dir = tempfile::tempdir().expect("tempdir");
        let json = |learner: &str, title: &str| {
            format!(
                r#"[{{"id":1,"answered_at":"2026-11-01T10:00:00.000Z","pack_id":"basics","question_id":"timeout",
                "correct":false,"grade":"again","seconds":4.5,"hints_used":1,"response":"15 minutes, maybe",
                "learner":"{learner}","title":"{title}"}}]"#
            )
        };
        for i in 0..40 {
            let folder = dir.path().join(format!("{:02}", i / 10));
            std::fs::create_dir_all(&folder).expect("mkdir");
            let (name, text) = match i {
                3 => ("a.json".to_owned(), json("alice", "First title")),
                7 => ("bad.csv".to_owned(), format!("{OLD_CSV}9,never,basics,x,1,t,quiz,true,good,1,0,x,\n")),
                21 => ("rev.csv".to_owned(), {
                    let mut lines: Vec<&str> = OLD_CSV.lines().collect();
                    lines[1..].reverse();
                    lines.join("\n")
                }),
                33 => ("z.json".to_owned(), json("alice", "Last title")),
                _ => (format!("l{i}.csv"), OLD_CSV.replace("alice", "")),
            };
            std::fs::write(folder.join(name), text).expect("write");
        }
        std::fs::write(dir.path().join("00/alice.csv"), OLD_CSV).expect("write");
        let paths = [dir.path().to_path_buf(), dir.path().join("missing.csv")];
        let one = Dataset::read_paths_on(&paths, 1);
        let three = Dataset::read_paths_on(&paths, 3);
        assert_eq!(one.learners, three.learners);
        assert_eq!(one.questions, three.questions);
        assert_eq!(one.attempts, three.attempts);
        assert_eq!(one.responses, three.responses);
        assert_eq!(one.problems, three.problems);
        assert_eq!((one.files, one.learners.len()), (41, 39));
        assert_eq!(one.questions[0].title, "Last title");
        let alice = one.learners.iter().position(|l| l == "alice").expect("alice");
        assert_eq!(one.attempts.iter().filter(|a| a.learner as usize == alice).count(), 3, "counted once");
        assert!(one.problems.iter().any(|p| p.contains("bad.csv:5:")), "{:?}", one.problems);
    }

    #[test]
    fn broken_json_and_foreign_csv_are_reported_with_a_place() {
        let mut data = Dataset::default();
        data.read_text("x.json", "[\n{\"id\": 1,\n", "x");
        data.read_text("y.csv", "name,score\nann,3\n", "y");
        assert_eq!(data.problems.len(), 2);
        assert!(data.problems[0].starts_with("x.json:3:"), "{:?}", data.problems);
        assert!(data.problems[1].starts_with("y.csv:1: not a history export"), "{:?}", data.problems);
    }
}
