//! Rebuild when embedded content changes: `include_dir!` alone does not tell
//! cargo about files added to or removed from the embedded folders.
fn main() {
    for dir in ["content", "quizzes", "assets"] {
        println!("cargo:rerun-if-changed={dir}");
    }
}
