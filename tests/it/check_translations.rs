//! `portmatrix check` reports book translations that are missing or stale.

use crate::support::{SEED, SEED_FILE, bin};

fn check(page: &str) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("zh-CN")).unwrap();
    // The seed's own file name, so the baseline's accepted findings match.
    std::fs::write(dir.path().join("zh-CN").join(SEED_FILE), page).unwrap();
    let o = bin()
        .args(["check", "-q", "--source-docs"])
        .arg(dir.path())
        .output()
        .unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn unchanged_seed_has_no_translation_issue() {
    let (code, stderr) = check(SEED);
    assert!(!stderr.contains("translation"), "{stderr}");
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn changed_note_is_missing_and_its_old_entry_stale() {
    let old = "通过 TCP 的 DNS 查询";
    assert_eq!(SEED.matches(old).count(), 1);
    let (code, stderr) = check(&SEED.replace(old, "通过 TCP 的 DNS 查询（已修改）"));
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains(&format!("{SEED_FILE}:66: warning[missing_translation]")),
        "{stderr}"
    );
    assert!(
        stderr.contains("通过 TCP 的 DNS 查询（已修改）"),
        "{stderr}"
    );
    assert!(stderr.contains("warning[stale_translation]"), "{stderr}");
    assert!(stderr.contains("2 translation issue(s)"), "{stderr}");
}
