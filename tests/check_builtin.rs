//! The built-in course (everything under content/, quizzes/ and
//! assets/scenarios/, embedded in the binary) passes `check` with zero
//! errors, and loads through the same parser as packs on disk.

use lambda_tutor::course::Course;
use lambda_tutor::course::check::{Context, FileKind, Input, check_inputs};
use lambda_tutor::infra::embedded;

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
