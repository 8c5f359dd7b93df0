//! `portmatrix check` on the embedded default (the zh-CN seed page), the
//! baseline, the CLI's exit statuses and `build`'s findings files.

use crate::support::check::only_finding;
use crate::support::{SEED_FILE, bin, read, run_ok};
use portmatrix::check::{self, CheckCode, Level, LocationKind, baseline::Baseline, render};
use portmatrix::diag::Severity;

#[test]
fn seed_heading_defect_is_a_warning_at_the_heading_line() {
    let findings = check::run(portmatrix::embedded());
    let f = only_finding(&findings, CheckCode::HeadingContradictsRows);
    // A mislabelled table: the rows name the right endpoints.
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(f.level(), Level::Warning);
    assert!(
        f.path().ends_with(&format!("zh-CN/{SEED_FILE}")),
        "{}",
        f.path()
    );
    assert_eq!(
        f.line(),
        150,
        "the line of `### …：外部接口 – 节点 1 和节点 2（示例）`"
    );
    assert_eq!(f.locations[0].label, "heading");
    assert!(f.locations[0].text.contains("外部接口"));
    // The heading, then the first and the last of the 11 rows that all
    // touch the internal interface (the others would repeat them).
    assert_eq!(f.locations.len(), 3);
    assert_eq!(f.locations[1].line, 168);
    assert_eq!(f.locations[1].label, "the first of the 11 rows");
    assert_eq!(f.locations[2].line, 228);
    assert!(
        f.locations[1..]
            .iter()
            .all(|l| l.text.contains("边缘服务器内部接口") && l.kind == LocationKind::Related)
    );
    assert!(
        f.help.contains("Internal interface") && f.help.contains("内部接口"),
        "{}",
        f.help
    );
}

#[test]
fn seed_findings_are_all_in_the_baseline() {
    let m = portmatrix::embedded();
    let findings = check::run(m);
    let pages: Vec<&str> = m.pages().map(|p| p.path.as_ref()).collect();
    let b = Baseline::embedded();
    let cmp = b.compare(&findings, &pages);
    assert!(cmp.new.is_empty(), "new: {:#?}", cmp.new);
    assert!(cmp.stale.is_empty(), "stale: {:#?}", cmp.stale);
    assert_eq!(cmp.known.len(), 4);
    // Entries of other pages, and cross-page entries, do not apply here.
    assert!(b.findings.len() > 4);
}

#[test]
fn baseline_detects_new_findings_and_stale_entries() {
    let m = portmatrix::embedded();
    let findings = check::run(m);
    let pages: Vec<&str> = m.pages().map(|p| p.path.as_ref()).collect();
    let mut b = Baseline::embedded();
    // Drop the heading entry: its finding becomes new.
    let page = format!("zh-CN/{SEED_FILE}");
    b.findings
        .retain(|e| !(e.code == "heading_contradicts_rows" && e.page == page));
    let cmp = b.compare(&findings, &pages);
    assert_eq!(cmp.new.len(), 1);
    assert_eq!(cmp.new[0].code, CheckCode::HeadingContradictsRows);
    assert!(!cmp.is_clean());
    // An entry for a finding that does not occur is stale.
    let mut b = Baseline::embedded();
    let mut e = Baseline::entry_for(&findings[0]);
    e.line = 999;
    e.reason = "no such finding".into();
    b.findings.push(e);
    let cmp = b.compare(&findings, &pages);
    assert_eq!(cmp.stale.len(), 1);
    assert_eq!(cmp.stale[0].line, 999);
    assert!(cmp.new.is_empty());
}

#[test]
fn every_baseline_entry_has_a_known_code_and_a_reason() {
    let b = Baseline::parse(portmatrix::check::baseline::DEFAULT).expect("valid");
    assert_eq!(b.findings.len(), 16);
    let locale_page =
        |p: &str| (p.starts_with("en-US/") || p.starts_with("zh-CN/")) && p.ends_with(".md");
    for e in &b.findings {
        assert!(CheckCode::parse(&e.code).is_some());
        assert!(e.reason.len() > 40, "{e:?}");
        assert!(locale_page(&e.page), "{e:?}");
        // `pages` lists every page of a finding that involves several,
        // its own among them; `also` the other places, `page:line`.
        assert!(e.pages.is_empty() || e.pages.len() >= 2, "{e:?}");
        assert!(e.pages.is_empty() || e.pages.contains(&e.page), "{e:?}");
        for a in &e.also {
            let (p, line) = a.rsplit_once(':').expect("page:line");
            assert!(locale_page(p) && line.parse::<u32>().is_ok(), "{e:?}");
            assert!(e.pages.iter().any(|x| x == p), "{e:?}");
        }
    }
    assert!(
        Baseline::parse(r#"{"findings":[{"code":"nope","page":"a/b.md","line":1,"reason":"x"}]}"#)
            .is_err()
    );
    assert!(
        Baseline::parse(
            r#"{"findings":[{"code":"duplicate_rule","page":"a/b.md","line":1,"reason":" "}]}"#
        )
        .is_err()
    );
}

#[test]
fn json_report_has_findings_with_code_severity_message_locations() {
    let findings = check::run(portmatrix::embedded());
    let v: serde_json::Value = serde_json::from_str(&render::json(&findings, None)).expect("json");
    let fs = v["findings"].as_array().expect("findings array");
    assert_eq!(v["schema_version"], 1);
    assert_eq!(fs.len(), 4);
    let h = fs
        .iter()
        .find(|f| f["code"] == "heading_contradicts_rows")
        .expect("heading finding");
    assert_eq!(h["severity"], "warning");
    assert_eq!(h["style"], false);
    assert_eq!(h["locations"][0]["kind"], "primary");
    assert!(
        h["message"]
            .as_str()
            .unwrap()
            .contains("external interface")
    );
    assert_eq!(h["locations"][0]["line"], 150);
    assert!(
        h["locations"][0]["path"]
            .as_str()
            .unwrap()
            .ends_with(SEED_FILE)
    );
    for f in fs {
        assert!(["error", "warning", "info"].contains(&f["severity"].as_str().unwrap()));
        // Style findings (severity info) are in the JSON, flagged.
        assert_eq!(f["style"], f["severity"] == "info");
        assert!(!f["locations"].as_array().unwrap().is_empty());
    }
}

#[test]
fn cli_check_exit_status_and_outputs() {
    // Every finding of the embedded default is baselined: exit 0.
    let out = bin().arg("check").output().expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let human = String::from_utf8(out.stdout).unwrap();
    assert!(
        human.contains("warning[heading_contradicts_rows]: the heading says external interface"),
        "{human}"
    );
    // The style finding (the naming at line 140) is hidden, and counted.
    assert!(!human.contains("[inconsistent_endpoint_naming]"), "{human}");
    assert!(
        human.contains("1 style (not shown: --style shows them)"),
        "{human}"
    );
    let styled = bin().args(["check", "--style"]).output().expect("runs");
    let styled = String::from_utf8(styled.stdout).unwrap();
    assert!(
        styled.contains("style[inconsistent_endpoint_naming]: the A/V Edge service is named"),
        "{styled}"
    );
    assert!(
        human.contains(&format!("--> source-docs/zh-CN/{SEED_FILE}:150")),
        "{human}"
    );
    assert!(human.contains("= help: "));
    assert!(human.contains("0 new, 4 in the baseline, 0 stale"));
    // Deterministic: byte-identical across runs.
    let again = bin().arg("check").output().expect("runs");
    assert_eq!(again.stdout, human.as_bytes());

    let dir = tempfile::tempdir().unwrap();
    // An empty baseline: 4 new findings, exit 1.
    let empty = dir.path().join("empty.json");
    std::fs::write(&empty, r#"{"findings": []}"#).unwrap();
    let out = bin()
        .args(["check", "--format", "json", "--baseline"])
        .arg(&empty)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["findings"].as_array().unwrap().len(), 4);
    assert!(
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["baselined"] == false)
    );
    // A baseline that is not valid: input error, exit 2.
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{ not json").unwrap();
    let out = bin()
        .args(["check", "--baseline"])
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    // A docs tree with a broken page: input error, exit 2.
    let docs = dir.path().join("docs/zh-CN");
    std::fs::create_dir_all(&docs).unwrap();
    std::fs::write(docs.join("broken.md"), "---\nms:assetid: x\ntitle: y\n").unwrap();
    let out = bin()
        .args(["check", "--source-docs"])
        .arg(dir.path().join("docs"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn build_writes_findings_json_and_report() {
    let dir = tempfile::tempdir().unwrap();
    run_ok(bin().args(["build", "--out"]).arg(dir.path()));
    let json = read(&dir.path().join("findings.json"));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["findings"].as_array().unwrap().len(), 4);
    assert_eq!(v["stale_baseline_entries"].as_array().unwrap().len(), 0);
    let txt = read(&dir.path().join("findings.txt"));
    assert!(txt.contains("warning[heading_contradicts_rows]"));
    // The file is the complete record: style findings included.
    assert!(txt.contains("style[inconsistent_endpoint_naming]"));
    assert!(txt.contains("= note: in the baseline: Seed defect"));
}

/// The human report underlines a zh-CN heading as wide as it is on screen:
/// two columns for each Han character (the hand-written renderer counted
/// characters, so its underlines stopped halfway).
#[test]
fn human_underlines_are_as_wide_as_cjk_text() {
    let findings = portmatrix::check::run(portmatrix::embedded());
    let text = portmatrix::check::render::human(&findings, None);
    let lines: Vec<&str> = text.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with("150 | "))
        .expect("the line-150 heading is quoted");
    let quoted = &lines[at]["150 | ".len()..];
    let wide = |c: char| matches!(c as u32, 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6);
    let columns: usize = quoted.chars().map(|c| if wide(c) { 2 } else { 1 }).sum();
    let marks = lines[at + 1].trim_start_matches(['|', ' ']);
    let carets = marks.chars().take_while(|&c| c == '^').count();
    assert!(quoted.chars().any(wide), "{quoted}");
    assert_eq!(carets, columns, "{}\n{}", lines[at], lines[at + 1]);
}
