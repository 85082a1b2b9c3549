//! 工厂文件与技术通报: the manager is the factory's 服务指令执行人 — he
//! receives its 服务政策, 技术通报, 维修手册 and 服务活动/召回, reports and
//! carries them out (报告、贯彻), and has the staff learn them (学习工厂文件、
//! 手册). The register keeps each document's number, title, day received,
//! content, what it asks the shop to do and by when (落实期限) and whether
//! that is done (落实), who must read it and each person's confirmation
//! (传达), and its attached files (a scanned copy, kept in the data file).
//! A 服务活动/召回 also names the vehicles it covers ([`campaign`]).
//! docs/domain.md §16.

pub mod campaign;
pub mod sheets;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::actor::Role;
use crate::error::{AppError, AppResult, ErrorCode};
use crate::form::Fields;
use crate::rate::Rate;
use crate::store::Store;

/// (code, label) of a document's kind.
pub const KINDS: [(&str, &str); 4] = [
    ("policy", "服务政策"),
    ("bulletin", "技术通报"),
    ("manual", "维修手册"),
    ("campaign", "服务活动/召回"),
];
contract_codes!(KindCode, "FactoryDocumentKind", KINDS);

/// An action falling due within this many days shows as due soon.
pub const DUE_SOON_DAYS: i64 = 7;

fn kind_label(code: &str) -> &'static str {
    crate::form::label_of(&KINDS, code)
}

/// A document as its list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct FactoryDocument {
    pub id: i64,
    #[ts(as = "KindCode")]
    pub kind: String,
    pub kind_label: &'static str,
    pub doc_no: String,
    pub title: String,
    pub received_on: String,
    pub content: String,
    pub action: String,
    pub due_on: Option<String>,
    pub done_on: Option<String>,
    pub done_note: String,
    /// the action is not done: "overdue" past its day, "soon" within
    /// 7 days, else ""
    pub due_state: &'static str,
    /// 传达: people who must read it, and of them who confirmed
    pub readers: i64,
    pub confirmed: i64,
    pub attachments: i64,
    /// 服务活动/召回: vehicles covered, done, and done ÷ covered
    pub affected: i64,
    pub completed: i64,
    pub completion: Option<Rate>,
}

/// One person on a document's reading list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "DocumentReader")]
pub struct Reader {
    pub staff_id: i64,
    pub name: String,
    pub confirmed_on: Option<String>,
    /// 「本人」 or who recorded it
    pub confirmed_by: String,
}

/// One part of a campaign's scope: a model, a VIN range, or both.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
#[ts(rename = "CampaignScope")]
pub struct Scope {
    pub model: String,
    pub vin_from: String,
    pub vin_to: String,
}

/// A document with its reading list, scope and files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct FactoryDocumentDetail {
    pub document: FactoryDocument,
    pub readers: Vec<Reader>,
    pub scope: Vec<Scope>,
    pub attachments: Vec<crate::attachment::Attachment>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct FactoryDocumentInput {
    pub kind: String,
    pub doc_no: String,
    pub title: String,
    pub received_on: String,
    pub content: String,
    pub action: String,
    pub due_on: String,
    /// 传达: the people who must read it (roster ids)
    pub readers: Vec<i64>,
    /// 服务活动/召回 only: what it covers
    pub scope: Vec<Scope>,
}

/// The register with the counts its header shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct FactoryDocumentList {
    pub items: Vec<FactoryDocument>,
    /// actions not done past their day, and due within 7 days
    pub overdue: i64,
    pub due_soon: i64,
    /// confirmations still missing, over all documents
    pub reads_pending: i64,
    /// campaigns with vehicles still to do
    pub campaigns_open: i64,
}

const COLUMNS: &str = "d.id, d.kind, d.doc_no, d.title, d.received_on, d.content, d.action, d.due_on, d.done_on,
    d.done_note,
    (SELECT count(*) FROM factory_document_reader r WHERE r.document_id = d.id),
    (SELECT count(*) FROM factory_document_reader r WHERE r.document_id = d.id AND r.confirmed_on IS NOT NULL),
    (SELECT count(*) FROM attachment a WHERE a.owner_kind = 'factory_document' AND a.owner_id = d.id)";

fn from_row(r: &rusqlite::Row<'_>, today: NaiveDate) -> rusqlite::Result<FactoryDocument> {
    let kind: String = r.get(1)?;
    let due: Option<String> = r.get(7)?;
    let done: Option<String> = r.get(8)?;
    let t = today.to_string();
    let soon = (today + chrono::Days::new(DUE_SOON_DAYS as u64)).to_string();
    let due_state = match (&due, &done) {
        (Some(d), None) if *d < t => "overdue",
        (Some(d), None) if *d <= soon => "soon",
        _ => "",
    };
    Ok(FactoryDocument {
        id: r.get(0)?,
        kind_label: kind_label(&kind),
        kind,
        doc_no: r.get(2)?,
        title: r.get(3)?,
        received_on: r.get(4)?,
        content: r.get(5)?,
        action: r.get(6)?,
        due_on: due,
        done_on: done,
        done_note: r.get(9)?,
        due_state,
        readers: r.get(10)?,
        confirmed: r.get(11)?,
        attachments: r.get(12)?,
        affected: 0,
        completed: 0,
        completion: None,
    })
}

fn select(conn: &Connection, wh: &str, p: impl rusqlite::Params, today: NaiveDate) -> AppResult<Vec<FactoryDocument>> {
    let mut st = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM factory_document d WHERE {wh} ORDER BY d.received_on DESC, d.id DESC"
    ))?;
    let mut rows: Vec<FactoryDocument> = st.query_map(p, |r| from_row(r, today))?.collect::<Result<_, _>>()?;
    for d in rows.iter_mut().filter(|d| d.kind == "campaign") {
        let (affected, completed) = campaign::counts(conn, d.id)?;
        d.affected = affected;
        d.completed = completed;
        d.completion = Rate::ratio(completed.into(), affected.into());
    }
    Ok(rows)
}

fn one(conn: &Connection, id: i64, today: NaiveDate) -> AppResult<FactoryDocument> {
    select(conn, "d.id = ?1", [id], today)?
        .pop()
        .ok_or_else(|| AppError::not_found("找不到该工厂文件"))
}

/// The register, newest first; `kind` narrows it to one kind ("" all).
pub fn list(conn: &Connection, kind: &str, today: NaiveDate) -> AppResult<FactoryDocumentList> {
    let items = select(conn, "?1 = '' OR d.kind = ?1", [kind], today)?;
    let all = if kind.is_empty() {
        items.clone()
    } else {
        select(conn, "1", [], today)?
    };
    Ok(FactoryDocumentList {
        overdue: all.iter().filter(|d| d.due_state == "overdue").count() as i64,
        due_soon: all.iter().filter(|d| d.due_state == "soon").count() as i64,
        reads_pending: all.iter().map(|d| d.readers - d.confirmed).sum(),
        campaigns_open: all
            .iter()
            .filter(|d| d.kind == "campaign" && d.completed < d.affected)
            .count() as i64,
        items,
    })
}

/// A document with its reading list, scope and attached files.
pub fn get(conn: &Connection, id: i64, today: NaiveDate) -> AppResult<FactoryDocumentDetail> {
    let document = one(conn, id, today)?;
    let mut st = conn.prepare(
        "SELECT r.staff_id, s.name, r.confirmed_on, r.confirmed_by FROM factory_document_reader r
         JOIN staff s ON s.id = r.staff_id WHERE r.document_id = ?1 ORDER BY s.id",
    )?;
    let readers = st
        .query_map([id], |r| {
            Ok(Reader {
                staff_id: r.get(0)?,
                name: r.get(1)?,
                confirmed_on: r.get(2)?,
                confirmed_by: r.get(3)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(FactoryDocumentDetail {
        document,
        readers,
        scope: campaign::scope(conn, id)?,
        attachments: crate::attachment::list(conn, crate::attachment::Owner::FactoryDocument(id))?,
    })
}

/// What the desk's to-do counts: (actions past their day or due within
/// 7 days, confirmations missing).
pub fn todo_count(conn: &Connection, today: NaiveDate) -> AppResult<(i64, i64)> {
    let soon = (today + chrono::Days::new(DUE_SOON_DAYS as u64)).to_string();
    Ok(conn.query_row(
        "SELECT (SELECT count(*) FROM factory_document WHERE done_on IS NULL AND due_on <= ?1),
                (SELECT count(*) FROM factory_document_reader WHERE confirmed_on IS NULL)",
        [soon],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

/// A VIN range's end: 17 of the VIN's characters (spaces and dashes
/// dropped, upper case); the check digit is not checked (see the scope).
fn range_end(f: &mut Fields, field: &str, v: &str) -> String {
    let vin: String = v
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if vin.is_empty() {
        return vin;
    }
    if vin.chars().count() != 17 {
        f.bad(
            field,
            format!("车架号应为 17 位，「{vin}」是 {} 位", vin.chars().count()),
        );
    } else if let Some(c) = vin
        .chars()
        .find(|c| !c.is_ascii_alphanumeric() || matches!(c, 'I' | 'O' | 'Q'))
    {
        f.bad(
            field,
            format!("车架号「{vin}」含有不用的字符「{c}」（车架号不用 I、O、Q）"),
        );
    }
    vin
}

/// A VIN without its check digit (position 9): the order of production.
pub fn sequence_key(vin: &str) -> String {
    vin.chars()
        .enumerate()
        .filter(|(i, _)| *i != 8)
        .map(|(_, c)| c)
        .collect()
}

/// A campaign's scope in words, as the workbook writes it: parts joined by
/// 「；」, each 「车型」, 「起始车架号～截止车架号」 or 「车型 起～止」.
pub fn scope_text(scope: &[Scope]) -> String {
    scope
        .iter()
        .map(|s| match (s.model.is_empty(), s.vin_from.is_empty()) {
            (_, true) => s.model.clone(),
            (true, false) => format!("{}～{}", s.vin_from, s.vin_to),
            (false, false) => format!("{} {}～{}", s.model, s.vin_from, s.vin_to),
        })
        .collect::<Vec<_>>()
        .join("；")
}

/// [`scope_text`] read back (「;」, 「~」 and new lines also accepted); the
/// parts are checked by [`save`].
pub fn parse_scope(text: &str) -> Vec<Scope> {
    text.split(['；', ';', '\n'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once(['～', '~']) {
            None => Scope {
                model: p.to_string(),
                ..Default::default()
            },
            Some((left, to)) => {
                let left = left.trim();
                let (model, from) = match left.rsplit_once(char::is_whitespace) {
                    Some((m, f)) => (m.trim().to_string(), f.to_string()),
                    None => (String::new(), left.to_string()),
                };
                Scope {
                    model,
                    vin_from: from,
                    vin_to: to.trim().to_string(),
                }
            }
        })
        .collect()
}

/// Adds (`id` None) or changes a document, with its reading list and, for
/// a campaign, its scope. All or nothing.
pub fn save(
    store: &mut Store,
    id: Option<i64>,
    input: &FactoryDocumentInput,
    today: NaiveDate,
) -> AppResult<FactoryDocumentDetail> {
    let id = store.write(|tx| save_in(tx, id, input, today))?;
    get(store.conn(), id, today)
}

/// [`save`] inside the caller's transaction (the workbook import).
pub fn save_in(tx: &Connection, id: Option<i64>, input: &FactoryDocumentInput, today: NaiveDate) -> AppResult<i64> {
    let mut f = Fields::new();
    let kind = f.choice(
        "kind",
        &KINDS,
        &input.kind,
        "请选择文件类别：服务政策、技术通报、维修手册或服务活动/召回",
    );
    let doc_no = f.text("docNo", "文号", &input.doc_no, 40, true);
    let title = f.text("title", "标题", &input.title, 80, true);
    let received = f.required_date("receivedOn", "收文日期", &input.received_on, today);
    let content = f.text("content", "内容摘要", &input.content, 2000, false);
    let action = f.text("action", "要求措施", &input.action, 500, false);
    // the deadline is the factory's: it may lie ahead
    let due = if input.due_on.trim().is_empty() {
        None
    } else {
        match crate::dates::parse_date("dueOn", input.due_on.trim()) {
            Ok(d) => Some(d),
            Err(_) => {
                f.bad("dueOn", format!("落实期限「{}」不是有效日期", input.due_on.trim()));
                None
            }
        }
    };
    if let (Some(r), Some(d)) = (received, due) {
        if d < r {
            f.bad("dueOn", "落实期限早于收文日期");
        }
    }
    if due.is_some() && action.is_empty() {
        f.bad("action", "有落实期限时请写明要求措施");
    }
    let mut scope = Vec::new();
    for (i, s) in input.scope.iter().enumerate() {
        let model = f.text("scope", "车型", &s.model, 40, false);
        let from = range_end(&mut f, "scope", &s.vin_from);
        let to = range_end(&mut f, "scope", &s.vin_to);
        if model.is_empty() && from.is_empty() && to.is_empty() {
            continue;
        }
        if from.is_empty() != to.is_empty() {
            f.bad("scope", format!("范围第 {} 行：车架号范围请同时填写起止", i + 1));
        } else if !from.is_empty() && sequence_key(&to) < sequence_key(&from) {
            f.bad("scope", format!("范围第 {} 行：截止车架号在起始车架号之前", i + 1));
        }
        scope.push(Scope {
            model,
            vin_from: from,
            vin_to: to,
        });
    }
    match kind {
        Some("campaign") if scope.is_empty() => f.bad("scope", "服务活动/召回请填写涉及的车型或车架号范围"),
        Some(k) if k != "campaign" && !scope.is_empty() => f.bad("scope", "只有服务活动/召回才有车辆范围"),
        _ => {}
    }
    let mut readers: Vec<i64> = input.readers.clone();
    readers.sort_unstable();
    readers.dedup();
    for r in &readers {
        let active: Option<bool> = tx
            .query_row("SELECT active FROM staff WHERE id = ?1", [r], |row| row.get(0))
            .optional()?;
        match active {
            None => f.bad("readers", "传达人员中有不在名册的人"),
            Some(false) if id.is_none() => f.bad("readers", "传达人员中有已离职的人"),
            _ => {}
        }
    }
    if f.is_empty() {
        let taken: Option<i64> = tx
            .query_row("SELECT id FROM factory_document WHERE doc_no = ?1", [&doc_no], |r| {
                r.get(0)
            })
            .optional()?;
        if taken.is_some_and(|t| Some(t) != id) {
            f.bad("docNo", format!("文号「{doc_no}」已登记过"));
        }
    }
    if let Some(id) = id {
        let held: Option<String> = tx
            .query_row("SELECT kind FROM factory_document WHERE id = ?1", [id], |r| r.get(0))
            .optional()?;
        match held {
            None => return Err(AppError::not_found("找不到该工厂文件")),
            Some(k) if k == "campaign" && kind.is_some_and(|n| n != "campaign") => {
                let progress: i64 = tx.query_row(
                    "SELECT count(*) FROM campaign_vehicle WHERE document_id = ?1",
                    [id],
                    |r| r.get(0),
                )?;
                if progress > 0 {
                    f.bad("kind", "已登记车辆通知或完成的服务活动不能改为其他类别");
                }
            }
            _ => {}
        }
        // a confirmed reader stays on the list
        let mut st = tx.prepare(
            "SELECT r.staff_id, s.name FROM factory_document_reader r JOIN staff s ON s.id = r.staff_id
             WHERE r.document_id = ?1 AND r.confirmed_on IS NOT NULL",
        )?;
        let confirmed: Vec<(i64, String)> = st
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        for (sid, name) in confirmed {
            if !readers.contains(&sid) {
                f.bad("readers", format!("{name}已确认阅读，不能从传达名单中去掉"));
            }
        }
    }
    if !f.is_empty() {
        return Err(AppError::from_problems(ErrorCode::Validation, f.problems));
    }
    tx.execute(
        "INSERT INTO factory_document (id, kind, doc_no, title, received_on, content, action, due_on, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, doc_no = excluded.doc_no, title = excluded.title,
            received_on = excluded.received_on, content = excluded.content, action = excluded.action,
            due_on = excluded.due_on",
        params![
            id,
            kind,
            doc_no,
            title,
            received.map(|d| d.to_string()),
            content,
            action,
            due.map(|d| d.to_string()),
            crate::dates::stamp()
        ],
    )?;
    let id = id.unwrap_or_else(|| tx.last_insert_rowid());
    // the reading list: new names added, names gone removed (none of them
    // had confirmed: checked above), confirmations kept
    tx.execute(
        "DELETE FROM factory_document_reader WHERE document_id = ?1 AND confirmed_on IS NULL
           AND staff_id NOT IN (SELECT value FROM json_each(?2))",
        params![id, serde_json::to_string(&readers).expect("ids")],
    )?;
    for r in &readers {
        tx.execute(
            "INSERT OR IGNORE INTO factory_document_reader (document_id, staff_id) VALUES (?1, ?2)",
            params![id, r],
        )?;
    }
    campaign::set_scope(tx, id, &scope)?;
    Ok(id)
}

/// 落实: the action is done on `on` (not before the document came, not in
/// the future), with what was done.
pub fn mark_done(store: &mut Store, id: i64, on: &str, note: &str, today: NaiveDate) -> AppResult<FactoryDocument> {
    let mut f = Fields::new();
    let day = if on.trim().is_empty() {
        Some(today)
    } else {
        f.required_date("doneOn", "落实日期", on, today)
    };
    let note = f.text("doneNote", "落实情况", note, 500, true);
    let received: Option<String> = store
        .conn()
        .query_row("SELECT received_on FROM factory_document WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?;
    let Some(received) = received else {
        return Err(AppError::not_found("找不到该工厂文件"));
    };
    if day.is_some_and(|d| d.to_string() < received) {
        f.bad("doneOn", "落实日期早于收文日期");
    }
    if !f.is_empty() {
        return Err(AppError::from_problems(ErrorCode::Validation, f.problems));
    }
    store.conn().execute(
        "UPDATE factory_document SET done_on = ?2, done_note = ?3 WHERE id = ?1",
        params![id, day.map(|d| d.to_string()), note],
    )?;
    one(store.conn(), id, today)
}

/// Takes back 落实 (entered by mistake); the note is kept for the record.
pub fn reopen(store: &mut Store, id: i64, today: NaiveDate) -> AppResult<FactoryDocument> {
    let n = store.conn().execute(
        "UPDATE factory_document SET done_on = NULL WHERE id = ?1 AND done_on IS NOT NULL",
        [id],
    )?;
    if n == 0 {
        return Err(AppError::new(ErrorCode::Conflict, "该文件尚未落实"));
    }
    one(store.conn(), id, today)
}

/// 传达确认: `staff_id` has read the document, on `on` (empty: today).
/// A signed-in person confirms their own; the manager may record anyone's
/// (read out at the morning meeting).
pub fn confirm(
    store: &mut Store,
    id: i64,
    staff_id: i64,
    on: &str,
    today: NaiveDate,
) -> AppResult<FactoryDocumentDetail> {
    let actor = crate::auth::current(store)?;
    let by = if actor.staff_id == Some(staff_id) {
        "本人".to_string()
    } else if actor.role == Role::Manager {
        actor.name.clone()
    } else {
        return Err(AppError::new(ErrorCode::Forbidden, "只能确认本人已阅"));
    };
    let mut f = Fields::new();
    let day = if on.trim().is_empty() {
        Some(today)
    } else {
        f.required_date("confirmedOn", "确认日期", on, today)
    };
    let row: Option<(Option<String>, String)> = store
        .conn()
        .query_row(
            "SELECT r.confirmed_on, d.received_on FROM factory_document_reader r
             JOIN factory_document d ON d.id = r.document_id WHERE r.document_id = ?1 AND r.staff_id = ?2",
            params![id, staff_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((confirmed, received)) = row else {
        return Err(AppError::not_found("此人不在该文件的传达名单中"));
    };
    if confirmed.is_some() {
        return Err(AppError::new(ErrorCode::Conflict, "已确认过"));
    }
    if day.is_some_and(|d| d.to_string() < received) {
        f.bad("confirmedOn", "确认日期早于收文日期");
    }
    if !f.is_empty() {
        return Err(AppError::from_problems(ErrorCode::Validation, f.problems));
    }
    store.conn().execute(
        "UPDATE factory_document_reader SET confirmed_on = ?3, confirmed_by = ?4 WHERE document_id = ?1 AND staff_id = ?2",
        params![id, staff_id, day.map(|d| d.to_string()), by],
    )?;
    get(store.conn(), id, today)
}

/// The signed-in person's documents still to read (待阅文件), oldest first.
pub fn mine(store: &Store, today: NaiveDate) -> AppResult<Vec<FactoryDocument>> {
    let Some(staff_id) = store.actor().and_then(|a| a.staff_id) else {
        return Ok(Vec::new());
    };
    let mut rows = select(
        store.conn(),
        "d.id IN (SELECT document_id FROM factory_document_reader WHERE staff_id = ?1 AND confirmed_on IS NULL)",
        [staff_id],
        today,
    )?;
    rows.reverse();
    Ok(rows)
}

#[cfg(test)]
mod tests;
