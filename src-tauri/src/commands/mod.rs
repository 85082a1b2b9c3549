//! Thin `#[tauri::command]` adapters, one module per screen: parse the
//! arguments, call core off the main thread, map the error. No SQL here.

pub mod app;
pub mod auth;
pub mod backup;
pub mod customers;
pub mod dashboard;
pub mod network;
pub mod parts;
pub mod settings;
pub mod staff;
pub mod warranty;

use std::sync::Arc;

use moto4s_core::{AppError, AppResult, ErrorCode};
use tauri::State;

use crate::app::AppState;

/// The managed state: shared with the blocking pool by `Arc`.
pub type Shared<'a> = State<'a, Arc<AppState>>;

/// Runs a store operation on the blocking pool so the window never waits on
/// the disk.
pub async fn blocking<T: Send + 'static>(
    state: Shared<'_>,
    f: impl FnOnce(&AppState) -> AppResult<T> + Send + 'static,
) -> AppResult<T> {
    let state = Arc::clone(state.inner());
    tauri::async_runtime::spawn_blocking(move || f(&state))
        .await
        .map_err(|e| AppError::new(ErrorCode::Storage, format!("后台任务失败：{e}")))?
}

/// Core's permission check for `cmd`, before the command reads its
/// arguments: a role that may not run it is refused whatever it sends.
pub fn authorize(state: &Shared<'_>, cmd: &str) -> AppResult<()> {
    let guard = state.store.lock().unwrap_or_else(|p| p.into_inner());
    match guard.as_ref() {
        Some(s) => moto4s_core::auth::authorize(s, cmd),
        None => Ok(()),
    }
}

/// Parses a command's JSON argument, turning serde's message into a Chinese
/// validation error (the money and rate parsers already speak Chinese).
pub fn parse_arg<T: serde::de::DeserializeOwned>(what: &str, v: serde_json::Value) -> AppResult<T> {
    serde_json::from_value(v).map_err(|e| {
        let msg = e.to_string();
        let reason = msg.split(" at line").next().unwrap_or(&msg).to_string();
        AppError::new(ErrorCode::Validation, format!("{what}内容有误：{reason}"))
    })
}

/// A file path picked in a dialog (or typed).
pub fn file_path(path: &str) -> AppResult<std::path::PathBuf> {
    let p = path.trim();
    if p.is_empty() {
        return Err(AppError::invalid("path", "请选择文件"));
    }
    Ok(std::path::PathBuf::from(p))
}
