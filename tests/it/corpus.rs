//! The real corpus: 18 pages per locale from Microsoft's docs repositories,
//! read through PORTMATRIX_CORPUS (CI sets it to ../shared/corpus).

use std::collections::BTreeMap;

use portmatrix::model::{Address, EndpointKind as E, Protocol, Role, TableKind};
use portmatrix::{Code, Severity};

use crate::support::{SEED_STEM, corpus, corpus_text, find_page};

fn is_summary_page(path: &str) -> bool {
    path.contains("lync-server-2013-port-summary-")
}

#[test]
#[ignore = "needs PORTMATRIX_CORPUS (the real corpus)"]
fn port_summary_pages_tables_rules_per_locale() {
    let m = corpus();
    assert!(
        !m.has_errors(),
        "{:#?}",
        m.diagnostics
            .iter()
            .filter(|d| d.is_error())
            .collect::<Vec<_>>()
    );
    for locale in ["en-US", "zh-CN"] {
        let pages: Vec<_> = m
            .pages()
            .filter(|p| p.locale == locale && is_summary_page(&p.path))
            .collect();
        assert_eq!(pages.len(), 13, "{locale}");
        assert_eq!(
            pages.iter().map(|p| p.tables.len()).sum::<usize>(),
            36,
            "{locale}"
        );
        assert_eq!(
            pages
                .iter()
                .map(|p| p.tables.iter().map(|t| t.rules.len()).sum::<usize>())
                .sum::<usize>(),
            237,
            "{locale}"
        );
        assert_eq!(
            m.pages().filter(|p| p.locale == locale).count(),
            18,
            "{locale}"
        );
    }
}

#[test]
#[ignore = "needs PORTMATRIX_CORPUS (the real corpus)"]
fn zero_unrecognized() {
    let m = corpus();
    for d in m.diagnostics.iter() {
        assert!(
            !matches!(
                d.code,
                Code::UnrecognizedEndpoint
                    | Code::UnrecognizedRole
                    | Code::UnrecognizedProtocol
                    | Code::UnclassifiedTable
            ),
            "{d}"
        );
    }
    for r in m.rules() {
        let rule = r.rule;
        assert!(!matches!(rule.role, Some(Role::Unrecognized(_))));
        assert!(
            !rule
                .protocols
                .iter()
                .any(|p| matches!(p, Protocol::Unrecognized(_)))
        );
        assert!(
            rule.source
                .kinds()
                .chain(rule.destination.kinds())
                .all(|k| k != E::Unrecognized),
            "{}:{}",
            r.page.path,
            rule.line
        );
        assert_ne!(r.table.kind, TableKind::Unclassified);
    }
}

/// Every page's zh-CN rules equal its en-US rules (typed values; notes and
/// wording aside), except where the documents themselves differ.
#[test]
#[ignore = "needs PORTMATRIX_CORPUS (the real corpus)"]
fn zh_cn_equals_en_us_except_real_differences() {
    let m = corpus();
    let mut differences: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut compared = 0;
    // The port summary pages; the other layouts are compared in `layouts`.
    for en in m
        .pages()
        .filter(|p| p.locale == "en-US" && is_summary_page(&p.path))
    {
        let zh = m
            .page(&en.asset_id, "zh-CN")
            .unwrap_or_else(|| panic!("no zh-CN edition of {}", en.path));
        let stem = en
            .path
            .rsplit('/')
            .next()
            .unwrap()
            .trim_end_matches(".md")
            .to_string();
        assert_eq!(en.tables.len(), zh.tables.len(), "{stem}");
        for (i, (te, tz)) in en.tables.iter().zip(zh.tables.iter()).enumerate() {
            if te.kind != tz.kind {
                differences
                    .entry(stem.clone())
                    .or_default()
                    .push(format!("table {i} kind {:?} vs {:?}", te.kind, tz.kind));
            }
            assert_eq!(te.rules.len(), tz.rules.len(), "{stem} table {i}");
            for (re, rz) in te.rules.iter().zip(tz.rules.iter()) {
                compared += 1;
                if re.typed() != rz.typed() {
                    differences.entry(stem.clone()).or_default().push(format!(
                        "line {}/{}: {:?}/{:?} vs {:?}/{:?}",
                        re.line,
                        rz.line,
                        re.source.typed().0,
                        re.destination.address,
                        rz.source.typed().0,
                        rz.destination.address
                    ));
                }
            }
        }
    }
    assert_eq!(compared, 237);
    let expected: BTreeMap<String, Vec<String>> = [
        (
            // The zh-CN edition repeats the external heading (外部接口) above the
            // internal interface table; en-US says "Internal Interface".
            SEED_STEM,
            vec!["table 1 kind InternalInterface vs ExternalInterface".to_string()],
        ),
        (
            // The internal virtual IP table: en-US names the "Edge Server Internal
            // VIP interface"; zh-CN writes 边缘服务器内部接口 (internal interface)
            // in all six rows, dropping "VIP".
            "lync-server-2013-port-summary-scaled-consolidated-edge-with-hardware-load-balancers",
            [
                (336, 302, "Any", "VirtualIp", "Any", "Unspecified"),
                (
                    342,
                    308,
                    "EdgeInternal",
                    "Unspecified",
                    "EdgeInternal",
                    "Unspecified",
                ),
                (348, 314, "Any", "VirtualIp", "Any", "Unspecified"),
                (354, 320, "Any", "VirtualIp", "Any", "Unspecified"),
                (360, 326, "Any", "VirtualIp", "Any", "Unspecified"),
                (
                    366,
                    332,
                    "EdgeInternal",
                    "Unspecified",
                    "EdgeInternal",
                    "Unspecified",
                ),
            ]
            .iter()
            .map(|(a, b, c, d, e, f)| format!("line {a}/{b}: {c}/{d} vs {e}/{f}"))
            .collect(),
        ),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    assert_eq!(differences, expected);
    // The VIP difference itself, precisely: en-US destination has the VIP address.
    let en = find_page(&m, "en-US", "hardware-load-balancers.md");
    let r = en.tables[3].rules.iter().find(|r| r.line == 336).unwrap();
    assert_eq!(
        (r.destination.kind, r.destination.address),
        (E::EdgeInternal, Address::VirtualIp)
    );
}

/// The five pages with other table layouts: every table is either typed or
/// reported as `unsupported_table_layout` at its line; nothing is dropped.
/// Since issue 12 every one of them is typed.
#[test]
#[ignore = "needs PORTMATRIX_CORPUS (the real corpus)"]
fn other_layouts_are_reported_not_dropped() {
    let m = corpus();
    for p in m.pages().filter(|p| !is_summary_page(&p.path)) {
        let text = corpus_text(&p.locale, p.path.rsplit('/').next().unwrap());
        let table_lines: Vec<u32> = text
            .lines()
            .enumerate()
            .filter(|(_, l)| l.trim_start().to_ascii_lowercase().starts_with("<table"))
            .map(|(i, _)| i as u32 + 1)
            .collect();
        assert!(!table_lines.is_empty(), "{}", p.path);
        for line in table_lines {
            let typed = p.tables.iter().any(|t| t.line == line);
            let reported = m.diagnostics.iter().any(|d| {
                d.path == p.path
                    && d.line == line
                    && d.code == Code::UnsupportedTableLayout
                    && d.severity == Severity::Warning
            });
            assert!(
                typed ^ reported,
                "{}:{line}: typed={typed} reported={reported}",
                p.path
            );
        }
    }
    let unsupported = m
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::UnsupportedTableLayout)
        .count();
    // en-US had 3 + 1 + 2 + 4 + 3 such tables, zh-CN 12 (its hybrid page
    // has one table, not two): all are typed now (see `layouts`).
    assert_eq!(unsupported, 0);
}

#[test]
#[ignore = "needs PORTMATRIX_CORPUS (the real corpus)"]
fn locales_come_from_the_pages() {
    let m = corpus();
    for p in m.pages() {
        let folder = p.path.rsplit('/').nth(1).unwrap();
        assert_eq!(p.locale, folder, "{}", p.path);
    }
    // The XMPP/MTLS/23456 rows of the port summaries (no transport) are
    // inferred TCP, with an info each (the other layouts' are in `layouts`).
    let inferred: Vec<_> = m
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::TransportInferred && is_summary_page(&d.path))
        .collect();
    assert_eq!(inferred.len(), 4);
    assert!(
        inferred
            .iter()
            .all(|d| d.severity == Severity::Info && d.cell.as_deref() == Some("XMPP/MTLS/23456"))
    );
}
