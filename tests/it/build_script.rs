//! build.rs on a malformed docs tree: it must fail with file, line, cell and
//! expectation, and not panic. The compiled build script is run directly (as
//! cargo runs it) with PORTMATRIX_SOURCE_DOCS pointing at a temporary tree.

use std::path::PathBuf;
use std::process::Command;

use crate::support::SEED;

/// The most recently built `build-script-build` of this package that bakes
/// (was compiled with the `bake` feature): a `cargo check` of other feature
/// sets leaves newer ones that do nothing, and they must not be picked.
fn build_script() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let profile_dir = exe.parent().unwrap().parent().unwrap(); // target/<profile>
    let mut candidates: Vec<(std::time::SystemTime, PathBuf)> =
        std::fs::read_dir(profile_dir.join("build"))
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().starts_with("portmatrix-"))
            .map(|e| e.path().join("build-script-build"))
            .filter(|p| p.exists())
            .filter(|p| {
                let bytes = std::fs::read(p).unwrap_or_default();
                bytes
                    .windows(b"PORTMATRIX_UPDATE_BAKED".len())
                    .any(|w| w == b"PORTMATRIX_UPDATE_BAKED")
            })
            .filter_map(|p| Some((p.metadata().ok()?.modified().ok()?, p)))
            .collect();
    candidates.sort();
    candidates.pop().expect("build script binary").1
}

fn run(docs: &std::path::Path) -> (bool, String, String) {
    let out = tempfile::tempdir().unwrap();
    let o = Command::new(build_script())
        .env("CARGO_MANIFEST_DIR", env!("CARGO_MANIFEST_DIR"))
        .env("OUT_DIR", out.path())
        .env("PORTMATRIX_SOURCE_DOCS", docs)
        .output()
        .unwrap();
    (
        o.status.success(),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn malformed_page_fails_the_build_with_file_line_cell_and_expectation() {
    let docs = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(docs.path().join("zh-CN")).unwrap();
    let bad = SEED.replacen("A/V/RTP/TCP/50,000-59,999", "A/V/RTP/TCP/59,999-50,000", 1);
    std::fs::write(docs.path().join("zh-CN/page.md"), bad).unwrap();
    let (ok, stdout, stderr) = run(docs.path());
    assert!(!ok, "the build script accepted a reversed range");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let shown = format!(
        "{}/zh-CN/page.md:99: error[reversed_range]: range 59999-50000 runs backwards",
        docs.path().display()
    );
    assert!(
        stdout.contains(&format!("cargo::error={shown}")),
        "{stdout}"
    );
    assert!(
        stdout.contains("cell: `A/V/RTP/TCP/59,999-50,000`"),
        "{stdout}"
    );
    assert!(
        stdout.contains("expected: the lower port first: 50000-59999"),
        "{stdout}"
    );
    // Every input is watched.
    assert!(stdout.contains("cargo:rerun-if-changed="), "{stdout}");
    assert!(stdout.contains("page.md"), "{stdout}");
}

#[test]
fn clean_tree_bakes_and_watches_every_page() {
    let docs = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(docs.path().join("zh-CN/sub")).unwrap();
    std::fs::write(docs.path().join("zh-CN/a.md"), SEED).unwrap();
    std::fs::write(
        docs.path().join("zh-CN/sub/b.md"),
        SEED.replace("f7cbd0f1", "00000000"),
    )
    .unwrap();
    let (ok, stdout, stderr) = run(docs.path());
    assert!(ok, "{stdout}\n{stderr}");
    for f in ["zh-CN/a.md", "zh-CN/sub/b.md"] {
        assert!(
            stdout.contains(&format!(
                "cargo:rerun-if-changed={}",
                docs.path().join(f).display()
            )),
            "{stdout}"
        );
    }
    assert!(stdout.contains("cargo:rerun-if-env-changed=PORTMATRIX_SOURCE_DOCS"));
}
