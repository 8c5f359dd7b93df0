//! Headless Chromium for the tests that open built books: where it is,
//! running it with a fresh profile (killed if it hangs), the DOM after the
//! page's scripts ran, screenshots, and the check that no injected script
//! ran. `PORTMATRIX_CHROMIUM` names the binary, else `/usr/bin/chromium`
//! (Debian package `chromium`; `.ci/run` installs it).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use scraper::{Html, Selector};

/// Headless Chromium with a profile of its own (a temporary folder, gone
/// with it).
pub struct Chromium {
    bin: PathBuf,
    profile: tempfile::TempDir,
}

/// `PORTMATRIX_CHROMIUM`, else `/usr/bin/chromium`.
fn binary() -> PathBuf {
    std::env::var_os("PORTMATRIX_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"))
}

impl Chromium {
    /// Chromium with a fresh profile, if there is one; else `None`, said
    /// on stderr (for the tests whose browser checks are an extra).
    pub fn find() -> Option<Chromium> {
        let bin = binary();
        if bin.is_file() {
            Some(Chromium::with(bin))
        } else {
            eprintln!(
                "{} not found: the browser checks are skipped",
                bin.display()
            );
            None
        }
    }

    /// Chromium with a fresh profile; panics, saying how to install it,
    /// when there is none (for the tests that are about the browser).
    pub fn require() -> Chromium {
        let bin = binary();
        assert!(
            bin.is_file(),
            "{} not found: install Chromium (`apt-get install -y chromium`) or set PORTMATRIX_CHROMIUM",
            bin.display()
        );
        Chromium::with(bin)
    }

    fn with(bin: PathBuf) -> Chromium {
        Chromium {
            bin,
            profile: tempfile::tempdir().unwrap(),
        }
    }

    /// The DOM of the file `page` once its scripts ran.
    pub fn dump_dom(&self, page: &Path) -> Html {
        Html::parse_document(&self.run(&["--dump-dom".into(), url(page)]))
    }

    /// A screenshot of the file `page` in a window of `width` x `height`,
    /// written to `out` (kept after the run, to look at); returns the PNG.
    pub fn screenshot(&self, page: &Path, out: &Path, (width, height): (u32, u32)) -> Vec<u8> {
        let _ = std::fs::remove_file(out);
        self.run(&[
            format!("--window-size={width},{height}"),
            format!("--screenshot={}", out.display()),
            url(page),
        ]);
        let png = std::fs::read(out).expect("a screenshot");
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "{}", out.display());
        png
    }

    /// Runs headless Chromium with the profile and `args`; returns its
    /// standard output. Killed if it hangs (a guard, not an assertion about
    /// time).
    fn run(&self, args: &[String]) -> String {
        let child = Command::new(&self.bin)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--virtual-time-budget=5000",
            ])
            .arg(format!("--user-data-dir={}", self.profile.path().display()))
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("cannot start chromium");
        let id = child.id();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(child.wait_with_output());
        });
        match rx.recv_timeout(std::time::Duration::from_secs(180)) {
            Ok(out) => {
                let out = out.expect("chromium failed");
                assert!(out.status.success(), "chromium exited with {}", out.status);
                String::from_utf8_lossy(&out.stdout).into_owned()
            }
            Err(_) => {
                let _ = Command::new("kill").arg("-9").arg(id.to_string()).status();
                panic!("chromium did not finish");
            }
        }
    }
}

/// The `file://` URL of `p`.
fn url(p: &Path) -> String {
    format!("file://{}", std::fs::canonicalize(p).unwrap().display())
}

/// Asserts that no script of a poison ran in `dom` (`what` names the page):
/// the poisons set `data-pwned` on the root element when they run, so it
/// must be unset; no `<img onerror>` and no `javascript:` link may exist.
pub fn assert_no_script_ran(dom: &Html, what: &str) {
    let sel = |s: &str| Selector::parse(s).unwrap();
    assert_eq!(
        dom.root_element().value().attr("data-pwned"),
        None,
        "{what}: a script ran"
    );
    assert_eq!(dom.select(&sel("img[onerror]")).count(), 0, "{what}");
    assert!(
        dom.select(&sel("a[href]")).all(|a| {
            !a.value()
                .attr("href")
                .unwrap()
                .trim_start()
                .to_ascii_lowercase()
                .starts_with("javascript")
        }),
        "{what}: a javascript: link"
    );
}
