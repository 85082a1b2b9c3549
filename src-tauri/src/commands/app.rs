//! 启动与首次使用：what the window shows first.

use moto4s_core::{demo, settings, AppError, AppResult, ErrorCode, Store};
use serde::{Deserialize, Serialize};

use super::{blocking, Shared};
use crate::app::AppState;

/// What the UI needs to decide between the first-start page, the error page
/// and the app itself.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppStatus {
    /// `ready`, `firstStart` (no data file yet) or `error` (could not open)
    pub state: &'static str,
    pub data_path: String,
    pub error: Option<AppError>,
    pub shop_name: Option<String>,
    pub is_demo: bool,
    /// Settings never saved (a shop that started empty).
    pub needs_settings: bool,
    pub schema_version: Option<i64>,
    pub app_version: &'static str,
}

fn status(state: &AppState) -> AppResult<AppStatus> {
    let data_path = state.data_path.display().to_string();
    let guard = state.store.lock().unwrap_or_else(|p| p.into_inner());
    let base = AppStatus {
        state: "firstStart",
        data_path,
        error: None,
        shop_name: None,
        is_demo: false,
        needs_settings: false,
        schema_version: None,
        app_version: env!("CARGO_PKG_VERSION"),
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
    let s = settings::load(store.conn())?;
    Ok(AppStatus {
        state: "ready",
        needs_settings: s.is_none(),
        shop_name: s.map(|s| s.shop_name),
        is_demo: store.meta("demo")?.as_deref() == Some("1"),
        schema_version: Some(store.health()?.schema_version),
        ..base
    })
}

#[tauri::command]
pub async fn app_status(state: Shared<'_>) -> AppResult<AppStatus> {
    blocking(state, status).await
}

/// 首次使用的选择.
#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "camelCase")]
pub enum FirstStartChoice {
    /// 打开示例店铺
    Demo,
    /// 从空白开始
    Empty,
}

#[tauri::command]
pub async fn first_start(state: Shared<'_>, choice: FirstStartChoice) -> AppResult<AppStatus> {
    blocking(state, move |st| {
        {
            let mut guard = st.store.lock().unwrap_or_else(|p| p.into_inner());
            if guard.is_some() || st.data_path.exists() {
                return Err(AppError::new(ErrorCode::Conflict, "已经有店铺数据，不能再次选择"));
            }
            let store = match choice {
                FirstStartChoice::Demo => demo::create(&st.data_path)?,
                FirstStartChoice::Empty => Store::open(&st.data_path)?,
            };
            crate::app::sign_in_without_login(&store);
            *guard = Some(store);
        }
        // the new shop's first daily backup
        crate::app::automatic_backup(st, false);
        status(st)
    })
    .await
}
