//! 网点走访 (服务、维护、培训): a visit to an outlet — when, who went, why
//! (巡检, 技术支持, 培训, 催款), what was found — and the follow-up actions
//! agreed on it (整改/跟进事项), each with its due date, open until done.
//! Open actions are on the desk's to-do.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::{AppError, AppResult, ErrorCode};
use crate::form::Fields;
use crate::store::Store;

/// (code, label) of a visit's purpose.
pub const PURPOSES: [(&str, &str); 4] = [
    ("inspection", "巡检"),
    ("support", "技术支持"),
    ("training", "培训"),
    ("collection", "催款"),
];

pub fn purpose_label(code: &str) -> &'static str {
    crate::form::label_of(&PURPOSES, code)
}

contract_codes!(PurposeCode, "VisitPurpose", PURPOSES);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct VisitAction {
    pub id: i64,
    pub visit_id: i64,
    pub action: String,
    pub due_on: Option<String>,
    pub done_on: Option<String>,
    pub done_note: String,
    /// open and past its due date
    pub overdue: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Visit {
    pub id: i64,
    pub dealer_id: i64,
    pub dealer_name: String,
    pub visited_on: String,
    pub visitor: String,
    #[ts(as = "PurposeCode")]
    pub purpose: String,
    pub purpose_label: &'static str,
    pub findings: String,
    pub actions: Vec<VisitAction>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct ActionInput {
    pub action: String,
    pub due_on: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct VisitInput {
    pub dealer_id: i64,
    pub visited_on: String,
    pub visitor: String,
    /// a code or its label
    pub purpose: String,
    pub findings: String,
    /// blank rows are left out
    pub actions: Vec<ActionInput>,
}

/// An action done: the day and what was done.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct ActionDoneInput {
    pub done_on: String,
    pub note: String,
}

fn actions_of(conn: &Connection, visit_id: i64, today: NaiveDate) -> AppResult<Vec<VisitAction>> {
    let t = today.to_string();
    let mut st = conn.prepare_cached(
        "SELECT id, visit_id, action, due_on, done_on, done_note FROM dealer_visit_action WHERE visit_id = ?1 ORDER BY id",
    )?;
    let rows = st
        .query_map([visit_id], |r| {
            let due_on: Option<String> = r.get(3)?;
            let done_on: Option<String> = r.get(4)?;
            Ok(VisitAction {
                id: r.get(0)?,
                visit_id: r.get(1)?,
                action: r.get(2)?,
                overdue: done_on.is_none() && due_on.as_deref().is_some_and(|d| d < t.as_str()),
                due_on,
                done_on,
                done_note: r.get(5)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

const SELECT: &str = "SELECT v.id, v.dealer_id, d.name, v.visited_on, v.visitor, v.purpose, v.findings
    FROM dealer_visit v JOIN dealer d ON d.id = v.dealer_id";

fn visits(conn: &Connection, sql: &str, p: impl rusqlite::Params, today: NaiveDate) -> AppResult<Vec<Visit>> {
    let mut st = conn.prepare(sql)?;
    let heads: Vec<Visit> = st
        .query_map(p, |r| {
            let purpose: String = r.get(5)?;
            Ok(Visit {
                id: r.get(0)?,
                dealer_id: r.get(1)?,
                dealer_name: r.get(2)?,
                visited_on: r.get(3)?,
                visitor: r.get(4)?,
                purpose_label: purpose_label(&purpose),
                purpose,
                findings: r.get(6)?,
                actions: Vec::new(),
            })
        })?
        .collect::<Result<_, _>>()?;
    heads
        .into_iter()
        .map(|mut v| {
            v.actions = actions_of(conn, v.id, today)?;
            Ok(v)
        })
        .collect()
}

pub fn get(conn: &Connection, id: i64, today: NaiveDate) -> AppResult<Visit> {
    visits(conn, &format!("{SELECT} WHERE v.id = ?1"), [id], today)?
        .pop()
        .ok_or_else(|| AppError::not_found("找不到该走访记录"))
}

/// An outlet's visits, the latest first.
pub fn of_outlet(conn: &Connection, dealer_id: i64, today: NaiveDate) -> AppResult<Vec<Visit>> {
    visits(
        conn,
        &format!("{SELECT} WHERE v.dealer_id = ?1 ORDER BY v.visited_on DESC, v.id DESC"),
        [dealer_id],
        today,
    )
}

/// Records a visit with its actions, all or nothing.
pub fn record(store: &mut Store, input: &VisitInput, today: NaiveDate) -> AppResult<Visit> {
    let id = store.write(|tx| record_in(tx, input, today))?;
    get(store.conn(), id, today)
}

/// [`record`] inside the caller's transaction; returns the visit's id.
pub fn record_in(tx: &Connection, input: &VisitInput, today: NaiveDate) -> AppResult<i64> {
    let mut f = Fields::new();
    let exists: bool = tx
        .query_row("SELECT 1 FROM dealer WHERE id = ?1", [input.dealer_id], |_| Ok(()))
        .optional()?
        .is_some();
    if !exists {
        f.bad("dealerId", "请选择走访的网点");
    }
    let on = f.required_date("visitedOn", "走访日期", &input.visited_on, today);
    let visitor = f.text("visitor", "走访人", &input.visitor, 20, true);
    let purpose = f
        .choice(
            "purpose",
            &PURPOSES,
            &input.purpose,
            "请选择走访目的（巡检、技术支持、培训、催款）",
        )
        .unwrap_or("");
    let findings = f.text("findings", "发现的问题", &input.findings, 500, false);
    let mut actions = Vec::new();
    for (i, a) in input
        .actions
        .iter()
        .filter(|a| !a.action.trim().is_empty() || !a.due_on.trim().is_empty())
        .enumerate()
    {
        let field = format!("actions.{i}");
        let text = f.text(&field, &format!("第 {} 项跟进事项", i + 1), &a.action, 100, true);
        let due = if a.due_on.trim().is_empty() {
            None
        } else {
            match crate::dates::parse_date(&field, &a.due_on) {
                Ok(d) => Some(d),
                Err(_) => {
                    f.bad(
                        &field,
                        format!("第 {} 项的完成期限「{}」不是日期", i + 1, a.due_on.trim()),
                    );
                    None
                }
            }
        };
        f.not_before(&field, &format!("第 {} 项的完成期限", i + 1), due, "走访日期", on);
        actions.push((text, due.map(|d| d.to_string())));
    }
    if !f.is_empty() {
        return Err(AppError::from_problems(ErrorCode::Validation, f.problems));
    }
    tx.execute(
        "INSERT INTO dealer_visit (dealer_id, visited_on, visitor, purpose, findings, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            input.dealer_id,
            on.expect("checked").to_string(),
            visitor,
            purpose,
            findings,
            crate::dates::stamp()
        ],
    )?;
    let id = tx.last_insert_rowid();
    for (text, due) in actions {
        tx.execute(
            "INSERT INTO dealer_visit_action (visit_id, action, due_on) VALUES (?1, ?2, ?3)",
            params![id, text, due],
        )?;
    }
    Ok(id)
}

/// Marks a follow-up action done; returns its visit.
pub fn close_action(store: &mut Store, action_id: i64, input: &ActionDoneInput, today: NaiveDate) -> AppResult<Visit> {
    let visit_id = store.write(|tx| close_action_in(tx, action_id, input, today))?;
    get(store.conn(), visit_id, today)
}

pub fn close_action_in(tx: &Connection, action_id: i64, input: &ActionDoneInput, today: NaiveDate) -> AppResult<i64> {
    let (visit_id, visited_on, done): (i64, String, Option<String>) = tx
        .query_row(
            "SELECT a.visit_id, v.visited_on, a.done_on FROM dealer_visit_action a
             JOIN dealer_visit v ON v.id = a.visit_id WHERE a.id = ?1",
            [action_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?
        .ok_or_else(|| AppError::not_found("找不到该跟进事项"))?;
    let mut f = Fields::new();
    if let Some(d) = done {
        f.bad("doneOn", format!("该事项已于 {d} 完成"));
    }
    let on = f.required_date("doneOn", "完成日期", &input.done_on, today);
    f.not_before("doneOn", "完成日期", on, "走访日期", visited_on.parse().ok());
    let note = f.text("note", "完成情况", &input.note, 200, false);
    if !f.is_empty() {
        return Err(AppError::from_problems(ErrorCode::Validation, f.problems));
    }
    tx.execute(
        "UPDATE dealer_visit_action SET done_on = ?2, done_note = ?3 WHERE id = ?1",
        params![action_id, on.expect("checked").to_string(), note],
    )?;
    Ok(visit_id)
}

/// An open action as the to-do lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct OpenAction {
    pub id: i64,
    pub dealer_id: i64,
    pub dealer_name: String,
    pub visited_on: String,
    pub action: String,
    pub due_on: Option<String>,
    pub overdue: bool,
}

/// The desk's to-do (工作台): the visits' actions still open and, of them,
/// those past their due date.
pub fn open_action_counts(conn: &Connection, today: NaiveDate) -> AppResult<(i64, i64)> {
    Ok(conn.query_row(
        "SELECT count(*), count(CASE WHEN due_on < ?1 THEN 1 END)
         FROM dealer_visit_action WHERE done_on IS NULL",
        [today.to_string()],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

/// Every open follow-up action, the earliest due first (those without a
/// due date last).
pub fn open_actions(conn: &Connection, today: NaiveDate) -> AppResult<Vec<OpenAction>> {
    let t = today.to_string();
    let mut st = conn.prepare(
        "SELECT a.id, v.dealer_id, d.name, v.visited_on, a.action, a.due_on FROM dealer_visit_action a
         JOIN dealer_visit v ON v.id = a.visit_id JOIN dealer d ON d.id = v.dealer_id
         WHERE a.done_on IS NULL ORDER BY a.due_on IS NULL, a.due_on, a.id",
    )?;
    let rows = st
        .query_map([], |r| {
            let due_on: Option<String> = r.get(5)?;
            Ok(OpenAction {
                id: r.get(0)?,
                dealer_id: r.get(1)?,
                dealer_name: r.get(2)?,
                visited_on: r.get(3)?,
                action: r.get(4)?,
                overdue: due_on.as_deref().is_some_and(|d| d < t.as_str()),
                due_on,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::outlet::{self, OutletInput};

    #[test]
    fn a_visit_with_its_actions_until_they_are_done() {
        let today: NaiveDate = "2026-11-20".parse().unwrap();
        let mut s = Store::open_in_memory().unwrap();
        let o = outlet::save(
            &mut s,
            None,
            &OutletInput {
                name: "王集摩托维修部".into(),
                ..Default::default()
            },
            today,
        )
        .unwrap();
        let input = VisitInput {
            dealer_id: o.id,
            visited_on: "2026-11-02".into(),
            visitor: "张经理".into(),
            purpose: "巡检".into(),
            findings: "旧件未分类存放".into(),
            actions: vec![
                ActionInput {
                    action: "旧件挂牌分类".into(),
                    due_on: "2026-11-10".into(),
                },
                ActionInput::default(),
                ActionInput {
                    action: "补齐专用工具".into(),
                    due_on: "2026-12-31".into(),
                },
            ],
        };
        let v = record(&mut s, &input, today).unwrap();
        assert_eq!(
            (v.purpose.as_str(), v.purpose_label, v.actions.len()),
            ("inspection", "巡检", 2)
        );
        assert!(v.actions[0].overdue && !v.actions[1].overdue);
        let open = open_actions(s.conn(), today).unwrap();
        assert_eq!(
            open.iter().map(|a| a.action.as_str()).collect::<Vec<_>>(),
            ["旧件挂牌分类", "补齐专用工具"]
        );
        assert_eq!(outlet::get(s.conn(), o.id).unwrap().open_actions, 2);

        // a visit in the future, without a visitor or purpose: refused whole
        let mut bad = input.clone();
        bad.visited_on = "2026-11-21".into();
        bad.visitor = String::new();
        bad.purpose = "喝茶".into();
        let e = record(&mut s, &bad, today).unwrap_err();
        let fields: Vec<_> = e.problems.iter().map(|p| p.field.clone().unwrap()).collect();
        assert_eq!(fields, ["visitedOn", "visitor", "purpose"]);
        assert_eq!(of_outlet(s.conn(), o.id, today).unwrap().len(), 1);

        // done: before the visit refused; then done, and off the to-do
        let a = v.actions[0].id;
        let early = ActionDoneInput {
            done_on: "2026-11-01".into(),
            note: String::new(),
        };
        assert!(close_action(&mut s, a, &early, today).is_err());
        let done = ActionDoneInput {
            done_on: "2026-11-09".into(),
            note: "已整改".into(),
        };
        let v = close_action(&mut s, a, &done, today).unwrap();
        assert_eq!(v.actions[0].done_on.as_deref(), Some("2026-11-09"));
        assert!(!v.actions[0].overdue);
        assert!(close_action(&mut s, a, &done, today).is_err());
        assert_eq!(open_actions(s.conn(), today).unwrap().len(), 1);
    }
}
