//! Books of volumes: a book of more than [`Limits::volume_chapters`] pages
//! keeps its page chapters (and the parts of its cross-cutting chapters) in
//! volumes, each an mdBook book of its own in the source tree
//! (`volumes/<section>_<n>/book.toml`, `src/SUMMARY.md`, its chapters and
//! their diagrams), of at most [`Limits::volume_chapters`] chapters and
//! [`Limits::volume_bytes`] bytes of markdown. The main book links every
//! volume (an index chapter per volume of pages, the index chapter of each
//! split cross-cutting chapter), and [`super::site`] builds each volume with
//! mdBook and moves its chapters into the book's HTML folder, beside the main
//! book's: every link a chapter holds stays what it is in a book of one
//! piece.
//!
//! Why: mdBook copies the book's whole table of contents for every chapter it
//! renders, and holds every chapter of a book in memory until it has written
//! them all. On a tree of thousands of pages one book made the build grow
//! with the square of the pages and its memory with the whole book; volumes
//! make both grow with the volume, whatever the tree.

use std::sync::Mutex;

use serde::Serialize;

use super::BookError;
use super::parts::Limits;

/// The folder of the source tree that holds the volumes (`<locale>/volumes`).
pub const VOLUMES_DIR: &str = "volumes";

/// Writes a file of a book's source tree (path relative to its root).
pub(super) type Put<'a> = dyn Fn(&str, &[u8]) -> Result<(), BookError> + Sync + 'a;

/// Writes a closed volume's `book.toml` and `src/SUMMARY.md` (its folder, its
/// chapters).
pub(super) type Close<'a> = dyn Fn(&str, &[VolumeChapter]) -> Result<(), BookError> + Sync + 'a;

/// A chapter of a volume: its file (`x.md`) and its title in the table of
/// contents.
#[derive(Debug, Clone, Serialize)]
pub(super) struct VolumeChapter {
    pub file: String,
    pub title: String,
}

/// A volume closed: its folder (`volumes/pages_2`) and how many chapters it
/// holds (the chapters are consecutive: the volumes of a section hold its
/// chapters in order).
#[derive(Debug, Clone)]
pub(super) struct Volume {
    pub chapters: usize,
}

/// Writes the chapters of one section of a book (its pages, or the parts of
/// one cross-cutting chapter) into volumes, in order: a volume is closed
/// before a chapter that would take it over a bound ([`Limits`]).
pub(super) struct Section<'a> {
    stem: &'a str,
    limits: Limits,
    put: &'a Put<'a>,
    close: &'a Close<'a>,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    closed: Vec<Volume>,
    chapters: Vec<VolumeChapter>,
    bytes: usize,
}

impl<'a> Section<'a> {
    pub fn new(
        stem: &'a str,
        limits: Limits,
        put: &'a Put<'a>,
        close: &'a Close<'a>,
    ) -> Section<'a> {
        Section {
            stem,
            limits,
            put,
            close,
            state: Mutex::new(State::default()),
        }
    }

    /// `volumes/<stem>_<n>` (1-based `n`).
    fn dir(&self, n: usize) -> String {
        format!("{VOLUMES_DIR}/{}_{n}", self.stem)
    }

    /// Adds the chapter `file` (its markdown `bytes`) to the volume being
    /// filled, closing that volume first when the chapter would take it over
    /// a bound. Returns the folder of the volume that holds it.
    pub fn push(&self, file: &str, title: &str, bytes: &[u8]) -> Result<String, BookError> {
        let mut s = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let full = s.chapters.len() >= self.limits.volume_chapters.max(1)
            || s.bytes + bytes.len() > self.limits.volume_bytes;
        if full && !s.chapters.is_empty() {
            self.close_current(&mut s)?;
        }
        let dir = self.dir(s.closed.len() + 1);
        (self.put)(&format!("{dir}/src/{file}"), bytes)?;
        s.chapters.push(VolumeChapter {
            file: file.to_string(),
            title: title.to_string(),
        });
        s.bytes += bytes.len();
        Ok(dir)
    }

    fn close_current(&self, s: &mut State) -> Result<(), BookError> {
        let dir = self.dir(s.closed.len() + 1);
        (self.close)(&dir, &s.chapters)?;
        s.closed.push(Volume {
            chapters: s.chapters.len(),
        });
        s.chapters.clear();
        s.bytes = 0;
        Ok(())
    }

    /// Closes the last volume; the volumes written, in order.
    pub fn finish(self) -> Result<Vec<Volume>, BookError> {
        let mut s = self.state.lock().unwrap_or_else(|e| e.into_inner());
        if !s.chapters.is_empty() {
            self.close_current(&mut s)?;
        }
        Ok(std::mem::take(&mut s.closed))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(chapters: usize, bytes: usize) -> Limits {
        Limits {
            volume_chapters: chapters,
            volume_bytes: bytes,
            ..Limits::default()
        }
    }

    /// Which volume each chapter went to, and the volumes closed with their
    /// chapters.
    fn run(l: Limits, sizes: &[usize]) -> (Vec<String>, Vec<(String, Vec<String>)>) {
        let closed: Mutex<Vec<(String, Vec<String>)>> = Mutex::default();
        let put = |_: &str, _: &[u8]| Ok(());
        let close = |dir: &str, ch: &[VolumeChapter]| {
            closed
                .lock()
                .unwrap()
                .push((dir.to_string(), ch.iter().map(|c| c.file.clone()).collect()));
            Ok(())
        };
        let s = Section::new("pages", l, &put, &close);
        let dirs = sizes
            .iter()
            .enumerate()
            .map(|(i, &n)| s.push(&format!("p{i}.md"), "t", &vec![b'x'; n]).unwrap())
            .collect();
        let volumes = s.finish().unwrap();
        let closed = closed.into_inner().unwrap();
        assert_eq!(
            volumes.iter().map(|v| v.chapters).collect::<Vec<_>>(),
            closed.iter().map(|c| c.1.len()).collect::<Vec<_>>()
        );
        (dirs, closed)
    }

    #[test]
    fn volumes_close_at_the_chapter_bound() {
        let (dirs, closed) = run(limits(2, 1000), &[1, 1, 1, 1, 1]);
        assert_eq!(
            dirs,
            [
                "volumes/pages_1",
                "volumes/pages_1",
                "volumes/pages_2",
                "volumes/pages_2",
                "volumes/pages_3"
            ]
        );
        assert_eq!(closed.len(), 3);
        assert_eq!(
            closed[2],
            ("volumes/pages_3".to_string(), vec!["p4.md".to_string()])
        );
    }

    /// A volume is closed before the chapter that would take it over the
    /// byte bound; a chapter larger than the bound is a volume of its own.
    #[test]
    fn volumes_close_at_the_byte_bound() {
        let (dirs, _) = run(limits(100, 10), &[4, 4, 4, 30, 1]);
        assert_eq!(
            dirs,
            [
                "volumes/pages_1",
                "volumes/pages_1",
                "volumes/pages_2",
                "volumes/pages_3",
                "volumes/pages_4"
            ]
        );
    }

    #[test]
    fn no_chapter_no_volume() {
        let (dirs, closed) = run(limits(2, 10), &[]);
        assert!(dirs.is_empty() && closed.is_empty());
    }
}
