//! Rendering the mdBook source trees with tera.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;
use tera::{Context, Tera};

use super::cross::{Split, print_note, split_chapter};
use super::view::{self, Builder, PageEntry, PageView};
use super::volumes::{Section, VolumeChapter};
use super::{BookError, Catalogs, HANDWRITTEN, Options, assets};
use crate::model::Matrix;

/// The embedded templates, by name (`templates/book/<name>`). A file of the
/// same name in `--templates DIR` replaces one.
pub const DEFAULT_TEMPLATES: &[(&str, &str)] = &[
    (
        "SUMMARY.md.tera",
        include_str!("../../templates/book/SUMMARY.md.tera"),
    ),
    (
        "components.md.tera",
        include_str!("../../templates/book/components.md.tera"),
    ),
    (
        "rules-table.md.tera",
        include_str!("../../templates/book/rules-table.md.tera"),
    ),
    (
        "layout-table.md.tera",
        include_str!("../../templates/book/layout-table.md.tera"),
    ),
    (
        "findings.md.tera",
        include_str!("../../templates/book/findings.md.tera"),
    ),
    (
        "diagrams.md.tera",
        include_str!("../../templates/book/diagrams.md.tera"),
    ),
    (
        "page.md.tera",
        include_str!("../../templates/book/page.md.tera"),
    ),
    (
        "by-port.md.tera",
        include_str!("../../templates/book/by-port.md.tera"),
    ),
    (
        "by-endpoint.md.tera",
        include_str!("../../templates/book/by-endpoint.md.tera"),
    ),
    (
        "locale-sync.md.tera",
        include_str!("../../templates/book/locale-sync.md.tera"),
    ),
    (
        "switcher.md.tera",
        include_str!("../../templates/book/switcher.md.tera"),
    ),
    (
        "index.html.tera",
        include_str!("../../templates/book/index.html.tera"),
    ),
    (
        "rules-index.md.tera",
        include_str!("../../templates/book/rules-index.md.tera"),
    ),
    (
        "parts-index.md.tera",
        include_str!("../../templates/book/parts-index.md.tera"),
    ),
    (
        "volume.md.tera",
        include_str!("../../templates/book/volume.md.tera"),
    ),
    (
        "volume-SUMMARY.md.tera",
        include_str!("../../templates/book/volume-SUMMARY.md.tera"),
    ),
    (
        "portmatrix.css.tera",
        include_str!("../../templates/book/portmatrix.css.tera"),
    ),
];

/// `book.toml` of each book: written by portmatrix from this struct, never
/// from a template, so that nothing a `--templates` folder holds can set
/// `[preprocessor.*] command` or `[output.*] command` (mdBook runs those) or
/// turn the `{{#include}}` preprocessor back on. Fields in the order
/// `toml` writes them (sorted), so the file is the same as it always was.
#[derive(Serialize)]
struct BookToml<'a> {
    book: BookSection<'a>,
    build: BuildSection,
    output: OutputSection,
}

#[derive(Serialize)]
struct BookSection<'a> {
    authors: [&'static str; 1],
    description: &'a str,
    language: &'a str,
    src: &'static str,
    title: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct BuildSection {
    create_missing: bool,
    /// No `{{#include}}` / `{{#playground}}` expansion: chapter text is data.
    use_default_preprocessors: bool,
}

#[derive(Serialize)]
struct OutputSection {
    html: HtmlSection,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct HtmlSection {
    additional_css: [&'static str; 1],
    admonitions: bool,
    default_theme: &'static str,
    hash_files: bool,
    mathjax_support: bool,
    preferred_dark_theme: &'static str,
    /// Text from the source docs must come out literally: no curly quotes or
    /// dashes.
    smart_punctuation: bool,
    fold: Enable,
    print: Enable,
}

#[derive(Serialize)]
struct Enable {
    enable: bool,
}

/// The `book.toml` of the book in `locale` (title and description from its
/// catalog); `print`: whether mdBook makes `print.html`
/// ([`super::parts::Limits::print`]).
fn book_toml(
    locale: &str,
    title: &str,
    description: &str,
    print: bool,
) -> Result<String, BookError> {
    let config = BookToml {
        book: BookSection {
            authors: ["portmatrix"],
            description,
            language: locale,
            src: "src",
            title,
        },
        build: BuildSection {
            create_missing: false,
            use_default_preprocessors: false,
        },
        output: OutputSection {
            html: HtmlSection {
                additional_css: ["portmatrix.css"],
                admonitions: true,
                default_theme: "light",
                hash_files: false,
                mathjax_support: false,
                preferred_dark_theme: "navy",
                smart_punctuation: false,
                fold: Enable { enable: false },
                print: Enable { enable: print },
            },
        },
    };
    toml::to_string(&config).map_err(|e| BookError::MdBook(format!("book.toml: {e}")))
}

/// The rendered books, in memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// Per locale: files of the mdBook source tree, by path relative to the
    /// book root (`book.toml`, `src/SUMMARY.md`, `src/<chapter>.md`, …).
    pub books: BTreeMap<String, BTreeMap<String, Vec<u8>>>,
    /// The page that links every book (`<out>/index.html`).
    pub index_html: String,
    /// Texts shown untranslated, per locale (see [`super::translation_issues`]).
    pub untranslated: BTreeMap<String, usize>,
    /// The books' locales, in switcher order.
    pub locales: Vec<String>,
}

fn templates(opts: &Options, cats: &Arc<Catalogs>) -> Result<Tera, BookError> {
    let mut tera = Tera::new();
    // `ngettext(key="n_rules", n=5)`: an interface message with plural
    // forms, in the book's locale (the `locale` variable), `{n}` filled.
    let plural_cats = Arc::clone(cats);
    tera.register_function(
        "ngettext",
        move |kwargs: tera::Kwargs, state: &tera::State| -> tera::TeraResult<String> {
            let key: String = kwargs.must_get::<String>("key")?;
            let n: i64 = kwargs.must_get::<i64>("n")?;
            let locale: String = state.get::<String>("locale")?.unwrap_or_default();
            plural_cats
                .ui_plural(&locale, &key, n.max(0).unsigned_abs())
                .ok_or_else(|| {
                    tera::Error::message(format!(
                        "ngettext: `{key}` is not an interface message with plural forms"
                    ))
                })
        },
    );

    tera.set_escape_fn(super::escape::tera_escape);
    tera.autoescape_on([".md.tera", ".html.tera"]);
    tera.register_filter("toml", |s: &str, _: tera::Kwargs, _: &tera::State| {
        serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string())
    });
    let mut sources: BTreeMap<String, String> = DEFAULT_TEMPLATES
        .iter()
        .map(|(n, s)| (n.to_string(), s.to_string()))
        .collect();
    if let Some(dir) = &opts.templates {
        let rd =
            std::fs::read_dir(dir).map_err(|e| BookError::io("read templates folder", dir, e))?;
        let mut files: Vec<_> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
        files.sort();
        for p in files {
            let Some(name) = p.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            if !name.ends_with(".tera") || !p.is_file() {
                continue;
            }
            if name == "book.toml.tera" {
                return Err(BookError::Template(format!(
                    "{}: book.toml is written by portmatrix, not from a template \
                     (a template that wrote it could make mdBook run commands); \
                     remove this file",
                    p.display()
                )));
            }
            if !sources.contains_key(name) {
                return Err(BookError::Template(format!(
                    "{}: no template of this name to replace (known: {})",
                    p.display(),
                    sources.keys().cloned().collect::<Vec<_>>().join(", ")
                )));
            }
            let text = std::fs::read_to_string(&p).map_err(|e| BookError::io("read", &p, e))?;
            sources.insert(name.to_string(), text);
        }
    }
    tera.add_raw_templates(sources.iter().map(|(n, s)| (n.as_str(), s.as_str())))
        .map_err(|e| BookError::Template(format!("template error: {}", tera_error(&e))))?;
    Ok(tera)
}

fn tera_error(e: &tera::Error) -> String {
    let mut s = e.to_string();
    let mut src = std::error::Error::source(e);
    while let Some(inner) = src {
        s.push_str(": ");
        s.push_str(&inner.to_string());
        src = inner.source();
    }
    s
}

pub(super) fn render(tera: &Tera, name: &str, ctx: &Context) -> Result<String, BookError> {
    tera.render(name, ctx)
        .map_err(|e| BookError::Template(format!("rendering {name}: {}", tera_error(&e))))
}

#[derive(Serialize)]
struct LocaleLink {
    locale: String,
    /// The language's own name (`English`, `简体中文`).
    name: String,
    title: String,
    description: String,
    current: bool,
}

#[derive(Serialize)]
struct Chapter {
    file: String,
    title: String,
}

fn first_heading(md: &str) -> String {
    md.lines()
        .find_map(|l| l.strip_prefix("# "))
        .map(|s| s.trim().to_string())
        .unwrap_or_else(|| "?".to_string())
}

/// Renders the mdBook source trees of every locale of `opts`, in memory
/// ([`render_each`] hands each file over as it is rendered instead).
pub fn render_sources(m: &Matrix, opts: &Options) -> Result<Rendered, BookError> {
    let books: std::sync::Mutex<BTreeMap<String, BTreeMap<String, Vec<u8>>>> = Default::default();
    let summary = render_each(m, opts, &|locale, rel, bytes| {
        books
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry(locale.to_string())
            .or_default()
            .insert(rel.to_string(), bytes.to_vec());
        Ok(())
    })?;
    Ok(Rendered {
        books: books.into_inner().unwrap_or_else(|e| e.into_inner()),
        index_html: summary.index_html,
        untranslated: summary.untranslated,
        locales: summary.locales,
    })
}

/// What [`render_each`] rendered, besides the files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderSummary {
    /// The page that links every book (`<out>/index.html`).
    pub index_html: String,
    /// Texts shown untranslated, per locale.
    pub untranslated: BTreeMap<String, usize>,
    /// Chapters (markdown files but `SUMMARY.md`) per locale.
    pub chapters: BTreeMap<String, usize>,
    /// The books' locales, in switcher order.
    pub locales: Vec<String>,
}

/// A receiver of rendered files: `(locale, path in the book's source tree,
/// bytes)`; called from several threads.
pub type Sink<'a> = dyn Fn(&str, &str, &[u8]) -> Result<(), BookError> + Sync + 'a;

/// Renders the mdBook source trees of every locale of `opts` and hands each
/// file to `sink` as soon as it is rendered (the chapters of the pages in
/// parallel), so that a caller that writes them holds no book in memory.
/// The files are those of [`render_sources`], byte for byte. Diagrams whose
/// bytes are `None` are left out (they are in place already).
pub fn render_each(
    m: &Matrix,
    opts: &Options,
    sink: &Sink<'_>,
) -> Result<RenderSummary, BookError> {
    use rayon::prelude::*;
    let cats = Arc::new(opts.load_catalogs()?);
    let tera = templates(opts, &cats)?;
    let locales = opts.book_locales(m, &cats)?;
    for l in &locales {
        // A locale names folders of the output: only a language tag.
        if !crate::filename::is_locale_tag(l) {
            return Err(BookError::InvalidLocale(format!(
                "invalid locale {l:?}: not a BCP 47 language tag such as en-US or zh-CN"
            )));
        }
    }
    let assets = assets(m);
    let index = view::Index::new(&opts.findings, &opts.diagrams);
    let link = |l: &str, current: &str| -> LocaleLink {
        let ui = cats.ui_for(l);
        let g = |k: &str| ui.get(k).cloned().unwrap_or_default();
        LocaleLink {
            locale: l.to_string(),
            name: crate::names::language_name(l),
            title: g("book_title"),
            description: g("book_description"),
            current: l == current,
        }
    };
    let mut rendered = RenderSummary {
        index_html: String::new(),
        untranslated: BTreeMap::new(),
        chapters: BTreeMap::new(),
        locales: Vec::new(),
    };
    for l in &locales {
        let ui = cats.ui_for(l);
        let b = Builder {
            locale: l,
            cats: &cats,
            ui: &ui,
            index: &index,
        };
        // The pages' views with their rows are made a chunk at a time, each
        // chunk dropped once used: the views of every row of a large tree,
        // held at once, were most of the books' memory. A first pass makes
        // only each page's entry (every chapter's context lists them all).
        let pages: Vec<PageEntry> = assets.par_iter().map(|a| b.entry(a)).collect();
        let chunk = opts.limits.volume_chapters.max(1);
        let mut base = Context::new();
        base.insert("locale", l);
        base.insert("t", &ui);
        base.insert(
            "locales",
            &locales.iter().map(|x| link(x, l)).collect::<Vec<_>>(),
        );
        base.insert(
            "generator",
            concat!("portmatrix ", env!("CARGO_PKG_VERSION")),
        );
        // Every chapter's context lists the pages without their rows (a
        // chapter that needs a page's rows gets that page as `page`): tera
        // copies what a context holds into values of its own, and the rows
        // of every page, in a context every chapter shares, took three times
        // the memory of the pages themselves (188 MB for 1,000 pages).
        base.insert("pages", &pages);
        // The hand-written chapters, translated through the catalog.
        let own: Vec<(&str, String)> = HANDWRITTEN
            .iter()
            .map(|(f, s)| (*f, cats.chapter(l, s)))
            .collect();
        let handwritten: Vec<Chapter> = own
            .iter()
            .map(|(f, s)| Chapter {
                file: f.to_string(),
                title: first_heading(s),
            })
            .collect();
        base.insert("handwritten", &handwritten);

        let put = |rel: &str, bytes: &[u8]| sink(l, rel, bytes);
        let t = |k: &str| ui.get(k).map(String::as_str).unwrap_or_default();
        let print = opts.limits.print(pages.len());
        put(
            "book.toml",
            book_toml(l, t("book_title"), t("book_description"), print)?.as_bytes(),
        )?;
        let css = render(&tera, "portmatrix.css.tera", &base)?;
        put("portmatrix.css", css.as_bytes())?;
        // A chapter with the switcher on top.
        let compose = |file: &str, body: &str| -> Result<String, BookError> {
            let mut ctx = base.clone();
            ctx.insert("chapter", file);
            ctx.insert("chapter_html", &file.replace(".md", ".html"));
            let switcher = render(&tera, "switcher.md.tera", &ctx)?;
            Ok(format!("{switcher}\n{body}"))
        };
        // A chapter of the main book, written at once.
        let chapter = |file: &str, body: &str| -> Result<(), BookError> {
            put(&format!("src/{file}"), compose(file, body)?.as_bytes())
        };
        // A book of many pages keeps them, and the parts of its cross-cutting
        // chapters, in volumes (see `super::volumes`).
        let split = opts.limits.volumes(pages.len());
        let volume_toml = book_toml(l, t("book_title"), t("book_description"), false)?;
        let close = |dir: &str, chapters: &[VolumeChapter]| -> Result<(), BookError> {
            put(&format!("{dir}/book.toml"), volume_toml.as_bytes())?;
            // The stylesheet its book.toml names (its HTML links the main
            // book's copy, beside it once moved).
            put(&format!("{dir}/portmatrix.css"), css.as_bytes())?;
            let mut ctx = base.clone();
            ctx.insert("chapters", chapters);
            put(
                &format!("{dir}/src/SUMMARY.md"),
                render(&tera, "volume-SUMMARY.md.tera", &ctx)?.as_bytes(),
            )
        };
        // A part of a cross-cutting chapter: in a volume of its own section,
        // or in the main book.
        let part = |section: &Section<'_>, file: &str, title: &str, body: &str| {
            if split {
                section
                    .push(file, title, compose(file, body)?.as_bytes())
                    .map(|_| ())
            } else {
                chapter(file, body)
            }
        };
        let mut count = own.len() + pages.len();
        for (i, (f, s)) in own.iter().enumerate() {
            // The introduction says when the book has no print version.
            if i == 0 && !print {
                chapter(f, &format!("{s}{}", print_note(&ui, &opts.limits)))?;
            } else {
                chapter(f, s)?;
            }
        }
        let page_chapter = |p: &PageView| -> Result<String, BookError> {
            let mut ctx = base.clone();
            ctx.insert("page", p);
            compose(&p.entry.chapter, &render(&tera, "page.md.tera", &ctx)?)
        };
        // Where each diagram goes: `src/diagrams` of the main book, or of the
        // volume that shows it.
        let mut diagram_dirs: BTreeMap<String, String> = BTreeMap::new();
        let mut volume_links: Vec<Chapter> = Vec::new();
        if split {
            let section = Section::new("pages", opts.limits, &put, &close);
            // Rendered in parallel a volume's worth at a time, written in
            // order: the volumes are the same whatever the threads.
            for assets in assets.chunks(chunk) {
                let views = page_views(&b, assets);
                let texts: Vec<String> = views
                    .par_iter()
                    .map(page_chapter)
                    .collect::<Result<_, _>>()?;
                for (p, text) in views.iter().zip(texts) {
                    let dir =
                        section.push(&p.entry.chapter, &p.entry.title.text, text.as_bytes())?;
                    for d in &p.diagrams {
                        if let Some(name) = d.src.strip_prefix("diagrams/") {
                            diagram_dirs.insert(name.to_string(), dir.clone());
                        }
                    }
                }
            }
            let mut first = 0;
            let volumes = section.finish()?;
            count += volumes.len();
            for (k, v) in volumes.iter().enumerate() {
                let held = &pages[first..first + v.chapters];
                let title = volume_text(
                    &ui,
                    "volume_title",
                    first + 1,
                    first + v.chapters,
                    pages.len(),
                    &opts.limits,
                );
                let mut ctx = base.clone();
                ctx.insert("title", &title);
                ctx.insert(
                    "note",
                    &volume_text(
                        &ui,
                        "volume_note",
                        first + 1,
                        first + v.chapters,
                        pages.len(),
                        &opts.limits,
                    ),
                );
                ctx.insert(
                    "chapters",
                    &held
                        .iter()
                        .map(|p| VolumePage {
                            html: p.chapter.replace(".md", ".html"),
                            title: &p.title,
                        })
                        .collect::<Vec<_>>(),
                );
                let file = super::parts::part_file("pages", k + 1);
                chapter(&file, &render(&tera, "volume.md.tera", &ctx)?)?;
                volume_links.push(Chapter { file, title });
                first += v.chapters;
            }
        } else {
            for assets in assets.chunks(chunk) {
                let views = page_views(&b, assets);
                views.par_iter().try_for_each(|p| {
                    put(
                        &format!("src/{}", p.entry.chapter),
                        page_chapter(p)?.as_bytes(),
                    )
                })?;
            }
        }
        let untranslated = pages.iter().map(|p| p.untranslated_count).sum();
        rendered.untranslated.insert(l.clone(), untranslated);

        // The cross-cutting chapters, each whole or in bounded parts.
        // Row views made for one part at a time.
        let views = |refs: &[view::RowRef]| b.rows(&assets, refs);
        let ports = view::by_port(l, &assets);
        let section = Section::new("by-port", opts.limits, &put, &close);
        let by_port_parts = split_chapter(
            &tera,
            &base,
            &ui,
            &chapter,
            &|f, title, body| part(&section, f, title, body),
            &Split {
                stem: "by-port",
                template: "by-port.md.tera",
                title: t("chapter_by_port"),
                intro: t("by_port_intro"),
                summary: String::new(),
                entries_label: t("by_port_index"),
            },
            &ports.iter().map(|g| g.rows.len()).collect::<Vec<_>>(),
            opts.limits.max_rows,
            &|ctx, p| {
                let groups: Vec<_> = p.iter().map(|x| ports[x.group].piece(x, &views)).collect();
                ctx.insert("groups", &groups);
            },
            &|g| ports[g].label.clone(),
            Some(&|g| ports[g].anchor.clone()),
        )?;
        section.finish()?;
        drop(ports);
        let endpoints = view::by_endpoint(l, &assets);
        let section = Section::new("by-endpoint", opts.limits, &put, &close);
        let by_endpoint_parts = split_chapter(
            &tera,
            &base,
            &ui,
            &chapter,
            &|f, title, body| part(&section, f, title, body),
            &Split {
                stem: "by-endpoint",
                template: "by-endpoint.md.tera",
                title: t("chapter_by_endpoint"),
                intro: t("by_endpoint_intro"),
                summary: String::new(),
                entries_label: "",
            },
            &endpoints.iter().map(|g| g.len()).collect::<Vec<_>>(),
            opts.limits.max_rows,
            &|ctx, p| {
                let groups: Vec<_> = p
                    .iter()
                    .map(|x| endpoints[x.group].piece(x, &views))
                    .collect();
                ctx.insert("groups", &groups);
            },
            &|g| endpoints[g].name.clone(),
            Some(&|g| endpoints[g].anchor.clone()),
        )?;
        section.finish()?;
        drop(endpoints);
        let sync = view::sync(l, &locales, &assets, &pages, &cats, &ui);
        let in_sync = |v: &mut dyn Iterator<Item = &view::SyncPage>| {
            v.filter(|s| s.status == "in_sync").count()
        };
        let summary = cats
            .ui_plural(l, "sync_summary", sync.len() as u64)
            .unwrap_or_default()
            .replace("{in_sync}", &in_sync(&mut sync.iter()).to_string());
        let section = Section::new("locale-sync", opts.limits, &put, &close);
        let sync_parts = split_chapter(
            &tera,
            &base,
            &ui,
            &chapter,
            &|f, title, body| part(&section, f, title, body),
            &Split {
                stem: "locale-sync",
                template: "locale-sync.md.tera",
                title: t("chapter_sync"),
                intro: t("sync_intro"),
                summary,
                entries_label: "",
            },
            &vec![1; sync.len()],
            opts.limits.max_sync_pages,
            &|ctx, p| {
                let part: Vec<&view::SyncPage> = p.iter().map(|x| &sync[x.group]).collect();
                ctx.insert("sync", &part);
                ctx.insert("in_sync", &in_sync(&mut part.iter().copied()));
            },
            &|g| sync[g].title.text.clone(),
            None,
        )?;
        section.finish()?;
        drop(sync);
        count += 3 + by_port_parts.len() + by_endpoint_parts.len() + sync_parts.len();
        rendered.chapters.insert(l.clone(), count);
        let mut ctx = base.clone();
        // A book of volumes lists the volumes, not the chapters they hold.
        ctx.insert("volumes", &volume_links);
        if split {
            let none: &[super::cross::PartLink] = &[];
            ctx.insert("by_port_parts", none);
            ctx.insert("by_endpoint_parts", none);
            ctx.insert("sync_parts", none);
        } else {
            ctx.insert("by_port_parts", &by_port_parts);
            ctx.insert("by_endpoint_parts", &by_endpoint_parts);
            ctx.insert("sync_parts", &sync_parts);
        }
        put(
            "src/SUMMARY.md",
            render(&tera, "SUMMARY.md.tera", &ctx)?.as_bytes(),
        )?;
        for d in &opts.diagrams {
            if d.locale
                .as_deref()
                .is_none_or(|x| x.eq_ignore_ascii_case(l))
            {
                // A name of crate::filename (letters and digits of any
                // script, `-`, `_`, `.`): never a path, never hidden.
                let safe = d
                    .file_name
                    .chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_'));
                if !safe || d.file_name.starts_with(['.', '-']) || d.file_name.len() > 200 {
                    return Err(BookError::new(format!(
                        "diagram file name {:?} is not a plain file name",
                        d.file_name
                    )));
                }
                if let Some(bytes) = &d.bytes {
                    let dir = diagram_dirs
                        .get(d.file_name.as_str())
                        .map_or("", String::as_str);
                    let sep = if dir.is_empty() { "" } else { "/" };
                    put(&format!("{dir}{sep}src/diagrams/{}", d.file_name), bytes)?;
                }
            }
        }
    }
    let first = locales.first().cloned().unwrap_or_default();
    let mut ctx = Context::new();
    ctx.insert("locale", &first);
    ctx.insert("t", &cats.ui_for(&first));
    ctx.insert(
        "locales",
        &locales.iter().map(|x| link(x, "")).collect::<Vec<_>>(),
    );
    ctx.insert(
        "generator",
        concat!("portmatrix ", env!("CARGO_PKG_VERSION")),
    );
    rendered.index_html = render(&tera, "index.html.tera", &ctx)?;
    rendered.locales = locales;
    Ok(rendered)
}

/// A page listed in the index chapter of its volume.
#[derive(Serialize)]
struct VolumePage<'a> {
    html: String,
    title: &'a crate::book::view::Text,
}

/// The UI message `key` (`volume_title`, `volume_note`) with `{first}`,
/// `{last}`, `{count}` and `{max}` filled.
fn volume_text(
    ui: &BTreeMap<String, String>,
    key: &str,
    first: usize,
    last: usize,
    count: usize,
    limits: &super::parts::Limits,
) -> String {
    ui.get(key)
        .map(String::as_str)
        .unwrap_or_default()
        .replace("{first}", &first.to_string())
        .replace("{last}", &last.to_string())
        .replace("{count}", &count.to_string())
        .replace("{max}", &limits.volume_chapters.to_string())
}

/// The views of the pages of `assets`, made in parallel, in order.
///
/// In debug builds (the tests) each view's entry is checked against the
/// entry made alone ([`Builder::entry`], which the context every chapter
/// shares lists): the two count the untranslated texts each their own way.
fn page_views(b: &Builder<'_>, assets: &[super::Asset<'_>]) -> Vec<PageView> {
    use rayon::prelude::*;
    assets
        .par_iter()
        .map(|a| {
            let view = b.page(a);
            debug_assert!(view.entry == b.entry(a), "{}", view.entry.path);
            view
        })
        .collect()
}
