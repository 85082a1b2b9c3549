//! 登录与权限、操作日志：sign in and out, the accounts on the roster, the
//! login setting, the audit log.

use moto4s_core::auth::{self, Account, Actor, AuditEntry, AuditQuery};
use moto4s_core::{AppError, AppResult, ErrorCode};
use serde::Serialize;

use super::{command, file_path};
use crate::state::AppState;
use moto4s_core::Store;

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
    match guard.as_ref() {
        Some(s) => status_of(s),
        None => Ok(AuthStatus {
            login_required: false,
            actor: None,
            accounts: Vec::new(),
        }),
    }
}

fn status_of(s: &Store) -> AppResult<AuthStatus> {
    Ok(AuthStatus {
        login_required: auth::login_required(s.conn())?,
        actor: s.actor(),
        accounts: auth::accounts(s.conn())?,
    })
}

/// Before sign-in too: whether login is required, who is signed in, who can.
#[command(open)]
pub fn auth_status(st: &AppState) -> AppResult<AuthStatus> {
    status(st)
}

/// Signs in with a password (the sign-in screen).
#[command(open)]
pub fn login(st: &AppState, staff_id: i64, password: String) -> AppResult<AuthStatus> {
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
}

/// Signs out: with login required, the sign-in screen comes back.
#[command(open)]
pub fn logout(st: &AppState) -> AppResult<AuthStatus> {
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
}

/// Turns login on (needs a manager account) or off.
#[command(Settings)]
pub fn set_login_required(s: &mut Store, on: bool) -> AppResult<AuthStatus> {
    auth::set_login_required(s, on)?;
    if !on && s.actor().is_none() {
        s.set_actor(Some(Actor::without_login()));
    }
    status_of(s)
}

#[command(Audit)]
pub fn audit_query(s: &mut Store, #[arg("查询条件")] query: AuditQuery) -> AppResult<Vec<AuditEntry>> {
    auth::audit_query(s.conn(), &query)
}

#[command(Audit)]
pub fn audit_export(s: &mut Store, #[arg("查询条件")] query: AuditQuery, path: String) -> AppResult<usize> {
    let out = file_path(&path)?;
    auth::audit_export(s.conn(), &query, &out)
}
