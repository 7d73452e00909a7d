//! Where a TOML syntax error really is. toml recovers from a syntax error and
//! goes on, so one missing `]` yields hundreds of follow-on errors, the first
//! on the line *after* the mistake. We report one error per file: the first,
//! or, when it falls inside an array that was never closed, that array's
//! opening bracket (the line the author has to fix).

/// The byte offset of the `[` of the value array still open at `offset`, if
/// any. A light scan: strings (basic, literal, multi-line), comments and
/// table headers are skipped; arrays nest.
pub fn open_array_at(src: &str, offset: usize) -> Option<usize> {
    let bytes = src.as_bytes();
    let mut stack: Vec<usize> = Vec::new();
    let mut i = 0;
    let mut line_start = true;
    while i < bytes.len().min(offset) {
        let c = bytes[i];
        match c {
            b'\n' => {
                line_start = true;
                i += 1;
                continue;
            }
            b' ' | b'\t' | b'\r' => {
                i += 1;
                continue;
            }
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'"' | b'\'' => {
                i = skip_string(bytes, i);
                line_start = false;
                continue;
            }
            // A table header: `[name]` or `[[name]]` starting a line, outside any array.
            b'[' if line_start && stack.is_empty() => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'[' => stack.push(i),
            b']' => {
                stack.pop();
            }
            _ => {}
        }
        line_start = false;
        i += 1;
    }
    stack.last().copied()
}

/// The offset just past the string that starts at `start`.
fn skip_string(bytes: &[u8], start: usize) -> usize {
    let quote = bytes[start];
    let triple = bytes.get(start..start + 3).is_some_and(|t| t.iter().all(|&b| b == quote));
    let mut i = start + if triple { 3 } else { 1 };
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\\' && quote == b'"' {
            i += 2;
            continue;
        }
        if !triple && b == b'\n' {
            // An unterminated one-line string ends at the line's end.
            return i;
        }
        if b == quote {
            if !triple {
                return i + 1;
            }
            if bytes.get(i..i + 3).is_some_and(|t| t.iter().all(|&b| b == quote)) {
                return i + 3;
            }
        }
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::open_array_at;

    #[test]
    fn finds_the_array_left_open() {
        let src = "[[questions]]\nchoices = [\"a]\", 'b', \"\"\"c\n]\"\"\" # ]\nanswer = \"a\"\n";
        let at = src.find("answer").expect("answer");
        assert_eq!(open_array_at(src, at), Some(src.find("= [").expect("opener") + 2));
        let closed = "[pack]\nx = [1, [2, 3]]\ny = 1\n";
        assert_eq!(open_array_at(closed, closed.find("y =").expect("y")), None);
        let nested = "x = [1, [2, 3\n";
        assert_eq!(open_array_at(nested, nested.len()), Some(8));
    }
}
