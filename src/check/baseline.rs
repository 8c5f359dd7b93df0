//! The baseline: findings that were looked at and accepted as real defects
//! of the source pages, each with its reasoning. `check-baseline.json` at the
//! crate root is the default and is embedded in the binary.
//!
//! An entry names a finding by code, page (the last two path components,
//! `en-US/<file>.md`, so it matches wherever the docs tree lives) and line
//! of its primary location, and lists the other places the same defect is
//! (`also`: the copies on other pages and editions, the other rows with
//! the same mistake). A finding matches an entry of its code when its
//! primary location is the entry's or one of its `also` places: checked
//! alone, a copy is reported on its own page and still matches. An entry of
//! a finding that involves several pages also lists them (`pages`); it
//! applies only when all of them are checked together. An entry that
//! applies but matches no finding is stale.

use serde::{Deserialize, Serialize};

use super::Finding;

/// The embedded default baseline (`check-baseline.json`).
pub const DEFAULT: &str = include_str!("../../check-baseline.json");

/// A baseline file: the accepted findings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// What the file is (free text).
    #[serde(default)]
    pub about: String,
    /// The accepted findings, one entry each.
    pub findings: Vec<Entry>,
}

/// One accepted finding, named by code, page and line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The finding's code ([`CheckCode::as_str`](super::CheckCode::as_str)).
    pub code: String,
    /// `locale/file.md` of the finding's first location.
    pub page: String,
    /// The line of the finding's first location.
    pub line: u32,
    /// For findings that involve several pages: every page involved
    /// (`locale/file.md`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pages: Vec<String>,
    /// The other places the defect is (`locale/file.md:line`): the
    /// finding's [`LocationKind::Also`](super::LocationKind::Also) locations.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<String>,
    /// Why the finding is real and accepted (a sentence).
    pub reason: String,
}

/// `a/b/zh-CN/x.md` → `zh-CN/x.md`: the page as the baseline names it.
pub fn page_key(path: &str) -> String {
    let parts: Vec<&str> = path.split(['/', '\\']).filter(|s| !s.is_empty()).collect();
    parts[parts.len().saturating_sub(2)..].join("/")
}

impl Baseline {
    /// Parses a baseline file. Errors name what is wrong.
    pub fn parse(text: &str) -> Result<Baseline, String> {
        let b: Baseline = serde_json::from_str(text).map_err(|e| e.to_string())?;
        for e in &b.findings {
            if super::CheckCode::parse(&e.code).is_none() {
                return Err(format!(
                    "unknown finding code `{}` (page {}, line {})",
                    e.code, e.page, e.line
                ));
            }
            if e.reason.trim().is_empty() {
                return Err(format!(
                    "entry {} {}:{} has no reason",
                    e.code, e.page, e.line
                ));
            }
        }
        Ok(b)
    }

    /// The embedded default.
    pub fn embedded() -> Baseline {
        Baseline::parse(DEFAULT).expect("check-baseline.json is valid (tested)")
    }

    /// An entry for a finding (with an empty reason), as `--write-baseline`
    /// style tooling would produce it.
    pub fn entry_for(f: &Finding) -> Entry {
        let mut pages: Vec<String> = Vec::new();
        for l in &f.locations {
            let k = page_key(&l.path);
            if !pages.contains(&k) {
                pages.push(k);
            }
        }
        for n in &f.notes {
            let k = page_key(&n.path);
            if !pages.contains(&k) {
                pages.push(k);
            }
        }
        pages.sort();
        if pages.len() < 2 {
            pages.clear();
        }
        Entry {
            code: f.code.as_str().to_string(),
            page: page_key(f.path()),
            line: f.line(),
            pages,
            also: f
                .defect_locations()
                .skip(1)
                .map(|l| format!("{}:{}", page_key(&l.path), l.line))
                .collect(),
            reason: String::new(),
        }
    }

    /// Whether `e` names the finding `f`: the same code, and `f`'s primary
    /// location is the entry's or one of its `also` places.
    fn names(e: &Entry, f: &Finding) -> bool {
        if e.code != f.code.as_str() {
            return false;
        }
        let page = page_key(f.path());
        (e.page == page && e.line == f.line()) || e.also.contains(&format!("{page}:{}", f.line()))
    }

    /// Splits findings into known (baselined) and new, and lists the
    /// entries that apply to the checked pages but match nothing.
    /// `checked_pages` are the paths of every page that was checked.
    pub fn compare<'a, 'f>(
        &'a self,
        findings: &'f [Finding],
        checked_pages: &[&str],
    ) -> Comparison<'a, 'f> {
        let checked: Vec<String> = checked_pages.iter().map(|p| page_key(p)).collect();
        let applies =
            |e: &Entry| checked.contains(&e.page) && e.pages.iter().all(|p| checked.contains(p));
        let mut used = vec![false; self.findings.len()];
        let mut cmp = Comparison {
            known: Vec::new(),
            new: Vec::new(),
            stale: Vec::new(),
        };
        for f in findings {
            // The entry of its primary location first, then one that lists
            // it among the copies.
            let hit = self
                .findings
                .iter()
                .enumerate()
                .filter(|(_, e)| Baseline::names(e, f))
                .min_by_key(|(i, e)| {
                    (e.page != page_key(f.path()) || e.line != f.line(), used[*i])
                });
            match hit {
                Some((i, e)) => {
                    used[i] = true;
                    cmp.known.push((f, e));
                }
                None => cmp.new.push(f),
            }
        }
        for (i, e) in self.findings.iter().enumerate() {
            if !used[i] && applies(e) {
                cmp.stale.push(e);
            }
        }
        cmp
    }
}

/// Findings against a baseline.
#[derive(Debug)]
pub struct Comparison<'a, 'f> {
    /// Findings in the baseline, with their entry.
    pub known: Vec<(&'f Finding, &'a Entry)>,
    /// Findings not in the baseline.
    pub new: Vec<&'f Finding>,
    /// Entries that apply to the checked pages but match no finding.
    pub stale: Vec<&'a Entry>,
}

impl Comparison<'_, '_> {
    /// Exit status 0: nothing new and nothing stale.
    pub fn is_clean(&self) -> bool {
        self.new.is_empty() && self.stale.is_empty()
    }

    /// The baseline entry of a finding, if it is known.
    pub fn entry(&self, f: &Finding) -> Option<&Entry> {
        self.known
            .iter()
            .find(|(k, _)| std::ptr::eq(*k, f))
            .map(|(_, e)| *e)
    }
}
