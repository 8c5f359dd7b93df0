//! The cross-cutting chapters (rules by port, by endpoint, locale sync)
//! written whole, or, on a large tree, as an index chapter and its bounded
//! parts ([`super::parts`] plans them); and the note of a book without
//! `print.html`.

use std::collections::BTreeMap;

use serde::Serialize;
use tera::{Context, Tera};

use super::BookError;
use super::parts::{self, Piece};
use super::render::render;

/// A part of a split cross-cutting chapter, as the index chapter and the
/// table of contents list it.
#[derive(Serialize)]
pub(super) struct PartLink {
    file: String,
    html: String,
    title: String,
    /// The first and last group (or page) it holds.
    first: String,
    last: String,
}

/// What a part chapter's template receives as `part`.
#[derive(Serialize)]
struct PartView<'a> {
    title: &'a str,
    index_file: &'a str,
    index_html: String,
    index_title: &'a str,
}

/// A group linked in the part that starts it (the index chapter).
#[derive(Serialize)]
struct Entry {
    label: String,
    href: String,
}

/// `{chapter} ({n}/{count})` in the book's words.
fn part_title(ui: &BTreeMap<String, String>, chapter: &str, n: usize, count: usize) -> String {
    ui.get("chapter_part")
        .map(String::as_str)
        .unwrap_or("{chapter} ({n}/{count})")
        .replace("{chapter}", chapter)
        .replace("{n}", &n.to_string())
        .replace("{count}", &count.to_string())
}

/// The parts of the chapter `stem` planned as `plan`, each named by the
/// labels of its first and last group.
fn part_links(
    ui: &BTreeMap<String, String>,
    stem: &str,
    chapter_title: &str,
    plan: &[Vec<Piece>],
    label: &dyn Fn(usize) -> String,
) -> Vec<PartLink> {
    plan.iter()
        .enumerate()
        .map(|(k, p)| {
            let file = parts::part_file(stem, k + 1);
            PartLink {
                html: file.replace(".md", ".html"),
                title: part_title(ui, chapter_title, k + 1, plan.len()),
                first: p.first().map(|x| label(x.group)).unwrap_or_default(),
                last: p.last().map(|x| label(x.group)).unwrap_or_default(),
                file,
            }
        })
        .collect()
}

/// Every group of the chapter `stem` linked in the part that holds its
/// first rows.
fn entries(
    stem: &str,
    plan: &[Vec<Piece>],
    label: &dyn Fn(usize) -> (String, String),
) -> Vec<Entry> {
    plan.iter()
        .enumerate()
        .flat_map(|(k, p)| {
            p.iter().filter(|x| !x.continued()).map(move |x| {
                let (text, anchor) = label(x.group);
                Entry {
                    label: text,
                    href: format!(
                        "{}#{anchor}",
                        parts::part_file(stem, k + 1).replace(".md", ".html")
                    ),
                }
            })
        })
        .collect()
}

/// A cross-cutting chapter that [`split_chapter`] writes whole or in parts.
pub(super) struct Split<'a> {
    /// `by-port`: the chapter's file stem (the index when split).
    pub stem: &'a str,
    /// The chapter's template (`by-port.md.tera`), for the whole chapter
    /// and for each part.
    pub template: &'a str,
    pub title: &'a str,
    pub intro: &'a str,
    /// A line of counts under the index's intro, or empty.
    pub summary: String,
    /// The label of the index's list of groups.
    pub entries_label: &'a str,
}

/// Writes the chapter `s` with `chapter`: whole when its groups (of
/// `sizes` rows) fit in `max` rows, else as an index chapter
/// (`parts-index.md.tera`) and its parts ([`parts::plan`]). `fill` puts the
/// template's variables for a list of pieces in the context; `label` names
/// a group in the index (and `anchor`, when given, links it). Returns the
/// parts written (none when whole).
#[allow(clippy::too_many_arguments)]
pub(super) fn split_chapter(
    tera: &Tera,
    base: &Context,
    ui: &BTreeMap<String, String>,
    chapter: &dyn Fn(&str, &str) -> Result<(), BookError>,
    part: &dyn Fn(&str, &str, &str) -> Result<(), BookError>,
    s: &Split<'_>,
    sizes: &[usize],
    max: usize,
    fill: &dyn Fn(&mut Context, &[Piece]),
    label: &dyn Fn(usize) -> String,
    anchor: Option<&dyn Fn(usize) -> String>,
) -> Result<Vec<PartLink>, BookError> {
    let plan = parts::plan(sizes, max);
    let index_file = format!("{}.md", s.stem);
    if plan.len() == 1 {
        let mut ctx = base.clone();
        fill(&mut ctx, &plan[0]);
        ctx.insert("part", &None::<PartView<'_>>);
        chapter(&index_file, &render(tera, s.template, &ctx)?)?;
        return Ok(Vec::new());
    }
    let links = part_links(ui, s.stem, s.title, &plan, label);
    for (p, link) in plan.iter().zip(&links) {
        let mut ctx = base.clone();
        fill(&mut ctx, p);
        ctx.insert(
            "part",
            &Some(PartView {
                title: &link.title,
                index_file: &index_file,
                index_html: format!("{}.html", s.stem),
                index_title: s.title,
            }),
        );
        part(&link.file, &link.title, &render(tera, s.template, &ctx)?)?;
    }
    let mut ctx = base.clone();
    ctx.insert("title", s.title);
    ctx.insert("intro", s.intro);
    ctx.insert("summary", &s.summary);
    ctx.insert("parts", &links);
    ctx.insert("entries_label", s.entries_label);
    let listed = match anchor {
        Some(anchor) => entries(s.stem, &plan, &|g| (label(g), anchor(g))),
        None => Vec::new(),
    };
    ctx.insert("entries", &listed);
    chapter(&index_file, &render(tera, "parts-index.md.tera", &ctx)?)?;
    Ok(links)
}

/// The note the introduction ends with in a book without `print.html`.
pub(super) fn print_note(ui: &BTreeMap<String, String>, limits: &parts::Limits) -> String {
    let text = ui
        .get("print_off")
        .map(String::as_str)
        .unwrap_or_default()
        .replace("{pages}", &limits.print_max_pages.to_string());
    format!("\n> [!NOTE]\n> {}\n", super::escape_text(&text))
}
