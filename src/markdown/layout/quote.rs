//! Block quotes: a bar in front of every line, blank lines included.

use super::{Level, Opened, Out};
use crate::markdown::{Role, Style};

pub(super) const BAR: &str = "│ ";

pub(super) fn open(out: &mut Out) -> Opened {
    out.push_level(Level::bar(BAR, Style::role(Role::QuoteBar)));
    Opened { levels: 1, gaps: true, list: None, first_line: None }
}

#[cfg(test)]
mod tests {
    use crate::markdown::Role;
    use crate::markdown::inline::{plain, text_with_role};

    const SRC: &str = "> Lambda runs your code only when an event arrives, and you pay only while it runs.\n>\n\
                       > > A nested quote inside the first one, long enough to wrap at the narrow width.\n>\n\
                       > Back in the outer quote.\n\n>\n";

    #[test]
    fn snapshot_80() {
        insta::assert_snapshot!(plain(SRC, 80));
    }

    #[test]
    fn snapshot_28() {
        insta::assert_snapshot!(plain(SRC, 28));
    }

    #[test]
    fn every_line_has_a_bar() {
        let out = plain(SRC, 28);
        assert!(out.lines().filter(|l| !l.is_empty()).all(|l| l.starts_with('│')), "{out}");
        assert_eq!(out.lines().filter(|l| l.is_empty()).count(), 1, "{out}");
        assert!(text_with_role(SRC, Role::QuoteBar).starts_with("│ "));
    }

    #[test]
    fn lazy_continuation_joins_the_quote() {
        assert_eq!(plain("> a\nb\n", 80), "│ a b\n");
    }
}
