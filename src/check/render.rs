//! Findings as text: human (in the style of rustc diagnostics), JSON and
//! SARIF 2.1.0. Every renderer is deterministic.

use std::fmt::Write as _;

use serde_json::{Value, json};

use super::baseline::Comparison;
use super::{CheckCode, Finding};
use crate::diag::Severity;

/// How many related locations the human report quotes per finding.
const MAX_RELATED: usize = 4;

/// Human report: per finding `severity[code]: message`, `--> path:line`,
/// the row quoted, the related rows pointed at, a `help` line; then a
/// summary. Baselined findings are marked with their accepted reason.
pub fn human(findings: &[Finding], cmp: Option<&Comparison>) -> String {
    let mut s = String::new();
    for f in findings {
        let width = f
            .locations
            .iter()
            .map(|l| l.line.to_string().len())
            .max()
            .unwrap_or(1);
        let pad = " ".repeat(width);
        let _ = writeln!(s, "{}[{}]: {}", f.severity, f.code, f.message);
        for (i, l) in f.locations.iter().enumerate() {
            if i > MAX_RELATED {
                let _ = writeln!(
                    s,
                    "{pad} = note: … and {} more location(s)",
                    f.locations.len() - i
                );
                break;
            }
            let arrow = if i == 0 { "-->" } else { ":::" };
            let _ = writeln!(s, "{pad}{arrow} {}:{}", l.path, l.line);
            let _ = writeln!(s, "{pad} |");
            let _ = writeln!(s, "{:>width$} | {}", l.line, l.text);
            let marks = if i == 0 { "^" } else { "-" };
            let _ = writeln!(
                s,
                "{pad} | {} {}",
                marks.repeat(l.text.chars().count().clamp(1, 60)),
                l.label
            );
        }
        let _ = writeln!(s, "{pad} = help: {}", f.help);
        if let Some(e) = cmp.and_then(|c| c.entry(f)) {
            let _ = writeln!(s, "{pad} = note: in the baseline: {}", e.reason);
        }
        s.push('\n');
    }
    let count = |sev: Severity| findings.iter().filter(|f| f.severity == sev).count();
    let _ = write!(
        s,
        "{} finding(s): {} error(s), {} warning(s), {} info",
        findings.len(),
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info)
    );
    if let Some(c) = cmp {
        let _ = write!(
            s,
            "; {} new, {} in the baseline, {} stale baseline entr(ies)",
            c.new.len(),
            c.known.len(),
            c.stale.len()
        );
        s.push('\n');
        for e in &c.stale {
            let _ = writeln!(
                s,
                "stale baseline entry: {} {}:{} no longer occurs",
                e.code, e.page, e.line
            );
        }
        for f in &c.new {
            let _ = writeln!(
                s,
                "new: {}:{}: {}[{}]",
                f.path(),
                f.line(),
                f.severity,
                f.code
            );
        }
    } else {
        s.push('\n');
    }
    s
}

/// `{"findings": [...]}` with, when a baseline was given, `baselined` per
/// finding and `stale_baseline_entries`.
pub fn json(findings: &[Finding], cmp: Option<&Comparison>) -> String {
    let items: Vec<Value> = findings
        .iter()
        .map(|f| {
            let mut v = serde_json::to_value(f).expect("findings serialize");
            if let (Some(c), Some(o)) = (cmp, v.as_object_mut()) {
                o.insert("baselined".into(), Value::Bool(c.entry(f).is_some()));
            }
            v
        })
        .collect();
    let mut doc = json!({ "findings": items });
    if let (Some(c), Some(o)) = (cmp, doc.as_object_mut()) {
        o.insert(
            "stale_baseline_entries".into(),
            serde_json::to_value(&c.stale).expect("entries serialize"),
        );
    }
    let mut s = serde_json::to_string_pretty(&doc).expect("json serializes");
    s.push('\n');
    s
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A path as a SARIF `uri` (a URI reference): `/` separators, and
/// characters outside the unreserved/sub-delims set percent-encoded.
fn uri(path: &str) -> String {
    let mut out = String::new();
    for b in path.replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

fn physical(path: &str, line: u32) -> Value {
    let mut p = json!({ "artifactLocation": { "uri": uri(path) } });
    if line > 0 {
        p["region"] = json!({ "startLine": line });
    }
    p
}

/// One line describing each check, for SARIF rule metadata (the
/// registry's [`CheckCode::doc`]).
pub fn describe_code(c: CheckCode) -> &'static str {
    c.doc()
}

/// SARIF 2.1.0 log with one run. Baselined findings carry
/// `baselineState: unchanged`, the others `new`, when a baseline was given.
pub fn sarif(findings: &[Finding], cmp: Option<&Comparison>) -> String {
    let rules: Vec<Value> = CheckCode::ALL
        .iter()
        .map(|c| {
            json!({
                "id": c.as_str(),
                "name": c.as_str(),
                "shortDescription": { "text": describe_code(*c) },
            })
        })
        .collect();
    let results: Vec<Value> = findings
        .iter()
        .map(|f| {
            let index = CheckCode::ALL.iter().position(|c| *c == f.code).unwrap_or(0);
            let mut r = json!({
                "ruleId": f.code.as_str(),
                "ruleIndex": index,
                "level": level(f.severity),
                "message": { "text": format!("{} (help: {})", f.message, f.help) },
                "locations": f.locations.first().map(|l| vec![json!({ "physicalLocation": physical(&l.path, l.line) })]).unwrap_or_default(),
            });
            let related: Vec<Value> = f
                .locations
                .iter()
                .enumerate()
                .skip(1)
                .map(|(i, l)| {
                    json!({
                        "id": i,
                        "physicalLocation": physical(&l.path, l.line),
                        "message": { "text": l.label },
                    })
                })
                .collect();
            if !related.is_empty() {
                r["relatedLocations"] = Value::Array(related);
            }
            if let Some(c) = cmp {
                r["baselineState"] = json!(if c.entry(f).is_some() { "unchanged" } else { "new" });
            }
            r
        })
        .collect();
    let doc = json!({
        "$schema": "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "portmatrix",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "results": results,
        }],
    });
    let mut s = serde_json::to_string_pretty(&doc).expect("sarif serializes");
    s.push('\n');
    s
}

/// Output format of `portmatrix check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// [`human()`]: rustc-style diagnostics and a summary.
    Human,
    /// [`json()`]: `{"findings": [...]}`.
    Json,
    /// [`sarif()`]: a SARIF 2.1.0 log.
    Sarif,
}

/// What `portmatrix check` prints and its exit status: 0 when every
/// finding is in the baseline and no entry is stale, 1 otherwise.
pub fn report(
    m: &crate::model::Matrix,
    format: Format,
    baseline: &super::baseline::Baseline,
) -> (String, u8) {
    let findings = super::run(m);
    let pages: Vec<&str> = m.pages().map(|p| p.path.as_ref()).collect();
    let cmp = baseline.compare(&findings, &pages);
    let text = match format {
        Format::Human => human(&findings, Some(&cmp)),
        Format::Json => json(&findings, Some(&cmp)),
        Format::Sarif => sarif(&findings, Some(&cmp)),
    };
    (text, if cmp.is_clean() { 0 } else { 1 })
}

/// `out/findings.json` and `out/findings.txt` of `portmatrix build`, for
/// findings already computed (`check::run(m)`: `build` also counts them).
pub fn build_files_from(
    m: &crate::model::Matrix,
    findings: &[Finding],
) -> [(&'static str, String); 2] {
    let baseline = super::baseline::Baseline::embedded();
    let pages: Vec<&str> = m.pages().map(|p| p.path.as_ref()).collect();
    let cmp = baseline.compare(findings, &pages);
    [
        ("findings.json", json(findings, Some(&cmp))),
        ("findings.txt", human(findings, Some(&cmp))),
    ]
}
