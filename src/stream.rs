//! `portmatrix json` for large trees: parse and write page by page.
//!
//! [`write_json`] produces exactly the bytes of [`crate::json::to_json`] of
//! [`crate::parse::parse_sources`] (a test checks it) without holding the
//! whole matrix: files are parsed in chunks on rayon's pool, in order, and
//! each chunk is serialized while the next one is parsed. Only the
//! diagnostics (small) are kept until the end, where they are written after
//! the pages, as in the document. Peak memory is then about two chunks of
//! pages, whatever the size of the tree, plus the English editions that
//! pages of other locales are typed by ([`crate::parse::align`]): when the
//! trees hold a page's English edition and another edition of it (as their
//! front matter, read first, says), that English page is parsed first and
//! kept to the end.
//!
//! ```
//! let dir = tempfile::tempdir().unwrap();
//! // An empty docs tree streams an empty document.
//! let source = portmatrix::parse::Source::new(dir.path());
//! let mut out = Vec::new();
//! let summary = portmatrix::stream::write_json(&[source], false, &mut out).unwrap();
//! assert_eq!((summary.pages, summary.rules), (0, 0));
//! assert!(String::from_utf8(out).unwrap().starts_with("{\n  \"schema_version\": 2,"));
//! ```

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use rayon::prelude::*;
use serde::Serialize;
use serde::ser::SerializeSeq;

use crate::diag::Diagnostic;
use crate::json::SCHEMA_VERSION;
use crate::model::Page;
use crate::parse::align::Pending;
use crate::parse::vocab::Vocabs;
use crate::parse::{
    Duplicates, Registry, Source, discover, no_pages, parse_file_in, parse_file_pending,
    tells_something,
};

/// Pages parsed per chunk (per thread of the pool). Small, so that writing
/// one chunk overlaps parsing the next even on small trees.
const CHUNK_PER_THREAD: usize = 8;

/// What [`write_json`] wrote and found.
#[derive(Debug, Default)]
pub struct Summary {
    /// Pages written.
    pub pages: usize,
    /// Tables written.
    pub tables: usize,
    /// Rules written.
    pub rules: usize,
    /// Every diagnostic, in document order (also written in the JSON).
    pub diagnostics: Vec<Diagnostic>,
}

impl Summary {
    /// Whether any page had an error (the CLI then exits 2).
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Parses `sources` and writes the JSON document into `w`.
/// With `keep_going`, the pages that have errors are left out (as
/// `--keep-going` does); otherwise every page is written. The caller decides
/// what to do with the output when [`Summary::has_errors`].
pub fn write_json(
    sources: &[Source],
    keep_going: bool,
    w: impl std::io::Write,
) -> std::io::Result<Summary> {
    let state = RefCell::new(State {
        keep_going,
        summary: Summary::default(),
        late: Vec::new(),
        duplicates: Duplicates::default(),
    });
    let doc = Doc {
        schema_version: SCHEMA_VERSION,
        generator: format!("portmatrix {}", env!("CARGO_PKG_VERSION")),
        pages: Pages {
            sources,
            state: &state,
        },
        diagnostics: Diags { state: &state },
    };
    // Buffered here: the serializer's small writes stay copies into a buffer.
    let mut w = std::io::BufWriter::with_capacity(1 << 16, w);
    serde_json::to_writer_pretty(&mut w, &doc).map_err(std::io::Error::other)?;
    std::io::Write::write_all(&mut w, b"\n")?;
    std::io::Write::flush(&mut w)?;
    drop(doc);
    Ok(state.into_inner().summary)
}

struct State {
    keep_going: bool,
    summary: Summary,
    /// Cross-page diagnostics, written after all the pages' own.
    late: Vec<Diagnostic>,
    duplicates: Duplicates,
}

/// Same fields, names and order as [`crate::json::Document`].
#[derive(Serialize)]
struct Doc<'a> {
    schema_version: u32,
    generator: String,
    pages: Pages<'a>,
    diagnostics: Diags<'a>,
}

struct Pages<'a> {
    sources: &'a [Source],
    state: &'a RefCell<State>,
}

struct Diags<'a> {
    state: &'a RefCell<State>,
}

/// One file parsed: its page, if any, and its diagnostics.
type Parsed1 = (Option<Page>, Vec<Diagnostic>);
/// A file of a chunk parsed, with the tables alignment may read again.
type Parsed = Vec<(Option<Page>, Vec<Diagnostic>, Pending)>;
/// Files parsed ahead of the stream, by job index.
type Kept = HashMap<usize, Parsed1>;

/// Parses a chunk of files, the first of which is job `first`; the jobs in
/// `kept` were parsed already (they give an empty placeholder).
fn parse_chunk(
    jobs: &[(usize, PathBuf)],
    first: usize,
    kept: &Kept,
    sources: &[Source],
    vocabs: &Vocabs,
) -> Parsed {
    jobs.par_iter()
        .enumerate()
        .map(|(i, (s, f))| {
            if kept.contains_key(&(first + i)) {
                (None, Vec::new(), Pending::default())
            } else {
                let r = parse_file_pending(&sources[*s], f, vocabs);
                (r.page, r.diags, r.pending)
            }
        })
        .collect()
}

/// The English editions that other pages of the input are typed by: every
/// file in the source language whose asset id some page of another locale
/// shares (front matter only), parsed now and kept by job index; and for
/// each such asset id (lower case) the job of its first English page, the
/// page [`crate::parse::align::type_by_alignment`] takes.
fn english_editions(
    jobs: &[(usize, PathBuf)],
    sources: &[Source],
    vocabs: &Vocabs,
) -> (Kept, HashMap<String, usize>) {
    let registry = vocabs.registry();
    let ids: Vec<Option<(String, String)>> = jobs
        .par_iter()
        .map(|(s, f)| crate::parse::align::identity(&sources[*s], f))
        .collect();
    let mut others: HashSet<&str> = HashSet::new();
    let mut english: Vec<usize> = Vec::new();
    for (i, id) in ids.iter().enumerate() {
        let Some((asset, locale)) = id else { continue };
        if registry.is_source_language(locale) {
            english.push(i);
        } else {
            others.insert(asset);
        }
    }
    english.retain(|&i| {
        ids[i]
            .as_ref()
            .is_some_and(|(a, _)| others.contains(a.as_str()))
    });
    let parsed: Vec<(usize, Parsed1)> = english
        .par_iter()
        .map(|&i| (i, parse_file_in(&sources[jobs[i].0], &jobs[i].1, vocabs)))
        .collect();
    let mut first: HashMap<String, usize> = HashMap::new();
    for (i, (page, _)) in &parsed {
        if let Some(p) = page
            && registry.is_source_language(&p.locale)
        {
            first.entry(p.asset_id.to_ascii_lowercase()).or_insert(*i);
        }
    }
    (parsed.into_iter().collect(), first)
}

impl Serialize for Pages<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // Every file of every tree, in parse_sources' order; a tree's own
        // diagnostics come before its pages' (empty trees included).
        let mut jobs: Vec<(usize, PathBuf)> = Vec::new();
        let mut tree_diags: Vec<(usize, Vec<Diagnostic>)> = Vec::new();
        // Per tree: its file count and whether anything in it told the user
        // something (`no_pages` otherwise, as parse_sources does).
        let mut said: Vec<(usize, bool)> = Vec::new();
        for (i, source) in self.sources.iter().enumerate() {
            let (files, d) = discover(source);
            said.push((files.len(), tells_something(None, &d)));
            tree_diags.push((jobs.len(), d));
            jobs.extend(files.into_iter().map(|f| (i, f)));
        }
        let chunk = CHUNK_PER_THREAD * rayon::current_num_threads().max(1);
        let chunks: Vec<&[(usize, PathBuf)]> = jobs.chunks(chunk).collect();
        // The words of the process's locale registry (`--i18n`).
        let registry = crate::names::registry();
        let owned;
        let vocabs = if std::ptr::eq(registry, Registry::embedded()) {
            Vocabs::embedded()
        } else {
            owned = Vocabs::new(registry);
            &owned
        };

        let (kept, english) = english_editions(&jobs, self.sources, vocabs);
        let kept = &kept;

        let mut seq = serializer.serialize_seq(None)?;
        let mut next_tree = tree_diags.into_iter().peekable();
        let mut index = 0usize;
        let mut current = chunks
            .first()
            .map(|c| parse_chunk(c, 0, kept, self.sources, vocabs))
            .unwrap_or_default();
        for k in 0..chunks.len().max(1) {
            let mut next: Option<Parsed> = None;
            let mut result = Ok(());
            rayon::in_place_scope(|scope| {
                if let Some(c) = chunks.get(k + 1) {
                    let sources = self.sources;
                    let next = &mut next;
                    let first = (k + 1) * chunk;
                    scope
                        .spawn(move |_| *next = Some(parse_chunk(c, first, kept, sources, vocabs)));
                }
                for (page, mut diags, pending) in current.drain(..) {
                    while let Some((_, d)) = next_tree.next_if(|(at, _)| *at <= index) {
                        self.state.borrow_mut().summary.diagnostics.extend(d);
                    }
                    let job = index;
                    index += 1;
                    // An English edition parsed ahead, or a page typed by one.
                    let mut page = page.map(Cow::Owned);
                    if let Some((p, d)) = kept.get(&job) {
                        page = p.as_ref().map(Cow::Borrowed);
                        diags = d.clone();
                    } else if let Some(Cow::Owned(p)) = &mut page
                        && let Some(e) = english.get(&p.asset_id.to_ascii_lowercase())
                        && let Some(Some(en)) = kept.get(e).map(|(p, _)| p)
                        && !vocabs.registry().is_source_language(&p.locale)
                    {
                        crate::parse::align::type_page_pending(p, &mut diags, &pending, en, vocabs);
                    }
                    said[jobs[job].0].1 |= tells_something(page.as_deref(), &diags);
                    let mut st = self.state.borrow_mut();
                    let failed = diags.iter().any(Diagnostic::is_error);
                    st.summary.diagnostics.extend(diags);
                    let Some(page) = page else { continue };
                    if let Some(d) = st.duplicates.check(&page) {
                        st.late.push(d);
                    }
                    if failed && st.keep_going {
                        continue;
                    }
                    st.summary.pages += 1;
                    st.summary.tables += page.tables.len();
                    st.summary.rules += page.tables.iter().map(|t| t.rules.len()).sum::<usize>();
                    drop(st);
                    if let Err(e) = seq.serialize_element(page.as_ref()) {
                        result = Err(e);
                        return;
                    }
                }
            });
            result?;
            current = next.unwrap_or_default();
        }
        // Trees after the last file (empty or unreadable ones).
        for (_, d) in next_tree {
            self.state.borrow_mut().summary.diagnostics.extend(d);
        }
        let mut st = self.state.borrow_mut();
        for (source, (files, said)) in self.sources.iter().zip(said) {
            if !said && source.root.is_dir() {
                st.summary.diagnostics.push(no_pages(source, files));
            }
        }
        let late = std::mem::take(&mut st.late);
        st.summary.diagnostics.extend(late);
        drop(st);
        seq.end()
    }
}

impl Serialize for Diags<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.state
            .borrow()
            .summary
            .diagnostics
            .serialize(serializer)
    }
}
