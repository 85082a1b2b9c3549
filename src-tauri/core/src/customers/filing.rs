//! 建档：files whose slip has not come back yet, filing fees registered but
//! not yet sent to the factory, and the batches (建档费返厂批次) they are
//! sent in.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::vehicle::{self, Vehicle, VehicleInput};
use crate::error::{AppError, AppResult};
use crate::money::Money;
use crate::return_batch::{self, BatchKind, Item};
use crate::store::Store;

/// Vehicles sold here whose file slip has not come back, oldest sale first.
pub fn pending_files(conn: &Connection, limit: i64) -> AppResult<Vec<Vehicle>> {
    ids_to_vehicles(
        conn,
        "SELECT id FROM vehicle WHERE sold_here = 1 AND file_returned_on IS NULL ORDER BY sale_date, id LIMIT ?1",
        limit,
    )
}

/// Filing fees registered and not yet sent back, oldest registration first.
pub fn unreturned_fees(conn: &Connection, limit: i64) -> AppResult<Vec<Vehicle>> {
    ids_to_vehicles(
        conn,
        "SELECT id FROM vehicle WHERE fee_registered_on IS NOT NULL AND fee_batch_id IS NULL
         ORDER BY fee_registered_on, id LIMIT ?1",
        limit,
    )
}

fn ids_to_vehicles(conn: &Connection, sql: &str, limit: i64) -> AppResult<Vec<Vehicle>> {
    let ids: Vec<i64> = conn
        .prepare(sql)?
        .query_map([limit], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    ids.into_iter().map(|id| vehicle::get(conn, id)).collect()
}

/// 建档登记：the file slip came back (and the fee, when there is one).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "camelCase", default)]
pub struct FileInput {
    pub file_returned_on: String,
    pub filing_fee: String,
    pub fee_registered_on: String,
}

pub fn record_file(store: &mut Store, vehicle_id: i64, input: &FileInput, today: NaiveDate) -> AppResult<Vehicle> {
    let tx = store.conn_mut().transaction()?;
    record_file_in(
        &tx,
        vehicle_id,
        &input.file_returned_on,
        &input.filing_fee,
        &input.fee_registered_on,
        today,
    )?;
    tx.commit()?;
    vehicle::get(store.conn(), vehicle_id)
}

/// [`record_file`] inside the caller's transaction (the demo shop).
pub fn record_file_in(
    tx: &Connection,
    vehicle_id: i64,
    file_returned_on: &str,
    filing_fee: &str,
    fee_registered_on: &str,
    today: NaiveDate,
) -> AppResult<()> {
    let v = vehicle::get(tx, vehicle_id)?;
    if file_returned_on.trim().is_empty() {
        return Err(AppError::invalid("fileReturnedOn", "请填写建档日期（档案联收回日期）"));
    }
    if !v.sold_here {
        return Err(AppError::invalid("fileReturnedOn", "只有本店销售的车辆才建档"));
    }
    let mut vi = VehicleInput::from(&v);
    vi.file_returned_on = file_returned_on.to_string();
    vi.filing_fee = filing_fee.to_string();
    vi.fee_registered_on = fee_registered_on.to_string();
    vehicle::update_in(tx, vehicle_id, &vi, today)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct FeeBatch {
    pub id: i64,
    /// JF-YYYYMM-NN
    pub batch_no: String,
    pub returned_on: String,
    pub note: String,
    pub count: i64,
    pub total: Money,
    /// filled by [`batch`]; empty in [`batches`]
    pub vehicles: Vec<Vehicle>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "camelCase", default)]
pub struct FeeBatchInput {
    pub returned_on: String,
    pub vehicle_ids: Vec<i64>,
    pub note: String,
}

/// Sends the chosen registered fees back to the factory as one batch.
pub fn create_batch(store: &mut Store, input: &FeeBatchInput, today: NaiveDate) -> AppResult<FeeBatch> {
    let id = store.write(|tx| create_batch_inner(tx, input, today))?;
    batch(store.conn(), id)
}

/// [`create_batch`] inside the caller's transaction (the demo shop).
pub fn create_batch_in(
    tx: &Connection,
    returned_on: &str,
    vehicle_ids: &[i64],
    note: &str,
    today: NaiveDate,
) -> AppResult<i64> {
    create_batch_inner(
        tx,
        &FeeBatchInput {
            returned_on: returned_on.to_string(),
            vehicle_ids: vehicle_ids.to_vec(),
            note: note.to_string(),
        },
        today,
    )
}

/// 建档费返厂: a batch of registered fees not yet returned.
const FEE_BATCH: BatchKind = BatchKind {
    table: "filing_fee_batch",
    date_column: "returned_on",
    prefix: "JF",
    date_field: "returnedOn",
    date_label: "返厂日期",
    items_field: "vehicleIds",
    none_chosen: "请选择要返厂的建档费",
    tie_sql: "UPDATE vehicle SET fee_batch_id = ?1 WHERE id = ?2",
};

fn create_batch_inner(tx: &Connection, input: &FeeBatchInput, today: NaiveDate) -> AppResult<i64> {
    return_batch::create_in(
        tx,
        &FEE_BATCH,
        &input.returned_on,
        &input.vehicle_ids,
        &input.note,
        today,
        |id| {
            let v = vehicle::get(tx, id)?;
            Ok(match (v.fee_registered_on, v.fee_batch_no) {
                (None, _) => Item::Refused(format!("车架号 {} 的建档费还没有登记", v.vin)),
                (_, Some(b)) => Item::Refused(format!("车架号 {} 的建档费已在批次 {b} 中返厂", v.vin)),
                (Some(reg), None) => Item::Ready {
                    too_early: format!("返厂日期早于车架号 {} 的建档费登记日期（{reg}）", v.vin),
                    since: reg,
                },
            })
        },
    )
}

fn batch_head(r: &rusqlite::Row<'_>) -> rusqlite::Result<FeeBatch> {
    Ok(FeeBatch {
        id: r.get(0)?,
        batch_no: r.get(1)?,
        returned_on: r.get(2)?,
        note: r.get(3)?,
        count: r.get(4)?,
        total: r.get(5)?,
        vehicles: Vec::new(),
    })
}

const BATCH_SQL: &str =
    "SELECT b.id, b.batch_no, b.returned_on, b.note, count(v.id), coalesce(sum(v.filing_fee_fen), 0)
    FROM filing_fee_batch b LEFT JOIN vehicle v ON v.fee_batch_id = b.id";

/// The latest batches, newest first (without their vehicles).
pub fn batches(conn: &Connection, limit: i64) -> AppResult<Vec<FeeBatch>> {
    let mut st = conn.prepare(&format!(
        "{BATCH_SQL} GROUP BY b.id ORDER BY b.returned_on DESC, b.id DESC LIMIT ?1"
    ))?;
    let rows = st.query_map([limit], batch_head)?.collect::<Result<_, _>>()?;
    Ok(rows)
}

/// One batch with its vehicles (the list sent with the fees).
pub fn batch(conn: &Connection, id: i64) -> AppResult<FeeBatch> {
    let mut b = conn
        .query_row(&format!("{BATCH_SQL} WHERE b.id = ?1 GROUP BY b.id"), [id], batch_head)
        .optional()?
        .ok_or_else(|| AppError::not_found("找不到该返厂批次"))?;
    b.vehicles = ids_to_vehicles(
        conn,
        "SELECT id FROM vehicle WHERE fee_batch_id = ?1 ORDER BY fee_registered_on, id",
        id,
    )?;
    Ok(b)
}
