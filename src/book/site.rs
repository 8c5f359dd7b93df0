//! Building the HTML books with mdBook (as a library) and putting them in
//! place whole (staging folders, see [`crate::output::staging`]).

use std::path::{Path, PathBuf};
use std::str::FromStr;

use mdbook_driver::MDBook;
use mdbook_driver::config::Config;

use super::render::{RenderSummary, render_each};
use super::{BookError, Options};
use crate::model::Matrix;

/// One built book.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuiltBook {
    /// The book's locale.
    pub locale: String,
    /// `<out>/<locale>/index.html`.
    pub index: PathBuf,
    /// Chapters (markdown files) in the source tree.
    pub chapters: usize,
    /// Texts shown untranslated.
    pub untranslated: usize,
}

/// What [`build`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// `<out>/index.html`.
    pub index: PathBuf,
    /// The mdBook source trees (`<out>/_sources` or `<out>-src`).
    pub sources: PathBuf,
    /// Each book built.
    pub books: Vec<BuiltBook>,
}

fn io(what: &'static str, p: &Path, e: std::io::Error) -> BookError {
    BookError::io(what, p, e)
}

fn output(e: crate::output::OutputError) -> BookError {
    BookError::Output(e)
}

/// Writes `bytes` at `path` inside a folder being built (a staging folder of
/// ours: no temporary file needed).
fn put(path: &Path, bytes: &[u8]) -> Result<(), BookError> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| io("create", dir, e))?;
    }
    std::fs::write(path, bytes).map_err(|e| io("write", path, e))
}

/// Renders the source trees, builds every book with mdBook and puts the
/// result in place: `opts.out` (HTML) and `opts.sources_dir()` (sources) are
/// each built in a staging folder and swapped in whole ([`crate::output::Staging`]:
/// locked, with a manifest; files portmatrix did not write are kept). Nothing
/// under the output folders changes unless everything succeeded.
///
/// When the sources are a folder of their own (the default `<out>-src`), it is
/// swapped in just before the HTML: a process killed between the two swaps
/// leaves new sources beside the old HTML. Put the sources inside `out`
/// (`opts.sources = Some(out.join("_sources"))`, as `portmatrix book` does), or
/// both folders inside one staging folder ([`build_into`], as `portmatrix
/// build` does), for one swap.
pub fn build(m: &Matrix, opts: &Options) -> Result<Report, BookError> {
    let src_target = opts.sources_dir();
    let html = crate::output::Staging::begin(&opts.out, &[]).map_err(output)?;
    let inside = crate::output::resolve(&src_target)
        .map_err(output)?
        .strip_prefix(html.out())
        .ok()
        .map(Path::to_path_buf);
    let (src, src_dir) = match &inside {
        Some(rel) => (None, html.dir().join(rel)),
        None => {
            let s = crate::output::Staging::begin(&src_target, &[]).map_err(output)?;
            let d = s.dir().to_path_buf();
            (Some(s), d)
        }
    };
    let report = write_books(m, opts, html.dir(), &src_dir, &|_| {})?;
    if let Some(src) = src {
        src.commit().map_err(output)?;
    }
    html.commit().map_err(output)?;
    Ok(report)
}

/// Renders and builds the books into `html_dir` (HTML) and `src_dir`
/// (sources), folders that the caller owns and puts in place (for example
/// inside a [`crate::output::Staging`] folder). The report names the final
/// places, `opts.out` and `opts.sources_dir()`.
pub fn build_into(
    m: &Matrix,
    opts: &Options,
    html_dir: &Path,
    src_dir: &Path,
) -> Result<Report, BookError> {
    write_books(m, opts, html_dir, src_dir, &|_| {})
}

/// [`build_into`], calling `built` with each book's locale when mdBook has
/// built it (a progress display).
pub fn build_into_with(
    m: &Matrix,
    opts: &Options,
    html_dir: &Path,
    src_dir: &Path,
    built: &dyn Fn(&str),
) -> Result<Report, BookError> {
    write_books(m, opts, html_dir, src_dir, built)
}

/// Renders the source trees straight to disk (each file as it is rendered:
/// no book is held in memory), then builds each book with mdBook.
fn write_books(
    m: &Matrix,
    opts: &Options,
    html_dir: &Path,
    src_dir: &Path,
    built: &dyn Fn(&str),
) -> Result<Report, BookError> {
    let rendered: RenderSummary = render_each(m, opts, &|locale, rel, bytes| {
        put(&src_dir.join(locale).join(rel), bytes)
    })?;
    let out = opts.out.clone();
    std::fs::create_dir_all(html_dir).map_err(|e| io("create", html_dir, e))?;
    // mdBook resolves the build folder against the book root: make it absolute.
    let html_dir = std::fs::canonicalize(html_dir).map_err(|e| io("resolve", html_dir, e))?;
    let mut books = Vec::new();
    // In the order the books were listed before (by locale).
    let mut locales = rendered.locales.clone();
    locales.sort();
    for locale in &locales {
        let root = src_dir.join(locale);
        let toml_path = root.join("book.toml");
        let config_text =
            std::fs::read_to_string(&toml_path).map_err(|e| io("read", &toml_path, e))?;
        let mut config = Config::from_str(&config_text)
            .map_err(|e| BookError::MdBook(format!("{locale}/book.toml: {e:#}")))?;
        let book_html = html_dir.join(locale);
        config
            .set("build.build-dir", book_html.to_string_lossy().as_ref())
            .map_err(|e| BookError::MdBook(format!("{e:#}")))?;
        let book = MDBook::load_with_config(&root, config).map_err(|e| {
            BookError::MdBook(format!("mdBook cannot load the {locale} book: {e:#}"))
        })?;
        book.build().map_err(|e| {
            BookError::MdBook(format!("mdBook cannot build the {locale} book: {e:#}"))
        })?;
        drop(book);
        build_volumes(&root, &book_html, locale)?;
        built(locale);
        books.push(BuiltBook {
            locale: locale.clone(),
            index: out.join(locale).join("index.html"),
            chapters: rendered.chapters.get(locale).copied().unwrap_or(0),
            untranslated: rendered.untranslated.get(locale).copied().unwrap_or(0),
        });
    }
    put(&html_dir.join("index.html"), rendered.index_html.as_bytes())?;
    // Order the books as the switcher lists them.
    let order = &rendered.locales;
    books.sort_by_key(|b| {
        order
            .iter()
            .position(|l| l == &b.locale)
            .unwrap_or(usize::MAX)
    });
    Ok(Report {
        index: out.join("index.html"),
        sources: opts.sources_dir(),
        books,
    })
}

/// Builds the volumes of a book of volumes (`<root>/volumes/*`, see
/// [`super::volumes`]), a few at a time, and moves each volume's own files
/// (its chapters' HTML, its diagrams) into the book's HTML folder
/// `book_html`: mdBook's theme files, table of contents and 404 page are the
/// main book's, so a chapter of a volume shows the main book's table of
/// contents and every link it holds works as in a book of one piece.
fn build_volumes(root: &Path, book_html: &Path, locale: &str) -> Result<(), BookError> {
    use rayon::prelude::*;
    let dir = root.join(super::volumes::VOLUMES_DIR);
    if !dir.is_dir() {
        return Ok(());
    }
    let mut volumes: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| io("read", &dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("book.toml").is_file())
        .collect();
    volumes.sort();
    volumes
        .par_iter()
        .try_for_each(|v| build_volume(v, book_html, locale))
}

fn build_volume(root: &Path, book_html: &Path, locale: &str) -> Result<(), BookError> {
    let name = root
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // Built beside the book's chapters (the same file system: the moves
    // below are renames), in a folder of its own.
    let tmp = book_html.join(format!(".volume-{name}"));
    let toml_path = root.join("book.toml");
    let text = std::fs::read_to_string(&toml_path).map_err(|e| io("read", &toml_path, e))?;
    let mut config = Config::from_str(&text)
        .map_err(|e| BookError::MdBook(format!("{locale}/volumes/{name}/book.toml: {e:#}")))?;
    config
        .set("build.build-dir", tmp.to_string_lossy().as_ref())
        .map_err(|e| BookError::MdBook(format!("{e:#}")))?;
    let what = format!("the {locale} book's volume {name}");
    MDBook::load_with_config(root, config)
        .map_err(|e| BookError::MdBook(format!("mdBook cannot load {what}: {e:#}")))?
        .build()
        .map_err(|e| BookError::MdBook(format!("mdBook cannot build {what}: {e:#}")))?;
    let src = root.join("src");
    let mut files = Vec::new();
    own_files(&src, Path::new(""), &mut files)?;
    for rel in files {
        let out = if rel.extension().is_some_and(|x| x == "md") {
            rel.with_extension("html")
        } else {
            rel
        };
        let to = book_html.join(&out);
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent).map_err(|e| io("create", parent, e))?;
        }
        let from = tmp.join(&out);
        std::fs::rename(&from, &to).map_err(|e| io("move", &from, e))?;
    }
    std::fs::remove_dir_all(&tmp).map_err(|e| io("remove", &tmp, e))
}

/// The files of a volume's source folder `dir` (below `rel`) that make its
/// output: every file but `SUMMARY.md`.
fn own_files(dir: &Path, rel: &Path, out: &mut Vec<PathBuf>) -> Result<(), BookError> {
    let here = dir.join(rel);
    let mut entries: Vec<_> = std::fs::read_dir(&here)
        .map_err(|e| io("read", &here, e))?
        .filter_map(|e| e.ok())
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let r = rel.join(e.file_name());
        let kind = e.file_type().map_err(|err| io("read", &e.path(), err))?;
        if kind.is_dir() {
            own_files(dir, &r, out)?;
        } else if r != Path::new("SUMMARY.md") {
            out.push(r);
        }
    }
    Ok(())
}
