//! Books that use the mdBook preprocessor, built as `mdbook build` builds
//! them, with the `mdbook-portmatrix` of this build.

use std::path::{Path, PathBuf};

use mdbook_driver::MDBook;
use mdbook_preprocessor::config::Config;

use super::SEED_FILE;

/// The preprocessor under the name mdBook runs.
pub const PLUGIN: &str = env!("CARGO_BIN_EXE_mdbook-portmatrix");

/// Builds the book at `root` as `mdbook build` does (`MDBook::load`, then
/// `build`), with `command` set to the built `mdbook-portmatrix`: mdBook
/// runs it as an external command. `Err` has mdBook's error chain.
pub fn build(root: &Path) -> Result<(), String> {
    let mut config = Config::from_disk(root.join("book.toml")).unwrap();
    config
        .set("preprocessor.portmatrix.command", PLUGIN)
        .unwrap();
    let book = MDBook::load_with_config(root, config).map_err(|e| format!("{e:#}"))?;
    book.build().map_err(|e| format!("{e:#}"))
}

/// A zh-CN book (titled `title`) over one page, `page` (the seed's text
/// with something changed, saved under the seed's file name in
/// `<tmp>/docs/zh-CN/`), with one chapter `<tmp>/book/src/<file>.md` that
/// says `chapter`. Returns the temporary folder and the book's root.
pub fn book_over_page(
    page: &str,
    title: &str,
    file: &str,
    chapter: &str,
) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs/zh-CN");
    std::fs::create_dir_all(&docs).unwrap();
    std::fs::write(docs.join(SEED_FILE), page).unwrap();
    let root = tmp.path().join("book");
    std::fs::create_dir_all(root.join("src")).unwrap();
    std::fs::write(
        root.join("book.toml"),
        format!("[book]\ntitle = \"{title}\"\nlanguage = \"zh-CN\"\n[preprocessor.portmatrix]\nsource-docs = [\"../docs\"]\n"),
    )
    .unwrap();
    std::fs::write(
        root.join("src/SUMMARY.md"),
        format!("[{title}]({file}.md)\n"),
    )
    .unwrap();
    std::fs::write(root.join(format!("src/{file}.md")), chapter).unwrap();
    (tmp, root)
}
