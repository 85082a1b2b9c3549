//! 服务活动/召回: a factory document that covers vehicles — models, VIN
//! ranges, or a range within a model. The shop lists the covered vehicles
//! it knows with their customers to contact, records when each was told
//! (通知) and when the work was done, from a finished repair order of that
//! vehicle, and shows the completion (完成率 = done ÷ covered). A range
//! compares VINs without their check digit (position 9), which does not
//! follow the production sequence. docs/domain.md §16.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use super::Scope;
use crate::error::{AppError, AppResult, ErrorCode};
use crate::form::Fields;
use crate::rate::Rate;
use crate::store::Store;

/// The vehicle `v` is covered by campaign `?1` (SQL, over `vehicle v`).
pub const COVERED: &str = "EXISTS (SELECT 1 FROM campaign_scope s WHERE s.document_id = ?1
    AND (s.model = '' OR s.model = v.model)
    AND (s.vin_from = '' OR substr(v.vin, 1, 8) || substr(v.vin, 10)
         BETWEEN substr(s.vin_from, 1, 8) || substr(s.vin_from, 10) AND substr(s.vin_to, 1, 8) || substr(s.vin_to, 10)))";

fn bad(field: &str, message: impl Into<String>) -> AppError {
    AppError::from_problems(
        ErrorCode::Validation,
        vec![crate::error::Problem::field(field, message)],
    )
}

/// A covered vehicle with its customer and progress.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct CampaignVehicle {
    pub vehicle_id: i64,
    pub vin: String,
    pub plate: String,
    pub model: String,
    pub sale_date: Option<String>,
    pub customer: String,
    pub mobile: String,
    pub address: String,
    pub notified_on: Option<String>,
    pub done_on: Option<String>,
    pub order_no: Option<String>,
    pub note: String,
}

/// A campaign's vehicles and its completion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct CampaignProgress {
    pub id: i64,
    pub doc_no: String,
    pub title: String,
    pub scope: Vec<Scope>,
    pub vehicles: Vec<CampaignVehicle>,
    pub affected: i64,
    pub notified: i64,
    pub completed: i64,
    /// completed ÷ affected (无数据 when it covers none of the shop's vehicles)
    pub completion: Option<Rate>,
}

/// A campaign the vehicle is covered by and has not had done (shown on
/// its repair order, so the desk does it while the vehicle is in).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct OpenCampaign {
    pub id: i64,
    pub doc_no: String,
    pub title: String,
    pub action: String,
}

/// A campaign's scope, as entered.
pub fn scope(conn: &Connection, id: i64) -> AppResult<Vec<Scope>> {
    let mut st =
        conn.prepare("SELECT model, vin_from, vin_to FROM campaign_scope WHERE document_id = ?1 ORDER BY id")?;
    let rows = st
        .query_map([id], |r| {
            Ok(Scope {
                model: r.get(0)?,
                vin_from: r.get(1)?,
                vin_to: r.get(2)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Replaces a campaign's scope (checked by the caller). A vehicle already
/// told or done must stay covered: the change is refused otherwise.
pub(super) fn set_scope(tx: &Connection, id: i64, scope: &[Scope]) -> AppResult<()> {
    tx.execute("DELETE FROM campaign_scope WHERE document_id = ?1", [id])?;
    for s in scope {
        tx.execute(
            "INSERT INTO campaign_scope (document_id, model, vin_from, vin_to) VALUES (?1, ?2, ?3, ?4)",
            params![id, s.model, s.vin_from, s.vin_to],
        )?;
    }
    let outside: Vec<String> = {
        let mut st = tx.prepare(&format!(
            "SELECT v.vin FROM campaign_vehicle cv JOIN vehicle v ON v.id = cv.vehicle_id
             WHERE cv.document_id = ?1 AND NOT {COVERED} ORDER BY v.vin"
        ))?;
        let rows = st.query_map([id], |r| r.get(0))?.collect::<Result<_, _>>()?;
        rows
    };
    if let Some(first) = outside.first() {
        return Err(bad(
            "scope",
            format!(
                "改动后，已登记通知或完成的 {} 辆车（如 {first}）不在范围内；请先撤销这些车辆的登记",
                outside.len()
            ),
        ));
    }
    Ok(())
}

/// (covered, done) for a campaign.
pub fn counts(conn: &Connection, id: i64) -> AppResult<(i64, i64)> {
    Ok(conn.query_row(
        &format!(
            "SELECT count(*), count(cv.done_on) FROM vehicle v
             LEFT JOIN campaign_vehicle cv ON cv.document_id = ?1 AND cv.vehicle_id = v.id
             WHERE {COVERED}"
        ),
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

fn campaign_head(conn: &Connection, id: i64) -> AppResult<(String, String, String)> {
    let row: Option<(String, String, String, String)> = conn
        .query_row(
            "SELECT kind, doc_no, title, received_on FROM factory_document WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    match row {
        None => Err(AppError::not_found("找不到该工厂文件")),
        Some((k, ..)) if k != "campaign" => Err(AppError::new(ErrorCode::Validation, "该文件不是服务活动/召回")),
        Some((_, no, title, received)) => Ok((no, title, received)),
    }
}

/// The covered vehicles (those still to do first) and the completion.
pub fn progress(conn: &Connection, id: i64) -> AppResult<CampaignProgress> {
    let (doc_no, title, _) = campaign_head(conn, id)?;
    let mut st = conn.prepare(&format!(
        "SELECT v.id, v.vin, v.plate, v.model, v.sale_date, c.name, c.mobile, c.address,
                cv.notified_on, cv.done_on, ro.order_no, coalesce(cv.note, '')
         FROM vehicle v JOIN customer c ON c.id = v.customer_id
         LEFT JOIN campaign_vehicle cv ON cv.document_id = ?1 AND cv.vehicle_id = v.id
         LEFT JOIN repair_order ro ON ro.id = cv.repair_order_id
         WHERE {COVERED}
         ORDER BY cv.done_on IS NOT NULL, cv.notified_on IS NOT NULL, v.sale_date, v.vin"
    ))?;
    let vehicles: Vec<CampaignVehicle> = st
        .query_map([id], |r| {
            Ok(CampaignVehicle {
                vehicle_id: r.get(0)?,
                vin: r.get(1)?,
                plate: r.get(2)?,
                model: r.get(3)?,
                sale_date: r.get(4)?,
                customer: r.get(5)?,
                mobile: r.get(6)?,
                address: r.get(7)?,
                notified_on: r.get(8)?,
                done_on: r.get(9)?,
                order_no: r.get(10)?,
                note: r.get(11)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    let affected = vehicles.len() as i64;
    let completed = vehicles.iter().filter(|v| v.done_on.is_some()).count() as i64;
    Ok(CampaignProgress {
        id,
        doc_no,
        title,
        scope: scope(conn, id)?,
        notified: vehicles
            .iter()
            .filter(|v| v.notified_on.is_some() || v.done_on.is_some())
            .count() as i64,
        completion: Rate::ratio(completed.into(), affected.into()),
        affected,
        completed,
        vehicles,
    })
}

fn covered(conn: &Connection, id: i64, vehicle_id: i64) -> AppResult<bool> {
    Ok(conn
        .query_row(
            &format!("SELECT 1 FROM vehicle v WHERE v.id = ?2 AND {COVERED}"),
            params![id, vehicle_id],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// 通知: the customer was told on `on` (empty: today), with a note (how).
pub fn notify(
    store: &mut Store,
    id: i64,
    vehicle_id: i64,
    on: &str,
    note: &str,
    today: NaiveDate,
) -> AppResult<CampaignProgress> {
    let (_, _, received) = campaign_head(store.conn(), id)?;
    if !covered(store.conn(), id, vehicle_id)? {
        return Err(AppError::new(ErrorCode::Validation, "该车不在此次服务活动的范围内"));
    }
    let mut f = Fields::new();
    let day = if on.trim().is_empty() {
        Some(today)
    } else {
        f.required_date("notifiedOn", "通知日期", on, today)
    };
    if day.is_some_and(|d| d.to_string() < received) {
        f.bad("notifiedOn", "通知日期早于收文日期");
    }
    let note = f.text("note", "通知情况", note, 200, false);
    if !f.is_empty() {
        return Err(AppError::from_problems(ErrorCode::Validation, f.problems));
    }
    store.conn().execute(
        "INSERT INTO campaign_vehicle (document_id, vehicle_id, notified_on, note) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (document_id, vehicle_id) DO UPDATE SET notified_on = excluded.notified_on,
            note = CASE WHEN excluded.note = '' THEN note ELSE excluded.note END",
        params![id, vehicle_id, day.map(|d| d.to_string()), note],
    )?;
    progress(store.conn(), id)
}

/// 完成: the vehicle's repair order `order_no` (finished, on or after the
/// document came) did the campaign's work.
pub fn complete(store: &mut Store, id: i64, vehicle_id: i64, order_no: &str) -> AppResult<CampaignProgress> {
    store.write(|tx| complete_in(tx, id, vehicle_id, order_no))?;
    progress(store.conn(), id)
}

/// [`complete`] inside the caller's transaction (the workbook import).
pub fn complete_in(tx: &Connection, id: i64, vehicle_id: i64, order_no: &str) -> AppResult<()> {
    let (doc_no, _, received) = campaign_head(tx, id)?;
    if !covered(tx, id, vehicle_id)? {
        return Err(AppError::new(ErrorCode::Validation, "该车不在此次服务活动的范围内"));
    }
    let order: Option<(i64, i64, Option<String>)> = tx
        .query_row(
            "SELECT id, vehicle_id, done_at FROM repair_order WHERE order_no = ?1",
            [order_no.trim()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let Some((order_id, order_vehicle, done_at)) = order else {
        return Err(bad("orderNo", format!("没有维修单「{}」", order_no.trim())));
    };
    if order_vehicle != vehicle_id {
        return Err(bad("orderNo", format!("维修单「{}」不是这辆车的", order_no.trim())));
    }
    let Some(done_at) = done_at else {
        return Err(bad(
            "orderNo",
            format!("维修单「{}」还没有完工，完工后再登记", order_no.trim()),
        ));
    };
    let done_on = done_at.get(..10).unwrap_or(&done_at).to_string();
    if done_on < received {
        return Err(bad(
            "orderNo",
            format!("维修单「{}」在收到 {doc_no} 之前就完工了", order_no.trim()),
        ));
    }
    let held: Option<Option<String>> = tx
        .query_row(
            "SELECT done_on FROM campaign_vehicle WHERE document_id = ?1 AND vehicle_id = ?2",
            params![id, vehicle_id],
            |r| r.get(0),
        )
        .optional()?;
    if matches!(held, Some(Some(_))) {
        return Err(AppError::new(ErrorCode::Conflict, "这辆车已登记完成"));
    }
    tx.execute(
        "INSERT INTO campaign_vehicle (document_id, vehicle_id, repair_order_id, done_on) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (document_id, vehicle_id) DO UPDATE SET repair_order_id = excluded.repair_order_id,
            done_on = excluded.done_on",
        params![id, vehicle_id, order_id, done_on],
    )?;
    Ok(())
}

/// Takes back a completion entered by mistake (the notice stays).
pub fn undo(store: &mut Store, id: i64, vehicle_id: i64) -> AppResult<CampaignProgress> {
    let n = store.conn().execute(
        "UPDATE campaign_vehicle SET repair_order_id = NULL, done_on = NULL
         WHERE document_id = ?1 AND vehicle_id = ?2 AND done_on IS NOT NULL",
        params![id, vehicle_id],
    )?;
    if n == 0 {
        return Err(AppError::new(ErrorCode::Conflict, "这辆车尚未登记完成"));
    }
    progress(store.conn(), id)
}

/// The campaigns covering a vehicle that it has not had done.
pub fn open_for_vehicle(conn: &Connection, vehicle_id: i64) -> AppResult<Vec<OpenCampaign>> {
    let mut st = conn.prepare(
        "SELECT d.id, d.doc_no, d.title, d.action FROM factory_document d
         WHERE d.kind = 'campaign'
           AND EXISTS (SELECT 1 FROM campaign_scope s JOIN vehicle v ON v.id = ?1 WHERE s.document_id = d.id
                AND (s.model = '' OR s.model = v.model)
                AND (s.vin_from = '' OR substr(v.vin, 1, 8) || substr(v.vin, 10)
                     BETWEEN substr(s.vin_from, 1, 8) || substr(s.vin_from, 10)
                         AND substr(s.vin_to, 1, 8) || substr(s.vin_to, 10)))
           AND NOT EXISTS (SELECT 1 FROM campaign_vehicle cv WHERE cv.document_id = d.id AND cv.vehicle_id = ?1
                AND cv.done_on IS NOT NULL)
         ORDER BY d.received_on, d.id",
    )?;
    let rows = st
        .query_map([vehicle_id], |r| {
            Ok(OpenCampaign {
                id: r.get(0)?,
                doc_no: r.get(1)?,
                title: r.get(2)?,
                action: r.get(3)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}
