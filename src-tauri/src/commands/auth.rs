//! 登录与权限、操作日志：sign in and out, the accounts on the roster, the
//! login setting, the audit log.

use moto4s_core::auth::{self, Account, Actor, AuditEntry, AuditQuery};
use moto4s_core::{AppError, AppResult, ErrorCode};
use serde::Serialize;

use super::{blocking, file_path, parse_arg, Shared};
use crate::state::AppState;

#[derive(Serialize, Clone, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct AuthStatus {
    pub login_required: bool,
    /// who is working (None: the sign-in screen)
    pub actor: Option<Actor>,
    /// who can sign in
    pub accounts: Vec<Account>,
}

pub(crate) fn status(st: &AppState) -> AppResult<AuthStatus> {
    let guard = st.store.lock().unwrap_or_else(|p| p.into_inner());
    let Some(s) = guard.as_ref() else {
        return Ok(AuthStatus {
            login_required: false,
            actor: None,
            accounts: Vec::new(),
        });
    };
    Ok(AuthStatus {
        login_required: auth::login_required(s.conn())?,
        actor: s.actor(),
        accounts: auth::accounts(s.conn())?,
    })
}

/// Before sign-in too: whether login is required, who is signed in, who can.
#[tauri::command]
pub async fn auth_status(state: Shared<'_>) -> AppResult<AuthStatus> {
    blocking(state, status).await
}

#[tauri::command]
pub async fn login(state: Shared<'_>, staff_id: i64, password: String) -> AppResult<AuthStatus> {
    blocking(state, move |st| {
        {
            let guard = st.store.lock().unwrap_or_else(|p| p.into_inner());
            let s = guard
                .as_ref()
                .ok_or_else(|| AppError::new(ErrorCode::NotInitialized, "尚未打开店铺数据"))?;
            let actor = auth::login(s, staff_id, &password)?;
            s.set_actor(Some(actor));
            auth::note(s, "登录", "")?;
        }
        status(st)
    })
    .await
}

/// Signs out: with login required, the sign-in screen comes back.
#[tauri::command]
pub async fn logout(state: Shared<'_>) -> AppResult<AuthStatus> {
    blocking(state, |st| {
        {
            let guard = st.store.lock().unwrap_or_else(|p| p.into_inner());
            if let Some(s) = guard.as_ref() {
                if auth::login_required(s.conn())? {
                    auth::note(s, "退出登录", "")?;
                    s.set_actor(None);
                }
            }
        }
        status(st)
    })
    .await
}

/// Turns login on (needs a manager account) or off.
#[tauri::command]
pub async fn set_login_required(state: Shared<'_>, on: bool) -> AppResult<AuthStatus> {
    blocking(state, move |st| {
        st.with_store("set_login_required", |s| {
            auth::set_login_required(s, on)?;
            if !on && s.actor().is_none() {
                s.set_actor(Some(Actor::without_login()));
            }
            Ok(())
        })?;
        status(st)
    })
    .await
}

#[tauri::command]
pub async fn audit_query(state: Shared<'_>, query: serde_json::Value) -> AppResult<Vec<AuditEntry>> {
    blocking(state, move |st| {
        st.with_store("audit_query", |s| {
            let q: AuditQuery = parse_arg("查询条件", query)?;
            auth::audit_query(s.conn(), &q)
        })
    })
    .await
}

#[tauri::command]
pub async fn audit_export(state: Shared<'_>, query: serde_json::Value, path: String) -> AppResult<usize> {
    blocking(state, move |st| {
        st.with_store("audit_export", |s| {
            let q: AuditQuery = parse_arg("查询条件", query)?;
            let out = file_path(&path)?;
            auth::audit_export(s.conn(), &q, &out)
        })
    })
    .await
}
