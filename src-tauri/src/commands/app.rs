//! 启动与首次使用：what the window shows first.

use moto4s_core::{demo, settings, AppError, AppResult, ErrorCode, Store};
use serde::{Deserialize, Serialize};

use super::command;
use crate::state::AppState;
use std::sync::Arc;

/// What the UI needs to decide between the first-start page, the error page
/// and the app itself.
#[derive(Serialize, Clone, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct AppStatus {
    /// `ready`, `firstStart` (no data file yet) or `error` (could not open)
    pub state: &'static str,
    pub data_path: String,
    pub error: Option<AppError>,
    pub shop_name: Option<String>,
    /// 服务站代码 (printed on claims); empty when not set
    pub service_station_code: String,
    pub is_demo: bool,
    /// Settings never saved (a shop that started empty).
    pub needs_settings: bool,
    pub schema_version: Option<i64>,
    pub app_version: &'static str,
    /// The app's clock ([`moto4s_core::dates::now`]), `2026-11-30T09:00:12`:
    /// the window's "today" and default month follow it, so a clock set by
    /// `MOTO4S_TODAY` holds for the screens as for the core.
    pub now: String,
    /// Who is working, when the shop is open (what `auth_status` answers):
    /// the window's first screen needs both, and each call is a round trip
    /// before its first paint.
    pub auth: Option<super::auth::AuthStatus>,
}

/// The app's status with who is working, as every command that opens the
/// shop answers it (`app_status`, `first_start`, `restore_at_start`).
fn status(state: &AppState) -> AppResult<AppStatus> {
    status_checking(state, true)
}

/// [`status`]; `check`: a read that fails runs the file's integrity check
/// (long on a large shop) to tell a damaged file from another failure.
fn status_checking(state: &AppState, check: bool) -> AppResult<AppStatus> {
    // read after the status's own lock on the store is released
    let mut out = read_status(state, check)?;
    if out.state == "ready" {
        out.auth = Some(super::auth::status(state)?);
    }
    Ok(out)
}

fn read_status(state: &AppState, check: bool) -> AppResult<AppStatus> {
    let data_path = state.data_path.display().to_string();
    let guard = state.store.lock().unwrap_or_else(|p| p.into_inner());
    let base = AppStatus {
        state: "firstStart",
        data_path,
        error: None,
        shop_name: None,
        service_station_code: String::new(),
        is_demo: false,
        needs_settings: false,
        schema_version: None,
        app_version: env!("CARGO_PKG_VERSION"),
        now: moto4s_core::dates::stamp(),
        auth: None,
    };
    let Some(store) = guard.as_ref() else {
        let err = state.open_error.lock().unwrap_or_else(|p| p.into_inner()).clone();
        return Ok(match err {
            Some(e) => AppStatus {
                state: "error",
                error: Some(e),
                ..base
            },
            None => base,
        });
    };
    let read = (|| -> AppResult<AppStatus> {
        let s = settings::load(store.conn())?;
        Ok(AppStatus {
            state: "ready",
            needs_settings: s.is_none(),
            service_station_code: s.as_ref().map(|s| s.service_station_code.clone()).unwrap_or_default(),
            shop_name: s.map(|s| s.shop_name),
            is_demo: store.meta("demo")?.as_deref() == Some("1"),
            schema_version: Some(store.schema_version()?),
            ..base.clone()
        })
    })();
    match read {
        Ok(st) => Ok(st),
        Err(e) if !check => Err(e),
        // the window opened before its quick_check (Store::open_deferring_check):
        // a read that fails on a file the check now finds damaged closes it,
        // and the start-up page offers the backups
        Err(e) => match moto4s_core::store::check_integrity(&state.data_path) {
            Err(damage) if damage.code == ErrorCode::DatabaseDamaged => {
                drop(guard);
                crate::state::close_damaged(state, damage.clone());
                Ok(AppStatus {
                    state: "error",
                    error: Some(damage),
                    ..base
                })
            }
            _ => Err(e),
        },
    }
}

/// What the page runs before its own scripts (an initialization script,
/// src/app.rs): the window's first status (`window.__MOTO4S_STATUS__`, taken
/// once by ui/src/lib/appState.ts), so that the first screen is chosen and
/// set up without waiting for `app_status`'s round trip; and, when the
/// window opens on the desk of an open shop with someone working, the call
/// for the desk's figures (`window.__MOTO4S_EARLY_DESK__`, taken by
/// ui/src/api/dashboard.ts) — made before the page's 280 KB of script have
/// loaded, so its answer (prepared at start, `EarlyDesk`) is there when the
/// desk has mounted. The page asks `app_status` again once it has painted:
/// a page reloaded later finds the start-time status, and is corrected then.
pub(crate) fn start_script(st: &AppState) -> String {
    // no integrity check here, before the window exists: a status that
    // cannot be read leaves the script empty, and the page asks app_status,
    // which checks the file with the window up and saying so
    let Ok(status) = status_checking(st, false) else {
        return String::new();
    };
    let desk = status.state == "ready" && status.auth.as_ref().is_some_and(|a| a.actor.is_some());
    let json = serde_json::to_string(&status).expect("the status serialises");
    let mut script = format!("window.__MOTO4S_STATUS__ = {json};");
    if desk {
        script.push_str(
            "\n(function () {\n  var h = location.hash, t = window.__TAURI_INTERNALS__;\n  \
             if (t && (h === \"\" || h === \"#/\" || h === \"#/dashboard\")) {\n    \
             window.__MOTO4S_EARLY_DESK__ = t.invoke(\"dashboard\", { month: null });\n    \
             window.__MOTO4S_EARLY_DESK__.catch(function () {});\n  }\n})();",
        );
    }
    script
}

/// What the window shows first: the first-start page, the start-up error
/// page, the sign-in screen or the shop, with who is working.
#[command(open)]
pub fn app_status(st: &AppState) -> AppResult<AppStatus> {
    status(st)
}

/// The window's first screen has painted (the dashboard with its figures,
/// or the sign-in, first-start or error page): the start-up work that would
/// have slowed it begins now ([`crate::state::after_first_paint`]). With
/// `MOTO4S_PAINT_PROBE` set the first call also prints `painted <screen>`
/// on stdout, the signal `scripts/startup-bench.sh` times, with `nav=`: the
/// milliseconds from the process's start to the page's navigation
/// (`origin`, the page's `performance.timeOrigin`).
#[command(open)]
pub fn app_painted(st: &Arc<AppState>, app: tauri::AppHandle, screen: String, origin: f64) -> AppResult<()> {
    if std::env::var_os("MOTO4S_PAINT_PROBE").is_some() && !st.after_paint_began() {
        use std::io::Write;
        let mut out = std::io::stdout();
        let _ = writeln!(
            out,
            "painted {screen} nav={:.0}",
            crate::webview::ms_since_start(origin)
        );
        let _ = out.flush();
    }
    crate::state::after_first_paint(st, &app);
    Ok(())
}

/// 首次使用的选择.
#[derive(Deserialize, Clone, Copy, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub enum FirstStartChoice {
    /// 打开示例店铺
    Demo,
    /// 从空白开始
    Empty,
}

/// 首次使用: opens the demo shop or an empty one where no data file is yet
/// (refused once there is one).
#[command(open)]
pub fn first_start(st: &AppState, choice: FirstStartChoice) -> AppResult<AppStatus> {
    {
        let mut guard = st.store.lock().unwrap_or_else(|p| p.into_inner());
        if guard.is_some() || st.data_path.exists() {
            return Err(AppError::new(ErrorCode::Conflict, "已经有店铺数据，不能再次选择"));
        }
        if let Some(e) = st.open_error.lock().unwrap_or_else(|p| p.into_inner()).clone() {
            return Err(e);
        }
        let store = match choice {
            FirstStartChoice::Demo => demo::create(&st.data_path)?,
            FirstStartChoice::Empty => Store::open(&st.data_path)?,
        };
        crate::state::sign_in_without_login(&store);
        *guard = Some(store);
    }
    // the new shop's first daily backup
    crate::state::automatic_backup(st, false);
    status(st)
}

/// The data file could not be opened: the backups in its default folder
/// (`backups` beside it), newest first, for the start-up error page to offer.
#[command(open)]
pub fn startup_backups(st: &AppState) -> AppResult<Vec<moto4s_core::backup::BackupFile>> {
    let open = st.store.lock().unwrap_or_else(|p| p.into_inner()).is_some();
    if open {
        return Ok(Vec::new());
    }
    Ok(moto4s_core::backup::list(&moto4s_core::backup::default_dir(
        &st.data_path,
    )))
}

/// Restores the data file from a backup before any shop is open: from the
/// start-up error page when the data file is damaged, or from the first-start
/// page when there is no data file yet (a new PC)
/// ([`moto4s_core::backup::restore_over_damaged`]); then opens the shop.
/// Refused while a store is open (the settings' restore is for that) and
/// for any other start-up error (a file from a newer version is never
/// replaced by an older backup from here).
#[command(open)]
pub fn restore_at_start(st: &AppState, path: String) -> AppResult<AppStatus> {
    let from = super::file_path(&path)?;
    {
        let mut guard = st.store.lock().unwrap_or_else(|p| p.into_inner());
        if guard.is_some() {
            return Err(AppError::new(
                ErrorCode::Conflict,
                "店铺数据已经打开，请在「设置 → 备份与恢复」中恢复",
            ));
        }
        let damaged = st
            .open_error
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .as_ref()
            .is_some_and(|e| e.code == ErrorCode::DatabaseDamaged);
        // a damaged file, or none yet: the first start on a new PC
        let first_start = !st.data_path.exists();
        if !damaged && !first_start {
            return Err(AppError::new(
                ErrorCode::Conflict,
                "只有数据文件损坏或还没有店铺数据时才能在这里恢复",
            ));
        }
        let (store, kept) = moto4s_core::backup::restore_over_damaged(&st.data_path, &from, moto4s_core::dates::now())?;
        crate::state::sign_in_without_login(&store);
        let detail = match &kept {
            Some(k) => format!(
                "数据文件已损坏，从「{}」恢复；损坏的文件保存在「{}」",
                from.display(),
                k.display()
            ),
            None => format!("首次启动，从「{}」恢复", from.display()),
        };
        let _ = moto4s_core::auth::note(&store, "恢复", &detail);
        *guard = Some(store);
        *st.open_error.lock().unwrap_or_else(|p| p.into_inner()) = None;
    }
    status(st)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The page's first status is `app_status`'s answer, as a script that
    /// sets one global to it.
    #[test]
    fn the_start_script_carries_what_app_status_answers() {
        let dir = tempfile::tempdir().unwrap();
        let store = demo::create(&dir.path().join("shop.db")).unwrap();
        // as the window opens a shop without login: the manager works
        crate::state::sign_in_without_login(&store);
        let st = AppState::over(store);
        let script = start_script(&st);
        let (first, rest) = script.split_once('\n').expect("the status, then the desk's call");
        let json = first
            .strip_prefix("window.__MOTO4S_STATUS__ = ")
            .and_then(|s| s.strip_suffix(';'))
            .expect("one assignment");
        assert!(rest.contains("t.invoke(\"dashboard\", { month: null })"), "{rest}");
        let mut early: serde_json::Value = serde_json::from_str(json).unwrap();
        let mut asked = serde_json::to_value(status(&st).unwrap()).unwrap();
        assert_eq!(early["state"], "ready");
        assert_eq!(early["isDemo"], true);
        assert_eq!(early["auth"]["actor"]["role"], "manager");
        // the clock's stamp is the moment each was made
        early["now"] = serde_json::Value::Null;
        asked["now"] = serde_json::Value::Null;
        assert_eq!(early, asked);

        // no shop open yet (the first-start page): the status only
        let empty = AppState::over(Store::open_in_memory().unwrap());
        *empty.store.lock().unwrap() = None;
        let script = start_script(&empty);
        assert!(
            script.starts_with("window.__MOTO4S_STATUS__ = {\"state\":\"firstStart\""),
            "{script}"
        );
        assert!(!script.contains("dashboard"), "{script}");
    }
}
