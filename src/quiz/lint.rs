//! The item-writing lint: cues that let a learner answer without knowing.
//!
//! A question teaches only if its right answer cannot be spotted from the
//! way the choices are written. These rules come from the item-writing
//! guidelines test writers use (Haladyna, Downing and Rodriguez, "A Review of
//! Multiple-Choice Item-Writing Guidelines", 2002) and from the course
//! review's count of this project's own packs (70 % of single-choice keys
//! were the longest choice):
//!
//! - the right answer is the strictly longest choice in more than 1 in 3
//!   single-choice questions (per pack, and over all packs checked) — or,
//!   the over-correction, almost never (under 1 in 10 of eight or more), so
//!   that a learner rules the longest choice out; or the strictly shortest
//!   in more than half;
//! - the key of a multiple-answer question is most of its choices in more
//!   than half of them ("pick everything but the absurd ones");
//! - unshuffled choices put most keys at one position;
//! - "all of the above" / "none of the above";
//! - true-false answers unbalanced;
//! - the same prompt twice, in one pack or across packs.
//!
//! An explanation that is missing, or that only repeats the answer, is
//! already a warning of the pack parser (`parse/smells.rs`), so it is not
//! repeated here.
//!
//! Every finding is a warning: `check` shows them, `check --strict` fails
//! on them. The lint reads the parsed packs and their source only to give
//! each warning the place of the question (or pack) it is about.

use std::collections::HashMap;
use std::fmt::Write as _;

use crate::infra::{Diagnostic, LineIndex};

use super::model::{Pack, QuestionKind};

/// A pack with the text it was parsed from (for places).
pub struct LintInput<'a> {
    pub pack: &'a Pack,
    pub src: &'a str,
}

/// The largest share of single-choice questions whose key may be the
/// strictly longest choice.
pub const MAX_LONGEST_SHARE: f64 = 1.0 / 3.0;

/// Below this share of longest keys (with [`MIN_FOR_NEVER`] questions or
/// more) the longest choice is a safe one to rule out.
pub const MIN_LONGEST_SHARE: f64 = 0.1;

/// The fewest single-choice questions for "never the longest" to count:
/// by chance alone a pack of four-choice questions has a longest key about
/// once in four, so a handful without one proves nothing.
const MIN_FOR_NEVER: usize = 8;

/// The fewest questions of a kind for a share rule to apply: with two
/// questions any split looks biased.
const MIN_FOR_SHARE: usize = 3;

/// Whether `answer` is strictly longer (in characters) than every other
/// choice.
pub fn is_strictly_longest(choices: &[String], answer: usize) -> bool {
    let Some(key) = choices.get(answer) else { return false };
    let key_len = key.chars().count();
    choices.iter().enumerate().filter(|&(i, _)| i != answer).all(|(_, c)| c.chars().count() < key_len)
        && choices.len() > 1
}

/// Whether `answer` is strictly shorter (in characters) than every other
/// choice.
pub fn is_strictly_shortest(choices: &[String], answer: usize) -> bool {
    let Some(key) = choices.get(answer) else { return false };
    let key_len = key.chars().count();
    choices.len() > 1
        && choices.iter().enumerate().filter(|&(i, _)| i != answer).all(|(_, c)| c.chars().count() > key_len)
}

/// "All of the above" and its relatives, which reward test-taking skill.
pub fn is_above_choice(choice: &str) -> bool {
    // Cheap tests first: `check` runs this on every choice of packs with
    // tens of thousands of questions, and almost no choice is one of these.
    if choice.len() > 40 {
        return false;
    }
    let ascii = choice.to_ascii_lowercase();
    if !ascii.contains("above") && !ascii.contains("these") {
        return false;
    }
    let folded: String = choice
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    ["all of the above", "none of the above", "all of these", "none of these", "both of the above"]
        .iter()
        .any(|p| folded == *p || folded.starts_with(&format!("{p} ")))
}

/// A prompt reduced to its words, so that markdown and spacing differences
/// do not hide a duplicate.
fn normalized_prompt(prompt: &str) -> String {
    prompt.to_lowercase().split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

/// The place of every question's `id = "…"` line after a `[[questions]]`
/// header, found in one pass (a pack may hold 50,000 questions).
fn question_places(src: &str) -> HashMap<&str, (usize, usize)> {
    let mut places = HashMap::new();
    let mut in_questions = false;
    let (mut line_number, mut offset) = (0, 0);
    for line in src.split_inclusive('\n') {
        line_number += 1;
        let trimmed = line.trim();
        if trimmed.starts_with("[[questions]]") {
            in_questions = true;
        } else if in_questions
            && let Some(value) = trimmed.strip_prefix("id").map(str::trim_start).and_then(|v| v.strip_prefix('='))
        {
            let id = value.trim().trim_matches(|c| c == '"' || c == '\'');
            let column = line[..line.len() - line.trim_start().len()].chars().count() + 1;
            places.entry(id).or_insert((line_number, column));
        }
        offset += line.len();
    }
    debug_assert_eq!(offset, src.len());
    places
}

/// The place of the `[pack]` table, for pack-wide warnings.
fn pack_place(src: &str) -> (usize, usize) {
    let index = LineIndex::new(src);
    src.find("[pack]").map_or((1, 1), |offset| index.position(offset))
}

fn percent(part: usize, whole: usize) -> usize {
    (part * 100 + whole / 2).checked_div(whole).unwrap_or(0)
}

/// A short list of ids for a message: the first few, then a count.
fn some_ids(ids: &[&str]) -> String {
    const SHOWN: usize = 5;
    let mut text = ids.iter().take(SHOWN).copied().collect::<Vec<_>>().join(", ");
    if ids.len() > SHOWN {
        let _ = write!(text, " and {} more", ids.len() - SHOWN);
    }
    text
}

/// Counts one pack's cues, for the per-pack warnings and the total.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct CueCounts {
    pub single: usize,
    pub single_longest: usize,
    pub single_shortest: usize,
    pub multiple: usize,
    pub multiple_majority: usize,
    pub true_answers: usize,
    pub false_answers: usize,
}

impl CueCounts {
    fn add(&mut self, other: &Self) {
        self.single += other.single;
        self.single_longest += other.single_longest;
        self.single_shortest += other.single_shortest;
        self.multiple += other.multiple;
        self.multiple_majority += other.multiple_majority;
        self.true_answers += other.true_answers;
        self.false_answers += other.false_answers;
    }

    /// Whether the longest-answer cue is over the limit.
    pub fn longest_cue(&self) -> bool {
        self.single >= MIN_FOR_SHARE && self.single_longest as f64 > self.single as f64 * MAX_LONGEST_SHARE
    }

    /// Whether the key is almost never the longest choice: the
    /// over-correction, which lets a learner rule the longest one out.
    pub fn never_longest_cue(&self) -> bool {
        self.single >= MIN_FOR_NEVER && (self.single_longest as f64) < self.single as f64 * MIN_LONGEST_SHARE
    }

    /// Whether the key is the strictly shortest choice in more than half.
    pub fn shortest_cue(&self) -> bool {
        self.single > MIN_FOR_SHARE && self.single_shortest * 2 > self.single
    }

    /// Whether multiple-answer keys are mostly "everything but a few".
    pub fn majority_cue(&self) -> bool {
        self.multiple >= MIN_FOR_SHARE && self.multiple_majority * 2 > self.multiple
    }

    /// Whether true and false answers are unbalanced: the rarer answer is
    /// under 40 % (with at least four questions, so 1 of 3 is tolerated).
    pub fn true_false_cue(&self) -> bool {
        let total = self.true_answers + self.false_answers;
        total >= 4 && (self.true_answers.min(self.false_answers) as f64) < total as f64 * 0.4
    }
}

/// Cue counts of one pack.
pub fn cue_counts(pack: &Pack) -> CueCounts {
    let mut counts = CueCounts::default();
    for question in &pack.questions {
        match &question.kind {
            QuestionKind::Single { choices, answer } => {
                counts.single += 1;
                if is_strictly_longest(choices, *answer) {
                    counts.single_longest += 1;
                }
                if is_strictly_shortest(choices, *answer) {
                    counts.single_shortest += 1;
                }
            }
            QuestionKind::Multiple { choices, answers } => {
                counts.multiple += 1;
                if answers.len() * 2 > choices.len() {
                    counts.multiple_majority += 1;
                }
            }
            QuestionKind::TrueFalse { answer: true } => counts.true_answers += 1,
            QuestionKind::TrueFalse { answer: false } => counts.false_answers += 1,
            _ => {}
        }
    }
    counts
}

fn cue_warnings(path: &str, place: (usize, usize), scope: &str, counts: &CueCounts, ids: &[&str]) -> Vec<Diagnostic> {
    let (line, column) = place;
    let mut out = Vec::new();
    if counts.longest_cue() {
        let mut message = format!(
            "{scope}: the right answer is the strictly longest choice in {} of {} single-choice questions ({} %); \
             at most 1 in 3 keeps length from giving the answer away",
            counts.single_longest,
            counts.single,
            percent(counts.single_longest, counts.single)
        );
        if !ids.is_empty() {
            let _ = write!(message, " ({})", some_ids(ids));
        }
        out.push(Diagnostic::warning(path, line, column, message));
    }
    if counts.never_longest_cue() {
        out.push(Diagnostic::warning(
            path,
            line,
            column,
            format!(
                "{scope}: the right answer is the strictly longest choice in only {} of {} single-choice questions; \
                 a learner who rules out the longest choice gains an edge (by chance it is about 1 in 4)",
                counts.single_longest, counts.single
            ),
        ));
    }
    if counts.shortest_cue() {
        out.push(Diagnostic::warning(
            path,
            line,
            column,
            format!(
                "{scope}: the right answer is the strictly shortest choice in {} of {} single-choice questions; \
                 keep choices about the same length",
                counts.single_shortest, counts.single
            ),
        ));
    }
    if counts.majority_cue() {
        out.push(Diagnostic::warning(
            path,
            line,
            column,
            format!(
                "{scope}: in {} of {} multiple-answer questions the key is most of the choices; \
                 a learner who picks all but the odd ones out scores well without knowing",
                counts.multiple_majority, counts.multiple
            ),
        ));
    }
    if counts.true_false_cue() {
        out.push(Diagnostic::warning(
            path,
            line,
            column,
            format!(
                "{scope}: true-false answers are unbalanced ({} true, {} false); a learner who always answers \
                 {} scores well without knowing",
                counts.true_answers,
                counts.false_answers,
                if counts.true_answers > counts.false_answers { "true" } else { "false" }
            ),
        ));
    }
    out
}

/// Unshuffled single and multiple questions whose keys sit mostly at one
/// position: a learner learns "it's always the first one".
fn position_warning(input: &LintInput<'_>) -> Option<Diagnostic> {
    let mut at_position: HashMap<usize, usize> = HashMap::new();
    let mut fixed = 0;
    for question in input.pack.questions.iter().filter(|q| !q.shuffle) {
        let keys: &[usize] = match &question.kind {
            QuestionKind::Single { answer, .. } => std::slice::from_ref(answer),
            QuestionKind::Multiple { answers, .. } => answers,
            _ => continue,
        };
        fixed += 1;
        for key in keys {
            *at_position.entry(*key).or_default() += 1;
        }
    }
    let (position, count) = at_position.into_iter().max_by_key(|&(position, count)| (count, usize::MAX - position))?;
    if fixed < MIN_FOR_SHARE || count * 2 <= fixed {
        return None;
    }
    let (line, column) = pack_place(input.src);
    Some(Diagnostic::warning(
        &input.pack.path,
        line,
        column,
        format!(
            "{count} of the {fixed} questions with `shuffle = false` have their answer at choice {}; \
             shuffle them, or vary where the key sits",
            position + 1
        ),
    ))
}

/// Every item-writing warning over `inputs`: per question, per pack, and
/// over all packs together when more than one is given.
pub fn lint(inputs: &[LintInput<'_>]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut total = CueCounts::default();
    let mut seen_prompts: HashMap<String, (String, String, usize, usize)> = HashMap::new();
    for input in inputs {
        let pack = input.pack;
        let mut longest_ids = Vec::new();
        let places = question_places(input.src);
        for question in &pack.questions {
            let (line, column) = places.get(question.id.as_str()).copied().unwrap_or((1, 1));
            if let Some(choices) = question.kind.choices() {
                for choice in choices.iter().filter(|c| is_above_choice(c)) {
                    out.push(Diagnostic::warning(
                        &pack.path,
                        line,
                        column,
                        format!(
                            "question {} offers {choice:?}: such choices reward test-taking skill; \
                             write a real misconception instead",
                            question.id
                        ),
                    ));
                }
            }
            if let QuestionKind::Single { choices, answer } = &question.kind
                && is_strictly_longest(choices, *answer)
            {
                longest_ids.push(question.id.as_str());
            }
            let normalized = normalized_prompt(&question.prompt);
            if !normalized.is_empty() {
                if let Some((first_path, first_id, first_line, first_column)) = seen_prompts.get(&normalized) {
                    out.push(Diagnostic::warning(
                        &pack.path,
                        line,
                        column,
                        format!(
                            "question {} asks the same as {first_id} ({first_path}:{first_line}:{first_column})",
                            question.id
                        ),
                    ));
                } else {
                    seen_prompts.insert(normalized, (pack.path.clone(), question.id.clone(), line, column));
                }
            }
        }
        let counts = cue_counts(pack);
        total.add(&counts);
        out.extend(cue_warnings(
            &pack.path,
            pack_place(input.src),
            &format!("pack {}", pack.meta.id),
            &counts,
            &longest_ids,
        ));
        out.extend(position_warning(input));
    }
    if inputs.len() > 1
        && let Some(first) = inputs.first()
    {
        let scope = format!("all {} packs", inputs.len());
        out.extend(cue_warnings(&first.pack.path, pack_place(first.src), &scope, &total, &[]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quiz::parse_pack;

    fn pack(src: &str) -> Pack {
        let parsed = parse_pack("quizzes/t.toml", src.as_bytes());
        assert!(!parsed.has_errors(), "{:?}", parsed.diagnostics);
        parsed.pack.expect("a pack")
    }

    const HEADER: &str = "format = 1\n\n[pack]\nid = \"t\"\ntitle = \"T\"\nversion = \"1\"\n";

    fn single(id: &str, choices: &[&str], answer: &str, shuffle: bool) -> String {
        let choices = choices.iter().map(|c| format!("{c:?}")).collect::<Vec<_>>().join(", ");
        format!(
            "\n[[questions]]\nid = \"{id}\"\ntype = \"single\"\ntopic = \"x\"\nlesson = \"l\"\n\
             prompt = \"Which one, {id}?\"\nchoices = [{choices}]\nanswer = {answer:?}\n\
             explanation = \"Because the limit is documented on the quotas page.\"\nshuffle = {shuffle}\n"
        )
    }

    fn true_false(id: &str, answer: bool) -> String {
        format!(
            "\n[[questions]]\nid = \"{id}\"\ntype = \"true-false\"\ntopic = \"x\"\nlesson = \"l\"\n\
             prompt = \"Is {id} so?\"\nanswer = {answer}\n\
             explanation = \"Because the documentation says so for on-demand functions.\"\n"
        )
    }

    fn lint_one(src: &str) -> Vec<Diagnostic> {
        let pack = pack(src);
        lint(&[LintInput { pack: &pack, src }])
    }

    #[test]
    fn strictly_longest_needs_every_other_choice_shorter() {
        let choices: Vec<String> = ["aa", "bbbb", "cccc"].iter().map(|s| (*s).to_owned()).collect();
        assert!(!is_strictly_longest(&choices, 1), "a tie is not a cue");
        assert!(!is_strictly_longest(&choices, 0));
        let choices: Vec<String> = ["aa", "bbbbb", "cccc"].iter().map(|s| (*s).to_owned()).collect();
        assert!(is_strictly_longest(&choices, 1));
    }

    #[test]
    fn the_longest_answer_cue_is_reported_with_its_questions() {
        let mut src = HEADER.to_owned();
        src += &single("q1", &["a", "b", "the long one"], "the long one", true);
        src += &single("q2", &["a", "b", "the long one"], "the long one", true);
        src += &single("q3", &["a", "bb", "c"], "a", true);
        let warnings = lint_one(&src);
        let cue = warnings.iter().find(|d| d.message.contains("strictly longest")).expect("the cue is reported");
        assert!(cue.message.contains("2 of 3"), "{}", cue.message);
        assert!(cue.message.contains("q1, q2"), "{}", cue.message);
        assert_eq!((cue.line, cue.column), (3, 1), "at the [pack] table");
    }

    #[test]
    fn one_in_three_is_allowed() {
        let mut src = HEADER.to_owned();
        src += &single("q1", &["a", "b", "the long one"], "the long one", true);
        src += &single("q2", &["a", "bb", "c"], "a", true);
        src += &single("q3", &["a", "bb", "c"], "c", true);
        assert!(lint_one(&src).iter().all(|d| !d.message.contains("strictly longest")));
    }

    #[test]
    fn never_the_longest_and_mostly_the_shortest_are_cues_too() {
        let mut src = HEADER.to_owned();
        for i in 0..8 {
            src += &single(&format!("q{i}"), &["ok", "a longer wrong one", "another long wrong one"], "ok", true);
        }
        let warnings = lint_one(&src);
        assert!(warnings.iter().any(|d| d.message.contains("in only 0 of 8")), "{warnings:?}");
        assert!(warnings.iter().any(|d| d.message.contains("strictly shortest choice in 8 of 8")), "{warnings:?}");
    }

    #[test]
    fn all_of_the_above_is_reported_at_the_question() {
        let mut src = HEADER.to_owned();
        src += &single("q1", &["a", "b", "All of the above."], "a", false);
        let warnings = lint_one(&src);
        let above = warnings.iter().find(|d| d.message.contains("All of the above")).expect("reported");
        assert_eq!(above.line, 9, "the id line of q1");
        assert!(is_above_choice("None of these"));
        assert!(!is_above_choice("All of the functions above the line"));
    }

    #[test]
    fn true_false_imbalance_is_reported_and_balance_is_not() {
        let mut src = HEADER.to_owned();
        for (i, answer) in [false, false, false, false, true].iter().enumerate() {
            src += &true_false(&format!("t{i}"), *answer);
        }
        let warnings = lint_one(&src);
        assert!(warnings.iter().any(|d| d.message.contains("1 true, 4 false")), "{warnings:?}");
        let mut balanced = HEADER.to_owned();
        for (i, answer) in [false, true, false, true].iter().enumerate() {
            balanced += &true_false(&format!("t{i}"), *answer);
        }
        assert!(lint_one(&balanced).iter().all(|d| !d.message.contains("unbalanced")));
    }

    #[test]
    fn duplicate_prompts_are_found_across_packs() {
        let a_src = format!("{HEADER}{}", true_false("same", true));
        let b_src = a_src.replace("id = \"t\"", "id = \"u\"").replace("quizzes/t.toml", "quizzes/u.toml");
        let a = pack(&a_src);
        let mut b = pack(&b_src);
        b.path = "quizzes/u.toml".to_owned();
        let warnings = lint(&[LintInput { pack: &a, src: &a_src }, LintInput { pack: &b, src: &b_src }]);
        let duplicate = warnings.iter().find(|d| d.message.contains("asks the same")).expect("found");
        assert_eq!(duplicate.path, "quizzes/u.toml");
        assert!(duplicate.message.contains("quizzes/t.toml:9:1"), "{}", duplicate.message);
    }

    #[test]
    fn unshuffled_keys_at_one_position_are_reported() {
        let mut src = HEADER.to_owned();
        for i in 0..3 {
            src += &single(&format!("q{i}"), &["right", "wrong one", "wrong two"], "right", false);
        }
        let warnings = lint_one(&src);
        assert!(
            warnings.iter().any(|d| d.message.contains("3 of the 3 questions with `shuffle = false`")),
            "{warnings:?}"
        );
    }

    #[test]
    fn a_clean_pack_has_no_warnings() {
        let mut src = HEADER.to_owned();
        src += &single("q1", &["a longer wrong one", "b", "right"], "right", true);
        src += &single("q2", &["a", "right but long", "c"], "right but long", true);
        src += &single("q3", &["wrong and long", "ok", "c"], "ok", true);
        src += &true_false("t1", true);
        src += &true_false("t2", false);
        assert_eq!(lint_one(&src), Vec::new());
    }
}
