//! GitHub alerts (`> [!NOTE]` …): a coloured bar and a title line naming
//! the kind in words (no icon: not every terminal font has them).

use super::{Level, Opened, Out};
use crate::markdown::model::Inline;
use crate::markdown::wrap::wrap;
use crate::markdown::{AlertKind, Role, Style};

pub(super) fn title(kind: AlertKind) -> &'static str {
    match kind {
        AlertKind::Note => "Note",
        AlertKind::Tip => "Tip",
        AlertKind::Important => "Important",
        AlertKind::Warning => "Warning",
        AlertKind::Caution => "Caution",
    }
}

pub(super) fn open(kind: AlertKind, out: &mut Out) -> Opened {
    let style = Style::role(Role::Alert(kind));
    out.push_level(Level::bar(super::quote::BAR, style));
    let before_title = out.lines.len();
    let heading = [Inline::Text(title(kind).to_owned(), Style { bold: true, ..style })];
    for line in wrap(&heading, out.content_width(), |s| s) {
        out.line(line);
    }
    Opened { levels: 1, gaps: true, list: None, first_line: Some(before_title) }
}

#[cfg(test)]
mod tests {
    use crate::markdown::inline::{plain, spans};
    use crate::markdown::{AlertKind, Role};

    const SRC: &str = "> [!NOTE]\n> New functions time out after **3 seconds** unless you raise the limit.\n\n\
                       > [!TIP]\n> Keep handlers small.\n\n\
                       > [!IMPORTANT]\n> Billing rounds up to the next millisecond.\n>\n> - even for tiny runs\n\n\
                       > [!WARNING]\n> Recursive invocations can run up a bill.\n\n\
                       > [!CAUTION]\n> Deleting a function deletes its versions.\n";

    #[test]
    fn snapshot_80() {
        insta::assert_snapshot!(plain(SRC, 80));
    }

    #[test]
    fn snapshot_28() {
        insta::assert_snapshot!(plain(SRC, 28));
    }

    #[test]
    fn each_kind_has_its_title_and_role() {
        let spans = spans(SRC);
        for (kind, title) in [
            (AlertKind::Note, "Note"),
            (AlertKind::Tip, "Tip"),
            (AlertKind::Important, "Important"),
            (AlertKind::Warning, "Warning"),
            (AlertKind::Caution, "Caution"),
        ] {
            let span = spans.iter().find(|s| s.text == title).expect(title);
            assert_eq!(span.style.role, Role::Alert(kind));
            assert!(span.style.bold);
            assert!(spans.iter().any(|s| s.style.role == Role::Alert(kind) && s.text.starts_with('│')));
        }
    }

    #[test]
    fn empty_alert_is_just_its_title() {
        assert_eq!(plain("> [!TIP]\n", 80), "│ Tip\n");
    }
}
