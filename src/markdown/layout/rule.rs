//! Thematic breaks: a line across the available width.

use super::Out;
use crate::markdown::{Role, Span, Style};

pub(super) fn render(out: &mut Out) {
    let text = "─".repeat(out.content_width());
    out.line(vec![Span { text, style: Style::role(Role::Rule) }]);
}

#[cfg(test)]
mod tests {
    use crate::markdown::Role;
    use crate::markdown::inline::{plain, text_with_role};

    const SRC: &str = "Above.\n\n---\n\nBelow.\n\n> ***\n";

    #[test]
    fn snapshot_80() {
        insta::assert_snapshot!(plain(SRC, 80));
    }

    #[test]
    fn snapshot_28() {
        insta::assert_snapshot!(plain(SRC, 28));
    }

    #[test]
    fn rule_spans_the_room() {
        assert_eq!(text_with_role(SRC, Role::Rule).chars().count(), 80 + 78);
    }
}
