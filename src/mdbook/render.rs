//! What each directive renders, in the book's language: Markdown tables
//! (styled by the book's own theme) for tables, queries and findings, and
//! inline SVG in a `<figure>` for diagrams. Every text of a page goes
//! through [`escape::text`]; nothing needs a CSS file.

use std::cell::Cell;
use std::collections::BTreeMap;

use crate::check::Finding;
use crate::deploy::{Deployment, names_page, slug};
use crate::diag::Severity;
use crate::diagram::{DiagramKind, PageDiagrams};
use crate::firewall::query::{Filter, addresses};
use crate::model::query::RuleRef;
use crate::model::{Matrix, Page};
use crate::names::{self, Localized};

use super::directive::{Directive, Expected, Problem};
use super::escape;

/// The words of the tables and captions, per language.
struct Labels {
    direction: &'static str,
    role: &'static str,
    port: &'static str,
    source: &'static str,
    destination: &'static str,
    note: &'static str,
    severity: &'static str,
    check: &'static str,
    line: &'static str,
    finding: &'static str,
    no_rule: &'static str,
    no_finding: &'static str,
    topology: &'static str,
    ports: &'static str,
    error: &'static str,
    warning: &'static str,
    info: &'static str,
}

const EN: Labels = Labels {
    direction: "Direction",
    role: "Role",
    port: "Port / protocol",
    source: "Source",
    destination: "Destination",
    note: "Note",
    severity: "Severity",
    check: "Check",
    line: "Line",
    finding: "Finding",
    no_rule: "No rule matches.",
    no_finding: "The checks find nothing on this page.",
    topology: "Topology",
    ports: "Port map",
    error: "error",
    warning: "warning",
    info: "info",
};

const ZH: Labels = Labels {
    direction: "方向",
    role: "角色",
    port: "端口 / 协议",
    source: "源",
    destination: "目标",
    note: "注释",
    severity: "严重性",
    check: "检查",
    line: "行",
    finding: "问题",
    no_rule: "没有匹配的规则。",
    no_finding: "检查未在此页发现问题。",
    topology: "拓扑图",
    ports: "端口图",
    error: "错误",
    warning: "警告",
    info: "信息",
};

/// The labels of a locale: Simplified Chinese for `zh`, `zh-CN`, `zh-SG`
/// and `zh-Hans…` (as the display names choose), English otherwise.
fn labels(locale: &str) -> &'static Labels {
    let l = locale.to_ascii_lowercase();
    let zh = l == "zh"
        || ["zh-cn", "zh-sg", "zh-hans"]
            .iter()
            .any(|p| l.starts_with(p));
    if zh { &ZH } else { &EN }
}

/// How well a page's locale suits the book's language: its own locale,
/// then the same language, then en-US, then any.
fn rank(page: &Page, lang: &str) -> u8 {
    let primary = |l: &str| {
        l.split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase()
    };
    if page.locale.eq_ignore_ascii_case(lang) {
        0
    } else if primary(&page.locale) == primary(lang) {
        1
    } else if page.locale.eq_ignore_ascii_case("en-US") {
        2
    } else {
        3
    }
}

/// What a directive rendered.
#[derive(Debug, Default)]
pub struct Block {
    /// Markdown (with raw HTML for diagrams), without a final newline.
    pub text: String,
    /// The paths of the pages shown.
    pub pages: Vec<String>,
    /// Things worth a warning (a filter that matches no rule).
    pub warnings: Vec<String>,
}

/// Everything the directives of a book render from.
pub struct Env<'m> {
    /// The pages.
    pub matrix: &'m Matrix,
    /// The book's language (`book.language`, else `en-US`).
    pub lang: String,
    /// `deployment`: addresses for the tables.
    pub deployment: Option<Deployment>,
    /// The checks' findings, made on first use.
    findings: std::sync::OnceLock<Vec<Finding>>,
    /// Diagrams drawn so far (their ids are numbered book-wide).
    diagrams: Cell<usize>,
}

impl<'m> Env<'m> {
    /// The environment of a book in `lang`.
    pub fn new(matrix: &'m Matrix, lang: &str, deployment: Option<Deployment>) -> Env<'m> {
        Env {
            matrix,
            lang: lang.to_string(),
            deployment,
            findings: std::sync::OnceLock::new(),
            diagrams: Cell::new(0),
        }
    }

    /// `check::run` over the matrix, once.
    pub fn findings(&self) -> &[Finding] {
        self.findings.get_or_init(|| crate::check::run(self.matrix))
    }

    /// The slugs of the pages, sorted, for error messages; with
    /// `tables_only`, of the pages that have port tables.
    pub fn slugs(&self, tables_only: bool) -> Vec<String> {
        let mut v: Vec<String> = self
            .matrix
            .pages()
            .filter(|p| !tables_only || p.tables.iter().any(|t| !t.rules.is_empty()))
            .map(|p| slug(p).to_string())
            .collect();
        v.sort();
        v.dedup();
        v
    }

    /// The expected values of a problem, as words.
    pub fn expected(&self, e: &Expected) -> Vec<String> {
        match e {
            Expected::Nothing => Vec::new(),
            Expected::Values(v) => v.clone(),
            Expected::Pages => self.slugs(false),
        }
    }

    /// The edition of the page `key` names that suits the book best.
    fn page(&self, key: &str, tables_only: bool) -> Result<&'m Page, Problem> {
        let page = self
            .matrix
            .pages()
            .filter(|p| names_page(p, key))
            .min_by_key(|p| rank(p, &self.lang));
        match page {
            None => Err(problem(
                format!("no page `{key}` in the sources"),
                self.slugs(tables_only),
            )),
            Some(p) if tables_only && !p.tables.iter().any(|t| !t.rules.is_empty()) => {
                Err(problem(
                    format!("the page `{key}` has no port tables"),
                    self.slugs(true),
                ))
            }
            Some(p) => Ok(p),
        }
    }

    /// One edition per page (the one that suits the book best), in matrix
    /// order.
    fn editions(&self) -> Vec<&'m Page> {
        let mut best: BTreeMap<&str, &'m Page> = BTreeMap::new();
        for p in self.matrix.pages() {
            let e = best.entry(&p.asset_id).or_insert(p);
            if rank(p, &self.lang) < rank(e, &self.lang) {
                *e = p;
            }
        }
        let chosen: Vec<&str> = best.values().map(|p| p.path.as_ref()).collect();
        self.matrix
            .pages()
            .filter(|p| chosen.contains(&p.path.as_ref()))
            .collect()
    }

    /// Renders a directive.
    pub fn render(&self, d: &Directive) -> Result<Block, Problem> {
        match d {
            Directive::Table(f) => self.table(f),
            Directive::Diagram { page, kind } => self.diagram(page, *kind),
            Directive::Query(f) => self.query(f),
            Directive::Findings { page } => self.page_findings(page),
        }
    }

    fn table(&self, f: &Filter) -> Result<Block, Problem> {
        let key = f.page.as_deref().unwrap_or_default();
        let page = self.page(key, true)?;
        if let Some(kind) = f.kind
            && !page.tables.iter().any(|t| t.kind == kind)
        {
            let mut has: Vec<String> = Vec::new();
            for t in page.tables.iter() {
                let name = crate::deploy::ids::name(&t.kind);
                if !has.contains(&name) {
                    has.push(name);
                }
            }
            return Err(problem(
                format!(
                    "the page `{key}` has no table of kind `{}`",
                    crate::deploy::ids::name(&kind)
                ),
                has,
            ));
        }
        let l = labels(&self.lang);
        let hits: Vec<RuleRef<'m>> = self
            .matrix
            .rules()
            .filter(|r| std::ptr::eq(r.page, page) && f.matches(r))
            .collect();
        let mut block = Block {
            pages: vec![page.path.to_string()],
            ..Block::default()
        };
        if hits.is_empty() {
            block.text = format!("*{}*", escape::text(l.no_rule));
            block
                .warnings
                .push(format!("the filters match no rule of the page `{key}`"));
            return Ok(block);
        }
        block.text = self.grouped(&hits, |r| match &r.table.heading {
            Some(h) => escape::text(&h.text),
            None => String::new(),
        });
        Ok(block)
    }

    /// The hits, a captioned table for each run of rules of one table:
    /// `**kind** — what` (`what` already escaped).
    fn grouped(&self, hits: &[RuleRef<'_>], what: impl Fn(&RuleRef<'_>) -> String) -> String {
        let mut parts = Vec::new();
        for run in hits.chunk_by(|a, b| std::ptr::eq(a.table, b.table)) {
            let kind = escape::text(&run[0].table.kind.name(&self.lang));
            let what = what(&run[0]);
            parts.push(if what.is_empty() {
                format!("**{kind}**")
            } else {
                format!("**{kind}** — {what}")
            });
            parts.push(self.rules_table(run));
        }
        parts.join("\n\n")
    }

    /// A Markdown table of rules:
    /// direction, role (when a rule has one), transport and port (`TCP
    /// 443`) with the protocols under them, the two ends (with the
    /// deployment's addresses under each) and the note. Kept to six columns
    /// so that it fits a book's column.
    fn rules_table(&self, rules: &[RuleRef<'_>]) -> String {
        let l = labels(&self.lang);
        let lang = self.lang.as_str();
        let with_role = rules.iter().any(|r| r.rule.role.is_some());
        let mut head = vec![l.direction];
        if with_role {
            head.push(l.role);
        }
        head.extend([l.port, l.source, l.destination, l.note]);
        let mut rows = vec![
            row(head.iter().map(|h| escape::text(h))),
            row(head.iter().map(|_| "---".to_string())),
        ];
        for r in rules {
            let rule = r.rule;
            let mut cells = vec![escape::text(&r.direction().name(lang))];
            if with_role {
                cells.push(escape::text(
                    &rule.role.as_ref().map(|x| x.name(lang)).unwrap_or_default(),
                ));
            }
            cells.push(format!(
                "{}&#160;{}<br>{}",
                escape::text(&rule.transport.name(lang)),
                escape::text(&rule.ports.to_string()),
                escape::text(&names::protocols(&rule.protocols)),
            ));
            let addrs = self.deployment.as_ref().map(|d| addresses(d, rule));
            let (src, dst) = match &addrs {
                Some((s, d)) => (address_lines(s), address_lines(d)),
                None => (String::new(), String::new()),
            };
            cells.push(escape::text(&rule.source.name(lang)) + &src);
            cells.push(escape::text(&rule.destination.name(lang)) + &dst);
            cells.push(escape::text(&rule.note));
            rows.push(row(cells.into_iter()));
        }
        rows.join("\n")
    }

    fn query(&self, f: &Filter) -> Result<Block, Problem> {
        if let Some(key) = &f.page {
            self.page(key, false)?;
        }
        let editions = self.editions();
        let hits: Vec<RuleRef<'m>> = self
            .matrix
            .rules()
            .filter(|r| editions.iter().any(|p| std::ptr::eq(*p, r.page)) && f.matches(r))
            .collect();
        let mut block = Block::default();
        if hits.is_empty() {
            block.text = format!("*{}*", escape::text(labels(&self.lang).no_rule));
            block.warnings.push("the query matches no rule".to_string());
            return Ok(block);
        }
        for r in &hits {
            if !block.pages.iter().any(|p| p == r.page.path.as_ref()) {
                block.pages.push(r.page.path.to_string());
            }
        }
        block.text = self.grouped(&hits, |r| escape::text(&r.page.title));
        Ok(block)
    }

    fn diagram(&self, key: &str, kind: DiagramKind) -> Result<Block, Problem> {
        let page = self.page(key, true)?;
        // Labels in the book's language: the diagrams name things in
        // their page's locale.
        let mut local = page.clone();
        local.locale = self.lang.clone().into();
        let d = PageDiagrams::new(&local);
        let n = self.diagrams.get() + 1;
        self.diagrams.set(n);
        let svg = escape::svg_block(&d.svg(kind), &format!("pm{n}-"));
        let l = labels(&self.lang);
        let what = match kind {
            DiagramKind::Topology => l.topology,
            DiagramKind::Ports => l.ports,
        };
        let text = format!(
            "<figure class=\"portmatrix-diagram\" style=\"margin:1em 0;overflow-x:auto\">\n{svg}\n<figcaption style=\"font-size:0.9em;text-align:center\">{} — {}</figcaption>\n</figure>",
            escape::text(what),
            escape::text(&page.title)
        );
        Ok(Block {
            text,
            pages: vec![page.path.to_string()],
            warnings: Vec::new(),
        })
    }

    fn page_findings(&self, key: &str) -> Result<Block, Problem> {
        let page = self.page(key, false)?;
        let l = labels(&self.lang);
        let findings: Vec<&Finding> = self
            .findings()
            .iter()
            .filter(|f| f.path() == page.path.as_ref())
            .collect();
        let mut block = Block {
            pages: vec![page.path.to_string()],
            ..Block::default()
        };
        if findings.is_empty() {
            block.text = format!("*{}*", escape::text(l.no_finding));
            return Ok(block);
        }
        let mut rows = vec![
            row([l.severity, l.check, l.line, l.finding]
                .iter()
                .map(|h| escape::text(h))),
            row(["---", "---", "---:", "---"].iter().map(|s| s.to_string())),
        ];
        for f in findings {
            let severity = match f.severity {
                Severity::Error => l.error,
                Severity::Warning => l.warning,
                Severity::Info => l.info,
            };
            let mut what = escape::text(&f.message);
            if !f.help.is_empty() {
                what.push_str("<br>*");
                what.push_str(&escape::text(&f.help));
                what.push('*');
            }
            rows.push(row([
                format!("**{}**", escape::text(severity)),
                format!("`{}`", f.code),
                f.line().to_string(),
                what,
            ]
            .into_iter()));
        }
        block.text = rows.join("\n");
        Ok(block)
    }
}

/// A problem with a list of expected values.
fn problem(message: String, expected: Vec<String>) -> Problem {
    Problem::new(message, Expected::Values(expected))
}

/// A Markdown table row of cells already escaped.
fn row(cells: impl Iterator<Item = String>) -> String {
    let mut s = String::from("|");
    for c in cells {
        s.push(' ');
        s.push_str(&c);
        s.push_str(" |");
    }
    s
}

/// The deployment's addresses of an end, under its name: one a line, as
/// code.
fn address_lines(addrs: &[String]) -> String {
    addrs
        .iter()
        .map(|a| format!("<br><code>{}</code>", escape::text(a)))
        .collect()
}
