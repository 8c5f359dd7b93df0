//! The "Your deployment" part of the books (`portmatrix build --deployment
//! FILE`): the runbook for *your* servers.
//!
//! [`add_deployment_part`] adds to each built book a part with one chapter:
//! the topology of each page the deployment file chooses, drawn with the
//! deployment's addresses under the boxes ([`diagram::BoxAddresses`]), then
//! the rules to open, per server and per interface of the server's end
//! (the interface the file gives the endpoint), each with the concrete
//! addresses of both ends ([`firewall::plan`] for which rules and on which
//! interface, [`firewall::query::addresses`] for the addresses), the checks
//! that found a defect at the row, and a link to the row in its page's
//! chapter; last, the rows that give no rule and why.
//!
//! The part is added to books already built ([`crate::book::build_into`]
//! or `book::build`): the chapter, its diagrams and the part's entry in
//! `SUMMARY.md` are written into each book's source tree, and the book is
//! built again with mdBook. Why not a template of the book module: the
//! book module renders a fixed set of chapters (`book::Options` has no hook
//! for a part of the caller's); this keeps the part out of the books unless
//! a deployment is given, and costs a second mdBook run only then.

use std::collections::BTreeMap;
use std::path::Path;
use std::str::FromStr;

use mdbook_driver::MDBook;
use mdbook_driver::config::Config;
use serde::Serialize;
use tera::{Context, Tera};

use crate::book::{self, BookError, Catalogs, Options};
use crate::check::{self, Level};
use crate::deploy::Deployment;
use crate::firewall::{self, SkipReason};
use crate::model::query::RuleRef;
use crate::model::{Direction, Matrix, Page, Server};
use crate::names::{self, Localized};
use crate::{diagram, filename};

/// The part's template (`templates/book/deployment.md.tera`), rendered with
/// the embedded book templates (the switcher, the `txt` component).
const TEMPLATE: (&str, &str) = (
    "deployment.md.tera",
    include_str!("../../templates/book/deployment.md.tera"),
);

/// The chapter file stem, unless a page chapter has it already.
const CHAPTER: &str = "your-deployment";

/// What [`add_deployment_part`] added to each book.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartReport {
    /// The chapter's file in every book (`your-deployment.md`).
    pub chapter: String,
    /// The rules listed (one per row of a chosen page that gives a rule).
    pub rules: usize,
    /// The rows of the chosen pages that give no rule.
    pub skipped: usize,
    /// The books the part was added to, by locale.
    pub locales: Vec<String>,
}

/// Adds the "Your deployment" part to every book of `opts` built into
/// `html_dir` (HTML, `<html_dir>/<locale>/`) and `src_dir` (sources,
/// `<src_dir>/<locale>/`): writes the chapter and its diagrams into each
/// source tree, adds the part to its `SUMMARY.md` and builds the book again
/// with mdBook. `findings` are those the books show (`check::run` or
/// `translations::check_findings`); rows with a finding name its checks
/// (style findings left out, as in the page chapters).
///
/// Why: the books are the runbook; with a deployment file the reader wants
/// the rules of *their* servers with *their* addresses, per server and
/// interface, next to the pages they come from.
pub fn add_deployment_part(
    m: &Matrix,
    deployment: &Deployment,
    findings: &[check::Finding],
    opts: &Options,
    html_dir: &Path,
    src_dir: &Path,
) -> Result<PartReport, BookError> {
    let cats = opts.load_catalogs()?;
    let tera = templates()?;
    let locales = opts.book_locales(m, &cats)?;
    let chapter = chapter_name(m);
    let plan = firewall::plan(m, deployment, findings, firewall::Options::default());
    // The checks at each row, style left out (hidden unless asked).
    let shown: Vec<check::Finding> = findings
        .iter()
        .filter(|f| f.level() != Level::Style)
        .cloned()
        .collect();
    let marks = check::findings_by_rule(&shown);
    let html_dir =
        std::fs::canonicalize(html_dir).map_err(|e| BookError::io("resolve", html_dir, e))?;
    let mut rules = 0;
    for locale in &locales {
        let ui = cats.ui_for(locale);
        let t = |k: &str| ui.get(k).cloned().unwrap_or_else(|| format!("⟦{k}⟧"));
        let root = src_dir.join(locale);
        let mut diagrams = Vec::new();
        let part = part_view(
            m,
            deployment,
            &plan,
            &marks,
            &PartContext {
                locale,
                chapter: &chapter,
                cats: &cats,
                t: &t,
            },
            &mut diagrams,
        );
        rules = part.rule_count;
        let mut ctx = Context::new();
        ctx.insert("locale", locale);
        ctx.insert("t", &ui);
        ctx.insert("locales", &links(&cats, &locales, locale));
        ctx.insert("chapter", &format!("{chapter}.md"));
        ctx.insert("chapter_html", &format!("{chapter}.html"));
        ctx.insert("part", &part);
        let switcher = render(&tera, "switcher.md.tera", &ctx)?;
        let body = render(&tera, TEMPLATE.0, &ctx)?;
        write(
            &root.join("src").join(format!("{chapter}.md")),
            format!("{switcher}\n{body}").as_bytes(),
        )?;
        for (name, svg) in &diagrams {
            write(&root.join("src/diagrams").join(name), svg.as_bytes())?;
        }
        let summary = root.join("src/SUMMARY.md");
        let mut text =
            std::fs::read_to_string(&summary).map_err(|e| BookError::io("read", &summary, e))?;
        if !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(&format!(
            "\n# {}\n\n- [{}]({chapter}.md)\n",
            book::escape_text(&t("part_deployment")),
            book::escape_text(&part.title)
        ));
        write(&summary, text.as_bytes())?;
        rebuild(&root, &html_dir.join(locale), locale)?;
    }
    Ok(PartReport {
        chapter: format!("{chapter}.md"),
        rules,
        skipped: plan.skipped.len(),
        locales,
    })
}

/// The chapter's file stem: `your-deployment`, or with a number when a
/// page chapter is named so already.
fn chapter_name(m: &Matrix) -> String {
    let stems: Vec<String> = book::chapter_stems(m).into_values().collect();
    let taken = |s: &str| {
        stems.iter().any(|x| x.eq_ignore_ascii_case(s))
            || filename::BOOK_RESERVED
                .iter()
                .any(|x| x.eq_ignore_ascii_case(s))
    };
    let mut name = CHAPTER.to_string();
    let mut n = 2;
    while taken(&name) {
        name = format!("{CHAPTER}-{n}");
        n += 1;
    }
    name
}

/// The part's template and the book's language switcher (the only
/// embedded book template the part renders: the others call functions,
/// such as `ngettext`, that only the book's own engine registers).
fn templates() -> Result<Tera, BookError> {
    let mut tera = Tera::new();
    tera.set_escape_fn(escape);
    tera.autoescape_on([".md.tera", ".html.tera"]);
    tera.add_raw_templates(
        book::DEFAULT_TEMPLATES
            .iter()
            .copied()
            .filter(|(name, _)| *name == "switcher.md.tera")
            .chain(std::iter::once(TEMPLATE)),
    )
    .map_err(|e| BookError::Template(format!("template error: {e}")))?;
    Ok(tera)
}

/// Every `{{ value }}` escaped as in the books ([`book::escape_text`]).
fn escape(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    out.write_all(book::escape_text(input).as_bytes())
}

fn render(tera: &Tera, name: &str, ctx: &Context) -> Result<String, BookError> {
    tera.render(name, ctx).map_err(|e| {
        let mut msg = format!("rendering {name}: {e}");
        let mut src = std::error::Error::source(&e);
        while let Some(inner) = src {
            msg.push_str(&format!(": {inner}"));
            src = inner.source();
        }
        BookError::Template(msg)
    })
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), BookError> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| BookError::io("create", dir, e))?;
    }
    std::fs::write(path, bytes).map_err(|e| BookError::io("write", path, e))
}

/// Builds the book whose sources are in `root` into `out` with mdBook, as
/// the book module does (its `book.toml`, the build folder set).
fn rebuild(root: &Path, out: &Path, locale: &str) -> Result<(), BookError> {
    let toml = root.join("book.toml");
    let text = std::fs::read_to_string(&toml).map_err(|e| BookError::io("read", &toml, e))?;
    let mut config = Config::from_str(&text)
        .map_err(|e| BookError::MdBook(format!("{locale}/book.toml: {e:#}")))?;
    config
        .set("build.build-dir", out.to_string_lossy().as_ref())
        .map_err(|e| BookError::MdBook(format!("{e:#}")))?;
    let book = MDBook::load_with_config(root, config)
        .map_err(|e| BookError::MdBook(format!("mdBook cannot load the {locale} book: {e:#}")))?;
    book.build()
        .map_err(|e| BookError::MdBook(format!("mdBook cannot build the {locale} book: {e:#}")))
}

/// A book in the language switcher (as the book module gives the
/// templates `locales`).
#[derive(Serialize)]
struct LocaleLink {
    locale: String,
    name: String,
    title: String,
    description: String,
    current: bool,
}

fn links(cats: &Catalogs, locales: &[String], current: &str) -> Vec<LocaleLink> {
    locales
        .iter()
        .map(|l| {
            let ui = cats.ui_for(l);
            let g = |k: &str| ui.get(k).cloned().unwrap_or_default();
            LocaleLink {
                locale: l.clone(),
                name: crate::names::language_name(l),
                title: g("book_title"),
                description: g("book_description"),
                current: l == current,
            }
        })
        .collect()
}

/// What the part's template receives as `part`.
#[derive(Debug, Serialize)]
struct PartView {
    /// `Your deployment: Example Edge pool`.
    title: String,
    /// The deployment file, as named on the command line.
    file: String,
    rule_count: usize,
    pages: Vec<PageView>,
    groups: Vec<GroupView>,
    skipped: Vec<SkippedView>,
}

/// A chosen page: its title and its topology with the addresses.
#[derive(Debug, Serialize)]
struct PageView {
    title: String,
    path: String,
    /// `diagrams/<file>.svg`.
    diagram: String,
    diagram_title: String,
}

/// The rules of one server on one of its interfaces.
#[derive(Debug, Serialize)]
struct GroupView {
    anchor: String,
    /// `Edge Server, interface eth0`.
    label: String,
    rows: Vec<RowView>,
}

/// One rule to open, with the addresses of both ends.
#[derive(Debug, Serialize)]
struct RowView {
    direction: String,
    /// `inbound`, `outbound`, `unknown`.
    direction_id: &'static str,
    role: String,
    protocols: String,
    transport: String,
    ports: String,
    source: String,
    source_addresses: Vec<String>,
    destination: String,
    destination_addresses: Vec<String>,
    /// The checks that found a defect at the row (style left out).
    findings: Vec<String>,
    /// `path:line`.
    location: String,
    line: u32,
    /// The chapter of the row's page (`chapter.html`; the row is `#r<line>`
    /// there), when the book shows that edition; else empty.
    link: String,
}

/// A row of a chosen page that gives no rule.
#[derive(Debug, Serialize)]
struct SkippedView {
    location: String,
    row: String,
    why: String,
}

/// A server and the interface of its end (the deployment's name for it).
type GroupKey = (Option<Server>, Option<String>);

/// What [`part_view`] needs of the book.
struct PartContext<'a> {
    locale: &'a str,
    chapter: &'a str,
    cats: &'a Catalogs,
    t: &'a dyn Fn(&str) -> String,
}

fn direction_id(d: Direction) -> &'static str {
    match d {
        Direction::Inbound => "inbound",
        Direction::Outbound => "outbound",
        Direction::Unknown => "unknown",
    }
}

use crate::book::view::server_key;

/// A page text in the book's language: the page's own when the book is in
/// its locale, else the catalog's translation, else as written.
fn words(cats: &Catalogs, book_locale: &str, page: &Page, text: &str) -> String {
    if page.locale.eq_ignore_ascii_case(book_locale) {
        return text.to_string();
    }
    cats.translations
        .get(book_locale)
        .and_then(|c| c.get(text))
        .unwrap_or(text)
        .to_string()
}

/// The edition of `page`'s asset that the book in `locale` shows: its own
/// edition with port tables, else the first with port tables.
fn shown_edition<'m>(m: &'m Matrix, page: &Page, locale: &str) -> Option<&'m Page> {
    let editions: Vec<&Page> = m
        .pages()
        .filter(|p| p.asset_id.eq_ignore_ascii_case(&page.asset_id) && !p.tables.is_empty())
        .collect();
    editions
        .iter()
        .find(|p| p.locale.eq_ignore_ascii_case(locale))
        .or(editions.first())
        .copied()
}

/// The part in the book's words; the topology SVGs it shows are pushed to
/// `diagrams` (file name, SVG).
fn part_view(
    m: &Matrix,
    d: &Deployment,
    plan: &firewall::Plan<'_>,
    marks: &BTreeMap<check::RuleRef, Vec<check::CheckCode>>,
    cx: &PartContext<'_>,
    diagrams: &mut Vec<(String, String)>,
) -> PartView {
    let (l, t) = (cx.locale, cx.t);
    let stems = book::chapter_stems(m);
    let name = d.name.clone().unwrap_or_else(|| d.file.clone());
    let mut pages = Vec::new();
    for (i, page) in plan.pages.iter().enumerate() {
        // Drawn with the book's names, the deployment's addresses under
        // the boxes.
        let mut drawn = (*page).clone();
        drawn.locale = l.to_string().into();
        let addresses = diagram::BoxAddresses::of_page(page, |e| {
            d.resolve(e)
                .ok()
                .map(|hosts| hosts.iter().map(ToString::to_string).collect())
        });
        let file = format!("{}-{}-{l}-topology.svg", cx.chapter, i + 1);
        diagrams.push((file.clone(), diagram::topology_svg_with(&drawn, &addresses)));
        pages.push(PageView {
            title: words(cx.cats, l, page, &page.title),
            path: page.path.to_string(),
            diagram: format!("diagrams/{file}"),
            diagram_title: t("deployment_topology"),
        });
    }
    // One row per rule (the plan has one per address pair), grouped by
    // server and interface in the order first met; inbound, outbound, then
    // neither within a group.
    let mut groups: Vec<(GroupKey, Vec<(Direction, RowView)>)> = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for r in &plan.rules {
        if !seen.insert((r.page.path.to_string(), r.rule.line)) {
            continue;
        }
        let hit = RuleRef {
            page: r.page,
            table: r.table,
            rule: r.rule,
        };
        let (source_addresses, destination_addresses) = firewall::query::addresses(d, r.rule);
        let link = match (
            stems.get(&r.page.asset_id.to_ascii_lowercase()),
            shown_edition(m, r.page, l),
        ) {
            (Some(stem), Some(shown)) if shown.path == r.page.path => {
                format!("{stem}.html")
            }
            _ => String::new(),
        };
        let row = RowView {
            direction: t(&format!("direction_{}", direction_id(r.direction))),
            direction_id: direction_id(r.direction),
            role: r
                .rule
                .role
                .as_ref()
                .map(|x| x.name(l).into_owned())
                .unwrap_or_default(),
            protocols: names::protocols(&r.rule.protocols),
            transport: r.rule.transport.name(l).into_owned(),
            ports: r.rule.ports.to_string(),
            source: r.rule.source.name(l).into_owned(),
            source_addresses,
            destination: r.rule.destination.name(l).into_owned(),
            destination_addresses,
            findings: firewall::query::rule_findings(marks, &hit)
                .iter()
                .map(|c| c.as_str().to_string())
                .collect(),
            location: format!("{}:{}", r.page.path, r.rule.line),
            line: r.rule.line,
            link,
        };
        let key = (r.table.kind.server(), r.interface.clone());
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, rows)) => rows.push((r.direction, row)),
            None => groups.push((key, vec![(r.direction, row)])),
        }
    }
    let rule_count = seen.len();
    let groups = groups
        .into_iter()
        .enumerate()
        .map(|(i, ((server, interface), mut rows))| {
            rows.sort_by_key(|(dir, _)| match dir {
                Direction::Inbound => 0,
                Direction::Outbound => 1,
                Direction::Unknown => 2,
            });
            let server = t(server_key(server));
            let label = match &interface {
                Some(name) => t("deployment_group")
                    .replace("{server}", &server)
                    .replace("{interface}", name),
                None => t("deployment_group_none").replace("{server}", &server),
            };
            GroupView {
                anchor: format!("dep-{}", i + 1),
                label,
                rows: rows.into_iter().map(|(_, r)| r).collect(),
            }
        })
        .collect();
    let skipped = plan
        .skipped
        .iter()
        .map(|s| {
            let c = &s.rule.cells;
            SkippedView {
                location: format!("{}:{}", s.page.path, s.rule.line),
                row: format!(
                    "{} | {} | {}",
                    c.spec.text, c.source.text, c.destination.text
                ),
                why: match &s.reason {
                    SkipReason::Unrecognized(u) => {
                        t("deployment_skipped_unrecognized").replace("{text}", u)
                    }
                    SkipReason::NoPair => t("deployment_skipped_no_pair"),
                    SkipReason::ConfiguredPort => t("deployment_skipped_configured_port"),
                    SkipReason::Finding(_) => String::new(),
                },
            }
        })
        .collect();
    PartView {
        title: t("deployment_title").replace("{name}", &name),
        file: d.file.clone(),
        rule_count,
        pages,
        groups,
        skipped,
    }
}
