//! Table reading: headers, rows and cells of one table, and port-table
//! detection (which tables hold port rules, whatever their header says). A
//! stage of its own so that the cell grammars' callers stay apart from the
//! page walk (`page`).

use crate::{classify, endpoint, infer, normalize, spec};

use crate::diag::{Code, Severity};
use crate::html::{self, RawCell, RawRow};
use crate::model::{
    Cell, Endpoint, EndpointKind, Heading, KindSource, PortScope, Protocol, Role, RowCells, Rule,
    Table, TableKind,
};
use crate::vocab::Vocabs;
use portmatrix_i18n::SOURCE_LANGUAGE;

use crate::page::PageCx;

impl PageCx<'_, '_> {
    /// Types one table, or reports why it is not a port table.
    pub(crate) fn table(
        &mut self,
        raw: &html::RawTable,
        line: u32,
        heading: Option<Heading>,
        locale: &str,
    ) -> Option<Table> {
        let header_idx = raw.rows.iter().position(|r| r.in_thead || r.is_header);
        let Some(header_idx) = header_idx else {
            if !raw.rows.is_empty()
                && let Some(t) = self.layout_table(raw, 0, true, line, heading.as_ref(), locale)
            {
                return Some(t);
            }
            self.diag(
                Severity::Warning,
                Code::UnsupportedTableLayout,
                line,
                "table has no header row; not read as a port table",
            )
            .expected = Some(EXPECTED_HEADER.into());
            return None;
        };
        let header = &raw.rows[header_idx];
        let header_text: Vec<&str> = header.cells.iter().map(|c| c.text.as_str()).collect();
        let header_says = is_port_header(&header.cells, locale, self.vocabs);
        if !header_says && !rows_read_as_rules(raw, header_idx, self.vocabs) {
            // Another layout whose columns the vocabularies or the cells
            // reveal, or a known table without ports.
            if let Some(t) =
                self.layout_table(raw, header_idx, false, line, heading.as_ref(), locale)
            {
                return Some(t);
            }
            self.diag(
                Severity::Warning,
                Code::UnsupportedTableLayout,
                line,
                format!(
                    "table layout `{}` is not a port summary table; not read",
                    header_text.join(" | ")
                ),
            )
            .expected = Some(EXPECTED_HEADER.into());
            return None;
        }
        let header_names_role = header.cells.first().is_some_and(|c| {
            let k = normalize::key(&c.text);
            self.vocabs
                .for_locale(locale)
                .iter()
                .any(|v| v.role_words.iter().any(|w| k.contains(w.as_str())))
        });

        let mut rules = Vec::new();
        for row in self.body_rows(raw, header_idx) {
            // Body rows of `<th>` cells are rows like any other.
            if let Some(rule) = self.row(row, locale) {
                rules.push(rule);
            }
        }

        // Whether the first column holds roles: the header's word for role,
        // else its shape in any language (four parts, `Role/Protocol/TCP or
        // UDP/Port`, against three without the role), else, for a header in
        // words no vocabulary knows, the rows, as the table itself was found.
        let four_parts = |t: &str| t.split('/').filter(|p| !p.trim().is_empty()).count() >= 4;
        let has_role_column = header_names_role
            || header.cells.first().is_some_and(|c| {
                four_parts(&c.text) || c.original.as_deref().is_some_and(four_parts)
            })
            || (!header_says && rules.iter().any(|r| r.role.is_some()));

        // A role table's row that names no role takes the role of the Edge
        // service on its ends (see `infer`).
        if has_role_column {
            let inferred = infer::roles(&self.path, &mut rules);
            self.diags.extend(inferred);
        }

        let heading_kind = heading.as_ref().and_then(|h| {
            classify::from_heading_in(&h.text, locale, self.vocabs).or_else(|| {
                h.original
                    .as_ref()
                    .and_then(|o| classify::from_heading_in(o, SOURCE_LANGUAGE, self.vocabs))
            })
        });
        let (kind, kind_source) = match heading_kind {
            Some(k) => (k, KindSource::Heading),
            None => match classify::from_rules(&rules) {
                Some(k) => (k, KindSource::Rows),
                None => {
                    self.diag(
                        Severity::Warning,
                        Code::UnclassifiedTable,
                        line,
                        "neither the heading nor the rows tell which interface this table describes",
                    )
                    .cell = heading.as_ref().map(|h| h.text.clone());
                    (TableKind::Unclassified, KindSource::Rows)
                }
            },
        };
        Some(Table {
            kind,
            kind_source,
            heading,
            line,
            has_role_column,
            rules: rules.into(),
            columns: Default::default(),
        })
    }

    /// The body rows of `raw`: every row but the header row at
    /// `header_idx`; a second header row (in `<thead>`) is not a rule and
    /// gets a warning instead. Every layout reads its rows through this.
    pub(crate) fn body_rows<'r>(
        &mut self,
        raw: &'r html::RawTable,
        header_idx: usize,
    ) -> Vec<&'r RawRow> {
        let mut out = Vec::new();
        for (i, row) in raw.rows.iter().enumerate() {
            if i == header_idx {
                continue;
            }
            if row.in_thead {
                self.diag(
                    Severity::Warning,
                    Code::UnsupportedTableLayout,
                    row.line,
                    "a second header row (in `<thead>`): not read as a rule",
                )
                .cell = Some(row.joined().into());
                continue;
            }
            out.push(row);
        }
        out
    }

    fn row(&mut self, row: &RawRow, locale: &str) -> Option<Rule> {
        if let Some(c) = row.cells.iter().find(|c| c.span) {
            let line = c.line;
            let d = self.diag(
                Severity::Error,
                Code::CellSpan,
                line,
                "cell spans several columns or rows; port rows need one cell per column",
            );
            d.cell = Some(row.joined().into());
            d.expected = Some("four cells without colspan/rowspan".into());
            return None;
        }
        if let Some(c) = row.cells.iter().find(|c| c.nested_table) {
            let line = c.line;
            let d = self.diag(
                Severity::Error,
                Code::NestedTable,
                line,
                "a table nested inside a port table cell",
            );
            d.cell = Some(row.joined().into());
            return None;
        }
        if row.cells.is_empty() {
            // Nothing is lost, but nothing is silently skipped either.
            self.diag(
                Severity::Warning,
                Code::MissingCell,
                row.line,
                "empty row (no cells): not a rule",
            )
            .expected = Some(EXPECTED_HEADER.into());
            return None;
        }
        if row.cells.len() < 4 {
            let d = self.diag(
                Severity::Error,
                Code::MissingCell,
                row.line,
                format!("row has {} cell(s); a port row has 4", row.cells.len()),
            );
            d.cell = Some(row.joined().into());
            d.expected = Some(EXPECTED_HEADER.into());
            return None;
        }
        if row.cells.len() > 4 {
            let extra: Vec<&str> = row.cells[4..].iter().map(|c| c.text.as_str()).collect();
            let d = self.diag(
                Severity::Warning,
                Code::ExtraCell,
                row.cells[4].line,
                format!(
                    "row has {} cells; the cells after the fourth are not read",
                    row.cells.len()
                ),
            );
            d.cell = Some(extra.join(" | ").into());
        }
        let [spec_cell, src_cell, dst_cell, note_cell] =
            [&row.cells[0], &row.cells[1], &row.cells[2], &row.cells[3]];

        let mut invisible: Vec<char> = Vec::new();
        for c in spec_cell.text.chars().filter(|&c| normalize::is_format(c)) {
            if !invisible.contains(&c) {
                invisible.push(c);
            }
        }
        if !invisible.is_empty() {
            let names: Vec<String> = invisible
                .iter()
                .map(|&c| normalize::format_name(c))
                .collect();
            self.diag(
                Severity::Info,
                Code::InvisibleCharacter,
                spec_cell.line,
                format!(
                    "invisible {} in the cell: read without it",
                    names.join(", ")
                ),
            )
            .cell = Some(spec_cell.text.clone().into());
        }
        let spec = match spec::parse_spec_in(&spec_cell.text, self.vocabs) {
            Ok(s) => s,
            Err(e) => match spec_cell
                .original
                .as_deref()
                .map(|o| spec::parse_spec_in(o, self.vocabs))
            {
                Some(Ok(s)) => {
                    self.diag(
                        Severity::Info,
                        Code::TypedFromOriginal,
                        spec_cell.line,
                        "typed from the cell's English original",
                    )
                    .cell = Some(spec_cell.text.clone().into());
                    s
                }
                _ => {
                    let d = self.diag(Severity::Error, e.code, spec_cell.line, e.message);
                    d.cell = Some(spec_cell.text.clone().into());
                    d.expected = Some(e.expected.into());
                    return None;
                }
            },
        };
        if spec.transport_inferred {
            self.diag(
                Severity::Info,
                Code::TransportInferred,
                spec_cell.line,
                "no transport written; TCP inferred (TLS, MTLS and HTTP(S) run over TCP)",
            )
            .cell = Some(spec_cell.text.clone().into());
        }
        if let Some(Role::Unrecognized(r)) = &spec.role {
            let d = self.diag(
                Severity::Warning,
                Code::UnrecognizedRole,
                spec_cell.line,
                format!("unknown role `{r}`"),
            );
            d.cell = Some(spec_cell.text.clone().into());
            d.expected = Some("Access, A/V or Web Conferencing (or their localized names)".into());
        }
        for p in &spec.protocols {
            if let Protocol::Unrecognized(p) = p {
                let d = self.diag(
                    Severity::Warning,
                    Code::UnrecognizedProtocol,
                    spec_cell.line,
                    format!("unknown protocol `{p}`"),
                );
                d.cell = Some(spec_cell.text.clone().into());
                d.expected = Some("SIP, PSOM, XMPP, HTTP, HTTPS, DNS, RTP, SRTP, STUN, MSTURN, TURN, RDP, TLS, MTLS, DHCP, RPC or DCOM".into());
            }
        }
        let source = self.endpoint(src_cell, locale);
        let destination = self.endpoint(dst_cell, locale);
        Some(Rule {
            line: row.line,
            role: spec.role,
            protocols: spec.protocols.into(),
            transport: spec.transport,
            transport_inferred: spec.transport_inferred,
            ports: spec.ports,
            source,
            destination,
            note: note_cell.text.clone().into(),
            cells: RowCells {
                spec: cell(spec_cell),
                source: cell(src_cell),
                destination: cell(dst_cell),
                note: cell(note_cell),
                other: Default::default(),
            },
            port_scope: PortScope::Listed,
            source_ports: None,
            service: None,
            name: None,
            authentication: None,
            stated_direction: None,
            remark: spec.remark.map(Into::into),
        })
    }

    pub(crate) fn endpoint(&mut self, c: &RawCell, locale: &str) -> Endpoint {
        let e = endpoint::parse_endpoint_in(&c.text, locale, self.vocabs);
        if !has_unknown(&e) {
            return e;
        }
        if let Some(orig) = &c.original {
            let from_original = endpoint::parse_endpoint_in(orig, SOURCE_LANGUAGE, self.vocabs);
            if !has_unknown(&from_original) {
                self.diag(
                    Severity::Info,
                    Code::TypedFromOriginal,
                    c.line,
                    "endpoint typed from the cell's English original",
                )
                .cell = Some(c.text.clone().into());
                return Endpoint {
                    text: e.text,
                    ..from_original
                };
            }
        }
        let unknown: Vec<String> = std::iter::once(e.unrecognized.clone())
            .chain(e.candidates.iter().map(|c| c.unrecognized.clone()))
            .flatten()
            .map(|s| format!("`{s}`"))
            .collect();
        let files: Vec<String> = self
            .vocabs
            .registry()
            .fallback(locale)
            .iter()
            .filter(|l| l.vocabulary().is_some())
            .map(|l| format!("{}/vocabulary.toml", l.folder()))
            .collect();
        let d = self.diag(
            Severity::Warning,
            Code::UnrecognizedEndpoint,
            c.line,
            format!("unknown endpoint {}", unknown.join(", ")),
        );
        d.cell = Some(c.text.clone().into());
        d.expected = Some(
            format!(
                "an endpoint that the vocabularies of {locale} know ({})",
                files.join(", ")
            )
            .into(),
        );
        e
    }
}

const EXPECTED_HEADER: &str =
    "4 columns: Role/Protocol/TCP or UDP/Port | Source IP address | Destination IP address | Notes";

fn has_unknown(e: &Endpoint) -> bool {
    e.kind == EndpointKind::Unrecognized
        || e.candidates
            .iter()
            .any(|c| c.kind == EndpointKind::Unrecognized)
}

/// Whether the body rows of a table read as port rules, whatever its header
/// says: the header has four cells, and on more than half of the body rows
/// (rows of the header aside) the first cell, or its English original, parses
/// with the first-column grammar (`Role/Protocol/TCP or UDP/Port`, a remark
/// in parentheses after the port aside) and names at least one known
/// protocol. The cell notation is the same in every language, so
/// this finds the port tables of a locale no vocabulary knows; other layouts
/// (`Server role | Service name | Port | Protocol | Notes`, `Component | Port
/// | Protocol | Notes`, `Source IP | Destination IP | Source Port |
/// Destination Port`) have another column count or no port rule in their
/// first column.
pub(crate) fn rows_read_as_rules(raw: &html::RawTable, header_idx: usize, vocabs: &Vocabs) -> bool {
    if raw.rows[header_idx].cells.len() != 4 {
        return false;
    }
    let parses = |text: &str| {
        spec::parse_spec_in(text, vocabs).is_ok_and(|s| {
            s.protocols
                .iter()
                .any(|p| !matches!(p, Protocol::Unrecognized(_)))
        })
    };
    // A remark in parentheses after the port (`SIP/TLS/443 (entrada)`)
    // does not make the row another layout (the row is then typed, or
    // reported, like any other).
    let reads = |text: &str| {
        parses(text)
            || text
                .trim_end()
                .strip_suffix([')', '）'])
                .and_then(|t| t.rfind(['(', '（']).map(|i| t[..i].trim_end()))
                .is_some_and(|t| t.ends_with(|c: char| c.is_ascii_digit()) && parses(t))
    };
    let (mut body, mut rules) = (0usize, 0usize);
    for (i, row) in raw.rows.iter().enumerate() {
        if i == header_idx || row.in_thead {
            continue;
        }
        body += 1;
        let rule = row.cells.len() >= 4
            && row
                .cells
                .first()
                .is_some_and(|c| reads(&c.text) || c.original.as_deref().is_some_and(reads));
        rules += usize::from(rule);
    }
    rules * 2 > body
}

/// Four header cells, the first naming TCP/UDP and a port (in any language
/// whose vocabulary knows the word for port).
pub(crate) fn is_port_header(cells: &[RawCell], locale: &str, vocabs: &Vocabs) -> bool {
    if cells.len() != 4 {
        return false;
    }
    let names_port = |text: &str, locale: &str| {
        let k = normalize::key(text);
        let port = vocabs
            .for_locale(locale)
            .iter()
            .any(|v| v.port_words.iter().any(|w| k.contains(w.as_str())));
        (k.contains("tcp") || k.contains("udp")) && port
    };
    names_port(&cells[0].text, locale)
        || cells[0]
            .original
            .as_ref()
            .is_some_and(|o| names_port(o, SOURCE_LANGUAGE))
}

pub(crate) fn cell(c: &RawCell) -> Cell {
    Cell {
        text: c.text.clone().into(),
        original: c.original.clone().map(Into::into),
        line: c.line,
    }
}
