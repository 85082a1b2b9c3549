//! 车辆：a vehicle — VIN (checked, GB 16735), engine number, model, colour,
//! its customer — and, when this shop sold it, the sale (date and price)
//! and its file (建档: the date the file slip came back, the filing fee and
//! the date the fee was registered).

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::customer::{self, CustomerInput};
use super::vin::check_vin;
use crate::error::{AppError, AppResult, ErrorCode};
use crate::form::Fields;
use crate::money::Money;
use crate::store::Store;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Vehicle {
    pub id: i64,
    /// 车架号
    pub vin: String,
    /// 发动机号
    pub engine_no: String,
    /// 车牌号 (normalised: 豫P12345; empty when not known)
    pub plate: String,
    /// 车型
    pub model: String,
    /// 颜色
    pub colour: String,
    pub customer_id: i64,
    pub customer_name: String,
    pub customer_mobile: String,
    /// 本店销售: sold in the shop's network — by the shop or one of its
    /// outlets (`dealer_name`) — so the shop files, follows up and inspects it
    pub sold_here: bool,
    /// 销售网点: the outlet that sold it (None: the shop itself)
    pub dealer_id: Option<i64>,
    pub dealer_name: Option<String>,
    /// 销售日期 (purchase invoice date)
    pub sale_date: Option<String>,
    pub sale_price: Option<Money>,
    /// 档案联收回、建档日期
    pub file_returned_on: Option<String>,
    /// 建档费
    pub filing_fee: Money,
    /// 建档费登记日期
    pub fee_registered_on: Option<String>,
    /// 建档费返厂批次号 / 日期
    pub fee_batch_no: Option<String>,
    pub fee_returned_on: Option<String>,
    /// 最近记录的里程 (km) and its date, from repairs and inspections
    pub last_mileage: Option<i64>,
    pub last_mileage_on: Option<String>,
}

/// A vehicle as typed in the form. Either `customer_id` names an existing
/// customer, or `customer` is a new one, created in the same transaction.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "camelCase", default)]
pub struct VehicleInput {
    pub customer_id: Option<i64>,
    pub customer: CustomerInput,
    pub vin: String,
    pub engine_no: String,
    /// 车牌号 (optional)
    pub plate: String,
    pub model: String,
    pub colour: String,
    pub sold_here: bool,
    /// 销售网点: an outlet's name on the register (empty: sold by the shop)
    pub dealer: String,
    pub sale_date: String,
    pub sale_price: String,
    pub file_returned_on: String,
    pub filing_fee: String,
    pub fee_registered_on: String,
}

struct Checked {
    vin: String,
    engine_no: String,
    plate: String,
    model: String,
    colour: String,
    sold_here: bool,
    sale_date: Option<NaiveDate>,
    sale_price: Option<Money>,
    file_returned_on: Option<NaiveDate>,
    filing_fee: Money,
    fee_registered_on: Option<NaiveDate>,
}

/// A 车牌号 as people write it (豫P 12345, 豫P·1234A, lower case) in the form
/// it is kept: upper case, no spaces, dots or dashes. A plate is a province
/// (one Chinese character), a letter, then 4 to 6 letters or digits; empty
/// is none.
pub fn normalize_plate(v: &str) -> Result<String, String> {
    let p = plate_text(v);
    if p.is_empty() {
        return Ok(p);
    }
    let mut cs = p.chars();
    let province = cs.next().is_some_and(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    let letter = cs.next().is_some_and(|c| c.is_ascii_uppercase());
    let rest: Vec<char> = cs.collect();
    let tail = (4..=6).contains(&rest.len())
        && rest
            .iter()
            .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase() || ('\u{4e00}'..='\u{9fff}').contains(c));
    if province && letter && tail {
        Ok(p)
    } else {
        Err(format!(
            "车牌号「{}」不像车牌（应如 豫P12345：省份简称、字母，再 4–6 位）",
            v.trim()
        ))
    }
}

pub use super::vin::plate_text;

/// The outlet that sold the vehicle (销售网点): on the register and not
/// revoked by the sale date; only a vehicle sold in the network has one.
fn seller(
    conn: &Connection,
    f: &mut Fields,
    i: &VehicleInput,
    sale: Option<NaiveDate>,
    today: NaiveDate,
) -> AppResult<Option<i64>> {
    let name = i.dealer.trim();
    if name.is_empty() {
        return Ok(None);
    }
    if !i.sold_here {
        f.bad("dealer", "外购车没有销售网点：网点销售的车请选「本店销售：是」");
        return Ok(None);
    }
    Ok(
        match crate::network::outlet::usable(conn, name, sale.unwrap_or(today), "销售车辆")? {
            Ok(id) => Some(id),
            Err(m) => {
                f.bad("dealer", m);
                None
            }
        },
    )
}

fn check(f: &mut Fields, i: &VehicleInput, today: NaiveDate) -> Checked {
    let vin = match check_vin(&i.vin) {
        Ok(v) => v,
        Err(m) => {
            f.bad("vin", m);
            String::new()
        }
    };
    let engine_no = f.text("engineNo", "发动机号", &i.engine_no, 30, false).to_uppercase();
    let plate = match normalize_plate(&i.plate) {
        Ok(p) => p,
        Err(m) => {
            f.bad("plate", m);
            String::new()
        }
    };
    let model = f.text("model", "车型", &i.model, 40, false);
    let colour = f.text("colour", "颜色", &i.colour, 20, false);
    let sale_date = if i.sold_here {
        f.required_date("saleDate", "销售日期", &i.sale_date, today)
    } else {
        f.date("saleDate", "购车日期", &i.sale_date, today)
    };
    let sale_price = f.money("salePrice", "销售价格", &i.sale_price);
    let file_returned_on = f.date("fileReturnedOn", "建档日期", &i.file_returned_on, today);
    f.not_before("fileReturnedOn", "建档日期", file_returned_on, "销售日期", sale_date);
    if file_returned_on.is_some() && !i.sold_here {
        f.bad("fileReturnedOn", "只有本店销售的车辆才建档");
    }
    let filing_fee = f.money("filingFee", "建档费", &i.filing_fee).unwrap_or(Money::ZERO);
    let fee_registered_on = f.date("feeRegisteredOn", "建档费登记日期", &i.fee_registered_on, today);
    if fee_registered_on.is_some() && filing_fee.is_zero() && !f.has("filingFee") {
        f.bad("filingFee", "登记建档费时请填写金额");
    }
    if fee_registered_on.is_some() && file_returned_on.is_none() && !f.has("fileReturnedOn") {
        f.bad("feeRegisteredOn", "先登记建档（档案联收回），再登记建档费");
    }
    Checked {
        vin,
        engine_no,
        plate,
        model,
        colour,
        sold_here: i.sold_here,
        sale_date,
        sale_price,
        file_returned_on,
        filing_fee,
        fee_registered_on,
    }
}

const COLUMNS: &str = "v.id, v.vin, v.engine_no, v.model, v.colour, v.customer_id, c.name, c.mobile, v.sold_here,
    v.sale_date, v.sale_price_fen, v.file_returned_on, v.filing_fee_fen, v.fee_registered_on, b.batch_no,
    b.returned_on, v.dealer_id, dl.name, v.plate";

const FROM: &str = "vehicle v JOIN customer c ON c.id = v.customer_id
    LEFT JOIN filing_fee_batch b ON b.id = v.fee_batch_id LEFT JOIN dealer dl ON dl.id = v.dealer_id";

fn from_row(conn: &Connection, r: &rusqlite::Row<'_>) -> rusqlite::Result<Vehicle> {
    let id: i64 = r.get(0)?;
    let (last_mileage, last_mileage_on) = last_mileage(conn, id)?.map_or((None, None), |(m, d)| (Some(m), Some(d)));
    Ok(Vehicle {
        id,
        vin: r.get(1)?,
        engine_no: r.get(2)?,
        model: r.get(3)?,
        colour: r.get(4)?,
        customer_id: r.get(5)?,
        customer_name: r.get(6)?,
        customer_mobile: r.get(7)?,
        sold_here: r.get(8)?,
        dealer_id: r.get(16)?,
        dealer_name: r.get(17)?,
        plate: r.get(18)?,
        sale_date: r.get(9)?,
        sale_price: r.get(10)?,
        file_returned_on: r.get(11)?,
        filing_fee: r.get(12)?,
        fee_registered_on: r.get(13)?,
        fee_batch_no: r.get(14)?,
        fee_returned_on: r.get(15)?,
        last_mileage,
        last_mileage_on,
    })
}

/// The highest mileage recorded for a vehicle (repair orders, inspections,
/// warranty claims)
/// and the date it was recorded.
pub fn last_mileage(conn: &Connection, vehicle_id: i64) -> rusqlite::Result<Option<(i64, String)>> {
    conn.prepare_cached(
        "SELECT mileage, d FROM (
             SELECT mileage, substr(received_at, 1, 10) AS d FROM repair_order
              WHERE vehicle_id = ?1 AND mileage IS NOT NULL
             UNION ALL
             SELECT mileage, inspected_on FROM inspection WHERE vehicle_id = ?1 AND mileage IS NOT NULL
             UNION ALL
             SELECT mileage, reported_on FROM warranty_claim WHERE vehicle_id = ?1)
         ORDER BY mileage DESC, d DESC LIMIT 1",
    )?
    .query_row([vehicle_id], |r| Ok((r.get(0)?, r.get(1)?)))
    .optional()
}

/// The models the shop's vehicles carry, the most common first (what a
/// 服务活动's scope picks from).
pub fn models(conn: &Connection) -> AppResult<Vec<String>> {
    let mut st =
        conn.prepare("SELECT model FROM vehicle WHERE model <> '' GROUP BY model ORDER BY count(*) DESC, model")?;
    let rows = st.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
    Ok(rows)
}

pub fn get(conn: &Connection, id: i64) -> AppResult<Vehicle> {
    conn.query_row(&format!("SELECT {COLUMNS} FROM {FROM} WHERE v.id = ?1"), [id], |r| {
        from_row(conn, r)
    })
    .optional()?
    .ok_or_else(|| AppError::not_found("找不到该车辆"))
}

pub fn find_by_vin(conn: &Connection, vin: &str) -> AppResult<Option<Vehicle>> {
    let v: String = vin
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    Ok(conn
        .query_row(&format!("SELECT {COLUMNS} FROM {FROM} WHERE v.vin = ?1"), [v], |r| {
            from_row(conn, r)
        })
        .optional()?)
}

/// A customer's vehicles.
pub fn of_customer(conn: &Connection, customer_id: i64) -> AppResult<Vec<Vehicle>> {
    let mut st = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM {FROM} WHERE v.customer_id = ?1 ORDER BY v.id"
    ))?;
    let rows = st
        .query_map([customer_id], |r| from_row(conn, r))?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

fn duplicate_vin(conn: &Connection, vin: &str, except: Option<i64>) -> AppResult<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT c.name FROM vehicle v JOIN customer c ON c.id = v.customer_id WHERE v.vin = ?1 AND v.id IS NOT ?2",
            params![vin, except],
            |r| r.get(0),
        )
        .optional()?)
}

/// Registers a vehicle (a sale, or a vehicle bought elsewhere that comes for
/// service) with its customer — new or existing — in one transaction.
pub fn create(store: &mut Store, input: &VehicleInput, today: NaiveDate) -> AppResult<Vehicle> {
    let id = store.write(|tx| create_in(tx, input, today))?;
    get(store.conn(), id)
}

/// [`create`] inside the caller's transaction; returns the vehicle's id.
pub fn create_in(tx: &Connection, input: &VehicleInput, today: NaiveDate) -> AppResult<i64> {
    let mut f = Fields::new();
    let c = check(&mut f, input, today);
    let dealer_id = seller(tx, &mut f, input, c.sale_date, today)?;
    let new_customer = match input.customer_id {
        Some(id) => {
            if customer::get(tx, id).is_err() {
                f.bad("customerId", "所选客户不存在");
            }
            None
        }
        None => Some(input.customer.check(&mut f, "customer.")),
    };
    if !f.has("vin") {
        if let Some(owner) = duplicate_vin(tx, &c.vin, None)? {
            f.bad("vin", format!("车架号 {} 已经登记过（客户：{owner}）", c.vin));
        }
    }
    if !f.is_empty() {
        return Err(AppError::from_problems(ErrorCode::Validation, f.problems));
    }
    let customer_id = match (input.customer_id, new_customer) {
        (Some(id), _) => id,
        (None, Some(row)) => customer::insert(tx, &row).map_err(|mut e| {
            if let Some(fl) = e.field.as_mut() {
                *fl = format!("customer.{fl}");
            }
            for p in &mut e.problems {
                if let Some(fl) = p.field.as_mut() {
                    *fl = format!("customer.{fl}");
                }
            }
            e
        })?,
        (None, None) => unreachable!("checked"),
    };
    let d = |x: Option<NaiveDate>| x.map(|d| d.format("%Y-%m-%d").to_string());
    tx.execute(
        "INSERT INTO vehicle (vin, vin_reversed, engine_no, model, colour, customer_id, sold_here, sale_date,
            sale_price_fen, file_returned_on, filing_fee_fen, fee_registered_on, created_at, dealer_id, plate)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        params![
            c.vin,
            c.vin.chars().rev().collect::<String>(),
            c.engine_no,
            c.model,
            c.colour,
            customer_id,
            c.sold_here,
            d(c.sale_date),
            c.sale_price,
            d(c.file_returned_on),
            c.filing_fee,
            d(c.fee_registered_on),
            crate::dates::stamp(),
            dealer_id,
            c.plate
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

/// Changes a vehicle's data and its file. A fee already sent back to the
/// factory (in a return batch) can't be changed.
pub fn update(store: &mut Store, id: i64, input: &VehicleInput, today: NaiveDate) -> AppResult<Vehicle> {
    store.write(|tx| update_in(tx, id, input, today))?;
    get(store.conn(), id)
}

/// [`update`] inside the caller's transaction.
pub fn update_in(tx: &Connection, id: i64, input: &VehicleInput, today: NaiveDate) -> AppResult<()> {
    let old = get(tx, id)?;
    let mut f = Fields::new();
    let c = check(&mut f, input, today);
    let dealer_id = seller(tx, &mut f, input, c.sale_date, today)?;
    if !f.has("vin") {
        if let Some(owner) = duplicate_vin(tx, &c.vin, Some(id))? {
            f.bad("vin", format!("车架号 {} 已经登记在客户「{owner}」名下", c.vin));
        }
    }
    let d = |x: Option<NaiveDate>| x.map(|d| d.format("%Y-%m-%d").to_string());
    if old.fee_batch_no.is_some()
        && (c.filing_fee != old.filing_fee
            || d(c.fee_registered_on) != old.fee_registered_on
            || c.file_returned_on.is_none())
    {
        f.bad(
            "filingFee",
            format!(
                "建档费已随返厂批次 {} 返回工厂，不能再修改",
                old.fee_batch_no.as_deref().unwrap_or("")
            ),
        );
    }
    if !f.is_empty() {
        return Err(AppError::from_problems(ErrorCode::Validation, f.problems));
    }
    tx.execute(
        "UPDATE vehicle SET vin = ?2, vin_reversed = ?3, engine_no = ?4, model = ?5, colour = ?6, sold_here = ?7,
            sale_date = ?8, sale_price_fen = ?9, file_returned_on = ?10, filing_fee_fen = ?11, fee_registered_on = ?12,
            dealer_id = ?13, plate = ?14
         WHERE id = ?1",
        params![
            id,
            c.vin,
            c.vin.chars().rev().collect::<String>(),
            c.engine_no,
            c.model,
            c.colour,
            c.sold_here,
            d(c.sale_date),
            c.sale_price,
            d(c.file_returned_on),
            c.filing_fee,
            d(c.fee_registered_on),
            dealer_id,
            c.plate
        ],
    )?;
    Ok(())
}

/// The vehicle's input form filled from what is stored (for editing).
impl From<&Vehicle> for VehicleInput {
    fn from(v: &Vehicle) -> Self {
        VehicleInput {
            customer_id: Some(v.customer_id),
            customer: CustomerInput::default(),
            vin: v.vin.clone(),
            engine_no: v.engine_no.clone(),
            plate: v.plate.clone(),
            model: v.model.clone(),
            colour: v.colour.clone(),
            sold_here: v.sold_here,
            dealer: v.dealer_name.clone().unwrap_or_default(),
            sale_date: v.sale_date.clone().unwrap_or_default(),
            sale_price: v.sale_price.map(|m| m.to_string()).unwrap_or_default(),
            file_returned_on: v.file_returned_on.clone().unwrap_or_default(),
            filing_fee: if v.filing_fee.is_zero() {
                String::new()
            } else {
                v.filing_fee.to_string()
            },
            fee_registered_on: v.fee_registered_on.clone().unwrap_or_default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::customers::customer;
    use crate::customers::testkit::{day, sell, shop, vin};

    fn input(v: &str, date: &str) -> VehicleInput {
        VehicleInput {
            customer: CustomerInput {
                name: "王小明".into(),
                mobile: "13800138000".into(),
                address: "河口镇王家村".into(),
                ..Default::default()
            },
            vin: v.into(),
            model: "CG125".into(),
            sold_here: true,
            sale_date: date.into(),
            sale_price: "6800".into(),
            ..Default::default()
        }
    }

    fn count(s: &Store, table: &str) -> i64 {
        s.conn()
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap()
    }

    #[test]
    fn a_sale_creates_customer_and_vehicle_together() {
        let mut s = shop();
        let t = day("2026-11-26");
        let v = create(&mut s, &input(&vin(1).to_lowercase(), "2026-11-20"), t).unwrap();
        assert_eq!(v.vin, vin(1));
        assert_eq!(
            (v.customer_name.as_str(), v.sale_price),
            ("王小明", Some(Money::from_yuan(6800)))
        );
        // a second vehicle for the same customer, picked by id
        let second = VehicleInput {
            customer_id: Some(v.customer_id),
            ..input(&vin(2), "2026-11-21")
        };
        create(&mut s, &second, t).unwrap();
        assert_eq!(of_customer(s.conn(), v.customer_id).unwrap().len(), 2);
        assert_eq!(count(&s, "customer"), 1);
        // search: name part, mobile digits, initials from the start, VIN tail
        for q in ["小明", "0013", "wxm", &vin(2)[13..]] {
            let page = customer::search(s.conn(), q, 20).unwrap();
            assert_eq!(page.total, 1, "{q}");
            assert_eq!(page.rows[0].vehicles.len(), 2, "{q}");
        }
        assert_eq!(
            customer::search(s.conn(), "xm", 20).unwrap().total,
            0,
            "initials match from the start"
        );
        // pages: 5 customers, 2 a page — the third page holds the oldest, the
        // total is always all of them, and a search pages alike
        for (n, name) in [(3, "王大"), (4, "王二"), (5, "王三"), (6, "王四")] {
            crate::customers::testkit::sell(&mut s, name, &format!("1390000000{n}"), n, "2026-11-22");
        }
        let names = |p: &customer::CustomerPage| p.rows.iter().map(|r| r.customer.name.clone()).collect::<Vec<_>>();
        let p1 = customer::search_page(s.conn(), "", 0, 2).unwrap();
        let p3 = customer::search_page(s.conn(), "", 4, 2).unwrap();
        assert_eq!(
            (p1.total, names(&p1)),
            (5, vec!["王四".to_string(), "王三".to_string()])
        );
        assert_eq!((p3.total, names(&p3)), (5, vec!["王小明".to_string()]));
        let w2 = customer::search_page(s.conn(), "王", 2, 2).unwrap();
        assert_eq!(
            (w2.total, names(&w2)),
            (5, vec!["王二".to_string(), "王大".to_string()])
        );
        // 车牌号: kept normalised, found whole or in part, a wrong one refused
        let mut with_plate = VehicleInput::from(&v);
        with_plate.plate = "豫p·12345".into();
        assert_eq!(update(&mut s, v.id, &with_plate, t).unwrap().plate, "豫P12345");
        for q in ["豫P12345", "p123", "12345"] {
            let page = customer::search(s.conn(), q, 20).unwrap();
            assert_eq!(page.total, 1, "{q}");
            assert_eq!(page.rows[0].vehicles[0].plate, "豫P12345", "{q}");
        }
        for bad in ["12345", "豫12345", "豫P12"] {
            with_plate.plate = bad.into();
            let e = update(&mut s, v.id, &with_plate, t).unwrap_err();
            assert_eq!(e.problems[0].field.as_deref(), Some("plate"), "{bad}");
        }
        assert_eq!(get(s.conn(), v.id).unwrap().plate, "豫P12345");
    }

    #[test]
    fn bad_vehicles_are_refused_and_nothing_is_saved() {
        let mut s = shop();
        let t = day("2026-11-26");
        sell(&mut s, "李四", "13900000000", 1, "2026-10-01");
        let bad_check = {
            let mut v = vin(3);
            let c = if v.as_bytes()[8] == b'1' { "2" } else { "1" };
            v.replace_range(8..9, c);
            v
        };
        let cases: Vec<(VehicleInput, &str, &str)> = vec![
            (input("LBPKE130012345", "2026-11-20"), "vin", "车架号应为 17 位"),
            (input(&bad_check, "2026-11-20"), "vin", "校验位"),
            (input(&vin(1), "2026-11-20"), "vin", "已经登记过（客户：李四）"),
            (input(&vin(4), "2026-11-27"), "saleDate", "晚于今天"),
            (
                VehicleInput {
                    sale_price: "-1".into(),
                    ..input(&vin(5), "2026-11-20")
                },
                "salePrice",
                "销售价格不能为负数",
            ),
            (
                VehicleInput {
                    customer: CustomerInput {
                        name: "赵六".into(),
                        mobile: "1380013800".into(),
                        ..Default::default()
                    },
                    ..input(&vin(6), "2026-11-20")
                },
                "customer.mobile",
                "手机号应为 11 位",
            ),
            (
                VehicleInput {
                    file_returned_on: "2026-11-01".into(),
                    ..input(&vin(7), "2026-11-20")
                },
                "fileReturnedOn",
                "早于销售日期",
            ),
            (
                VehicleInput {
                    customer: CustomerInput {
                        name: "李四".into(),
                        mobile: "13900000000".into(),
                        ..Default::default()
                    },
                    ..input(&vin(8), "2026-11-20")
                },
                "customer.mobile",
                "已经登记过",
            ),
        ];
        for (i, field, msg) in cases {
            let e = create(&mut s, &i, t).unwrap_err();
            let p = e
                .problems
                .iter()
                .find(|p| p.field.as_deref() == Some(field))
                .unwrap_or_else(|| panic!("{field}: {e:?}"));
            assert!(p.message.contains(msg), "{field}: {}", p.message);
        }
        assert_eq!(
            (count(&s, "customer"), count(&s, "vehicle")),
            (1, 1),
            "nothing half-saved"
        );
    }
}
