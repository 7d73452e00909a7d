//! `export-pack` through the real binary: a built-in pack by id or a pack
//! file by path, to Anki or GIFT, on stdout or in `-o OUT`; what a format
//! cannot hold reported on stderr.

use assert_cmd::Command;

fn bin() -> Command {
    let mut cmd = Command::cargo_bin("lambda-tutor").expect("binary");
    cmd.env_remove("LAMBDA_TUTOR_DATA").env("NO_COLOR", "1");
    cmd
}

fn data_dir() -> tempfile::TempDir {
    tempfile::tempdir().expect("tempdir")
}

#[test]
fn a_builtin_pack_to_anki_on_stdout() {
    let data = data_dir();
    let course = lambda_tutor::course::Course::builtin();
    let Some(pack) = course.packs.first() else { return };
    let output = bin()
        .arg("--data-dir")
        .arg(data.path())
        .args(["export-pack", &pack.meta.id, "--to", "anki"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let text = String::from_utf8(output.stdout).expect("utf-8");
    assert!(text.starts_with("#separator:tab\n#html:true\n#guid column:1\n"), "{text}");
    let first_note = text.lines().find(|l| !l.starts_with('#')).expect("a note");
    assert!(first_note.starts_with(&format!("{}/{}\tBasic\t", pack.meta.id, pack.questions[0].id)), "{first_note}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let predicts = pack.questions.iter().filter(|q| q.type_name() == "predict").count();
    assert_eq!(stderr.matches(": not exported: ").count(), predicts, "{stderr}");
    assert!(stderr.lines().last().unwrap_or("").starts_with("exported "), "{stderr}");
}

#[test]
fn a_pack_file_to_gift_in_a_file_then_back() {
    let data = data_dir();
    let pack = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/packs/good-three.toml");
    let out = data.path().join("three.gift");
    let output = bin()
        .arg("--data-dir")
        .arg(data.path())
        .args(["export-pack", pack, "--to", "gift", "-o"])
        .arg(&out)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(output.stdout.is_empty());
    let gift = std::fs::read_to_string(&out).expect("written");
    assert!(gift.contains("$CATEGORY: three/"), "{gift}");
    let back = bin().arg("import").arg(&out).output().expect("runs");
    assert_eq!(back.status.code(), Some(0), "{}", String::from_utf8_lossy(&back.stderr));
}

#[test]
fn an_unknown_pack_is_a_usage_error() {
    let data = data_dir();
    let output = bin()
        .arg("--data-dir")
        .arg(data.path())
        .args(["export-pack", "no-such-pack", "--to", "gift"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no pack with id `no-such-pack`"));
}

#[test]
fn a_pack_with_errors_is_refused() {
    let data = data_dir();
    let pack = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/packs/bad-duplicate-id.toml");
    let output =
        bin().arg("--data-dir").arg(data.path()).args(["export-pack", pack, "--to", "anki"]).output().expect("runs");
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("duplicate question id"));
}
