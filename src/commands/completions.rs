//! `completions bash|zsh|fish|powershell` and `man`: shell completion
//! scripts and a man page, generated from the same clap definitions as the
//! parser, so they never drift from the real options. Both print to stdout
//! for a packager to install:
//!
//! ```sh
//! lambda-tutor completions bash > /usr/share/bash-completion/completions/lambda-tutor
//! lambda-tutor man > /usr/share/man/man1/lambda-tutor.1
//! ```

use std::io::Write;

use clap::CommandFactory;

use super::CommandResult;
use crate::cli::{Cli, Shell};

pub fn completions(shell: Shell) -> CommandResult {
    let mut command = Cli::command();
    let name = command.get_name().to_owned();
    let mut out = Vec::new();
    let shell = match shell {
        Shell::Bash => clap_complete::Shell::Bash,
        Shell::Zsh => clap_complete::Shell::Zsh,
        Shell::Fish => clap_complete::Shell::Fish,
        Shell::Powershell => clap_complete::Shell::PowerShell,
    };
    clap_complete::generate(shell, &mut command, name, &mut out);
    std::io::stdout().lock().write_all(&out)?;
    Ok(())
}

/// The man page (section 1) in roff, with every subcommand's options.
pub fn man_page() -> std::io::Result<Vec<u8>> {
    let command = Cli::command();
    let mut out = Vec::new();
    clap_mangen::Man::new(command.clone()).render(&mut out)?;
    // clap_mangen renders one command; list each subcommand's own options
    // after the main page so `man lambda-tutor` documents them all.
    for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
        let name = format!("lambda-tutor {}", sub.get_name());
        writeln!(out, ".SH \"{}\"", name.to_uppercase())?;
        let sub = sub.clone().bin_name(name);
        let man = clap_mangen::Man::new(sub);
        man.render_synopsis_section(&mut out)?;
        man.render_description_section(&mut out)?;
        man.render_options_section(&mut out)?;
    }
    Ok(out)
}

pub fn man() -> CommandResult {
    std::io::stdout().lock().write_all(&man_page()?)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_man_page_documents_every_subcommand() {
        let page = String::from_utf8(man_page().expect("render")).expect("utf8");
        assert!(page.starts_with(".ie \\n(.g .ds Aq"), "{}", &page[..40]);
        for sub in Cli::command().get_subcommands().filter(|s| s.get_name() != "help") {
            let heading = format!(".SH \"LAMBDA-TUTOR {}\"", sub.get_name().to_uppercase());
            assert!(page.contains(&heading), "{heading}");
        }
        assert!(page.contains("\\-\\-learner"));
    }

    #[test]
    fn every_shell_gets_a_script_that_knows_the_subcommands() {
        for shell in [
            clap_complete::Shell::Bash,
            clap_complete::Shell::Zsh,
            clap_complete::Shell::Fish,
            clap_complete::Shell::PowerShell,
        ] {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "lambda-tutor", &mut out);
            let script = String::from_utf8(out).expect("utf8");
            assert!(script.contains("report") && script.contains("new-course"), "{shell:?}");
        }
    }
}
