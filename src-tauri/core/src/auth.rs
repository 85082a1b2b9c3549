//! 登录与权限：who is working, what their role may do, and the audit trail.
//!
//! Roles (from the roster): 经理 manager — everything; 内勤 clerk —
//! customers, repairs, follow-ups and inspections, claim entry; 配件 parts —
//! the parts screens. Only the manager posts stocktake differences, changes
//! settings and targets, approves, rejects or settles claims, restores a
//! backup, edits the roster and reads the audit log.
//!
//! The shop may leave the app open without login (the default): then the
//! person at the desk acts as the manager, recorded as 「经理（免登录）」.
//! With login required, staff with an account sign in with their password
//! (argon2id hashes; the password itself is never stored).
//!
//! Enforcement is here, not in the UI: every command of the window declares
//! the [`Permission`] it needs (`#[command(…)]` in the shell's commands), and
//! [`require`] checks it against the store's current actor before the
//! command runs; what a command needs beyond that is asked by the domain
//! function that knows it. Who did each write is
//! recorded by triggers (migration 14) from the actor the store carries, in
//! the write's own transaction.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::error::{AppError, AppResult, ErrorCode};
use crate::store::Store;

pub use crate::actor::{Actor, Permission, Role};

/// Whether the shop requires staff to sign in.
pub fn login_required(conn: &Connection) -> AppResult<bool> {
    let v: Option<String> = conn
        .query_row("SELECT value FROM meta WHERE key = 'login_required'", [], |r| r.get(0))
        .optional()?;
    Ok(v.as_deref() == Some("1"))
}

/// Who is working: the signed-in person, or the manager at the desk of a
/// shop without login; refused when login is required and no one is in.
pub fn current(store: &Store) -> AppResult<Actor> {
    match store.actor() {
        Some(a) => Ok(a),
        None if !login_required(store.conn())? => Ok(Actor::without_login()),
        None => Err(AppError::new(ErrorCode::Forbidden, "请先登录")),
    }
}

/// Whether whoever is working may do what needs `need`: what a command
/// needs beyond its own declared permission is asked by the domain
/// function that knows it (a claim's decision, a change of the staffing
/// band), so the window, the CLI and the tests meet the same rule.
pub fn require(store: &Store, need: Permission) -> AppResult<()> {
    let actor = current(store)?;
    if actor.role.allows(need) {
        Ok(())
    } else {
        Err(AppError::new(
            ErrorCode::Forbidden,
            format!("{}（{}）没有这项操作的权限", actor.name, actor.role_label),
        ))
    }
}

/// Someone who can sign in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Account {
    pub staff_id: i64,
    pub name: String,
    pub role: Role,
    pub role_label: &'static str,
}

/// The active staff with an account, managers first.
pub fn accounts(conn: &Connection) -> AppResult<Vec<Account>> {
    let mut st = conn.prepare(
        "SELECT id, name, role FROM staff WHERE active = 1 AND role IS NOT NULL AND password_hash IS NOT NULL
         ORDER BY CASE role WHEN 'manager' THEN 0 WHEN 'clerk' THEN 1 ELSE 2 END, id",
    )?;
    let rows = st
        .query_map([], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, name, role)| {
            Role::parse(&role).map(|role| Account {
                staff_id: id,
                name,
                role,
                role_label: role.label(),
            })
        })
        .collect())
}

fn hash(password: &str) -> AppResult<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| AppError::new(ErrorCode::Storage, format!("无法保存密码：{e}")))
}

/// Gives a person on the roster an account (role and password), changes
/// their role, or removes the account (role empty). A password of at least
/// six characters is needed to create an account; empty keeps the old one.
pub fn set_account_in(conn: &Connection, staff_id: i64, role: &str, password: &str) -> AppResult<Option<Account>> {
    let current: Option<(String, Option<String>, Option<String>)> = conn
        .query_row(
            "SELECT name, role, password_hash FROM staff WHERE id = ?1",
            [staff_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let (name, _, old_hash) = current.ok_or_else(|| AppError::not_found("找不到该人员"))?;
    if role.trim().is_empty() {
        ensure_a_manager_remains(conn, staff_id)?;
        conn.execute(
            "UPDATE staff SET role = NULL, password_hash = NULL WHERE id = ?1",
            [staff_id],
        )?;
        return Ok(None);
    }
    let r = Role::parse(role).ok_or_else(|| AppError::invalid("role", "请选择角色：经理、内勤或配件"))?;
    let pw = password.trim();
    if !pw.is_empty() && pw.chars().count() < 6 {
        return Err(AppError::invalid("password", "密码至少 6 位"));
    }
    if pw.is_empty() && old_hash.is_none() {
        return Err(AppError::invalid("password", "请设置密码（至少 6 位）"));
    }
    if r != Role::Manager {
        ensure_a_manager_remains(conn, staff_id)?;
    }
    let h = if pw.is_empty() { old_hash } else { Some(hash(pw)?) };
    conn.execute(
        "UPDATE staff SET role = ?2, password_hash = ?3 WHERE id = ?1",
        params![staff_id, r.code(), h],
    )?;
    Ok(Some(Account {
        staff_id,
        name,
        role: r,
        role_label: r.label(),
    }))
}

/// With login required, the last manager account can't be taken away (no
/// one could change the settings any more).
fn ensure_a_manager_remains(conn: &Connection, staff_id: i64) -> AppResult<()> {
    if !login_required(conn)? {
        return Ok(());
    }
    let others: i64 = conn.query_row(
        "SELECT count(*) FROM staff WHERE role = 'manager' AND password_hash IS NOT NULL AND active = 1 AND id <> ?1",
        [staff_id],
        |r| r.get(0),
    )?;
    if others == 0 {
        return Err(AppError::invalid("role", "需要登录时至少要保留一位经理账号"));
    }
    Ok(())
}

/// Turns login on or off. On needs a manager account to sign in with.
pub fn set_login_required(store: &Store, on: bool) -> AppResult<()> {
    if on && !accounts(store.conn())?.iter().any(|a| a.role == Role::Manager) {
        return Err(AppError::invalid(
            "loginRequired",
            "请先在「人员名册」为至少一位经理设置登录密码，再开启登录",
        ));
    }
    store.set_meta("login_required", if on { "1" } else { "0" })
}

/// Signs in: the account's password checked against its argon2 hash.
pub fn login(store: &Store, staff_id: i64, password: &str) -> AppResult<Actor> {
    login_at(store, staff_id, password, crate::dates::now())
}

/// Sign-ins that may fail in a row before each further attempt must wait.
const FREE_TRIES: i64 = 5;
const META_FAILURES: &str = "login_failures";
const META_LOCKED_UNTIL: &str = "login_locked_until";

/// [`login`] at `now`. Each failed sign-in is written in the audit log
/// (登录失败, naming the person tried); after [`FREE_TRIES`] in a row the
/// next attempt must wait — 30 s, doubling with each further failure, at
/// most 15 minutes — and is refused before the password is even checked.
/// A good sign-in clears the count.
pub fn login_at(store: &Store, staff_id: i64, password: &str, now: chrono::NaiveDateTime) -> AppResult<Actor> {
    let failures: i64 = store.meta(META_FAILURES)?.and_then(|v| v.parse().ok()).unwrap_or(0);
    if let Some(until) = store
        .meta(META_LOCKED_UNTIL)?
        .and_then(|v| chrono::NaiveDateTime::parse_from_str(&v, "%Y-%m-%d %H:%M:%S").ok())
    {
        if now < until {
            let secs = (until - now).num_seconds().max(1);
            return Err(AppError::new(
                ErrorCode::Forbidden,
                format!("已连续 {failures} 次登录失败，请 {secs} 秒后再试"),
            ));
        }
    }
    match verify_login(store, staff_id, password) {
        Ok(actor) => {
            if failures > 0 {
                store.set_meta(META_FAILURES, "0")?;
                store.set_meta(META_LOCKED_UNTIL, "")?;
            }
            Ok(actor)
        }
        Err(e) => {
            let n = failures + 1;
            store.set_meta(META_FAILURES, &n.to_string())?;
            let who: Option<String> = store
                .conn()
                .query_row("SELECT name FROM staff WHERE id = ?1", [staff_id], |r| r.get(0))
                .optional()?;
            let who = who.unwrap_or_else(|| format!("（编号 {staff_id}，不在名册中）"));
            note(store, "登录失败", &format!("以「{who}」登录失败（连续第 {n} 次）"))?;
            if n >= FREE_TRIES {
                let wait = (30i64 << (n - FREE_TRIES).min(5)).min(900);
                let until = now + chrono::Duration::seconds(wait);
                store.set_meta(META_LOCKED_UNTIL, &until.format("%Y-%m-%d %H:%M:%S").to_string())?;
            }
            Err(e)
        }
    }
}

/// The account and password check of a sign-in.
fn verify_login(store: &Store, staff_id: i64, password: &str) -> AppResult<Actor> {
    let row: Option<(String, Option<String>, Option<String>, bool)> = store
        .conn()
        .query_row(
            "SELECT name, role, password_hash, active FROM staff WHERE id = ?1",
            [staff_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    let refused = || AppError::new(ErrorCode::Forbidden, "姓名或密码不正确");
    let (name, role, hash, active) = row.ok_or_else(refused)?;
    let (Some(role), Some(hash), true) = (role.as_deref().and_then(Role::parse), hash, active) else {
        return Err(refused());
    };
    let parsed = PasswordHash::new(&hash).map_err(|_| refused())?;
    Argon2::default()
        .verify_password(password.as_bytes(), &parsed)
        .map_err(|_| refused())?;
    Ok(Actor {
        staff_id: Some(staff_id),
        name,
        role,
        role_label: role.label(),
    })
}

/// One line of the audit log (操作日志).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub who: String,
    pub role: String,
    pub action: String,
    pub detail: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "camelCase", default)]
pub struct AuditQuery {
    /// YYYY-MM-DD, inclusive
    pub from: String,
    pub to: String,
    pub who: String,
    pub action: String,
    pub limit: i64,
}

/// The audit log, newest first, filtered.
pub fn audit_query(conn: &Connection, q: &AuditQuery) -> AppResult<Vec<AuditEntry>> {
    let limit = if q.limit <= 0 { 500 } else { q.limit.min(100_000) };
    let mut st = conn.prepare(
        "SELECT id, at, who, role, action, detail FROM audit_log
         WHERE (?1 = '' OR at >= ?1) AND (?2 = '' OR at < ?2 || ' 99')
           AND (?3 = '' OR who = ?3) AND (?4 = '' OR action = ?4)
         ORDER BY id DESC LIMIT ?5",
    )?;
    let rows = st
        .query_map(
            params![q.from.trim(), q.to.trim(), q.who.trim(), q.action.trim(), limit],
            |r| {
                Ok(AuditEntry {
                    id: r.get(0)?,
                    at: r.get(1)?,
                    who: r.get(2)?,
                    role: r.get(3)?,
                    action: r.get(4)?,
                    detail: r.get(5)?,
                })
            },
        )?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Writes the filtered log as an .xlsx.
pub fn audit_export(conn: &Connection, q: &AuditQuery, out: &std::path::Path) -> AppResult<usize> {
    let rows: Vec<Vec<String>> = audit_query(
        conn,
        &AuditQuery {
            limit: 100_000,
            ..q.clone()
        },
    )?
    .into_iter()
    .map(|e| vec![e.at, e.who, e.role, e.action, e.detail])
    .collect();
    let n = rows.len();
    crate::sheet::write_table(
        out,
        "操作日志",
        &[("时间", 20), ("操作人", 14), ("角色", 8), ("操作", 14), ("内容", 60)],
        &rows,
    )?;
    Ok(n)
}

/// Records an action that is not a table write (a backup, a restore, a
/// sign-in) in the audit log.
pub fn note(store: &Store, action: &str, detail: &str) -> AppResult<()> {
    store.conn().execute(
        "INSERT INTO audit_log (at, who, role, action, detail)
         VALUES (m4s_now(), coalesce(m4s_actor(), '系统'), coalesce(m4s_role(), ''), ?1, ?2)",
        params![action, detail],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parts::ledger;
    use crate::staff::roster::{self, StaffInput};

    fn today() -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
    }

    fn person(name: &str, phone: &str, role: &str, pw: &str) -> StaffInput {
        StaffInput {
            name: name.into(),
            phone: phone.into(),
            active: true,
            account_role: Some(role.into()),
            password: pw.into(),
            ..Default::default()
        }
    }

    /// What a command needs beyond its declared permission is asked by the domain function
    /// itself: a claim's decision and the shop's staffing band are the
    /// manager's, whoever may run claim_step or read the staffing plan.
    #[test]
    fn a_decision_inside_a_command_is_asked_where_it_is_made() {
        use crate::staff::roster;
        use crate::warranty::claim::{self, StepInput};
        let mut s = Store::open_in_memory().unwrap();
        store_meta_login(&s);
        let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        // what a step as this role comes to, on a claim that is not there
        let step = |s: &mut Store, role: Role, action: &str| {
            acting(s, role);
            let input = StepInput {
                action: action.into(),
                ..Default::default()
            };
            claim::step(s, 999, &input, day).unwrap_err().code
        };
        acting(&s, Role::Clerk);
        // what claim_step and staffing_plan declare (the shell's registry test holds them to it)
        assert!(require(&s, Permission::ClaimEntry).is_ok() && require(&s, Permission::Read).is_ok());
        for action in ["approve", "reject", "return", "settle"] {
            assert_eq!(step(&mut s, Role::Clerk, action), ErrorCode::Forbidden, "{action}");
            assert_eq!(step(&mut s, Role::Manager, action), ErrorCode::NotFound, "{action}");
        }
        // submitting is the clerk's: it goes on to find no such claim
        assert_eq!(step(&mut s, Role::Clerk, "submit"), ErrorCode::NotFound);
        acting(&s, Role::Clerk);
        let e = roster::set_small_agent(&mut s, true).unwrap_err();
        assert_eq!(e.code, ErrorCode::Forbidden);
        assert!(!roster::small_agent(s.conn()).unwrap());
        acting(&s, Role::Manager);
        roster::set_small_agent(&mut s, true).unwrap();
        assert!(roster::small_agent(s.conn()).unwrap());
    }

    /// Someone of `role` is working.
    fn acting(s: &Store, role: Role) {
        s.set_actor(Some(Actor {
            staff_id: Some(1),
            name: "某人".into(),
            role,
            role_label: role.label(),
        }));
    }

    fn store_meta_login(s: &Store) {
        s.set_meta("login_required", "1").unwrap();
    }

    #[test]
    fn failed_sign_ins_are_logged_and_after_five_the_next_must_wait() {
        let mut s = Store::open_in_memory().unwrap();
        let c = roster::save(
            &mut s,
            None,
            &person("吴内勤", "13900002002", "clerk", "neiqin456"),
            today(),
        )
        .unwrap();
        let t0 = today().and_hms_opt(8, 0, 0).unwrap();
        let at = |secs: i64| t0 + chrono::Duration::seconds(secs);
        for k in 0..5 {
            let e = login_at(&s, c.id, "wrong", at(k)).unwrap_err();
            assert_eq!(e.message, "姓名或密码不正确");
        }
        let lines: i64 = s
            .conn()
            .query_row(
                "SELECT count(*) FROM audit_log WHERE action = '登录失败' AND detail LIKE '%吴内勤%'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(lines, 5);
        // the sixth try within 30 s is refused before the password is looked at, even the right one
        let e = login_at(&s, c.id, "neiqin456", at(10)).unwrap_err();
        assert!(
            e.message.contains("连续 5 次登录失败") && e.message.contains("秒后再试"),
            "{}",
            e.message
        );
        // after the wait the right password gets in and the count starts again
        assert_eq!(login_at(&s, c.id, "neiqin456", at(40)).unwrap().name, "吴内勤");
        assert!(login_at(&s, c.id, "wrong", at(41))
            .unwrap_err()
            .message
            .contains("不正确"));
        // an unknown person is logged too
        assert!(login_at(&s, 999, "x", at(42)).is_err());
        let unknown: i64 = s
            .conn()
            .query_row(
                "SELECT count(*) FROM audit_log WHERE detail LIKE '%编号 999%'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(unknown, 1);
    }

    #[test]
    fn accounts_passwords_and_the_login_setting() {
        let mut s = Store::open_in_memory().unwrap();
        // no manager account yet: login can't be turned on
        let e = set_login_required(&s, true).unwrap_err();
        assert!(e.message.contains("至少一位经理"), "{}", e.message);
        // a short password, an unknown role: refused, nothing saved
        for (p, msg) in [
            (person("周经理", "13900002001", "manager", "123"), "密码至少 6 位"),
            (person("周经理", "13900002001", "boss", "jingli123"), "请选择角色"),
            (person("周经理", "13900002001", "manager", ""), "请设置密码"),
        ] {
            let e = roster::save(&mut s, None, &p, today()).unwrap_err();
            assert!(e.message.contains(msg), "{msg}: {}", e.message);
            assert!(roster::list(s.conn(), today()).unwrap().is_empty(), "nothing saved");
        }
        let m = roster::save(
            &mut s,
            None,
            &person("周经理", "13900002001", "manager", "jingli123"),
            today(),
        )
        .unwrap();
        let c = roster::save(
            &mut s,
            None,
            &person("吴内勤", "13900002002", "clerk", "neiqin456"),
            today(),
        )
        .unwrap();
        assert_eq!(m.role.as_deref(), Some("manager"));
        // the hash is argon2, never the password
        let h: String = s
            .conn()
            .query_row("SELECT password_hash FROM staff WHERE id = ?1", [m.id], |r| r.get(0))
            .unwrap();
        assert!(h.starts_with("$argon2id$") && !h.contains("jingli123"));
        set_login_required(&s, true).unwrap();
        assert_eq!(login(&s, c.id, "neiqin456").unwrap().role, Role::Clerk);
        assert_eq!(login(&s, c.id, "wrong").unwrap_err().message, "姓名或密码不正确");
        assert_eq!(login(&s, 999, "neiqin456").unwrap_err().message, "姓名或密码不正确");
        // the last manager keeps the account while login is required
        let mut demote = person("周经理", "13900002001", "clerk", "");
        demote.account_role = Some("clerk".into());
        let e = roster::save(&mut s, Some(m.id), &demote, today()).unwrap_err();
        assert!(e.message.contains("至少要保留一位经理账号"), "{}", e.message);
        assert_eq!(accounts(s.conn()).unwrap().len(), 2);
    }

    #[test]
    fn every_write_is_recorded_with_who_and_when() {
        let mut s = Store::open_in_memory().unwrap();
        crate::parts::catalog::create(
            s.conn(),
            &crate::parts::catalog::PartInput {
                part_no: "A-1".into(),
                name: "机油滤清器".into(),
                cost_price: "10".into(),
                retail_price: "15".into(),
                active: true,
                ..Default::default()
            },
        )
        .unwrap();
        // no one working (a migration, the demo): not logged
        let n = |s: &Store| -> i64 {
            s.conn()
                .query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))
                .unwrap()
        };
        assert_eq!(n(&s), 0);
        s.set_actor(Some(Actor {
            staff_id: Some(7),
            name: "李库管".into(),
            role: Role::Parts,
            role_label: "配件",
        }));
        ledger::post_on(
            &mut s,
            &ledger::MovementInput {
                part_no: "A-1".into(),
                kind: "receipt".into(),
                qty: "5".into(),
                operator: "李库管".into(),
                ..Default::default()
            },
            today(),
        )
        .unwrap();
        let (who, role, action, detail): (String, String, String, String) = s
            .conn()
            .query_row(
                "SELECT who, role, action, detail FROM audit_log ORDER BY id DESC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .unwrap();
        assert_eq!(
            (who.as_str(), role.as_str(), action.as_str()),
            ("李库管", "配件", "出入库")
        );
        assert!(detail.contains("A-1 机油滤清器 采购入库 +5 ¥50.00"), "{detail}");
        // the movement's balance update of the part is not a catalogue change
        assert_eq!(n(&s), 1);
        // a refused write leaves no line
        let _ = ledger::post_on(
            &mut s,
            &ledger::MovementInput {
                part_no: "A-1".into(),
                kind: "sale".into(),
                qty: "50".into(),
                operator: "x".into(),
                ..Default::default()
            },
            today(),
        );
        assert_eq!(n(&s), 1);
        let rows = audit_query(
            s.conn(),
            &AuditQuery {
                who: "李库管".into(),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(rows.len(), 1);
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            audit_export(s.conn(), &AuditQuery::default(), &dir.path().join("log.xlsx")).unwrap(),
            1
        );
    }
}
