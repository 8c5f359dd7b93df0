//! What portmatrix promises about its outputs (README, "What portmatrix
//! promises about its outputs"), attack by attack: every failed, killed,
//! interrupted or refused run leaves `out/` byte for byte as it was (hashed
//! before and after) and frees what it wrote; file names from pages never
//! collide or escape; links from metadata are only web links; templates cannot
//! configure mdBook; outputs do not depend on how `--source-docs` is spelled.
//!
//! Self-contained: its own small helpers, no shared test module.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

// ---------------------------------------------------------------- helpers

use crate::support::{SEED, SEED_STEM, bin, compact_stderr};

/// Runs the binary in `dir`: exit code, stdout, stderr.
fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let o = bin().args(args).current_dir(dir).output().expect("runs");
    out3(o)
}

/// Exit code, stdout, and stderr with each diagnostic on one line
/// (`path:line: severity[code]: message`, see `support::compact_stderr`).
fn out3(o: Output) -> (i32, String, String) {
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        compact_stderr(&String::from_utf8_lossy(&o.stderr)).join("\n"),
    )
}

/// A 64-bit FNV-1a hash (stable, enough to tell files apart in a test).
fn fnv(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Every entry under `dir`, hidden ones included, by relative path: a file
/// as its length and hash, a link as its target, anything else by kind.
/// Folders are entries too (an empty folder appearing is a change).
fn hash_tree(dir: &Path) -> BTreeMap<String, String> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, String>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for p in entries {
            let rel = p.strip_prefix(root).unwrap().to_string_lossy().into_owned();
            let meta = std::fs::symlink_metadata(&p).unwrap();
            let ft = meta.file_type();
            if ft.is_symlink() {
                out.insert(
                    rel,
                    format!("-> {}", std::fs::read_link(&p).unwrap().display()),
                );
            } else if ft.is_dir() {
                out.insert(rel.clone() + "/", "dir".into());
                walk(root, &p, out);
            } else if ft.is_file() {
                let bytes = std::fs::read(&p).unwrap();
                out.insert(rel, format!("{} {:016x}", bytes.len(), fnv(&bytes)));
            } else {
                out.insert(rel, "special".into());
            }
        }
    }
    let mut m = BTreeMap::new();
    if dir.exists() {
        walk(dir, dir, &mut m);
    }
    m
}

/// One hash for a whole tree (for messages).
fn digest(tree: &BTreeMap<String, String>) -> String {
    let mut all = String::new();
    for (k, v) in tree {
        all.push_str(k);
        all.push('\0');
        all.push_str(v);
        all.push('\n');
    }
    format!("{} entries, {:016x}", tree.len(), fnv(all.as_bytes()))
}

fn assert_same(before: &BTreeMap<String, String>, after: &BTreeMap<String, String>, what: &str) {
    if before != after {
        let changed: Vec<&String> = before
            .keys()
            .chain(after.keys())
            .filter(|k| before.get(*k) != after.get(*k))
            .take(10)
            .collect();
        panic!("{what}: out/ changed: {changed:?}");
    }
}

/// The names in `dir` (hidden ones included), sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// The seed with another asset id (a page of its own), optionally with TCP
/// 5269 changed into `port` (so that its diagrams differ).
fn page(asset: u32, port: Option<u16>) -> String {
    let id = format!("{asset:08x}-0000-4000-8000-000000000000");
    let mut s = SEED.replace("f7cbd0f1-841d-4116-8d17-e9d991daa4a8", &id);
    if let Some(p) = port {
        s = s.replace("XMPP/TCP/5269", &format!("XMPP/TCP/{p}"));
    }
    s
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A docs tree `<dir>/docs/zh-CN/` with the seed.
fn docs(dir: &Path) -> PathBuf {
    let d = dir.join("docs");
    write(&d.join(format!("zh-CN/{SEED_STEM}.md")), SEED);
    d
}

fn canon(p: &Path) -> String {
    p.canonicalize().unwrap().display().to_string()
}

fn corpus() -> Option<PathBuf> {
    Some(crate::support::corpus_dir())
}

/// Waits for `child` at most `secs`; kills it and fails if it hangs.
fn wait(mut child: Child, secs: u64) -> (i32, String, String) {
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            return out3(child.wait_with_output().unwrap());
        }
        if start.elapsed() > Duration::from_secs(secs) {
            let _ = child.kill();
            panic!("portmatrix did not finish in {secs} s");
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// A small xorshift generator; the seed is printed so a run can be replayed
/// (PORTMATRIX_KILL_SEED).
struct Rng(u64);

impl Rng {
    fn new() -> Rng {
        let seed = std::env::var("PORTMATRIX_KILL_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap()
                    .as_nanos() as u64
                    | 1
            });
        eprintln!("random seed: PORTMATRIX_KILL_SEED={seed}");
        Rng(seed)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

// ---------------------------------------------------- all or nothing

/// A build that fails (input errors: exit 2; a file of the user's in the way
/// of a new output: exit 1; a broken template in `book`: exit 1) changes
/// nothing in out/ and leaves nothing beside it.
#[test]
fn failed_runs_leave_out_byte_identical_and_nothing_beside_it() {
    let t = tempfile::tempdir().unwrap();
    let d = docs(t.path());
    let (code, _, err) = run(
        t.path(),
        &["build", "--source-docs", "docs", "--out", "out"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(t.path().join("out/.portmatrix-manifest").is_file());
    let before = hash_tree(&t.path().join("out"));

    // 1. Input errors: exit 2, nothing written.
    write(
        &d.join("zh-CN/bad.md"),
        &page(2, None).replacen("XMPP/TCP/5269", "XMPP/TCP/99999", 1),
    );
    let (code, _, err) = run(
        t.path(),
        &["build", "--source-docs", "docs", "--out", "out"],
    );
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("docs/zh-CN/bad.md:51: error[invalid_port]")
            && err.contains("error: 1 error(s) in the input; nothing written"),
        "{err}"
    );
    assert_same(&before, &hash_tree(&t.path().join("out")), "input errors");
    assert_eq!(names(t.path()), ["docs", "out"]);

    // 2. A file the user put where the new page's diagram goes: exit 1.
    std::fs::remove_file(d.join("zh-CN/bad.md")).unwrap();
    write(&d.join("zh-CN/new.md"), &page(3, Some(5270)));
    write(
        &t.path().join("out/diagrams/zh-CN/new-topology.svg"),
        "the user's own drawing",
    );
    let before = hash_tree(&t.path().join("out"));
    let (code, _, err) = run(
        t.path(),
        &["build", "--source-docs", "docs", "--out", "out"],
    );
    assert_eq!(code, 1, "{err}");
    let taken = format!(
        "error: refusing to write {}/diagrams/zh-CN/new-topology.svg: portmatrix did not write \
         this file and a new output has its name; move it away and run again",
        canon(&t.path().join("out"))
    );
    assert!(err.contains(&taken), "{err}");
    assert_same(&before, &hash_tree(&t.path().join("out")), "taken name");
    assert_eq!(names(t.path()), ["docs", "out"]);

    // 3. `book` with a template that does not render: exit 1.
    std::fs::remove_file(t.path().join("out/diagrams/zh-CN/new-topology.svg")).unwrap();
    let (code, _, err) = run(
        t.path(),
        &["book", "--source-docs", "docs", "--out", "out/book"],
    );
    assert_eq!(code, 0, "{err}");
    let before = hash_tree(&t.path().join("out"));
    write(&t.path().join("tpl/by-port.md.tera"), "{{ no_such.field }}");
    let (code, _, err) = run(
        t.path(),
        &[
            "book",
            "--source-docs",
            "docs",
            "--out",
            "out/book",
            "--templates",
            "tpl",
        ],
    );
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(
            "error: cannot build the books in out/book\n  caused by: rendering by-port.md.tera"
        ),
        "{err}"
    );
    assert_same(&before, &hash_tree(&t.path().join("out")), "bad template");
    assert_eq!(names(t.path()), ["docs", "out", "tpl"]);
    assert!(
        names(&t.path().join("out"))
            .iter()
            .all(|n| !n.contains("portmatrix-staging") && !n.contains(".lock")),
        "{:?}",
        names(&t.path().join("out"))
    );
}

/// Ctrl-C (SIGINT) during a build: exit 130, out/ as it was, the staging
/// folder and the lock file removed at once (not by the next run).
#[test]
fn ctrl_c_leaves_out_as_it_was_and_frees_the_staging_folder() {
    let t = tempfile::tempdir().unwrap();
    docs(t.path());
    let args = ["build", "--source-docs", "docs", "--out", "out"];
    let (code, _, err) = run(t.path(), &args);
    assert_eq!(code, 0, "{err}");
    let before = hash_tree(&t.path().join("out"));
    write(&t.path().join("docs/zh-CN/more.md"), &page(5, Some(5271)));
    let mut rng = Rng::new();
    let mut interrupted = 0;
    for _ in 0..4 {
        let child = bin()
            .args(args)
            .current_dir(t.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let pid = child.id();
        // Once the staging folder exists (the handler is in place long before).
        let staging = t.path().join(format!(".out.portmatrix-staging.{pid}"));
        let start = Instant::now();
        while !staging.exists() && start.elapsed() < Duration::from_secs(20) {
            std::thread::sleep(Duration::from_millis(2));
        }
        std::thread::sleep(Duration::from_millis(rng.below(300)));
        let _ = Command::new("kill")
            .args(["-INT", &pid.to_string()])
            .status();
        let (code, _, err) = wait(child, 120);
        if code == 0 {
            // Finished before the signal: the new tree, whole. Back to the
            // previous one.
            std::fs::remove_file(t.path().join("docs/zh-CN/more.md")).unwrap();
            let (c, _, e) = run(t.path(), &args);
            assert_eq!(c, 0, "{e}");
            assert_same(&before, &hash_tree(&t.path().join("out")), "rebuilt");
            write(&t.path().join("docs/zh-CN/more.md"), &page(5, Some(5271)));
            continue;
        }
        interrupted += 1;
        assert_eq!(code, 130, "{err}");
        assert!(
            err.contains(&format!(
                "interrupted: {} left as it was; nothing of this run is kept",
                canon(&t.path().join("out"))
            )),
            "{err}"
        );
        assert_same(&before, &hash_tree(&t.path().join("out")), "Ctrl-C");
        assert_eq!(names(t.path()), ["docs", "out"], "freed at once");
    }
    assert!(interrupted > 0, "every build finished before its Ctrl-C");
}

/// kill -9 at 20 moments of a build of the real corpus (16 random ones and 4
/// at its phases: staging folder made, JSON written, books being built,
/// manifest written = the swap is next): out/ is always either the previous
/// tree or the whole new one, byte for byte; the next build succeeds, makes
/// the new tree and leaves nothing beside out/.
#[test]
#[ignore = "needs PORTMATRIX_CORPUS (the real corpus)"]
fn kill_9_at_20_moments_never_leaves_a_mixed_out() {
    let corpus = corpus().expect("PORTMATRIX_CORPUS");
    let t = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let en = corpus.join("en-US");
    let (en, all) = (en.to_str().unwrap(), corpus.to_str().unwrap());
    // The previous out/: en-US only, so that a tree mixing it with the new
    // one (both locales) would show.
    let previous = || {
        let t0 = Instant::now();
        let (code, _, err) = run(
            t.path(),
            &["build", "-q", "--source-docs", en, "--out", "out"],
        );
        assert_eq!(code, 0, "{err}");
        (hash_tree(&t.path().join("out")), t0.elapsed())
    };
    let (prev, half) = previous();
    let mut rng = Rng::new();
    // Random moments over the first part of a build (about twice the
    // en-US-only one), at most 2 s each to keep the test short; the late
    // phases are reached by waiting for them.
    let window = (2 * half.as_millis() as u64).clamp(200, 2000);
    let phases = ["", "portmatrix.json", "book", ".portmatrix-manifest"];
    let mut states = Vec::new();
    for i in 0..20 {
        let mut child = bin()
            .args(["build", "-q", "--source-docs", all, "--out", "out"])
            .current_dir(t.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let staging = t
            .path()
            .join(format!(".out.portmatrix-staging.{}", child.id()));
        let what = if i < 16 {
            let ms = rng.below(window);
            std::thread::sleep(Duration::from_millis(ms));
            format!("after {ms} ms")
        } else {
            let phase = phases[i - 16];
            let target = staging.join(phase);
            let start = Instant::now();
            while !target.exists()
                && child.try_wait().unwrap().is_none()
                && start.elapsed() < Duration::from_secs(120)
            {
                std::thread::sleep(Duration::from_millis(1));
            }
            format!("when staging/{phase} appeared")
        };
        let _ = child.kill();
        let _ = child.wait();
        let now = hash_tree(&t.path().join("out"));
        let kept = now == prev;
        eprintln!(
            "kill #{i} {what}: out/ {}",
            if kept {
                "is the previous tree"
            } else {
                "changed"
            }
        );
        if !kept && i < 19 {
            // Back to the previous tree, so that the next kill can show a mix.
            assert_same(&prev, &previous().0, "rebuilt");
        }
        states.push((i, what, kept, now));
    }
    // The next build cleans up what the dead ones left and succeeds.
    let (code, _, err) = run(
        t.path(),
        &["build", "-q", "--source-docs", all, "--out", "out"],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(names(t.path()), ["out"], "no staging or lock left");
    let new = hash_tree(&t.path().join("out"));
    assert_ne!(digest(&prev), digest(&new));
    let mut swapped = 0;
    for (i, what, kept, now) in &states {
        if !kept {
            // Killed after the swap: then it must be the new tree, whole.
            assert!(
                now == &new,
                "kill #{i} {what}: out/ is neither the previous tree ({}) nor the new one ({}): {}",
                digest(&prev),
                digest(&new),
                digest(now)
            );
            swapped += 1;
        }
    }
    eprintln!(
        "{} kill(s) left the previous tree, {swapped} the whole new one; {:.1} s",
        states.len() - swapped,
        started.elapsed().as_secs_f64()
    );
}

/// A full disk (a 2 MB tmpfs): exit 1 with the system's message, out/ as it
/// was, and the space the failed run took is free again. Needs root to mount;
/// skipped with a message otherwise.
#[test]
fn a_full_disk_leaves_out_as_it_was_and_frees_the_space() {
    let t = tempfile::tempdir().unwrap();
    let fs = t.path().join("fs");
    std::fs::create_dir(&fs).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=2m", "tmpfs"])
        .arg(&fs)
        .stderr(Stdio::piped())
        .output();
    match mounted {
        Ok(o) if o.status.success() => {}
        Ok(o) => {
            eprintln!(
                "SKIPPED a_full_disk_leaves_out_as_it_was_and_frees_the_space: cannot mount a tmpfs \
                 (not root?): {}",
                String::from_utf8_lossy(&o.stderr).trim()
            );
            return;
        }
        Err(e) => {
            eprintln!(
                "SKIPPED a_full_disk_leaves_out_as_it_was_and_frees_the_space: no mount: {e}"
            );
            return;
        }
    }
    struct Unmount(PathBuf);
    impl Drop for Unmount {
        fn drop(&mut self) {
            let _ = Command::new("umount").arg(&self.0).status();
        }
    }
    let _guard = Unmount(fs.clone());
    let used = || {
        let o = Command::new("df")
            .args(["--output=used", "-B1"])
            .arg(&fs)
            .output()
            .unwrap();
        String::from_utf8_lossy(&o.stdout)
            .lines()
            .last()
            .unwrap_or("")
            .trim()
            .to_string()
    };
    // Four pages, outside the small file system.
    let d = docs(t.path());
    for i in 0..3 {
        write(
            &d.join(format!("zh-CN/p{i}.md")),
            &page(400 + i, Some(7000 + i as u16)),
        );
    }
    // A small previous out/ (SVG and Mermaid diagrams of the embedded page).
    let (code, _, err) = run(
        &fs,
        &["diagrams", "--format", "svg,mermaid", "--out", "out"],
    );
    assert_eq!(code, 0, "{err}");
    let before = hash_tree(&fs.join("out"));
    let space = used();
    // Everything (4 MB with the books for one page) does not fit; neither
    // do the books, nor the PNGs of four pages (when a font can draw them).
    let pngs = portmatrix::diagram::png::PngRenderer::new().has_glyph('访');
    let mut runs = vec![
        &["build", "--out", "out"][..],
        &["book", "--source-docs", "../docs", "--out", "out"][..],
    ];
    if pngs {
        runs.push(
            &[
                "diagrams",
                "--png",
                "--source-docs",
                "../docs",
                "--out",
                "out",
            ][..],
        );
    } else {
        eprintln!("no font with CJK glyphs: the PNG case is not run");
    }
    for args in runs {
        let (code, _, err) = run(&fs, args);
        assert_eq!(code, 1, "{args:?}: {err}");
        assert!(
            err.contains("No space left on device (os error 28)"),
            "{args:?}: {err}"
        );
        assert_same(&before, &hash_tree(&fs.join("out")), &format!("{args:?}"));
        assert_eq!(names(&fs), ["out"], "{args:?}: nothing left beside out/");
        assert_eq!(used(), space, "{args:?}: the space is free again");
    }
}

/// Two builds into one out/ at once: the second is refused at once (exit 1,
/// its message), the first one's result is whole (equal to a build made
/// alone). A `book --out out/book` inside it is refused too.
#[test]
fn a_second_concurrent_build_is_refused_and_the_first_is_whole() {
    let t = tempfile::tempdir().unwrap();
    docs(t.path());
    write(&t.path().join("docs/zh-CN/two.md"), &page(6, Some(5272)));
    let (code, _, err) = run(
        t.path(),
        &["build", "--source-docs", "docs", "--out", "alone"],
    );
    assert_eq!(code, 0, "{err}");
    let alone = hash_tree(&t.path().join("alone"));
    let (code, _, err) = run(t.path(), &["build", "--out", "out"]);
    assert_eq!(code, 0, "{err}");
    let first = bin()
        .args(["build", "--source-docs", "docs", "--out", "out"])
        .current_dir(t.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let staging = t
        .path()
        .join(format!(".out.portmatrix-staging.{}", first.id()));
    let start = Instant::now();
    while !staging.exists() && start.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(1));
    }
    assert!(staging.exists(), "the first build did not start");
    let busy = format!(
        "error: another portmatrix run is writing {}; wait for it to finish",
        canon(&t.path().join("out"))
    );
    for args in [
        &["build", "--source-docs", "docs", "--out", "out"][..],
        &["book", "--source-docs", "docs", "--out", "out/book"][..],
    ] {
        let (code, _, err) = run(t.path(), args);
        assert_eq!(code, 1, "{args:?}: {err}");
        assert!(err.contains(&busy), "{args:?}: {err}");
    }
    let (code, _, err) = wait(first, 300);
    assert_eq!(code, 0, "{err}");
    assert_same(
        &alone,
        &hash_tree(&t.path().join("out")),
        "the first build's result",
    );
    assert_eq!(names(t.path()), ["alone", "docs", "out"]);
}

// ---------------------------------------------------- only our files

/// `json -o`: `-` is standard output; a device, a FIFO, a symbolic link, a
/// folder and a page of the docs tree are refused before any work (exit 1),
/// and left as they were.
#[test]
fn json_o_writes_only_regular_files_of_ours() {
    let t = tempfile::tempdir().unwrap();
    let d = docs(t.path());
    let dir = t.path();
    // `-o -`: the document on stdout, no file named `-`.
    let (code, out, err) = run(dir, &["json", "--source-docs", "docs", "-o", "-"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("{\n  \"schema_version\": 2"), "{out:.80}");
    assert!(!dir.join("-").exists());
    let (code, out2, _) = run(dir, &["json", "-o", "-"]);
    assert_eq!(code, 0);
    assert!(out2.contains(&format!("\"path\": \"source-docs/zh-CN/{SEED_STEM}.md\"")));

    assert!(
        Command::new("mkfifo")
            .arg(dir.join("fifo"))
            .status()
            .unwrap()
            .success()
    );
    std::os::unix::fs::symlink(dir.join("target.json"), dir.join("link")).unwrap();
    write(&dir.join("target.json"), "theirs");
    let page = format!("docs/zh-CN/{SEED_STEM}.md");
    let cases: [(&str, String); 6] = [
        (
            "/dev/null",
            "error: /dev/null is a device; only a regular file or a new path is written".into(),
        ),
        (
            "fifo",
            "error: fifo is a FIFO; only a regular file or a new path is written".into(),
        ),
        (
            "link",
            "error: link is a symbolic link; only a regular file or a new path is written".into(),
        ),
        (
            "docs",
            "error: docs is a directory; only a regular file or a new path is written".into(),
        ),
        (
            "/",
            "error: / is a directory; only a regular file or a new path is written".into(),
        ),
        (
            &page,
            format!(
                "error: refusing to write {page}: it is a page of the docs tree {} that is being read",
                canon(&d)
            ),
        ),
    ];
    let before = hash_tree(dir);
    for (target, message) in &cases {
        for streamed in [true, false] {
            let mut args = vec!["json", "-o", target];
            if streamed {
                args.extend(["--source-docs", "docs"]);
            }
            let child = bin()
                .args(&args)
                .current_dir(dir)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            // A FIFO opened by mistake would block: wait with a limit.
            let (code, _, err) = wait(child, 60);
            if !streamed && *target == page {
                // Without --source-docs no docs tree is read: a new file.
                continue;
            }
            assert_eq!(code, 1, "-o {target}: {err}");
            assert_eq!(err.trim_end(), message, "-o {target}");
        }
    }
    // The page was replaced by the run without --source-docs (it is no docs
    // tree then); everything else is as it was.
    let mut after = hash_tree(dir);
    let mut before = before;
    before.remove(&page);
    after.remove(&page);
    assert_same(&before, &after, "json -o");
    let meta = std::fs::symlink_metadata("/dev/null").unwrap();
    assert!(std::os::unix::fs::FileTypeExt::is_char_device(
        &meta.file_type()
    ));
    assert_eq!(
        std::fs::read_to_string(dir.join("target.json")).unwrap(),
        "theirs"
    );
}

/// `--out` that is `/`, a docs tree, a folder holding one, a folder of
/// someone else's, a file or a symbolic link is refused (exit 1) for
/// `build`, `book` and `diagrams`, and nothing is written anywhere.
#[test]
fn out_folders_that_are_not_ours_are_refused() {
    let t = tempfile::tempdir().unwrap();
    let d = docs(t.path());
    let dir = t.path();
    write(&dir.join("home/photo.jpg"), "x");
    write(&dir.join("file"), "x");
    std::os::unix::fs::symlink(dir.join("home"), dir.join("link")).unwrap();
    let abs = |p: &str| canon(&dir.join(p));
    let cases: Vec<(&str, String)> = vec![
        (
            "/",
            "error: refusing to write /: the root folder cannot be an output folder".into(),
        ),
        (
            "docs",
            format!(
                "error: refusing to write {}: it is a docs tree that is being read; choose an --out outside it",
                canon(&d)
            ),
        ),
        (
            ".",
            format!(
                "error: refusing to write {}: it holds the docs tree {} that is being read; choose an --out outside it",
                canon(dir),
                canon(&d)
            ),
        ),
        (
            "home",
            format!(
                "error: refusing to write {}: it is not empty and has no .portmatrix-manifest, so portmatrix did not write it; choose a new or empty folder",
                abs("home")
            ),
        ),
        (
            "file",
            format!(
                "error: refusing to write {}: it exists and is not a folder",
                abs("file")
            ),
        ),
        (
            "link",
            format!(
                "error: refusing to write {}/link: it is a symbolic link; give the folder it points to, or a new folder",
                canon(dir)
            ),
        ),
    ];
    let before = hash_tree(dir);
    for (out, message) in &cases {
        for cmd in ["build", "book", "diagrams"] {
            let (code, _, err) = run(dir, &[cmd, "--source-docs", "docs", "--out", out]);
            assert_eq!(code, 1, "{cmd} --out {out}: {err}");
            assert_eq!(err.trim_end(), message, "{cmd} --out {out}");
        }
    }
    assert_same(&before, &hash_tree(dir), "refused outputs");
}

/// Files a user put in out/ are kept (and named), files of ours that a new
/// build does not make (a page removed: its diagrams) are removed, and a
/// `book --out out/book` inside a build's out/ is allowed.
#[test]
fn files_of_others_are_kept_and_stale_outputs_removed() {
    let t = tempfile::tempdir().unwrap();
    let d = docs(t.path());
    write(&d.join("zh-CN/old.md"), &page(7, Some(5273)));
    let args = ["build", "--source-docs", "docs", "--out", "out"];
    let (code, _, err) = run(t.path(), &args);
    assert_eq!(code, 0, "{err}");
    let out = t.path().join("out");
    assert!(out.join("diagrams/zh-CN/old-topology.svg").is_file());
    write(&out.join("book/notes.txt"), "mine");
    write(&out.join("mine/deep/file.txt"), "mine too");
    std::fs::remove_file(d.join("zh-CN/old.md")).unwrap();
    let (code, _, err) = run(t.path(), &args);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains(
            "note: kept 2 file(s) in out that portmatrix did not write: book/notes.txt, mine/deep/file.txt"
        ),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("book/notes.txt")).unwrap(),
        "mine"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("mine/deep/file.txt")).unwrap(),
        "mine too"
    );
    assert!(
        !out.join("diagrams/zh-CN/old-topology.svg").exists(),
        "stale"
    );
    assert!(!out.join("book/en-US/old.html").exists(), "stale");
    let manifest = std::fs::read_to_string(out.join(".portmatrix-manifest")).unwrap();
    assert!(manifest.contains("portmatrix.json\n") && !manifest.contains("notes.txt"));
    // `book` into the build's book folder (default --out out/book).
    let (code, _, err) = run(t.path(), &["book", "--source-docs", "docs"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.join("book/_sources/en-US/book.toml").is_file());
    assert_eq!(
        std::fs::read_to_string(out.join("book/notes.txt")).unwrap(),
        "mine"
    );
    assert_eq!(names(t.path()), ["docs", "out"]);
}

/// `i18n update --locale` takes a BCP 47 tag only (exit 2 from the argument
/// parser otherwise), and nothing is written outside --dir.
#[test]
fn i18n_locales_are_language_tags_and_stay_in_dir() {
    let t = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(t.path().join("a/b/dir")).unwrap();
    let before = hash_tree(t.path());
    let inside = t.path().join("a/b");
    for bad in ["../../x", "..", "en/US", "x/../../y", "zh-CN/..", ""] {
        let (code, _, err) = run(
            &inside,
            &["i18n", "update", "--dir", "dir", "--locale", bad],
        );
        assert_eq!(code, 2, "{bad}: {err}");
        assert!(
            err.starts_with(&format!(
                "error: invalid value '{bad}' for '--locale <L>': `{bad}` is not a BCP 47 language tag"
            )),
            "{bad}: {err}"
        );
        let (code, _, err) = run(&inside, &["book", "--out", "bk", "--locale", bad]);
        assert_eq!(code, 2, "{bad}: {err}");
    }
    assert_same(&before, &hash_tree(t.path()), "bad locales");
    let (code, _, err) = run(
        &inside,
        &["i18n", "update", "--dir", "dir", "--locale", "en-US"],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(names(&inside.join("dir")), ["book.pot", "en-US"]);
    assert_eq!(names(&inside.join("dir/en-US")), ["book.po"]);
    assert_eq!(names(&inside), ["dir"]);
}

// ---------------------------------------------------- names

/// A page may have any file name: the names of generated chapters and of
/// mdBook's pages, Chinese, leading dots, 240 characters, the same name in
/// two folders. Every page gets its own chapter and diagrams, the generated
/// chapters and mdBook's pages stay theirs, and each chapter shows its own
/// page's diagram.
#[test]
fn every_file_name_a_page_can_have_builds() {
    let t = tempfile::tempdir().unwrap();
    let d = docs(t.path());
    let long = "a".repeat(237);
    let names_: Vec<String> = [
        "by-port",
        "by-endpoint",
        "locale-sync",
        "introduction",
        "print",
        "index",
        "toc",
        "404",
        "SUMMARY",
        "端口",
        "..a",
        long.as_str(),
        "x/p",
        "y/p",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for (i, n) in names_.iter().enumerate() {
        write(
            &d.join(format!("zh-CN/{n}.md")),
            &page(100 + i as u32, Some(6000 + i as u16)),
        );
    }
    let (code, _, err) = run(
        t.path(),
        &["build", "--source-docs", "docs", "--out", "out"],
    );
    assert_eq!(code, 0, "{err}");
    let out = t.path().join("out");
    let json = std::fs::read_to_string(out.join("portmatrix.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let pages = v["pages"].as_array().unwrap();
    assert_eq!(pages.len(), names_.len() + 1);
    for l in ["zh-CN", "en-US"] {
        let book = out.join("book").join(l);
        let summary =
            std::fs::read_to_string(out.join(format!("book-src/{l}/src/SUMMARY.md"))).unwrap();
        // Each page: a chapter of its own, whose diagram shows its own port.
        for (i, n) in names_.iter().enumerate() {
            let port = 6000 + i;
            let title_path = format!("docs/zh-CN/{n}.md");
            // The page chapter whose "source file" line names the page
            // (print.html has every chapter: not that one).
            let chapter = std::fs::read_dir(&book)
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| {
                    p.extension().is_some_and(|e| e == "html")
                        && p.file_name().is_some_and(|n| n != "print.html")
                })
                .find(|p| {
                    let html = std::fs::read_to_string(p).unwrap();
                    html.split("class=\"pm-meta\"")
                        .nth(1)
                        .and_then(|m| m.split("</p>").next())
                        .is_some_and(|m| m.contains(&format!("<code>{title_path}</code>")))
                })
                .unwrap_or_else(|| panic!("{l}: no chapter for {n}"));
            let name = chapter.file_stem().unwrap().to_string_lossy().into_owned();
            assert!(summary.contains(&format!("({name}.md)")), "{l}: {name}");
            assert!(
                name.len() <= 120 && !name.starts_with('.') && !name.contains('/'),
                "{name}"
            );
            let html = std::fs::read_to_string(&chapter).unwrap();
            let svg = format!("diagrams/{name}-{l}-topology.svg");
            assert!(html.contains(&svg), "{l} {n}: {svg}");
            let drawn = std::fs::read_to_string(book.join(&svg)).unwrap();
            assert!(
                drawn.contains(&format!("TCP {port}")),
                "{l} {n}: not its diagram"
            );
        }
        // The generated chapters and mdBook's pages are theirs.
        let by_port = std::fs::read_to_string(book.join("by-port.html")).unwrap();
        assert!(
            by_port.contains("pm-port-index"),
            "{l}: by-port.html is not the generated chapter"
        );
        let index = std::fs::read_to_string(book.join("index.html")).unwrap();
        let intro = std::fs::read_to_string(book.join("introduction.html")).unwrap();
        assert!(!index.contains("<code>docs/zh-CN/index.md</code>"), "{l}");
        assert!(
            !intro.contains("<code>docs/zh-CN/introduction.md</code>"),
            "{l}"
        );
        assert!(book.join("print.html").is_file() && book.join("toc.html").is_file());
        let print = std::fs::read_to_string(book.join("print.html")).unwrap();
        assert!(
            print.contains("window.print"),
            "{l}: print.html is not mdBook's"
        );
    }
    // The diagrams folder: 3 files per page (two SVGs and a Mermaid chart;
    // PNGs only with --png), every name distinct.
    let files = names(&out.join("diagrams/zh-CN"));
    assert_eq!(files.len(), 3 * (names_.len() + 1), "{files:?}");
    assert!(
        files.iter().any(|f| f == "端口-topology.svg"),
        "CJK kept: {files:?}"
    );
    assert!(files.iter().any(|f| f == "a-topology.svg"), "{files:?}");
    assert!(files.iter().all(|f| !f.starts_with('.')), "{files:?}");
    let p: Vec<&String> = files
        .iter()
        .filter(|f| f.starts_with("p-") && f.ends_with("-topology.svg"))
        .collect();
    assert_eq!(p.len(), 2, "x/p and y/p: {files:?}");
}

// ---------------------------------------------------- safe by construction

/// `ms:mtpsurl: javascript:…` is shown as text, never as a link; an https URL
/// stays a link.
#[test]
fn links_from_page_metadata_are_web_links_only() {
    let t = tempfile::tempdir().unwrap();
    let d = docs(t.path());
    for (i, url) in [
        "javascript:alert(document.domain)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "//evil.example/x",
        "https:/x",
    ]
    .iter()
    .enumerate()
    {
        let text = page(200 + i as u32, None).replace(
            "ms:mtpsurl: https://technet.microsoft.com/zh-cn/library/JJ205394(v=OCS.15)",
            &format!("ms:mtpsurl: {url}"),
        );
        write(&d.join(format!("zh-CN/u{i}.md")), &text);
    }
    let (code, _, err) = run(t.path(), &["book", "--source-docs", "docs", "--out", "bk"]);
    assert_eq!(code, 0, "{err}");
    for l in ["en-US", "zh-CN"] {
        for i in 0..5 {
            let html = std::fs::read_to_string(t.path().join(format!("bk/{l}/u{i}.html"))).unwrap();
            let meta = html
                .split("pm-meta")
                .nth(1)
                .unwrap()
                .split("</p>")
                .next()
                .unwrap();
            assert!(!meta.contains("<a "), "{l} u{i}: a link: {meta}");
            assert!(meta.contains("<code>"), "{l} u{i}: not shown: {meta}");
        }
        let seed =
            std::fs::read_to_string(t.path().join(format!("bk/{l}/{SEED_STEM}.html"))).unwrap();
        assert!(
            seed.contains(
                "<a href=\"https://technet.microsoft.com/zh-cn/library/JJ205394(v=OCS.15)\">"
            ),
            "{l}: the https link is gone"
        );
        let all = std::fs::read_dir(t.path().join(format!("bk/{l}")))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "html"))
            .map(|p| std::fs::read_to_string(p).unwrap().to_ascii_lowercase())
            .collect::<Vec<_>>()
            .join("\n");
        assert!(!all.contains("href=\"javascript:"), "{l}");
        assert!(!all.contains("href=\"data:"), "{l}");
    }
}

/// `book.toml` is the project's, not a template's: a `--templates` folder
/// with `book.toml.tera` is refused (exit 1), and the file written has no
/// preprocessor and no command.
#[test]
fn templates_cannot_configure_mdbook() {
    let t = tempfile::tempdir().unwrap();
    write(
        &t.path().join("tpl/book.toml.tera"),
        "[preprocessor.x]\ncommand = \"touch pwned\"\n",
    );
    let (code, _, err) = run(t.path(), &["book", "--templates", "tpl", "--out", "bk"]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(
        err.trim_end(),
        "error: cannot build the books in bk\n  caused by: tpl/book.toml.tera: book.toml is written by \
         portmatrix, not from a template (a template that wrote it could make mdBook run commands); \
         remove this file"
    );
    assert!(!t.path().join("pwned").exists());
    assert_eq!(names(t.path()), ["tpl"]);
    let (code, _, err) = run(t.path(), &["book", "--out", "bk"]);
    assert_eq!(code, 0, "{err}");
    let toml = std::fs::read_to_string(t.path().join("bk/_sources/en-US/book.toml")).unwrap();
    assert!(
        !toml.contains("[preprocessor") && !toml.contains("command"),
        "{toml}"
    );
    assert!(toml.contains("use-default-preprocessors = false"), "{toml}");
    assert!(toml.contains("language = \"en-US\""), "{toml}");
}

// ---------------------------------------------------- same tree, same output

/// `/abs/docs`, `docs`, `./docs`, `docs/` (and `--out` inside the tree, run
/// twice) give byte-identical outputs; paths in them are `docs/<relative
/// path>`; terminal diagnostics keep the path as typed.
#[test]
fn outputs_do_not_depend_on_the_spelling_of_source_docs() {
    let t = tempfile::tempdir().unwrap();
    let d = docs(t.path());
    // A warning, to see the terminal path.
    write(
        &d.join("zh-CN/warn.md"),
        &page(300, None).replacen("<td><p>任意</p></td>", "<td><p>Mystery box</p></td>", 1),
    );
    let abs = d.to_str().unwrap().to_string();
    let spellings = [abs.as_str(), "docs", "./docs", "docs/", "docs/zh-CN/.."];
    let mut first: Option<BTreeMap<String, String>> = None;
    for (i, s) in spellings.iter().enumerate() {
        let out = format!("out{i}");
        let (code, _, err) = run(t.path(), &["build", "--source-docs", s, "--out", &out]);
        assert_eq!(code, 0, "{s}: {err}");
        let shown = format!("{}/zh-CN/warn.md:", s.trim_end_matches('/'));
        assert!(err.contains(&shown), "{s}: terminal path as typed: {err}");
        let tree = hash_tree(&t.path().join(&out));
        match &first {
            None => {
                let json =
                    std::fs::read_to_string(t.path().join(&out).join("portmatrix.json")).unwrap();
                assert!(
                    json.contains("\"path\": \"docs/zh-CN/warn.md\""),
                    "relative path"
                );
                assert!(
                    !json.contains(t.path().to_str().unwrap()),
                    "no absolute path"
                );
                first = Some(tree);
            }
            Some(f) => assert_same(f, &tree, s),
        }
    }
    // Built into `docs/out`, inside the tree it reads: the same output.
    let build_inside = |what: &str| {
        let (code, _, err) = run(
            t.path(),
            &["build", "--source-docs", "docs", "--out", "docs/out"],
        );
        assert_eq!(code, 0, "{err}");
        assert_same(first.as_ref().unwrap(), &hash_tree(&d.join("out")), what);
    };
    // --out inside the docs tree: never read back, same output both times.
    for _ in 0..2 {
        build_inside("--out inside docs");
    }
    // A staging folder left inside the tree by a killed run is not read either.
    write(
        &d.join(".out.portmatrix-staging.1/zh-CN/x.md"),
        &page(301, None),
    );
    build_inside("staging inside docs");
}

/// A FIFO (and a device) named `*.md` in the docs tree is skipped with a
/// warning, never opened: the run does not hang.
#[test]
fn a_fifo_in_the_docs_tree_is_skipped_not_opened() {
    let t = tempfile::tempdir().unwrap();
    let d = docs(t.path());
    assert!(
        Command::new("mkfifo")
            .arg(d.join("zh-CN/pipe.md"))
            .status()
            .unwrap()
            .success()
    );
    std::os::unix::fs::symlink("/dev/zero", d.join("zh-CN/zero.md")).unwrap();
    for args in [
        &["json", "--source-docs", "docs"][..],
        &["json", "--source-docs", "docs", "-o", "m.json"][..],
        &["build", "--source-docs", "docs", "--out", "out"][..],
    ] {
        // stdout is not read while waiting: a JSON document larger than the
        // pipe's buffer would block the child, so it goes nowhere.
        let child = bin()
            .args(args)
            .current_dir(t.path())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let (code, _, err) = wait(child, 120);
        assert_eq!(code, 0, "{args:?}: {err}");
        assert!(
            err.contains(
                "docs/zh-CN/pipe.md: warning[skipped_path]: a FIFO (named pipe), not a page; skipped without opening it"
            ),
            "{args:?}: {err}"
        );
        assert!(
            err.contains(
                "docs/zh-CN/zero.md: warning[skipped_path]: a device, not a page; skipped without opening it"
            ),
            "{args:?}: {err}"
        );
    }
}

/// The naming functions, as a library: sanitized, short, unique, stable.
#[test]
fn file_names_from_pages_are_safe_and_stable() {
    use portmatrix::filename::{BOOK_RESERVED, MAX_NAME_BYTES, is_locale_tag, sanitize, unique};
    for (raw, want) in [
        ("端口", "端口"),
        ("..a", "a"),
        ("../../etc/passwd", "etc-passwd"),
        (".hidden", "hidden"),
        ("By Port", "by-port"),
        ("", ""),
    ] {
        assert_eq!(sanitize(raw), want, "{raw:?}");
    }
    let items: Vec<(String, String)> = ["a/p.md", "b/p.md", "c/index.md", "d/print.md"]
        .iter()
        .map(|k| {
            (
                format!("docs/{k}"),
                sanitize(portmatrix::filename::page_stem(k)),
            )
        })
        .collect();
    let n = unique(&items, BOOK_RESERVED);
    assert_eq!(n[2], "index-page");
    assert_eq!(n[3], "print-page");
    assert_ne!(n[0], n[1]);
    // Stable across runs and versions: fixed values.
    assert_eq!(n, unique(&items, BOOK_RESERVED));
    let long = unique(&[("docs/x.md".into(), "a".repeat(240))], &[]);
    assert!(long[0].len() <= MAX_NAME_BYTES);
    assert!(is_locale_tag("zh-Hans-CN") && !is_locale_tag("../x"));
}
