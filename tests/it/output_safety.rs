//! Output safety and determinism: a failed run leaves the previous `out/`
//! exactly as it was, and outputs are byte-identical across runs and thread
//! counts.

use std::collections::BTreeMap;
use std::path::Path;

use crate::support::{bin, corpus_dir, diagnostic_codes, run_ok, tree};

const ROWS: [[&str; 4]; 4] = [
    [
        "SIP/MTLS/TCP/5061",
        "Edge Server internal interface",
        "Director",
        "SIP",
    ],
    [
        "HTTPS/TCP/4443",
        "Reverse proxy internal interface",
        "Director",
        "web",
    ],
    [
        "A/V/RTP/UDP/50,000-59,999",
        "Any",
        "Edge Server A/V Edge service",
        "media",
    ],
    [
        "XMPP/TCP/5269",
        "Federated partners",
        "Edge Server Access Edge service",
        "xmpp",
    ],
];

/// Page `i` of a generated tree: a port table whose rows depend on `i`,
/// with one unknown endpoint every 7th page (a warning) so that diagnostics
/// are part of the output too.
fn page(i: usize, locale: &str) -> String {
    let mut s = format!(
        "---\ntitle: Page {i}\nms:assetid: {i:08x}-0000-4000-8000-000000000000\nms.contentlocale: {locale}\n---\n\n## Internal port firewall\n\n<table>\n<thead>\n<tr>\n<th>Role/Protocol/TCP or UDP/Port</th>\n<th>Source IP address</th>\n<th>Destination IP address</th>\n<th>Notes</th>\n</tr>\n</thead>\n<tbody>\n"
    );
    for k in 0..(1 + i % 5) {
        let r = ROWS[(i + k) % ROWS.len()];
        let src = if i % 7 == 3 && k == 0 {
            "Mystery box"
        } else {
            r[1]
        };
        s.push_str(&format!(
            "<tr>\n<td>{}</td>\n<td>{src}</td>\n<td>{}</td>\n<td>{} {i}</td>\n</tr>\n",
            r[0], r[2], r[3]
        ));
    }
    s.push_str("</tbody>\n</table>\n");
    s
}

/// A docs tree of `n` generated pages (`docs/<locale>/page-NNNN.md`), en-US
/// and zh-CN in turn.
fn docs_tree(n: usize) -> tempfile::TempDir {
    let t = tempfile::tempdir().unwrap();
    for i in 0..n {
        let locale = if i % 2 == 0 { "en-US" } else { "zh-CN" };
        let p = t.path().join(format!("docs/{locale}/page-{i:04}.md"));
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, page(i, locale)).unwrap();
    }
    t
}

/// `portmatrix build` of the tree's `docs/` into `out/`.
const BUILD: &[&str] = &["build", "--source-docs", "docs", "--out", "out"];

/// Runs `portmatrix` in `dir` with `args` and `env` (and no
/// RAYON_NUM_THREADS of ours); returns the exit code and stderr.
fn portmatrix(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> (i32, String) {
    let mut c = bin();
    c.args(args)
        .current_dir(dir)
        .env_remove("RAYON_NUM_THREADS");
    for (k, v) in env {
        c.env(k, v);
    }
    let out = c.output().expect("runs the binary");
    (
        out.status.code().expect("exited"),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_failed_build_leaves_the_previous_output_intact() {
    let t = docs_tree(12);
    let (code, err) = portmatrix(t.path(), BUILD, &[]);
    assert_eq!(code, 0, "{err}");
    let before = tree(&t.path().join("out"));
    let names: Vec<String> = before.keys().cloned().collect();
    assert!(names.contains(&"portmatrix.json".to_string()), "{names:?}");
    assert!(
        names.iter().all(|n| !n.contains(".tmp.")),
        "no temporary files left: {names:?}"
    );

    // Corrupt inputs three ways, one at a time; each run fails and changes nothing.
    let victim = t.path().join("docs/en-US/page-0004.md");
    let good = std::fs::read_to_string(&victim).unwrap();
    let corruptions = [
        good.replace("/5061<", "/99999<")
            .replace("/4443<", "/99999<")
            .replace("/5269<", "/99999<"),
        good[..good.len() / 2].to_string(),
        "---\ntitle: no end\n".to_string(),
    ];
    for bad in corruptions {
        std::fs::write(&victim, &bad).unwrap();
        let (code, err) = portmatrix(t.path(), BUILD, &[]);
        assert_eq!(code, 2, "{err}");
        assert!(err.contains("docs/en-US/page-0004.md:"), "{err}");
        assert!(err.contains("nothing written"), "{err}");
        assert!(
            tree(&t.path().join("out")) == before,
            "out/ changed after a failed run"
        );
    }
    // Fixed again: the same output as the first time.
    std::fs::write(&victim, &good).unwrap();
    let (code, err) = portmatrix(t.path(), BUILD, &[]);
    assert_eq!(code, 0, "{err}");
    assert!(tree(&t.path().join("out")) == before);
}

#[test]
fn outputs_are_identical_across_runs_and_thread_counts() {
    let t = docs_tree(60);
    type Run<'a> = (&'a str, &'a [&'a str], &'a [(&'a str, &'a str)]);
    let runs: [Run; 5] = [
        ("a", &["-j", "1"], &[]),
        ("b", &["-j", "1"], &[]),
        ("c", &["-j", "2"], &[]),
        ("d", &["-j", "8"], &[]),
        ("e", &[], &[("RAYON_NUM_THREADS", "3")]),
    ];
    let mut first: Option<BTreeMap<String, Vec<u8>>> = None;
    for (name, jobs, env) in runs {
        let out = format!("out-{name}");
        let mut args: Vec<&str> = jobs.to_vec();
        args.extend(["build", "--source-docs", "docs", "--out", &out]);
        let (code, err) = portmatrix(t.path(), &args, env);
        assert_eq!(code, 0, "{err}");
        let snap = tree(&t.path().join(&out));
        match &first {
            None => {
                let json = String::from_utf8(snap["portmatrix.json"].clone()).unwrap();
                assert_eq!(json.matches("\"asset_id\"").count(), 60);
                let diags = String::from_utf8(snap["diagnostics.txt"].clone()).unwrap();
                // Pages 3, 17, 31, 45, 59 (i % 7 == 3, odd: zh-CN) and 10, 24, 38, 52 (en-US).
                assert_eq!(
                    diags.matches("warning[unrecognized_endpoint]").count(),
                    9,
                    "{diags}"
                );
                first = Some(snap);
            }
            Some(f) => assert!(f == &snap, "run {name} differs"),
        }
    }
    // `json` to stdout, streamed, is the same document as build's file.
    let out = bin()
        .args(["-j", "2", "json", "--source-docs", "docs"])
        .current_dir(t.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(out.stdout == first.unwrap()["portmatrix.json"]);
}

#[test]
fn streamed_json_equals_the_in_memory_document() {
    let m = portmatrix::embedded();
    let mut streamed = Vec::new();
    portmatrix::json::write_json(m, &mut streamed).unwrap();
    assert_eq!(
        String::from_utf8(streamed).unwrap(),
        portmatrix::json::to_json(m)
    );
}

#[test]
#[ignore = "needs PORTMATRIX_CORPUS (the real corpus)"]
fn corpus_json_is_identical_for_1_and_n_threads() {
    let run = |jobs: &str| {
        run_ok(
            bin()
                .args(["-j", jobs, "json", "-q", "--source-docs"])
                .arg(corpus_dir()),
        )
        .stdout
    };
    let one = run("1");
    let v: serde_json::Value = serde_json::from_slice(&one).unwrap();
    let rules: usize = v["pages"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["tables"].as_array().unwrap())
        .map(|t| t["rules"].as_array().unwrap().len())
        .sum();
    // 2 × 237 port summary rules, 142 + 150 of the other layouts.
    assert_eq!(rules, 474 + 142 + 150);
    assert!(one == run("2"));
    assert!(one == run("7"));
}

/// `json -o FILE` streams page by page; it must write exactly what the
/// in-memory path (`json` to stdout) prints, diagnostics and all: duplicate
/// pages, a tree that is not there, an empty tree, pages with errors left
/// out by --keep-going, several trees, chunks of pages on 1 and 2 threads.
#[test]
fn streamed_file_equals_in_memory_stdout() {
    let t = docs_tree(300);
    let docs = t.path().join("docs");
    // A duplicate of page 5 (same asset id and locale), a page with an error.
    std::fs::write(docs.join("zh-CN/zz-dup.md"), page(5, "zh-CN")).unwrap();
    let bad = page(8, "en-US")
        .replace("/5061<", "/99999<")
        .replace("/4443<", "/99999<")
        .replace("/5269<", "/99999<");
    std::fs::write(docs.join("en-US/page-0008.md"), bad).unwrap();
    std::fs::create_dir_all(t.path().join("empty")).unwrap();
    let trees = [
        "--source-docs",
        "docs/zh-CN",
        "--source-docs",
        "missing",
        "--source-docs",
        "empty",
        "--source-docs",
        "docs/en-US",
    ];
    for jobs in ["1", "2"] {
        let mut args = vec!["-j", jobs, "--keep-going", "-q", "json"];
        args.extend(trees);
        let stdout = bin().args(&args).current_dir(t.path()).output().unwrap();
        assert_eq!(stdout.status.code(), Some(2));
        args.extend(["-o", "streamed.json"]);
        let (code, err) = portmatrix(t.path(), &args, &[]);
        assert_eq!(code, 2, "{err}");
        let streamed = std::fs::read(t.path().join("streamed.json")).unwrap();
        assert!(
            streamed == stdout.stdout,
            "-j {jobs}: streamed JSON differs from the in-memory one"
        );
        let v: serde_json::Value = serde_json::from_slice(&streamed).unwrap();
        assert_eq!(
            v["pages"].as_array().unwrap().len(),
            300,
            "301 pages less the one with errors"
        );
        let codes = diagnostic_codes(&v);
        assert_eq!(codes.iter().filter(|c| **c == "duplicate_page").count(), 1);
        assert_eq!(codes.iter().filter(|c| **c == "io").count(), 1);
        assert_eq!(codes.iter().filter(|c| **c == "invalid_port").count(), 3);
    }
    // Without --keep-going: nothing written, the previous file intact.
    std::fs::write(t.path().join("streamed.json"), "previous").unwrap();
    let mut args = vec!["json", "-o", "streamed.json"];
    args.extend(trees);
    let (code, err) = portmatrix(t.path(), &args, &[]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("nothing written"), "{err}");
    assert_eq!(
        std::fs::read_to_string(t.path().join("streamed.json")).unwrap(),
        "previous"
    );
    let leftovers: Vec<_> = std::fs::read_dir(t.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp."))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
