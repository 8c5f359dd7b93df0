//! The port tables other than the port summary, in their own columns: one
//! row per table row (the rules a row was expanded into, one per transport
//! or port, shown together), each cell the typed value of its column in the
//! book's words with the cell as written as its tooltip.

use serde::Serialize;

use super::{FindingView, RowView, Text, Words};
use crate::model::{Column, PortRange, PortScope, Rule, Table, Transport};
use crate::names::{self, Localized};
use portmatrix_i18n::Value;

/// One row of a layout table.
#[derive(Debug, Clone, Serialize)]
pub struct LayoutRowView {
    /// HTML id of the row (`r<line>`).
    pub anchor: String,
    pub line: u32,
    /// `en-US/page.md:96`.
    pub location: String,
    /// The cells, in the table's column order.
    pub cells: Vec<LayoutCellView>,
    /// How many rules the row gives (two for `TCP/UDP`).
    pub rule_count: usize,
    pub findings: Vec<FindingView>,
}

/// One cell of a layout row.
#[derive(Debug, Clone, Serialize)]
pub struct LayoutCellView {
    /// The column's id (`server_role`, `port`): a CSS class.
    pub column: &'static str,
    /// The typed value in the book's words (a note: the page's text,
    /// translated when the book is in another language).
    pub text: Text,
    /// The cell as the page wrote it (tooltip).
    pub written: String,
    /// The row's remark (`from reverse proxy`, a footnote mark), on the cell
    /// it was read from.
    pub remark: String,
}

/// A value a layout adds to a rule, with its column's name (`Service name`).
#[derive(Debug, Clone, Serialize)]
pub struct DetailView {
    pub label: String,
    pub value: String,
}

/// `listed`, `any`, `configured`.
pub(crate) fn scope_id(s: PortScope) -> &'static str {
    match s {
        PortScope::Any => "any",
        PortScope::Configured => "configured",
        _ => "listed",
    }
}

/// A port range in the book's words: the numbers when the cell lists them,
/// else what it says (`Any`, `configured by the administrator`).
pub(crate) fn ports(p: PortRange, scope: PortScope, locale: &str) -> String {
    match scope {
        PortScope::Listed => p.to_string(),
        s => s.name(locale).into_owned(),
    }
}

/// The values of a rule that only the other layouts have.
pub(crate) fn details(r: &Rule, l: &str) -> Vec<DetailView> {
    let mut out = Vec::new();
    let mut add = |c: Column, v: String| {
        if !v.is_empty() {
            out.push(DetailView {
                label: c.name(l).into_owned(),
                value: v,
            });
        }
    };
    if let Some(n) = &r.name {
        add(Column::RuleName, n.to_string());
    }
    if let Some(s) = &r.service {
        add(Column::Service, s.to_string());
    }
    if let Some(sp) = &r.source_ports {
        add(Column::SourcePort, ports(sp.ports, sp.scope, l));
    }
    if let Some(a) = &r.authentication {
        add(Column::Authentication, a.name(l).into_owned());
    }
    if let Some(d) = &r.stated_direction {
        add(Column::Direction, d.name(l).into_owned());
    }
    if let Some(x) = &r.remark {
        add(Column::Unrecognized, x.to_string());
    }
    out
}

/// Distinct values in first-seen order, joined.
fn join<I: IntoIterator<Item = String>>(it: I, sep: &str) -> String {
    let mut v: Vec<String> = Vec::new();
    for x in it {
        if !x.is_empty() && !v.contains(&x) {
            v.push(x);
        }
    }
    v.join(sep)
}

fn native(words: &Words<'_>, s: String) -> Text {
    Text {
        text: s,
        lang: words.book_locale.to_string(),
        status: "native",
        untranslated: false,
        original: String::new(),
    }
}

/// The typed value of `column` over the rules of one row.
fn typed(column: Column, table: &Table, rules: &[&Rule], l: &str) -> String {
    let transports = || join(rules.iter().map(|r| r.transport.name(l).into_owned()), "/");
    let port_list = || join(rules.iter().map(|r| ports(r.ports, r.port_scope, l)), ", ");
    let has_protocol_column = table.layout().contains(&Column::Protocol);
    match column {
        Column::Source | Column::Component => {
            join(rules.iter().map(|r| r.source.name(l).into_owned()), ", ")
        }
        Column::Destination | Column::ServerRole | Column::LoadBalancer => join(
            rules.iter().map(|r| r.destination.name(l).into_owned()),
            ", ",
        ),
        Column::Service => join(
            rules
                .iter()
                .map(|r| r.service.as_deref().unwrap_or("").to_string()),
            ", ",
        ),
        Column::RuleName => join(
            rules
                .iter()
                .map(|r| r.name.as_deref().unwrap_or("").to_string()),
            ", ",
        ),
        Column::Port => port_list(),
        // Without a protocol column the port cell names the transport too
        // (`TCP 443`, `STUN/UDP 3478`).
        Column::DestinationPort | Column::ProtocolPort | Column::Spec if !has_protocol_column => {
            join(
                rules.iter().map(|r| {
                    let protocols = names::protocols(&r.protocols);
                    let t = r.transport.name(l);
                    let t = if protocols.is_empty() {
                        t.into_owned()
                    } else {
                        format!("{protocols}/{t}")
                    };
                    format!("{t} {}", ports(r.ports, r.port_scope, l))
                }),
                ", ",
            )
        }
        Column::DestinationPort | Column::ProtocolPort | Column::Spec => port_list(),
        Column::Protocol => {
            let protocols = join(rules.iter().map(|r| names::protocols(&r.protocols)), ", ");
            if protocols.is_empty() {
                transports()
            } else {
                format!("{} ({protocols})", transports())
            }
        }
        Column::SourcePort => join(
            rules.iter().filter_map(|r| r.source_ports).map(|sp| {
                let p = ports(sp.ports, sp.scope, l);
                // A listed source range is written with its transport on the
                // pages (`TCP 50,000-59,999`).
                match sp.scope {
                    PortScope::Listed if !has_protocol_column => transports_of(rules, l, &p),
                    _ => p,
                }
            }),
            ", ",
        ),
        Column::Authentication => join(
            rules
                .iter()
                .filter_map(|r| r.authentication.as_ref())
                .map(|a| a.name(l).into_owned()),
            ", ",
        ),
        Column::Direction => join(
            rules
                .iter()
                .filter_map(|r| r.stated_direction)
                .map(|d| d.name(l).into_owned()),
            ", ",
        ),
        _ => String::new(),
    }
}

fn transports_of(rules: &[&Rule], l: &str, p: &str) -> String {
    let t: Vec<Transport> = rules.iter().map(|r| r.transport).collect();
    format!(
        "{} {p}",
        join(t.iter().map(|t| t.name(l).into_owned()), "/")
    )
}

/// The rows of a layout table: the rules grouped by their row's line, in
/// document order. `views` are the rules' row views, in rule order.
pub(crate) fn rows(
    table: &Table,
    views: &[RowView],
    words: &Words<'_>,
    l: &str,
) -> Vec<LayoutRowView> {
    let mut lines: Vec<u32> = Vec::new();
    for r in table.rules.iter() {
        if !lines.contains(&r.line) {
            lines.push(r.line);
        }
    }
    lines
        .into_iter()
        .map(|line| {
            let idx: Vec<usize> = (0..table.rules.len())
                .filter(|&i| table.rules[i].line == line)
                .collect();
            let rules: Vec<&Rule> = idx.iter().map(|&i| &table.rules[i]).collect();
            let first = rules[0];
            let remark = first.remark.as_deref().unwrap_or("");
            // The remark goes with the cell it was read from: the protocol
            // cell when that holds it, else the port cell.
            let remark_in_protocol = first
                .cells
                .get(Column::Protocol)
                .is_some_and(|c| !remark.is_empty() && c.text.contains(remark));
            let cells = table
                .layout()
                .iter()
                .map(|&c| {
                    let written = first
                        .cells
                        .get(c)
                        .map(|x| x.text.to_string())
                        .unwrap_or_default();
                    let text = match c {
                        Column::Notes | Column::Applications => words.text(&first.note),
                        Column::Unrecognized => native(words, written.clone()),
                        c => native(words, typed(c, table, &rules, l)),
                    };
                    let here = match c {
                        Column::Protocol => remark_in_protocol,
                        c => c.gives_ports() && !remark_in_protocol,
                    };
                    LayoutCellView {
                        column: c.key().unwrap_or("unrecognized"),
                        text,
                        written,
                        remark: if here {
                            remark.to_string()
                        } else {
                            String::new()
                        },
                    }
                })
                .collect();
            let view = &views[idx[0]];
            LayoutRowView {
                anchor: format!("r{line}"),
                line,
                location: view.location.clone(),
                cells,
                rule_count: rules.len(),
                findings: view.findings.clone(),
            }
        })
        .collect()
}
