//! Where pages come from: a [`Source`] (a docs tree), the files of a tree
//! ([`discover`]) and how they are named in paths and diagnostics
//! ([`display_path`]). A stage of its own so that reading the file system
//! (special files, output folders, symlinks) stays apart from parsing.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::diag::{Code, Diagnostic, Severity};

/// A docs tree to read, and how to name its files in paths and diagnostics.
#[derive(Debug, Clone)]
pub struct Source {
    /// The folder to read.
    pub root: PathBuf,
    /// Prefix of every page's `path` instead of `root` (e.g. `source-docs`
    /// for the embedded default, whatever the absolute path of the checkout).
    pub display: String,
}

impl Source {
    /// A tree named by its folder's own name ([`stable_name`]): pages are
    /// `<folder name>/<path relative to root>`, however `root` is spelled
    /// (`/abs/corpus`, `corpus`, `./corpus`, `corpus/` all give `corpus/…`).
    pub fn new(root: impl Into<PathBuf>) -> Source {
        let root = root.into();
        let display = stable_name(&root);
        Source { root, display }
    }

    /// A path as this tree names it (`display/…`, see [`display_path`])
    /// spelled with `root` as it was given instead, so that a person can open
    /// the file from where the command was run; `None` when `shown` is not
    /// under this tree.
    pub fn typed_path(&self, shown: &str) -> Option<String> {
        let typed = slashes(&self.root);
        let rest = if self.display.is_empty() {
            shown
        } else if shown == self.display {
            return Some(typed);
        } else {
            shown.strip_prefix(&self.display)?.strip_prefix('/')?
        };
        Some(if typed.is_empty() || typed == "." {
            rest.to_string()
        } else {
            format!("{}/{rest}", typed.trim_end_matches('/'))
        })
    }
}

/// The name of the folder `root` names: its last component once resolved
/// (symbolic links followed when it exists, `.` and `..` removed), or `""`
/// for the root folder.
pub fn stable_name(root: &Path) -> String {
    let resolved = root.canonicalize().unwrap_or_else(|_| {
        let abs = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
        let mut out = PathBuf::new();
        for c in abs.components() {
            match c {
                std::path::Component::ParentDir => {
                    out.pop();
                }
                std::path::Component::CurDir => {}
                c => out.push(c),
            }
        }
        out
    });
    resolved
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn slashes(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

/// The file that marks a folder as written by portmatrix (an output folder:
/// `portmatrix::output::MANIFEST`); discovery never reads such a folder.
pub const OUTPUT_MARKER: &str = ".portmatrix-manifest";

/// Whether discovery leaves the folder `dir` out: an output folder of
/// portmatrix (it holds [`OUTPUT_MARKER`]) or a staging folder of a run in
/// progress or killed (`.<name>.portmatrix-staging.<pid>`). So an `--out`
/// inside a docs tree is never read back as pages.
pub fn is_output_folder(dir: &Path) -> bool {
    let staging = dir.file_name().is_some_and(|n| {
        let n = n.to_string_lossy();
        n.starts_with('.') && n.contains(".portmatrix-staging.")
    });
    staging || std::fs::symlink_metadata(dir.join(OUTPUT_MARKER)).is_ok_and(|m| m.is_file())
}

/// What a file that is not a regular file is, for the diagnostic that skips
/// it (`None` for a regular file).
pub(crate) fn special_kind(meta: &std::fs::Metadata) -> Option<&'static str> {
    let ft = meta.file_type();
    if ft.is_file() || ft.is_dir() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return Some("a FIFO (named pipe)");
        }
        if ft.is_char_device() || ft.is_block_device() {
            return Some("a device");
        }
        if ft.is_socket() {
            return Some("a socket");
        }
    }
    Some("not a regular file")
}

pub(crate) fn skipped_special(shown: String, what: &str) -> Diagnostic {
    Diagnostic::new(
        Severity::Warning,
        Code::SkippedPath,
        shown,
        0,
        format!("{what}, not a page; skipped without opening it"),
    )
}

/// Every `.md` file under `root`, sorted, following directory symlinks but not
/// loops. Unreadable directories and loops become diagnostics; output folders
/// of portmatrix are left out ([`is_output_folder`]), and a FIFO, device or
/// socket named `*.md` is skipped with a warning, never opened.
pub fn discover(source: &Source) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut diags = Vec::new();
    let mut seen = HashSet::new();
    if !source.root.is_dir() {
        diags.push(Diagnostic::new(
            Severity::Error,
            Code::Io,
            source.display.clone(),
            0,
            "not a readable directory",
        ));
        return (files, diags);
    }
    walk(&source.root, source, &mut seen, &mut files, &mut diags);
    files.sort();
    (files, diags)
}

fn walk(
    dir: &Path,
    source: &Source,
    seen: &mut HashSet<PathBuf>,
    files: &mut Vec<PathBuf>,
    diags: &mut Vec<Diagnostic>,
) {
    let shown = display_path(source, dir);
    match dir.canonicalize() {
        Ok(c) => {
            if !seen.insert(c) {
                diags.push(Diagnostic::new(
                    Severity::Warning,
                    Code::SkippedPath,
                    shown,
                    0,
                    "directory already visited (symlink loop); skipped",
                ));
                return;
            }
        }
        Err(e) => {
            diags.push(Diagnostic::new(
                Severity::Error,
                Code::Io,
                shown,
                0,
                format!("cannot resolve directory: {e}"),
            ));
            return;
        }
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => {
            diags.push(Diagnostic::new(
                Severity::Error,
                Code::Io,
                shown,
                0,
                format!("cannot read directory: {e}"),
            ));
            return;
        }
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        // Follows links, opens nothing.
        let meta = std::fs::metadata(&p).ok();
        if meta.as_ref().is_some_and(|m| m.is_dir()) {
            if !is_output_folder(&p) {
                walk(&p, source, seen, files, diags);
            }
        } else if p.extension().is_some_and(|e| e.eq_ignore_ascii_case("md")) {
            match meta.as_ref().and_then(special_kind) {
                Some(what) => diags.push(skipped_special(display_path(source, &p), what)),
                None => files.push(p),
            }
        }
    }
}

/// How a file under a source is shown: the source's display prefix joined
/// with the path relative to its root.
pub fn display_path(source: &Source, path: &Path) -> String {
    match path.strip_prefix(&source.root) {
        Ok(rel) if rel.as_os_str().is_empty() => source.display.clone(),
        Ok(rel) => {
            let rel = slashes(rel);
            if source.display.is_empty() || source.display == "." {
                rel
            } else {
                format!("{}/{}", source.display.trim_end_matches('/'), rel)
            }
        }
        Err(_) => slashes(path),
    }
}
