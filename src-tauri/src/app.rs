//! The window: the Tauri builder, the commands it answers, and what happens
//! when it paints and closes. The shop's state is `state.rs`.

use std::sync::Arc;

use crate::cli::GuiArgs;
use crate::state::{after_first_paint, automatic_backup, initial_state, PAINT_WAIT};

pub fn run(gui: GuiArgs) {
    let state = Arc::new(initial_state(&gui));
    // the first status, in the page before its scripts run
    let start_status = crate::commands::app::start_script(&state);
    // the desk's opening month, worked out while the web view starts
    // (commands::dashboard::EarlyDesk)
    {
        let early = Arc::clone(&state);
        std::thread::spawn(move || {
            if let Some(s) = early.store.lock().unwrap_or_else(|p| p.into_inner()).as_ref() {
                early.early_desk.prepare(s);
            }
        });
    }
    let on_exit = Arc::clone(&state);
    let waiting = Arc::clone(&state);
    tauri::Builder::default()
        .setup(move |app| {
            // the window that never says it has painted still gets its
            // check and backups
            {
                let handle = app.handle().clone();
                std::thread::spawn(move || {
                    std::thread::sleep(PAINT_WAIT);
                    after_first_paint(&waiting, &handle);
                });
            }
            crate::webview::configure(app);
            Ok(())
        })
        .plugin(
            tauri::plugin::Builder::<tauri::Wry>::new("moto4s-start")
                .js_init_script(start_status)
                .build(),
        )
        .plugin(tauri_plugin_dialog::init())
        .manage(state)
        .invoke_handler(crate::commands::handler)
        .build(tauri::generate_context!())
        .expect("无法启动窗口")
        .run(move |_, event| {
            // on exit: today's backup replaced by the day's final state
            if let tauri::RunEvent::Exit = event {
                automatic_backup(&on_exit, true);
            }
        });
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    /// The locked-down shell: a strict CSP (no eval, no remote sources) and
    /// the main window granted only the core calls and the open/save dialogs
    /// (no file-system plugin: the app reads and writes only the data file
    /// and the files the user picks).
    #[test]
    fn the_csp_and_the_capabilities_are_locked_down() {
        let conf: Value = serde_json::from_str(include_str!("../tauri.conf.json")).unwrap();
        let csp = conf["app"]["security"]["csp"].as_object().unwrap();
        assert_eq!(csp["default-src"], "'self'");
        assert_eq!(csp["script-src"], "'self'");
        assert_eq!(csp["object-src"], "'none'");
        for (directive, sources) in csp {
            for source in sources.as_str().unwrap().split_whitespace() {
                assert!(
                    ["'self'", "'none'", "data:", "ipc:", "http://ipc.localhost"].contains(&source)
                        || (source == "'unsafe-inline'" && directive == "style-src"),
                    "{directive} allows {source}"
                );
            }
        }
        let caps: Value = serde_json::from_str(include_str!("../capabilities/default.json")).unwrap();
        assert_eq!(caps["windows"], json!(["main"]));
        assert_eq!(
            caps["permissions"],
            json!(["core:default", "dialog:allow-open", "dialog:allow-save"])
        );
    }
}
