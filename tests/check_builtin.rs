//! The built-in course (everything under content/, quizzes/ and
//! assets/scenarios/, embedded in the binary) passes `check` with zero
//! errors, and loads through the same parser as packs on disk.

use lambda_tutor::course::{Course, embedded};
use lambda_tutor::quiz::validate::{Context, FileKind, Input, check_inputs};

fn inputs() -> Vec<Input> {
    let mut inputs = Vec::new();
    for (files, kind) in [
        (embedded::lessons(), FileKind::Lesson),
        (embedded::quiz_packs(), FileKind::Pack),
        (embedded::scenarios(), FileKind::Scenario),
    ] {
        inputs.extend(files.into_iter().map(|(path, bytes)| Input {
            path,
            kind,
            bytes: bytes.to_vec(),
            explicit: true,
        }));
    }
    inputs
}

#[test]
fn every_builtin_pack_passes_check() {
    let report = check_inputs(&inputs(), &Context::default());
    let errors: Vec<String> = report.diagnostics.iter().filter(|d| d.is_error()).map(ToString::to_string).collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    assert_eq!(report.packs.len(), embedded::quiz_packs().len());
}

#[test]
fn the_builtin_course_loads_every_pack() {
    let course = Course::builtin();
    let pack_errors: Vec<String> =
        course.diagnostics.iter().filter(|d| d.path.starts_with("quizzes/")).map(ToString::to_string).collect();
    assert!(pack_errors.is_empty(), "{}", pack_errors.join("\n"));
    assert_eq!(course.packs.len(), embedded::quiz_packs().len());
    assert!(course.packs.iter().all(|p| p.builtin && p.path.starts_with("quizzes/")));
    // Lesson links point at lessons of the same course.
    for pack in &course.packs {
        for q in &pack.questions {
            if let Some(lesson) = &q.lesson {
                assert!(course.lesson(lesson).is_some(), "{}/{} links to missing lesson {lesson}", pack.meta.id, q.id);
            }
        }
    }
}

/// What the course promises its learners (issue "The course as of December
/// 2026"): at least 30 lessons and 500 questions; every lesson dated, with
/// two or more AWS sources, two or more checkpoints and ten or more
/// questions (its checkpoints included).
#[test]
fn the_builtin_course_is_deep_dated_sourced_and_checkpointed() {
    let course = Course::builtin();
    assert!(course.lessons.len() >= 30, "{} lessons", course.lessons.len());
    let questions: usize = course.packs.iter().map(|p| p.questions.len()).sum();
    assert!(questions >= 500, "{questions} questions");
    for lesson in &course.lessons {
        let id = &lesson.meta.id;
        assert!(
            lesson.meta.updated.as_deref().is_some_and(lambda_tutor::course::lesson_rules::is_iso_date),
            "{id} has no valid `updated` date"
        );
        let aws = lesson.meta.sources.iter().filter(|s| lambda_tutor::course::lesson_rules::is_aws_page(s)).count();
        assert!(aws >= 2, "{id} cites {aws} AWS pages");
        let checkpoints = lambda_tutor::course::checkpoint::question_keys(&lesson.body);
        assert!(checkpoints.len() >= 2, "{id} has {} checkpoint questions", checkpoints.len());
        for key in &checkpoints {
            let (pack, question) = key.split_once('/').expect("pack/question");
            let found = course.packs.iter().find(|p| p.meta.id == pack).and_then(|p| p.question(question));
            assert!(found.is_some_and(|q| q.lesson.as_deref() == Some(id.as_str())), "{id}: checkpoint {key}");
        }
        let linked = course.packs.iter().flat_map(|p| &p.questions).filter(|q| q.lesson.as_deref() == Some(id)).count();
        assert!(linked >= 10, "{id} has {linked} questions");
    }
}

/// `check --strict` is clean on the built-in course: no item-writing cue, no
/// undated or unsourced lesson (CI runs the same command).
#[test]
fn the_builtin_course_passes_check_strict() {
    let report = lambda_tutor::quiz::validate::validate_inputs(&inputs(), &Context::builtin());
    let shown: Vec<String> = report.diagnostics.iter().map(ToString::to_string).collect();
    assert!(shown.is_empty(), "{}", shown.join("\n"));
}
