//! Footnote definitions, gathered after a rule at the end of the document
//! (references are `[label]` inline): the label hangs like a list marker.

use super::{Level, Opened, Out};
use crate::markdown::{Role, Style};

pub(super) fn open(label: &str, out: &mut Out) -> Opened {
    out.push_level(Level::marker(format!("[{label}] "), Style::role(Role::Footnote)));
    Opened { levels: 1, gaps: true, list: None, first_line: None }
}

#[cfg(test)]
mod tests {
    use crate::markdown::Role;
    use crate::markdown::inline::{plain, text_with_role};

    const SRC: &str = "Cold starts add latency[^cold], mostly for the first request[^first].\n\n\
                       [^cold]: The Init phase: download the code, start the runtime, run the \
                       initialisation code outside the handler.\n\n\
                       [^first]: And for every new environment after that.\n\n    A second paragraph, indented.\n";

    #[test]
    fn snapshot_80() {
        insta::assert_snapshot!(plain(SRC, 80));
    }

    #[test]
    fn snapshot_28() {
        insta::assert_snapshot!(plain(SRC, 28));
    }

    #[test]
    fn references_and_labels_have_the_footnote_role() {
        let notes = text_with_role(SRC, Role::Footnote);
        assert!(notes.starts_with("[cold][first]"), "{notes}");
        assert!(notes.contains("[cold] ") && notes.contains("[first] "), "{notes}");
        let out = plain(SRC, 80);
        assert!(out.find("[cold] The Init").expect("definition") > out.find("latency[cold]").expect("reference"));
    }
}
