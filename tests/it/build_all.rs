//! `portmatrix build` on the embedded default: every output in one run, and
//! the pieces wired together (findings and diagrams inside the books).

use crate::support::{SEED_STEM, bin, read, run_ok};

#[test]
fn build_writes_everything_and_books_embed_findings_and_localized_diagrams() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    run_ok(bin().args(["build", "--out"]).arg(&out));
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
    // The en-US book draws the zh-CN seed with English names.
    let en_svg = read(&out.join(format!(
        "book/en-US/diagrams/{SEED_STEM}-en-US-topology.svg"
    )));
    assert!(
        en_svg.contains("Access Edge service"),
        "English labels expected"
    );
    assert!(!en_svg.contains("访问边缘服务"));
    let zh_svg = read(&out.join(format!(
        "book/zh-CN/diagrams/{SEED_STEM}-zh-CN-topology.svg"
    )));
    assert!(zh_svg.contains("访问边缘服务"));
    // The chapters show them, and the seed's heading defect next to its table.
    for locale in ["en-US", "zh-CN"] {
        let chapter = read(&out.join(format!("book/{locale}/{SEED_STEM}.html")));
        assert!(
            chapter.contains(&format!("diagrams/{SEED_STEM}-{locale}-topology.svg")),
            "{locale}"
        );
        assert!(
            chapter.contains(&format!("diagrams/{SEED_STEM}-{locale}-ports.svg")),
            "{locale}"
        );
        assert!(chapter.contains("heading_contradicts_rows"), "{locale}");
    }
}

/// `build` runs every check of `portmatrix check`, the catalog checks too:
/// a page text the en-US book cannot translate is a finding in
/// `findings.json`; the summary line counts style findings as "style".
#[test]
fn build_reports_catalog_findings_and_counts_style() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir_all(docs.join("zh-CN")).unwrap();
    let old = "通过 TCP 的 DNS 查询";
    assert_eq!(crate::support::SEED.matches(old).count(), 1);
    std::fs::write(
        docs.join("zh-CN").join(crate::support::SEED_FILE),
        crate::support::SEED.replace(old, "通过 TCP 的 DNS 查询（已修改）"),
    )
    .unwrap();
    let out = dir.path().join("out");
    let o = run_ok(
        bin()
            .args(["build", "--source-docs"])
            .arg(&docs)
            .arg("--out")
            .arg(&out),
    );
    let doc: serde_json::Value = serde_json::from_str(&read(&out.join("findings.json"))).unwrap();
    let codes: Vec<&str> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    for code in ["catalog_missing_translation", "catalog_stale_msgid"] {
        assert!(codes.contains(&code), "{code}: {codes:?}");
    }
    let stderr = String::from_utf8(o.stderr).unwrap();
    let summary = stderr.lines().last().unwrap();
    assert!(
        summary.contains("check findings: 1 error(s), 4 warning(s), 1 style;"),
        "{summary}"
    );
}
