//! Diagnostics: what the parser could not type, or had to guess.
//!
//! Every diagnostic names a file and a line (1-based) and, for cell problems,
//! the cell's text and what was expected there, so that a person can go to the
//! place and fix it. Codes are stable snake_case identifiers.

use std::fmt;

use crate::text::Str;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, schemars::JsonSchema))]
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

/// Stable diagnostic codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Code {
    /// The file could not be read.
    Io,
    /// The file is not UTF-8.
    NotUtf8,
    /// The file is empty (or only whitespace).
    EmptyFile,
    /// The file holds NUL bytes or other control characters: not a text page.
    BinaryFile,
    /// `---` front matter that never closes.
    UnterminatedFrontMatter,
    /// No `ms:assetid` in the front matter.
    MissingAssetId,
    /// The locale could not be determined.
    UnknownLocale,
    /// A `<table>` that never closes.
    UnterminatedTable,
    /// A table that is not in the "Role/Protocol/TCP or UDP/Port | Source |
    /// Destination | Notes" layout.
    UnsupportedTableLayout,
    /// A table whose kind neither heading nor rows reveal.
    UnclassifiedTable,
    /// A row with fewer than four cells.
    MissingCell,
    /// A row with more than four cells (the extra ones are reported, not used).
    ExtraCell,
    /// `colspan`/`rowspan` in a port table row.
    CellSpan,
    /// A table nested in a port table cell.
    NestedTable,
    /// The first column does not follow Role/Protocol/Transport/Port.
    MalformedSpec,
    /// A port outside 1..=65535 or not a number.
    InvalidPort,
    /// A range whose first port is above its last.
    ReversedRange,
    /// A transport other than TCP or UDP.
    UnknownTransport,
    /// No transport and none can be inferred.
    MissingTransport,
    /// No transport written; TCP inferred from TLS/MTLS.
    TransportInferred,
    UnrecognizedRole,
    UnrecognizedProtocol,
    UnrecognizedEndpoint,
    /// A bilingual cell whose translation was not understood, typed from its
    /// embedded English original instead.
    TypedFromOriginal,
    /// Two pages with the same asset id and locale.
    DuplicatePage,
    /// A directory entry skipped (symlink loop, unreadable directory).
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
}

impl Code {
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
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One diagnostic. `line` is 1-based; 0 means "the whole file".
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, schemars::JsonSchema))]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: Code,
    pub path: Str,
    pub line: u32,
    pub message: Str,
    /// The cell (or other text) the diagnostic is about, as written.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub cell: Option<Str>,
    /// What the parser expected instead.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub expected: Option<Str>,
}

impl Diagnostic {
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

    pub fn with_cell(mut self, cell: impl Into<Str>) -> Diagnostic {
        self.cell = Some(cell.into());
        self
    }

    pub fn with_expected(mut self, expected: impl Into<Str>) -> Diagnostic {
        self.expected = Some(expected.into());
        self
    }

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
