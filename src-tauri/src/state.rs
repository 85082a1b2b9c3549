//! The open shop as the commands share it ([`AppState`]: the data file and,
//! once opened, the store), opening it at start-up, and the work that waits
//! for the first paint (the quick check, the backups). The commands use
//! this; `app.rs` builds the window on it.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use moto4s_core::auth::Permission;
use moto4s_core::{demo, AppError, AppResult, ErrorCode, Store};

use crate::cli::GuiArgs;
use crate::commands::dashboard::EarlyDesk;

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
    /// The desk's opening month, worked out at start.
    pub early_desk: EarlyDesk,
}

/// One window per data file: the data file's lock
/// ([`moto4s_core::paths::lock_data_file`], which the command line takes
/// too). A second window on the same file waits up to eight seconds (the
/// first may be closing, making its exit backup) and then shows why it
/// cannot open the shop.
fn lock_data_file(data: &std::path::Path) -> Result<Option<std::fs::File>, AppError> {
    use moto4s_core::paths::DataLock;
    match moto4s_core::paths::lock_data_file(data, std::time::Duration::from_secs(8))? {
        DataLock::Held(file) => Ok(Some(file)),
        DataLock::Unavailable => Ok(None),
        DataLock::Busy => Err(AppError::new(
            ErrorCode::Conflict,
            format!(
                "服务经理台已经在另一个窗口中打开了这份数据（{}）。同一份数据同时只能在一个窗口里使用，请切换到那个窗口，或关闭它后再打开本程序。",
                data.display()
            ),
        )),
    }
}

impl AppState {
    /// A window's state over an open store (tests of the commands).
    #[cfg(test)]
    pub fn over(store: Store) -> AppState {
        AppState {
            data_path: PathBuf::new(),
            store: Mutex::new(Some(store)),
            open_error: Mutex::new(None),
            _lock: None,
            after_paint: AtomicBool::new(false),
            early_desk: EarlyDesk::default(),
        }
    }

    /// Whether [`after_first_paint`] has begun.
    pub fn after_paint_began(&self) -> bool {
        self.after_paint.load(Ordering::SeqCst)
    }

    /// Runs a command that needs `need` with the open store — after core's
    /// [`moto4s_core::auth::require`] has checked that whoever is working
    /// may — or says the app is waiting for the first-start choice.
    pub fn with_store<T>(&self, need: Permission, f: impl FnOnce(&mut Store) -> AppResult<T>) -> AppResult<T> {
        let mut guard = self.store.lock().unwrap_or_else(|p| p.into_inner());
        match guard.as_mut() {
            Some(s) => {
                moto4s_core::auth::require(s, need)?;
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
pub(crate) fn initial_state(gui: &GuiArgs) -> AppState {
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
                early_desk: EarlyDesk::default(),
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
        early_desk: EarlyDesk::default(),
    }
}

/// The event that tells the window to ask for the app's status again (the
/// deferred check found the data file damaged and closed it).
pub const STATUS_CHANGED: &str = "moto4s-status-changed";

/// How long start-up work waits for the window's first paint before it
/// runs anyway (a window that never says it has painted).
pub(crate) const PAINT_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

/// The start-up work that would slow the first screen, run once after it
/// has painted (the window's `app_painted`, or [`PAINT_WAIT`] after start),
/// on a thread of its own at low priority: the data file's quick_check
/// ([`moto4s_core::store::check_integrity`], seconds on a large shop),
/// then the day's and month's automatic backups, then the memory those
/// one-off reads left behind is given back ([`release_memory`]). A damaged
/// file found now is closed as if it had failed to open, and the window is
/// told to show the start-up page with the backups; nothing is backed up
/// from it.
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
        release_memory(&state);
    });
}

/// Gives back what start-up's reads left in memory: the store's page cache
/// drops the pages no statement holds (`PRAGMA shrink_memory`; it fills
/// again, up to its 64 MiB, as the manager works), and the allocator returns
/// the freed pages — the cache's, the integrity check's and the backups' —
/// to the system (glibc's `malloc_trim`; elsewhere the allocator keeps them).
/// On a large shop this is about 30 MiB of the window's resident memory
/// (scripts/startup-bench.sh).
fn release_memory(state: &AppState) {
    if let Some(s) = state.store.lock().unwrap_or_else(|p| p.into_inner()).as_ref() {
        let _ = s.conn().execute_batch("PRAGMA shrink_memory");
    }
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free heap pages to the system
    unsafe {
        libc::malloc_trim(0);
    }
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
