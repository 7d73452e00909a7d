//! The full-screen interface: app state, actions, keymap, theme, and one
//! module per screen.

pub mod ansi;
pub mod strings;

use crate::cli::GlobalOptions;

/// Open the home screen and run until the user quits.
pub fn run(_global: &GlobalOptions) -> std::io::Result<()> {
    Ok(())
}
