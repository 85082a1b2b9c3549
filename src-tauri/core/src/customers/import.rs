//! 客户车辆导入：a shop's existing list of customers and vehicles (.xlsx or
//! .csv, one row per vehicle; a row without a VIN is a customer alone),
//! and the same sheet in the data-exchange workbook.
//!
//! Each row goes through the same checks as the form (VIN check digit,
//! mobile, dates not in the future, amounts). A customer is matched by name
//! and mobile (or name and address when there is no mobile) and created
//! once; a VIN already held by the same customer is left as it is, one held
//! by another customer is a problem. The preview runs the import inside a
//! transaction and rolls it back, so it reports exactly what applying would
//! do; applying writes everything in one transaction or nothing.

use std::path::Path;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use super::customer::CustomerInput;
use super::vehicle::{self, VehicleInput};
use crate::error::{AppError, AppResult, ErrorCode, Problem};
use crate::form::Fields;
use crate::sheet::{self, Table};
use crate::store::Store;

pub const MAX_BYTES: u64 = 10 * 1_048_576;
pub const MAX_ROWS: usize = 200_000;
pub const SHEET: &str = "客户车辆";

pub const COLUMNS: &[(&str, u16)] = &[
    ("客户姓名", 10),
    ("手机", 13),
    ("地址", 24),
    ("车架号", 20),
    ("发动机号", 14),
    ("车牌号", 10),
    ("车型", 12),
    ("颜色", 8),
    ("本店销售", 8),
    ("销售网点", 16),
    ("销售日期", 12),
    ("销售价格", 10),
    ("建档日期", 12),
    ("建档费", 8),
    ("建档费登记日期", 14),
];
pub const REQUIRED: &[&str] = &["客户姓名"];

/// What an import did (or, in a preview, would do).
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct CustomerImport {
    pub file: String,
    pub rows: usize,
    pub new_customers: usize,
    pub new_vehicles: usize,
    /// rows whose customer and vehicle were already there
    pub unchanged: usize,
    pub problems: Vec<Problem>,
}

fn field_label(f: &str) -> &'static str {
    match f {
        "vin" => "车架号",
        "engineNo" => "发动机号",
        "plate" => "车牌号",
        "model" => "车型",
        "colour" => "颜色",
        "saleDate" => "销售日期",
        "dealer" => "销售网点",
        "salePrice" => "销售价格",
        "fileReturnedOn" => "建档日期",
        "filingFee" => "建档费",
        "feeRegisteredOn" => "建档费登记日期",
        "customer.name" | "name" => "客户姓名",
        "customer.mobile" | "mobile" => "手机",
        "customer.address" | "address" => "地址",
        _ => "",
    }
}

/// Posts the rows of a 客户车辆 table inside `tx`; problems by row.
pub fn import_table(tx: &Connection, t: &Table, today: NaiveDate, out: &mut CustomerImport) -> AppResult<()> {
    let optional: Vec<&str> = COLUMNS
        .iter()
        .map(|(h, _)| *h)
        .filter(|h| !REQUIRED.contains(h))
        .collect();
    let before = out.problems.len();
    sheet::check_headers(t, REQUIRED, &optional, &mut out.problems);
    if out.problems.len() > before {
        return Ok(());
    }
    if t.rows.len() > MAX_ROWS {
        out.problems.push(Problem::row(
            &t.sheet,
            t.header_row,
            format!("行数太多（{}），一次最多导入 {MAX_ROWS} 行", t.rows.len()),
        ));
        return Ok(());
    }
    let cell = |cells: &[String], name: &str| -> String {
        t.col(name)
            .and_then(|i| cells.get(i))
            .map(|v| v.trim().to_string())
            .unwrap_or_default()
    };
    for (r, cells) in &t.rows {
        out.rows += 1;
        let mut bad: Vec<String> = Vec::new();
        let customer = CustomerInput {
            name: cell(cells, "客户姓名"),
            mobile: cell(cells, "手机"),
            address: cell(cells, "地址"),
            note: String::new(),
        };
        let mut f = Fields::new();
        let row = customer.check(&mut f, "");
        for p in f.problems {
            bad.push(p.message);
        }
        let sold_here = match cell(cells, "本店销售").as_str() {
            "" | "是" | "1" | "y" | "Y" => true,
            "否" | "0" | "n" | "N" => false,
            other => {
                bad.push(format!("本店销售：「{other}」应填 是 或 否"));
                true
            }
        };
        if !bad.is_empty() {
            out.problems.push(Problem::row(&t.sheet, *r, bad.join("；")));
            continue;
        }
        // the customer: found, or created once
        let existing: Option<i64> = tx
            .query_row(
                "SELECT id FROM customer WHERE name = ?1 AND mobile = ?2 AND (?2 <> '' OR address = ?3) ORDER BY id LIMIT 1",
                params![row.name, row.mobile, row.address],
                |x| x.get(0),
            )
            .optional()?;
        let customer_id = match existing {
            Some(id) => id,
            None => {
                let id = super::customer::insert(tx, &row)?;
                out.new_customers += 1;
                id
            }
        };
        let vin = cell(cells, "车架号");
        if vin.is_empty() {
            if existing.is_some() {
                out.unchanged += 1;
            }
            continue;
        }
        if let Some(v) = vehicle::find_by_vin(tx, &vin)? {
            if v.customer_id == customer_id {
                // a vehicle already on file is left as it is, but what the
                // row says of it is still checked: a bad date is reported,
                // never silently ignored
                let mut bad = Vec::new();
                for col in ["销售日期", "建档日期", "建档费登记日期"] {
                    let text = cell(cells, col);
                    if text.is_empty() {
                        continue;
                    }
                    let checked = crate::dates::parse_date(col, &text)
                        .and_then(|d| crate::dates::not_in_future(col, col, d, today));
                    if let Err(e) = checked {
                        bad.push(if e.message.contains(col) {
                            e.message
                        } else {
                            format!("{col}：{}", e.message)
                        });
                    }
                }
                if bad.is_empty() {
                    out.unchanged += 1;
                } else {
                    out.problems.push(Problem::row(&t.sheet, *r, bad.join("；")));
                }
            } else {
                out.problems.push(Problem::row(
                    &t.sheet,
                    *r,
                    format!("车架号 {} 已登记在客户「{}」名下", v.vin, v.customer_name),
                ));
            }
            continue;
        }
        let input = VehicleInput {
            customer_id: Some(customer_id),
            customer: CustomerInput::default(),
            vin,
            engine_no: cell(cells, "发动机号"),
            plate: cell(cells, "车牌号"),
            model: cell(cells, "车型"),
            colour: cell(cells, "颜色"),
            sold_here,
            dealer: cell(cells, "销售网点"),
            sale_date: cell(cells, "销售日期"),
            sale_price: cell(cells, "销售价格"),
            file_returned_on: cell(cells, "建档日期"),
            filing_fee: cell(cells, "建档费"),
            fee_registered_on: cell(cells, "建档费登记日期"),
        };
        match vehicle::create_in(tx, &input, today) {
            Ok(_) => out.new_vehicles += 1,
            Err(e) => {
                out.problems
                    .push(Problem::row(&t.sheet, *r, e.row_message(field_label)));
            }
        }
    }
    Ok(())
}

fn run(store: &mut Store, path: &Path, today: NaiveDate, commit: bool) -> AppResult<CustomerImport> {
    let t = sheet::read_table(path, MAX_BYTES)?;
    let mut out = CustomerImport {
        file: path.display().to_string(),
        ..Default::default()
    };
    let tx = store
        .conn_mut()
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    import_table(&tx, &t, today, &mut out)?;
    if out.rows == 0 && out.problems.is_empty() {
        out.problems
            .push(Problem::row(&t.sheet, t.header_row, "文件中没有客户数据"));
    }
    if commit && out.problems.is_empty() {
        tx.commit()?;
    }
    // otherwise the transaction is dropped: rolled back
    Ok(out)
}

/// Checks a file and says what importing it would do. Writes nothing.
pub fn preview(store: &mut Store, path: &Path, today: NaiveDate) -> AppResult<CustomerImport> {
    run(store, path, today, false)
}

/// Imports a file: every row in one transaction, or nothing.
pub fn apply(store: &mut Store, path: &Path, today: NaiveDate) -> AppResult<CustomerImport> {
    let out = run(store, path, today, true)?;
    if !out.problems.is_empty() {
        let mut e = AppError::from_problems(ErrorCode::Import, out.problems);
        e.message = format!("导入未执行，没有任何客户或车辆被写入。{}", e.message);
        return Err(e);
    }
    Ok(out)
}

/// Every customer and vehicle as rows of the 客户车辆 sheet.
pub fn rows(conn: &Connection) -> AppResult<Vec<Vec<String>>> {
    let mut out = Vec::new();
    for_each_row(conn, |r| {
        out.push(r);
        Ok(())
    })?;
    Ok(out)
}

/// [`rows`] one at a time, for writing a large shop's sheet without holding
/// it in memory.
pub fn for_each_row(conn: &Connection, mut each: impl FnMut(Vec<String>) -> AppResult<()>) -> AppResult<()> {
    let mut st = conn.prepare(
        "SELECT c.name, c.mobile, c.address, coalesce(v.vin, ''), coalesce(v.engine_no, ''), coalesce(v.model, ''),
                coalesce(v.colour, ''), CASE WHEN v.id IS NULL THEN '' WHEN v.sold_here THEN '是' ELSE '否' END,
                coalesce((SELECT d.name FROM dealer d WHERE d.id = v.dealer_id), ''), coalesce(v.sale_date, ''), v.sale_price_fen, coalesce(v.file_returned_on, ''), v.filing_fee_fen,
                coalesce(v.fee_registered_on, ''), coalesce(v.plate, '')
         FROM customer c LEFT JOIN vehicle v ON v.customer_id = c.id ORDER BY c.id, v.id",
    )?;
    let money = |v: Option<i64>| v.map(|f| crate::Money::from_fen(f).to_string()).unwrap_or_default();
    let mut q = st.query([])?;
    while let Some(r) = q.next()? {
        let fee: Option<i64> = r.get(12)?;
        each(vec![
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(14)?,
            r.get(5)?,
            r.get(6)?,
            r.get(7)?,
            r.get(8)?,
            r.get(9)?,
            money(r.get(10)?),
            r.get(11)?,
            money(fee.filter(|f| *f != 0)),
            r.get(13)?,
        ])?;
    }
    Ok(())
}

/// Writes every customer and vehicle as .xlsx.
pub fn export(conn: &Connection, path: &Path) -> AppResult<usize> {
    let rows = rows(conn)?;
    sheet::write_table(path, SHEET, COLUMNS, &rows)?;
    Ok(rows.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::customers::testkit::{day, sell, shop, vin};

    fn csv(dir: &Path, body: &str) -> std::path::PathBuf {
        let p = dir.join("c.csv");
        std::fs::write(&p, body).unwrap();
        p
    }

    fn count(s: &Store, t: &str) -> i64 {
        s.conn()
            .query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))
            .unwrap()
    }

    #[test]
    fn a_bad_date_on_a_vehicle_already_on_file_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = shop();
        let t = day("2026-11-26");
        sell(&mut s, "李四", "13900000000", 9, "2026-10-01");
        let body = format!(
            "客户姓名,手机,地址,车架号,车型,销售日期,销售价格,建档日期,建档费,建档费登记日期\n\
             李四,13900000000,,{},CG125,2026-10-01,6800,2026-13-40,,\n\
             李四,13900000000,,{},CG125,2026-10-01,6800,2026-12-25,,\n",
            vin(9),
            vin(9)
        );
        let p = csv(dir.path(), &body);
        let pv = preview(&mut s, &p, t).unwrap();
        let msgs: Vec<String> = pv.problems.iter().map(|p| p.describe()).collect();
        assert!(
            msgs.iter().any(|m| m.contains("第 2 行") && m.contains("2026-13-40")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter().any(|m| m.contains("第 3 行") && m.contains("晚于今天")),
            "{msgs:?}"
        );
        assert_eq!(pv.unchanged, 0);
    }

    #[test]
    fn preview_then_apply_and_export_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = shop();
        let t = day("2026-11-26");
        sell(&mut s, "李四", "13900000000", 9, "2026-10-01");
        let body = format!(
            "客户姓名,手机,地址,车架号,车型,销售日期,销售价格,建档日期,建档费,建档费登记日期\n\
             王五,13700000000,东村,{},CG125,2026-09-01,6500,2026-09-10,20,2026-09-10\n\
             王五,13700000000,东村,{},CG150,2026-10-01,7200,,,\n\
             赵六,,西村,,,,,,,\n\
             李四,13900000000,,{},CG125,2026-10-01,6800,,,\n",
            vin(1),
            vin(2),
            vin(9)
        );
        let p = csv(dir.path(), &body);
        let pv = preview(&mut s, &p, t).unwrap();
        assert!(pv.problems.is_empty(), "{:?}", pv.problems);
        assert_eq!((pv.rows, pv.new_customers, pv.new_vehicles, pv.unchanged), (4, 2, 2, 1));
        assert_eq!(
            (count(&s, "customer"), count(&s, "vehicle")),
            (1, 1),
            "the preview wrote nothing"
        );
        apply(&mut s, &p, t).unwrap();
        assert_eq!((count(&s, "customer"), count(&s, "vehicle")), (3, 3));
        // again: nothing new
        let again = apply(&mut s, &p, t).unwrap();
        assert_eq!((again.new_customers, again.new_vehicles, again.unchanged), (0, 0, 4));
        // export, import into an empty shop: the same rows
        let x = dir.path().join("x.xlsx");
        assert_eq!(export(s.conn(), &x).unwrap(), 4);
        let mut fresh = Store::open_in_memory().unwrap();
        apply(&mut fresh, &x, t).unwrap();
        assert_eq!(rows(fresh.conn()).unwrap(), rows(s.conn()).unwrap());
    }

    #[test]
    fn every_bad_row_is_listed_and_nothing_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = shop();
        let t = day("2026-11-26");
        sell(&mut s, "李四", "13900000000", 9, "2026-10-01");
        let mut wrong = vin(3);
        wrong.replace_range(8..9, if &wrong[8..9] == "5" { "6" } else { "5" });
        let body = format!(
            "客户姓名,手机,车架号,销售日期,销售价格\n\
             王五,13700000000,{},2026-09-01,6500\n\
             ,13700000001,,,\n\
             钱七,1370000,,,\n\
             孙八,13600000000,{wrong},2026-09-01,6500\n\
             周九,13500000000,{},2027-01-01,-5\n\
             吴十,13400000000,{},2026-09-01,6500\n",
            vin(1),
            vin(4),
            vin(9)
        );
        let p = csv(dir.path(), &body);
        let e = apply(&mut s, &p, t).unwrap_err();
        let rows: Vec<(u32, &str)> = e
            .problems
            .iter()
            .map(|p| (p.row.unwrap(), p.message.as_str()))
            .collect();
        assert_eq!(rows.len(), 5, "{rows:?}");
        assert_eq!(rows[0], (3, "请填写客户姓名"));
        assert!(rows[1].1.contains("手机号应为 11 位"), "{rows:?}");
        assert!(rows[2].1.contains("校验位"), "{rows:?}");
        assert!(
            rows[3].1.contains("晚于今天") && rows[3].1.contains("销售价格不能为负数"),
            "{rows:?}"
        );
        assert!(rows[4].1.contains("已登记在客户「李四」名下"), "{rows:?}");
        assert_eq!((count(&s, "customer"), count(&s, "vehicle")), (1, 1));
        // wrong columns
        let p = csv(dir.path(), "姓名,电话\n王五,13700000000\n");
        let pv = preview(&mut s, &p, t).unwrap();
        assert!(pv.problems.iter().any(|p| p.message == "缺少列「客户姓名」"));
    }
}
