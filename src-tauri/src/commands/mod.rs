//! Thin `#[tauri::command]` adapters, one module per screen. Each runs on
//! the blocking pool inside `AppState::with_store(name, …)`, which checks the
//! command's permission once, first — so a role that may not run it is
//! refused whatever it sends — and then parses the arguments and calls core.
//! No SQL here.

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

use crate::state::AppState;

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

/// Parses a command's JSON argument, turning serde's message into a Chinese
/// validation error (the money and rate parsers already speak Chinese).
pub fn parse_arg<T: serde::de::DeserializeOwned>(what: &str, v: serde_json::Value) -> AppResult<T> {
    serde_json::from_value(v).map_err(|e| {
        let msg = e.to_string();
        let reason = msg.split(" at line").next().unwrap_or(&msg);
        // the inputs refuse fields they don't know: a window and a core of
        // different versions, said so instead of silently dropping a value
        let name = |rest: &str| rest.split('`').nth(1).unwrap_or("").to_string();
        let reason = if let Some(rest) = reason.strip_prefix("unknown field") {
            format!(
                "有程序不认识的项「{}」（界面与程序版本不一致，请重新打开程序）",
                name(rest)
            )
        } else if let Some(rest) = reason.strip_prefix("missing field") {
            format!("缺少「{}」", name(rest))
        } else {
            reason.to_string()
        };
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_input_with_a_field_the_core_does_not_know_is_refused_in_chinese() {
        use moto4s_core::parts::PartInput;
        let mut v = serde_json::to_value(PartInput::default()).unwrap();
        v["colour"] = serde_json::json!("红");
        let e = parse_arg::<PartInput>("配件资料", v).unwrap_err();
        assert_eq!(e.code, ErrorCode::Validation);
        assert!(e.message.contains("有程序不认识的项「colour」"), "{}", e.message);
        // the inputs take a form's fields as sent; a missing one is empty
        let mut v = serde_json::to_value(PartInput::default()).unwrap();
        v.as_object_mut().unwrap().remove("partNo");
        assert_eq!(parse_arg::<PartInput>("配件资料", v).unwrap(), PartInput::default());
    }
}
