//! A synthetic corpus for benchmarks: N pages made from the real ones, each
//! with its own asset id, its table rows shuffled, some rows repeated or
//! dropped, and some single ports changed. Deterministic for a seed.
//!
//! Shared by `benches/parse.rs` and `examples/synth.rs` (which writes the
//! pages to disk for `benches/scaling.sh`).

use std::path::{Path, PathBuf};

/// A small deterministic PRNG (splitmix64): no dependency, same pages on
/// every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }

    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.range(0, i as u64) as usize;
            v.swap(i, j);
        }
    }
}

/// A real page: its locale folder and its text.
pub struct Real {
    pub locale: String,
    pub name: String,
    pub text: String,
}

/// The pages to build from: `$PORTMATRIX_CORPUS/{en-US,zh-CN}/*.md` when the
/// variable is set, else the crate's own `source-docs/` (the embedded default).
pub fn real_pages() -> (Vec<Real>, String) {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (root, what) = match std::env::var_os("PORTMATRIX_CORPUS") {
        Some(c) if !c.is_empty() => (PathBuf::from(c), "PORTMATRIX_CORPUS"),
        _ => (manifest.join("source-docs"), "source-docs"),
    };
    let mut pages = Vec::new();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    for dir in dirs {
        let locale = dir.file_name().unwrap().to_string_lossy().into_owned();
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .collect();
        files.sort();
        for f in files {
            let text =
                std::fs::read_to_string(&f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
            let name = f.file_stem().unwrap().to_string_lossy().into_owned();
            pages.push(Real {
                locale: locale.clone(),
                name,
                text,
            });
        }
    }
    (pages, format!("{what} ({})", root.display()))
}

/// One synthetic page: where to put it (`en-US/name-00042.md`) and its text.
pub struct Synth {
    pub rel: String,
    pub text: String,
}

/// `n` pages from `real`, round robin, varied by `seed`.
pub fn generate(real: &[Real], n: usize, seed: u64) -> Vec<Synth> {
    let mut rng = Rng::new(seed);
    (0..n)
        .map(|i| {
            let r = &real[i % real.len()];
            Synth {
                rel: format!("{}/{}-{i:05}.md", r.locale, r.name),
                text: vary(&r.text, &mut rng),
            }
        })
        .collect()
}

fn uuid(rng: &mut Rng) -> String {
    let a = rng.next();
    let b = rng.next();
    format!(
        "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xfff,
        0x8000 | (b >> 48) & 0x3fff,
        b & 0xffff_ffff_ffff
    )
}

/// The page with a new asset id and every table body's rows varied.
fn vary(text: &str, rng: &mut Rng) -> String {
    let mut out = String::with_capacity(text.len() + 256);
    let mut rest = text;
    // New asset id.
    if let Some(pos) = rest.find("ms:assetid:") {
        let end = rest[pos..].find('\n').map_or(rest.len(), |e| pos + e);
        out.push_str(&rest[..pos]);
        out.push_str("ms:assetid: ");
        out.push_str(&uuid(rng));
        rest = &rest[end..];
    }
    // Each <tbody>: shuffle, repeat, drop and change rows.
    while let Some(open) = rest.find("<tbody>") {
        let Some(close) = rest[open..].find("</tbody>").map(|c| open + c) else {
            break;
        };
        let body_start = open + "<tbody>".len();
        out.push_str(&rest[..body_start]);
        out.push_str(&vary_rows(&rest[body_start..close], rng));
        rest = &rest[close..];
    }
    out.push_str(rest);
    out
}

fn vary_rows(body: &str, rng: &mut Rng) -> String {
    // Split into `<tr …>…</tr>` blocks; anything else is kept in front.
    let mut rows: Vec<&str> = Vec::new();
    let mut rest = body;
    let mut lead = "";
    while let Some(s) = rest.find("<tr") {
        let Some(e) = rest[s..].find("</tr>").map(|e| s + e + "</tr>".len()) else {
            break;
        };
        if rows.is_empty() {
            lead = &rest[..s];
        }
        rows.push(&rest[s..e]);
        rest = &rest[e..];
    }
    if rows.is_empty() {
        return body.to_string();
    }
    let mut picked: Vec<String> = Vec::with_capacity(rows.len() + 2);
    for r in &rows {
        match rng.range(0, 9) {
            0 if rows.len() > 1 => {} // dropped
            1 => {
                picked.push(r.to_string());
                picked.push(change_port(r, rng));
            }
            2..=4 => picked.push(change_port(r, rng)),
            _ => picked.push(r.to_string()),
        }
    }
    if picked.is_empty() {
        picked.push(rows[0].to_string());
    }
    rng.shuffle(&mut picked);
    let mut s = String::with_capacity(body.len() + 128);
    s.push_str(lead);
    for r in picked {
        s.push_str(&r);
        s.push('\n');
    }
    s.push_str(rest.trim_start_matches('\n'));
    s
}

/// Replaces the last number of the row's first cell with another port of as
/// many digits, when that cell holds a single port (no range).
fn change_port(row: &str, rng: &mut Rng) -> String {
    let Some(td) = row.find("<td") else {
        return row.to_string();
    };
    let Some(end) = row[td..].find("</td>").map(|e| td + e) else {
        return row.to_string();
    };
    let cell = &row[td..end];
    if cell.contains(['-', '–', '~', '至', '到']) {
        return row.to_string();
    }
    let bytes = cell.as_bytes();
    let Some(last) = bytes.iter().rposition(|b| b.is_ascii_digit()) else {
        return row.to_string();
    };
    let first = bytes[..last]
        .iter()
        .rposition(|b| !b.is_ascii_digit())
        .map_or(0, |p| p + 1);
    let digits = (last + 1 - first) as u32;
    let lo = 10u64.pow(digits - 1).max(1);
    let hi = (10u64.pow(digits) - 1).min(65535);
    if lo > hi {
        return row.to_string();
    }
    let port = rng.range(lo, hi);
    format!("{}{port}{}", &row[..td + first], &row[td + last + 1..])
}
