//! Owning the terminal: raw mode, the alternate screen and mouse capture on
//! the way in, and a restored terminal on every way out — normal return,
//! panic, SIGTERM, SIGHUP and SIGINT.

use std::io::{self, Write};

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;

/// Restores the terminal when dropped.
pub struct TerminalGuard {
    pub terminal: DefaultTerminal,
}

impl TerminalGuard {
    pub fn enter() -> io::Result<Self> {
        // ratatui::try_init installs a panic hook that restores the terminal
        // first; ours runs before it to release the mouse as well.
        let terminal = ratatui::try_init()?;
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            release_mouse();
            previous(info);
        }));
        execute!(io::stdout(), EnableMouseCapture)?;
        watch_signals();
        Ok(Self { terminal })
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        release_mouse();
        ratatui::restore();
    }
}

fn release_mouse() {
    let mut out = io::stdout();
    let _ = execute!(out, DisableMouseCapture);
    let _ = out.flush();
}

/// On SIGTERM, SIGHUP or SIGINT: restore the terminal and exit. Progress
/// needs no saving here: every answer is committed when it is given.
fn watch_signals() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT]) else {
        return;
    };
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            release_mouse();
            ratatui::restore();
            std::process::exit(128 + signal);
        }
    });
}
