//! `portmatrix check --format sarif` validates against the official SARIF
//! 2.1.0 JSON Schema (tests/data/sarif-schema-2.1.0.json; see
//! tests/data/README.md for where it came from).

use crate::support::check::*;
use crate::support::{SEED, bin};
use portmatrix::check::{self, CheckCode, render};

fn validator() -> jsonschema::Validator {
    let mut schema: serde_json::Value =
        serde_json::from_str(include_str!("../data/sarif-schema-2.1.0.json"))
            .expect("the schema is JSON");
    // The official file's `language` patterns (run and toolComponent) have a
    // stray `]` (`^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$`), which is not a
    // valid regular expression, so the schema does not compile. Replace them,
    // in memory only, by what they mean (a language tag like `en` or
    // `en-US`); portmatrix's logs carry no `language`, so nothing else changes.
    let mut fixed = 0;
    for def in ["run", "toolComponent"] {
        let lang = &mut schema["definitions"][def]["properties"]["language"]["pattern"];
        assert_eq!(lang, "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$");
        *lang = "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$".into();
        fixed += 1;
    }
    assert_eq!(fixed, 2);
    // Formats (uri, uri-reference, date-time) are validated as draft-07 does
    // by default.
    jsonschema::validator_for(&schema).expect("the schema compiles")
}

fn assert_valid(sarif: &str) -> serde_json::Value {
    let v: serde_json::Value = serde_json::from_str(sarif).expect("SARIF is JSON");
    let val = validator();
    let errors: Vec<String> = val
        .iter_errors(&v)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "SARIF does not validate: {errors:#?}");
    v
}

#[test]
fn cli_sarif_of_the_embedded_default_validates() {
    let out = bin().args(["check", "--format", "sarif"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v = assert_valid(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(v["version"], "2.1.0");
    let results = v["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 4);
    let h = results
        .iter()
        .find(|r| r["ruleId"] == "heading_contradicts_rows")
        .unwrap();
    assert_eq!(h["level"], "warning");
    assert_eq!(h["baselineState"], "unchanged");
    assert_eq!(
        h["locations"][0]["physicalLocation"]["region"]["startLine"],
        150
    );
    assert_eq!(h["relatedLocations"].as_array().unwrap().len(), 2);
    // The style finding is there, as a note.
    let style = results
        .iter()
        .find(|r| r["ruleId"] == "inconsistent_endpoint_naming")
        .unwrap();
    assert_eq!(style["level"], "note");
    assert_eq!(style["properties"]["style"], true);
    let rules = v["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), CheckCode::ALL.len());
    assert_eq!(
        rules[h["ruleIndex"].as_u64().unwrap() as usize]["id"],
        "heading_contradicts_rows"
    );
}

#[test]
fn sarif_with_every_severity_and_odd_paths_validates() {
    // A matrix whose page path has spaces and non-ASCII characters, with an
    // error, a warning and an info finding, and no baseline.
    let (text, _) = insert_after_row(SEED, 62, &row_html(SEED, 62));
    let findings = run(vec![page("zh-CN", "页面 with spaces #1.md", &text)]);
    assert!(
        findings
            .iter()
            .any(|f| f.severity == portmatrix::diag::Severity::Info)
    );
    let v = assert_valid(&render::sarif(&findings, None));
    let uri =
        v["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap();
    assert!(
        uri.starts_with("zh-CN/%E9%A1%B5%E9%9D%A2%20with%20spaces%20%231.md"),
        "{uri}"
    );
    assert!(v["runs"][0]["results"][0].get("baselineState").is_none());
}

#[test]
fn the_validator_rejects_a_broken_log() {
    // The test above can fail: a log without `version`, or with a level
    // SARIF does not know, does not validate.
    let findings = check::run(portmatrix::embedded());
    let mut v: serde_json::Value = serde_json::from_str(&render::sarif(&findings, None)).unwrap();
    let val = validator();
    assert!(val.is_valid(&v));
    v["runs"][0]["results"][0]["level"] = "info".into();
    assert!(!val.is_valid(&v));
    v.as_object_mut().unwrap().remove("version");
    assert!(!val.is_valid(&v));
}

#[test]
#[ignore = "needs PORTMATRIX_CORPUS (the real corpus)"]
fn sarif_of_the_corpus_validates() {
    let out = crate::support::check::check_corpus_output("sarif");
    let v = assert_valid(&String::from_utf8(out).unwrap());
    let results = v["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 16);
    // The A/V RTP row from the Access Edge: one result, the other checks
    // that saw it named.
    let row = results
        .iter()
        .find(|r| {
            r["ruleId"] == "role_endpoint_mismatch"
                && r["properties"]["alsoFoundBy"]
                    .as_array()
                    .is_some_and(|a| !a.is_empty())
        })
        .unwrap();
    assert_eq!(
        row["properties"]["alsoFoundBy"],
        serde_json::json!([
            "summary_flow_not_opened",
            "topology_family_mismatch",
            "flow_differs_across_pages"
        ])
    );
}
