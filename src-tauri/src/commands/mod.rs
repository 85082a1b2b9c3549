//! The window's commands, one module per screen: thin adapters from what
//! the window sends to core. Each is declared once with `#[command(…)]`
//! (the store first, then its arguments, the permission in the attribute),
//! which makes the Tauri command: it runs on the blocking pool inside
//! `AppState::with_store(permission, …)`, which checks the permission once,
//! first — so a role that may not run it is refused whatever it sends —
//! then parses the arguments and calls core. No SQL here.
pub mod app;
pub mod auth;
pub mod backup;
pub mod customers;
pub mod dashboard;
pub mod documents;
pub mod network;
pub mod parts;
pub mod settings;
pub mod staff;
pub mod warranty;

use std::collections::BTreeMap;
use std::sync::{Arc, LazyLock};

use moto4s_core::auth::Permission;
pub use moto4s_macros::command;

/// One of the window's commands, as `#[command(…)]` declares it
/// (`moto4s-macros`): the name the window calls it by, the permission it
/// needs — `None` for the few that work before a shop is open or anyone has
/// signed in — and its Tauri handler. Each declaration adds itself to the
/// registry (`inventory`); nothing else lists the commands.
pub struct Command {
    pub name: &'static str,
    /// (the check itself is made from the same declaration, inside the
    /// command; this copy is what the tests read)
    #[cfg_attr(not(test), allow(dead_code))]
    pub permission: Option<Permission>,
    pub invoke: fn(tauri::ipc::Invoke<tauri::Wry>) -> bool,
    /// its TypeScript call, for `ui/src/api/commands.ts` (contract.rs)
    #[cfg(test)]
    pub signature: fn(&mut crate::contract::Collect) -> crate::contract::Signature,
}

inventory::collect!(Command);

/// Every command by name (two declarations of one name stop the app at its
/// first call, and the test below).
pub fn registry() -> &'static BTreeMap<&'static str, &'static Command> {
    static BY_NAME: LazyLock<BTreeMap<&'static str, &'static Command>> = LazyLock::new(|| {
        let mut by_name = BTreeMap::new();
        for c in inventory::iter::<Command> {
            let twice = by_name.insert(c.name, c).is_some();
            assert!(!twice, "两个命令同名：{}", c.name);
        }
        by_name
    });
    &BY_NAME
}

/// Runs a command's Tauri handler (`generate_handler!` of that one command)
/// on the window's call: the type the handler's closure is checked against.
pub fn dispatch(
    handler: impl Fn(tauri::ipc::Invoke<tauri::Wry>) -> bool,
    invoke: tauri::ipc::Invoke<tauri::Wry>,
) -> bool {
    handler(invoke)
}

/// The window's calls, each to the command of its name (app.rs's invoke
/// handler); an unknown name is refused by Tauri.
pub fn handler(invoke: tauri::ipc::Invoke<tauri::Wry>) -> bool {
    match registry().get(invoke.message.command()) {
        Some(c) => (c.invoke)(invoke),
        None => false,
    }
}

use moto4s_core::{AppError, AppResult, ErrorCode};
use tauri::State;

use crate::state::AppState;

/// The managed state: shared with the blocking pool by `Arc`.
pub type Shared<'a> = State<'a, Arc<AppState>>;

/// Runs a store operation on the blocking pool so the window never waits on
/// the disk.
pub async fn blocking<T: Send + 'static>(
    state: Shared<'_>,
    f: impl FnOnce(&Arc<AppState>) -> AppResult<T> + Send + 'static,
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
    use moto4s_core::auth::{Actor, Role};
    use moto4s_core::Store;

    fn need(command: &str) -> Permission {
        registry()[command]
            .permission
            .unwrap_or_else(|| panic!("{command} works before sign-in"))
    }

    /// Every command is declared once, with what it needs; only the start-up
    /// and sign-in ones work before anyone has signed in.
    #[test]
    fn every_command_is_declared_once_with_what_it_needs() {
        let all = registry();
        assert!(all.len() > 200, "{}", all.len());
        assert_eq!(inventory::iter::<Command>.into_iter().count(), all.len());
        let open: Vec<&str> = all
            .values()
            .filter(|c| c.permission.is_none())
            .map(|c| c.name)
            .collect();
        assert_eq!(
            open,
            [
                "app_painted",
                "app_status",
                "auth_status",
                "first_start",
                "login",
                "logout",
                "restore_at_start",
                "startup_backups"
            ]
        );
        // the handler finds a command by the name the window calls
        assert!(all.get("drop_everything").is_none());
        assert_eq!(all["claim_step"].name, "claim_step");
    }

    /// Each command as each role, through the check every command passes
    /// (`AppState::with_store`), and the rules the shop asked for by name.
    #[test]
    fn each_command_as_each_role() {
        let state = AppState::over(Store::open_in_memory().unwrap());
        let acting = |role: Option<Role>| {
            let guard = state.store.lock().unwrap();
            let s = guard.as_ref().unwrap();
            s.set_meta("login_required", "1").unwrap();
            s.set_actor(role.map(|role| Actor {
                staff_id: Some(1),
                name: "某人".into(),
                role,
                role_label: role.label(),
            }));
        };
        for role in [Role::Manager, Role::Clerk, Role::Parts] {
            acting(Some(role));
            for c in registry().values() {
                let Some(need) = c.permission else { continue };
                let r = state.with_store(need, |_| Ok(()));
                assert_eq!(r.is_ok(), role.allows(need), "{} as {}", c.name, role.label());
                if let Err(e) = r {
                    assert_eq!(e.code, ErrorCode::Forbidden);
                    assert!(e.message.contains("没有这项操作的权限"), "{}", e.message);
                }
            }
        }
        let as_role = |role: Role, cmd: &str| {
            acting(Some(role));
            state.with_store(need(cmd), |_| Ok(())).is_ok()
        };
        for cmd in [
            "stocktake_post",
            "save_settings",
            "backup_restore",
            "start_real_data",
            "staff_save",
            "audit_query",
            "service_rules_save",
        ] {
            assert!(
                as_role(Role::Manager, cmd) && !as_role(Role::Clerk, cmd) && !as_role(Role::Parts, cmd),
                "{cmd}"
            );
        }
        for cmd in [
            "customer_update",
            "repair_save",
            "follow_up_record",
            "customer_set_unreachable",
            "inspection_record",
            "claim_save",
            "claim_step",
        ] {
            assert!(as_role(Role::Clerk, cmd) && !as_role(Role::Parts, cmd), "{cmd}");
        }
        for cmd in ["movement_post", "part_save", "stocktake_save", "order_create"] {
            assert!(as_role(Role::Parts, cmd) && !as_role(Role::Clerk, cmd), "{cmd}");
        }
        // a claim's decision and the staffing band are asked inside the
        // command (core's test of them relies on these two)
        assert_eq!(need("claim_step"), Permission::ClaimEntry);
        assert_eq!(need("staffing_plan"), Permission::Read);
        // no one signed in
        acting(None);
        assert_eq!(
            state.with_store(need("stock_query"), |_| Ok(())).unwrap_err().message,
            "请先登录"
        );
    }

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
