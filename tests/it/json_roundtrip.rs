//! The JSON contract reads back into the typed model: JSON → model → JSON is
//! byte-identical on the embedded default and on the real corpus.

use portmatrix::json::{from_json, to_json};

use crate::support;

fn round_trip(m: &portmatrix::Matrix) {
    let json = to_json(m);
    let back = from_json(&json).expect("our own JSON reads back");
    assert_eq!(&back, m, "the typed model survives the round trip");
    assert_eq!(to_json(&back), json, "and writes the same bytes again");
}

#[test]
fn embedded_default_round_trips() {
    round_trip(portmatrix::embedded());
}

#[test]
#[ignore = "needs PORTMATRIX_CORPUS"]
fn corpus_round_trips() {
    let m = support::corpus();
    // 237 port summary rules per locale, and the other layouts' (issue 12):
    // 142 in en-US, 150 in zh-CN.
    assert_eq!(m.rules().count(), 474 + 142 + 150);
    round_trip(&m);
}

#[test]
fn other_versions_are_refused() {
    let json = to_json(portmatrix::embedded()).replacen(
        "\"schema_version\": 2",
        "\"schema_version\": 99",
        1,
    );
    let err = from_json(&json).unwrap_err();
    assert_eq!(
        err.to_string(),
        "schema_version 99 is not supported (this crate reads 2)"
    );
    assert!(from_json("{}").is_err());
}

/// Reading JSON back checks the port range invariant like `PortRange::new`:
/// a hand-edited document cannot make a backwards or zero range.
#[test]
fn invalid_port_ranges_are_refused() {
    let json = to_json(portmatrix::embedded());
    let backwards = json.replacen("\"first\": 5269,\n", "\"first\": 5270,\n", 1);
    assert_ne!(backwards, json);
    let err = from_json(&backwards).unwrap_err().to_string();
    assert!(err.contains("range 5270-5269 runs backwards"), "{err}");
    let zero = json.replacen("\"first\": 5269,\n", "\"first\": 0,\n", 1);
    let err = from_json(&zero).unwrap_err().to_string();
    assert!(err.contains("port 0 is out of range 1-65535"), "{err}");
}
