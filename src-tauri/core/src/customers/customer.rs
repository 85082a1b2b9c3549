//! 客户：a customer — name, mobile, address or village — with their
//! vehicles; search by name, mobile, pinyin initials or the last digits of a
//! VIN.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::{AppError, AppResult, ErrorCode};
use crate::form::Fields;
use crate::store::search::pinyin_initials;
use crate::store::Store;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Customer {
    pub id: i64,
    /// 姓名
    pub name: String,
    /// 手机 ('' when none)
    pub mobile: String,
    /// 地址或村
    pub address: String,
    pub note: String,
}

/// A customer as typed in the form (text).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "camelCase", default)]
pub struct CustomerInput {
    pub name: String,
    pub mobile: String,
    pub address: String,
    pub note: String,
}

pub(crate) struct CustomerRow {
    pub name: String,
    pub mobile: String,
    pub address: String,
    pub note: String,
}

impl CustomerInput {
    /// Checks the fields into `f` (field names prefixed with `prefix`, so a
    /// sale form can nest the customer as `customer.name`).
    pub(crate) fn check(&self, f: &mut Fields, prefix: &str) -> CustomerRow {
        let k = |n: &str| format!("{prefix}{n}");
        CustomerRow {
            name: f.text(&k("name"), "客户姓名", &self.name, 30, true),
            mobile: f.mobile(&k("mobile"), &self.mobile, false),
            address: f.text(&k("address"), "地址", &self.address, 100, false),
            note: f.text(&k("note"), "备注", &self.note, 200, false),
        }
    }
}

const COLUMNS: &str = "id, name, mobile, address, note";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Customer> {
    Ok(Customer {
        id: r.get(0)?,
        name: r.get(1)?,
        mobile: r.get(2)?,
        address: r.get(3)?,
        note: r.get(4)?,
    })
}

pub fn get(conn: &Connection, id: i64) -> AppResult<Customer> {
    conn.query_row(&format!("SELECT {COLUMNS} FROM customer WHERE id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| AppError::not_found("找不到该客户"))
}

/// The same person entered twice: the same name and mobile.
fn duplicate(conn: &Connection, row: &CustomerRow, except: Option<i64>) -> AppResult<Option<i64>> {
    if row.mobile.is_empty() {
        return Ok(None);
    }
    Ok(conn
        .query_row(
            "SELECT id FROM customer WHERE name = ?1 AND mobile = ?2 AND id IS NOT ?3",
            params![row.name, row.mobile, except],
            |r| r.get(0),
        )
        .optional()?)
}

/// Inserts a checked customer inside the caller's transaction.
pub(crate) fn insert(conn: &Connection, row: &CustomerRow) -> AppResult<i64> {
    if duplicate(conn, row, None)?.is_some() {
        return Err(AppError::invalid(
            "mobile",
            format!("客户「{} {}」已经登记过，请在客户列表中选择", row.name, row.mobile),
        ));
    }
    conn.execute(
        "INSERT INTO customer (name, name_initials, mobile, address, note, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            row.name,
            pinyin_initials(&row.name),
            row.mobile,
            row.address,
            row.note,
            crate::dates::stamp()
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn create(store: &mut Store, input: &CustomerInput) -> AppResult<Customer> {
    let mut f = Fields::new();
    let row = input.check(&mut f, "");
    if !f.is_empty() {
        return Err(AppError::from_problems(ErrorCode::Validation, f.problems));
    }
    let id = store.write(|tx| insert(tx, &row))?;
    get(store.conn(), id)
}

pub fn update(store: &mut Store, id: i64, input: &CustomerInput) -> AppResult<Customer> {
    let mut f = Fields::new();
    let row = input.check(&mut f, "");
    if !f.is_empty() {
        return Err(AppError::from_problems(ErrorCode::Validation, f.problems));
    }
    let tx = store.conn_mut().transaction()?;
    get(&tx, id)?;
    if duplicate(&tx, &row, Some(id))?.is_some() {
        return Err(AppError::invalid(
            "mobile",
            format!("另有客户「{} {}」，同名同手机号不能重复", row.name, row.mobile),
        ));
    }
    tx.execute(
        "UPDATE customer SET name = ?2, name_initials = ?3, mobile = ?4, address = ?5, note = ?6 WHERE id = ?1",
        params![
            id,
            row.name,
            pinyin_initials(&row.name),
            row.mobile,
            row.address,
            row.note
        ],
    )?;
    tx.commit()?;
    get(store.conn(), id)
}

/// One line of the customer search: the customer and their vehicles in short.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct CustomerHit {
    pub customer: Customer,
    /// `车型 车架号` of each vehicle
    pub vehicles: Vec<VehicleBrief>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct VehicleBrief {
    pub id: i64,
    pub vin: String,
    pub model: String,
    pub sale_date: Option<String>,
    pub filed: bool,
    /// 车牌号 ("" when not known)
    pub plate: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct CustomerPage {
    pub rows: Vec<CustomerHit>,
    /// all matches (the page shows at most `limit`)
    pub total: i64,
}

/// Search as you type. A query of three or more characters is found
/// anywhere in the name, mobile, pinyin initials or address (the trigram
/// index `customer_fts`, migration 8); a shorter one matches from the start
/// of the name, the given name, the initials (`zs` finds 张三) or the mobile.
/// Four or more letters and digits also match the last characters of a
/// VIN. Newest customers first.
pub fn search(conn: &Connection, q: &str, limit: i64) -> AppResult<CustomerPage> {
    search_page(conn, q, 0, limit)
}

/// One page of [`search`]: `limit` customers after the first `offset`, the
/// newest first, with the true total of those found (the list pages through
/// all of them; none is left out quietly).
pub fn search_page(conn: &Connection, q: &str, offset: i64, limit: i64) -> AppResult<CustomerPage> {
    let text = q.trim();
    let limit = limit.clamp(1, 200);
    let offset = offset.max(0);
    let mut ids: Vec<i64> = Vec::new();
    if text.is_empty() {
        let total: i64 = conn.query_row("SELECT count(*) FROM customer", [], |r| r.get(0))?;
        ids = conn
            .prepare_cached("SELECT id FROM customer ORDER BY id DESC LIMIT ?1 OFFSET ?2")?
            .query_map([limit, offset], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        return Ok(CustomerPage {
            rows: hits(conn, &ids)?,
            total,
        });
    }
    let collect =
        |st: &mut rusqlite::CachedStatement<'_>, p: &[&dyn rusqlite::ToSql], ids: &mut Vec<i64>| -> AppResult<()> {
            let mut rows = st.query(p)?;
            while let Some(r) = rows.next()? {
                ids.push(r.get(0)?);
            }
            Ok(())
        };
    if text.chars().count() >= 3 {
        // a phrase of the trigram index: the text, quotes doubled
        let phrase = format!("\"{}\"", text.replace('"', "\"\""));
        let mut st = conn.prepare_cached("SELECT rowid FROM customer_fts WHERE customer_fts MATCH ?1")?;
        collect(&mut st, &[&phrase], &mut ids)?;
    } else {
        let hi = format!("{text}\u{10ffff}");
        let lower = text.to_ascii_lowercase();
        let lower_hi = format!("{lower}\u{10ffff}");
        let mut st = conn.prepare_cached(
            "SELECT id FROM customer WHERE name >= ?1 AND name < ?2
             UNION SELECT id FROM customer WHERE substr(name, 2) >= ?1 AND substr(name, 2) < ?2
             UNION SELECT id FROM customer WHERE name_initials >= ?3 AND name_initials < ?4
             UNION SELECT id FROM customer WHERE mobile >= ?1 AND mobile < ?2 AND mobile <> ''",
        )?;
        collect(&mut st, &[&text, &hi, &lower, &lower_hi], &mut ids)?;
    }
    // the last digits of a VIN: a prefix of the reversed VIN
    let vin_tail: String = text.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    if vin_tail.len() >= 4 && vin_tail.len() == text.chars().count() {
        let rev: String = vin_tail.to_ascii_uppercase().chars().rev().collect();
        let mut st = conn.prepare_cached(
            "SELECT DISTINCT customer_id FROM vehicle WHERE vin_reversed >= ?1 AND vin_reversed < ?1 || 'z'",
        )?;
        collect(&mut st, &[&rev], &mut ids)?;
    }
    // a 车牌号, whole or in part (豫P12345, P123, 12345)
    let plate = super::vin::plate_text(text);
    if plate.chars().count() >= 3 && plate.chars().any(|c| c.is_ascii_alphanumeric()) {
        let like = format!("%{}%", crate::store::search::like_escape(&plate));
        let mut st = conn.prepare_cached(
            "SELECT DISTINCT customer_id FROM vehicle INDEXED BY vehicle_plate
             WHERE plate <> '' AND plate LIKE ?1 ESCAPE '\\'",
        )?;
        collect(&mut st, &[&like], &mut ids)?;
    }
    ids.sort_unstable_by(|a, b| b.cmp(a));
    ids.dedup();
    let total = ids.len() as i64;
    let ids: Vec<i64> = ids.into_iter().skip(offset as usize).take(limit as usize).collect();
    Ok(CustomerPage {
        rows: hits(conn, &ids)?,
        total,
    })
}

fn hits(conn: &Connection, ids: &[i64]) -> AppResult<Vec<CustomerHit>> {
    let mut out = Vec::with_capacity(ids.len());
    let mut vst = conn.prepare_cached(
        "SELECT id, vin, model, sale_date, file_returned_on IS NOT NULL, plate FROM vehicle WHERE customer_id = ?1 ORDER BY id",
    )?;
    for &id in ids {
        let customer = get(conn, id)?;
        let vehicles = vst
            .query_map([id], |r| {
                Ok(VehicleBrief {
                    id: r.get(0)?,
                    vin: r.get(1)?,
                    model: r.get(2)?,
                    sale_date: r.get(3)?,
                    filed: r.get(4)?,
                    plate: r.get(5)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        out.push(CustomerHit { customer, vehicles });
    }
    Ok(out)
}
