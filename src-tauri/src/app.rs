//! The window: app state shared by the commands, and start-up.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use moto4s_core::{demo, AppError, AppResult, ErrorCode, Store};

use crate::cli::GuiArgs;
use crate::commands;

/// What the commands share: the data file and, once opened, the store.
pub struct AppState {
    pub data_path: PathBuf,
    pub store: Mutex<Option<Store>>,
    /// Why the data file could not be opened at start (shown instead of the app).
    pub open_error: Mutex<Option<AppError>>,
    /// The lock this window holds on its data file ([`lock_data_file`]):
    /// released when the process ends, however it ends.
    _lock: Option<std::fs::File>,
    /// Whether the start-up work left until the first paint
    /// ([`after_first_paint`]) has begun.
    after_paint: AtomicBool,
}

/// One window per data file: an exclusive lock on `<data file>.lock`
/// (beside it, not on the data file itself, whose byte-range locks are
/// SQLite's). A second window on the same file waits up to eight seconds
/// (the first may be closing, making its exit backup) and then shows why it cannot open the shop.
/// The CLI does not take it: a command beside the window waits its turn on
/// SQLite's own locks.
fn lock_data_file(data: &std::path::Path) -> Result<Option<std::fs::File>, AppError> {
    let path = std::path::PathBuf::from(format!("{}.lock", data.display()));
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        let _ = std::fs::create_dir_all(dir);
    }
    // a folder where not even the lock can be made (read-only) is left to
    // the data file's own opening, which says what is wrong with the folder
    let Ok(file) = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
    else {
        return Ok(None);
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(8);
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(Some(file)),
            Err(std::fs::TryLockError::WouldBlock) if std::time::Instant::now() < deadline => {
                std::thread::sleep(std::time::Duration::from_millis(100))
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(AppError::new(
                    ErrorCode::Conflict,
                    format!(
                        "服务经理台已经在另一个窗口中打开了这份数据（{}）。同一份数据同时只能在一个窗口里使用，请切换到那个窗口，或关闭它后再打开本程序。",
                        data.display()
                    ),
                ))
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(AppError::io("锁定数据文件", &e)),
        }
    }
}

impl AppState {
    /// Whether [`after_first_paint`] has begun.
    pub fn after_paint_began(&self) -> bool {
        self.after_paint.load(Ordering::SeqCst)
    }

    /// Runs command `cmd` with the open store — after core's
    /// [`moto4s_core::auth::authorize`] has checked that whoever is working
    /// may run it — or says the app is waiting for the first-start choice.
    pub fn with_store<T>(&self, cmd: &str, f: impl FnOnce(&mut Store) -> AppResult<T>) -> AppResult<T> {
        let mut guard = self.store.lock().unwrap_or_else(|p| p.into_inner());
        match guard.as_mut() {
            Some(s) => {
                moto4s_core::auth::authorize(s, cmd)?;
                f(s)
            }
            None => Err(self
                .open_error
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .clone()
                .unwrap_or_else(|| {
                    AppError::new(
                        ErrorCode::NotInitialized,
                        "尚未打开店铺数据，请先选择示例店铺或从空白开始",
                    )
                })),
        }
    }
}

/// A shop that does not require login: whoever is at the desk works as the
/// manager (recorded as such in the audit log).
pub(crate) fn sign_in_without_login(s: &Store) {
    if !moto4s_core::auth::login_required(s.conn()).unwrap_or(true) {
        s.set_actor(Some(moto4s_core::auth::Actor::without_login()));
    }
}

/// Opens the data file as far as start-up allows: an existing file is
/// opened (or its error kept for the UI); a missing one waits for the user's
/// choice, unless `--demo-if-empty` asks for the demo shop.
fn initial_state(gui: &GuiArgs) -> AppState {
    let data_path = moto4s_core::paths::resolve_data_file(gui.data.clone());
    let lock = match lock_data_file(&data_path) {
        Ok(f) => f,
        Err(e) => {
            return AppState {
                data_path,
                store: Mutex::new(None),
                open_error: Mutex::new(Some(e)),
                _lock: None,
                after_paint: AtomicBool::new(false),
            }
        }
    };
    let (store, err) = if data_path.exists() {
        match Store::open_deferring_check(&data_path) {
            Ok(s) => (Some(s), None),
            Err(e) => (None, Some(e)),
        }
    } else if gui.demo_if_empty {
        match demo::create(&data_path) {
            Ok(s) => (Some(s), None),
            Err(e) => (None, Some(e)),
        }
    } else {
        (None, None)
    };
    if let Some(s) = store.as_ref() {
        sign_in_without_login(s);
    }
    AppState {
        data_path,
        store: Mutex::new(store),
        open_error: Mutex::new(err),
        _lock: lock,
        after_paint: AtomicBool::new(false),
    }
}

/// The event that tells the window to ask for the app's status again (the
/// deferred check found the data file damaged and closed it).
pub const STATUS_CHANGED: &str = "moto4s-status-changed";

/// How long start-up work waits for the window's first paint before it
/// runs anyway (a window that never says it has painted).
const PAINT_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

/// The start-up work that would slow the first screen, run once after it
/// has painted (the window's `app_painted`, or [`PAINT_WAIT`] after start),
/// on a thread of its own at low priority: the data file's quick_check
/// ([`moto4s_core::store::check_integrity`], seconds on a large shop),
/// then the day's and month's automatic backups. A damaged file found now
/// is closed as if it had failed to open, and the window is told to show
/// the start-up page with the backups; nothing is backed up from it.
pub(crate) fn after_first_paint(state: &Arc<AppState>, app: &tauri::AppHandle) {
    if state.after_paint.swap(true, Ordering::SeqCst) {
        return;
    }
    let state = Arc::clone(state);
    let app = app.clone();
    std::thread::spawn(move || {
        lower_priority();
        if state.store.lock().unwrap_or_else(|p| p.into_inner()).is_none() {
            return;
        }
        if let Err(e) = moto4s_core::store::check_integrity(&state.data_path) {
            if e.code == ErrorCode::DatabaseDamaged {
                close_damaged(&state, e);
                use tauri::Emitter;
                let _ = app.emit(STATUS_CHANGED, ());
                return;
            }
            eprintln!("完整性检查未能完成：{}", e.message);
        }
        automatic_backup(&state, false);
    });
}

/// Closes the open store on a data file found damaged after it opened:
/// from now on the window offers the backups, as for a file that could not
/// be opened.
pub(crate) fn close_damaged(state: &AppState, e: AppError) {
    let mut guard = state.store.lock().unwrap_or_else(|p| p.into_inner());
    *guard = None;
    *state.open_error.lock().unwrap_or_else(|p| p.into_inner()) = Some(e);
}

/// This thread's work yields to the window's (Linux: nice 10 for the
/// calling thread; elsewhere the thread keeps its priority).
fn lower_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority on the calling thread's id changes nothing else
    unsafe {
        let tid = libc::syscall(libc::SYS_gettid) as libc::id_t;
        let _ = libc::setpriority(libc::PRIO_PROCESS, tid, 10);
    }
}

/// The automatic backup, run off the lock: the plan is read under it, the
/// copy made through a connection of its own, the result recorded after.
/// A failure is kept for the settings screen, never fatal.
pub(crate) fn automatic_backup(state: &AppState, on_exit: bool) {
    let plan = {
        let guard = state.store.lock().unwrap_or_else(|p| p.into_inner());
        match guard.as_ref().map(moto4s_core::backup::plan) {
            Some(Ok(p)) => p,
            _ => return,
        }
    };
    match moto4s_core::backup::run_automatic(&plan, moto4s_core::dates::now(), on_exit) {
        Ok(Some(f)) => {
            let guard = state.store.lock().unwrap_or_else(|p| p.into_inner());
            if let Some(s) = guard.as_ref() {
                let _ = moto4s_core::backup::remember(s, &f);
            }
        }
        Ok(None) => {}
        Err(e) => eprintln!("自动备份失败：{}", e.message),
    }
}

pub fn run(gui: GuiArgs) {
    let state = Arc::new(initial_state(&gui));
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
        .plugin(tauri_plugin_dialog::init())
        .manage(state)
        .invoke_handler(tauri::generate_handler![
            commands::app::app_status,
            commands::app::first_start,
            commands::app::startup_backups,
            commands::app::app_painted,
            commands::app::restore_at_start,
            commands::auth::auth_status,
            commands::auth::login,
            commands::auth::logout,
            commands::auth::set_login_required,
            commands::auth::audit_query,
            commands::auth::audit_export,
            commands::backup::backup_status,
            commands::backup::backup_now,
            commands::backup::backup_set_mirror,
            commands::backup::backup_restore,
            commands::backup::data_check,
            commands::backup::exchange_export,
            commands::dashboard::desk_todo,
            commands::dashboard::month_checklist,
            commands::dashboard::month_close,
            commands::dashboard::month_reopen,
            commands::backup::exchange_import,
            commands::settings::get_settings,
            commands::settings::save_settings,
            commands::parts::stock_query,
            commands::parts::part_lookup,
            commands::parts::part_categories,
            commands::parts::part_card,
            commands::parts::part_save,
            commands::parts::movement_post,
            commands::parts::movement_reverse,
            commands::parts::catalog_import_preview,
            commands::parts::catalog_import_apply,
            commands::parts::stock_export,
            commands::parts::orders_list,
            commands::parts::order_create,
            commands::parts::order_deliver,
            commands::parts::order_close,
            commands::parts::orders_counted,
            commands::parts::receivables_list,
            commands::parts::dealer_statement,
            commands::network::outlets_list,
            commands::network::import_template,
            commands::warranty::claims_export,
            commands::customers::repairs_export,
            commands::customers::follow_ups_export,
            commands::customers::inspections_export,
            commands::network::outlet_card,
            commands::network::outlet_save,
            commands::network::outlets_export,
            commands::network::outlets_import,
            commands::network::visit_record,
            commands::network::visit_action_done,
            commands::network::network_actions_open,
            commands::network::network_overview,
            commands::network::network_export,
            commands::parts::payment_receive,
            commands::parts::payment_reverse,
            commands::parts::receivables_export,
            commands::parts::parts_indicators,
            commands::parts::reorder_list,
            commands::parts::reorder_export,
            commands::parts::stocktake_list,
            commands::parts::stocktake_get,
            commands::staff::staff_list,
            commands::staff::staff_save,
            commands::staff::staffing_plan,
            commands::staff::descriptions_all,
            commands::staff::description_save,
            commands::staff::description_reset,
            commands::staff::five_s_checklist,
            commands::staff::five_s_item_save,
            commands::staff::five_s_overview,
            commands::staff::five_s_get,
            commands::staff::five_s_record,
            commands::staff::five_s_close_finding,
            commands::dashboard::dashboard,
            commands::dashboard::summary_pdf,
            commands::dashboard::summary_xlsx,
            commands::dashboard::factory_report,
            commands::dashboard::factory_report_sent,
            commands::dashboard::factory_report_save,
            commands::warranty::claims_list,
            commands::warranty::claim_get,
            commands::warranty::claim_save,
            commands::warranty::claim_coverage,
            commands::warranty::claim_issue_parts,
            commands::warranty::claim_step,
            commands::warranty::claim_outcome,
            commands::warranty::warranty_policy_history,
            commands::warranty::old_parts_waiting,
            commands::warranty::old_part_batch_create,
            commands::warranty::old_part_batch_receive,
            commands::warranty::old_part_batches,
            commands::warranty::old_part_batch,
            commands::warranty::warranty_policy_get,
            commands::warranty::warranty_policy_save,
            commands::warranty::warranty_indicators,
            commands::customers::customers_search,
            commands::customers::customer_detail,
            commands::customers::customer_update,
            commands::customers::vehicle_save,
            commands::customers::customers_import_preview,
            commands::customers::customers_import_apply,
            commands::customers::customers_export,
            commands::customers::filing_pending,
            commands::customers::fees_unreturned,
            commands::customers::file_record,
            commands::customers::fee_batch_create,
            commands::customers::fee_batches,
            commands::customers::fee_batch,
            commands::customers::sales_get,
            commands::customers::sales_set,
            commands::customers::follow_ups_due,
            commands::customers::follow_up_record,
            commands::customers::follow_ups_unreachable,
            commands::customers::customer_set_unreachable,
            commands::customers::follow_ups_list,
            commands::customers::inspections_due,
            commands::customers::inspection_record,
            commands::customers::inspections_list,
            commands::customers::repairs_list,
            commands::customers::repair_get,
            commands::customers::repair_save,
            commands::customers::repair_add_part,
            commands::customers::repair_remove_part,
            commands::customers::repair_complete,
            commands::customers::repair_deliver,
            commands::customers::repair_kinds,
            commands::customers::repair_technicians,
            commands::customers::service_rules_get,
            commands::customers::inspection_schedules,
            commands::customers::service_rules_save,
            commands::customers::customer_indicators,
            commands::parts::orders_export,
            commands::parts::part_card_export,
            commands::parts::stocktake_create,
            commands::parts::stocktake_save,
            commands::parts::stocktake_post,
            commands::parts::stocktake_export,
        ])
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

    /// Every command the window registers has a permission in core's table
    /// (or works before sign-in), and the table names no command that does
    /// not exist — so none escapes the check.
    #[test]
    fn every_command_is_in_cores_permission_table() {
        let src = include_str!("app.rs");
        let start = src.find("generate_handler![").unwrap();
        let end = start + src[start..].find("])").unwrap();
        let registered: Vec<&str> = src[start..end]
            .split("commands::")
            .skip(1)
            .map(|x| {
                x.split("::")
                    .nth(1)
                    .unwrap()
                    .trim_end_matches(|c: char| c == ',' || c.is_whitespace())
            })
            .collect();
        let before_login = ["app_status", "app_painted", "auth_status", "login", "logout"];
        for c in &registered {
            assert!(
                before_login.contains(c) || moto4s_core::auth::COMMANDS.iter().any(|(n, _)| n == c),
                "{c} has no permission"
            );
        }
        for (n, _) in moto4s_core::auth::COMMANDS {
            assert!(registered.contains(n) || *n == "claim_decide", "{n} is not a command");
        }
        assert!(registered.len() > 100, "{}", registered.len());
    }
}
