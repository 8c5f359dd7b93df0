//! CSV: a header row, then one rule per line (RFC 4180 quoting, by the
//! `csv` crate). The columns are those of the JSON rules, flattened.

use crate::deploy::ids;

use super::Plan;
use super::json::doc_rule;

/// The header row.
pub const COLUMNS: [&str; 26] = [
    "id",
    "asset_id",
    "locale",
    "path",
    "line",
    "table_kind",
    "heading",
    "direction",
    "role",
    "protocols",
    "transport",
    "ports",
    "source_kind",
    "source_address",
    "source",
    "source_text",
    "destination_kind",
    "destination_address",
    "destination",
    "destination_text",
    "interface",
    "findings",
    "spec",
    "note",
    "port_scope",
    "source_ports",
];

/// The CSV text.
pub fn render(plan: &Plan) -> String {
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    w.write_record(COLUMNS).expect("writes to memory");
    for r in &plan.rules {
        let d = doc_rule(r);
        let findings = d
            .findings
            .iter()
            .map(|f| format!("{}[{}]: {}", f.severity, f.code, f.message))
            .collect::<Vec<_>>()
            .join("; ");
        let record = [
            d.id,
            d.asset_id,
            d.locale,
            d.path,
            d.line.to_string(),
            ids::name(&d.table_kind),
            d.heading.unwrap_or_default(),
            ids::name(&d.direction),
            d.role.as_ref().map(ids::name).unwrap_or_default(),
            d.protocols
                .iter()
                .map(ids::name)
                .collect::<Vec<_>>()
                .join("/"),
            ids::name(&d.transport),
            d.ports.to_string(),
            ids::name(&d.source.kind),
            ids::name(&d.source.address),
            d.source.host,
            d.source.text,
            ids::name(&d.destination.kind),
            ids::name(&d.destination.address),
            d.destination.host,
            d.destination.text,
            d.interface.unwrap_or_default(),
            findings,
            d.spec,
            d.note,
            ids::name(&d.port_scope),
            source_ports(d.source_ports),
        ];
        w.write_record(&record).expect("writes to memory");
    }
    String::from_utf8(w.into_inner().expect("writes to memory")).expect("UTF-8 in, UTF-8 out")
}

/// The source ports of a row: empty when its table gives none, `any`, or
/// the range (`50000-59999`).
fn source_ports(p: Option<crate::model::SourcePorts>) -> String {
    match p {
        None => String::new(),
        Some(p) if p.scope == crate::model::PortScope::Listed => p.ports.to_string(),
        Some(p) => ids::name(&p.scope),
    }
}
