//! PNGs rasterized once: a content-addressed cache of the diagrams' PNGs.
//!
//! Rasterizing an SVG (resvg) is the slowest step of drawing a page, about
//! 40 ms of CPU per image, while laying a page out and writing its SVG takes
//! about one. A PNG is a function of its SVG's bytes, the scale and the
//! fonts, so the cache names each PNG by the SHA-256 of those
//! (`<hex>.png`): a rebuild whose pages did not change rasterizes nothing,
//! and a page that changed gets new PNGs because its SVGs did.
//!
//! The cache lives in the output folder, `<out>/.portmatrix-cache/png/`.
//! Output folders are built in a staging folder and swapped in whole
//! ([`crate::output::Staging`]), so the cache is read from the folder being
//! replaced (`previous`) and the entries this run uses are linked into the
//! staging folder (`dir`): the new tree holds exactly the PNGs it uses, and
//! stale entries go away with the old tree. A run without PNGs carries the
//! whole cache over ([`PngCache::keep_previous`]) so that the next run with
//! PNGs still finds it.
//!
//! Entries are written to a temporary file and renamed into place, so a
//! killed run never leaves half a PNG under a name that promises a whole
//! one. The PNG files of the output are hard links to their entries (no
//! copy; where links are not possible, a copy).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use sha2::{Digest, Sha256};

use super::WriteError;
use crate::diagram::png::{PngError, PngRenderer};

/// The cache folder inside an output folder.
pub const CACHE_DIR: &str = ".portmatrix-cache/png";

/// The scale every diagram PNG is rendered at (2x, for crisp text).
pub const PNG_SCALE: f32 = 2.0;

/// Rasterizes SVGs through the cache; see the module docs. Shared by the
/// threads that draw pages (`Sync`).
pub struct PngCache {
    renderer: PngRenderer,
    /// Hashed before every SVG: the format of the key, the crate version
    /// (resvg's and the drawing code's), the scale and the fonts.
    salt: String,
    previous: Option<PathBuf>,
    dir: PathBuf,
    rasterized: AtomicUsize,
    reused: AtomicUsize,
    /// One cell per entry of this run: the first thread to ask for an SVG
    /// makes its entry, the others wait for it, so that two pages drawing
    /// the same SVG rasterize it once and the counts do not depend on the
    /// threads.
    entries: Mutex<HashMap<String, Arc<OnceLock<Made>>>>,
}

/// How an entry came to be: `Ok(Ok(()))` in place, `Ok(Err(_))` no PNG can
/// be made, `Err(_)` it could not be written (the error's kind and text:
/// `io::Error` is not `Clone`).
type Made = Result<Result<(), PngError>, (PathBuf, std::io::ErrorKind, String)>;

/// How many PNGs a run rasterized and how many it took from the cache.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PngCounts {
    /// Rendered by resvg in this run.
    pub rasterized: usize,
    /// Found in the cache (this run's or the previous tree's).
    pub reused: usize,
}

impl PngCache {
    /// A cache whose entries are read from `previous` (the cache folder of
    /// the output being replaced, if it has one) and written to `dir` (the
    /// cache folder of the folder being built). Loads the system fonts.
    pub fn new(previous: Option<PathBuf>, dir: PathBuf) -> PngCache {
        let renderer = PngRenderer::new();
        let salt = format!(
            "portmatrix png cache 1\n{}\nscale {PNG_SCALE}\n{}\n",
            env!("CARGO_PKG_VERSION"),
            renderer.fonts_fingerprint()
        );
        PngCache {
            renderer,
            salt,
            previous: previous.filter(|p| p.is_dir()),
            dir,
            rasterized: AtomicUsize::new(0),
            reused: AtomicUsize::new(0),
            entries: Mutex::new(HashMap::new()),
        }
    }

    /// The cache of the output folder `out` being rebuilt in `staging`
    /// (`<out>/.portmatrix-cache/png` → `<staging>/.portmatrix-cache/png`).
    pub fn for_output(out: &Path, staging: &Path) -> PngCache {
        PngCache::new(Some(out.join(CACHE_DIR)), staging.join(CACHE_DIR))
    }

    /// The renderer (its fonts are loaded once).
    pub fn renderer(&self) -> &PngRenderer {
        &self.renderer
    }

    /// The entry's file name for `svg`: the hex SHA-256 of the salt and the
    /// SVG, `.png`.
    pub fn key(&self, svg: &str) -> String {
        let mut h = Sha256::new();
        h.update(self.salt.as_bytes());
        h.update(svg.as_bytes());
        let digest = h.finalize();
        let mut name = String::with_capacity(68);
        for b in digest.iter() {
            name.push_str(&format!("{b:02x}"));
        }
        name.push_str(".png");
        name
    }

    /// Puts the PNG of `svg` at `target`: from this run's cache, from the
    /// previous tree's, or rasterized now (and cached). The outer error is
    /// a file that cannot be written; the inner one says why no PNG can be
    /// made (no font for a character), in which case nothing is written.
    pub fn write_png(&self, svg: &str, target: &Path) -> Result<Result<(), PngError>, WriteError> {
        let name = self.key(svg);
        let entry = self.dir.join(&name);
        let cell = Arc::clone(
            self.entries
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .entry(name.clone())
                .or_default(),
        );
        let mut rendered = false;
        let made = cell.get_or_init(|| {
            let failed = |e: WriteError| (e.path, e.source.kind(), e.source.to_string());
            std::fs::create_dir_all(&self.dir)
                .map_err(|e| failed(WriteError::new(&self.dir, e)))?;
            let found = self
                .previous
                .as_ref()
                .map(|p| p.join(&name))
                .is_some_and(|old| link(&old, &entry).is_ok());
            if found {
                return Ok(Ok(()));
            }
            let bytes = match self.renderer.render(svg, PNG_SCALE) {
                Ok(b) => b,
                Err(e) => return Ok(Err(e)),
            };
            rendered = true;
            write_entry(&self.dir, &entry, &bytes).map_err(failed)?;
            Ok(Ok(()))
        });
        match made {
            Err((path, kind, text)) => {
                return Err(WriteError::new(
                    path,
                    std::io::Error::new(*kind, text.clone()),
                ));
            }
            Ok(Err(e)) => return Ok(Err(e.clone())),
            Ok(Ok(())) => {}
        }
        if rendered {
            self.rasterized.fetch_add(1, Ordering::Relaxed);
        } else {
            self.reused.fetch_add(1, Ordering::Relaxed);
        }
        if let Some(d) = target.parent() {
            std::fs::create_dir_all(d).map_err(|e| WriteError::new(d, e))?;
        }
        link_or_copy(&entry, target).map_err(|e| WriteError::new(target, e))?;
        Ok(Ok(()))
    }

    /// [`keep_previous`](Self::keep_previous) for a run writing `out`
    /// through the folder `staging` (the arguments of
    /// [`for_output`](Self::for_output)): `out`'s cache into `staging`'s.
    pub fn keep_previous_for_output(out: &Path, staging: &Path) -> Result<usize, WriteError> {
        PngCache::keep_previous(&out.join(CACHE_DIR), &staging.join(CACHE_DIR))
    }

    /// The line a command prints after a run with PNGs:
    /// `png: N rasterized, M from the cache (OUT/.portmatrix-cache/png)`.
    pub fn summary(&self, out: &Path) -> String {
        let n = self.counts();
        format!(
            "png: {} rasterized, {} from the cache ({})",
            n.rasterized,
            n.reused,
            out.join(CACHE_DIR).display()
        )
    }

    /// A run that makes no PNGs: links every entry of the previous cache
    /// into this run's, so that the next run with PNGs finds them. Returns
    /// how many.
    pub fn keep_previous(previous: &Path, dir: &Path) -> Result<usize, WriteError> {
        let Ok(entries) = std::fs::read_dir(previous) else {
            return Ok(0);
        };
        let mut n = 0;
        for e in entries.flatten() {
            let name = e.file_name();
            if !name.to_string_lossy().ends_with(".png") {
                continue;
            }
            std::fs::create_dir_all(dir).map_err(|e| WriteError::new(dir, e))?;
            let to = dir.join(&name);
            link(&e.path(), &to).map_err(|e| WriteError::new(&to, e))?;
            n += 1;
        }
        Ok(n)
    }

    /// What this run did so far.
    pub fn counts(&self) -> PngCounts {
        PngCounts {
            rasterized: self.rasterized.load(Ordering::Relaxed),
            reused: self.reused.load(Ordering::Relaxed),
        }
    }
}

/// Writes a cache entry whole: a temporary file in the cache folder, renamed
/// over `entry` (two threads drawing the same SVG both succeed; one rename
/// wins, with the same bytes).
fn write_entry(dir: &Path, entry: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    use std::io::Write;
    let mut tmp = tempfile::Builder::new()
        .prefix(".tmp-")
        .tempfile_in(dir)
        .map_err(|e| WriteError::new(dir, e))?;
    tmp.write_all(bytes)
        .map_err(|e| WriteError::new(entry, e))?;
    tmp.persist(entry)
        .map_err(|e| WriteError::new(entry, e.error))?;
    Ok(())
}

/// A hard link from `from` to `to`; `to` already there (another thread
/// linked the same entry) is success. The previous tree and the staging
/// folder are on one file system (the staging folder is swapped in by a
/// rename), so a cache entry is only ever linked, never copied: a copy
/// could be cut short.
fn link(from: &Path, to: &Path) -> std::io::Result<()> {
    match std::fs::hard_link(from, to) {
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        r => r,
    }
}

/// A hard link, or a copy where links are not possible (an output file
/// that is not a cache entry: the staging folder is all or nothing).
fn link_or_copy(from: &Path, to: &Path) -> std::io::Result<()> {
    match link(from, to) {
        Ok(()) => Ok(()),
        Err(_) => std::fs::copy(from, to).map(|_| ()),
    }
}
