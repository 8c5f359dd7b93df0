//! Rows of the port tables other than the port summary become rules: the
//! stage after `columns` has said what each column holds.
//!
//! Each column has its own grammar (`cells`, `endpoint`), whatever the page;
//! [`Column::field`] says where its cell goes in [`RowCells`], the others
//! go to [`RowCells::other`]. A row whose cells give several transports
//! (`TCP/UDP`, `UDP and TCP`) or several ports (`67/68`, `80 and 443`)
//! becomes one rule per transport × port item, all with the row's line and
//! cells: a firewall rule opens one transport and one range.
//!
//! Nothing is dropped silently: an empty row is an `empty_row` warning, a
//! header no vocabulary knows an `unrecognized_column` warning, a port cell
//! that cannot be read an error naming the cell, an empty protocol cell an
//! `empty_protocol` warning (the rule is kept, TCP assumed and marked
//! inferred: every port of the corpus written without a protocol is a TCP
//! web port, and dropping the row would lose it), and words no vocabulary
//! knows are kept typed as `Unrecognized` with a warning.

use portmatrix_i18n::SOURCE_LANGUAGE;

use crate::align::{Guide, Hint, may_take, protocols_agree};
use crate::cells::{self, PortCell};
use crate::columns::{self, Found};
use crate::diag::{Code, Severity};
use crate::html::{RawCell, RawRow, RawTable};
use crate::model::{
    Authentication, Cell, Column, ColumnCell, Endpoint, Heading, KindSource, Protocol, RowCells,
    Rule, SourcePorts, Table, TableKind, Transport,
};
use crate::page::PageCx;
use crate::{classify, normalize};
use portmatrix_i18n::Value;

impl PageCx<'_, '_> {
    /// Types a table other than the port summary, or `None` when its
    /// columns are none the vocabularies or the cells reveal (the caller
    /// reports it as `unsupported_table_layout`). A table without a header
    /// row (`<th>`) is read only when its first row names a table without
    /// ports (`DNS record | Resolvable by | DNS requirement`): pass
    /// `headerless`, and that row as `header_idx`.
    pub(crate) fn layout_table(
        &mut self,
        raw: &RawTable,
        header_idx: usize,
        headerless: bool,
        line: u32,
        heading: Option<&Heading>,
        locale: &str,
    ) -> Option<Table> {
        self.layout_table_with(raw, header_idx, headerless, line, heading, locale, None)
    }

    /// [`layout_table`](Self::layout_table), and with `guide` (the aligned
    /// table of the page's English edition, as many columns) what the words
    /// do not give is taken from it: the columns whose header the words do
    /// not name, the kind when neither the heading's nor the header's words
    /// give it, and the unknown cells of each row matched with an English
    /// row (see `align::reread`). Each value so taken is an info
    /// `typed_by_alignment`.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn layout_table_with(
        &mut self,
        raw: &RawTable,
        header_idx: usize,
        headerless: bool,
        line: u32,
        heading: Option<&Heading>,
        locale: &str,
        guide: Option<&Guide>,
    ) -> Option<Table> {
        let mut found = columns::recognise(raw, header_idx, locale, self.vocabs);
        let header = &raw.rows[header_idx];
        let guide = guide.filter(|g| g.table.columns.len() == found.len());
        // Columns the header's words do not name: the English table's.
        let mut aligned = vec![false; found.len()];
        if let Some(g) = guide {
            for (i, (c, how)) in found.iter_mut().enumerate() {
                let theirs = g.table.columns[i];
                if *how != Found::Header && theirs != Column::Unrecognized && theirs != *c {
                    *c = theirs;
                    *how = Found::Header;
                    aligned[i] = true;
                }
            }
        }
        let cols: Vec<Column> = found.iter().map(|(c, _)| *c).collect();
        let header_text: Vec<(&str, Option<&str>)> = header
            .cells
            .iter()
            .map(|c| (c.text.as_str(), c.original.as_deref()))
            .collect();
        let own = classify::from_layout(
            heading.map(|h| (h.text.as_ref(), h.original.as_deref())),
            &header_text,
            &cols,
            locale,
            self.vocabs,
        );
        // The kind the words gave: the heading's, or the header's (its
        // words named every column, or a table without ports).
        let by_words = own.is_some_and(|(k, source)| {
            source == KindSource::Heading
                || (!aligned.iter().any(|&a| a)
                    && (!k.holds_ports() || found.iter().all(|(_, h)| *h == Found::Header)))
        });
        let (kind, kind_source) = match (own, guide) {
            (Some(o), _) if by_words => o,
            (_, Some(g)) => {
                self.diag(
                    Severity::Info,
                    Code::TypedByAlignment,
                    line,
                    format!(
                        "table kind `{}`, {}",
                        g.table.kind.key().unwrap_or("?"),
                        g.table_at()
                    ),
                )
                .cell = heading.map(|h| h.text.clone());
                // The kind of the English edition's columns.
                (g.table.kind, KindSource::Columns)
            }
            (o, None) => o?,
        };
        if headerless && kind.holds_ports() {
            return None;
        }
        let mut rules = Vec::new();
        if kind.holds_ports() {
            for (i, ((c, how), cell)) in found.iter().zip(&header.cells).enumerate() {
                if let (true, Some(g)) = (aligned[i], guide) {
                    self.diag(
                        Severity::Info,
                        Code::TypedByAlignment,
                        cell.line,
                        format!(
                            "column {} read as `{}`, {}",
                            i + 1,
                            c.key().unwrap_or("?"),
                            g.table_at()
                        ),
                    )
                    .cell = Some(cell.text.clone().into());
                    continue;
                }
                match how {
                    Found::Not => {
                        let d = self.diag(
                            Severity::Warning,
                            Code::UnrecognizedColumn,
                            cell.line,
                            format!(
                                "header `{}` is no column the vocabularies of {locale} know; its cells are kept as written",
                                cell.text
                            ),
                        );
                        d.cell = Some(cell.text.clone().into());
                        d.expected = Some(
                            "a header of the `columns` of the locale's vocabulary.toml".into(),
                        );
                    }
                    Found::Cells => {
                        self.diag(
                            Severity::Info,
                            Code::TypedFromOriginal,
                            cell.line,
                            format!("header not known; the column's cells read as {c:?}"),
                        )
                        .cell = Some(cell.text.clone().into());
                    }
                    Found::Header => {}
                }
            }
            if kind == TableKind::Unclassified {
                self.diag(
                    Severity::Warning,
                    Code::UnclassifiedTable,
                    line,
                    "neither the heading nor the columns tell what this table describes",
                )
                .cell = heading.map(|h| h.text.clone());
            }
            let rows = self.body_rows(raw, header_idx);
            let hints = match guide {
                Some(g) => crate::align::match_rows(&rows, &cols, g, locale, self.vocabs),
                None => vec![None; rows.len()],
            };
            for (row, hint) in rows.into_iter().zip(hints) {
                rules.extend(self.layout_row(row, &cols, locale, hint.as_ref()));
            }
        }
        Some(Table {
            kind,
            kind_source,
            heading: heading.cloned(),
            line,
            has_role_column: false,
            rules: rules.into(),
            columns: cols.into(),
        })
    }

    /// The rules of one row: one per transport × port item × source port
    /// item. `hint`: the English row the row is matched with, whose values
    /// the cells the words do not read take.
    fn layout_row(
        &mut self,
        row: &RawRow,
        cols: &[Column],
        locale: &str,
        hint: Option<&Hint>,
    ) -> Vec<Rule> {
        if row.cells.iter().all(|c| c.text.trim().is_empty()) {
            self.diag(
                Severity::Warning,
                Code::EmptyRow,
                row.line,
                "empty row: no rule",
            )
            .cell = Some(row.joined().into());
            return vec![];
        }
        if let Some(c) = row.cells.iter().find(|c| c.span || c.nested_table) {
            let (code, message) = if c.span {
                (
                    Code::CellSpan,
                    "cell spans several columns or rows; port rows need one cell per column",
                )
            } else {
                (Code::NestedTable, "a table nested inside a port table cell")
            };
            let line = c.line;
            self.diag(Severity::Error, code, line, message).cell = Some(row.joined().into());
            return vec![];
        }
        if row.cells.len() < cols.len() {
            let d = self.diag(
                Severity::Error,
                Code::MissingCell,
                row.line,
                format!(
                    "row has {} cell(s); its table has {} columns",
                    row.cells.len(),
                    cols.len()
                ),
            );
            d.cell = Some(row.joined().into());
            d.expected = Some(format!("{} cells: {cols:?}", cols.len()).into());
            return vec![];
        }
        if row.cells.len() > cols.len() {
            let extra: Vec<&str> = row.cells[cols.len()..]
                .iter()
                .map(|c| c.text.as_str())
                .collect();
            let d = self.diag(
                Severity::Warning,
                Code::ExtraCell,
                row.cells[cols.len()].line,
                format!(
                    "row has {} cells; the cells after column {} are not read",
                    row.cells.len(),
                    cols.len()
                ),
            );
            d.cell = Some(extra.join(" | ").into());
        }

        let empty = Cell {
            text: Default::default(),
            original: None,
            line: row.line,
        };
        let mut fields = RowCells {
            spec: empty.clone(),
            source: empty.clone(),
            destination: empty.clone(),
            note: empty,
            other: Default::default(),
        };
        let mut other = Vec::new();
        let (mut source, mut destination) = (Endpoint::unspecified(), Endpoint::unspecified());
        let mut ports: Option<PortCell> = None;
        let mut source_ports: Option<PortCell> = None;
        let mut protocol_cell: Option<(&RawCell, cells::ProtocolCell)> = None;
        let (mut service, mut name, mut authentication, mut stated_direction) =
            (None, None, None, None);
        for (&col, raw) in cols.iter().zip(&row.cells) {
            let text = raw.text.trim();
            match col {
                c if c.gives_ports() => {
                    let alone = !cols.contains(&Column::Protocol);
                    match self.port_cell_aligned(raw, locale, col, hint, alone) {
                        Some(p) => ports = Some(p),
                        None => return vec![],
                    }
                }
                Column::SourcePort => match self.port_cell_aligned(raw, locale, col, hint, false) {
                    Some(p) => source_ports = Some(p),
                    None => return vec![],
                },
                Column::Protocol => {
                    protocol_cell = Some((raw, self.protocol_cell(raw, locale)));
                }
                Column::Source | Column::Component => {
                    source = self.endpoint_aligned(raw, locale, col, hint.map(|h| (h, true)))
                }
                Column::Destination | Column::ServerRole | Column::LoadBalancer => {
                    destination = self.endpoint_aligned(raw, locale, col, hint.map(|h| (h, false)))
                }
                Column::Service if !text.is_empty() => service = Some(raw.text.clone().into()),
                Column::RuleName if !text.is_empty() => name = Some(raw.text.clone().into()),
                Column::Authentication if !text.is_empty() => {
                    let mark = self.diags.len();
                    let mut a = self.authentication(raw, locale);
                    if let (Authentication::Unrecognized(_), Some(h)) = (&a, hint)
                        && let Some(en) = &h.rule.authentication
                        && !matches!(en, Authentication::Unrecognized(_))
                    {
                        self.typed_by_alignment(mark, h, col, raw, en.key().unwrap_or("?"));
                        a = en.clone();
                    }
                    authentication = Some(a);
                }
                Column::Direction if !text.is_empty() => {
                    let mark = self.diags.len();
                    stated_direction = self.stated_direction(raw, locale);
                    if stated_direction.is_none()
                        && let Some(h) = hint
                        && let Some(en) = h.rule.stated_direction
                    {
                        self.typed_by_alignment(mark, h, col, raw, en.key().unwrap_or("?"));
                        stated_direction = Some(en);
                    }
                }
                _ => {}
            }
            let cell = super::table::cell(raw);
            match col.field() {
                Some(crate::model::CellField::Spec) => fields.spec = cell,
                Some(crate::model::CellField::Source) => fields.source = cell,
                Some(crate::model::CellField::Destination) => fields.destination = cell,
                Some(crate::model::CellField::Note) => fields.note = cell,
                None => other.push(ColumnCell { column: col, cell }),
            }
        }
        fields.other = other.into();
        let Some(ports) = ports else {
            // `columns` only reads tables with a port column; a row without
            // one would be a bug, reported rather than hidden.
            self.diag(
                Severity::Error,
                Code::UnrecognizedPort,
                row.line,
                "row has no port cell",
            )
            .cell = Some(row.joined().into());
            return vec![];
        };

        // Transports and protocols: the protocol column, then what the port
        // cells write before their numbers.
        let mut transports: Vec<Transport> = Vec::new();
        let mut protocols: Vec<Protocol> = Vec::new();
        let mut remarks: Vec<String> = Vec::new();
        let sources = protocol_cell
            .as_ref()
            .map(|(_, p)| (&p.transports, &p.protocols))
            .into_iter()
            .chain([(&ports.transports, &ports.protocols)]);
        for (ts, ps) in sources {
            for t in ts {
                if !transports.contains(t) {
                    transports.push(*t);
                }
            }
            for p in ps {
                if !protocols.contains(p) {
                    protocols.push(p.clone());
                }
            }
        }
        if transports.is_empty()
            && let Some(sp) = &source_ports
        {
            transports.extend(sp.transports.iter().copied());
        }
        if let Some((_, p)) = &protocol_cell
            && let Some(r) = &p.remark
        {
            remarks.push(r.clone());
        }
        if let Some(r) = &ports.remark {
            remarks.push(r.clone());
        }
        let mut transport_inferred = false;
        // Unknown words in the protocols: the English row's protocols, and
        // its transports when the cells gave none.
        if let Some(h) = hint
            && protocols
                .iter()
                .any(|p| matches!(p, Protocol::Unrecognized(_)))
            && protocols_agree(&protocols, &h.rule.protocols)
        {
            protocols = h.rule.protocols.to_vec();
            let mut value = protocol_names(&protocols);
            if transports.is_empty() && !h.transports.is_empty() {
                // The transport stood in words nobody knew: the English row
                // says it.
                transports = h.transports.clone();
                transport_inferred = h.transport_inferred;
                let t: Vec<&str> = transports.iter().map(|t| t.key().unwrap_or("?")).collect();
                value.push_str(&format!("; transports {}", t.join(", ")));
            }
            let (text, line) = protocol_cell.as_ref().map_or(
                (fields.spec.text.to_string(), fields.spec.line),
                |(c, _)| (c.text.clone(), c.line),
            );
            let column = if protocol_cell.is_some() {
                Column::Protocol
            } else {
                cols.iter()
                    .copied()
                    .find(|c| c.gives_ports())
                    .unwrap_or(Column::Protocol)
            };
            self.diag(
                Severity::Info,
                Code::TypedByAlignment,
                line,
                h.message(column, &value),
            )
            .cell = Some(text.into());
        }
        if transports.is_empty() {
            transport_inferred = true;
            match protocols.iter().find_map(Protocol::only_transport) {
                Some(t) => {
                    let (text, line) = protocol_cell.as_ref().map_or(
                        (fields.spec.text.to_string(), fields.spec.line),
                        |(c, _)| (c.text.clone(), c.line),
                    );
                    let name = match t {
                        Transport::Tcp => "TCP",
                        Transport::Udp => "UDP",
                    };
                    self.diag(
                        Severity::Info,
                        Code::TransportInferred,
                        line,
                        format!("no transport written; {name} inferred (the protocol runs over {name} only)"),
                    )
                    .cell = Some(text.into());
                    transports.push(t);
                }
                None => {
                    let (text, line) = protocol_cell.as_ref().map_or(
                        (fields.spec.text.to_string(), fields.spec.line),
                        |(c, _)| (c.text.clone(), c.line),
                    );
                    let d = self.diag(
                        Severity::Warning,
                        Code::EmptyProtocol,
                        line,
                        "no transport or protocol given for the port; TCP assumed",
                    );
                    d.cell = Some(text.into());
                    d.expected = Some("TCP, UDP or a protocol (`HTTPS`, `TCP (TLS)`)".into());
                    transports.push(Transport::Tcp);
                }
            }
        }
        for p in &protocols {
            if let Protocol::Unrecognized(u) = p {
                let (text, line) = protocol_cell.as_ref().map_or(
                    (fields.spec.text.to_string(), fields.spec.line),
                    |(c, _)| (c.text.clone(), c.line),
                );
                let d = self.diag(
                    Severity::Warning,
                    Code::UnrecognizedProtocol,
                    line,
                    format!("unknown protocol `{u}`"),
                );
                d.cell = Some(text.into());
                d.expected = Some("TCP, UDP, SIP, PSOM, XMPP, HTTP, HTTPS, DNS, RTP, SRTP, STUN, MSTURN, TURN, RDP, TLS, MTLS, DHCP, RPC or DCOM".into());
            }
        }
        let remark = (!remarks.is_empty()).then(|| remarks.join("; ").into());
        let source_items: Vec<Option<SourcePorts>> = match &source_ports {
            Some(sp) => sp
                .ports
                .iter()
                .map(|&p| {
                    Some(SourcePorts {
                        ports: p,
                        scope: sp.scope,
                    })
                })
                .collect(),
            None => vec![None],
        };
        let note = fields.note.text.clone();
        let mut out = Vec::new();
        for &transport in &transports {
            for &range in &ports.ports {
                for &sp in &source_items {
                    out.push(Rule {
                        line: row.line,
                        role: None,
                        protocols: protocols.clone().into(),
                        transport,
                        transport_inferred,
                        ports: range,
                        source: source.clone(),
                        destination: destination.clone(),
                        note: note.clone(),
                        cells: fields.clone(),
                        port_scope: ports.scope,
                        source_ports: sp,
                        service: service.clone(),
                        name: name.clone(),
                        authentication: authentication.clone(),
                        stated_direction,
                        remark: remark.clone(),
                    });
                }
            }
        }
        out
    }

    /// [`port_cell`](Self::port_cell), or, when neither the cell nor its
    /// English original reads and `hint` has the row's ports, the English
    /// row's ports (or source ports), with an info. `alone`: the row has no
    /// protocol column, so the cell was the place of its transports and
    /// protocols too, which are then taken as well.
    fn port_cell_aligned(
        &mut self,
        c: &RawCell,
        locale: &str,
        column: Column,
        hint: Option<&Hint>,
        alone: bool,
    ) -> Option<PortCell> {
        let reads =
            |text: &str, locale: &str| cells::port_cell_in(text, locale, self.vocabs).is_ok();
        let unread = !reads(&c.text, locale)
            && !c
                .original
                .as_deref()
                .is_some_and(|o| reads(o, SOURCE_LANGUAGE));
        let Some(h) = hint.filter(|_| unread) else {
            return self.port_cell(c, locale);
        };
        let taken = if column == Column::SourcePort {
            let items: Option<Vec<SourcePorts>> = h.source_ports.iter().copied().collect();
            items.filter(|i| !i.is_empty()).map(|items| PortCell {
                transports: Vec::new(),
                protocols: Vec::new(),
                ports: items.iter().map(|s| s.ports).collect(),
                scope: items[0].scope,
                remark: None,
            })
        } else {
            Some(PortCell {
                transports: if alone {
                    h.transports.clone()
                } else {
                    Vec::new()
                },
                protocols: if alone {
                    h.rule.protocols.to_vec()
                } else {
                    Vec::new()
                },
                ports: h.ports.clone(),
                scope: h.scope,
                remark: None,
            })
        };
        let Some(p) = taken else {
            return self.port_cell(c, locale);
        };
        let ranges: Vec<String> = p.ports.iter().map(ToString::to_string).collect();
        let mut value = format!(
            "ports {} ({})",
            ranges.join(", "),
            p.scope.key().unwrap_or("?")
        );
        if !p.transports.is_empty() {
            let t: Vec<&str> = p
                .transports
                .iter()
                .map(|t| t.key().unwrap_or("?"))
                .collect();
            value.push_str(&format!("; transports {}", t.join(", ")));
        }
        if !p.protocols.is_empty() {
            value.push_str(&format!("; {}", protocol_names(&p.protocols)));
        }
        let mark = self.diags.len();
        self.typed_by_alignment(mark, h, column, c, &value);
        Some(p)
    }

    /// A cell typed like the aligned English row: the diagnostics its own
    /// reading gave from `mark` on (its `unrecognized_*` warnings) become
    /// one info `typed_by_alignment` naming the English row and `value`.
    fn typed_by_alignment(
        &mut self,
        mark: usize,
        h: &Hint,
        column: Column,
        c: &RawCell,
        value: &str,
    ) {
        self.diags.truncate(mark);
        self.diag(
            Severity::Info,
            Code::TypedByAlignment,
            c.line,
            h.message(column, value),
        )
        .cell = Some(c.text.clone().into());
    }

    /// [`endpoint`](Self::endpoint), and, when the words leave it unknown
    /// and `hint` (the English row, and whether this is its source) has a
    /// value [`may_take`] allows, that value, its warning turned into an
    /// info.
    fn endpoint_aligned(
        &mut self,
        c: &RawCell,
        locale: &str,
        column: Column,
        hint: Option<(&Hint, bool)>,
    ) -> Endpoint {
        let mark = self.diags.len();
        let e = self.endpoint(c, locale);
        let Some((h, source)) = hint else { return e };
        let en = if source {
            &h.rule.source
        } else {
            &h.rule.destination
        };
        if !may_take(&e, en) {
            return e;
        }
        self.typed_by_alignment(mark, h, column, c, &crate::align::describe(en));
        Endpoint {
            text: e.text,
            ..en.clone()
        }
    }

    /// A port cell, from its text or its English original; an error names
    /// the cell when neither reads.
    fn port_cell(&mut self, c: &RawCell, locale: &str) -> Option<PortCell> {
        match cells::port_cell_in(&c.text, locale, self.vocabs) {
            Ok(p) => Some(p),
            Err(e) => {
                if let Some(Ok(p)) = c
                    .original
                    .as_deref()
                    .map(|o| cells::port_cell_in(o, SOURCE_LANGUAGE, self.vocabs))
                {
                    self.diag(
                        Severity::Info,
                        Code::TypedFromOriginal,
                        c.line,
                        "port typed from the cell's English original",
                    )
                    .cell = Some(c.text.clone().into());
                    return Some(p);
                }
                let d = self.diag(Severity::Error, e.code, c.line, e.message);
                d.cell = Some(c.text.clone().into());
                d.expected = Some(e.expected.into());
                None
            }
        }
    }

    /// A protocol cell, from its English original when the translation has
    /// words no vocabulary knows.
    fn protocol_cell(&mut self, c: &RawCell, locale: &str) -> cells::ProtocolCell {
        let p = cells::protocol_cell_in(&c.text, locale, self.vocabs);
        let unknown = |p: &cells::ProtocolCell| {
            p.protocols
                .iter()
                .any(|p| matches!(p, Protocol::Unrecognized(_)))
        };
        if unknown(&p)
            && let Some(o) = &c.original
        {
            let from_original = cells::protocol_cell_in(o, SOURCE_LANGUAGE, self.vocabs);
            if !unknown(&from_original) {
                self.diag(
                    Severity::Info,
                    Code::TypedFromOriginal,
                    c.line,
                    "protocol typed from the cell's English original",
                )
                .cell = Some(c.text.clone().into());
                return from_original;
            }
        }
        p
    }

    fn authentication(&mut self, c: &RawCell, locale: &str) -> Authentication {
        let found = cells::authentication_in(&c.text, locale, self.vocabs).or_else(|| {
            c.original
                .as_deref()
                .and_then(|o| cells::authentication_in(o, SOURCE_LANGUAGE, self.vocabs))
        });
        found.unwrap_or_else(|| {
            let d = self.diag(
                Severity::Warning,
                Code::UnrecognizedValue,
                c.line,
                format!("unknown authentication requirement `{}`", c.text),
            );
            d.cell = Some(c.text.clone().into());
            d.expected = Some("a phrase of the `authentication` of the locale's vocabulary.toml (`Do not authenticate`)".into());
            Authentication::Unrecognized(normalize::fold(&c.text).into())
        })
    }

    fn stated_direction(&mut self, c: &RawCell, locale: &str) -> Option<crate::model::Direction> {
        let found = cells::direction_in(&c.text, locale, self.vocabs).or_else(|| {
            c.original
                .as_deref()
                .and_then(|o| cells::direction_in(o, SOURCE_LANGUAGE, self.vocabs))
        });
        if found.is_none() {
            let d = self.diag(
                Severity::Warning,
                Code::UnrecognizedValue,
                c.line,
                format!("unknown direction `{}`; the rule states none", c.text),
            );
            d.cell = Some(c.text.clone().into());
            d.expected = Some("a phrase of the `directions` of the locale's vocabulary.toml (`Inbound`, `Outbound`)".into());
        }
        found
    }
}

/// `protocols dcom, rpc` (`protocols none` for none).
fn protocol_names(protocols: &[Protocol]) -> String {
    let names: Vec<&str> = protocols.iter().map(|p| p.key().unwrap_or("?")).collect();
    if names.is_empty() {
        "protocols none".to_string()
    } else {
        format!("protocols {}", names.join(", "))
    }
}
