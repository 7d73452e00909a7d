//! What a pack named by its path is checked against: the loaded course
//! plus the course directory the file sits in, so a pack file inside a
//! course resolves its lesson and scenario links alone as it does in
//! `check DIR`. Shared by `check`, `quiz PATH` and `export-pack PATH`.

use std::path::PathBuf;

use crate::course::Course;
use crate::course::check::Context;
use crate::course::enclosing::enclosing_courses;

pub fn context_for(course: &Course, paths: &[PathBuf]) -> Context {
    let mut context = Context::from_course(course);
    let extra = enclosing_courses(paths);
    if !extra.is_empty() {
        let with = Context::from_course(&Course::load(&extra, None));
        context.lessons.extend(with.lessons);
        context.scenarios.extend(with.scenarios);
    }
    context
}
