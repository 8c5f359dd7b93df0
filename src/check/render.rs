//! Findings as text: human (in the style of rustc diagnostics), JSON and
//! SARIF 2.1.0. Every renderer is deterministic.

use std::fmt::Write as _;

use serde_json::{Value, json};

use super::baseline::Comparison;
use super::{CheckCode, Finding, Level};

/// How many related locations the human report quotes per finding.
const MAX_RELATED: usize = 4;

/// Human report: per finding `severity[code]: message`, `--> path:line`,
/// the row quoted, the related rows pointed at, the other checks that found
/// the same defect, a `help` line; then a summary. Baselined findings are
/// marked with their accepted reason. Every finding, style included: plain
/// text (what `out/findings.txt` holds); [`human_styled`] colors it.
pub fn human(findings: &[Finding], cmp: Option<&Comparison>) -> String {
    human_with(findings, cmp, false, true)
}

/// [`human`], drawn by annotate-snippets (rustc's own renderer: underlines as
/// wide as the text is on screen, CJK included), with ANSI colors when
/// `color`.
pub fn human_styled(findings: &[Finding], cmp: Option<&Comparison>, color: bool) -> String {
    human_with(findings, cmp, color, true)
}

/// [`human_styled`], showing the [`Level::Style`] findings only when
/// `style` (`portmatrix check --style`). Hidden ones are counted in the
/// summary and still listed as `new` when they are not in the baseline.
pub fn human_with(
    findings: &[Finding],
    cmp: Option<&Comparison>,
    color: bool,
    style: bool,
) -> String {
    in_memory(|w| write_human(w, findings, cmp, color, style)).0
}

/// [`human_with`], written to `w` finding by finding: the report of a large
/// tree is never held in memory whole (`portmatrix check` writes it to
/// standard output, `build` to `findings.txt`).
pub fn write_human(
    w: &mut dyn std::io::Write,
    findings: &[Finding],
    cmp: Option<&Comparison>,
    color: bool,
    style: bool,
) -> std::io::Result<()> {
    use annotate_snippets::{AnnotationKind, Level as L, Renderer, Snippet};
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    for f in findings
        .iter()
        .filter(|f| style || f.level() != Level::Style)
    {
        let level = match f.level() {
            Level::Error => L::ERROR,
            Level::Warning => L::WARNING,
            Level::Style => L::NOTE.with_name("style"),
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
                            .line_start(l.line.max(1) as usize)
                            .path(l.path.as_str())
                            .annotation(kind.span(span).label(l.label.as_str()))
                    }),
            );
        let more = f.locations.len().saturating_sub(MAX_RELATED + 1);
        let more_note = format!("… and {more} more location(s)");
        if more > 0 {
            group = group.element(L::NOTE.message(more_note.as_str()));
        }
        let notes = notes_text(f);
        for n in &notes {
            group = group.element(L::NOTE.message(n.as_str()));
        }
        group = group.element(L::HELP.message(f.help.as_str()));
        let reason = cmp
            .and_then(|c| c.entry(f))
            .map(|e| format!("in the baseline: {}", e.reason));
        if let Some(r) = &reason {
            group = group.element(L::NOTE.message(r.as_str()));
        }
        w.write_all(renderer.render(&[group]).as_bytes())?;
        w.write_all(b"\n\n")?;
    }
    // The summary is short: built as one string, as before.
    let mut s = String::new();
    let count = |l: Level| findings.iter().filter(|f| f.level() == l).count();
    let _ = write!(
        s,
        "{} finding(s): {} error(s), {} warning(s), {} style",
        findings.len(),
        count(Level::Error),
        count(Level::Warning),
        count(Level::Style)
    );
    if !style && count(Level::Style) > 0 {
        let _ = write!(s, " (not shown: --style shows them)");
    }
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
                f.level(),
                f.code
            );
        }
    } else {
        s.push('\n');
    }
    w.write_all(s.as_bytes())
}

/// The notes of a finding in words, one per other check and message:
/// `also found by summary_flow_not_opened (2 places): …`.
fn notes_text(f: &Finding) -> Vec<String> {
    let mut seen: Vec<(CheckCode, &str, usize)> = Vec::new();
    for n in &f.notes {
        match seen
            .iter_mut()
            .find(|(c, m, _)| *c == n.code && *m == n.message)
        {
            Some((_, _, k)) => *k += 1,
            None => seen.push((n.code, n.message.as_str(), 1)),
        }
    }
    seen.into_iter()
        .map(|(c, m, k)| {
            if k > 1 {
                format!("also found by {c} ({k} places): {m}")
            } else {
                format!("also found by {c}: {m}")
            }
        })
        .collect()
}

/// The version of the findings JSON ([`json()`]): it changes when a field is
/// removed or changes meaning (adding one does not).
pub const SCHEMA_VERSION: u32 = 1;

/// The findings JSON (`portmatrix check --format json`,
/// `out/findings.json`), as `schema/findings.schema.json` publishes it.
#[derive(serde::Serialize, schemars::JsonSchema)]
#[schemars(
    title = "portmatrix findings",
    description = "The consistency findings of `portmatrix check --format json` (and `out/findings.json`): one finding per defect, at a level by firewall impact (error: a wrong or missing rule; warning: a mislabelled or incomplete table; info with `style: true`: naming or wording that changes no rule). Style findings are always included here; the human report hides them unless `--style`."
)]
struct Report<'a> {
    /// The version of this format: 1. It changes when a field is removed or
    /// changes meaning.
    schema_version: u32,
    /// The findings, sorted by path, line, code and message.
    findings: Vec<ReportFinding<'a>>,
    /// The baseline entries that apply to the checked pages but match no
    /// finding (present when a baseline was compared).
    #[serde(skip_serializing_if = "Option::is_none")]
    stale_baseline_entries: Option<Vec<&'a super::baseline::Entry>>,
}

/// A finding, and whether the baseline accepts it.
#[derive(serde::Serialize, schemars::JsonSchema)]
struct ReportFinding<'a> {
    #[serde(flatten)]
    finding: &'a Finding,
    /// Whether the baseline lists the finding (present when a baseline was
    /// compared).
    #[serde(skip_serializing_if = "Option::is_none")]
    baselined: Option<bool>,
}

/// `{"schema_version": 1, "findings": [...]}` with, when a baseline was
/// given, `baselined` per finding and `stale_baseline_entries`. Every
/// finding, style included.
pub fn json(findings: &[Finding], cmp: Option<&Comparison>) -> String {
    in_memory(|w| write_json(w, findings, cmp)).0
}

/// [`json()`], serialized straight to `w` (the same bytes): the document of
/// a large tree is never held in memory whole.
pub fn write_json(
    w: &mut dyn std::io::Write,
    findings: &[Finding],
    cmp: Option<&Comparison>,
) -> std::io::Result<()> {
    let doc = Report {
        schema_version: SCHEMA_VERSION,
        findings: findings
            .iter()
            .map(|f| ReportFinding {
                finding: f,
                baselined: cmp.map(|c| c.entry(f).is_some()),
            })
            .collect(),
        stale_baseline_entries: cmp.map(|c| c.stale.clone()),
    };
    serde_json::to_writer_pretty(&mut *w, &doc)?;
    w.write_all(b"\n")
}

/// The JSON Schema of [`json()`]'s output, as `schema/findings.schema.json`
/// publishes it.
pub fn schema() -> String {
    let schema = schemars::schema_for!(Report<'static>);
    let mut s = serde_json::to_string_pretty(&schema).expect("schemas serialize");
    s.push('\n');
    s
}

fn level(l: Level) -> &'static str {
    match l {
        Level::Error => "error",
        Level::Warning => "warning",
        Level::Style => "note",
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

/// SARIF 2.1.0 log with one run. Every finding, style included (level
/// `note`, `properties.style`); the other places of the defect and what
/// explains it are `relatedLocations`, the other checks that found it
/// `properties.alsoFoundBy` and `properties.notes`. Baselined findings
/// carry `baselineState: unchanged`, the others `new`, when a baseline was
/// given.
pub fn sarif(findings: &[Finding], cmp: Option<&Comparison>) -> String {
    in_memory(|w| write_sarif(w, findings, cmp)).0
}

/// [`sarif()`], serialized straight to `w` (the same bytes), one result at
/// a time: the log of a large tree is never held in memory whole.
pub fn write_sarif(
    w: &mut dyn std::io::Write,
    findings: &[Finding],
    cmp: Option<&Comparison>,
) -> std::io::Result<()> {
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
    // The keys in the order `json!` objects (sorted maps) write them.
    let doc = SarifLog {
        schema: "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json",
        runs: [SarifRun {
            results: SarifResults { findings, cmp },
            tool: json!({ "driver": {
                "name": "portmatrix",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }}),
        }],
        version: "2.1.0",
    };
    serde_json::to_writer_pretty(&mut *w, &doc)?;
    w.write_all(b"\n")
}

/// The SARIF log of [`write_sarif`]; its fields in sorted order, as a
/// `json!` object writes its keys.
#[derive(serde::Serialize)]
struct SarifLog<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    runs: [SarifRun<'a>; 1],
    version: &'static str,
}

/// The one run of [`SarifLog`].
#[derive(serde::Serialize)]
struct SarifRun<'a> {
    results: SarifResults<'a>,
    tool: Value,
}

/// The results, each made as it is written.
struct SarifResults<'a> {
    findings: &'a [Finding],
    cmp: Option<&'a Comparison<'a, 'a>>,
}

impl serde::Serialize for SarifResults<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = s.serialize_seq(Some(self.findings.len()))?;
        for f in self.findings {
            seq.serialize_element(&sarif_result(f, self.cmp))?;
        }
        seq.end()
    }
}

/// One finding as a SARIF result.
fn sarif_result(f: &Finding, cmp: Option<&Comparison>) -> Value {
    let index = CheckCode::ALL
        .iter()
        .position(|c| *c == f.code)
        .unwrap_or(0);
    let mut r = json!({
        "ruleId": f.code.as_str(),
        "ruleIndex": index,
        "level": level(f.level()),
        "message": { "text": format!("{} (help: {})", f.message, f.help) },
        "properties": {
            "style": f.style,
            "alsoFoundBy": f.codes()[1..].iter().map(|c| c.as_str()).collect::<Vec<_>>(),
            "notes": notes_text(f),
        },
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
        r["baselineState"] = json!(if c.entry(f).is_some() {
            "unchanged"
        } else {
            "new"
        });
    }
    r
}

/// Output format of `portmatrix check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// [`human()`]: rustc-style diagnostics and a summary.
    Human,
    /// [`json()`]: `{"schema_version": 1, "findings": [...]}`.
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
    let options = Options {
        format,
        color,
        style: true,
    };
    report_with(m, &super::run(m), baseline, &options)
}

/// How `portmatrix check` reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// The output format.
    pub format: Format,
    /// ANSI colors in the human format.
    pub color: bool,
    /// Show the style findings in the human format (`--style`); JSON and
    /// SARIF always carry them.
    pub style: bool,
}

/// The report of findings already computed (`check::run_with(m, …)`: the
/// CLI passes the catalogs' problems too) and the exit status: 0 when every
/// finding (shown or not) is in the baseline and no entry is stale, 1
/// otherwise.
pub fn report_with(
    m: &crate::model::Matrix,
    findings: &[Finding],
    baseline: &super::baseline::Baseline,
    options: &Options,
) -> (String, u8) {
    in_memory(|w| write_report(w, m, findings, baseline, options))
}

/// [`report_with`], written to `w` as it is rendered (`portmatrix check`
/// writes to standard output): the report of a large tree, larger than
/// its matrix, is never held in memory whole. Returns the exit status.
pub fn write_report(
    w: &mut dyn std::io::Write,
    m: &crate::model::Matrix,
    findings: &[Finding],
    baseline: &super::baseline::Baseline,
    options: &Options,
) -> std::io::Result<u8> {
    let cmp = compared(m, findings, baseline);
    match options.format {
        Format::Human => write_human(w, findings, Some(&cmp), options.color, options.style)?,
        Format::Json => write_json(w, findings, Some(&cmp))?,
        Format::Sarif => write_sarif(w, findings, Some(&cmp))?,
    }
    Ok(if cmp.is_clean() { 0 } else { 1 })
}

/// `out/findings.json` and `out/findings.txt` of `portmatrix build`, for
/// findings already computed (`check::run(m)`: `build` also counts them).
pub fn build_files_from(
    m: &crate::model::Matrix,
    findings: &[Finding],
) -> [(&'static str, String); 2] {
    let baseline = super::baseline::Baseline::embedded();
    let cmp = compared(m, findings, &baseline);
    [
        ("findings.json", json(findings, Some(&cmp))),
        ("findings.txt", human(findings, Some(&cmp))),
    ]
}

/// The findings of `m` against `baseline` (every page of `m` checked), as
/// the reports mark them: what `build` passes to [`write_json`] and
/// [`write_human`] for `out/findings.json` and `out/findings.txt`, written
/// to their files as they are rendered.
pub fn compared<'a, 'f>(
    m: &crate::model::Matrix,
    findings: &'f [Finding],
    baseline: &'a super::baseline::Baseline,
) -> Comparison<'a, 'f> {
    let pages: Vec<&str> = m.pages().map(|p| p.path.as_ref()).collect();
    baseline.compare(findings, &pages)
}

/// What a `write_*` function writes, as a string (with what it returns):
/// the in-memory forms (`human`, `json`, `sarif`, `report`) are the
/// streamed ones written to memory, so the bytes are the same.
fn in_memory<T>(write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<T>) -> (String, T) {
    let mut out = Vec::new();
    let value = write(&mut out).expect("writing to memory succeeds");
    (String::from_utf8(out).expect("reports are UTF-8"), value)
}
