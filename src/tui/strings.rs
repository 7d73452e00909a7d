//! User-facing words, kept together so wording stays consistent.

pub const APP_TITLE: &str = "lambda-tutor";
pub const NOT_A_TERMINAL: &str = "the full-screen tutor needs a terminal on stdin and stdout; \
in a pipe, use a subcommand: lessons, read, quiz --plain, review --plain, drill --plain, \
simulate --json, scenarios, check, import, export-pack, stats, history, packs (see --help)";
