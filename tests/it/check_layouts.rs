//! The checks across layouts (issue 13, item 3, on issue 12's typed
//! layouts): the server-role port lists against the flows of the other
//! pages, a block of rows a table repeats, and the locale checks on the new
//! layouts. Each with the defect injected into a real corpus page (edited
//! in place: no other line moves) and the exact finding asserted; and the
//! clean corpus, with exactly the findings judged real.

use crate::support::check::*;
use crate::support::{clean_corpus, corpus_text};
use portmatrix::check::{self, CheckCode, Level, LocationKind};

const INTERNAL: &str = "lync-server-2013-ports-and-protocols-for-internal-servers.md";
const SINGLE_DIRECTOR: &str = "lync-server-2013-port-summary-single-director.md";
const HYBRID: &str = "lync-server-2013-planning-for-hybrid-deployments.md";

/// `locale/file` of a finding's path.
fn short(path: &str) -> String {
    let parts: Vec<&str> = path.rsplit('/').take(2).collect();
    format!("{}/{}", parts[1], parts[0])
}

#[test]
#[ignore = "needs PORTMATRIX_CORPUS (the real corpus)"]
fn flow_to_a_role_on_a_port_the_lists_lack_is_role_port_not_listed() {
    let internal = page("en-US", INTERNAL, &corpus_text("en-US", INTERNAL));
    let text = corpus_text("en-US", SINGLE_DIRECTOR);
    // Row 58: HTTPS/TCP 4443 from the reverse proxy to the Director, which
    // the load balancer tables give the Director pool VIP. On 4444 no list
    // gives it. The page's text (line 32) names the port too: it changes
    // with the row, so that the page stays consistent with itself.
    let mutated = replace_on_line(&text, 59, "HTTPS/TCP 4443", "HTTPS/TCP 4444");
    let mutated = replace_on_line(&mutated, 32, "HTTPS/TCP 4443", "HTTPS/TCP 4444");
    let before = run(vec![
        internal.clone(),
        page("en-US", SINGLE_DIRECTOR, &text),
    ]);
    let after = run(vec![internal, page("en-US", SINGLE_DIRECTOR, &mutated)]);
    let f = assert_exactly_one(
        &before,
        &after,
        CheckCode::RolePortNotListed,
        &format!("en-US/{SINGLE_DIRECTOR}"),
        58,
    );
    assert_eq!(f.level(), Level::Error);
    assert_eq!(
        f.message,
        "HTTPS TCP 4444 from Reverse proxy internal interface to Director sends traffic to \
         the Director role on TCP 4444, which the internal servers and load balancer port \
         lists do not give that role"
    );
    // The lists that give the Director ports, as related locations: the
    // internal servers table and both load balancer tables (headings).
    let related: Vec<(String, u32, LocationKind)> = f.locations[1..]
        .iter()
        .map(|l| (short(&l.path), l.line, l.kind))
        .collect();
    let list = format!("en-US/{INTERNAL}");
    assert_eq!(
        related,
        [
            (list.clone(), 62, LocationKind::Related),
            (list.clone(), 465, LocationKind::Related),
            (list, 587, LocationKind::Related),
        ]
    );
    // Without the lists' page, nothing is compared.
    let alone = run(vec![page("en-US", SINGLE_DIRECTOR, &mutated)]);
    assert!(alone.iter().all(|f| f.code != CheckCode::RolePortNotListed));
}

#[test]
#[ignore = "needs PORTMATRIX_CORPUS (the real corpus)"]
fn rows_a_table_repeats_are_one_duplicate_rule_finding() {
    let text = corpus_text("en-US", HYBRID);
    // Rows 6 and 7 (STUN/UDP 3478, RTP/TCP 50000-59999) become copies of
    // rows 4 and 5 (PSOM/TLS 443, STUN/TCP 443): four lines each.
    let lines: Vec<&str> = text.split('\n').collect();
    let mut mutated: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    for k in 0..8 {
        mutated[267 + k] = lines[259 + k].to_string();
    }
    let mutated = mutated.join("\n");
    let before = run(vec![page("en-US", HYBRID, &text)]);
    let after = run(vec![page("en-US", HYBRID, &mutated)]);
    let f = assert_exactly_one(
        &before,
        &after,
        CheckCode::DuplicateRule,
        &format!("en-US/{HYBRID}"),
        268,
    );
    assert_eq!(f.level(), Level::Warning);
    assert_eq!(
        f.message,
        "the table repeats rows 4\u{2013}5 as rows 6\u{2013}7 (2 rows given twice)"
    );
    let locs: Vec<(u32, &str)> = f
        .locations
        .iter()
        .map(|l| (l.line, l.label.as_str()))
        .collect();
    assert_eq!(
        locs,
        [
            (268, "first repeated row"),
            (272, "last repeated row"),
            (260, "first given here")
        ]
    );
}

#[test]
#[ignore = "needs PORTMATRIX_CORPUS (the real corpus)"]
fn an_internal_servers_port_changed_in_one_edition_is_a_locale_value_mismatch() {
    let en = page("en-US", INTERNAL, &corpus_text("en-US", INTERNAL));
    let text = corpus_text("zh-CN", INTERNAL);
    // zh-CN row 69 (line 72: its port cell): the Front End's 5061, en-US 96.
    let mutated = replace_on_line(&text, 72, "5061", "5062");
    let before = run(vec![en.clone(), page("zh-CN", INTERNAL, &text)]);
    let after = run(vec![en, page("zh-CN", INTERNAL, &mutated)]);
    let f = assert_exactly_one(
        &before,
        &after,
        CheckCode::LocaleValueMismatch,
        &format!("zh-CN/{INTERNAL}"),
        69,
    );
    assert_eq!(f.level(), Level::Error);
    assert_eq!(
        (short(&f.locations[1].path), f.locations[1].line),
        (format!("en-US/{INTERNAL}"), 96)
    );
}

#[test]
#[ignore = "needs PORTMATRIX_CORPUS (the real corpus)"]
fn clean_corpus_gives_exactly_the_cross_layout_findings() {
    let m = clean_corpus();
    let findings = check::run(&m);
    // Every finding with a location on a page of the new layouts, or of the
    // new check: exactly the four judged real (book/findings.md, 13-16).
    let new_layout_pages = [INTERNAL, HYBRID];
    let got: Vec<(CheckCode, Level, String, u32, String)> = findings
        .iter()
        .filter(|f| {
            f.code == CheckCode::RolePortNotListed
                || new_layout_pages.iter().any(|p| f.path().ends_with(p))
                || f.path().contains("a-v-firewall")
                || f.path().contains("ipsec")
                || f.path().contains("sql-server")
        })
        .map(|f| {
            (
                f.code,
                f.level(),
                short(f.path()),
                f.line(),
                f.message.to_string(),
            )
        })
        .collect();
    let expected = vec![
        (
            CheckCode::LocaleTableMissing,
            Level::Warning,
            format!("en-US/{HYBRID}"),
            166,
            "this DNS records (not a port table) table (0 rows) of the en-US edition is \
             missing from zh-CN"
                .to_string(),
        ),
        (
            CheckCode::RolePortNotListed,
            Level::Error,
            "en-US/lync-server-2013-port-summary-autodiscover.md".to_string(),
            101,
            "HTTP TCP 8080 from Reverse proxy internal interface to Director, Director pool, \
             Front End Server, Front End pool, Office Web Apps for conferencing sends traffic \
             to the Director role on TCP 8080, which the internal servers and load balancer \
             port lists do not give that role"
                .to_string(),
        ),
        (
            CheckCode::RolePortNotListed,
            Level::Error,
            "en-US/lync-server-2013-port-summary-dns-and-hlb-load-balanced.md".to_string(),
            88,
            "3 rows of this table send MTLS TCP to the Director role on ports that the \
             internal servers and load balancer port lists do not give it; the first: MTLS \
             TCP 50001 from Any to Director"
                .to_string(),
        ),
        (
            CheckCode::DuplicateRule,
            Level::Warning,
            format!("zh-CN/{HYBRID}"),
            167,
            "the table repeats rows 1\u{2013}7 as rows 8\u{2013}14 (7 rows given twice)"
                .to_string(),
        ),
    ];
    assert_eq!(got, expected);
    // The 8080 defect is one finding: every page that sends the port is an
    // `also` place (5 pages, 2 editions each, less the primary).
    let f = findings
        .iter()
        .find(|f| f.code == CheckCode::RolePortNotListed && f.line() == 101)
        .unwrap();
    assert_eq!(
        f.locations
            .iter()
            .filter(|l| l.kind == LocationKind::Also)
            .count(),
        9
    );
    // The 50001-50003 rows: 3 rows on 2 pages in 2 editions, one finding.
    let f = findings
        .iter()
        .find(|f| f.code == CheckCode::RolePortNotListed && f.line() == 88)
        .unwrap();
    assert_eq!(f.defect_locations().count(), 12);
    // The zh-CN hybrid page's repeated rows are reported once: no locale
    // check and no row-pair check reports a row of the repeated block.
    let raw = check::run_ungrouped(&m, &[]);
    let on_hybrid: Vec<(CheckCode, u32)> = raw
        .iter()
        .filter(|f| f.path().ends_with(&format!("zh-CN/{HYBRID}")))
        .map(|f| (f.code, f.line()))
        .collect();
    assert_eq!(on_hybrid, [(CheckCode::DuplicateRule, 167)]);
}
