//! The end-to-end harness: the real app binary in a real window under Xvfb,
//! driven over WebDriver (tauri-driver → WebKitWebDriver) with fantoccini.
//!
//! Each [`Harness`] owns a private X display and a tauri-driver on free
//! ports; each [`Harness::launch`] starts the app on a given data file (the
//! app's `--data` flag) as a new WebDriver session. Closing the session
//! closes the app, so a test can restart it on the same file.

#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

pub const APP: &str = env!("CARGO_BIN_EXE_moto4s");
const WAIT: Duration = Duration::from_secs(20);

/// One window at a time: the tests of a binary run on parallel threads, but
/// two WebKit processes at once on a 2-core machine only make them slower
/// and flakier.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

pub struct Harness {
    _turn: std::sync::MutexGuard<'static, ()>,
    xvfb: Child,
    driver: Child,
    pub display: String,
    port: u16,
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// The app's clock variable (core's `dates::CLOCK_VAR`).
pub const CLOCK_VAR: &str = moto4s_core::dates::CLOCK_VAR;

/// A date as a `NaiveDate` (tests name the day they run on).
pub fn day(iso: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d").expect("a date")
}

impl Harness {
    /// Starts a display and a driver whose app windows run on `today`: the
    /// app's clock is set by `MOTO4S_TODAY` (from 09:00 that day), so what
    /// the window shows does not depend on the day the test is run. The
    /// test prepares its data with the same date (the core's `…_on(today)`
    /// functions).
    pub fn start_on(today: chrono::NaiveDate) -> Harness {
        let turn = ONE_AT_A_TIME.lock().unwrap_or_else(|p| p.into_inner());
        // Xvfb picks a free display and writes its number on the fd we give it
        let mut xvfb = Command::new("Xvfb")
            .args(["-displayfd", "1", "-screen", "0", "1366x900x24", "-nolisten", "tcp"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("Xvfb is needed for the end-to-end tests (scripts/setup.sh installs it)");
        let mut line = String::new();
        BufReader::new(xvfb.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let display = format!(":{}", line.trim());
        let port = free_port();
        let native = free_port();
        let driver = Command::new(tauri_driver())
            .args(["--port", &port.to_string(), "--native-port", &native.to_string()])
            .env("DISPLAY", &display)
            .env(CLOCK_VAR, today.to_string())
            .env_remove("WAYLAND_DISPLAY")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("tauri-driver is needed for the end-to-end tests (scripts/setup.sh installs it)");
        let deadline = Instant::now() + WAIT;
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "tauri-driver did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        Harness {
            _turn: turn,
            xvfb,
            driver,
            display,
            port,
        }
    }

    /// Answers the system's save dialog (GTK) that the app has just opened:
    /// waits for it, types the full path into its name field and presses
    /// Enter, as a person would, then waits for the file to be written.
    pub fn answer_save_dialog(&self, path: &Path) {
        self.answer_file_dialog("保存", path);
        let deadline = Instant::now() + WAIT;
        while !path.exists() {
            assert!(Instant::now() < deadline, "the file {} was not saved", path.display());
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Answers the system's file dialog whose title contains `title`: types
    /// the full path (GTK opens its location field for a leading /) and
    /// presses Enter.
    ///
    /// The path must be ASCII: xdotool types other characters through a
    /// temporary keymap that GTK misses now and then (a Chinese file name
    /// came out short in CI), so a test names its files in Latin letters.
    pub fn answer_file_dialog(&self, title: &str, path: &Path) {
        assert!(
            path.to_str().is_some_and(|p| p.is_ascii()),
            "type only ASCII paths into a file dialog: {}",
            path.display()
        );
        let xdo = |args: &[&str]| {
            Command::new("xdotool")
                .args(args)
                .env("DISPLAY", &self.display)
                .output()
                .expect("xdotool is needed to answer the save dialog (scripts/setup.sh installs it)")
        };
        let find = || {
            let out = xdo(&["search", "--onlyvisible", "--name", title]);
            let ids = String::from_utf8_lossy(&out.stdout).trim().to_string();
            ids.lines().last().filter(|l| !l.is_empty()).map(str::to_string)
        };
        let deadline = Instant::now() + WAIT;
        let mut win = loop {
            if let Some(id) = find() {
                break id;
            }
            assert!(Instant::now() < deadline, "the file dialog did not open");
            std::thread::sleep(Duration::from_millis(200));
        };
        // typed keys can be lost while the dialog is still mapping its
        // widgets: if it is still there after Enter, type the path again
        for _ in 0..3 {
            std::thread::sleep(Duration::from_millis(500));
            xdo(&["windowfocus", "--sync", &win]);
            xdo(&["key", "--window", &win, "ctrl+a"]);
            xdo(&["type", "--window", &win, "--delay", "20", path.to_str().unwrap()]);
            std::thread::sleep(Duration::from_millis(300));
            xdo(&["key", "--window", &win, "Return"]);
            std::thread::sleep(Duration::from_millis(1500));
            match find() {
                Some(id) => win = id,
                None => return,
            }
        }
    }

    /// Starts the app on `data` and waits for its page to load.
    pub async fn launch(&self, data: &Path) -> App {
        let mut caps = serde_json::Map::new();
        caps.insert(
            "tauri:options".into(),
            json!({ "application": APP, "args": ["--data", data.to_str().unwrap()] }),
        );
        // a new session right after another closed is sometimes dropped by
        // the driver mid-answer (IncompleteMessage, seen once in 180 runs):
        // ask again before calling it a failure
        let mut attempt = 0;
        let client = loop {
            attempt += 1;
            match ClientBuilder::native()
                .capabilities(caps.clone())
                .connect(&format!("http://127.0.0.1:{}", self.port))
                .await
            {
                Ok(c) => break c,
                Err(e) if attempt < 3 => {
                    eprintln!("WebDriver session, attempt {attempt}: {e:?}; trying again");
                    tokio::time::sleep(Duration::from_secs(2)).await;
                }
                Err(e) => panic!("WebDriver session (is webkit2gtk-driver installed?): {e:?}"),
            }
        };
        let app = App {
            client,
            display: self.display.clone(),
        };
        app.wait_css("#app > *").await;
        app
    }
}

fn tauri_driver() -> PathBuf {
    if let Some(p) = std::env::var_os("TAURI_DRIVER") {
        return PathBuf::from(p);
    }
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(std::env::var_os("HOME").unwrap()).join(".cargo"));
    let p = home.join("bin").join("tauri-driver");
    if p.exists() {
        p
    } else {
        PathBuf::from("tauri-driver")
    }
}

impl Drop for Harness {
    fn drop(&mut self) {
        // SIGTERM, not SIGKILL: tauri-driver then stops WebKitWebDriver too
        let _ = Command::new("kill")
            .args(["-TERM", &self.driver.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.driver.try_wait() {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        let _ = self.xvfb.kill();
        let _ = self.xvfb.wait();
    }
}

/// One running app window.
pub struct App {
    pub client: Client,
    /// the virtual display the window is on (screenshots are taken from it)
    display: String,
}

impl App {
    pub async fn wait_css(&self, css: &str) -> Element {
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("element {css} did not appear: {e}"))
    }

    pub fn testid(id: &str) -> String {
        format!("[data-testid=\"{id}\"]")
    }

    pub async fn by_id(&self, id: &str) -> Element {
        self.wait_css(&Self::testid(id)).await
    }

    /// Clicks, retrying while an overlay that is still fading out (a closing
    /// dialog, a message) is in the way, as a person would wait for it.
    pub async fn click(&self, id: &str) {
        self.click_css(&Self::testid(id)).await;
    }

    /// Waits until the window has come to rest: no dialog, drawer, message
    /// box or dropdown is opening or closing. Element Plus animates these
    /// with Vue transitions, which put `…-enter-active` / `…-leave-active`
    /// classes on the moving element for as long as they run; a click or a
    /// key landing on a dialog still on its way in is lost, as it is for a
    /// person, who waits for it. Every click and every typing waits here
    /// first, so no test has to know which of its clicks open something.
    pub async fn settle(&self) {
        let deadline = Instant::now() + Duration::from_secs(5);
        let mut quiet = 0;
        while Instant::now() < deadline {
            let moving = self
                .client
                .execute(
                    "return !!document.querySelector('[class*=\"-enter-active\"], [class*=\"-leave-active\"]');",
                    vec![],
                )
                .await
                .map(|v| v == serde_json::Value::Bool(true))
                .unwrap_or(false);
            // two quiet looks in a row: a transition may start a frame after a click
            quiet = if moving { 0 } else { quiet + 1 };
            if quiet >= 2 {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// [`App::click`] by CSS selector. Waits for the window to settle and
    /// the element to stop moving first (a dialog or drawer sliding in
    /// takes a click on its way in without acting on it), as a person
    /// clicks what has come to rest.
    pub async fn click_css(&self, css: &str) {
        let deadline = Instant::now() + WAIT;
        self.settle().await;
        let el = self.wait_css(css).await;
        let mut last = None;
        for _ in 0..40 {
            let r = el.rectangle().await.ok();
            if r.is_some() && r == last {
                break;
            }
            last = r;
            tokio::time::sleep(Duration::from_millis(60)).await;
        }
        loop {
            match self.wait_css(css).await.click().await {
                Ok(_) => return,
                Err(_) if Instant::now() < deadline => tokio::time::sleep(Duration::from_millis(150)).await,
                Err(e) => panic!("clicking {css}: {e}"),
            }
        }
    }

    /// Clicks a button that opens something (`opens`, a CSS selector) and,
    /// if it has not appeared after a few seconds — a click landing while
    /// the dialog around the button was still settling is lost, as it is for
    /// a person, who clicks again — clicks once more.
    pub async fn click_opening(&self, id: &str, opens: &str) {
        for _ in 0..3 {
            self.click(id).await;
            let appeared = self
                .client
                .wait()
                .at_most(Duration::from_secs(4))
                .for_element(Locator::Css(opens))
                .await
                .is_ok();
            if appeared {
                return;
            }
        }
        panic!("clicking {id} did not open {opens}");
    }

    /// Replaces an input's text the way a user does: select all, type.
    pub async fn fill(&self, id: &str, text: &str) {
        self.click(id).await;
        let el = self.by_id(id).await;
        // Ctrl+A, release the modifier, Backspace: the input events Vue listens to
        el.send_keys("\u{E009}a\u{E000}\u{E003}").await.unwrap();
        if !text.is_empty() {
            el.send_keys(text).await.unwrap();
        }
        let now = self.value(id).await;
        assert_eq!(now, text, "typing into {id}");
    }

    /// Replaces the text of the input matching `css` (e.g. in a message box
    /// that is still opening), checking that it took.
    pub async fn type_css(&self, css: &str, text: &str) {
        let deadline = Instant::now() + WAIT;
        loop {
            self.settle().await;
            self.click_css(css).await;
            let el = self.wait_css(css).await;
            let _ = el.send_keys("\u{E009}a\u{E000}\u{E003}").await;
            let _ = el.send_keys(text).await;
            let now: String = el.prop("value").await.ok().flatten().unwrap_or_default();
            if now == text {
                return;
            }
            assert!(Instant::now() < deadline, "typing into {css}: it says {now:?}");
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    /// Types a date into the Element Plus date picker inside the element with
    /// this test id, as shown (2026年11月27日), and presses Enter.
    pub async fn pick_date(&self, id: &str, date: chrono::NaiveDate) {
        use chrono::Datelike;
        let css = format!("{} input", Self::testid(id));
        let shown = format!("{}年{}月{}日", date.year(), date.month(), date.day());
        self.type_css(&css, &shown).await;
        self.wait_css(&css).await.send_keys("\u{E007}").await.unwrap();
        tokio::time::sleep(Duration::from_millis(300)).await;
    }

    /// Types a month into the month picker inside the element with this
    /// test id, as shown (2026年10月), and presses Enter. (The dashboard's
    /// picker shows a read-only look-alike until its figures have painted:
    /// the typing waits for the real one.)
    pub async fn pick_month(&self, id: &str, month: moto4s_core::dates::Month) {
        let css = format!("{} input:not([readonly])", Self::testid(id));
        let shown = format!("{}年{}月", month.year, month.month);
        self.type_css(&css, &shown).await;
        self.wait_css(&css).await.send_keys("\u{E007}").await.unwrap();
        tokio::time::sleep(Duration::from_millis(300)).await;
    }

    /// Types a code and presses Enter, as a barcode scanner does.
    pub async fn scan(&self, id: &str, code: &str) {
        self.click(id).await;
        let el = self.by_id(id).await;
        el.send_keys("\u{E009}a\u{E000}\u{E003}").await.unwrap();
        el.send_keys(&format!("{code}\u{E007}")).await.unwrap();
    }

    pub async fn value(&self, id: &str) -> String {
        self.by_id(id).await.prop("value").await.unwrap().unwrap_or_default()
    }

    pub async fn text(&self, css: &str) -> String {
        let el = self.wait_css(css).await;
        el.prop("textContent")
            .await
            .unwrap()
            .unwrap_or_default()
            .trim()
            .to_string()
    }

    /// Saves a picture of the window next to the test binary's target folder
    /// (`target/e2e-failures/`), for a failure to be looked at.
    pub async fn failure_shot(&self, what: &str) -> String {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/e2e-failures");
        let _ = std::fs::create_dir_all(&dir);
        let name: String = what.chars().filter(|c| c.is_ascii_alphanumeric()).take(40).collect();
        let path = dir.join(format!("{name}-{}.png", std::process::id()));
        // the X display, not WebKitWebDriver's screenshot: that one can wait
        // for ever, and a failing test would hang instead of saying why
        let _ = Command::new("timeout")
            .args(["10", "/usr/bin/import", "-window", "root"])
            .arg(&path)
            .env("DISPLAY", &self.display)
            .status();
        path.display().to_string()
    }

    /// Waits until the text of some element matching `css` contains
    /// `needle`; returns that text.
    pub async fn wait_text(&self, css: &str, needle: &str) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            let mut seen = Vec::new();
            if let Ok(els) = self.client.find_all(Locator::Css(css)).await {
                for el in els {
                    if let Ok(Some(t)) = el.prop("textContent").await {
                        if t.contains(needle) {
                            return t;
                        }
                        seen.push(t);
                    }
                }
            }
            if Instant::now() > deadline {
                let shot = self.failure_shot(needle).await;
                panic!("{css} says {seen:?}, expected it to contain {needle:?} (screenshot: {shot})");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The texts (textContent: WebKit's visible-text rule drops plain table
    /// cells) of every element matching `css`, once at least `n` are there
    /// and none is empty.
    pub async fn texts(&self, css: &str, n: usize) -> Vec<String> {
        let deadline = Instant::now() + WAIT;
        loop {
            let els = self.client.find_all(Locator::Css(css)).await.unwrap();
            let mut out = Vec::new();
            for e in els {
                out.push(
                    e.prop("textContent")
                        .await
                        .ok()
                        .flatten()
                        .unwrap_or_default()
                        .trim()
                        .to_string(),
                );
            }
            if out.len() >= n && out.iter().all(|t| !t.is_empty()) {
                return out;
            }
            assert!(Instant::now() < deadline, "fewer than {n} of {css} shown: {out:?}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Clicks the visible element matching `css` whose text contains
    /// `needle` (an option in an open dropdown, among hidden ones), waiting
    /// for it to appear.
    pub async fn click_text(&self, css: &str, needle: &str) {
        let deadline = Instant::now() + WAIT;
        loop {
            self.settle().await;
            let clicked = self
                .client
                .execute(
                    "const [css, needle] = arguments;
                     const el = [...document.querySelectorAll(css)]
                       .find(e => e.offsetParent !== null && e.textContent.includes(needle));
                     if (el) { el.click(); return true; }
                     return false;",
                    vec![css.into(), needle.into()],
                )
                .await
                .expect("clicking by text");
            if clicked == serde_json::Value::Bool(true) {
                return;
            }
            assert!(Instant::now() < deadline, "no visible {css} with {needle:?}");
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
    }

    /// Picks the option showing `text` in the searchable select `id`: types
    /// it into the select, then clicks the option, as a person does.
    pub async fn choose(&self, id: &str, text: &str) {
        self.click(id).await;
        self.type_css(&format!("{} input", Self::testid(id)), text).await;
        self.click_text(".el-select-dropdown__item", text).await;
    }

    /// Waits until the element with this test id is shown (not only in the
    /// page: a closed drawer keeps its content, hidden).
    pub async fn wait_visible(&self, id: &str) {
        let deadline = Instant::now() + WAIT;
        loop {
            let shown = self
                .client
                .execute(
                    "const el = document.querySelector(arguments[0]);
                     if (!el || el.offsetParent === null) return false;
                     const r = el.getBoundingClientRect();
                     return r.width > 0 && r.left >= 0 && r.right <= window.innerWidth + 1;",
                    vec![Self::testid(id).into()],
                )
                .await
                .expect("checking visibility");
            if shown == serde_json::Value::Bool(true) {
                return;
            }
            assert!(Instant::now() < deadline, "{id} is not shown");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Presses a key on the keyboard as a person would, wherever the focus
    /// is (WebDriver's key actions: F2 is '\u{E032}', F3 '\u{E033}' …).
    pub async fn press(&self, key: char) {
        use fantoccini::actions::{InputSource, KeyAction, KeyActions};
        self.settle().await;
        let keys = KeyActions::new("keyboard".into())
            .then(KeyAction::Down { value: key })
            .then(KeyAction::Up { value: key });
        self.client.perform_actions(keys).await.expect("pressing a key");
        self.settle().await;
    }

    /// How many dialogs and drawers are showing.
    pub async fn overlays_shown(&self) -> usize {
        let n = self
            .client
            .execute(
                "return [...document.querySelectorAll('.el-overlay')].filter(o => o.style.display !== 'none').length;",
                vec![],
            )
            .await
            .expect("counting overlays");
        n.as_u64().unwrap_or(0) as usize
    }

    /// Closes the drawer or dialog that is showing (its × button), and waits
    /// for it to go.
    pub async fn close_overlay(&self) {
        self.settle().await;
        self.client
            .execute(
                "const shown = [...document.querySelectorAll('.el-drawer__close-btn, .el-dialog__headerbtn')]
                   .filter(b => b.offsetParent !== null);
                 if (shown.length) shown[shown.length - 1].click();",
                vec![],
            )
            .await
            .expect("closing the drawer or dialog");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        self.settle().await;
    }

    /// The window as the X server shows it (what a person sees). Not
    /// WebDriver's screenshot: WebKit's snapshot does not return while the
    /// web view paints without hardware acceleration (app.rs).
    pub async fn screenshot(&self, path: &Path) {
        tokio::time::sleep(Duration::from_millis(500)).await;
        let ok = Command::new("/usr/bin/import")
            .args(["-window", "root"])
            .arg(path)
            .env("DISPLAY", &self.display)
            .status()
            .expect("ImageMagick's import (scripts/setup.sh installs imagemagick)");
        assert!(ok.success(), "screenshot {}", path.display());
    }

    pub async fn close(self) {
        self.client.close().await.unwrap();
        // let the app process exit before the next one opens the same file
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
}
