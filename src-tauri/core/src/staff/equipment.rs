//! 设备工具管理: the shop's register of equipment, special tools and
//! measuring tools (the source text lists 设备工具管理 among the service
//! system's contents). Each item: how many are held against the factory's
//! required list (必备工具清单 — its quantity, 0 where the factory asks for
//! none; the list comes in through the data-exchange workbook), where, when
//! bought and for how much, who keeps it, its state, and every how many
//! months it is maintained or calibrated — the next time falls due from the
//! last one (or the purchase). Loans (借出/归还) name who took it and by
//! when it comes back. Scrapping keeps the row with its day and reason.
//! docs/domain.md §14.

use chrono::{Months, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::{AppError, AppResult, ErrorCode};
use crate::form::{label_of, Fields};
use crate::money::Money;
use crate::store::Store;

/// (code, label) of an item's kind.
pub const KINDS: [(&str, &str); 3] = [
    ("equipment", "设备"),
    ("special_tool", "专用工具"),
    ("measuring", "量具"),
];
contract_codes!(KindCode, "EquipmentKind", KINDS);

/// (code, label) of an item's state.
pub const STATES: [(&str, &str); 3] = [("good", "完好"), ("repair", "待修"), ("scrapped", "已报废")];
contract_codes!(StateCode, "EquipmentState", STATES);

/// Maintenance falling due within this many days is shown as due soon.
pub const DUE_SOON_DAYS: i64 = 30;

/// An item of the register, with what falls due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Equipment {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub model: String,
    #[ts(as = "KindCode")]
    pub kind: String,
    pub kind_label: &'static str,
    pub qty: i64,
    pub required_qty: i64,
    /// required − held, when short
    pub shortfall: i64,
    pub location: String,
    pub bought_on: Option<String>,
    pub value: Option<Money>,
    pub keeper: String,
    #[ts(as = "StateCode")]
    pub state: String,
    pub state_label: &'static str,
    pub service_months: Option<i64>,
    pub last_serviced_on: Option<String>,
    /// the next maintenance or calibration (none without a cycle, or scrapped)
    pub next_service_on: Option<String>,
    /// "overdue", "soon" (within 30 days) or ""
    pub service_due: &'static str,
    pub scrapped_on: Option<String>,
    pub scrap_reason: String,
    pub note: String,
    /// the open loan, if lent out
    pub loan: Option<Loan>,
}

/// A loan (借出).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "EquipmentLoan")]
pub struct Loan {
    pub id: i64,
    pub lent_on: String,
    pub borrower: String,
    pub due_on: String,
    pub returned_on: Option<String>,
    pub operator: String,
    pub note: String,
    /// not back by its day (as of today)
    pub overdue: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct EquipmentInput {
    pub code: String,
    pub name: String,
    pub model: String,
    pub kind: String,
    pub qty: String,
    pub required_qty: String,
    pub location: String,
    pub bought_on: String,
    pub value: String,
    pub keeper: String,
    /// good or repair (scrapping is its own action)
    pub state: String,
    pub service_months: String,
    pub last_serviced_on: String,
    pub note: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct LoanInput {
    pub lent_on: String,
    pub borrower: String,
    pub due_on: String,
    pub operator: String,
    pub note: String,
}

/// The register with the counts the desk shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct EquipmentRegister {
    pub items: Vec<Equipment>,
    /// items short of the factory's required quantity, and the units short
    pub short_items: i64,
    pub short_units: i64,
    /// maintenance overdue, and due within 30 days
    pub service_overdue: i64,
    pub service_soon: i64,
    /// lent out, and of them not back by their day
    pub on_loan: i64,
    pub loans_overdue: i64,
    /// book value of the items in use
    pub value: Money,
}

fn next_service(service_months: Option<i64>, last: Option<&str>, bought: Option<&str>) -> Option<NaiveDate> {
    let months = service_months?;
    let from = last.or(bought)?;
    let d = NaiveDate::parse_from_str(from, "%Y-%m-%d").ok()?;
    d.checked_add_months(Months::new(months as u32))
}

const COLUMNS: &str = "e.id, e.code, e.name, e.model, e.kind, e.qty, e.required_qty, e.location, e.bought_on,
    e.value_fen, e.keeper, e.state, e.service_months, e.last_serviced_on, e.scrapped_on, e.scrap_reason, e.note,
    l.id, l.lent_on, l.borrower, l.due_on, l.operator, l.note";

fn from_row(r: &rusqlite::Row<'_>, today: NaiveDate) -> rusqlite::Result<Equipment> {
    let kind: String = r.get(4)?;
    let state: String = r.get(11)?;
    let (qty, required): (i64, i64) = (r.get(5)?, r.get(6)?);
    let bought: Option<String> = r.get(8)?;
    let months: Option<i64> = r.get(12)?;
    let last: Option<String> = r.get(13)?;
    let next = if state == "scrapped" {
        None
    } else {
        next_service(months, last.as_deref(), bought.as_deref())
    };
    let service_due = match next {
        Some(n) if n < today => "overdue",
        Some(n) if (n - today).num_days() <= DUE_SOON_DAYS => "soon",
        _ => "",
    };
    let loan = match r.get::<_, Option<i64>>(17)? {
        Some(id) => {
            let due: String = r.get(20)?;
            Some(Loan {
                id,
                lent_on: r.get(18)?,
                borrower: r.get(19)?,
                overdue: due < today.to_string(),
                due_on: due,
                returned_on: None,
                operator: r.get(21)?,
                note: r.get(22)?,
            })
        }
        None => None,
    };
    Ok(Equipment {
        id: r.get(0)?,
        code: r.get(1)?,
        name: r.get(2)?,
        model: r.get(3)?,
        kind_label: label_of(&KINDS, &kind),
        kind,
        shortfall: if state == "scrapped" {
            0
        } else {
            (required - qty).max(0)
        },
        qty,
        required_qty: required,
        location: r.get(7)?,
        bought_on: bought,
        value: r.get::<_, Option<i64>>(9)?.map(Money::from_fen),
        keeper: r.get(10)?,
        state_label: label_of(&STATES, &state),
        state,
        service_months: months,
        last_serviced_on: last,
        next_service_on: next.map(|d| d.to_string()),
        service_due,
        scrapped_on: r.get(14)?,
        scrap_reason: r.get(15)?,
        note: r.get(16)?,
        loan,
    })
}

fn select(conn: &Connection, wh: &str, p: impl rusqlite::Params, today: NaiveDate) -> AppResult<Vec<Equipment>> {
    let mut st = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM equipment e LEFT JOIN equipment_loan l ON l.equipment_id = e.id AND l.returned_on IS NULL
         WHERE {wh} ORDER BY e.state = 'scrapped', e.kind, e.code"
    ))?;
    let rows = st.query_map(p, |r| from_row(r, today))?.collect::<Result<_, _>>()?;
    Ok(rows)
}

pub fn get(conn: &Connection, id: i64, today: NaiveDate) -> AppResult<Equipment> {
    select(conn, "e.id = ?1", [id], today)?
        .pop()
        .ok_or_else(|| AppError::not_found("找不到该设备工具"))
}

/// The register; `scrapped` also the scrapped items.
pub fn register(conn: &Connection, scrapped: bool, today: NaiveDate) -> AppResult<EquipmentRegister> {
    let items = select(conn, "?1 OR e.state <> 'scrapped'", [scrapped], today)?;
    let live = || items.iter().filter(|i| i.state != "scrapped");
    Ok(EquipmentRegister {
        short_items: live().filter(|i| i.shortfall > 0).count() as i64,
        short_units: live().map(|i| i.shortfall).sum(),
        service_overdue: live().filter(|i| i.service_due == "overdue").count() as i64,
        service_soon: live().filter(|i| i.service_due == "soon").count() as i64,
        on_loan: live().filter(|i| i.loan.is_some()).count() as i64,
        loans_overdue: live().filter(|i| i.loan.as_ref().is_some_and(|l| l.overdue)).count() as i64,
        value: live().filter_map(|i| i.value).fold(Money::ZERO, |s, v| s + v),
        items,
    })
}

/// What the desk's to-do counts: (maintenance overdue or due within 30
/// days, loans not back by their day).
pub fn todo_count(conn: &Connection, today: NaiveDate) -> AppResult<(i64, i64)> {
    let r = register(conn, false, today)?;
    Ok((r.service_overdue + r.service_soon, r.loans_overdue))
}

/// Adds (`id` None) or changes an item. All or nothing.
pub fn save(store: &mut Store, id: Option<i64>, input: &EquipmentInput, today: NaiveDate) -> AppResult<Equipment> {
    let id = store.write(|tx| save_in(tx, id, input, today))?;
    get(store.conn(), id, today)
}

/// [`save`] inside the caller's transaction (the workbook import).
pub fn save_in(tx: &Connection, id: Option<i64>, input: &EquipmentInput, today: NaiveDate) -> AppResult<i64> {
    let mut f = Fields::new();
    let code = f.text("code", "编号", &input.code, 20, true);
    let name = f.text("name", "名称", &input.name, 40, true);
    let model = f.text("model", "型号规格", &input.model, 40, false);
    let kind = f.choice("kind", &KINDS, &input.kind, "请选择设备、专用工具或量具");
    let qty = f.count("qty", "在用数量", &input.qty, 9999);
    if qty.is_none() && !f.has("qty") {
        f.bad("qty", "请填写在用数量");
    }
    let required = f
        .count("requiredQty", "厂家必备数量", &input.required_qty, 9999)
        .unwrap_or(0);
    let location = f.text("location", "存放位置", &input.location, 40, false);
    let bought = f.date("boughtOn", "购置日期", &input.bought_on, today);
    let value = f.money("value", "购置金额", &input.value);
    let keeper = f.text("keeper", "责任人", &input.keeper, 20, false);
    let state = match input.state.trim() {
        "" | "good" | "完好" => Some("good"),
        "repair" | "待修" => Some("repair"),
        _ => {
            f.bad("state", "状态应为完好或待修（报废请用「报废」）");
            None
        }
    };
    let months = f.count("serviceMonths", "保养校准周期（月）", &input.service_months, 60);
    if months == Some(0) {
        f.bad("serviceMonths", "保养校准周期应在 1 到 60 个月之间，不保养请留空");
    }
    let last = f.date("lastServicedOn", "上次保养校准", &input.last_serviced_on, today);
    if let (Some(b), Some(l)) = (bought, last) {
        if l < b {
            f.bad("lastServicedOn", "上次保养校准早于购置日期");
        }
    }
    let note = f.text("note", "备注", &input.note, 200, false);
    if f.is_empty() {
        let taken: Option<i64> = tx
            .query_row("SELECT id FROM equipment WHERE code = ?1", [&code], |r| r.get(0))
            .optional()?;
        if taken.is_some_and(|t| Some(t) != id) {
            f.bad("code", format!("编号「{code}」已被使用"));
        }
    }
    if !f.is_empty() {
        return Err(AppError::from_problems(ErrorCode::Validation, f.problems));
    }
    if let Some(id) = id {
        let st: Option<String> = tx
            .query_row("SELECT state FROM equipment WHERE id = ?1", [id], |r| r.get(0))
            .optional()?;
        match st.as_deref() {
            None => return Err(AppError::not_found("找不到该设备工具")),
            Some("scrapped") => return Err(AppError::new(ErrorCode::Conflict, "已报废的设备工具不能再修改")),
            _ => {}
        }
    }
    // one statement for a new item (id NULL) and a change (created_at kept)
    tx.execute(
        "INSERT INTO equipment (id, code, name, model, kind, qty, required_qty, location, bought_on, value_fen, keeper,
            state, service_months, last_serviced_on, note, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
         ON CONFLICT (id) DO UPDATE SET code = excluded.code, name = excluded.name, model = excluded.model,
            kind = excluded.kind, qty = excluded.qty, required_qty = excluded.required_qty,
            location = excluded.location, bought_on = excluded.bought_on, value_fen = excluded.value_fen,
            keeper = excluded.keeper, state = excluded.state, service_months = excluded.service_months,
            last_serviced_on = excluded.last_serviced_on, note = excluded.note",
        params![
            id,
            code,
            name,
            model,
            kind,
            qty,
            required,
            location,
            bought.map(|d| d.to_string()),
            value,
            keeper,
            state,
            months,
            last.map(|d| d.to_string()),
            note,
            crate::dates::stamp()
        ],
    )?;
    Ok(id.unwrap_or_else(|| tx.last_insert_rowid()))
}

fn open_item(tx: &Connection, id: i64) -> AppResult<String> {
    let state: Option<String> = tx
        .query_row("SELECT state FROM equipment WHERE id = ?1", [id], |r| r.get(0))
        .optional()?;
    match state {
        None => Err(AppError::not_found("找不到该设备工具")),
        Some(s) if s == "scrapped" => Err(AppError::new(ErrorCode::Conflict, "该设备工具已报废")),
        Some(s) => Ok(s),
    }
}

/// 保养/校准 done on `on` (not in the future): the next one falls due a
/// cycle later.
pub fn serviced(store: &mut Store, id: i64, on: &str, today: NaiveDate) -> AppResult<Equipment> {
    let mut f = Fields::new();
    let day = f.required_date("servicedOn", "保养校准日期", on, today);
    if !f.is_empty() {
        return Err(AppError::from_problems(ErrorCode::Validation, f.problems));
    }
    let tx = store.conn_mut().transaction()?;
    open_item(&tx, id)?;
    tx.execute(
        "UPDATE equipment SET last_serviced_on = ?2 WHERE id = ?1",
        params![id, day.map(|d| d.to_string())],
    )?;
    tx.commit()?;
    get(store.conn(), id, today)
}

/// 借出: one open loan per item, not of an item in repair or scrapped.
pub fn lend(store: &mut Store, id: i64, input: &LoanInput, today: NaiveDate) -> AppResult<Equipment> {
    let tx = store.conn_mut().transaction()?;
    let state = open_item(&tx, id)?;
    if state == "repair" {
        return Err(AppError::new(ErrorCode::Conflict, "该设备工具待修，不能借出"));
    }
    let lent: Option<String> = tx
        .query_row(
            "SELECT borrower FROM equipment_loan WHERE equipment_id = ?1 AND returned_on IS NULL",
            [id],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(who) = lent {
        return Err(AppError::new(ErrorCode::Conflict, format!("已借给{who}，还没有归还")));
    }
    let mut f = Fields::new();
    let on = if input.lent_on.trim().is_empty() {
        Some(today)
    } else {
        f.required_date("lentOn", "借出日期", &input.lent_on, today)
    };
    let borrower = f.text("borrower", "借用人", &input.borrower, 30, true);
    let due = match crate::dates::parse_date("dueOn", input.due_on.trim()) {
        Ok(d) => Some(d),
        Err(_) if input.due_on.trim().is_empty() => {
            f.bad("dueOn", "请填写应还日期");
            None
        }
        Err(_) => {
            f.bad("dueOn", format!("应还日期「{}」不是有效日期", input.due_on.trim()));
            None
        }
    };
    if let (Some(a), Some(b)) = (on, due) {
        if b < a {
            f.bad("dueOn", "应还日期早于借出日期");
        }
    }
    let operator = f.text("operator", "经办人", &input.operator, 20, true);
    let note = f.text("note", "备注", &input.note, 200, false);
    if !f.is_empty() {
        return Err(AppError::from_problems(ErrorCode::Validation, f.problems));
    }
    tx.execute(
        "INSERT INTO equipment_loan (equipment_id, lent_on, borrower, due_on, operator, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            id,
            on.map(|d| d.to_string()),
            borrower,
            due.map(|d| d.to_string()),
            operator,
            note
        ],
    )?;
    tx.commit()?;
    get(store.conn(), id, today)
}

/// 归还 of the open loan on `on` (empty: today).
pub fn give_back(store: &mut Store, id: i64, on: &str, today: NaiveDate) -> AppResult<Equipment> {
    let tx = store.conn_mut().transaction()?;
    let loan: Option<(i64, String)> = tx
        .query_row(
            "SELECT id, lent_on FROM equipment_loan WHERE equipment_id = ?1 AND returned_on IS NULL",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((loan, lent)) = loan else {
        return Err(AppError::new(ErrorCode::Conflict, "该设备工具没有借出"));
    };
    let mut f = Fields::new();
    let day = if on.trim().is_empty() {
        Some(today)
    } else {
        f.required_date("returnedOn", "归还日期", on, today)
    };
    if day.is_some_and(|d| d.to_string() < lent) {
        f.bad("returnedOn", "归还日期早于借出日期");
    }
    if !f.is_empty() {
        return Err(AppError::from_problems(ErrorCode::Validation, f.problems));
    }
    tx.execute(
        "UPDATE equipment_loan SET returned_on = ?2 WHERE id = ?1",
        params![loan, day.map(|d| d.to_string())],
    )?;
    tx.commit()?;
    get(store.conn(), id, today)
}

/// 报废 with the day and the reason; an item lent out comes back first.
pub fn scrap(store: &mut Store, id: i64, on: &str, reason: &str, today: NaiveDate) -> AppResult<Equipment> {
    let tx = store.conn_mut().transaction()?;
    open_item(&tx, id)?;
    let lent: bool = tx
        .query_row(
            "SELECT 1 FROM equipment_loan WHERE equipment_id = ?1 AND returned_on IS NULL",
            [id],
            |_| Ok(()),
        )
        .optional()?
        .is_some();
    if lent {
        return Err(AppError::new(ErrorCode::Conflict, "该设备工具借出未还，归还后才能报废"));
    }
    let mut f = Fields::new();
    let day = if on.trim().is_empty() {
        Some(today)
    } else {
        f.required_date("scrappedOn", "报废日期", on, today)
    };
    let reason = f.text("scrapReason", "报废原因", reason, 200, true);
    if !f.is_empty() {
        return Err(AppError::from_problems(ErrorCode::Validation, f.problems));
    }
    tx.execute(
        "UPDATE equipment SET state = 'scrapped', scrapped_on = ?2, scrap_reason = ?3 WHERE id = ?1",
        params![id, day.map(|d| d.to_string()), reason],
    )?;
    tx.commit()?;
    get(store.conn(), id, today)
}

/// An item's loans, newest first.
pub fn loans(conn: &Connection, id: i64, today: NaiveDate) -> AppResult<Vec<Loan>> {
    let mut st = conn.prepare(
        "SELECT id, lent_on, borrower, due_on, returned_on, operator, note FROM equipment_loan
         WHERE equipment_id = ?1 ORDER BY lent_on DESC, id DESC",
    )?;
    let rows = st
        .query_map([id], |r| {
            let due: String = r.get(3)?;
            let back: Option<String> = r.get(4)?;
            Ok(Loan {
                id: r.get(0)?,
                lent_on: r.get(1)?,
                borrower: r.get(2)?,
                overdue: back.is_none() && due < today.to_string(),
                due_on: due,
                returned_on: back,
                operator: r.get(5)?,
                note: r.get(6)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn item(code: &str, name: &str, qty: &str, required: &str) -> EquipmentInput {
        EquipmentInput {
            code: code.into(),
            name: name.into(),
            kind: "special_tool".into(),
            qty: qty.into(),
            required_qty: required.into(),
            ..Default::default()
        }
    }

    #[test]
    fn the_register_shortfalls_service_dues_loans_and_scrapping() {
        let today = day("2026-11-18");
        let mut s = Store::open_in_memory().unwrap();
        // held 1 of the factory's 2: one short
        let puller = save(&mut s, None, &item("ZJ-01", "飞轮拉马", "1", "2"), today).unwrap();
        assert_eq!(puller.shortfall, 1);
        // a torque wrench calibrated every 12 months, last on 2025-11-10: overdue
        let wrench = save(
            &mut s,
            None,
            &EquipmentInput {
                kind: "measuring".into(),
                service_months: "12".into(),
                last_serviced_on: "2025-11-10".into(),
                bought_on: "2024-03-01".into(),
                value: "680".into(),
                ..item("LJ-01", "扭力扳手", "1", "1")
            },
            today,
        )
        .unwrap();
        assert_eq!(
            (wrench.next_service_on.as_deref(), wrench.service_due),
            (Some("2026-11-10"), "overdue")
        );
        // a change keeps the item (and its number)
        let moved = save(
            &mut s,
            Some(puller.id),
            &EquipmentInput {
                location: "工具柜".into(),
                ..item("ZJ-01", "飞轮拉马", "1", "2")
            },
            today,
        )
        .unwrap();
        assert_eq!((moved.id, moved.location.as_str()), (puller.id, "工具柜"));
        // a required tool the shop does not hold yet
        save(&mut s, None, &item("ZJ-02", "气门弹簧压缩器", "0", "1"), today).unwrap();
        let r = register(s.conn(), false, today).unwrap();
        assert_eq!((r.short_items, r.short_units, r.service_overdue), (2, 2, 1));
        assert_eq!(r.value, Money::from_yuan(680));
        // calibrated today: due again in a year, nothing left to do
        let w = serviced(&mut s, wrench.id, "2026-11-18", today).unwrap();
        assert_eq!((w.next_service_on.as_deref(), w.service_due), (Some("2027-11-18"), ""));
        // lent for three days, then it is overdue; a second loan refused
        let lent = lend(
            &mut s,
            puller.id,
            &LoanInput {
                lent_on: "2026-11-10".into(),
                borrower: "王集镇摩托维修部 王保国".into(),
                due_on: "2026-11-13".into(),
                operator: "李库管".into(),
                note: String::new(),
            },
            today,
        )
        .unwrap();
        assert!(lent.loan.as_ref().unwrap().overdue);
        assert_eq!(todo_count(s.conn(), today).unwrap(), (0, 1));
        let again = lend(
            &mut s,
            puller.id,
            &LoanInput {
                borrower: "张师傅".into(),
                due_on: "2026-11-20".into(),
                operator: "李库管".into(),
                ..Default::default()
            },
            today,
        )
        .unwrap_err();
        assert!(again.message.contains("还没有归还"), "{}", again.message);
        // scrapping while lent out refused; back, then scrapped with a reason
        assert!(scrap(&mut s, puller.id, "", "断裂", today).is_err());
        assert!(
            give_back(&mut s, puller.id, "2026-11-09", today).is_err(),
            "before it was lent"
        );
        give_back(&mut s, puller.id, "", today).unwrap();
        let e = scrap(&mut s, puller.id, "", " ", today).unwrap_err();
        assert_eq!(e.problems[0].message, "请填写报废原因");
        let gone = scrap(&mut s, puller.id, "", "拉爪断裂，无法修复", today).unwrap();
        assert_eq!((gone.state_label, gone.shortfall), ("已报废", 0));
        assert_eq!(loans(s.conn(), puller.id, today).unwrap().len(), 1);
        // bad input changes nothing
        let bad = save(
            &mut s,
            None,
            &EquipmentInput {
                qty: "-1".into(),
                bought_on: "2027-01-01".into(),
                ..item("LJ-01", "", "", "")
            },
            today,
        )
        .unwrap_err();
        let fields: Vec<&str> = bad.problems.iter().filter_map(|p| p.field.as_deref()).collect();
        assert!(
            fields.contains(&"name") && fields.contains(&"qty") && fields.contains(&"boughtOn"),
            "{fields:?}"
        );
        assert_eq!(register(s.conn(), true, today).unwrap().items.len(), 3);
    }
}
