//! What the templates receive: the matrix as plain, serializable values in a
//! book's locale (documented in `templates/README.md`).

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;

use super::{Asset, Catalogs, Diagram, Finding};

use crate::model::{Direction, Page, Rule, Server, Table, TableKind};
use crate::names::{self, Localized};

mod layout;
mod ports;
mod sync;

pub use layout::{DetailView, LayoutRowView};

pub(crate) use ports::{by_endpoint, by_port};
pub(crate) use sync::{SyncPage, sync};

/// A text in the book: native (the page is in the book's locale),
/// translated (from the translation catalog) or untranslated (the original,
/// shown marked).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Text {
    pub text: String,
    /// BCP 47 language of `text`.
    pub lang: String,
    /// `native`, `translated` or `untranslated`.
    pub status: &'static str,
    pub untranslated: bool,
    /// For translated and untranslated texts: the original wording.
    pub original: String,
}

/// Resolves the words of one page edition for one book locale.
pub(crate) struct Words<'a> {
    pub book_locale: &'a str,
    pub page_locale: &'a str,
    pub cats: &'a Catalogs,
}

impl Words<'_> {
    pub fn text(&self, s: &str) -> Text {
        self.text_in(None, s)
    }

    /// A text with a `msgctxt` (a heading, [`super::heading_context`]):
    /// the catalog's entry of that context, else the one without.
    pub fn text_in(&self, msgctxt: Option<&str>, s: &str) -> Text {
        if self.page_locale.eq_ignore_ascii_case(self.book_locale) || s.trim().is_empty() {
            return Text {
                text: s.to_string(),
                lang: self.page_locale.to_string(),
                status: "native",
                untranslated: false,
                original: String::new(),
            };
        }
        match self
            .cats
            .book(self.book_locale)
            .and_then(|c| super::lookup(c, msgctxt, s))
            .filter(|e| e.is_usable() && e.msgid_plural.is_none())
            .map(|e| e.msgstr.as_str())
        {
            Some(t) => Text {
                text: t.to_string(),
                lang: self.book_locale.to_string(),
                status: "translated",
                untranslated: false,
                original: s.to_string(),
            },
            None => Text {
                text: s.to_string(),
                lang: self.page_locale.to_string(),
                status: "untranslated",
                untranslated: true,
                original: s.to_string(),
            },
        }
    }
}

/// A finding as the templates show it: an admonition under the table (or at
/// the top of the page), or, for a style finding, a line of the collapsed
/// "style findings" block (`findings.md.tera`).
#[derive(Debug, Clone, Serialize)]
pub struct FindingView {
    /// `caution` (error), `warning` or `note`: the mdBook admonition kind.
    pub admonition: &'static str,
    /// `error`, `warning`, `style` or `note`.
    pub severity: String,
    /// A style finding (naming and wording that change no rule): not an
    /// admonition and no mark on the row, but a line of the collapsed block.
    pub style: bool,
    pub code: String,
    pub message: String,
    pub line: u32,
    /// Anchor of the row it concerns, if any.
    pub row_anchor: String,
    /// The other rows of the table with the same finding (one defect over
    /// several rows: one admonition that links them all).
    pub more_rows: Vec<RowLink>,
}

/// A row a finding links to: its line and anchor.
#[derive(Debug, Clone, Serialize)]
pub struct RowLink {
    pub line: u32,
    pub anchor: String,
}

/// Findings with the same severity, code and message on several rows of a
/// table made one, in first-row order (the others in `more_rows`).
fn merge_rows(findings: Vec<FindingView>) -> Vec<FindingView> {
    let mut out: Vec<FindingView> = Vec::new();
    for f in findings {
        let same = out.iter_mut().find(|o| {
            !f.row_anchor.is_empty()
                && !o.row_anchor.is_empty()
                && (&o.severity, &o.code, &o.message) == (&f.severity, &f.code, &f.message)
        });
        match same {
            Some(o) => o.more_rows.push(RowLink {
                line: f.line,
                anchor: f.row_anchor,
            }),
            None => out.push(f),
        }
    }
    out
}

impl FindingView {
    fn of(f: &Finding, row_anchor: String) -> FindingView {
        FindingView {
            admonition: match f.severity.as_str() {
                "error" => "CAUTION",
                "warning" => "WARNING",
                _ => "NOTE",
            },
            severity: f.severity.to_string(),
            style: f.severity == "style",
            code: f.code.to_string(),
            message: f.message.to_string(),
            line: f.line,
            row_anchor,
            more_rows: Vec::new(),
        }
    }
}

/// One rule, in the book's words.
#[derive(Debug, Clone, Serialize)]
pub struct RowView {
    /// HTML id of the row (`r<line>`).
    pub anchor: String,
    pub role: String,
    pub protocols: String,
    pub transport: String,
    /// `443`, `50000-59999`; for a port cell that says "any port" or "a
    /// port you configure", that in the book's words (`PortScope`).
    pub ports: String,
    /// The rule's port range and how the cell names it (`listed`, `any`,
    /// `configured`), for grouping by port.
    pub port_first: u16,
    pub port_last: u16,
    pub port_scope: &'static str,
    /// What the layouts other than the port summary add (service, rule name,
    /// source ports, authentication, stated direction, remark), each with
    /// its column's name; empty for port summary rows.
    pub details: Vec<DetailView>,
    /// The rule's index in its table (rows expanded into several rules share
    /// a line).
    pub rule_index: usize,
    pub source: String,
    pub destination: String,
    /// The source/destination cell as the page wrote it (tooltip).
    pub source_cell: String,
    pub destination_cell: String,
    pub note: Text,
    pub direction: String,
    /// `inbound`, `outbound`, `unknown`.
    pub direction_id: &'static str,
    /// `zh-CN/page.md:50`.
    pub location: String,
    pub path: String,
    pub line: u32,
    /// The chapter (`slug.md`) and its title, for cross-cutting chapters.
    pub chapter: String,
    pub chapter_title: Text,
    /// Localized table kind (`External interface`).
    pub table_kind: String,
    pub findings: Vec<FindingView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GroupView {
    pub direction_id: &'static str,
    /// `Inbound to the Edge Server` in the book's words.
    pub label: String,
    pub rows: Vec<RowView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TableView {
    pub index: usize,
    pub anchor: String,
    pub heading: Text,
    pub has_heading: bool,
    pub kind: String,
    pub kind_id: String,
    /// Localized name of the server the table is written from.
    pub server: String,
    pub line: u32,
    pub location: String,
    pub rule_count: usize,
    pub groups: Vec<GroupView>,
    /// True for a layout other than the port summary: the chapter shows
    /// the table in its own columns (`columns`, `rows`).
    pub layout: bool,
    /// The table's column names in header order, in the book's words.
    pub columns: Vec<String>,
    /// One row per table row (a row expanded into several rules, one per
    /// transport or port, is one row here), for `layout` tables.
    pub rows: Vec<LayoutRowView>,
    /// False for the tables that are not port tables by nature
    /// (`TableKind::holds_ports`); `no_rules` says why no rule comes from
    /// them.
    pub holds_ports: bool,
    pub no_rules: String,
    /// Findings about the table itself (its line) and its rows.
    pub findings: Vec<FindingView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DiagramView {
    pub src: String,
    pub title: String,
}

/// One page chapter: the page's [`PageEntry`] (its fields, flattened: a
/// template reads `page.title` as before) and its rows.
#[derive(Debug, Clone, Serialize)]
pub struct PageView {
    #[serde(flatten)]
    pub entry: PageEntry,
    pub tables: Vec<TableView>,
    pub diagrams: Vec<DiagramView>,
    /// Findings that concern no row or table of the page.
    pub findings: Vec<FindingView>,
}

/// Whether a URL from a page's metadata may be a link: `http://` or
/// `https://` (any case) followed by a host, with no whitespace or control
/// character anywhere. Anything else (`javascript:`, `data:`, `vbscript:`,
/// `//host`, a relative path) is shown as text.
pub fn is_web_link(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &url[8..]
    } else if lower.starts_with("http://") {
        &url[7..]
    } else {
        return false;
    };
    !rest.is_empty()
        && !rest.starts_with('/')
        && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

fn direction_id(d: Direction) -> &'static str {
    match d {
        Direction::Inbound => "inbound",
        Direction::Outbound => "outbound",
        Direction::Unknown => "unknown",
    }
}

/// The UI key of a server's name in group headings.
pub(crate) fn server_key(s: Option<Server>) -> &'static str {
    match s {
        Some(Server::EdgeServer) => "server_edge",
        Some(Server::ReverseProxy) => "server_reverse_proxy",
        Some(Server::Director) => "server_director",
        Some(Server::SqlServer) => "server_sql",
        None => "server_unknown",
    }
}

/// A table kind's id in the books (CSS classes, UI keys): its key in the
/// locale registry, the model's serde name; `unclassified` for a kind the
/// registry does not list yet.
pub(crate) fn kind_id(k: TableKind) -> &'static str {
    use portmatrix_i18n::Value;
    k.key().unwrap_or("unclassified")
}

/// The findings of one page by line, each list in the order of the book's
/// findings. Why: rows and tables look their findings up here; filtering
/// every finding for every row was quadratic on a page of many rows.
struct FindingsAt<'a> {
    /// The page's findings with their index in the book's list.
    by_line: HashMap<u32, Vec<(usize, &'a Finding)>>,
    /// The page's findings, in order.
    all: Vec<&'a Finding>,
}

impl<'a> FindingsAt<'a> {
    /// The page's findings (`Index::findings_at`), in the book's order.
    fn of(findings: impl Iterator<Item = &'a Finding>) -> FindingsAt<'a> {
        let mut by_line: HashMap<u32, Vec<(usize, &Finding)>> = HashMap::new();
        let mut all = Vec::new();
        for (i, f) in findings.enumerate() {
            by_line.entry(f.line).or_default().push((i, f));
            all.push(f);
        }
        FindingsAt { by_line, all }
    }

    /// The findings at `line`, in order.
    fn line(&self, line: u32) -> impl Iterator<Item = &'a Finding> + '_ {
        self.by_line
            .get(&line)
            .into_iter()
            .flatten()
            .map(|(_, f)| *f)
    }

    /// The findings at any of `lines` (distinct), in order.
    fn lines(&self, lines: &[u32]) -> impl Iterator<Item = &'a Finding> + use<'a> {
        let mut v: Vec<(usize, &'a Finding)> = lines
            .iter()
            .filter_map(|l| self.by_line.get(l))
            .flatten()
            .copied()
            .collect();
        v.sort_by_key(|(i, _)| *i);
        v.into_iter().map(|(_, f)| f)
    }

    /// Every finding of the page, in order.
    fn all(&self) -> impl Iterator<Item = &'a Finding> + '_ {
        self.all.iter().copied()
    }
}

/// The books' findings by page path and diagrams by asset id (lowercase),
/// each in the order given.
///
/// Why: every row looks up its findings and every page its diagrams; a
/// scan of all of them for each would make the books quadratic in the
/// size of the tree.
pub(crate) struct Index<'a> {
    findings: std::collections::HashMap<&'a str, Vec<&'a Finding>>,
    diagrams: std::collections::HashMap<String, Vec<&'a Diagram>>,
}

impl<'a> Index<'a> {
    pub fn new(findings: &'a [Finding], diagrams: &'a [Diagram]) -> Index<'a> {
        let mut index = Index {
            findings: Default::default(),
            diagrams: Default::default(),
        };
        for f in findings {
            index.findings.entry(f.path.as_str()).or_default().push(f);
        }
        for d in diagrams {
            index
                .diagrams
                .entry(d.asset_id.to_ascii_lowercase())
                .or_default()
                .push(d);
        }
        index
    }

    /// The findings about the page at `path`.
    fn findings_at(&self, path: &str) -> impl Iterator<Item = &'a Finding> + '_ {
        self.findings.get(path).into_iter().flatten().copied()
    }

    /// The diagrams of the asset `asset_id` (any case).
    fn diagrams_of(&self, asset_id: &str) -> impl Iterator<Item = &'a Diagram> + '_ {
        self.diagrams
            .get(&asset_id.to_ascii_lowercase())
            .into_iter()
            .flatten()
            .copied()
    }
}

/// A rule of the book by place: its page (index in the book's assets, in
/// chapter order), its table on the page, its index in the table. The
/// cross-cutting chapters hold these, not row views.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RowRef {
    page: u32,
    table: u32,
    rule: u32,
}

impl RowRef {
    pub fn new(page: usize, table: usize, rule: usize) -> RowRef {
        let n = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
        RowRef {
            page: n(page),
            table: n(table),
            rule: n(rule),
        }
    }
}

/// Builds the views of one book.
pub(crate) struct Builder<'a> {
    pub locale: &'a str,
    pub cats: &'a Catalogs,
    pub ui: &'a BTreeMap<String, String>,
    pub index: &'a Index<'a>,
}

impl Builder<'_> {
    fn t(&self, key: &str) -> String {
        self.ui
            .get(key)
            .cloned()
            .unwrap_or_else(|| format!("⟦{key}⟧"))
    }

    /// A row's view; `at` gives the page's findings by line.
    #[allow(clippy::too_many_arguments, reason = "the row's context")]
    fn row(
        &self,
        page: &Page,
        slug: &str,
        title: &Text,
        table: &Table,
        rule: &Rule,
        index: usize,
        words: &Words<'_>,
        at: &FindingsAt<'_>,
    ) -> RowView {
        let l = self.locale;
        let d = rule.direction(table.kind);
        let anchor = format!("r{}", rule.line);
        let findings = at
            .line(rule.line)
            .map(|f| FindingView::of(f, anchor.clone()))
            .collect();
        RowView {
            anchor,
            role: rule
                .role
                .as_ref()
                .map(|r| r.name(l).into_owned())
                .unwrap_or_default(),
            protocols: names::protocols(&rule.protocols),
            transport: rule.transport.name(l).into_owned(),
            ports: layout::ports(rule.ports, rule.port_scope, l),
            port_first: rule.ports.first(),
            port_last: rule.ports.last(),
            port_scope: layout::scope_id(rule.port_scope),
            details: layout::details(rule, l),
            rule_index: index,
            source: rule.source.name(l).into_owned(),
            destination: rule.destination.name(l).into_owned(),
            source_cell: rule.source.text.to_string(),
            destination_cell: rule.destination.text.to_string(),
            note: words.text(&rule.note),
            direction: self.t(&format!("direction_{}", direction_id(d))),
            direction_id: direction_id(d),
            location: format!("{}:{}", page.path, rule.line),
            path: page.path.to_string(),
            line: rule.line,
            chapter: format!("{slug}.md"),
            chapter_title: title.clone(),
            table_kind: table.kind.name(l).into_owned(),
            findings,
        }
    }

    /// The views of the rows `refs` of `assets` (the book's pages), in
    /// order: each the very view its page chapter shows. A page's title
    /// and findings are looked up once per call.
    pub fn rows(&self, assets: &[Asset<'_>], refs: &[RowRef]) -> Vec<RowView> {
        let mut pages: HashMap<u32, (Text, FindingsAt<'_>)> = HashMap::new();
        refs.iter()
            .map(|r| {
                let asset = &assets[r.page as usize];
                let page = asset.edition(self.locale);
                let words = Words {
                    book_locale: self.locale,
                    page_locale: &page.locale,
                    cats: self.cats,
                };
                let (title, at) = pages.entry(r.page).or_insert_with(|| {
                    (
                        words.text(&page.title),
                        FindingsAt::of(self.index.findings_at(&page.path)),
                    )
                });
                let table = &page.tables[r.table as usize];
                let rule = &table.rules[r.rule as usize];
                self.row(
                    page,
                    asset.slug.as_str(),
                    title,
                    table,
                    rule,
                    r.rule as usize,
                    &words,
                    at,
                )
            })
            .collect()
    }

    /// The words of `page` in this book.
    fn words<'p>(&'p self, page: &'p Page) -> Words<'p> {
        Words {
            book_locale: self.locale,
            page_locale: &page.locale,
            cats: self.cats,
        }
    }

    /// The entry of a page alone, as [`Builder::page`] makes it, without
    /// the views of its tables and rows: every chapter's context lists the
    /// entries of all pages, and making whole page views for them (then
    /// again for the pages' chapters) cost the books twice the views.
    pub fn entry(&self, asset: &Asset<'_>) -> PageEntry {
        let page = asset.edition(self.locale);
        let words = self.words(page);
        let title = words.text(&page.title);
        let mut untranslated = usize::from(title.untranslated);
        for t in page.tables.iter() {
            untranslated += usize::from(heading_text(t, &words).untranslated);
            let notes = t.rules.iter().map(|r| words.text(&r.note));
            untranslated += notes.filter(|n| n.untranslated).count();
        }
        self.entry_of(asset, page, title, untranslated)
    }

    pub fn page(&self, asset: &Asset<'_>) -> PageView {
        let page = asset.edition(self.locale);
        let words = self.words(page);
        let title = words.text(&page.title);
        let slug = asset.slug.as_str();
        let mut untranslated = usize::from(title.untranslated);
        let mut tables = Vec::new();
        let at = FindingsAt::of(self.index.findings_at(&page.path));
        // The lines of the page's tables, headings and rows: findings there
        // are shown with their table or row, the others at the top.
        let mut placed: HashSet<u32> = HashSet::new();
        for (i, t) in page.tables.iter().enumerate() {
            let heading = heading_text(t, &words);
            untranslated += usize::from(heading.untranslated);
            // A finding about the table: on its `<table>` line or its heading.
            let rows: Vec<RowView> = t
                .rules
                .iter()
                .enumerate()
                .map(|(i, r)| self.row(page, slug, &title, t, r, i, &words, &at))
                .collect();
            untranslated += rows.iter().filter(|r| r.note.untranslated).count();
            let mut groups = Vec::new();
            for d in [Direction::Inbound, Direction::Outbound, Direction::Unknown] {
                let id = direction_id(d);
                let rs: Vec<RowView> = rows
                    .iter()
                    .filter(|r| r.direction_id == id)
                    .cloned()
                    .collect();
                if rs.is_empty() {
                    continue;
                }
                let label = self
                    .t(&format!("group_{id}"))
                    .replace("{server}", &self.t(server_key(t.kind.server())));
                groups.push(GroupView {
                    direction_id: id,
                    label,
                    rows: rs,
                });
            }
            let mut table_lines = vec![t.line];
            table_lines.extend(t.heading.as_ref().map(|h| h.line).filter(|&l| l != t.line));
            let mut findings: Vec<FindingView> = at
                .lines(&table_lines)
                .map(|f| FindingView::of(f, String::new()))
                .collect();
            findings.extend(rows.iter().flat_map(|r| r.findings.iter().cloned()));
            let findings = merge_rows(findings);
            placed.extend(table_lines);
            placed.extend(t.rules.iter().map(|r| r.line));
            tables.push(TableView {
                index: i + 1,
                anchor: format!("t-{slug}-{}", i + 1),
                has_heading: t.heading.is_some(),
                heading,
                kind: t.kind.name(self.locale).into_owned(),
                kind_id: kind_id(t.kind).to_string(),
                server: self.t(server_key(t.kind.server())),
                line: t.line,
                location: format!("{}:{}", page.path, t.line),
                rule_count: t.rules.len(),
                groups,
                layout: !t.columns.is_empty(),
                columns: t
                    .layout()
                    .iter()
                    .map(|c| c.name(self.locale).into_owned())
                    .collect(),
                rows: if t.columns.is_empty() {
                    Vec::new()
                } else {
                    layout::rows(t, &rows, &words, self.locale)
                },
                holds_ports: t.kind.holds_ports(),
                no_rules: if t.kind.holds_ports() {
                    String::new()
                } else {
                    self.t(&format!("no_rules_{}", kind_id(t.kind)))
                },
                findings,
            });
        }
        let findings = at
            .all()
            .filter(|f| !placed.contains(&f.line))
            .map(|f| FindingView::of(f, String::new()))
            .collect();
        let diagrams = self
            .index
            .diagrams_of(&asset.asset_id)
            .filter(|d| {
                d.locale
                    .as_deref()
                    .is_none_or(|l| l.eq_ignore_ascii_case(self.locale))
            })
            .map(|d| DiagramView {
                src: format!("diagrams/{}", d.file_name),
                title: d.title.to_string(),
            })
            .collect();
        PageView {
            entry: self.entry_of(asset, page, title, untranslated),
            tables,
            diagrams,
            findings,
        }
    }

    /// A page's entry, with its title and its count of untranslated texts.
    fn entry_of(
        &self,
        asset: &Asset<'_>,
        page: &Page,
        title: Text,
        untranslated: usize,
    ) -> PageEntry {
        let slug = asset.slug.as_str();
        PageEntry {
            slug: slug.to_string(),
            chapter: format!("{slug}.md"),
            asset_id: asset.asset_id.clone(),
            title,
            edition_locale: page.locale.to_string(),
            translated: !page.locale.eq_ignore_ascii_case(self.locale),
            path: page.path.to_string(),
            mtps_url: page
                .mtps_url
                .as_deref()
                .filter(|u| is_web_link(u))
                .unwrap_or("")
                .to_string(),
            mtps_url_text: page
                .mtps_url
                .as_deref()
                .filter(|u| !is_web_link(u))
                .unwrap_or("")
                .to_string(),
            date: page.date.as_deref().unwrap_or("").to_string(),
            rule_count: page.tables.iter().map(|t| t.rules.len()).sum(),
            untranslated_count: untranslated,
        }
    }
}

/// A table's heading in the book's words (an empty text when it has none).
fn heading_text(t: &Table, words: &Words<'_>) -> Text {
    t.heading
        .as_ref()
        .map(|h| words.text_in(super::heading_context(t), &h.text))
        .unwrap_or_else(|| words.text(""))
}

/// A page as the context every chapter shares lists it (`pages`): a
/// [`PageView`] without its tables, diagrams and findings, kept for the
/// whole book while the views with rows are made a few at a time. Its
/// fields' order is the page view's (the same JSON either way).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PageEntry {
    pub slug: String,
    pub chapter: String,
    pub asset_id: String,
    pub title: Text,
    pub edition_locale: String,
    pub translated: bool,
    pub path: String,
    pub mtps_url: String,
    pub mtps_url_text: String,
    pub date: String,
    pub rule_count: usize,
    pub untranslated_count: usize,
}
