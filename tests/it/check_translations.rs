//! `portmatrix check` reports book translations that are missing or stale
//! as findings of the catalog checks: on stdout, in JSON and SARIF, and
//! against the baseline.

use crate::support::{SEED, SEED_FILE, bin};

fn check(page: &str, format: &str) -> (i32, String, String) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("zh-CN")).unwrap();
    // The seed's own file name, so the baseline's accepted findings match.
    std::fs::write(dir.path().join("zh-CN").join(SEED_FILE), page).unwrap();
    let o = bin()
        .args(["check", "-q", "--format", format, "--source-docs"])
        .arg(dir.path())
        .output()
        .unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

const OLD: &str = "通过 TCP 的 DNS 查询";

fn changed() -> String {
    assert_eq!(SEED.matches(OLD).count(), 1);
    SEED.replace(OLD, "通过 TCP 的 DNS 查询（已修改）")
}

#[test]
fn unchanged_seed_has_no_translation_issue() {
    let (code, stdout, stderr) = check(SEED, "human");
    assert!(!stdout.contains("catalog_"), "{stdout}");
    assert!(stderr.is_empty(), "{stderr}");
    assert_eq!(code, 0, "{stdout}");
}

#[test]
fn changed_note_is_missing_and_its_old_entry_stale() {
    let (code, stdout, stderr) = check(&changed(), "human");
    assert_eq!(code, 1, "{stdout}");
    assert!(stderr.is_empty(), "nothing on stderr any more: {stderr}");
    assert!(
        stdout.contains(
            "warning[catalog_missing_translation]: the en-US book shows this text untranslated"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("通过 TCP 的 DNS 查询（已修改）"),
        "{stdout}"
    );
    assert!(
        stdout.contains("warning[catalog_stale_msgid]: the en-US catalog i18n/en-US/book.po translates a text that no page has any more"),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("new: {}", "i18n/en-US/book.po:")),
        "{stdout}"
    );
    assert!(stdout.contains("2 new, 4 in the baseline"), "{stdout}");
}

#[test]
fn catalog_findings_are_in_json_and_sarif() {
    let (code, stdout, _) = check(&changed(), "json");
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let fs = v["findings"].as_array().unwrap();
    let missing = fs
        .iter()
        .find(|f| f["code"] == "catalog_missing_translation")
        .expect("missing translation");
    assert!(
        missing["locations"][0]["path"]
            .as_str()
            .unwrap()
            .ends_with(SEED_FILE)
    );
    assert_eq!(missing["locations"][0]["line"], 66);
    assert_eq!(missing["baselined"], false);
    let stale = fs
        .iter()
        .find(|f| f["code"] == "catalog_stale_msgid")
        .expect("stale msgid");
    assert_eq!(stale["locations"][0]["path"], "i18n/en-US/book.po");
    let po = include_str!("../../i18n/en-US/book.po");
    let line = stale["locations"][0]["line"].as_u64().unwrap() as usize;
    assert!(
        po.lines().nth(line - 1).unwrap().contains(OLD),
        "line {line}"
    );
    // The edition check of the same name is a different code.
    assert!(fs.iter().all(|f| f["code"] != "stale_translation"));

    let (_, sarif, _) = check(&changed(), "sarif");
    let v: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    let ids: Vec<&str> = v["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["ruleId"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"catalog_missing_translation") && ids.contains(&"catalog_stale_msgid"));
}

#[test]
fn catalog_findings_can_be_baselined() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("zh-CN")).unwrap();
    std::fs::write(dir.path().join("zh-CN").join(SEED_FILE), changed()).unwrap();
    let mut b = portmatrix::check::baseline::Baseline::embedded();
    let m = portmatrix::parse::parse_sources(&[portmatrix::parse::Source::new(dir.path())]);
    let findings = portmatrix::pipeline::translations::check_findings(&m).unwrap();
    for f in findings
        .iter()
        .filter(|f| f.code.as_str().starts_with("catalog_"))
    {
        let mut e = portmatrix::check::baseline::Baseline::entry_for(f);
        e.reason = "accepted in this test: the translator is on it".into();
        b.findings.push(e);
    }
    let file = dir.path().join("baseline.json");
    std::fs::write(&file, serde_json::to_string(&b).unwrap()).unwrap();
    let o = bin()
        .args(["check", "-q", "--baseline"])
        .arg(&file)
        .arg("--source-docs")
        .arg(dir.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("0 new, 6 in the baseline"), "{stdout}");
}
