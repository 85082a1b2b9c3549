//! 服务礼仪: the shop's service standards register — the source text's four
//! principles (真诚, 一致, 合宜, 主动) and ten standards (仪容规范 … 主动回访)
//! as the shop's own: each with what it asks, the post that owns it (or
//! everyone) and how it is checked (衡量), in the order of the wall board.
//! The text asks that standards be "具体化、简明、可测定、符合客户要求、写入
//! 工作职责与评介"; the shop may reword them, add its own and retire one
//! (a retired one leaves the board but keeps its row). docs/domain.md §4.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::{AppError, AppResult, ErrorCode};
use crate::form::Fields;
use crate::rate::Rate;
use crate::store::Store;

/// (code, label) of a register entry's kind.
pub const KINDS: [(&str, &str); 2] = [("principle", "服务原则"), ("standard", "服务标准")];

contract_codes!(KindCode, "StandardKind", KINDS);

pub fn kind_label(code: &str) -> &'static str {
    crate::form::label_of(&KINDS, code)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ServiceStandard {
    pub id: i64,
    #[ts(as = "KindCode")]
    pub kind: String,
    pub kind_label: &'static str,
    /// its place on the board (1 first)
    pub seq: i64,
    pub title: String,
    pub content: String,
    /// a post code, or "" for everyone
    pub owner_post: String,
    /// "全员" or the post's name
    pub owner_label: String,
    pub measure: String,
    pub active: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct StandardInput {
    pub kind: String,
    /// empty = after the last of its kind
    pub seq: String,
    pub title: String,
    pub content: String,
    pub owner_post: String,
    pub measure: String,
    pub active: bool,
}

fn owner_label(code: &str) -> String {
    match crate::staff::posts::find(code) {
        Some(p) => p.label(),
        None => "全员".to_string(),
    }
}

/// The register, principles first, each kind in board order; `all` also
/// the retired ones.
pub fn list(conn: &Connection, all: bool) -> AppResult<Vec<ServiceStandard>> {
    let mut st = conn.prepare(
        "SELECT id, kind, seq, title, content, owner_post, measure, active FROM service_standard
         WHERE ?1 OR active = 1 ORDER BY kind = 'standard', seq, id",
    )?;
    let rows = st
        .query_map([all], |r| {
            let kind: String = r.get(1)?;
            let owner: String = r.get(5)?;
            Ok(ServiceStandard {
                id: r.get(0)?,
                kind_label: kind_label(&kind),
                kind,
                seq: r.get(2)?,
                title: r.get(3)?,
                content: r.get(4)?,
                owner_label: owner_label(&owner),
                owner_post: owner,
                measure: r.get(6)?,
                active: r.get(7)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Adds (`id` None) or changes an entry. All or nothing.
pub fn save(store: &mut Store, id: Option<i64>, input: &StandardInput) -> AppResult<ServiceStandard> {
    let tx = store.conn_mut().transaction()?;
    let mut f = Fields::new();
    let kind = f.choice("kind", &KINDS, &input.kind, "请选择服务原则或服务标准");
    let title = f.text("title", "名称", &input.title, 20, true);
    let content = f.text("content", "内容", &input.content, 300, true);
    let measure = f.text("measure", "衡量方法", &input.measure, 100, false);
    let owner = input.owner_post.trim().to_uppercase();
    if !owner.is_empty() && crate::staff::posts::find(&owner).is_none() {
        f.bad("ownerPost", format!("没有岗位「{owner}」"));
    }
    let seq = f.count("seq", "顺序", &input.seq, 999);
    if let (Some(k), false) = (kind, title.is_empty()) {
        let taken: Option<i64> = tx
            .query_row(
                "SELECT id FROM service_standard WHERE kind = ?1 AND title = ?2",
                params![k, title],
                |r| r.get(0),
            )
            .optional()?;
        if taken.is_some_and(|t| Some(t) != id) {
            f.bad("title", format!("已有「{title}」，请勿重复登记"));
        }
    }
    if !f.is_empty() {
        return Err(AppError::from_problems(ErrorCode::Validation, f.problems));
    }
    let kind = kind.expect("checked");
    let seq = match seq {
        Some(n) => n,
        None => tx.query_row(
            "SELECT coalesce(max(seq), 0) + 1 FROM service_standard WHERE kind = ?1",
            [kind],
            |r| r.get(0),
        )?,
    };
    let id = match id {
        None => {
            tx.execute(
                "INSERT INTO service_standard (kind, seq, title, content, owner_post, measure, active)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![kind, seq, title, content, owner, measure, input.active],
            )?;
            tx.last_insert_rowid()
        }
        Some(id) => {
            let n = tx.execute(
                "UPDATE service_standard SET kind = ?2, seq = ?3, title = ?4, content = ?5, owner_post = ?6,
                    measure = ?7, active = ?8 WHERE id = ?1",
                params![id, kind, seq, title, content, owner, measure, input.active],
            )?;
            if n == 0 {
                return Err(AppError::not_found("找不到该条服务规范"));
            }
            id
        }
    };
    tx.commit()?;
    list(store.conn(), true)?
        .into_iter()
        .find(|s| s.id == id)
        .ok_or_else(|| AppError::not_found("找不到该条服务规范"))
}

/// (code, label) of how a check was made.
pub const METHODS: [(&str, &str); 2] = [("spot", "现场抽查"), ("mystery", "神秘客户")];

contract_codes!(MethodCode, "CheckMethod", METHODS);

/// One standard judged in a check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct CheckItem {
    pub standard_id: i64,
    pub title: String,
    pub met: bool,
    pub note: String,
}

/// 礼仪检查: one person checked against the standards.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct EtiquetteCheck {
    pub id: i64,
    pub checked_on: String,
    pub staff_id: i64,
    pub staff_name: String,
    pub checker: String,
    #[ts(as = "MethodCode")]
    pub method: String,
    pub method_label: &'static str,
    pub note: String,
    pub items: Vec<CheckItem>,
    pub met: i64,
    /// the share met
    pub share: Option<Rate>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct CheckItemInput {
    pub standard_id: i64,
    /// None: not judged yet (refused)
    pub met: Option<bool>,
    pub note: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct CheckInput {
    /// empty = today
    pub checked_on: String,
    pub staff_id: Option<i64>,
    pub checker: String,
    pub method: String,
    pub note: String,
    pub items: Vec<CheckItemInput>,
}

/// Records a check: every standard in use judged met or not. All or nothing.
pub fn record_check(store: &mut Store, input: &CheckInput, today: chrono::NaiveDate) -> AppResult<EtiquetteCheck> {
    let id = store.write(|tx| record_check_in(tx, input, today))?;
    checks(store.conn(), "c.id = ?1", [id])?
        .pop()
        .ok_or_else(|| AppError::not_found("找不到该次检查"))
}

pub fn record_check_in(tx: &Connection, input: &CheckInput, today: chrono::NaiveDate) -> AppResult<i64> {
    let mut f = Fields::new();
    let on = if input.checked_on.trim().is_empty() {
        Some(today)
    } else {
        f.required_date("checkedOn", "检查日期", &input.checked_on, today)
    };
    match input.staff_id {
        None => f.bad("staffId", "请选择被检查的人员"),
        Some(id) => {
            let found = tx
                .query_row("SELECT 1 FROM staff WHERE id = ?1", [id], |_| Ok(()))
                .optional()?
                .is_some();
            if !found {
                f.bad("staffId", "找不到该人员");
            }
        }
    }
    let checker = f.text("checker", "检查人", &input.checker, 20, true);
    let method = f.choice("method", &METHODS, &input.method, "请选择现场抽查或神秘客户");
    let note = f.text("note", "备注", &input.note, 300, false);
    // every standard in use, each once
    let in_use: Vec<(i64, String)> = tx
        .prepare("SELECT id, title FROM service_standard WHERE kind = 'standard' AND active = 1 ORDER BY seq, id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let mut items = Vec::new();
    let mut unjudged = Vec::new();
    for (sid, title) in &in_use {
        match input.items.iter().find(|i| i.standard_id == *sid) {
            Some(CheckItemInput { met: Some(m), note, .. }) => {
                let n = f.text("items", &format!("「{title}」的说明"), note, 100, false);
                items.push((*sid, *m, n));
            }
            _ => unjudged.push(title.clone()),
        }
    }
    if in_use.is_empty() {
        f.bad("items", "服务规范里没有在用的服务标准，请先在「服务规范」里登记");
    } else if !unjudged.is_empty() {
        f.bad(
            "items",
            format!("还有 {} 条标准没有评定：{}", unjudged.len(), unjudged.join("、")),
        );
    }
    if input
        .items
        .iter()
        .any(|i| !in_use.iter().any(|(sid, _)| *sid == i.standard_id))
    {
        f.bad("items", "有不在用的标准，请刷新后重新检查");
    }
    if !f.is_empty() {
        return Err(AppError::from_problems(ErrorCode::Validation, f.problems));
    }
    tx.execute(
        "INSERT INTO etiquette_check (checked_on, staff_id, checker, method, note, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            on.expect("checked").to_string(),
            input.staff_id,
            checker,
            method,
            note,
            crate::dates::stamp()
        ],
    )?;
    let id = tx.last_insert_rowid();
    for (sid, met, note) in items {
        tx.execute(
            "INSERT INTO etiquette_check_item (check_id, standard_id, met, note) VALUES (?1, ?2, ?3, ?4)",
            params![id, sid, met, note],
        )?;
    }
    Ok(id)
}

fn checks(conn: &Connection, filter: &str, p: impl rusqlite::Params) -> AppResult<Vec<EtiquetteCheck>> {
    let mut st = conn.prepare(&format!(
        "SELECT c.id, c.checked_on, c.staff_id, s.name, c.checker, c.method, c.note
         FROM etiquette_check c JOIN staff s ON s.id = c.staff_id WHERE {filter}
         ORDER BY c.checked_on DESC, c.id DESC"
    ))?;
    let heads: Vec<EtiquetteCheck> = st
        .query_map(p, |r| {
            let method: String = r.get(5)?;
            Ok(EtiquetteCheck {
                id: r.get(0)?,
                checked_on: r.get(1)?,
                staff_id: r.get(2)?,
                staff_name: r.get(3)?,
                checker: r.get(4)?,
                method_label: crate::form::label_of(&METHODS, &method),
                method,
                note: r.get(6)?,
                items: Vec::new(),
                met: 0,
                share: None,
            })
        })?
        .collect::<Result<_, _>>()?;
    let mut items = conn.prepare_cached(
        "SELECT i.standard_id, t.title, i.met, i.note FROM etiquette_check_item i
         JOIN service_standard t ON t.id = i.standard_id WHERE i.check_id = ?1 ORDER BY t.seq, t.id",
    )?;
    heads
        .into_iter()
        .map(|mut c| {
            c.items = items
                .query_map([c.id], |r| {
                    Ok(CheckItem {
                        standard_id: r.get(0)?,
                        title: r.get(1)?,
                        met: r.get(2)?,
                        note: r.get(3)?,
                    })
                })?
                .collect::<Result<_, _>>()?;
            c.met = c.items.iter().filter(|i| i.met).count() as i64;
            c.share = Rate::ratio(c.met.into(), (c.items.len() as i64).into());
            Ok(c)
        })
        .collect()
}

/// A month's checks, the latest first.
pub fn checks_of_month(conn: &Connection, month: crate::dates::Month) -> AppResult<Vec<EtiquetteCheck>> {
    checks(
        conn,
        "c.checked_on BETWEEN ?1 AND ?2",
        [month.first_day().to_string(), month.last_day().to_string()],
    )
}

/// A person's result for a month: checks made, standards judged and met.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct PersonEtiquette {
    pub staff_id: i64,
    pub name: String,
    pub checks: i64,
    pub judged: i64,
    pub met: i64,
    pub share: Option<Rate>,
}

/// Each person checked in the month, the lowest share first (the
/// appraisal's 礼仪 item reads this).
pub fn month_by_person(conn: &Connection, month: crate::dates::Month) -> AppResult<Vec<PersonEtiquette>> {
    let mut st = conn.prepare(
        "SELECT c.staff_id, s.name, count(DISTINCT c.id), count(i.met), coalesce(sum(i.met), 0)
         FROM etiquette_check c JOIN staff s ON s.id = c.staff_id
         JOIN etiquette_check_item i ON i.check_id = c.id
         WHERE c.checked_on BETWEEN ?1 AND ?2 GROUP BY c.staff_id ORDER BY 1.0 * sum(i.met) / count(i.met), s.name",
    )?;
    let rows = st
        .query_map([month.first_day().to_string(), month.last_day().to_string()], |r| {
            let (judged, met): (i64, i64) = (r.get(3)?, r.get(4)?);
            Ok(PersonEtiquette {
                staff_id: r.get(0)?,
                name: r.get(1)?,
                checks: r.get(2)?,
                judged,
                met,
                share: Rate::ratio(met.into(), judged.into()),
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_texts_standards_to_start_with_then_the_shops_own() {
        let mut s = Store::open_in_memory().unwrap();
        let all = list(s.conn(), false).unwrap();
        assert_eq!(all.len(), 14);
        assert_eq!(
            all.iter()
                .filter(|x| x.kind == "principle")
                .map(|x| x.title.as_str())
                .collect::<Vec<_>>(),
            ["真诚原则", "一致原则", "合宜原则", "主动原则"]
        );
        let visit = all.iter().find(|x| x.title == "主动回访").unwrap();
        assert_eq!(visit.owner_label, "I 客户信息员");
        // the shop's own, after the ten
        let own = save(
            &mut s,
            None,
            &StandardInput {
                kind: "standard".into(),
                title: "电话礼仪".into(),
                content: "铃响三声内接听，先报店名".into(),
                owner_post: "b".into(),
                measure: "抽查来电录音".into(),
                active: true,
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!((own.seq, own.owner_post.as_str()), (11, "B"));
        // the same title again, a post that does not exist, no content: refused
        let e = save(
            &mut s,
            None,
            &StandardInput {
                kind: "standard".into(),
                title: "电话礼仪".into(),
                owner_post: "Z".into(),
                active: true,
                ..Default::default()
            },
        )
        .unwrap_err();
        let fields: Vec<_> = e.problems.iter().map(|p| p.field.clone().unwrap()).collect();
        assert_eq!(fields, ["content", "ownerPost", "title"]);
        // retired: off the board, kept in the register
        let mut input = StandardInput {
            kind: own.kind.clone(),
            seq: own.seq.to_string(),
            title: own.title.clone(),
            content: own.content.clone(),
            owner_post: own.owner_post.clone(),
            measure: own.measure.clone(),
            active: false,
        };
        save(&mut s, Some(own.id), &input).unwrap();
        assert_eq!(list(s.conn(), false).unwrap().len(), 14);
        assert_eq!(list(s.conn(), true).unwrap().len(), 15);
        input.active = true;
        assert!(save(&mut s, Some(own.id), &input).unwrap().active);
    }

    #[test]
    fn a_check_judges_every_standard_and_adds_up_by_person() {
        let today: chrono::NaiveDate = "2026-11-20".parse().unwrap();
        let mut s = Store::open_in_memory().unwrap();
        let wu = crate::staff::roster::save(
            &mut s,
            None,
            &crate::staff::roster::StaffInput {
                name: "吴接待".into(),
                active: true,
                posts: vec!["B".into()],
                ..Default::default()
            },
            today,
        )
        .unwrap()
        .id;
        let ten: Vec<i64> = list(s.conn(), false)
            .unwrap()
            .into_iter()
            .filter(|x| x.kind == "standard")
            .map(|x| x.id)
            .collect();
        let judged = |misses: &[usize]| -> Vec<CheckItemInput> {
            ten.iter()
                .enumerate()
                .map(|(i, id)| CheckItemInput {
                    standard_id: *id,
                    met: Some(!misses.contains(&i)),
                    note: String::new(),
                })
                .collect()
        };
        let mut input = CheckInput {
            checked_on: "2026-11-10".into(),
            staff_id: Some(wu),
            checker: "王经理".into(),
            method: "spot".into(),
            items: judged(&[1]),
            ..Default::default()
        };
        // one standard left unjudged: refused, nothing written
        input.items[9].met = None;
        let e = record_check(&mut s, &input, today).unwrap_err();
        assert!(e.message.contains("还有 1 条标准没有评定：主动回访"), "{}", e.message);
        input.items = judged(&[1]);
        let c = record_check(&mut s, &input, today).unwrap();
        assert_eq!(
            (c.met, c.share.map(Rate::display).as_deref(), c.method_label),
            (9, Some("90%"), "现场抽查")
        );
        // a mystery visit: 来有迎声 and 走有送声 missed
        input.checked_on = "2026-11-18".into();
        input.method = "神秘客户".into();
        input.items = judged(&[1, 8]);
        record_check(&mut s, &input, today).unwrap();
        // the month: 17 of 20 met = 85.0%
        let m = month_by_person(s.conn(), crate::dates::Month::parse("2026-11").unwrap()).unwrap();
        assert_eq!(
            m.iter()
                .map(|p| (p.name.as_str(), p.checks, p.met, p.judged, p.share.map(Rate::display)))
                .collect::<Vec<_>>(),
            [("吴接待", 2, 17, 20, Some("85%".to_string()))]
        );
        let n: i64 = s
            .conn()
            .query_row("SELECT count(*) FROM etiquette_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 2);
    }
}
