//! 网点名册：one card per outlet — name, kind, township and address, contact
//! and phone, brands, date authorised, status (在营/暂停/撤销 and since
//! when), technicians and equipment level, notes — searched by name, pinyin
//! initials or township, and exchanged as an .xlsx sheet.
//!
//! The name is the outlet's key (parts orders, the workbook and the
//! register's import name it), so a second outlet with the same name is
//! refused. A 撤销 outlet takes no new parts orders and sells no vehicles
//! after the day it was revoked; its records stay.

use std::path::Path;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::{AppError, AppResult, ErrorCode, Problem};
use crate::form::Fields;
use crate::money::Money;
use crate::sheet;
use crate::store::Store;

/// (code, label): 经销商, 零售商, 特约维修站.
pub const KINDS: [(&str, &str); 3] = [("dealer", "经销商"), ("retailer", "零售商"), ("station", "特约维修站")];
/// (code, label): 在营, 暂停, 撤销.
pub const STATUSES: [(&str, &str); 3] = [("active", "在营"), ("suspended", "暂停"), ("revoked", "撤销")];
/// 设备等级 as the shop grades them ("" = not graded).
pub const EQUIPMENT_LEVELS: [&str; 4] = ["", "A", "B", "C"];

pub fn kind_label(code: &str) -> &'static str {
    crate::form::label_of(&KINDS, code)
}

pub fn status_label(code: &str) -> &'static str {
    crate::form::label_of(&STATUSES, code)
}

contract_codes!(KindCode, "OutletKind", KINDS);
contract_codes!(StatusCode, "OutletStatus", STATUSES);

/// An outlet's card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Outlet {
    pub id: i64,
    pub name: String,
    /// pinyin initials of the name (王集镇 → wjz), for the pickers' search
    pub name_initials: String,
    /// `dealer` / `retailer` / `station`
    #[ts(as = "KindCode")]
    pub kind: String,
    pub kind_label: &'static str,
    /// 乡镇
    pub township: String,
    pub address: String,
    /// 联系人
    pub contact: String,
    pub phone: String,
    /// 经营品牌
    pub brands: String,
    /// 授权日期
    pub authorised_on: Option<String>,
    /// `active` / `suspended` / `revoked`
    #[ts(as = "StatusCode")]
    pub status: String,
    pub status_label: &'static str,
    /// the day the status began
    pub status_on: Option<String>,
    /// 维修技师人数
    pub technicians: i64,
    /// 设备等级 A/B/C ("" not graded)
    pub equipment_level: String,
    pub note: String,
    /// vehicles the outlet sold, on file
    pub vehicles: i64,
    /// follow-up actions from visits not done yet
    pub open_actions: i64,
    /// 应收款 now: charged on deliveries less paid
    pub owed: Money,
}

/// An outlet as typed on its form (or read from a sheet row).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct OutletInput {
    pub name: String,
    pub kind: String,
    pub township: String,
    pub address: String,
    pub contact: String,
    pub phone: String,
    pub brands: String,
    pub authorised_on: String,
    pub status: String,
    pub status_on: String,
    pub technicians: String,
    pub equipment_level: String,
    pub note: String,
}

struct Checked {
    name: String,
    kind: &'static str,
    township: String,
    address: String,
    contact: String,
    phone: String,
    brands: String,
    authorised_on: Option<String>,
    status: &'static str,
    status_on: Option<String>,
    technicians: i64,
    equipment_level: String,
    note: String,
}

/// A phone as a person writes it: a mobile, or a landline with its area
/// code (`0371-6123456`); digits, dashes and spaces only.
fn check_phone(f: &mut Fields, v: &str) -> String {
    let t = v.trim().to_string();
    if t.is_empty() {
        return t;
    }
    let digits = t.chars().filter(|c| c.is_ascii_digit()).count();
    if !t.chars().all(|c| c.is_ascii_digit() || c == '-' || c == ' ') || !(7..=12).contains(&digits) {
        f.bad("phone", format!("电话「{t}」不像手机号或固定电话（如 0371-6123456）"));
    }
    t
}

fn check(f: &mut Fields, i: &OutletInput, old: Option<&Outlet>, today: NaiveDate) -> Checked {
    let name = f.text("name", "网点名称", &i.name, 40, true);
    let kind = match crate::form::code_of(&KINDS, &i.kind) {
        Some(c) => c,
        None if i.kind.trim().is_empty() => "dealer",
        None => {
            f.bad(
                "kind",
                format!("网点类型「{}」不认识（应为 经销商、零售商、特约维修站）", i.kind.trim()),
            );
            "dealer"
        }
    };
    let township = f.text("township", "乡镇", &i.township, 20, false);
    let address = f.text("address", "地址", &i.address, 80, false);
    let contact = f.text("contact", "联系人", &i.contact, 20, false);
    let phone = check_phone(f, &i.phone);
    let brands = f.text("brands", "经营品牌", &i.brands, 60, false);
    let authorised = f.date("authorisedOn", "授权日期", &i.authorised_on, today);
    let status = match crate::form::code_of(&STATUSES, &i.status) {
        Some(c) => c,
        None if i.status.trim().is_empty() => "active",
        None => {
            f.bad(
                "status",
                format!("状态「{}」不认识（应为 在营、暂停、撤销）", i.status.trim()),
            );
            "active"
        }
    };
    let mut status_on = f.date("statusOn", "状态日期", &i.status_on, today);
    let changed = old.is_none_or(|o| o.status != status);
    if status_on.is_none() && !f.has("statusOn") {
        // a new status begins today unless the form says when; an unchanged
        // one keeps its day
        status_on = match old {
            Some(o) if !changed => o.status_on.as_deref().and_then(|d| d.parse().ok()),
            _ => authorised.filter(|_| status == "active").or(Some(today)),
        };
    }
    f.not_before("statusOn", "状态日期", status_on, "授权日期", authorised);
    let technicians = f.count("technicians", "维修技师人数", &i.technicians, 999).unwrap_or(0);
    let equipment_level = i.equipment_level.trim().to_uppercase();
    if !EQUIPMENT_LEVELS.contains(&equipment_level.as_str()) {
        f.bad(
            "equipmentLevel",
            format!("设备等级「{equipment_level}」应为 A、B、C 或空"),
        );
    }
    let note = f.text("note", "备注", &i.note, 200, false);
    let d = |x: Option<NaiveDate>| x.map(|d| d.format("%Y-%m-%d").to_string());
    Checked {
        name,
        kind,
        township,
        address,
        contact,
        phone,
        brands,
        authorised_on: d(authorised),
        status,
        status_on: d(status_on),
        technicians,
        equipment_level,
        note,
    }
}

const SELECT: &str = "SELECT d.id, d.name, d.kind, d.township, d.address, d.contact, d.phone, d.brands, d.authorised_on,
    d.status, d.status_on, d.technicians, d.equipment_level, d.note,
    (SELECT count(*) FROM vehicle v WHERE v.dealer_id = d.id),
    (SELECT count(*) FROM dealer_visit_action a JOIN dealer_visit dv ON dv.id = a.visit_id
      WHERE dv.dealer_id = d.id AND a.done_on IS NULL),
    (SELECT coalesce(sum(dl.amount_fen), 0) FROM dealer_delivery_line dl JOIN dealer_delivery dd ON dd.id = dl.delivery_id
      JOIN dealer_order o ON o.id = dd.order_id WHERE o.dealer_id = d.id)
    - (SELECT coalesce(sum(p.amount_fen), 0) FROM dealer_payment p WHERE p.dealer_id = d.id),
    d.name_initials
    FROM dealer d";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Outlet> {
    let kind: String = r.get(2)?;
    let status: String = r.get(9)?;
    Ok(Outlet {
        id: r.get(0)?,
        name: r.get(1)?,
        kind_label: kind_label(&kind),
        kind,
        township: r.get(3)?,
        address: r.get(4)?,
        contact: r.get(5)?,
        phone: r.get(6)?,
        brands: r.get(7)?,
        authorised_on: r.get(8)?,
        status_label: status_label(&status),
        status,
        status_on: r.get(10)?,
        technicians: r.get(11)?,
        equipment_level: r.get(12)?,
        note: r.get(13)?,
        vehicles: r.get(14)?,
        open_actions: r.get(15)?,
        owed: Money::from_fen(r.get(16)?),
        name_initials: r.get(17)?,
    })
}

pub fn get(conn: &Connection, id: i64) -> AppResult<Outlet> {
    conn.query_row(&format!("{SELECT} WHERE d.id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| AppError::not_found("找不到该网点"))
}

pub fn find_by_name(conn: &Connection, name: &str) -> AppResult<Option<Outlet>> {
    Ok(conn
        .query_row(&format!("{SELECT} WHERE d.name = ?1"), [name.trim()], from_row)
        .optional()?)
}

/// The register's list: outlets whose name, pinyin initials or township
/// contain `query` (all when empty), of one status when `status` is given;
/// 在营 first, then by kind and name.
pub fn list(conn: &Connection, query: &str, status: &str) -> AppResult<Vec<Outlet>> {
    let q = query.trim().to_lowercase();
    let like = format!("%{}%", q.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
    let mut st = conn.prepare(&format!(
        "{SELECT} WHERE (?1 = '' OR d.name LIKE ?2 ESCAPE '\\' OR d.name_initials LIKE ?2 ESCAPE '\\'
                        OR d.township LIKE ?2 ESCAPE '\\')
           AND (?3 = '' OR d.status = ?3)
         ORDER BY CASE d.status WHEN 'active' THEN 0 WHEN 'suspended' THEN 1 ELSE 2 END,
                  CASE d.kind WHEN 'dealer' THEN 0 WHEN 'retailer' THEN 1 ELSE 2 END, d.name"
    ))?;
    let rows = st
        .query_map(params![q, like, status.trim()], from_row)?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Registers an outlet (`id` None) or changes its card.
pub fn save(store: &mut Store, id: Option<i64>, input: &OutletInput, today: NaiveDate) -> AppResult<Outlet> {
    let id = store.write(|tx| save_in(tx, id, input, today))?;
    get(store.conn(), id)
}

/// [`save`] inside the caller's transaction; returns the outlet's id.
pub fn save_in(tx: &Connection, id: Option<i64>, input: &OutletInput, today: NaiveDate) -> AppResult<i64> {
    let old = id.map(|id| get(tx, id)).transpose()?;
    let mut f = Fields::new();
    let c = check(&mut f, input, old.as_ref(), today);
    if !f.has("name") {
        let other: Option<i64> = tx
            .query_row(
                "SELECT id FROM dealer WHERE name = ?1 AND id IS NOT ?2",
                params![c.name, id],
                |r| r.get(0),
            )
            .optional()?;
        if other.is_some() {
            f.bad("name", format!("已有网点「{}」，请勿重复登记", c.name));
        }
    }
    if !f.is_empty() {
        return Err(AppError::from_problems(ErrorCode::Validation, f.problems));
    }
    let initials = crate::store::search::pinyin_initials(&c.name);
    match id {
        None => {
            tx.execute(
                "INSERT INTO dealer (name, name_initials, kind, township, address, contact, phone, brands, authorised_on,
                    status, status_on, technicians, equipment_level, note, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
                params![
                    c.name,
                    initials,
                    c.kind,
                    c.township,
                    c.address,
                    c.contact,
                    c.phone,
                    c.brands,
                    c.authorised_on,
                    c.status,
                    c.status_on,
                    c.technicians,
                    c.equipment_level,
                    c.note,
                    crate::dates::stamp()
                ],
            )?;
            Ok(tx.last_insert_rowid())
        }
        Some(id) => {
            tx.execute(
                "UPDATE dealer SET name = ?2, name_initials = ?3, kind = ?4, township = ?5, address = ?6, contact = ?7,
                    phone = ?8, brands = ?9, authorised_on = ?10, status = ?11, status_on = ?12, technicians = ?13,
                    equipment_level = ?14, note = ?15
                 WHERE id = ?1",
                params![
                    id,
                    c.name,
                    initials,
                    c.kind,
                    c.township,
                    c.address,
                    c.contact,
                    c.phone,
                    c.brands,
                    c.authorised_on,
                    c.status,
                    c.status_on,
                    c.technicians,
                    c.equipment_level,
                    c.note
                ],
            )?;
            Ok(id)
        }
    }
}

/// The outlet named `name` for a record dated `on`: it must be on the
/// register and not revoked by then: its id, or the problem worded for the
/// record (`what`: "订货"). A storage failure is an error of its own.
pub fn usable(conn: &Connection, name: &str, on: NaiveDate, what: &str) -> AppResult<Result<i64, String>> {
    let name = name.trim();
    let row: Option<(i64, String, Option<String>)> = conn
        .query_row(
            "SELECT id, status, status_on FROM dealer WHERE name = ?1",
            [name],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    Ok(match row {
        None => Err(format!("「{name}」不在服务网络名册中，请先在「服务网络」登记该网点")),
        Some((_, status, since))
            if status == "revoked" && since.as_deref().is_none_or(|s| s <= on.to_string().as_str()) =>
        {
            Err(format!(
                "网点「{name}」已于 {} 撤销，不能再{what}",
                since.as_deref().unwrap_or("")
            ))
        }
        Some((id, _, _)) => Ok(id),
    })
}

// ---------------------------------------------------------------- the sheet

/// The register as a sheet (the register's own .xlsx and the data-exchange
/// workbook's 经销商 sheet).
pub const COLUMNS: &[(&str, u16)] = &[
    ("名称", 20),
    ("类型", 10),
    ("乡镇", 10),
    ("地址", 24),
    ("联系人", 10),
    ("电话", 14),
    ("经营品牌", 12),
    ("授权日期", 12),
    ("状态", 8),
    ("状态日期", 12),
    ("维修技师人数", 12),
    ("设备等级", 8),
    ("备注", 24),
];

/// The sheet's rows, in the order of [`COLUMNS`].
pub const EXPORT_SQL: &str = "SELECT name,
    CASE kind WHEN 'dealer' THEN '经销商' WHEN 'retailer' THEN '零售商' ELSE '特约维修站' END,
    township, address, contact, phone, brands, coalesce(authorised_on, ''),
    CASE status WHEN 'active' THEN '在营' WHEN 'suspended' THEN '暂停' ELSE '撤销' END,
    coalesce(status_on, ''), CAST(technicians AS TEXT), equipment_level, note
    FROM dealer ORDER BY id";

/// A sheet row (by header) as the form's input; a column missing from an
/// older sheet reads empty.
pub fn input_from(get: impl Fn(&str) -> String) -> OutletInput {
    OutletInput {
        name: get("名称"),
        kind: get("类型"),
        township: get("乡镇"),
        address: get("地址"),
        contact: get("联系人"),
        phone: get("电话"),
        brands: get("经营品牌"),
        authorised_on: get("授权日期"),
        status: get("状态"),
        status_on: get("状态日期"),
        technicians: get("维修技师人数"),
        equipment_level: get("设备等级"),
        note: get("备注"),
    }
}

/// The sheet's header of a form field (to word a row's problem).
pub fn header_of(field: &str) -> &'static str {
    match field {
        "name" => "名称",
        "kind" => "类型",
        "township" => "乡镇",
        "address" => "地址",
        "contact" => "联系人",
        "phone" => "电话",
        "brands" => "经营品牌",
        "authorisedOn" => "授权日期",
        "status" => "状态",
        "statusOn" => "状态日期",
        "technicians" => "维修技师人数",
        "equipmentLevel" => "设备等级",
        _ => "备注",
    }
}

pub fn rows(conn: &Connection) -> AppResult<Vec<Vec<String>>> {
    let mut st = conn.prepare(EXPORT_SQL)?;
    let n = COLUMNS.len();
    let rows = st
        .query_map([], |r| {
            (0..n).map(|i| r.get::<_, String>(i)).collect::<Result<Vec<_>, _>>()
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Writes the register as .xlsx.
pub fn export(conn: &Connection, path: &Path) -> AppResult<usize> {
    let rows = rows(conn)?;
    sheet::write_table(path, "服务网络", COLUMNS, &rows)?;
    Ok(rows.len())
}

/// What an import of the register did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct OutletImport {
    pub rows: usize,
    pub created: usize,
    pub updated: usize,
    pub problems: Vec<Problem>,
}

/// Reads a register sheet (.xlsx or .csv, the columns of [`COLUMNS`], only
/// 名称 required): a new name is registered, a name on the register has its
/// card replaced by the row. Every row is checked as the form checks it;
/// one bad row refuses the whole file and nothing is written.
pub fn import(store: &mut Store, path: &Path, today: NaiveDate) -> AppResult<OutletImport> {
    let t = sheet::read_table(path, 5 * 1_048_576)?;
    let mut problems = Vec::new();
    let headers: Vec<&str> = COLUMNS.iter().map(|(h, _)| *h).collect();
    sheet::check_headers(&t, &["名称"], &headers[1..], &mut problems);
    if !problems.is_empty() {
        return Err(AppError::from_problems(ErrorCode::Validation, problems));
    }
    let tx = store.conn_mut().transaction()?;
    let mut out = OutletImport::default();
    let mut seen = std::collections::HashSet::new();
    for r in &t.formula_rows {
        problems.push(Problem::row(&t.sheet, *r, "这一行含公式，请把公式换成数值后再导入"));
    }
    for (row, cells) in &t.rows {
        let row = *row;
        let get = |h: &str| {
            t.col(h)
                .and_then(|c| cells.get(c))
                .map(|v| v.trim().to_string())
                .unwrap_or_default()
        };
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        out.rows += 1;
        let input = input_from(get);
        if !seen.insert(input.name.clone()) {
            problems.push(Problem::row(
                &t.sheet,
                row,
                format!("名称：「{}」在表中出现两次", input.name),
            ));
            continue;
        }
        let existing = find_by_name(&tx, &input.name)?;
        match save_in(&tx, existing.as_ref().map(|o| o.id), &input, today) {
            Ok(_) if existing.is_some() => out.updated += 1,
            Ok(_) => out.created += 1,
            Err(e) => {
                for p in e.problems {
                    let h = header_of(p.field.as_deref().unwrap_or(""));
                    problems.push(Problem::row(&t.sheet, row, format!("{h}：{}", p.message)));
                }
            }
        }
    }
    if !problems.is_empty() {
        return Err(AppError::from_problems(ErrorCode::Validation, problems));
    }
    tx.commit()?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn input(name: &str) -> OutletInput {
        OutletInput {
            name: name.into(),
            kind: "零售商".into(),
            township: "王集镇".into(),
            phone: "0371-6123456".into(),
            authorised_on: "2025-03-01".into(),
            technicians: "2".into(),
            equipment_level: "b".into(),
            ..Default::default()
        }
    }

    #[test]
    fn an_outlet_is_registered_found_and_refused_when_wrong() {
        let today = day("2026-11-20");
        let mut s = Store::open_in_memory().unwrap();
        let o = save(&mut s, None, &input("王集摩托维修部"), today).unwrap();
        assert_eq!(
            (o.kind.as_str(), o.kind_label, o.status_label),
            ("retailer", "零售商", "在营")
        );
        assert_eq!(o.status_on.as_deref(), Some("2025-03-01"));
        assert_eq!((o.technicians, o.equipment_level.as_str()), (2, "B"));
        // by pinyin initials, by township, by status
        assert_eq!(list(s.conn(), "wjmt", "").unwrap().len(), 1);
        assert_eq!(list(s.conn(), "王集镇", "active").unwrap().len(), 1);
        assert_eq!(list(s.conn(), "", "revoked").unwrap().len(), 0);
        // an empty name, a duplicate, a bad phone, a future date: all named, nothing saved
        let mut bad = input(" ");
        bad.phone = "12ab".into();
        bad.authorised_on = "2026-12-01".into();
        let e = save(&mut s, None, &bad, today).unwrap_err();
        let fields: Vec<_> = e.problems.iter().map(|p| p.field.clone().unwrap()).collect();
        assert_eq!(fields, ["name", "phone", "authorisedOn"]);
        let e = save(&mut s, None, &input("王集摩托维修部"), today).unwrap_err();
        assert_eq!(e.problems[0].message, "已有网点「王集摩托维修部」，请勿重复登记");
        assert_eq!(list(s.conn(), "", "").unwrap().len(), 1);
        // revoked: no order dated from that day
        let mut rev = input("王集摩托维修部");
        rev.status = "撤销".into();
        rev.status_on = "2026-11-10".into();
        let o = save(&mut s, Some(o.id), &rev, today).unwrap();
        assert_eq!(o.status, "revoked");
        assert!(usable(s.conn(), "王集摩托维修部", day("2026-11-09"), "订货")
            .unwrap()
            .is_ok());
        assert_eq!(
            usable(s.conn(), "王集摩托维修部", day("2026-11-10"), "订货")
                .unwrap()
                .unwrap_err(),
            "网点「王集摩托维修部」已于 2026-11-10 撤销，不能再订货"
        );
        assert!(usable(s.conn(), "李庄", day("2026-11-10"), "订货")
            .unwrap()
            .unwrap_err()
            .contains("不在服务网络名册中"));
    }

    #[test]
    fn the_register_round_trips_through_its_sheet_and_a_bad_row_refuses_the_file() {
        let today = day("2026-11-20");
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open_in_memory().unwrap();
        save(&mut s, None, &input("王集摩托维修部"), today).unwrap();
        let mut b = input("李庄特约维修站");
        b.kind = "station".into();
        b.status = "暂停".into();
        b.status_on = "2026-10-01".into();
        save(&mut s, None, &b, today).unwrap();
        let p = dir.path().join("net.xlsx");
        assert_eq!(export(s.conn(), &p).unwrap(), 2);
        let before = rows(s.conn()).unwrap();

        let mut t = Store::open_in_memory().unwrap();
        let r = import(&mut t, &p, today).unwrap();
        assert_eq!((r.rows, r.created, r.updated), (2, 2, 0));
        assert_eq!(rows(t.conn()).unwrap(), before);
        // again: the same cards, updated in place
        let r = import(&mut t, &p, today).unwrap();
        assert_eq!((r.created, r.updated), (0, 2));

        let csv = dir.path().join("bad.csv");
        std::fs::write(&csv, "名称,类型,电话\n新店,零售商,0371-6123456\n,经销商,\n").unwrap();
        let e = import(&mut t, &csv, today).unwrap_err();
        assert!(
            e.problems[0].message.contains("名称：请填写网点名称"),
            "{:?}",
            e.problems
        );
        assert!(find_by_name(t.conn(), "新店").unwrap().is_none());
    }
}
