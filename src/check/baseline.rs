//! The baseline: findings that were looked at and accepted as real defects
//! of the source pages, each with its reasoning. `check-baseline.json` at the
//! crate root is the default and is embedded in the binary.
//!
//! An entry names a finding by code, page (the last two path components,
//! `en-US/<file>.md`, so it matches wherever the docs tree lives) and line.
//! An entry of a cross-page finding also lists every page the finding
//! involves; it applies only when all of them are checked together. An
//! entry that applies but matches no finding is stale.

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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The finding's code ([`CheckCode::as_str`](super::CheckCode::as_str)).
    pub code: String,
    /// `locale/file.md` of the finding's first location.
    pub page: String,
    /// The line of the finding's first location.
    pub line: u32,
    /// For cross-page findings: every page involved (`locale/file.md`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pages: Vec<String>,
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
        if f.code.is_cross_page() {
            for l in &f.locations {
                let k = page_key(&l.path);
                if !pages.contains(&k) {
                    pages.push(k);
                }
            }
            pages.sort();
        }
        Entry {
            code: f.code.as_str().to_string(),
            page: page_key(f.path()),
            line: f.line(),
            pages,
            reason: String::new(),
        }
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
            let key = (f.code.as_str(), page_key(f.path()), f.line());
            let hit = self
                .findings
                .iter()
                .enumerate()
                .find(|(i, e)| !used[*i] && (e.code.as_str(), e.page.clone(), e.line) == key);
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
