//! The web view's settings, shared by the app and the empty window that
//! `scripts/startup-bench.sh` measures it against (examples/empty_window.rs
//! includes this file), so the two are timed under the same settings.

/// What the web view's processes read from the environment when they
/// start, set before the first window (they inherit this process's
/// environment): on Linux, JavaScriptCore runs without its optimising tiers
/// (`JSC_useDFGJIT=0`, which also leaves out FTL); the interpreter and the
/// baseline JIT stay. The screens' scripts are short handlers over a
/// command's answer; the optimising tiers' compiled code and compiler
/// memory cost the window about 11 MiB resident on the dashboard, and the
/// demo's first paint was no slower without them (572 against 641 ms,
/// scripts/startup-bench.sh; ARCHITECTURE.md). A value already in the
/// environment is kept.
pub fn prepare_environment() {
    let _ = STARTED.set(std::time::SystemTime::now());
    #[cfg(target_os = "linux")]
    if std::env::var_os("JSC_useDFGJIT").is_none() {
        // called from main before the window or any other thread exists
        std::env::set_var("JSC_useDFGJIT", "0");
    }
}

/// When this process started (as `main` called [`prepare_environment`],
/// before the window): the start-up bench's yardstick for how long the shell
/// took before the page's own clock began.
static STARTED: std::sync::OnceLock<std::time::SystemTime> = std::sync::OnceLock::new();

/// Milliseconds from this process's start to `epoch_ms` (a page's
/// `performance.timeOrigin`: when its navigation began) — the share of the
/// first paint spent before the page existed, printed by the paint probes.
pub fn ms_since_start(epoch_ms: f64) -> f64 {
    let started = STARTED.get().copied().unwrap_or(std::time::UNIX_EPOCH);
    let start_ms = started
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs_f64() * 1000.0)
        .unwrap_or(0.0);
    epoch_ms - start_ms
}

/// On Linux, WebKitGTK paints without hardware acceleration: in accelerated
/// mode 2.50 left stale text on screen (ARCHITECTURE.md).
pub fn configure<R: tauri::Runtime>(app: &tauri::App<R>) {
    #[cfg(target_os = "linux")]
    {
        use tauri::Manager;
        if let Some(w) = app.get_webview_window("main") {
            let _ = w.with_webview(|wv| {
                use webkit2gtk::{HardwareAccelerationPolicy, SettingsExt, WebViewExt};
                if let Some(s) = WebViewExt::settings(&wv.inner()) {
                    s.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
                }
            });
        }
    }
    let _ = app;
}
