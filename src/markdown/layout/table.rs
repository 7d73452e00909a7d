//! Tables: boxed, with column widths fitted to the room (the widest columns
//! give way first) and cells wrapping inside their column. When the columns
//! cannot each get a few characters, each row is shown stacked instead, as
//! `Header: value` lines.

use super::Out;
use crate::markdown::model::{Align, Inline, Table};
use crate::markdown::wrap::{width, wrap};
use crate::markdown::{Role, Span, Style};

/// A column is never narrowed below its longest word, up to this many
/// columns; when the columns cannot all get that, stacked rows read better
/// than words chopped into slivers.
const MIN_COLUMN: usize = 12;

pub(super) fn render(table: &Table, out: &mut Out) {
    let columns = table.header.len();
    if columns == 0 {
        return;
    }
    let avail = out.content_width();
    // Borders and one space of padding each side: "│ a │ b │".
    let overhead = 3 * columns + 1;
    let mut natural = vec![1; columns];
    let mut floor = vec![1; columns];
    for row in std::iter::once(&table.header).chain(&table.rows) {
        for (c, cell) in row.iter().enumerate().take(columns) {
            let (line, word) = measure(cell);
            natural[c] = natural[c].max(line);
            floor[c] = floor[c].max(word.min(MIN_COLUMN));
        }
    }
    let needed = floor.iter().sum::<usize>().saturating_add(overhead);
    if needed > avail {
        stacked(table, out);
        return;
    }
    let widths = fit(&natural, &floor, avail - overhead);
    let border = Style::role(Role::TableBorder);
    out.line(edge(&widths, ['┌', '┬', '┐'], border));
    let header =
        wrap_row(
            &table.header,
            &widths,
            |s| if s.role == Role::Text { Style { role: Role::TableHeader, ..s } } else { s },
        );
    emit_row(header, &widths, &table.alignments, out);
    let rows: Vec<Vec<Vec<Vec<Span>>>> = table.rows.iter().map(|r| wrap_row(r, &widths, |s| s)).collect();
    // Rule between body rows only when some row takes several lines.
    let ruled = rows.iter().any(|r| r.iter().any(|cell| cell.len() > 1));
    for (i, row) in rows.into_iter().enumerate() {
        if i == 0 || ruled {
            out.line(edge(&widths, ['├', '┼', '┤'], border));
        }
        emit_row(row, &widths, &table.alignments, out);
    }
    out.line(edge(&widths, ['└', '┴', '┘'], border));
}

/// A cell's width on one line (breaks count as a space) and the width of
/// its longest word.
fn measure(cell: &[Inline]) -> (usize, usize) {
    let (mut line, mut word, mut longest) = (0, 0, 0);
    for inline in cell {
        match inline {
            Inline::Text(text, _) => {
                for (i, piece) in text.split(' ').enumerate() {
                    if i > 0 {
                        line += 1;
                        word = 0;
                    }
                    let w = width(piece);
                    line += w;
                    word += w;
                    longest = longest.max(word);
                }
            }
            Inline::SoftBreak | Inline::HardBreak => {
                line += 1;
                word = 0;
            }
        }
    }
    (line, longest)
}

/// Column widths summing to at most `room`: every column gets its natural
/// width capped at one common level, never less than its floor; the level
/// is the highest that fits, so the widest columns give way first. Columns
/// cut to the level share what is left over, leftmost first.
fn fit(natural: &[usize], floor: &[usize], room: usize) -> Vec<usize> {
    let at =
        |level: usize| -> Vec<usize> { natural.iter().zip(floor).map(|(&n, &f)| n.min(level).max(f).max(1)).collect() };
    let widest = natural.iter().copied().max().unwrap_or(1);
    let (mut low, mut high) = (1, widest);
    while low < high {
        let mid = low + (high - low).div_ceil(2);
        if at(mid).iter().sum::<usize>() <= room {
            low = mid;
        } else {
            high = mid - 1;
        }
    }
    let mut widths = at(low);
    let mut spare = room.saturating_sub(widths.iter().sum());
    for (w, &n) in widths.iter_mut().zip(natural) {
        if spare > 0 && *w < n {
            *w += 1;
            spare -= 1;
        }
    }
    widths
}

fn wrap_row(cells: &[Vec<Inline>], widths: &[usize], restyle: impl Fn(Style) -> Style + Copy) -> Vec<Vec<Vec<Span>>> {
    widths.iter().enumerate().map(|(c, &w)| cells.get(c).map_or_else(Vec::new, |cell| wrap(cell, w, restyle))).collect()
}

fn emit_row(cells: Vec<Vec<Vec<Span>>>, widths: &[usize], alignments: &[Align], out: &mut Out) {
    let border = Style::role(Role::TableBorder);
    let height = cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
    let mut cells: Vec<std::vec::IntoIter<Vec<Span>>> = cells.into_iter().map(Vec::into_iter).collect();
    for _ in 0..height {
        let mut spans = vec![Span { text: "│".to_owned(), style: border }];
        for (c, &w) in widths.iter().enumerate() {
            let content = cells.get_mut(c).and_then(Iterator::next).unwrap_or_default();
            let used: usize = content.iter().map(|s| width(&s.text)).sum();
            let pad = w.saturating_sub(used);
            let (left, right) = match alignments.get(c).copied().unwrap_or_default() {
                Align::Left => (0, pad),
                Align::Right => (pad, 0),
                Align::Center => (pad / 2, pad - pad / 2),
            };
            spans.push(Span { text: " ".repeat(1 + left), style: Style::default() });
            spans.extend(content);
            spans.push(Span { text: " ".repeat(1 + right), style: Style::default() });
            spans.push(Span { text: "│".to_owned(), style: border });
        }
        out.line(spans);
    }
}

fn edge(widths: &[usize], [left, middle, right]: [char; 3], style: Style) -> Vec<Span> {
    let mut text = String::new();
    text.push(left);
    for (c, &w) in widths.iter().enumerate() {
        if c > 0 {
            text.push(middle);
        }
        text.extend(std::iter::repeat_n('─', w + 2));
    }
    text.push(right);
    vec![Span { text, style }]
}

/// The narrow fallback: each row as `Header: value` lines, rows apart.
fn stacked(table: &Table, out: &mut Out) {
    let header_style = |s: Style| if s.role == Role::Text { Style { role: Role::TableHeader, ..s } } else { s };
    let room = out.content_width();
    if table.rows.is_empty() {
        for cell in &table.header {
            for line in wrap(cell, room, header_style) {
                out.line(line);
            }
        }
        return;
    }
    for (r, row) in table.rows.iter().enumerate() {
        if r > 0 {
            out.gap();
        }
        for (c, head) in table.header.iter().enumerate() {
            let mut runs: Vec<Inline> = head
                .iter()
                .map(|i| match i {
                    Inline::Text(t, s) => Inline::Text(t.clone(), header_style(*s)),
                    other => other.clone(),
                })
                .collect();
            if !runs.is_empty() {
                runs.push(Inline::Text(": ".to_owned(), Style::role(Role::TableHeader)));
            }
            runs.extend(row.get(c).into_iter().flatten().cloned());
            for line in wrap(&runs, room, |s| s) {
                out.line(line);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{fit, measure};
    use crate::markdown::inline::{plain, spans};
    use crate::markdown::model::Inline;
    use crate::markdown::{Document, Role, Style};

    const FITS: &str = "| Setting | Range | Default |\n| --- | :---: | ---: |\n| Timeout | 1–900 s | 3 s |\n\
                        | Memory | 128–10,240 MB | 128 MB |\n";
    const WRAPS: &str = "| Task | Virtual machine (EC2) | Function (Lambda) |\n| --- | --- | --- |\n\
                         | Choose instance size and count | You | Platform (you pick memory only) |\n\
                         | Patch the operating system | You | AWS |\n";

    #[test]
    fn fits_snapshot_80() {
        insta::assert_snapshot!(plain(FITS, 80));
    }

    #[test]
    fn fits_snapshot_28() {
        insta::assert_snapshot!(plain(FITS, 28));
    }

    #[test]
    fn wraps_snapshot_80() {
        insta::assert_snapshot!(plain(WRAPS, 80));
    }

    #[test]
    fn wraps_snapshot_48() {
        insta::assert_snapshot!(plain(WRAPS, 48));
    }

    #[test]
    fn many_columns_snapshot_80() {
        insta::assert_snapshot!(plain(WIDE, 80));
    }

    #[test]
    fn many_columns_stacked_snapshot_60() {
        insta::assert_snapshot!(plain(WIDE, 60));
    }

    #[test]
    fn stacked_snapshot_28() {
        insta::assert_snapshot!(plain(WRAPS, 28));
    }

    const WIDE: &str = "| Event source | Invocation | Batching | Retries | Ordering | Failure handling | Scaling unit |\n\
                        |---|---|---|---|---|---|---|\n\
                        | SQS standard queue | poller, synchronous | up to 10,000 records | until retention | none | DLQ on the queue | concurrency |\n\
                        | Kinesis stream | poller, synchronous | up to 10,000 records | until expiry | per shard | on-failure destination | shards |\n";

    #[test]
    fn header_and_border_roles() {
        let spans = spans(FITS);
        assert!(spans.iter().any(|s| s.text == "Setting" && s.style.role == Role::TableHeader));
        assert!(spans.iter().any(|s| s.text == "Timeout" && s.style.role == Role::Text));
        assert!(spans.iter().any(|s| s.text.starts_with('┌') && s.style.role == Role::TableBorder));
    }

    #[test]
    fn widest_columns_shrink_first() {
        assert_eq!(fit(&[10, 30, 5], &[1, 1, 1], 30), [10, 15, 5]);
        assert_eq!(fit(&[20, 20, 5], &[1, 1, 1], 30), [13, 12, 5]);
        assert_eq!(fit(&[3, 4], &[1, 1], 100), [3, 4]);
        assert_eq!(fit(&[0, 4], &[1, 1], 100), [1, 4]);
        // Floors hold: the long-word column keeps 8, the other gives way.
        assert_eq!(fit(&[30, 30], &[8, 2], 20), [10, 10]);
        assert_eq!(fit(&[30, 30], &[12, 2], 20), [12, 8]);
    }

    #[test]
    fn measure_counts_lines_and_words() {
        let cell = [
            Inline::Text("ab cdef".into(), Style::default()),
            Inline::SoftBreak,
            Inline::Text("g".into(), Style::default()),
        ];
        assert_eq!(measure(&cell), (9, 4));
    }

    #[test]
    fn every_width_fits() {
        for width in 1..=90 {
            let layout = Document::parse(WRAPS).layout(width);
            assert!(layout.lines.iter().all(|l| l.width() <= width), "width {width}\n{}", layout.to_plain());
        }
    }
}
