//! What each subcommand does outside the full-screen interface. `run` is the
//! single entry point the binary calls; it maps results to exit codes
//! (0 success, 1 checked input is wrong, 2 usage or I/O error).

mod check;
mod drill;
mod export_pack;
mod history;
mod import;
mod lab;
mod labs;
mod lessons;
mod new_course;
mod packs;
mod quiz;
mod read;
mod review;
mod scenarios;
mod simulate;
mod stats;

use std::io::IsTerminal;
use std::process::ExitCode;

use crate::cli::{Cli, Command};

/// How a command ended, mapped to the exit codes of SPEC.md.
#[derive(Debug)]
pub enum Failure {
    /// The input was checked and is wrong (exit 1). Already reported.
    Invalid,
    /// Usage or I/O error (exit 2): one clear sentence.
    Usage(String),
    /// The reader of our output went away (`lambda-tutor lessons | head`):
    /// nothing more to say, and nothing went wrong.
    OutputClosed,
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::BrokenPipe { Failure::OutputClosed } else { Failure::Usage(e.to_string()) }
    }
}

pub type CommandResult = Result<(), Failure>;

pub fn run(cli: Cli) -> ExitCode {
    let global = cli.global;
    let result = match cli.command {
        None => open_home(&global),
        Some(Command::Lessons { json }) => lessons::run(&global, json),
        Some(Command::Read { target, width }) => read::run(&global, &target, width),
        Some(Command::Stats { json }) => stats::run(&global, json),
        Some(Command::History { format, output }) => history::run(&global, format, output.as_deref()),
        Some(Command::Check { paths, strict }) => check::run(&global, &paths, strict),
        Some(Command::Packs { json }) => packs::run(&global, json),
        Some(Command::Import { file, from, output }) => import::run(&global, &file, from, output.as_deref()),
        Some(Command::ExportPack { pack, to, output }) => export_pack::run(&global, &pack, to, output.as_deref()),
        Some(Command::NewCourse { dir }) => new_course::run(&global, &dir),
        Some(Command::Quiz { packs, topics, count, seed, plain }) => {
            quiz::run(&global, &quiz::QuizArgs { packs, topics, count, seed, plain })
        }
        Some(Command::Simulate { scenario, seed, sets, json, trace }) => {
            simulate::run(&global, scenario.as_deref(), seed, &sets, json, trace.as_deref())
        }
        Some(Command::Scenarios { json }) => scenarios::run(&global, json),
        Some(Command::Labs { json }) => labs::run(&global, json),
        Some(Command::Lab { id, sets, solution, json }) => lab::run(&global, &id, &sets, solution, json),
        Some(Command::Review { plain }) => review::run(&global, plain),
        Some(Command::Drill { minutes, count, topics, seed, plain }) => {
            drill::run(&global, crate::quiz::practice::DrillOptions { minutes, count, topics, seed: 0 }, seed, plain)
        }
    };
    match result {
        Ok(()) | Err(Failure::OutputClosed) => ExitCode::SUCCESS,
        Err(Failure::Invalid) => ExitCode::from(1),
        Err(Failure::Usage(message)) => {
            eprintln!("lambda-tutor: {}", crate::text::sanitize(&message));
            ExitCode::from(2)
        }
    }
}

/// No subcommand: the full-screen home, if there is a terminal to draw on.
fn open_home(global: &crate::cli::GlobalOptions) -> CommandResult {
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(Failure::Usage(crate::tui::strings::NOT_A_TERMINAL.to_owned()));
    }
    let course = quiz::course_with_packs(global)?;
    crate::tui::run_with(global, course, None).map_err(Failure::from)
}
