//! What each subcommand does outside the full-screen interface. `run` is the
//! single entry point the binary calls; it maps results to exit codes
//! (0 success, 1 checked input is wrong, 2 usage or I/O error).

mod check;
pub mod common;
mod completions;
mod config;
mod course_context;
mod drill;
mod export_pack;
mod guide;
mod history;
mod import;
mod lab;
mod labs;
mod lessons;
mod new_course;
mod packs;
mod quiz;
mod read;
mod report;
mod review;
mod scenarios;
mod simulate;
mod stats;

use std::io::IsTerminal;
use std::process::ExitCode;

use crate::cli::{Cli, Command};
use crate::context::Context;

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
    // The global options are resolved here, once; every command receives them.
    let mut ctx = Context::new(cli.global);
    let ctx = &mut ctx;
    let result = match cli.command {
        None => open_home(ctx),
        Some(Command::Lessons { json }) => lessons::run(ctx, json),
        Some(Command::Read { target, width }) => read::run(ctx, &target, width),
        Some(Command::Stats { json }) => stats::run(ctx, json),
        Some(Command::History { format, output }) => history::run(ctx, format, output.as_deref()),
        Some(Command::Check { paths, strict }) => check::run(ctx, &paths, strict),
        Some(Command::Packs { json }) => packs::run(ctx, json),
        Some(Command::Report { paths, json, csv }) => {
            let format = if json {
                report::Format::Json
            } else if csv {
                report::Format::Csv
            } else {
                report::Format::Text
            };
            report::run(&ctx.global, &paths, format)
        }
        Some(Command::Import { file, from, output, topic, lesson }) => {
            let set = import::SetOnEach { topic: topic.as_deref(), lesson: lesson.as_deref() };
            import::run(&file, from, output.as_deref(), set)
        }
        Some(Command::ExportPack { pack, to, output }) => export_pack::run(ctx, &pack, to, output.as_deref()),
        Some(Command::Config { key, value }) => config::run(&ctx.global, key, value.as_deref()),
        Some(Command::Guide { topic }) => guide::run(&ctx.global, topic),
        Some(Command::Completions { shell }) => completions::completions(shell),
        Some(Command::Man) => completions::man(),
        Some(Command::NewCourse { dir }) => new_course::run(&dir),
        Some(Command::Quiz(args)) => quiz::run(ctx, &args),
        Some(Command::Simulate { scenario, seed, sets, json, trace }) => {
            simulate::run(ctx, scenario.as_deref(), seed, &sets, json, trace.as_deref())
        }
        Some(Command::Labs { json }) => labs::run(&ctx.global, json),
        Some(Command::Lab { id, sets, solution, json }) => lab::run(&ctx.global, &id, &sets, solution, json),
        Some(Command::Scenarios { json }) => scenarios::run(json),
        Some(Command::Review { plain, new }) => review::run(ctx, plain, new),
        Some(Command::Drill(args)) => drill::run(ctx, &args),
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
fn open_home(ctx: &mut Context) -> CommandResult {
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(Failure::Usage(crate::tui::strings::NOT_A_TERMINAL.to_owned()));
    }
    let packs = ctx.course_for_home().map_err(Failure::Usage)?;
    let store = common::open_store(ctx)?;
    crate::tui::run(ctx, store, None, packs).map_err(Failure::from)
}
