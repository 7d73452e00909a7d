//! Search within a lesson: every hit of a query in the laid-out lines, by
//! character, so the reader can mark them where they are drawn.

use crate::markdown::Layout;

/// Every case-insensitive occurrence of `query` in the laid-out lines, as
/// (line, start char, end char).
pub fn find_in_lines(layout: &Layout, query: &str) -> Vec<(usize, usize, usize)> {
    let needle: Vec<char> = query.chars().map(fold).collect();
    if needle.is_empty() {
        return Vec::new();
    }
    let mut hits = Vec::new();
    for (i, line) in layout.lines.iter().enumerate() {
        let hay: Vec<char> = line.plain().chars().map(fold).collect();
        let mut start = 0;
        while start + needle.len() <= hay.len() {
            if hay[start..start + needle.len()] == needle[..] {
                hits.push((i, start, start + needle.len()));
                start += needle.len();
            } else {
                start += 1;
            }
        }
    }
    hits
}

/// Case folding one character to one character, so offsets stay aligned.
fn fold(c: char) -> char {
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}
