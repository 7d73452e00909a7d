//! Loading packs for use (quizzes, listings), as opposed to checking them:
//! packs with errors are skipped and their errors returned; warnings are
//! left to `check`.

use std::collections::HashMap;

use super::model::Pack;
use super::parse::parse_pack;
use crate::infra::{Diagnostic, embedded};

/// Parse pack files given as (path, bytes). Packs with errors, and packs
/// whose id an earlier file already uses, are skipped and reported.
pub fn load_packs<'a>(
    files: impl IntoIterator<Item = (&'a str, &'a [u8])>,
    builtin: bool,
) -> (Vec<Pack>, Vec<Diagnostic>) {
    let mut packs = Vec::new();
    let mut errors = Vec::new();
    let mut seen: HashMap<String, String> = HashMap::new();
    for (path, bytes) in files {
        let parsed = parse_pack(path, bytes);
        errors.extend(parsed.diagnostics.into_iter().filter(Diagnostic::is_error));
        let Some(mut pack) = parsed.pack else { continue };
        if let Some(first) = seen.get(&pack.meta.id) {
            let (line, column) = parsed.id.map_or((1, 1), |(_, l, c)| (l, c));
            errors.push(Diagnostic::error(
                path,
                line,
                column,
                format!("pack id `{}` is already used by {first}", pack.meta.id),
            ));
            continue;
        }
        seen.insert(pack.meta.id.clone(), path.to_owned());
        pack.builtin = builtin;
        packs.push(pack);
    }
    (packs, errors)
}

/// The packs embedded in the binary (`quizzes/*.toml`), through the same
/// parser as any file on disk.
pub fn builtin_packs() -> (Vec<Pack>, Vec<Diagnostic>) {
    let files = embedded::quiz_packs();
    load_packs(files.iter().map(|(p, b)| (p.as_str(), *b)), true)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PACK: &str = r#"format = 1
[pack]
id = "p"
title = "P"
version = "1"
[[questions]]
id = "q"
type = "true-false"
topic = "t"
prompt = "Is it?"
answer = true
explanation = "It is, because the facts sheet says so."
"#;

    #[test]
    fn broken_and_duplicate_packs_are_skipped_and_reported() {
        let broken = "format = 1\n[pack]\nid = \"x\"\n";
        let files = [("a.toml", PACK), ("b.toml", PACK), ("c.toml", broken)];
        let (packs, errors) = load_packs(files.iter().map(|(p, s)| (*p, s.as_bytes())), false);
        assert_eq!(packs.len(), 1);
        assert_eq!(packs[0].path, "a.toml");
        assert!(errors.iter().any(|d| d.path == "b.toml" && d.message.contains("already used by a.toml")));
        assert!(errors.iter().any(|d| d.path == "c.toml"));
        assert!(errors.iter().all(Diagnostic::is_error), "warnings are for `check`");
    }

    #[test]
    fn builtin_packs_load_without_errors() {
        let (packs, errors) = builtin_packs();
        assert!(errors.is_empty(), "{errors:#?}");
        assert!(packs.iter().all(|p| p.builtin));
        assert_eq!(packs.len(), embedded::quiz_packs().len());
    }
}
