//! Checks on the real corpus (`PORTMATRIX_CORPUS`): every finding is in the
//! baseline and every baseline entry still occurs; the seed's heading defect
//! shows as a locale-sync difference; and mutation tests for the cross-page
//! checks (locale sync, stale translation, topology family, shared heading)
//! on real corpus pages.

use crate::support::check::*;
use crate::support::{SEED_FILE, corpus, corpus_text};
use portmatrix::check::{self, CheckCode, Finding, Level, baseline::Baseline};
use portmatrix::diag::Severity;
use portmatrix::model::{Page, Table, TableKind};

const SINGLE_PUBLIC: &str =
    "lync-server-2013-port-summary-single-consolidated-edge-with-public-ip-addresses.md";
const SINGLE_NAT: &str =
    "lync-server-2013-port-summary-single-consolidated-edge-with-private-ip-addresses-using-nat.md";
const SCALED_NAT: &str = "lync-server-2013-port-summary-scaled-consolidated-edge-dns-load-balancing-with-private-ip-addresses-using-nat.md";
const HLB: &str =
    "lync-server-2013-port-summary-scaled-consolidated-edge-with-hardware-load-balancers.md";

#[test]
#[ignore = "needs PORTMATRIX_CORPUS (the real corpus)"]
fn corpus_findings_are_exactly_the_baseline() {
    let m = corpus();
    assert!(!m.has_errors());
    let findings = check::run(&m);
    let pages: Vec<&str> = m.pages().map(|p| p.path.as_ref()).collect();
    let baseline = Baseline::embedded();
    let cmp = baseline.compare(&findings, &pages);
    assert!(
        cmp.new.is_empty(),
        "new findings (look at each: fix the check or baseline it with a reason): {:#?}",
        cmp.new
    );
    assert!(
        cmp.stale.is_empty(),
        "baseline entries that no longer occur: {:#?}",
        cmp.stale
    );
    // 56 findings before they were grouped by defect (issue 13): 12, and 4
    // more from the checks across layouts (check_layouts.rs).
    assert_eq!(findings.len(), 16);
    let count = |l: Level| findings.iter().filter(|f| f.level() == l).count();
    assert_eq!(
        (
            count(Level::Error),
            count(Level::Warning),
            count(Level::Style)
        ),
        (8, 4, 4)
    );
    // Style is severity info, flagged; nothing else is info.
    for f in &findings {
        assert_eq!(f.style, f.severity == Severity::Info, "{f:?}");
    }
}

#[test]
#[ignore = "needs PORTMATRIX_CORPUS (the real corpus)"]
fn seed_heading_defect_is_a_locale_difference_between_zh_cn_and_en_us() {
    let m = corpus();
    // Two checks see the heading; one finding reports it, with the other
    // as a note and the en-US heading as a related location.
    let grouped = check::run(&m);
    let g = only_finding(&grouped, CheckCode::HeadingContradictsRows);
    assert_eq!(
        g.codes(),
        [
            CheckCode::HeadingContradictsRows,
            CheckCode::LocaleTableKindMismatch
        ]
    );
    assert!(
        g.locations
            .iter()
            .any(|l| l.path.ends_with(&format!("en-US/{SEED_FILE}")) && l.line == 166)
    );
    let findings = check::run_ungrouped(&m, &[]);
    let f = only_finding(&findings, CheckCode::LocaleTableKindMismatch);
    assert_eq!(f.severity, Severity::Warning);
    assert!(f.path().ends_with(&format!("zh-CN/{SEED_FILE}")));
    assert_eq!(f.line(), 150);
    assert!(f.locations[1].path.ends_with(&format!("en-US/{SEED_FILE}")));
    assert_eq!(f.locations[1].line, 166);
    assert!(f.locations[1].text.contains("Internal Interface"));
    assert!(f.message.contains("External interface") && f.message.contains("Internal interface"));
}

#[test]
#[ignore = "needs PORTMATRIX_CORPUS (the real corpus)"]
fn av_rtp_row_from_the_access_edge_on_the_single_public_page() {
    let en = page("en-US", SINGLE_PUBLIC, &corpus_text("en-US", SINGLE_PUBLIC));
    let findings = run(vec![en]);
    let f = findings
        .iter()
        .find(|f| f.code == CheckCode::RoleEndpointMismatch && f.line() == 114)
        .expect("the A/V RTP row from the Access Edge");
    assert_eq!(f.severity, Severity::Error);
    assert!(
        f.message
            .contains("A/V RTP TCP 50000-59999 from Access Edge service public IP address"),
        "{}",
        f.message
    );
}

/// The en-US and zh-CN editions of the single consolidated Edge (public IP) page.
fn pair(zh: &str) -> Vec<Page> {
    vec![
        page("en-US", SINGLE_PUBLIC, &corpus_text("en-US", SINGLE_PUBLIC)),
        page("zh-CN", SINGLE_PUBLIC, zh),
    ]
}

/// Asserts that the pair with `zh` for the zh-CN text has exactly one
/// finding the unmutated pair has not, with this code on `locale`'s page at
/// this line, and returns it.
fn the_new_finding(zh: &str, code: CheckCode, locale: &str, line: u32) -> Finding {
    let unmutated = corpus_text("zh-CN", SINGLE_PUBLIC);
    assert_exactly_one(
        &run(pair(&unmutated)),
        &run(pair(zh)),
        code,
        &format!("{locale}/{SINGLE_PUBLIC}"),
        line,
    )
}

/// The zh-CN page's (first) table of this kind.
fn zh_table(zh: &str, kind: TableKind) -> Table {
    let p = page("zh-CN", SINGLE_PUBLIC, zh);
    p.tables
        .iter()
        .find(|t| t.kind == kind)
        .expect("table")
        .clone()
}

/// The line of the zh-CN row opening `port` (first match).
fn zh_row(zh: &str, port: u16) -> u32 {
    let p = page("zh-CN", SINGLE_PUBLIC, zh);
    p.tables
        .iter()
        .flat_map(|t| t.rules.iter())
        .find(|r| r.ports.first() == port)
        .expect("row")
        .line
}

#[test]
#[ignore = "needs PORTMATRIX_CORPUS (the real corpus)"]
fn row_deleted_from_one_locale() {
    let zh = corpus_text("zh-CN", SINGLE_PUBLIC);
    let mutated = delete_row(&zh, zh_row(&zh, 50001));
    let f = the_new_finding(&mutated, CheckCode::LocaleRowMissing, "en-US", 232);
    assert_eq!(f.severity, Severity::Error);
    assert!(f.message.contains("MTLS TCP 50001"), "{}", f.message);
}

#[test]
#[ignore = "needs PORTMATRIX_CORPUS (the real corpus)"]
fn port_changed_in_one_locale() {
    let zh = corpus_text("zh-CN", SINGLE_PUBLIC);
    let line = zh_row(&zh, 50002);
    let mutated = replace_on_line(&zh, line + 1, "50002", "50012");
    let f = the_new_finding(&mutated, CheckCode::LocaleValueMismatch, "zh-CN", line);
    assert_eq!(f.severity, Severity::Error);
    assert!(
        f.message.starts_with("the editions differ in ports"),
        "{}",
        f.message
    );
    assert_eq!(f.locations[1].line, 238);
}

#[test]
#[ignore = "needs PORTMATRIX_CORPUS (the real corpus)"]
fn heading_renamed_in_one_locale() {
    let zh = corpus_text("zh-CN", SINGLE_PUBLIC);
    let fed = zh_table(&zh, TableKind::Federation);
    let h = fed.heading.as_ref().unwrap();
    let mutated = replace_on_line(&zh, h.line, &h.text, "可扩展消息传递和状态协议的防火墙摘要");
    let f = the_new_finding(
        &mutated,
        CheckCode::LocaleTableKindMismatch,
        "zh-CN",
        h.line,
    );
    assert!(
        f.message.contains("XMPP") && f.message.contains("Federation"),
        "{}",
        f.message
    );
}

#[test]
#[ignore = "needs PORTMATRIX_CORPUS (the real corpus)"]
fn table_deleted_from_one_locale() {
    let zh = corpus_text("zh-CN", SINGLE_PUBLIC);
    let xmpp = zh_table(&zh, TableKind::Xmpp);
    let mut lines: Vec<String> = zh.split('\n').map(String::from).collect();
    let start = xmpp.line as usize - 1;
    let end = (start..lines.len())
        .find(|&i| lines[i].contains("</table>"))
        .unwrap();
    for l in &mut lines[start..=end] {
        *l = "<!-- deleted -->".into();
    }
    let f = the_new_finding(
        &lines.join("\n"),
        CheckCode::LocaleTableMissing,
        "en-US",
        354,
    );
    assert!(f.message.contains("XMPP table (3 rows)"), "{}", f.message);
}

#[test]
#[ignore = "needs PORTMATRIX_CORPUS (the real corpus)"]
fn stale_embedded_english_source() {
    let zh = corpus_text("zh-CN", SINGLE_PUBLIC);
    let line = zh_row(&zh, 50001);
    let src = line + 2; // the source cell: `<td><p>任意</p></td>`
    // A bilingual cell whose English source matches the en-US text is fine…
    let current = replace_on_line(
        &zh,
        src,
        "任意</p>",
        "任意<span class=\"sxs-lookup\"><span>Any</span></span></p>",
    );
    assert!(new_findings(&run(pair(&zh)), &run(pair(&current))).is_empty());
    // …one translated from an older English text is stale.
    let stale = replace_on_line(
        &zh,
        src,
        "任意</p>",
        "任意<span class=\"sxs-lookup\"><span>Anywhere</span></span></p>",
    );
    let f = the_new_finding(&stale, CheckCode::StaleTranslation, "zh-CN", src);
    assert_eq!(f.severity, Severity::Warning);
    assert!(
        f.message.contains("`Anywhere`") && f.message.contains("`Any`"),
        "{}",
        f.message
    );
    assert_eq!(f.locations[1].line, 234);
}

fn edge_family(scaled_nat: &str) -> Vec<Page> {
    let mut pages: Vec<_> = [SINGLE_PUBLIC, SINGLE_NAT, HLB, SEED_FILE]
        .iter()
        .map(|f| page("en-US", f, &corpus_text("en-US", f)))
        .collect();
    pages.push(page("en-US", SCALED_NAT, scaled_nat));
    pages
}

#[test]
#[ignore = "needs PORTMATRIX_CORPUS (the real corpus)"]
fn flipped_direction_disagrees_with_the_topology_family() {
    let text = corpus_text("en-US", SCALED_NAT);
    let before = run(edge_family(&text));
    // Row 208: PSOM/MTLS/TCP/8057 from Any (Front End Server IP) to the Edge
    // internal interface: swap source (line 210) and destination (line 211).
    let (src, dst) = (line_text(&text, 210), line_text(&text, 211));
    let flipped = replace_on_line(&replace_on_line(&text, 210, &src, &dst), 211, &dst, &src);
    let f = assert_exactly_one(
        &before,
        &run(edge_family(&flipped)),
        CheckCode::TopologyFamilyMismatch,
        &format!("en-US/{SCALED_NAT}"),
        208,
    );
    assert_eq!(
        f.locations.len(),
        5,
        "the row and one row of each of the 4 other pages"
    );
}

#[test]
#[ignore = "needs PORTMATRIX_CORPUS (the real corpus)"]
fn heading_of_another_topology() {
    let public = corpus_text("en-US", SINGLE_PUBLIC);
    let nat = corpus_text("en-US", SINGLE_NAT);
    let pages = |p: &str| {
        vec![
            page("en-US", SINGLE_PUBLIC, p),
            page("en-US", SINGLE_NAT, &nat),
        ]
    };
    let before = run(pages(&public));
    let renamed = replace_on_line(
        &public,
        48,
        "with Public IP Addresses: External",
        "with Private IP Addresses using NAT: External",
    );
    let f = assert_exactly_one(
        &before,
        &run(pages(&renamed)),
        CheckCode::HeadingSharedAcrossTopologies,
        &format!("en-US/{SINGLE_PUBLIC}"),
        48,
    );
    assert_eq!(f.locations[1].line, 48);
    assert!(f.locations[1].path.ends_with(SINGLE_NAT));
}
