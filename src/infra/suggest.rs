//! "Did you mean …?": the closest known word to a misspelt one. The one
//! rule for packs, scenarios, lessons and the command line, so the same
//! typo gets the same help wherever it is made.

/// Optimal-string-alignment distance (Levenshtein plus adjacent
/// transpositions, so `anwser` is one edit from `answer`), on characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    strsim::osa_distance(a, b)
}

/// The candidate closest to `word`, if it is close enough to be a likely
/// typo: within a third of the word's length, rounded up (at most four
/// edits; none for words shorter than three letters), or the same word in
/// another case or with `_` for `-`.
pub fn did_you_mean<'c>(word: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let normal = |s: &str| s.to_lowercase().replace('_', "-");
    let word_normal = normal(word);
    // Very short words are one edit from everything: suggest only exact
    // matches up to case for them.
    let len = word.chars().count();
    let limit = if len < 3 { 0 } else { len.div_ceil(3).min(4) };
    candidates
        .into_iter()
        .map(|c| (if normal(c) == word_normal { 0 } else { edit_distance(word, c) }, c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// ` (did you mean `x`?)`, or nothing.
pub fn hint<'c>(word: &str, candidates: impl IntoIterator<Item = &'c str>) -> String {
    did_you_mean(word, candidates).map_or_else(String::new, |c| format!("; did you mean `{c}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(edit_distance("", ""), 0);
        assert_eq!(edit_distance("abc", ""), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("anwser", "answer"), 1, "transposition is one edit");
        assert_eq!(edit_distance("épée", "epee"), 2, "characters, not bytes");
    }

    #[test]
    fn suggestions_are_close_or_nothing() {
        let keys = ["answer", "accept", "choices", "explanation"];
        assert_eq!(did_you_mean("anwser", keys), Some("answer"));
        assert_eq!(did_you_mean("choice", keys), Some("choices"));
        assert_eq!(did_you_mean("explaination", keys), Some("explanation"));
        assert_eq!(did_you_mean("zebra", keys), None);
        assert_eq!(did_you_mean("true_false", ["true-false", "single"]), Some("true-false"));
        assert_eq!(hint("zebra", keys), "");
        assert_eq!(hint("choise", keys), "; did you mean `choices`?");
    }
}
