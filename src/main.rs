//! The `lambda-tutor` binary: parse arguments, hand over to the library, turn
//! its result into an exit code. Everything else lives in the library.
use std::process::ExitCode;

use lambda_tutor::cli::Cli;

fn main() -> ExitCode {
    match Cli::parse_args() {
        Ok(cli) => lambda_tutor::commands::run(cli),
        Err(code) => code,
    }
}
