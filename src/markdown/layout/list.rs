//! Bullet, ordered and task lists: the marker on an item's first line and
//! a hanging indent of the same width under it, at any depth.

use super::{Level, Opened, Out};
use crate::markdown::model::{Item, List};
use crate::markdown::{Role, Style};

/// Bullets by nesting depth, repeating.
const BULLETS: [&str; 3] = ["• ", "◦ ", "▪ "];

/// What a list's items need to draw their markers.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct ListInfo {
    start: Option<u64>,
    tight: bool,
    /// 1 for a top-level list.
    depth: usize,
    /// Digits of the largest number, so the numbers line up on the right.
    digits: usize,
}

pub(super) fn open(list: &List, depth: usize) -> Opened {
    let digits = list.start.map_or(0, |start| {
        let last = start.saturating_add((list.items.len() as u64).saturating_sub(1));
        last.to_string().len()
    });
    let info = ListInfo { start: list.start, tight: list.tight, depth, digits };
    Opened { levels: 0, gaps: !list.tight, list: Some(info), first_line: None }
}

pub(super) fn open_item(item: &Item, list: ListInfo, index: usize, out: &mut Out) -> Opened {
    let marker = Style::role(Role::ListMarker);
    let task = item
        .task
        .map(|done| if done { ("[x] ", Style::role(Role::TaskDone)) } else { ("[ ] ", Style::role(Role::TaskTodo)) });
    let mut levels = 1;
    match (list.start, task) {
        (Some(start), task) => {
            let number = start.saturating_add(index as u64);
            out.push_level(Level::marker(format!("{number:>width$}. ", width = list.digits), marker));
            if let Some((text, style)) = task {
                out.push_level(Level::marker(text.to_owned(), style));
                levels = 2;
            }
        }
        // A task item of a bullet list shows its box instead of a bullet.
        (None, Some((text, style))) => out.push_level(Level::marker(text.to_owned(), style)),
        (None, None) => {
            let bullet = BULLETS[(list.depth.max(1) - 1) % BULLETS.len()];
            out.push_level(Level::marker(bullet.to_owned(), marker));
        }
    }
    Opened { levels, gaps: !list.tight, list: None, first_line: None }
}

#[cfg(test)]
mod bullet_tests {
    use crate::markdown::Role;
    use crate::markdown::inline::{plain, text_with_role};

    const SRC: &str = "- Upload code as a zip file or a container image, and pick a runtime for it.\n\
                       - Set memory; CPU follows it.\n-\n- Last item.\n";

    #[test]
    fn snapshot_80() {
        insta::assert_snapshot!(plain(SRC, 80));
    }

    #[test]
    fn snapshot_28() {
        insta::assert_snapshot!(plain(SRC, 28));
    }

    #[test]
    fn wrapped_lines_hang_under_the_text() {
        let out = plain(SRC, 28);
        let second = out.lines().nth(1).expect("a wrapped line");
        assert!(second.starts_with("  ") && !second.starts_with("   "), "{out}");
        assert_eq!(text_with_role(SRC, Role::ListMarker), "• • • • ");
    }
}

#[cfg(test)]
mod ordered_tests {
    use crate::markdown::inline::plain;

    const SRC: &str = "8. Package the function and its dependencies into one artifact.\n\
                       9. Deploy it.\n10. Invoke it and read the logs in CloudWatch.\n\n\
                       Loose, starting at 3:\n\n3) First paragraph.\n\n   Second paragraph of the same item.\n\n4) Next.\n";

    #[test]
    fn snapshot_80() {
        insta::assert_snapshot!(plain(SRC, 80));
    }

    #[test]
    fn snapshot_28() {
        insta::assert_snapshot!(plain(SRC, 28));
    }

    #[test]
    fn numbers_align_on_the_right() {
        let out = plain(SRC, 80);
        assert!(out.contains(" 8. Package") && out.contains(" 9. Deploy") && out.contains("10. Invoke"), "{out}");
        assert!(out.contains("3. First paragraph.\n\n   Second paragraph"), "{out}");
    }
}

#[cfg(test)]
mod nested_tests {
    use crate::markdown::inline::plain;

    const SRC: &str = "- Synchronous invocations\n  - API Gateway, ALB\n    - the caller waits for the \
                       response and handles errors itself\n  - SDK `Invoke`\n- Asynchronous\n  1. queued\n  \
                       2. retried twice\n\n     > a quote in an item\n";

    #[test]
    fn snapshot_80() {
        insta::assert_snapshot!(plain(SRC, 80));
    }

    #[test]
    fn snapshot_28() {
        insta::assert_snapshot!(plain(SRC, 28));
    }

    #[test]
    fn bullets_change_with_depth() {
        let out = plain(SRC, 80);
        assert!(out.contains("• Synchronous") && out.contains("  ◦ API") && out.contains("    ▪ the caller"), "{out}");
    }
}

#[cfg(test)]
mod task_tests {
    use crate::markdown::Role;
    use crate::markdown::inline::{plain, spans};

    const SRC: &str = "- [x] Create the execution role with least privilege for the function\n\
                       - [ ] Add a dead-letter queue\n\n1. [ ] numbered task\n";

    #[test]
    fn snapshot_80() {
        insta::assert_snapshot!(plain(SRC, 80));
    }

    #[test]
    fn snapshot_28() {
        insta::assert_snapshot!(plain(SRC, 28));
    }

    #[test]
    fn boxes_have_roles() {
        let spans = spans(SRC);
        assert!(spans.iter().any(|s| s.text == "[x] " && s.style.role == Role::TaskDone));
        assert!(spans.iter().filter(|s| s.text == "[ ] " && s.style.role == Role::TaskTodo).count() == 2);
        assert!(plain(SRC, 80).contains("1. [ ] numbered task"));
    }
}
