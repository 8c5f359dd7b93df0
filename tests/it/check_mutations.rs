//! Mutation tests on a real table (the zh-CN seed page, in the repo): each
//! injects exactly the contradiction one check is for, in place (no other
//! line moves), and asserts that exactly that finding appears at that line
//! and nothing else new.

use crate::support::check::*;
use crate::support::{SEED, SEED_FILE};
use portmatrix::check::{CheckCode, Finding};
use portmatrix::diag::Severity;

fn check_text(text: &str) -> Vec<Finding> {
    run(vec![page("zh-CN", SEED_FILE, text)])
}

fn before() -> Vec<Finding> {
    check_text(SEED)
}

/// Asserts that the mutated seed `text` has exactly one finding the seed
/// has not, with this code at this line, and returns it.
fn the_new_finding(text: &str, code: CheckCode, line: u32) -> Finding {
    assert_exactly_one(
        &before(),
        &check_text(text),
        code,
        &format!("zh-CN/{SEED_FILE}"),
        line,
    )
}

#[test]
fn unmutated_seed_has_exactly_its_four_known_findings() {
    let got: Vec<_> = before()
        .iter()
        .map(|f| (f.code, f.line(), f.severity))
        .collect();
    assert_eq!(
        got,
        vec![
            (CheckCode::InconsistentEndpointNaming, 140, Severity::Info),
            (CheckCode::HeadingContradictsRows, 150, Severity::Warning),
            (CheckCode::OneDirectionalFederation, 257, Severity::Warning),
            (CheckCode::SummaryFlowNotOpened, 351, Severity::Error),
        ]
    );
}

#[test]
fn summary_tables_repeating_interface_flows_are_not_duplicates() {
    // The public IM and federation tables repeat rows of the external
    // interface table (5061, 443, 50000-59999, 3478): tables of different
    // kinds, so no duplicate, subsumption or conflict is reported.
    for f in before() {
        assert!(
            !matches!(
                f.code,
                CheckCode::DuplicateRule
                    | CheckCode::SubsumedRule
                    | CheckCode::ConflictingFlow
                    | CheckCode::OverlappingPorts
            ),
            "{f:?}"
        );
    }
}

#[test]
fn duplicated_row_is_a_duplicate_rule() {
    // Row 62: Access/DNS/TCP/53 from the Access Edge public IP to Any.
    let (text, line) = insert_after_row(SEED, 62, &row_html(SEED, 62));
    assert_eq!(line, 67);
    let f = the_new_finding(&text, CheckCode::DuplicateRule, 67);
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(f.locations[1].line, 62);
}

#[test]
fn row_with_any_narrowed_is_subsumed() {
    let row = row_html(SEED, 62).replacen(
        "<td><p>任意</p></td>",
        "<td><p>公共 IM 连接合作伙伴</p></td>",
        1,
    );
    let (text, line) = insert_after_row(SEED, 62, &row);
    let f = the_new_finding(&text, CheckCode::SubsumedRule, line);
    assert_eq!(f.locations[1].line, 62, "the broader row is pointed at");
}

#[test]
fn specific_endpoint_beside_any_with_candidates_is_subsumption_not_contradiction() {
    // Row 168: XMPP/MTLS/TCP/23456 from "Any (can be defined as Front End
    // Server address or Front End pool IP address)"; the new row names the
    // Front End Server itself.
    let row = row_html(SEED, 168).replacen(
        "任意（可定义为运行 XMPP 网关服务的 前端服务器地址，或 前端池 IP 地址）",
        "前端服务器",
        1,
    );
    let (text, line) = insert_after_row(SEED, 168, &row);
    let f = the_new_finding(&text, CheckCode::SubsumedRule, line);
    assert_eq!(f.locations[1].line, 168);
}

#[test]
fn same_flow_with_another_protocol_is_a_conflict() {
    let row = row_html(SEED, 62).replacen("访问/DNS/TCP/53", "访问/HTTP/TCP/53", 1);
    let (text, line) = insert_after_row(SEED, 62, &row);
    let f = the_new_finding(&text, CheckCode::ConflictingFlow, line);
    assert_eq!(f.severity, Severity::Error);
    assert!(
        f.message.contains("two protocols: DNS and HTTP"),
        "{}",
        f.message
    );
}

#[test]
fn changed_port_range_overlapping_with_other_meaning() {
    // Row 98: A/V/RTP/TCP/50,000-59,999 from the A/V Edge public IP to Any.
    let row = row_html(SEED, 98).replacen(
        "A/V/RTP/TCP/50,000-59,999",
        "A/V/STUN,MSTURN/TCP/55,000-60,000",
        1,
    );
    let (text, line) = insert_after_row(SEED, 98, &row);
    assert_eq!(line, 103);
    let f = the_new_finding(&text, CheckCode::OverlappingPorts, 103);
    assert_eq!(f.locations[1].line, 98);
}

#[test]
fn av_row_on_the_access_edge_is_a_role_mismatch() {
    // Row 140: A/V/STUN,MSTURN/TCP/443 from the A/V Edge service; swap its
    // source for the Access Edge service (source cell on line 142).
    let text = replace_on_line(
        SEED,
        142,
        "边缘服务器 A/V 边缘服务",
        "边缘服务器访问边缘服务公用 IP 地址",
    );
    let f = the_new_finding(&text, CheckCode::RoleEndpointMismatch, 140);
    assert_eq!(f.severity, Severity::Error);
    assert!(
        f.message.contains("source is the Access Edge service"),
        "{}",
        f.message
    );
}

#[test]
fn renamed_heading_contradicts_its_rows() {
    // The first table's heading (line 32) says external interface, rightly;
    // rename it to internal interface.
    let text = replace_on_line(SEED, 32, "外部接口", "内部接口");
    let f = the_new_finding(&text, CheckCode::HeadingContradictsRows, 32);
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(
        f.locations.len(),
        3,
        "the heading, the first and the last of its 16 rows"
    );
}

#[test]
fn deleted_interface_row_leaves_a_summary_flow_unopened() {
    // Row 98 is the only external row opening A/V RTP TCP 50000-59999 out of
    // the A/V Edge; the public IM table (row 304) needs it.
    let text = delete_row(SEED, 98);
    let f = the_new_finding(&text, CheckCode::SummaryFlowNotOpened, 304);
    assert_eq!(f.severity, Severity::Error);
}

#[test]
fn deleted_reverse_row_makes_federation_one_directional() {
    // Public IM table: row 286 partners -> Access Edge, row 292 the reverse.
    let text = delete_row(SEED, 292);
    the_new_finding(&text, CheckCode::OneDirectionalFederation, 286);
}

#[test]
fn endpoint_named_without_its_address_is_inconsistent_naming() {
    // Row 62's source (line 64) loses "public IP address".
    let text = replace_on_line(
        SEED,
        64,
        "边缘服务器访问边缘服务公用 IP 地址",
        "边缘服务器访问边缘服务",
    );
    let f = the_new_finding(&text, CheckCode::InconsistentEndpointNaming, 62);
    assert_eq!(f.severity, Severity::Info);
    assert!(f.style);
}

/// A flow that differs on one page of a large family names at most
/// `MAX_WITNESSES` (8) of the pages that give it otherwise, and says how many
/// there are: naming all of them made the findings of N pages grow with N².
#[test]
fn a_finding_names_a_bounded_number_of_witnesses() {
    let copies = 12;
    let mut pages = Vec::new();
    for i in 0..copies {
        let mut text = SEED.replace(
            "ms:assetid: f7cbd0f1-841d-4116-8d17-e9d991daa4a8",
            &format!("ms:assetid: f7cbd0f1-841d-4116-8d17-{i:012}"),
        );
        if i == copies - 1 {
            text = replace_on_line(&text, 81, "TCP/5061", "TCP/5062");
        }
        pages.push(page("zh-CN", &format!("copy-{i:02}.md"), &text));
    }
    // Raw, before grouping (which folds it into the federation finding at
    // the next row as a note).
    let findings = portmatrix::check::run_ungrouped(&matrix(pages), &[]);
    let f = findings
        .iter()
        .find(|f| {
            f.code == CheckCode::FlowDiffersAcrossPages
                && f.path() == format!("zh-CN/copy-{:02}.md", copies - 1)
                && f.line() == 80
        })
        .unwrap_or_else(|| panic!("{findings:#?}"));
    assert!(
        f.message.contains("but on TCP 5061 by 11 other page(s)"),
        "{}",
        f.message
    );
    let witnesses: Vec<&str> = f
        .locations
        .iter()
        .filter(|l| l.label.ends_with("gives it so"))
        .map(|l| l.path.as_str())
        .collect();
    // The first eight of the eleven, in page order.
    let want: Vec<String> = (0..8).map(|i| format!("zh-CN/copy-{i:02}.md")).collect();
    assert_eq!(witnesses, want);
}
