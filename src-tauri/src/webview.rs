//! The web view's settings, shared by the app and the empty window that
//! `scripts/startup-bench.sh` measures it against (examples/empty_window.rs
//! includes this file), so the two are timed under the same settings.

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
