//! 现场5S管理：a monthly inspection of the three areas (接待区, 维修车间,
//! 配件库房) under the five S's — 整理 sort, 整顿 set in order, 清扫 shine,
//! 清洁 standardise, 素养 discipline (docs/domain.md §5) — each checklist item
//! scored, a total, findings with a responsible person and a due date, and
//! the trend month to month.
//!
//! The checklist (`five_s_item`) starts from the text's definitions
//! (migration 11) and the manager edits it. An inspection copies each item's
//! text and maximum into its score rows, so a later edit of the checklist
//! never changes a past month's total.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::dates::{date_label, month_label, Month};
use crate::error::{AppError, AppResult, ErrorCode};
use crate::form::Fields;
use crate::rate::Rate;
use crate::store::Store;

/// The three areas inspected, in the order they print.
pub const AREAS: [(&str, &str); 3] = [("reception", "接待区"), ("workshop", "维修车间"), ("store", "配件库房")];
contract_codes!(AreaCode, "FiveSArea", AREAS);
contract_codes!(SCode, "FiveS", FIVE_S);

/// The five S's with the text's definitions.
pub const FIVE_S: [(&str, &str); 5] = [
    ("整理", "将物品分为要与不要，不要的就丢弃"),
    ("整顿", "将整理好的物品定位，并透过看板颜色进行效率管理"),
    ("清扫", "经常打扫，常保清洁，造就无垃圾、无污秽的环境"),
    ("清洁", "通过制度、规定，维持整理、整顿、清扫状态"),
    ("素养", "养成确实遵守组织规定事项的习惯"),
];

/// An S as shown: the fifth is 素养（纪律） — the text names it 纪律, the
/// usual 5S word is 素养; stored and exchanged as 素养.
pub fn s_label(s: &str) -> &str {
    if s == "素养" {
        "素养（纪律）"
    } else {
        s
    }
}

pub fn area_name(code: &str) -> &'static str {
    crate::form::label_of(&AREAS, code)
}

/// One checklist item (检查项目).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ChecklistItem {
    pub id: i64,
    pub area: String,
    pub s: String,
    pub text: String,
    pub max_score: i64,
    pub active: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "camelCase", default)]
pub struct ChecklistItemInput {
    pub area: String,
    pub s: String,
    pub text: String,
    pub max_score: i64,
    pub active: bool,
}

/// The checklist, by area and S; inactive items too when `all`.
pub fn checklist(conn: &Connection, all: bool) -> AppResult<Vec<ChecklistItem>> {
    let mut st = conn.prepare(
        "SELECT id, area, s, text, max_score, active FROM five_s_item
         WHERE ?1 OR active = 1
         ORDER BY CASE area WHEN 'reception' THEN 0 WHEN 'workshop' THEN 1 ELSE 2 END,
                  CASE s WHEN '整理' THEN 0 WHEN '整顿' THEN 1 WHEN '清扫' THEN 2 WHEN '清洁' THEN 3 ELSE 4 END,
                  sort, id",
    )?;
    let rows = st
        .query_map([all], |r| {
            Ok(ChecklistItem {
                id: r.get(0)?,
                area: r.get(1)?,
                s: r.get(2)?,
                text: r.get(3)?,
                max_score: r.get(4)?,
                active: r.get(5)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Adds (id None) or changes a checklist item. Past inspections keep the
/// item as they scored it.
pub fn save_item(store: &mut Store, id: Option<i64>, input: &ChecklistItemInput) -> AppResult<ChecklistItem> {
    let mut f = Fields::new();
    if !AREAS.iter().any(|(c, _)| *c == input.area) {
        f.bad("area", "请选择区域（接待区、维修车间或配件库房）");
    }
    if !FIVE_S.iter().any(|(s, _)| *s == input.s) {
        f.bad("s", "请选择整理、整顿、清扫、清洁或素养");
    }
    let text = f.text("text", "检查内容", &input.text, 60, true);
    if !(1..=10).contains(&input.max_score) {
        f.bad("maxScore", "满分应在 1–10 分之间");
    }
    if !f.is_empty() {
        return Err(AppError::from_problems(ErrorCode::Validation, f.problems));
    }
    let conn = store.conn_mut();
    let id = match id {
        Some(id) => {
            let n = conn.execute(
                "UPDATE five_s_item SET area = ?2, s = ?3, text = ?4, max_score = ?5, active = ?6 WHERE id = ?1",
                params![id, input.area, input.s, text, input.max_score, input.active],
            )?;
            if n == 0 {
                return Err(AppError::not_found("找不到该检查项目"));
            }
            id
        }
        None => {
            conn.execute(
                "INSERT INTO five_s_item (area, s, text, max_score, sort, active)
                 VALUES (?1, ?2, ?3, ?4, (SELECT coalesce(max(sort), 0) + 1 FROM five_s_item), ?5)",
                params![input.area, input.s, text, input.max_score, input.active],
            )?;
            conn.last_insert_rowid()
        }
    };
    checklist(store.conn(), true)?
        .into_iter()
        .find(|i| i.id == id)
        .ok_or_else(|| AppError::not_found("找不到该检查项目"))
}

/// One item's score as entered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "camelCase", default)]
#[ts(rename = "FiveSScoreInput")]
pub struct ScoreInput {
    pub item_id: i64,
    /// None: not scored yet
    pub score: Option<i64>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "camelCase", default)]
#[ts(rename = "FiveSFindingInput")]
pub struct FindingInput {
    pub area: String,
    pub text: String,
    pub responsible: String,
    pub due_on: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "camelCase", default)]
#[ts(rename = "FiveSInspectionInput")]
pub struct InspectionInput {
    pub inspected_on: String,
    pub inspector: String,
    pub note: String,
    pub scores: Vec<ScoreInput>,
    /// the findings as they now stand (replaces the open ones on an edit;
    /// closed findings are kept)
    pub findings: Vec<FindingInput>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "FiveSScoreLine")]
pub struct ScoreLine {
    pub item_id: i64,
    pub area: String,
    pub s: String,
    pub text: String,
    pub max_score: i64,
    pub score: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "FiveSFinding")]
pub struct Finding {
    pub id: i64,
    pub inspection_id: i64,
    pub month: String,
    pub area: String,
    pub text: String,
    pub responsible: String,
    pub due_on: String,
    pub closed_on: Option<String>,
    /// open and past its due date
    pub overdue: bool,
}

/// A score out of a maximum, with its percentage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "FiveSSubtotal")]
pub struct Subtotal {
    pub key: String,
    pub label: String,
    pub score: i64,
    pub max_score: i64,
    pub percent: Option<Rate>,
}

fn subtotal(key: &str, label: &str, lines: &[&ScoreLine]) -> Subtotal {
    let score: i64 = lines.iter().map(|l| l.score).sum();
    let max: i64 = lines.iter().map(|l| l.max_score).sum();
    Subtotal {
        key: key.to_string(),
        label: label.to_string(),
        score,
        max_score: max,
        percent: Rate::ratio(score.into(), max.into()),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "FiveSInspection")]
pub struct Inspection {
    pub id: i64,
    pub month: String,
    pub inspected_on: String,
    pub inspector: String,
    pub note: String,
    pub total: Subtotal,
    pub by_area: Vec<Subtotal>,
    pub by_s: Vec<Subtotal>,
    pub scores: Vec<ScoreLine>,
    pub findings: Vec<Finding>,
}

/// A month in the list and the trend.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "FiveSInspectionSummary")]
pub struct InspectionSummary {
    pub id: i64,
    pub month: String,
    pub inspected_on: String,
    pub inspector: String,
    pub total: Subtotal,
    pub by_area: Vec<Subtotal>,
    pub open_findings: i64,
}

fn totals(scores: &[ScoreLine]) -> (Subtotal, Vec<Subtotal>, Vec<Subtotal>) {
    let all: Vec<&ScoreLine> = scores.iter().collect();
    let by_area = AREAS
        .iter()
        .map(|(c, n)| subtotal(c, n, &scores.iter().filter(|l| l.area == *c).collect::<Vec<_>>()))
        .collect();
    let by_s = FIVE_S
        .iter()
        .map(|(s, _)| subtotal(s, s_label(s), &scores.iter().filter(|l| l.s == *s).collect::<Vec<_>>()))
        .collect();
    (subtotal("total", "合计", &all), by_area, by_s)
}

fn findings_where(
    conn: &Connection,
    clause: &str,
    arg: rusqlite::types::Value,
    today: NaiveDate,
) -> AppResult<Vec<Finding>> {
    let sql = format!(
        "SELECT f.id, f.inspection_id, i.month, f.area, f.text, f.responsible, f.due_on, f.closed_on
         FROM five_s_finding f JOIN five_s_inspection i ON i.id = f.inspection_id
         WHERE {clause} ORDER BY f.closed_on IS NOT NULL, f.due_on, f.id"
    );
    let today = today.to_string();
    let mut st = conn.prepare(&sql)?;
    let rows = st
        .query_map([arg], |r| {
            let due: String = r.get(6)?;
            let closed: Option<String> = r.get(7)?;
            Ok(Finding {
                id: r.get(0)?,
                inspection_id: r.get(1)?,
                month: r.get(2)?,
                area: r.get(3)?,
                text: r.get(4)?,
                responsible: r.get(5)?,
                overdue: closed.is_none() && due < today,
                due_on: due,
                closed_on: closed,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Every finding not yet closed, oldest due first.
pub fn open_findings(conn: &Connection, today: NaiveDate) -> AppResult<Vec<Finding>> {
    findings_where(conn, "f.closed_on IS NULL AND ?1 = 1", 1.into(), today)
}

fn score_lines(conn: &Connection, id: i64) -> AppResult<Vec<ScoreLine>> {
    let mut st = conn.prepare(
        "SELECT sc.item_id, sc.area, sc.s, sc.text, sc.max_score, sc.score
         FROM five_s_score sc LEFT JOIN five_s_item it ON it.id = sc.item_id
         WHERE sc.inspection_id = ?1
         ORDER BY CASE sc.area WHEN 'reception' THEN 0 WHEN 'workshop' THEN 1 ELSE 2 END,
                  CASE sc.s WHEN '整理' THEN 0 WHEN '整顿' THEN 1 WHEN '清扫' THEN 2 WHEN '清洁' THEN 3 ELSE 4 END,
                  it.sort, sc.item_id",
    )?;
    let rows = st
        .query_map([id], |r| {
            Ok(ScoreLine {
                item_id: r.get(0)?,
                area: r.get(1)?,
                s: r.get(2)?,
                text: r.get(3)?,
                max_score: r.get(4)?,
                score: r.get(5)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// One month's inspection with its scores and findings.
pub fn get(conn: &Connection, id: i64, today: NaiveDate) -> AppResult<Inspection> {
    let head: Option<(String, String, String, String)> = conn
        .query_row(
            "SELECT month, inspected_on, inspector, note FROM five_s_inspection WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    let (month, inspected_on, inspector, note) = head.ok_or_else(|| AppError::not_found("找不到该次5S检查"))?;
    let scores = score_lines(conn, id)?;
    let (total, by_area, by_s) = totals(&scores);
    Ok(Inspection {
        id,
        month,
        inspected_on,
        inspector,
        note,
        total,
        by_area,
        by_s,
        findings: findings_where(conn, "f.inspection_id = ?1", id.into(), today)?,
        scores,
    })
}

/// Every inspection, newest first, with its totals.
pub fn list(conn: &Connection) -> AppResult<Vec<InspectionSummary>> {
    let mut st = conn.prepare(
        "SELECT i.id, i.month, i.inspected_on, i.inspector,
                (SELECT count(*) FROM five_s_finding f WHERE f.inspection_id = i.id AND f.closed_on IS NULL)
         FROM five_s_inspection i ORDER BY i.month DESC",
    )?;
    let heads: Vec<(i64, String, String, String, i64)> = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?
        .collect::<Result<_, _>>()?;
    heads
        .into_iter()
        .map(|(id, month, inspected_on, inspector, open)| {
            let (total, by_area, _) = totals(&score_lines(conn, id)?);
            Ok(InspectionSummary {
                id,
                month,
                inspected_on,
                inspector,
                total,
                by_area,
                open_findings: open,
            })
        })
        .collect()
}

/// The month-to-month trend: the 12 months ending with `last`, each with its
/// total and area percentages, or none where no inspection was made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "FiveSTrendPoint")]
pub struct TrendPoint {
    pub month: String,
    pub total: Option<Rate>,
    pub by_area: Vec<Option<Rate>>,
}

pub fn trend(conn: &Connection, last: Month) -> AppResult<Vec<TrendPoint>> {
    let all = list(conn)?;
    let mut m = last;
    for _ in 0..11 {
        m = m.prev();
    }
    let mut out = Vec::new();
    for _ in 0..12 {
        let iso = m.iso();
        let hit = all.iter().find(|s| s.month == iso);
        out.push(TrendPoint {
            month: iso,
            total: hit.and_then(|s| s.total.percent),
            by_area: match hit {
                Some(s) => s.by_area.iter().map(|a| a.percent).collect(),
                None => vec![None; AREAS.len()],
            },
        });
        m = m.next();
    }
    Ok(out)
}

/// Records a month's inspection (id None) or changes one. Every active
/// checklist item (on an edit: every item the inspection scored) must be
/// scored within 0–its maximum; one inspection a month; findings need what,
/// who and by when (not before the inspection).
pub fn record(store: &mut Store, id: Option<i64>, input: &InspectionInput, today: NaiveDate) -> AppResult<Inspection> {
    let id = store.write(|tx| record_in(tx, id, input, today))?;
    get(store.conn(), id, today)
}

/// [`record`] inside the caller's transaction (the demo's); returns the id.
pub fn record_in(tx: &Connection, id: Option<i64>, input: &InspectionInput, today: NaiveDate) -> AppResult<i64> {
    let mut f = Fields::new();
    let on = f.required_date("inspectedOn", "检查日期", &input.inspected_on, today);
    let inspector = f.text("inspector", "检查人", &input.inspector, 20, true);
    let note = f.text("note", "备注", &input.note, 500, false);
    // the items to score: the inspection's own on an edit, the checklist on a new one
    let items: Vec<(i64, String, String, String, i64)> = match id {
        Some(id) => {
            let mut st =
                tx.prepare("SELECT item_id, area, s, text, max_score FROM five_s_score WHERE inspection_id = ?1")?;
            let v = st
                .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?
                .collect::<Result<Vec<_>, _>>()?;
            if v.is_empty() {
                return Err(AppError::not_found("找不到该次5S检查"));
            }
            v
        }
        None => checklist(tx, false)?
            .into_iter()
            .map(|i| (i.id, i.area, i.s, i.text, i.max_score))
            .collect(),
    };
    if items.is_empty() {
        f.bad("scores", "检查表里没有启用的项目，请先在「检查表」里添加");
    }
    let mut unscored = 0;
    let mut scored: Vec<(i64, i64)> = Vec::new();
    for (item_id, area, s, text, max) in &items {
        match input
            .scores
            .iter()
            .find(|x| x.item_id == *item_id)
            .and_then(|x| x.score)
        {
            None => unscored += 1,
            Some(v) if v < 0 || v > *max => f.bad(
                &format!("score-{item_id}"),
                format!(
                    "{} · {s} ·「{text}」得分 {v} 超出范围，应在 0–{max} 分之间",
                    area_name(area)
                ),
            ),
            Some(v) => scored.push((*item_id, v)),
        }
    }
    if unscored > 0 {
        f.bad("scores", format!("还有 {unscored} 项未打分"));
    }
    for x in &input.scores {
        if !items.iter().any(|i| i.0 == x.item_id) {
            f.bad("scores", format!("检查项目 {} 不在本次检查表中", x.item_id));
        }
    }
    let mut findings = Vec::new();
    for (n, fi) in input.findings.iter().enumerate() {
        let k = n + 1;
        let mut problems = Vec::new();
        if !AREAS.iter().any(|(c, _)| *c == fi.area) {
            problems.push("请选择区域".to_string());
        }
        if fi.text.trim().is_empty() {
            problems.push("请填写问题".to_string());
        }
        if fi.responsible.trim().is_empty() {
            problems.push("请填写责任人".to_string());
        }
        let due = if fi.due_on.trim().is_empty() {
            problems.push("请填写整改期限".to_string());
            None
        } else {
            match crate::dates::parse_date("dueOn", &fi.due_on) {
                Ok(d) => {
                    if let Some(on) = on {
                        if d < on {
                            problems.push(format!("整改期限（{}）早于检查日期", date_label(d)));
                        }
                    }
                    Some(d)
                }
                Err(e) => {
                    problems.push(e.message);
                    None
                }
            }
        };
        if problems.is_empty() {
            findings.push((
                fi.area.clone(),
                fi.text.trim().to_string(),
                fi.responsible.trim().to_string(),
                due,
            ));
        } else {
            f.bad(
                &format!("finding-{k}"),
                format!("第 {k} 条问题：{}", problems.join("，")),
            );
        }
    }
    let month = on.map(Month::of);
    if let Some(m) = month {
        let other: Option<i64> = tx
            .query_row(
                "SELECT id FROM five_s_inspection WHERE month = ?1 AND id IS NOT ?2",
                params![m.iso(), id],
                |r| r.get(0),
            )
            .optional()?;
        if other.is_some() {
            f.bad(
                "inspectedOn",
                format!("{}已有一次5S检查，请在列表里打开修改", month_label(m)),
            );
        }
    }
    if !f.is_empty() {
        return Err(AppError::from_problems(ErrorCode::Validation, f.problems));
    }
    let (on, m) = (on.expect("checked"), month.expect("checked"));
    let id = match id {
        Some(id) => {
            tx.execute(
                "UPDATE five_s_inspection SET month = ?2, inspected_on = ?3, inspector = ?4, note = ?5 WHERE id = ?1",
                params![id, m.iso(), on.to_string(), inspector, note],
            )?;
            for (item, v) in &scored {
                tx.execute(
                    "UPDATE five_s_score SET score = ?3 WHERE inspection_id = ?1 AND item_id = ?2",
                    params![id, item, v],
                )?;
            }
            tx.execute(
                "DELETE FROM five_s_finding WHERE inspection_id = ?1 AND closed_on IS NULL",
                [id],
            )?;
            id
        }
        None => {
            tx.execute(
                "INSERT INTO five_s_inspection (month, inspected_on, inspector, note, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![m.iso(), on.to_string(), inspector, note, crate::dates::stamp()],
            )?;
            let id = tx.last_insert_rowid();
            for (item, v) in &scored {
                let (_, area, s, text, max) = items.iter().find(|i| i.0 == *item).expect("scored from items");
                tx.execute(
                    "INSERT INTO five_s_score (inspection_id, item_id, area, s, text, max_score, score)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    params![id, item, area, s, text, max, v],
                )?;
            }
            id
        }
    };
    for (area, text, who, due) in &findings {
        tx.execute(
            "INSERT INTO five_s_finding (inspection_id, area, text, responsible, due_on) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, area, text, who, due.map(|d| d.to_string())],
        )?;
    }
    Ok(id)
}

/// Marks a finding put right on `closed_on` (not in the future, not before
/// its inspection).
pub fn close_finding(store: &mut Store, finding_id: i64, closed_on: &str, today: NaiveDate) -> AppResult<Finding> {
    let mut f = Fields::new();
    let d = f.required_date("closedOn", "整改完成日期", closed_on, today);
    let row: Option<(String, Option<String>)> = store
        .conn()
        .query_row(
            "SELECT i.inspected_on, f.closed_on FROM five_s_finding f JOIN five_s_inspection i ON i.id = f.inspection_id WHERE f.id = ?1",
            [finding_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (inspected, closed) = row.ok_or_else(|| AppError::not_found("找不到该问题"))?;
    if closed.is_some() {
        f.bad("closedOn", "该问题已整改完成");
    }
    let inspected_d = NaiveDate::parse_from_str(&inspected, "%Y-%m-%d").ok();
    f.not_before("closedOn", "整改完成日期", d, "检查日期", inspected_d);
    if !f.is_empty() {
        return Err(AppError::from_problems(ErrorCode::Validation, f.problems));
    }
    store.conn().execute(
        "UPDATE five_s_finding SET closed_on = ?2 WHERE id = ?1",
        params![finding_id, d.expect("checked").to_string()],
    )?;
    findings_where(store.conn(), "f.id = ?1", finding_id.into(), today)?
        .pop()
        .ok_or_else(|| AppError::not_found("找不到该问题"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::customers::testkit::day;

    fn full(s: &Store, score: i64) -> Vec<ScoreInput> {
        checklist(s.conn(), false)
            .unwrap()
            .iter()
            .map(|i| ScoreInput {
                item_id: i.id,
                score: Some(score.min(i.max_score)),
            })
            .collect()
    }

    fn input(on: &str, scores: Vec<ScoreInput>) -> InspectionInput {
        InspectionInput {
            inspected_on: on.into(),
            inspector: "王经理".into(),
            scores,
            ..Default::default()
        }
    }

    #[test]
    fn the_default_checklist_covers_every_area_and_s() {
        let s = Store::open_in_memory().unwrap();
        let items = checklist(s.conn(), false).unwrap();
        assert_eq!(items.len(), 30);
        for (a, _) in AREAS {
            for (five, _) in FIVE_S {
                assert_eq!(
                    items.iter().filter(|i| i.area == a && i.s == five).count(),
                    2,
                    "{a} {five}"
                );
            }
        }
        assert!(items.iter().all(|i| i.max_score == 5));
        // a motorcycle workshop's words, not a car's 护车三件套
        assert!(items
            .iter()
            .all(|i| !i.text.contains("护车三件套") && !i.text.contains("脚垫")));
        assert!(items.iter().any(|i| i.text.contains("车把套")));
        // the fifth S is shown as the text names it
        assert_eq!(s_label("素养"), "素养（纪律）");
        assert_eq!(s_label("整理"), "整理");
    }

    #[test]
    fn an_inspection_totals_by_area_and_s_and_keeps_its_items() {
        let mut s = Store::open_in_memory().unwrap();
        let t = day("2026-11-26");
        let mut scores = full(&s, 5);
        // the first reception item 3 of 5, the first workshop item 0
        let items = checklist(s.conn(), false).unwrap();
        let first_workshop = items.iter().find(|i| i.area == "workshop").unwrap().id;
        scores[0].score = Some(3);
        scores.iter_mut().find(|x| x.item_id == first_workshop).unwrap().score = Some(0);
        let mut inp = input("2026-11-20", scores);
        inp.findings.push(FindingInput {
            area: "workshop".into(),
            text: "工位有废旧件".into(),
            responsible: "刘师傅".into(),
            due_on: "2026-11-25".into(),
        });
        let i = record(&mut s, None, &inp, t).unwrap();
        assert_eq!((i.total.score, i.total.max_score), (143, 150));
        assert_eq!(i.total.percent.unwrap().display(), "95.3%");
        assert_eq!(i.by_area[0].score, 48);
        assert_eq!(i.by_area[1].score, 45);
        assert_eq!(i.by_area[2].score, 50);
        assert_eq!(i.by_s[0].score, 30 - 2 - 5);
        assert_eq!(i.findings.len(), 1);
        assert!(i.findings[0].overdue, "due 25th, today 26th");
        // editing the checklist later does not change the month's total
        let item = &items[0];
        save_item(
            &mut s,
            Some(item.id),
            &ChecklistItemInput {
                area: item.area.clone(),
                s: item.s.clone(),
                text: "改过的内容".into(),
                max_score: 10,
                active: true,
            },
        )
        .unwrap();
        let again = get(s.conn(), i.id, t).unwrap();
        assert_eq!(again.total, i.total);
        assert_eq!(again.scores[0].text, item.text);
        // the finding closed
        let f = close_finding(&mut s, i.findings[0].id, "2026-11-26", t).unwrap();
        assert!(!f.overdue && f.closed_on.is_some());
        assert!(open_findings(s.conn(), t).unwrap().is_empty());
        // trend: 12 months, November filled
        let tr = trend(s.conn(), Month::of(t)).unwrap();
        assert_eq!(tr.len(), 12);
        assert_eq!(tr[11].month, "2026-11");
        assert_eq!(tr[11].total, i.total.percent);
        assert_eq!(tr[10].total, None);
    }

    #[test]
    fn bad_inspections_are_refused_and_nothing_is_saved() {
        let mut s = Store::open_in_memory().unwrap();
        let t = day("2026-11-26");
        let mut over = full(&s, 5);
        over[2].score = Some(7);
        let mut missing = full(&s, 4);
        missing[0].score = None;
        missing[1].score = None;
        let mut neg = full(&s, 4);
        neg[0].score = Some(-1);
        let mut bad_finding = input("2026-11-20", full(&s, 5));
        bad_finding.findings.push(FindingInput {
            area: "store".into(),
            text: "货位标签缺失".into(),
            responsible: "".into(),
            due_on: "2026-11-10".into(),
        });
        let cases = [
            (input("2026-11-20", over), "得分 7 超出范围，应在 0–5 分之间"),
            (input("2026-11-20", neg), "得分 -1 超出范围"),
            (input("2026-11-20", missing), "还有 2 项未打分"),
            (input("2026-12-01", full(&s, 5)), "晚于今天"),
            (
                InspectionInput {
                    inspector: "".into(),
                    ..input("2026-11-20", full(&s, 5))
                },
                "请填写检查人",
            ),
            (
                bad_finding,
                "第 1 条问题：请填写责任人，整改期限（2026年11月10日）早于检查日期",
            ),
        ];
        for (inp, msg) in cases {
            let e = record(&mut s, None, &inp, t).unwrap_err();
            assert!(e.problems.iter().any(|p| p.message.contains(msg)), "{msg}: {e:?}");
        }
        assert!(list(s.conn()).unwrap().is_empty());
        let n: i64 = s
            .conn()
            .query_row("SELECT count(*) FROM five_s_score", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 0);
        // one a month
        let (five, four) = (full(&s, 5), full(&s, 4));
        record(&mut s, None, &input("2026-11-20", five), t).unwrap();
        let e = record(&mut s, None, &input("2026-11-02", four), t).unwrap_err();
        assert!(
            e.message.contains("2026年11月已有一次5S检查")
                || e.problems
                    .iter()
                    .any(|p| p.message.contains("2026年11月已有一次5S检查")),
            "{e:?}"
        );
        assert_eq!(list(s.conn()).unwrap().len(), 1);
        // a bad checklist item
        let e = save_item(
            &mut s,
            None,
            &ChecklistItemInput {
                area: "store".into(),
                s: "整理".into(),
                text: "".into(),
                max_score: 20,
                active: true,
            },
        )
        .unwrap_err();
        let msgs: Vec<_> = e.problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(msgs, ["请填写检查内容", "满分应在 1–10 分之间"]);
    }
}
