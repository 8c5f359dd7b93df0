//! Pages nobody here has seen: other locales and the machine-translated
//! "bilingual" edition (translation followed by the English source in
//! `<span class="sxs-lookup">`). Unknown words become typed `Unrecognized`
//! values with warnings; the English original is used when it helps.

use portmatrix::model::{Address, EndpointKind as E, Protocol as P, Role, TableKind, Transport};
use portmatrix::{Code, Severity};

fn cell(translation: &str, original: &str) -> String {
    format!(
        "<td><p><span data-ttu-id=\"1\">{translation}</span><span class=\"sxs-lookup\"><span data-stu-id=\"1\">{original}</span></span></p></td>"
    )
}

fn page(locale_meta: &str, heading: &str, header: &str, rows: &[[String; 4]]) -> String {
    let mut s = format!(
        "---\ntitle: T\nms:assetid: 11111111-2222-3333-4444-555555555555\n{locale_meta}\n---\n\n# Title\n\n### {heading}\n\n<table>\n<thead>\n<tr class=\"header\">\n{header}\n</tr>\n</thead>\n<tbody>\n"
    );
    for r in rows {
        s.push_str("<tr>\n");
        for c in r {
            s.push_str(c);
            s.push('\n');
        }
        s.push_str("</tr>\n");
    }
    s.push_str("</tbody>\n</table>\n");
    s
}

#[test]
fn bilingual_japanese_page_uses_the_english_original_where_needed() {
    let header = "<th>役割/プロトコル/TCP または UDP/ポート<span class=\"sxs-lookup\">Role/Protocol/TCP or UDP/Port</span></th><th>ソース</th><th>宛先</th><th>メモ</th>";
    let rows = [
        [
            cell("アクセス/SIP (TLS)/TCP/443", "Access/SIP(TLS)/TCP/443"),
            cell("任意", "Any"),
            // 公開 (the ja-JP pages write パブリック): a word no vocabulary
            // knows, so the English original is needed.
            cell(
                "エッジ サーバーのアクセス エッジ サービスの公開 IP アドレス",
                "Edge Server Access Edge service public IP address",
            ),
            cell("クライアントからサーバーへの SIP", "Client-to-server SIP"),
        ],
        [
            cell("A/V/STUN、MSTURN/UDP/3,478", "A/V/STUN,MSTURN/UDP/3478"),
            cell("火星の中継局", "Mars relay station"),
            cell("任意", "Any"),
            cell("注", "Note"),
        ],
    ];
    let text = page(
        "ms:mtpsurl: https://technet.microsoft.com/ja-jp/library/JJ205394(v=OCS.15)\nms.translationtype: MT",
        "ファイアウォールの概要: 外部インターフェイス<span class=\"sxs-lookup\">Firewall Summary: External Interface</span>",
        header,
        &rows,
    );
    let (p, diags) = portmatrix::parse::parse_page("docs/ja-JP/p.md", text.as_bytes(), None);
    let p = p.expect("page");
    assert_eq!(p.locale, "ja-JP");
    assert_eq!(p.tables.len(), 1);
    let t = &p.tables[0];
    assert_eq!(t.kind, TableKind::ExternalInterface);
    assert_eq!(
        t.heading.as_ref().unwrap().original.as_deref(),
        Some("Firewall Summary: External Interface")
    );
    let r = &t.rules[0];
    assert_eq!(
        (
            r.role.clone(),
            r.protocols.to_vec(),
            r.transport,
            r.ports.first()
        ),
        (
            Some(Role::Access),
            vec![P::Sip, P::Tls],
            Transport::Tcp,
            443
        )
    );
    assert_eq!(
        (r.destination.kind, r.destination.address),
        (E::AccessEdge, Address::PublicIp)
    );
    assert_eq!(
        r.destination.text,
        "エッジ サーバーのアクセス エッジ サービスの公開 IP アドレス"
    );
    assert_eq!(
        r.cells.destination.original.as_deref(),
        Some("Edge Server Access Edge service public IP address")
    );
    let r = &t.rules[1];
    assert_eq!(
        (r.protocols.to_vec(), r.ports.first()),
        (vec![P::Stun, P::Msturn], 3478)
    );
    assert_eq!(r.source.kind, E::Unrecognized);
    assert_eq!(r.source.unrecognized.as_deref(), Some("火星の中継局"));
    let codes: Vec<(Severity, Code, u32)> =
        diags.iter().map(|d| (d.severity, d.code, d.line)).collect();
    assert_eq!(
        codes,
        vec![
            (Severity::Info, Code::TypedFromOriginal, r.line - 3),
            (Severity::Warning, Code::UnrecognizedEndpoint, r.line + 2),
        ]
    );
}

#[test]
fn traditional_chinese_forms_and_german_numbers() {
    let header =
        "<th>角色/通訊協定/TCP 或 UDP/連接埠</th><th>來源</th><th>目的地</th><th>附註</th>";
    let plain = |s: &str| format!("<td><p>{s}</p></td>");
    let rows = [
        [
            plain("存取/SIP（MTLS）/TCP/5061"),
            plain("任何"),
            plain("任何"),
            plain(""),
        ],
        [
            plain("A/V/RTP/UDP/50.000 ～ 59.999"),
            plain("任何"),
            plain("任何"),
            plain(""),
        ],
        [
            plain("SIP (MTLS) /TCP/5061"),
            plain("任何"),
            plain("任何"),
            plain(""),
        ],
    ];
    let text = page("ms.contentlocale: zh-TW", "外部介面", header, &rows);
    let (p, diags) = portmatrix::parse::parse_page("p.md", text.as_bytes(), None);
    let p = p.unwrap();
    assert_eq!(p.locale, "zh-TW");
    assert!(diags.is_empty(), "{diags:?}");
    let rules = &p.tables[0].rules;
    assert_eq!(
        (rules[0].role.clone(), rules[0].protocols.to_vec()),
        (Some(Role::Access), vec![P::Sip, P::Mtls])
    );
    assert_eq!(
        (rules[1].ports.first(), rules[1].ports.last()),
        (50000, 59999)
    );
    assert_eq!(rules[2].protocols.to_vec(), vec![P::Sip, P::Mtls]);
    assert!(rules.iter().all(|r| r.source.kind == E::Any));
    assert_eq!(p.tables[0].kind, TableKind::ExternalInterface);
}

#[test]
fn locale_without_vocabulary_still_types_ports_and_reports_endpoints() {
    let header =
        "<th>Roll/Protokoll/TCP eller UDP/Port</th><th>Källa</th><th>Mål</th><th>Anteckningar</th>";
    let plain = |s: &str| format!("<td><p>{s}</p></td>");
    let rows = [[
        plain("XMPP/TCP/5269"),
        plain("Vilken enhet som helst"),
        plain("XMPP-proxytjänst"),
        plain(""),
    ]];
    let text = page(
        "ms.contentlocale: sv-se",
        "Brandväggssammanfattning",
        header,
        &rows,
    );
    let (p, diags) = portmatrix::parse::parse_page("p.md", text.as_bytes(), None);
    let p = p.unwrap();
    assert_eq!(p.locale, "sv-SE");
    let r = &p.tables[0].rules[0];
    assert_eq!(
        (r.protocols.to_vec(), r.transport, r.ports.first()),
        (vec![P::Xmpp], Transport::Tcp, 5269)
    );
    assert_eq!(r.source.kind, E::Unrecognized);
    let codes: Vec<Code> = diags.iter().map(|d| d.code).collect();
    assert_eq!(
        codes,
        vec![
            Code::UnrecognizedEndpoint,
            Code::UnrecognizedEndpoint,
            Code::UnclassifiedTable
        ]
    );
}
