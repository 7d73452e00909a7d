//! User-facing words, kept together so wording stays consistent.

pub const APP_TITLE: &str = "lambda-tutor";
pub const NOT_A_TERMINAL: &str = "the full-screen tutor needs a terminal on stdin and stdout; \
in a pipe, use a subcommand: lessons, read, quiz --plain, review --plain, drill --plain, \
simulate --json, scenarios, check, import, export-pack, stats, history, packs (see --help)";

pub const START: &str = "Start";
pub const CONTINUE: &str = "Continue:";
pub const TAGLINE: &str = "AWS Lambda and serverless, in your terminal";
pub const COURSE: &str = "Course";
pub const LESSON: &str = "Lesson";
pub const HELP_TITLE: &str = "Keys";
pub const CONTENTS: &str = "Contents";
pub const SEARCH_PROMPT: &str = "Search: ";
pub const SEARCH_ALL_TITLE: &str = "Search all lessons";
pub const SEARCH_ALL_HINT: &str = "Type to search every lesson; Enter opens the selected hit, Esc goes back.";
pub const NO_HITS: &str = "no match";
pub const NO_LESSONS: &str = "No lessons were found. Run `lambda-tutor check content/` to see why.";
pub const HELP_FOOTER: &str = "Press ? or Esc to close. Mouse wheel scrolls; clicks select.";
pub const MODULE_LABEL: &str = "Module";
pub const TOPICS_LABEL: &str = "Topics";
pub const OPEN_LESSON_HINT: &str = "Enter to read";
pub const END_OF_LESSON: &str = "End of lesson. ] or → for the next one.";

/// Minimum terminal size the screens are designed for.
pub const MIN_WIDTH: u16 = 50;
pub const MIN_HEIGHT: u16 = 14;

pub fn too_small(width: u16, height: u16) -> String {
    format!(
        "The terminal is {width}×{height}; lambda-tutor needs at least {MIN_WIDTH}×{MIN_HEIGHT}. \
         Enlarge the window, or press q to quit."
    )
}

pub fn minutes(m: u32) -> String {
    format!("{m} min")
}

pub fn hit_count(current: usize, total: usize) -> String {
    format!("hit {current}/{total}")
}

pub fn scroll_position(top: usize, total: usize, height: usize) -> String {
    if total <= height {
        return "all".to_owned();
    }
    let last = total.saturating_sub(height);
    format!("{}%", top.min(last) * 100 / last.max(1))
}

pub fn progress_not_saved(error: &str) -> String {
    format!("Progress could not be saved: {error}")
}

pub fn cannot_open_progress(error: &str) -> String {
    format!(
        "{error}. The file was left untouched; move it aside, or start with --data-dir DIR to keep progress elsewhere"
    )
}

pub fn course_problems(count: usize) -> String {
    format!("{count} file(s) of installed courses were skipped; run `lambda-tutor check` on them to see why")
}
