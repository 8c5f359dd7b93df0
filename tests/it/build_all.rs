//! `portmatrix build` on the embedded default: every output in one run, and
//! the pieces wired together (findings and diagrams inside the books).

use std::process::Command;

#[test]
fn build_writes_everything_and_books_embed_findings_and_localized_diagrams() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let o = Command::new(env!("CARGO_BIN_EXE_portmatrix"))
        .args(["build", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    for f in [
        "portmatrix.json",
        "portmatrix.schema.json",
        "findings.json",
        "findings.txt",
        "book/index.html",
        "book/zh-CN/index.html",
        "book/en-US/index.html",
    ] {
        assert!(out.join(f).is_file(), "missing {f}");
    }
    let stem = "lync-server-2013-port-summary-scaled-consolidated-edge-dns-load-balancing-with-public-ip-addresses";
    // The en-US book draws the zh-CN seed with English names.
    let en_svg =
        std::fs::read_to_string(out.join(format!("book/en-US/diagrams/{stem}-en-US-topology.svg")))
            .unwrap();
    assert!(
        en_svg.contains("Access Edge service"),
        "English labels expected"
    );
    assert!(!en_svg.contains("访问边缘服务"));
    let zh_svg =
        std::fs::read_to_string(out.join(format!("book/zh-CN/diagrams/{stem}-zh-CN-topology.svg")))
            .unwrap();
    assert!(zh_svg.contains("访问边缘服务"));
    // The chapters show them, and the seed's heading defect next to its table.
    for locale in ["en-US", "zh-CN"] {
        let chapter =
            std::fs::read_to_string(out.join(format!("book/{locale}/{stem}.html"))).unwrap();
        assert!(
            chapter.contains(&format!("diagrams/{stem}-{locale}-topology.svg")),
            "{locale}"
        );
        assert!(
            chapter.contains(&format!("diagrams/{stem}-{locale}-ports.svg")),
            "{locale}"
        );
        assert!(chapter.contains("heading_contradicts_rows"), "{locale}");
    }
}
