//! Diagnostics: what the parser could not type, or had to guess.
//!
//! Every diagnostic names a file and a line (1-based) and, for cell problems,
//! the cell's text and what was expected there, so that a person can go to the
//! place and fix it. Codes are stable snake_case identifiers.
//!
//! A diagnostic never stops parsing: a row that cannot be typed is left out of
//! its table and reported here, the rest of the page is still read. Tools
//! decide what to do from the [`Severity`] (the CLI exits 2 on an error) and
//! match on the [`Code`], never on the message, which is prose and may change.
//!
//! # Example
//!
//! ```
//! use portmatrix_model::diag::{Code, Diagnostic, Severity};
//!
//! // What the parser reports for a first column whose port is out of range.
//! let d = Diagnostic::new(
//!     Severity::Error,
//!     Code::InvalidPort,
//!     "en-US/lync-server-2013-port-summary-reverse-proxy.md",
//!     91,
//!     "port 99999 is out of range",
//! )
//! .with_cell("Access/SIP(TLS)/TCP/99999")
//! .with_expected("a port between 1 and 65535");
//! assert!(d.is_error());
//! assert_eq!(d.code.as_str(), "invalid_port");
//! assert_eq!(
//!     d.to_string(),
//!     "en-US/lync-server-2013-port-summary-reverse-proxy.md:91: \
//!      error[invalid_port]: port 99999 is out of range\n    \
//!      cell: `Access/SIP(TLS)/TCP/99999`\n    \
//!      expected: a port between 1 and 65535"
//! );
//!
//! // The embedded data has a single, harmless diagnostic: the README next to
//! // the page is not a docs page.
//! let m = portmatrix::embedded();
//! assert!(!m.has_errors());
//! let d = &m.diagnostics[0];
//! assert_eq!((d.severity, d.code), (Severity::Info, Code::SkippedPath));
//! assert_eq!(d.path, "source-docs/README.md");
//! ```

use std::fmt;

use crate::text::Str;

/// How bad a [`Diagnostic`] is, from the point of view of someone who wants a
/// complete firewall matrix. Ordered from the worst (`Error < Warning < Info`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema)
)]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Severity {
    /// The input is wrong: a row or page could not be typed. `cargo build`
    /// fails on these; the CLI exits 2.
    Error,
    /// Typed, but with a value the vocabularies do not know, or a table that
    /// is not a port table.
    Warning,
    /// Something was inferred; nothing is wrong.
    Info,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        })
    }
}

/// Stable diagnostic codes: what kind of problem a [`Diagnostic`] reports.
///
/// The snake_case name ([`Code::as_str`], also the serde name) is the stable
/// identifier to filter on or to list in a baseline of accepted findings;
/// variants are only ever added. The doc of each variant says what it means
/// and ends with the [`Severity`] the parser gives it.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema)
)]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Code {
    /// The file or directory could not be read (permissions, missing docs
    /// tree). Error.
    Io,
    /// The file is not UTF-8 (a byte order mark is fine); the line and
    /// column of the first invalid byte are in the message. Error.
    NotUtf8,
    /// The file is empty (or only whitespace). Error.
    EmptyFile,
    /// The file holds NUL bytes or other control characters: not a text page.
    /// Error.
    BinaryFile,
    /// `---` front matter that never closes. Error.
    UnterminatedFrontMatter,
    /// No `ms:assetid` in the front matter: the file name stands in for it,
    /// which may not pair the page with its editions in other locales.
    /// Warning.
    MissingAssetId,
    /// The locale could not be determined (no `ms.contentlocale`, no locale
    /// in `ms:mtpsurl`, no locale folder); the page gets `und`. Warning.
    UnknownLocale,
    /// A `<table>` that never closes. Error.
    UnterminatedTable,
    /// A table that is neither in the "Role/Protocol/TCP or UDP/Port |
    /// Source | Destination | Notes" layout nor in one whose columns the
    /// vocabularies or the cells reveal (`Server role | Service name | Port |
    /// Protocol | Notes`, `Protocol | Port | Direction`, …), nor one of the
    /// known tables without ports; it is not read. Warning.
    UnsupportedTableLayout,
    /// A table whose kind neither heading nor rows reveal: it is kept as
    /// `TableKind::Unclassified` and its rules have no direction. Warning.
    UnclassifiedTable,
    /// A row with fewer than four cells; the row is left out. Error.
    MissingCell,
    /// A row with more than four cells (the extra ones are reported, not used).
    /// Warning.
    ExtraCell,
    /// `colspan`/`rowspan` in a port table row; the row is left out. Error.
    CellSpan,
    /// A table nested in a port table cell; the row is left out. Error.
    NestedTable,
    /// The first column does not follow Role/Protocol/Transport/Port (for
    /// example it is empty); the row is left out. Error.
    MalformedSpec,
    /// A port outside 1..=65535, not a number, or no port at the end of the
    /// first column; the row is left out. Error.
    InvalidPort,
    /// A range whose first port is above its last (`59,999-50,000`); the row
    /// is left out. Error.
    ReversedRange,
    /// A transport other than TCP or UDP before the port (`SCTP/5061`); the
    /// row is left out. Error.
    UnknownTransport,
    /// No transport and none can be inferred (`SIP/5061`: SIP runs over TCP
    /// or UDP); the row is left out. Error.
    MissingTransport,
    /// No transport written; TCP inferred because a protocol of the cell runs
    /// over TCP only (TLS, MTLS, HTTP, HTTPS, PSOM), as in `XMPP/MTLS/23456`.
    /// The rule has `transport_inferred` set. Info.
    TransportInferred,
    /// A row of a table with a role column names no role
    /// (`SIP/TLS/443 (entrada)`), and exactly one Edge service is on its ends
    /// (the Access Edge): the rule takes that service's role. Info.
    RoleInferred,
    /// The first column starts with a word that is no known role but is
    /// followed by known protocols (`Relay/SIP(TLS)/TCP/443`); the rule keeps
    /// it as `Role::Unrecognized`. Warning.
    UnrecognizedRole,
    /// A protocol name no vocabulary knows (`QUUX/TCP/443`); the rule keeps it
    /// as `Protocol::Unrecognized`. Warning.
    UnrecognizedProtocol,
    /// A source or destination phrase (or one candidate of it) that the
    /// page's vocabulary and English do not know; the endpoint keeps it as
    /// `EndpointKind::Unrecognized` with the phrase. Warning.
    UnrecognizedEndpoint,
    /// A bilingual cell whose translation was not understood, typed from its
    /// embedded English original instead. Info.
    TypedFromOriginal,
    /// Two pages with the same asset id and locale; both are kept, the later
    /// one is reported. Warning.
    DuplicatePage,
    /// A path skipped: a directory already visited (symlink loop), a
    /// warning; or a `.md` file without front matter, which is not a docs
    /// page (a `README.md`), an info.
    SkippedPath,
    /// A table, or rows of a table, inside an HTML comment: not read, since
    /// comments are not live rules.
    CommentedOut,
    /// A `<!--` inside a table that never closes (no `-->`): a browser hides
    /// everything after it, so the rest of the table is not read.
    UnclosedComment,
    /// A `</table>` inside a table cell with more rows after it: read as text
    /// of the cell, though a browser would end the table there.
    TableCloseInCell,
    /// An invisible format character (zero-width joiner, direction mark, …)
    /// in a cell, ignored when the cell is read.
    InvisibleCharacter,
    /// A source, destination or first column (role, protocols) holding
    /// words the page's vocabulary does not know, typed like the aligned row
    /// of the same page's English edition read in the same run: the message
    /// names that row and the value taken, and this replaces the cell's
    /// `unrecognized_endpoint`, `unrecognized_role` or
    /// `unrecognized_protocol` warnings. In a table of another layout also
    /// its kind, a column whose header no vocabulary names, and a port,
    /// authentication or direction cell in words nobody knows (replacing
    /// `unclassified_table`, `unrecognized_column`, `unsupported_table_layout`
    /// or the cell's error or warning). A value the vocabulary did read is
    /// never replaced. Info.
    TypedByAlignment,
    /// A body row of a table other than the port summary whose cells are
    /// all empty (`| | |`): nothing to type, so no rule. Warning.
    EmptyRow,
    /// A header cell of a table other than the port summary that no
    /// vocabulary knows and whose cells do not tell what it holds: the
    /// column is kept as `Column::Unrecognized` and its cells in
    /// `RowCells::other`. Warning.
    UnrecognizedColumn,
    /// An empty protocol cell beside a port (`Office Web Apps Servers | | 443
    /// | |`): the rule is kept with TCP assumed and marked
    /// `transport_inferred`. Warning.
    EmptyProtocol,
    /// A port cell of a table other than the port summary that is neither
    /// numbers nor a word of the vocabularies (`Any`, `Statically defined`):
    /// the row is left out. Error.
    UnrecognizedPort,
    /// An authentication requirement or a stated direction that no
    /// vocabulary knows: the authentication is kept as
    /// `Authentication::Unrecognized`, the direction as none. Warning.
    UnrecognizedValue,
    /// A page whose topology diagram and port map are not drawn: more
    /// distinct endpoints or arrows than a diagram shows legibly, or a
    /// diagram larger than the size cap. The diagrams say so instead; the
    /// page's tables (JSON, books) still hold every rule. Warning.
    UnreadableDiagram,
    /// A `--source-docs` tree in which no docs page was found (it is empty,
    /// or its `.md` files have no front matter): likely the wrong folder.
    /// The run goes on with the other trees. Warning.
    NoPages,
}

impl Code {
    /// The stable snake_case identifier, as shown between brackets in
    /// `error[invalid_port]` and as serialized.
    ///
    /// ```
    /// use portmatrix_model::diag::Code;
    /// assert_eq!(Code::TransportInferred.as_str(), "transport_inferred");
    /// assert_eq!(Code::InvalidPort.to_string(), "invalid_port");
    /// ```
    pub fn as_str(self) -> &'static str {
        use Code::*;
        match self {
            Io => "io",
            NotUtf8 => "not_utf8",
            EmptyFile => "empty_file",
            BinaryFile => "binary_file",
            UnterminatedFrontMatter => "unterminated_front_matter",
            MissingAssetId => "missing_asset_id",
            UnknownLocale => "unknown_locale",
            UnterminatedTable => "unterminated_table",
            UnsupportedTableLayout => "unsupported_table_layout",
            UnclassifiedTable => "unclassified_table",
            MissingCell => "missing_cell",
            ExtraCell => "extra_cell",
            CellSpan => "cell_span",
            NestedTable => "nested_table",
            MalformedSpec => "malformed_spec",
            InvalidPort => "invalid_port",
            ReversedRange => "reversed_range",
            UnknownTransport => "unknown_transport",
            MissingTransport => "missing_transport",
            TransportInferred => "transport_inferred",
            RoleInferred => "role_inferred",
            UnrecognizedRole => "unrecognized_role",
            UnrecognizedProtocol => "unrecognized_protocol",
            UnrecognizedEndpoint => "unrecognized_endpoint",
            TypedFromOriginal => "typed_from_original",
            DuplicatePage => "duplicate_page",
            SkippedPath => "skipped_path",
            CommentedOut => "commented_out",
            UnclosedComment => "unclosed_comment",
            TableCloseInCell => "table_close_in_cell",
            InvisibleCharacter => "invisible_character",
            TypedByAlignment => "typed_by_alignment",
            EmptyRow => "empty_row",
            UnrecognizedColumn => "unrecognized_column",
            EmptyProtocol => "empty_protocol",
            UnrecognizedPort => "unrecognized_port",
            UnrecognizedValue => "unrecognized_value",
            UnreadableDiagram => "unreadable_diagram",
            NoPages => "no_pages",
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One diagnostic: where (file and line), how bad, what kind, and a message
/// for a person; for cell problems also the cell as written and what was
/// expected there. Displayed in the style of compiler messages (see the
/// [module example](self)).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema)
)]
pub struct Diagnostic {
    /// How bad it is; [`Severity::Error`] means something is missing from the
    /// matrix.
    pub severity: Severity,
    /// What kind of problem it is: the stable value to filter on.
    pub code: Code,
    /// The file, as the matrix names it in `Page::path` (the docs tree's
    /// display name joined with the path below it, with `/`), or the docs
    /// tree itself for tree-level problems.
    pub path: Str,
    /// 1-based line in the file (front matter included); 0 means "the whole
    /// file" (an unreadable or empty file, a directory).
    pub line: u32,
    /// What happened, in English, for a person; not stable, do not match on
    /// it.
    pub message: Str,
    /// The cell (or other text) the diagnostic is about, as written.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub cell: Option<Str>,
    /// What the parser expected instead.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub expected: Option<Str>,
}

impl Diagnostic {
    /// A diagnostic without cell and expectation; add them with
    /// [`with_cell`](Diagnostic::with_cell) and
    /// [`with_expected`](Diagnostic::with_expected).
    ///
    /// ```
    /// use portmatrix_model::diag::{Code, Diagnostic, Severity};
    /// let d = Diagnostic::new(Severity::Warning, Code::MissingAssetId, "x.md", 1, "no asset id");
    /// assert_eq!(d.to_string(), "x.md:1: warning[missing_asset_id]: no asset id");
    /// assert_eq!((d.cell, d.expected), (None, None));
    /// ```
    pub fn new(
        severity: Severity,
        code: Code,
        path: impl Into<Str>,
        line: u32,
        message: impl Into<Str>,
    ) -> Diagnostic {
        Diagnostic {
            severity,
            code,
            path: path.into(),
            line,
            message: message.into(),
            cell: None,
            expected: None,
        }
    }

    /// Sets [`cell`](Diagnostic::cell): the text the diagnostic is about.
    pub fn with_cell(mut self, cell: impl Into<Str>) -> Diagnostic {
        self.cell = Some(cell.into());
        self
    }

    /// Sets [`expected`](Diagnostic::expected): what should have been there.
    pub fn with_expected(mut self, expected: impl Into<Str>) -> Diagnostic {
        self.expected = Some(expected.into());
        self
    }

    /// Whether the severity is [`Severity::Error`]: the input is wrong and
    /// some row or page is missing from the matrix.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// `path:line: severity[code]: message` then the cell and the expectation, in
/// the style of compiler diagnostics.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(f, "{}:{}: ", self.path, self.line)?;
        } else {
            write!(f, "{}: ", self.path)?;
        }
        write!(f, "{}[{}]: {}", self.severity, self.code, self.message)?;
        if let Some(cell) = &self.cell {
            write!(f, "\n    cell: `{cell}`")?;
        }
        if let Some(expected) = &self.expected {
            write!(f, "\n    expected: {expected}")?;
        }
        Ok(())
    }
}
