//! Tests of the staging folders.

use super::*;

fn write(dir: &Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

fn read(dir: &Path, rel: &str) -> String {
    std::fs::read_to_string(dir.join(rel)).unwrap()
}

fn build(out: &Path, files: &[(&str, &str)]) -> Result<Committed, OutputError> {
    let s = Staging::begin(out, &[])?;
    for (rel, text) in files {
        write(s.dir(), rel, text);
    }
    s.commit()
}

fn siblings(out: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(out.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn commit_replaces_the_whole_tree() {
    let t = tempfile::tempdir().unwrap();
    let out = t.path().join("out");
    build(&out, &[("a.json", "1"), ("d/old.svg", "x")]).unwrap();
    let c = build(&out, &[("a.json", "2"), ("d/new.svg", "y")]).unwrap();
    assert_eq!(read(&out, "a.json"), "2");
    assert!(!out.join("d/old.svg").exists(), "stale outputs go");
    assert_eq!(read(&out, MANIFEST), "a.json\nd/new.svg\n");
    assert_eq!(c.written.len(), 2);
    // Nothing beside it: no staging folder, the lock file removed.
    assert_eq!(siblings(&out), ["out"]);
}

#[test]
fn an_abandoned_build_changes_nothing_and_frees_its_files() {
    let t = tempfile::tempdir().unwrap();
    let out = t.path().join("out");
    build(&out, &[("a.json", "1")]).unwrap();
    {
        let s = Staging::begin(&out, &[]).unwrap();
        write(s.dir(), "a.json", "2");
    } // dropped: a failed run
    assert_eq!(read(&out, "a.json"), "1");
    assert_eq!(siblings(&out), ["out"]);
}

#[test]
fn a_second_concurrent_build_is_refused() {
    let t = tempfile::tempdir().unwrap();
    let out = t.path().join("out");
    let first = Staging::begin(&out, &[]).unwrap();
    let err = Staging::begin(&out, &[]).unwrap_err();
    assert!(matches!(err, OutputError::Busy { .. }), "{err}");
    assert!(
        err.to_string()
            .starts_with("another portmatrix run is writing")
    );
    drop(first);
    Staging::begin(&out, &[]).unwrap();
}

#[test]
fn a_lock_file_left_by_a_dead_run_is_taken_over() {
    let t = tempfile::tempdir().unwrap();
    let out = t.path().join("out");
    write(t.path(), ".out.portmatrix.lock", "");
    build(&out, &[("a.json", "1")]).unwrap();
    assert_eq!(siblings(&out), ["out"]);
}

#[test]
fn staging_left_by_a_dead_run_is_removed() {
    let t = tempfile::tempdir().unwrap();
    let out = t.path().join("out");
    write(t.path(), ".out.portmatrix-staging.999999/a.json", "dead");
    build(&out, &[("a.json", "1")]).unwrap();
    assert_eq!(siblings(&out), ["out"]);
}

#[test]
fn files_we_did_not_write_are_kept() {
    let t = tempfile::tempdir().unwrap();
    let out = t.path().join("out");
    build(&out, &[("book/index.html", "1")]).unwrap();
    write(&out, "book/notes.txt", "mine");
    let c = build(&out, &[("book/index.html", "2")]).unwrap();
    assert_eq!(read(&out, "book/notes.txt"), "mine");
    assert_eq!(c.kept, [PathBuf::from("book/notes.txt")]);
    // Still not ours on the next run.
    build(&out, &[("book/index.html", "3")]).unwrap();
    assert_eq!(read(&out, "book/notes.txt"), "mine");
    assert_eq!(read(&out, MANIFEST), "book/index.html\n");
}

#[test]
fn a_new_output_never_replaces_a_file_we_did_not_write() {
    let t = tempfile::tempdir().unwrap();
    let out = t.path().join("out");
    build(&out, &[("a.json", "1")]).unwrap();
    write(&out, "b.json", "mine");
    let err = build(&out, &[("a.json", "2"), ("b.json", "ours")]).unwrap_err();
    assert!(
        err.to_string()
            .contains("portmatrix did not write this file"),
        "{err}"
    );
    assert_eq!(read(&out, "b.json"), "mine");
    assert_eq!(read(&out, "a.json"), "1");
    // A file of ours where theirs would need a folder, too.
    write(&out, "d/x", "mine");
    let err = build(&out, &[("a.json", "2"), ("d", "ours")]).unwrap_err();
    assert!(err.to_string().contains("did not write"), "{err}");
    assert_eq!(read(&out, "d/x"), "mine");
}

#[test]
fn a_folder_inside_an_output_folder_is_ours_and_takes_its_lock() {
    let t = tempfile::tempdir().unwrap();
    let out = t.path().join("out");
    build(&out, &[("a.json", "1"), ("book/index.html", "1")]).unwrap();
    write(&out, "book/notes.txt", "mine");
    // The outer folder's manifest claims out/book.
    let inner = Staging::begin(&out.join("book"), &[]).unwrap();
    let err = Staging::begin(&out, &[]).unwrap_err();
    assert!(matches!(err, OutputError::Busy { .. }), "{err}");
    write(inner.dir(), "index.html", "2");
    let c = inner.commit().unwrap();
    assert_eq!(c.kept, [PathBuf::from("notes.txt")]);
    assert_eq!(read(&out, "book/index.html"), "2");
    assert_eq!(read(&out, "book/notes.txt"), "mine");
    // And the outer build keeps the user's file, drops ours.
    let c = build(&out, &[("a.json", "2")]).unwrap();
    assert_eq!(c.kept, [PathBuf::from("book/notes.txt")]);
    assert!(!out.join("book/index.html").exists());
    assert_eq!(siblings(&out), ["out"]);
}

#[test]
fn foreign_folders_the_root_links_and_docs_trees_are_refused() {
    let t = tempfile::tempdir().unwrap();
    write(t.path(), "home/photo.jpg", "x");
    let err = Staging::begin(&t.path().join("home"), &[]).unwrap_err();
    assert!(
        err.to_string().contains("has no .portmatrix-manifest"),
        "{err}"
    );
    let err = Staging::begin(Path::new("/"), &[]).unwrap_err();
    assert!(err.to_string().contains("root folder"), "{err}");
    let docs = t.path().join("site/docs");
    std::fs::create_dir_all(&docs).unwrap();
    let err = Staging::begin(&t.path().join("site"), std::slice::from_ref(&docs)).unwrap_err();
    assert!(err.to_string().contains("holds the docs tree"), "{err}");
    let err = Staging::begin(&docs, &[t.path().join("site/./docs/")]).unwrap_err();
    assert!(err.to_string().contains("is a docs tree"), "{err}");
    write(t.path(), "file", "x");
    let err = Staging::begin(&t.path().join("file"), &[]).unwrap_err();
    assert!(err.to_string().contains("not a folder"), "{err}");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(t.path().join("home"), t.path().join("link")).unwrap();
        let err = Staging::begin(&t.path().join("link"), &[]).unwrap_err();
        assert!(err.to_string().contains("symbolic link"), "{err}");
    }
}

#[test]
fn live_staging_folders_are_registered_until_dropped() {
    let t = tempfile::tempdir().unwrap();
    let out = t.path().join("out");
    let s = Staging::begin(&out, &[]).unwrap();
    write(s.dir(), "a.json", "1");
    assert_eq!(out_of_staging(s.dir()).as_deref(), Some(out.as_path()));
    assert!(
        live()
            .iter()
            .any(|(d, locks)| d == s.dir() && locks.len() == 1)
    );
    drop(s);
    assert!(live().iter().all(|(d, _)| !d.starts_with(t.path())));
}

#[test]
fn resolve_ignores_the_spelling() {
    let t = tempfile::tempdir().unwrap();
    std::fs::create_dir(t.path().join("a")).unwrap();
    let want = t.path().canonicalize().unwrap().join("a/new/x");
    for p in ["a/new/x", "a/./new/x/", "a/new/../new/x"] {
        assert_eq!(resolve(&t.path().join(p)).unwrap(), want, "{p}");
    }
}
