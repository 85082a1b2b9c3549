//! 旧件返厂：each replaced part waits for return (待返厂) from the day it was
//! issued; a return batch (返厂批次) lists the parts shipped together, with
//! its number and date, printable as the packing list (返厂清单); the
//! factory's receipt (签收) closes the batch.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::{AppError, AppResult, ErrorCode};
use crate::form::Fields;
use crate::money::Money;
use crate::return_batch::{self, BatchKind, Item};
use crate::store::Store;

/// One old part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct OldPart {
    /// the claim line
    pub line_id: i64,
    pub claim_id: i64,
    pub claim_no: String,
    pub claim_status: String,
    pub vin: String,
    pub customer_name: String,
    pub part_no: String,
    pub name: String,
    pub unit: String,
    pub qty: i64,
    /// book value when issued
    pub value: Money,
    /// the day it was taken out (维修出库)
    pub replaced_on: String,
    /// days waiting (as of today) for those not yet shipped
    pub age_days: i64,
    pub batch_no: Option<String>,
}

const COLUMNS: &str = "l.id, w.id, w.claim_no, w.status, v.vin, c.name, p.part_no, p.name, p.unit, l.qty,
    l.value_fen, w.repaired_on, b.batch_no";
const FROM: &str = "warranty_claim_line l JOIN warranty_claim w ON w.id = l.claim_id
    JOIN vehicle v ON v.id = w.vehicle_id JOIN customer c ON c.id = w.customer_id JOIN part p ON p.id = l.part_id
    LEFT JOIN old_part_batch b ON b.id = l.old_batch_id";

fn from_row(r: &rusqlite::Row<'_>, today: NaiveDate) -> rusqlite::Result<OldPart> {
    let replaced: String = r.get(11)?;
    let age = NaiveDate::parse_from_str(&replaced, "%Y-%m-%d")
        .map(|d| (today - d).num_days())
        .unwrap_or(0);
    Ok(OldPart {
        line_id: r.get(0)?,
        claim_id: r.get(1)?,
        claim_no: r.get(2)?,
        claim_status: r.get(3)?,
        vin: r.get(4)?,
        customer_name: r.get(5)?,
        part_no: r.get(6)?,
        name: r.get(7)?,
        unit: r.get(8)?,
        qty: r.get(9)?,
        value: r.get(10)?,
        replaced_on: replaced,
        age_days: age,
        batch_no: r.get(12)?,
    })
}

/// How many replaced parts wait to go back to the factory (the desk's
/// to-do): [`waiting`]'s lines, counted.
pub fn waiting_count(conn: &Connection) -> AppResult<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM warranty_claim_line l JOIN warranty_claim w ON w.id = l.claim_id
         WHERE l.movement_id IS NOT NULL AND l.old_batch_id IS NULL AND w.repaired_on IS NOT NULL
           AND w.claim_type = 'warranty'",
        [],
        |r| r.get(0),
    )?)
}

/// Old parts waiting for return, oldest first (a rejected claim's parts
/// still go back: the factory decides on the part it sees).
pub fn waiting(conn: &Connection, today: NaiveDate) -> AppResult<Vec<OldPart>> {
    let mut st = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM {FROM} WHERE l.movement_id IS NOT NULL AND l.old_batch_id IS NULL
           AND w.repaired_on IS NOT NULL AND w.claim_type = 'warranty'
         ORDER BY w.repaired_on, l.id LIMIT 2000"
    ))?;
    let rows = st.query_map([], |r| from_row(r, today))?.collect::<Result<_, _>>()?;
    Ok(rows)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "OldPartBatch")]
pub struct Batch {
    pub id: i64,
    /// FH-YYYYMM-NN
    pub batch_no: String,
    pub shipped_on: String,
    pub received_on: Option<String>,
    pub note: String,
    pub count: i64,
    pub value: Money,
    /// filled by [`batch`]
    pub parts: Vec<OldPart>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "camelCase", default)]
#[ts(rename = "OldPartBatchInput")]
pub struct BatchInput {
    pub shipped_on: String,
    pub line_ids: Vec<i64>,
    pub note: String,
}

/// A claim line as the batch sees it: (movement, batch, replaced on, part name).
type LineState = (Option<i64>, Option<i64>, Option<String>, String);

/// Ships the chosen old parts to the factory as one batch.
pub fn create_batch(store: &mut Store, input: &BatchInput, today: NaiveDate) -> AppResult<Batch> {
    let id = store.write(|tx| create_batch_in(tx, input, today))?;
    batch(store.conn(), id, today)
}

/// 旧件返厂: a batch of replaced 三包 parts.
const OLD_PART_BATCH: BatchKind = BatchKind {
    table: "old_part_batch",
    date_column: "shipped_on",
    prefix: "FH",
    date_field: "shippedOn",
    date_label: "发出日期",
    items_field: "lineIds",
    none_chosen: "请选择要返厂的旧件",
    tie_sql: "UPDATE warranty_claim_line SET old_batch_id = ?1 WHERE id = ?2",
};

pub fn create_batch_in(tx: &Connection, input: &BatchInput, today: NaiveDate) -> AppResult<i64> {
    return_batch::create_in(
        tx,
        &OLD_PART_BATCH,
        &input.shipped_on,
        &input.line_ids,
        &input.note,
        today,
        |lid| {
            let row: Option<LineState> = tx
                .query_row(
                    "SELECT l.movement_id, l.old_batch_id, w.repaired_on, p.name FROM warranty_claim_line l
                     JOIN warranty_claim w ON w.id = l.claim_id JOIN part p ON p.id = l.part_id
                     WHERE l.id = ?1 AND w.claim_type = 'warranty'",
                    [lid],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                )
                .optional()?;
            Ok(match row {
                // (a 首保's oil and filter are used up: nothing goes back)
                None => Item::Refused("所选旧件不存在或不需返厂".into()),
                Some((None, _, _, name)) => Item::Refused(format!("「{name}」还没有维修出库")),
                Some((_, Some(_), _, name)) => Item::Refused(format!("「{name}」已经返厂")),
                // fitted on a 三包 order still in the workshop
                Some((_, None, None, name)) => Item::Refused(format!("「{name}」所在的维修单还没有完工")),
                Some((_, None, Some(on), name)) => Item::Ready {
                    too_early: format!("发出日期早于「{name}」的更换日期（{on}）"),
                    since: on,
                },
            })
        },
    )
}

/// 工厂签收: the factory received the batch.
pub fn receive(store: &mut Store, id: i64, received_on: &str, today: NaiveDate) -> AppResult<Batch> {
    let b = batch(store.conn(), id, today)?;
    if b.received_on.is_some() {
        return Err(AppError::new(ErrorCode::Conflict, "这批旧件已经签收"));
    }
    let mut f = Fields::new();
    let on = f.required_date("receivedOn", "签收日期", received_on, today);
    if let Some(d) = on {
        if d.to_string() < b.shipped_on {
            f.bad("receivedOn", format!("签收日期早于发出日期（{}）", b.shipped_on));
        }
    }
    if !f.is_empty() {
        return Err(AppError::from_problems(ErrorCode::Validation, f.problems));
    }
    store.conn().execute(
        "UPDATE old_part_batch SET received_on = ?2 WHERE id = ?1",
        params![id, on.expect("checked").to_string()],
    )?;
    batch(store.conn(), id, today)
}

const BATCH_SQL: &str = "SELECT b.id, b.batch_no, b.shipped_on, b.received_on, b.note, count(l.id),
    coalesce(sum(l.value_fen), 0) FROM old_part_batch b LEFT JOIN warranty_claim_line l ON l.old_batch_id = b.id";

fn batch_head(r: &rusqlite::Row<'_>) -> rusqlite::Result<Batch> {
    Ok(Batch {
        id: r.get(0)?,
        batch_no: r.get(1)?,
        shipped_on: r.get(2)?,
        received_on: r.get(3)?,
        note: r.get(4)?,
        count: r.get(5)?,
        value: r.get(6)?,
        parts: Vec::new(),
    })
}

pub fn batches(conn: &Connection, limit: i64) -> AppResult<Vec<Batch>> {
    let mut st = conn.prepare(&format!(
        "{BATCH_SQL} GROUP BY b.id ORDER BY b.shipped_on DESC, b.id DESC LIMIT ?1"
    ))?;
    let rows = st.query_map([limit], batch_head)?.collect::<Result<_, _>>()?;
    Ok(rows)
}

/// The export's columns (sheet 旧件返厂).
const EXPORT_COLUMNS: &[(&str, u16)] = &[
    ("返厂批次", 16),
    ("返厂日期", 12),
    ("工厂签收", 12),
    ("索赔单号", 16),
    ("车架号", 20),
    ("客户", 10),
    ("配件编号", 14),
    ("配件名称", 18),
    ("数量", 6),
    ("单位", 6),
    ("账面金额", 10),
    ("更换日期", 12),
    ("等待天数", 8),
];

/// Writes every old part of a 三包 claim as .xlsx — shipped in a batch
/// (with its number, day shipped and day the factory signed) and still
/// waiting (with its days waiting), batches newest first, then those
/// waiting oldest first — for checking against the factory's receipts;
/// returns how many lines.
pub fn export(conn: &Connection, today: NaiveDate, path: &std::path::Path) -> AppResult<usize> {
    let mut st = conn.prepare(&format!(
        "SELECT {COLUMNS}, b.shipped_on, b.received_on FROM {FROM}
         WHERE l.movement_id IS NOT NULL AND w.repaired_on IS NOT NULL AND w.claim_type = 'warranty'
         ORDER BY b.id IS NULL, b.shipped_on DESC, b.id DESC, w.repaired_on, l.id"
    ))?;
    let rows: Vec<Vec<String>> = st
        .query_map([], |r| {
            let p = from_row(r, today)?;
            let shipped: Option<String> = r.get(13)?;
            let received: Option<String> = r.get(14)?;
            Ok(vec![
                p.batch_no.clone().unwrap_or_else(|| "待返厂".into()),
                shipped.clone().unwrap_or_default(),
                received.unwrap_or_default(),
                p.claim_no,
                p.vin,
                p.customer_name,
                p.part_no,
                p.name,
                p.qty.to_string(),
                p.unit,
                p.value.to_string(),
                p.replaced_on,
                if shipped.is_none() {
                    p.age_days.to_string()
                } else {
                    String::new()
                },
            ])
        })?
        .collect::<Result<_, _>>()?;
    crate::sheet::write_table(path, "旧件返厂", EXPORT_COLUMNS, &rows)?;
    Ok(rows.len())
}

/// One batch with its parts (the packing list).
pub fn batch(conn: &Connection, id: i64, today: NaiveDate) -> AppResult<Batch> {
    let mut b = conn
        .query_row(&format!("{BATCH_SQL} WHERE b.id = ?1 GROUP BY b.id"), [id], batch_head)
        .optional()?
        .ok_or_else(|| AppError::not_found("找不到该返厂批次"))?;
    let mut st = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM {FROM} WHERE l.old_batch_id = ?1 ORDER BY w.claim_no, l.id"
    ))?;
    b.parts = st.query_map([id], |r| from_row(r, today))?.collect::<Result<_, _>>()?;
    Ok(b)
}
