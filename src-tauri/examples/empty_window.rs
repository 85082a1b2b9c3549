//! The yardstick of `scripts/startup-bench.sh`: an empty Tauri 2 window —
//! the same runtime, window size and (on Linux) the same web view settings
//! as the app, showing one line of text instead of the shop.
//!
//! When its page has painted (two animation frames after it loaded) it calls
//! the `painted` command, which prints `painted empty` on stdout: the same
//! signal the app gives with `MOTO4S_PAINT_PROBE` once the dashboard's
//! figures are on screen, so the script times both the same way.
//!
//! `cargo build --release -p moto4s --example empty_window`

use std::borrow::Cow;
use std::io::Write;

use tauri::utils::assets::{AssetKey, AssetsIter, CspHash};

// the app's own web view settings, the same file
#[path = "../src/webview.rs"]
mod webview;
use tauri::{Assets, Runtime};

const INDEX: &str = r#"<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>空窗口</title></head>
<body style="font-family: sans-serif"><p>空窗口</p><script src="probe.js"></script></body></html>"#;

const PROBE: &str = r#"requestAnimationFrame(() => requestAnimationFrame(() =>
  window.__TAURI_INTERNALS__.invoke("painted", { origin: performance.timeOrigin })));"#;

/// The page and its script, served in place of the app's bundled UI.
struct Page;

impl<R: Runtime> Assets<R> for Page {
    fn get(&self, key: &AssetKey) -> Option<Cow<'_, [u8]>> {
        match key.as_ref() {
            "/index.html" | "/" => Some(Cow::Borrowed(INDEX.as_bytes())),
            "/probe.js" => Some(Cow::Borrowed(PROBE.as_bytes())),
            _ => None,
        }
    }

    fn iter(&self) -> Box<AssetsIter<'_>> {
        Box::new(
            [("/index.html", INDEX), ("/probe.js", PROBE)]
                .into_iter()
                .map(|(k, v)| (Cow::Borrowed(k), Cow::Borrowed(v.as_bytes()))),
        )
    }

    fn csp_hashes(&self, _html_path: &AssetKey) -> Box<dyn Iterator<Item = CspHash<'_>> + '_> {
        Box::new(std::iter::empty())
    }
}

#[tauri::command]
fn painted(origin: f64) {
    let mut out = std::io::stdout();
    let _ = writeln!(out, "painted empty nav={:.0}", webview::ms_since_start(origin));
    let _ = out.flush();
}

fn main() {
    webview::prepare_environment();
    let mut context = tauri::generate_context!();
    context.set_assets(Box::new(Page));
    tauri::Builder::default()
        .setup(|app| {
            webview::configure(app);
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![painted])
        .run(context)
        .expect("无法启动窗口");
}
