//! Bounded chapters: a cross-cutting chapter (rules by port, by endpoint, the
//! locale sync table) holds a row for every rule or page of the tree, so on a
//! large tree it would grow without bound, and mdBook holds every chapter
//! (and `print.html`, every chapter in one page) in memory while it renders
//! the book. Above [`MAX_ROWS`] rows such a chapter becomes an index chapter
//! whose parts, each of at most [`MAX_ROWS`] rows, are its sub-chapters.
//!
//! The plan depends only on the groups' sizes, so the books are the same for
//! the same input. A tree under the limits (the corpus) keeps one chapter of
//! each kind, as before.

use std::ops::Range;

/// Most rule rows one chapter of "Rules by port" or "Rules by endpoint"
/// shows (about 1 KB of HTML a row: a part is at most about 2 MB). The
/// corpus's largest (by endpoint, en-US) has about 800: it stays whole.
pub const MAX_ROWS: usize = 2_000;

/// Most pages one chapter of "Locale sync status" lists.
pub const MAX_SYNC_PAGES: usize = 500;

/// Most page chapters a book may have and still get `print.html` (every
/// chapter in one page, which mdBook builds in memory): above it the book
/// has no print version and its introduction says so.
pub const PRINT_MAX_PAGES: usize = 100;

/// Most page chapters a book holds itself: a book of more pages is a book
/// of volumes ([`crate::book`]'s `volumes` module): each volume, an mdBook
/// book of its own, holds at most this many page chapters (or parts of a
/// cross-cutting chapter), and the main book links them. mdBook's work per
/// chapter grows with the chapters of its book (it copies the table of
/// contents for each) and it holds a whole book in memory while it renders
/// it: volumes keep both bounded whatever the tree.
pub const VOLUME_CHAPTERS: usize = 100;

/// Most bytes of markdown one volume holds (a volume is closed before a
/// chapter that would take it over, so a chapter larger than this is a
/// volume of its own). mdBook peaks at about 9 times its book's markdown,
/// and two volumes are built at a time on two cores: with 8 MiB the volumes
/// of parts (0.9 MB each) took the build of 1,000 synthetic pages from
/// 150 MB to 309 MB; with 2 MiB, to 212 MB, in the same time.
pub const VOLUME_BYTES: usize = 2 << 20;

/// The bounds a book is split by ([`crate::book::Options::limits`]); the
/// default is the constants of this module. Smaller ones split a small tree
/// (tests do).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Most rows of a chapter by port or by endpoint ([`MAX_ROWS`]).
    pub max_rows: usize,
    /// Most pages of a chapter of the locale sync ([`MAX_SYNC_PAGES`]).
    pub max_sync_pages: usize,
    /// Most page chapters of a book with `print.html` ([`PRINT_MAX_PAGES`]).
    pub print_max_pages: usize,
    /// Most chapters of a volume, and most page chapters of a book that is
    /// not split into volumes ([`VOLUME_CHAPTERS`]).
    pub volume_chapters: usize,
    /// Most bytes of markdown of a volume ([`VOLUME_BYTES`]).
    pub volume_bytes: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_rows: MAX_ROWS,
            max_sync_pages: MAX_SYNC_PAGES,
            print_max_pages: PRINT_MAX_PAGES,
            volume_chapters: VOLUME_CHAPTERS,
            volume_bytes: VOLUME_BYTES,
        }
    }
}

impl Limits {
    /// Whether a book of `pages` page chapters gets `print.html` (never a
    /// book of volumes: its main book holds no page).
    pub fn print(&self, pages: usize) -> bool {
        pages <= self.print_max_pages && !self.volumes(pages)
    }

    /// Whether a book of `pages` page chapters is a book of volumes.
    pub fn volumes(&self, pages: usize) -> bool {
        pages > self.volume_chapters
    }
}

/// The rows of one group that go into one part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// The group's index in the list planned.
    pub group: usize,
    /// Its rows in this part (all of them unless the group is bigger than
    /// a part).
    pub rows: Range<usize>,
}

impl Piece {
    /// Not the group's first piece: the rows before are in the part before.
    pub fn continued(&self) -> bool {
        self.rows.start > 0
    }
}

/// The parts of a chapter whose groups have `sizes` rows, each of at most
/// `max` rows (`max` ≥ 1), groups in order. One part with every group whole
/// when they fit in `max` rows together (the chapter is not split). A group
/// is never cut when it fits in a part of its own: the part being filled is
/// closed first; a group bigger than `max` is cut, filling the part being
/// filled and then parts of its own. An empty group is a piece of no rows
/// (its heading still shows).
pub fn plan(sizes: &[usize], max: usize) -> Vec<Vec<Piece>> {
    let max = max.max(1);
    let mut parts: Vec<Vec<Piece>> = Vec::new();
    let mut part: Vec<Piece> = Vec::new();
    let mut room = max;
    for (group, &size) in sizes.iter().enumerate() {
        if size == 0 {
            part.push(Piece { group, rows: 0..0 });
            continue;
        }
        if size <= max && size > room && !part.is_empty() {
            parts.push(std::mem::take(&mut part));
            room = max;
        }
        let mut at = 0;
        while at < size {
            let take = room.min(size - at);
            part.push(Piece {
                group,
                rows: at..at + take,
            });
            at += take;
            room -= take;
            if room == 0 {
                parts.push(std::mem::take(&mut part));
                room = max;
            }
        }
    }
    if !part.is_empty() || parts.is_empty() {
        parts.push(part);
    }
    parts
}

/// The file of part `n` (1-based) of the chapter `stem` (`by-port_2.md`).
/// Page chapters are named from letters, digits and `-` only
/// ([`crate::filename::sanitize`]), so a `_` never meets one.
pub fn part_file(stem: &str, n: usize) -> String {
    format!("{stem}_{n}.md")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(parts: &[Vec<Piece>]) -> Vec<Vec<(usize, usize, usize)>> {
        parts
            .iter()
            .map(|p| {
                p.iter()
                    .map(|x| (x.group, x.rows.start, x.rows.end))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn groups_that_fit_stay_one_chapter() {
        assert_eq!(
            shape(&plan(&[3, 4, 0, 3], 10)),
            [[(0, 0, 3), (1, 0, 4), (2, 0, 0), (3, 0, 3)]]
        );
        assert_eq!(plan(&[], 10).len(), 1);
    }

    #[test]
    fn a_group_that_fits_a_part_is_never_cut() {
        assert_eq!(
            shape(&plan(&[6, 6, 3, 1], 10)),
            [vec![(0, 0, 6)], vec![(1, 0, 6), (2, 0, 3), (3, 0, 1)]]
        );
    }

    #[test]
    fn a_big_group_fills_parts_of_its_own() {
        let parts = plan(&[2, 25, 4], 10);
        assert_eq!(
            shape(&parts),
            [
                vec![(0, 0, 2), (1, 0, 8)],
                vec![(1, 8, 18)],
                vec![(1, 18, 25)],
                vec![(2, 0, 4)]
            ]
        );
        assert!(!parts[0][1].continued() && parts[1][0].continued());
    }

    #[test]
    fn every_part_is_bounded_and_every_row_is_somewhere_once() {
        let sizes = [1, 9, 10, 11, 0, 37, 2, 2, 2, 19];
        for max in 1..=12 {
            let parts = plan(&sizes, max);
            let mut seen = vec![0usize; sizes.len()];
            for p in &parts {
                assert!(p.iter().map(|x| x.rows.len()).sum::<usize>() <= max);
                for x in p {
                    assert_eq!(x.rows.start, seen[x.group], "in order, no gap");
                    seen[x.group] = x.rows.end;
                }
            }
            assert_eq!(seen, sizes);
        }
    }

    #[test]
    fn print_is_for_small_books() {
        let l = Limits::default();
        assert!(l.print(PRINT_MAX_PAGES));
        assert!(!l.print(PRINT_MAX_PAGES + 1));
        assert_eq!(part_file("by-port", 3), "by-port_3.md");
    }
}
