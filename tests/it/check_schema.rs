//! The findings JSON's published schema (`schema/findings.schema.json`) is
//! current, and the findings JSON of the embedded default and of the real
//! corpus validates against it.

use crate::support::bin;
use portmatrix::check::render;

const PUBLISHED: &str = include_str!("../../schema/findings.schema.json");

fn validator() -> jsonschema::Validator {
    let schema: serde_json::Value = serde_json::from_str(PUBLISHED).expect("the schema is JSON");
    jsonschema::validator_for(&schema).expect("the schema compiles")
}

fn assert_valid(json: &[u8]) -> serde_json::Value {
    let v: serde_json::Value = serde_json::from_slice(json).expect("findings are JSON");
    let errors: Vec<String> = validator()
        .iter_errors(&v)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "findings JSON does not validate: {errors:#?}"
    );
    v
}

#[test]
fn published_findings_schema_is_current() {
    let current = render::schema();
    if std::env::var_os("PORTMATRIX_BLESS").is_some() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/schema/findings.schema.json");
        std::fs::write(path, &current).unwrap();
    }
    assert_eq!(
        current, PUBLISHED,
        "schema/findings.schema.json is stale: run `PORTMATRIX_BLESS=1 cargo test --test it check_schema`"
    );
}

#[test]
fn findings_json_of_the_embedded_default_validates() {
    let out = bin().args(["check", "--format", "json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v = assert_valid(&out.stdout);
    assert_eq!(v["schema_version"], render::SCHEMA_VERSION);
    // Without a baseline: no `baselined`, no stale list; still valid.
    let findings = portmatrix::check::run(portmatrix::embedded());
    assert_valid(render::json(&findings, None).as_bytes());
}

#[test]
fn the_schema_rejects_what_is_not_a_findings_report() {
    let findings = portmatrix::check::run(portmatrix::embedded());
    let mut v: serde_json::Value = serde_json::from_str(&render::json(&findings, None)).unwrap();
    let val = validator();
    assert!(val.is_valid(&v));
    v["findings"][0]["code"] = "no_such_check".into();
    assert!(!val.is_valid(&v), "an unknown code");
    let mut v: serde_json::Value = serde_json::from_str(&render::json(&findings, None)).unwrap();
    v["findings"][0]["severity"] = "style".into();
    assert!(!val.is_valid(&v), "style is a flag, not a severity");
    let mut v: serde_json::Value = serde_json::from_str(&render::json(&findings, None)).unwrap();
    v["findings"][0]["locations"][0]["kind"] = "elsewhere".into();
    assert!(!val.is_valid(&v), "an unknown location kind");
    v.as_object_mut().unwrap().remove("schema_version");
    assert!(!val.is_valid(&v), "no schema_version");
}

#[test]
#[ignore = "needs PORTMATRIX_CORPUS (the real corpus)"]
fn findings_json_of_the_corpus_validates() {
    let out = crate::support::check::check_corpus_output("json");
    let v = assert_valid(&out);
    let findings = v["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 16);
    // Style findings are in the JSON, always.
    assert_eq!(findings.iter().filter(|f| f["style"] == true).count(), 4);
    assert!(findings.iter().all(|f| f["baselined"] == true));
}
