//! Building the HTML books with mdBook (as a library) and putting them in
//! place atomically.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use mdbook_driver::MDBook;
use mdbook_driver::config::Config;

use super::{BookError, Options, render_sources};
use crate::model::Matrix;

/// One built book.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuiltBook {
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
    pub sources: PathBuf,
    pub books: Vec<BuiltBook>,
}

fn io(what: &str, p: &Path, e: std::io::Error) -> BookError {
    BookError::new(format!("cannot {what} {}: {e}", p.display()))
}

/// A fresh temporary folder beside `target` (same file system, so it can be
/// renamed into place).
fn temp_beside(target: &Path, tag: &str) -> Result<PathBuf, BookError> {
    let parent = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(|e| io("create", &parent, e))?;
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "book".into());
    let tmp = parent.join(format!(".{name}.{tag}.{}", std::process::id()));
    if tmp.exists() {
        std::fs::remove_dir_all(&tmp).map_err(|e| io("remove", &tmp, e))?;
    }
    std::fs::create_dir_all(&tmp).map_err(|e| io("create", &tmp, e))?;
    Ok(tmp)
}

/// Replaces `target` by `fresh`: the old tree is moved aside, the new one
/// renamed into place, the old one removed. If the rename fails the old tree
/// is put back.
fn swap_into_place(fresh: &Path, target: &Path) -> Result<(), BookError> {
    let old = if target.exists() {
        let aside = temp_beside(target, "old")?;
        std::fs::remove_dir(&aside).map_err(|e| io("remove", &aside, e))?;
        std::fs::rename(target, &aside).map_err(|e| io("move aside", target, e))?;
        Some(aside)
    } else {
        None
    };
    if let Err(e) = std::fs::rename(fresh, target) {
        if let Some(old) = &old {
            let _ = std::fs::rename(old, target);
        }
        return Err(io("move into place", target, e));
    }
    if let Some(old) = old {
        let _ = std::fs::remove_dir_all(old);
    }
    Ok(())
}

/// Renders the source trees, builds every book with mdBook and moves the
/// result into `opts.out` (HTML) and `opts.sources_dir()` (sources). Nothing
/// under the output folders changes unless everything succeeded.
pub fn build(m: &Matrix, opts: &Options) -> Result<Report, BookError> {
    let rendered = render_sources(m, opts)?;
    let out = opts.out.clone();
    let src_target = opts.sources_dir();
    let html_tmp = temp_beside(&out, "tmp")?;
    let src_tmp = match temp_beside(&src_target, "tmp") {
        Ok(t) => t,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&html_tmp);
            return Err(e);
        }
    };
    let result = (|| {
        // mdBook resolves the build folder against the book root: make it absolute.
        let html_tmp = std::fs::canonicalize(&html_tmp).map_err(|e| io("resolve", &html_tmp, e))?;
        let mut books = Vec::new();
        for (locale, files) in &rendered.books {
            let root = src_tmp.join(locale);
            for (rel, bytes) in files {
                let p = root.join(rel);
                crate::output::write_atomic(&p, bytes).map_err(|e| io("write", &p, e))?;
            }
            let config_text = String::from_utf8_lossy(&files["book.toml"]).into_owned();
            let mut config = Config::from_str(&config_text)
                .map_err(|e| BookError::new(format!("{locale}/book.toml: {e:#}")))?;
            let html_dir = html_tmp.join(locale);
            config
                .set("build.build-dir", html_dir.to_string_lossy().as_ref())
                .map_err(|e| BookError::new(format!("{e:#}")))?;
            let book = MDBook::load_with_config(&root, config).map_err(|e| {
                BookError::new(format!("mdBook cannot load the {locale} book: {e:#}"))
            })?;
            book.build().map_err(|e| {
                BookError::new(format!("mdBook cannot build the {locale} book: {e:#}"))
            })?;
            books.push(BuiltBook {
                locale: locale.clone(),
                index: out.join(locale).join("index.html"),
                chapters: files
                    .keys()
                    .filter(|k| k.ends_with(".md") && *k != "src/SUMMARY.md")
                    .count(),
                untranslated: rendered.untranslated.get(locale).copied().unwrap_or(0),
            });
        }
        let index = html_tmp.join("index.html");
        crate::output::write_atomic(&index, rendered.index_html.as_bytes())
            .map_err(|e| io("write", &index, e))?;
        Ok::<_, BookError>(books)
    })();
    let books = match result {
        Ok(b) => b,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&html_tmp);
            let _ = std::fs::remove_dir_all(&src_tmp);
            return Err(e);
        }
    };
    swap_into_place(&src_tmp, &src_target)?;
    swap_into_place(&html_tmp, &out)?;
    // Order the books as the options list them.
    let order = opts.locales();
    let mut books = books;
    books.sort_by_key(|b| {
        order
            .iter()
            .position(|l| l == &b.locale)
            .unwrap_or(usize::MAX)
    });
    Ok(Report {
        index: out.join("index.html"),
        sources: src_target,
        books,
    })
}
