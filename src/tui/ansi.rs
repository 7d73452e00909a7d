//! Laid-out markdown as ANSI-coloured text, for `read --color always`.

use crate::markdown::Layout;

pub fn render(layout: &Layout) -> String {
    layout.to_plain()
}
