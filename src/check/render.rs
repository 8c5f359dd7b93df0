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
/// Plain text (what `out/findings.txt` holds); [`human_styled`] colors it.
pub fn human(findings: &[Finding], cmp: Option<&Comparison>) -> String {
    human_styled(findings, cmp, false)
}

/// [`human`], drawn by annotate-snippets (rustc's own renderer: underlines as
/// wide as the text is on screen, CJK included), with ANSI colors when
/// `color`.
pub fn human_styled(findings: &[Finding], cmp: Option<&Comparison>, color: bool) -> String {
    use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut s = String::new();
    for f in findings {
        let level = match f.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Info => Level::INFO,
        };
        let code = f.code.to_string();
        let mut group = level
            .primary_title(f.message.as_str())
            .id(code.as_str())
            .elements(
                f.locations
                    .iter()
                    .take(MAX_RELATED + 1)
                    .enumerate()
                    .map(|(i, l)| {
                        let kind = if i == 0 {
                            AnnotationKind::Primary
                        } else {
                            AnnotationKind::Context
                        };
                        // An empty text still gets a one-column mark.
                        let span = 0..l.text.len().max(1);
                        let text = if l.text.is_empty() {
                            " "
                        } else {
                            l.text.as_str()
                        };
                        Snippet::source(text)
                            .line_start(l.line as usize)
                            .path(l.path.as_str())
                            .annotation(kind.span(span).label(l.label.as_str()))
                    }),
            );
        let more = f.locations.len().saturating_sub(MAX_RELATED + 1);
        let more_note = format!("… and {more} more location(s)");
        if more > 0 {
            group = group.element(Level::NOTE.message(more_note.as_str()));
        }
        group = group.element(Level::HELP.message(f.help.as_str()));
        let reason = cmp
            .and_then(|c| c.entry(f))
            .map(|e| format!("in the baseline: {}", e.reason));
        if let Some(r) = &reason {
            group = group.element(Level::NOTE.message(r.as_str()));
        }
        s.push_str(&renderer.render(&[group]));
        s.push_str("\n\n");
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
    report_styled(m, format, baseline, false)
}

/// [`report`], with the human format colored when `color`.
pub fn report_styled(
    m: &crate::model::Matrix,
    format: Format,
    baseline: &super::baseline::Baseline,
    color: bool,
) -> (String, u8) {
    let findings = super::run(m);
    let pages: Vec<&str> = m.pages().map(|p| p.path.as_ref()).collect();
    let cmp = baseline.compare(&findings, &pages);
    let text = match format {
        Format::Human => human_styled(&findings, Some(&cmp), color),
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
