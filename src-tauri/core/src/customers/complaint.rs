//! 投诉处理: the complaint register. The source text asks that every
//! customer be treated sincerely "不管他是来人还是来电、来函", that a mistake
//! be met with an apology and put right at once (有错致歉 … 立即更正), and
//! counts staff attitude as the reason 68% of lost customers leave
//! (docs/domain.md §9). So a complaint is a record with an owner and a due
//! date, not a category on a call:
//!
//! - 受理: when and how it came in (来人/来电/来函/回访发现 — a follow-up call
//!   that records a complaint category opens one itself, see
//!   [`open_from_follow_up_in`]), who complained (the customer and vehicle
//!   when on file), what about (category, content), the staff member it is
//!   about (涉及员工) and who handles it (负责人) by when (处理期限);
//! - 处理措施: the steps taken (致歉, 更正, 返修, 补偿 with its amount);
//! - 结案: the customer's confirmation (满意/接受/不满意) on a day, at least
//!   one step before it; the days it took follow.
//!
//! Open complaints past their due date are on the desk's to-do; the month's
//! counts by category and by staff member ([`month_summary`]) feed the
//! appraisal (绩效考核). A closed month's complaints do not move (the
//! database's 月结 triggers).

use chrono::{Days, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::follow_up::{complaint_label, ComplaintCode, COMPLAINTS};
use crate::dates::Month;
use crate::error::{AppError, AppResult, ErrorCode};
use crate::form::{code_of, label_of, Fields};
use crate::money::Money;
use crate::store::Store;

/// (code, label) of how a complaint came in.
pub const SOURCES: [(&str, &str); 4] = [
    ("walk_in", "来人"),
    ("phone", "来电"),
    ("letter", "来函"),
    ("follow_up", "回访发现"),
];

/// (code, label) of a step taken on a complaint (处理措施).
pub const STEPS: [(&str, &str); 4] = [
    ("apology", "致歉"),
    ("correction", "更正"),
    ("rework", "返修"),
    ("compensation", "补偿"),
];

/// (code, label) of the customer's confirmation at closing (客户确认).
pub const CONFIRMATIONS: [(&str, &str); 3] = [("satisfied", "满意"), ("accepted", "接受"), ("unsatisfied", "不满意")];

contract_codes!(SourceCode, "ComplaintSource", SOURCES);
contract_codes!(StepCode, "ComplaintStepKind", STEPS);
contract_codes!(ConfirmationCode, "ComplaintConfirmation", CONFIRMATIONS);

/// Days from 受理 to the due date when the form leaves it empty: an apology
/// and a correction belong within the week's first days.
pub const DEFAULT_DUE_DAYS: u64 = 3;

/// 处理措施: one step taken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ComplaintStep {
    pub id: i64,
    #[ts(as = "StepCode")]
    pub kind: String,
    pub kind_label: &'static str,
    pub done_on: String,
    pub note: String,
    /// 补偿金额, for a compensation
    pub amount: Option<Money>,
    pub operator: String,
}

/// A complaint as the register and its card show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Complaint {
    pub id: i64,
    /// 投诉单号
    pub complaint_no: String,
    pub received_on: String,
    #[ts(as = "SourceCode")]
    pub source: String,
    pub source_label: &'static str,
    /// the follow-up call that found it (回访发现)
    pub follow_up_id: Option<i64>,
    pub customer_id: Option<i64>,
    /// 投诉人
    pub complainant: String,
    pub phone: String,
    pub vehicle_id: Option<i64>,
    pub vin: String,
    pub plate: String,
    pub model: String,
    #[ts(as = "ComplaintCode")]
    pub category: String,
    pub category_label: &'static str,
    pub content: String,
    /// 涉及员工
    pub staff_id: Option<i64>,
    pub staff_name: String,
    /// 处理负责人
    pub owner: String,
    /// 处理期限
    pub due_on: String,
    pub steps: Vec<ComplaintStep>,
    pub closed_on: Option<String>,
    #[ts(as = "Option<ConfirmationCode>")]
    pub confirmation: Option<String>,
    pub confirmation_label: &'static str,
    pub close_note: String,
    /// days from 受理 to 结案
    pub days_taken: Option<i64>,
    /// open and past its due date
    pub overdue: bool,
    /// 处理中 / 已逾期 / 已结案
    pub status_label: &'static str,
}

/// 受理 (or, for an open complaint, its correction).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct ComplaintInput {
    /// empty = today
    pub received_on: String,
    /// a [`SOURCES`] code or label
    pub source: String,
    /// the customer on file; none for someone not on file (then the
    /// complainant's name is required)
    pub customer_id: Option<i64>,
    /// empty with a customer: the customer's name
    pub complainant: String,
    /// empty with a customer: the customer's mobile
    pub phone: String,
    pub vehicle_id: Option<i64>,
    /// a complaint category code or label
    pub category: String,
    pub content: String,
    pub staff_id: Option<i64>,
    pub owner: String,
    /// empty = [`DEFAULT_DUE_DAYS`] after 受理
    pub due_on: String,
}

/// A step taken.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct ComplaintStepInput {
    pub kind: String,
    /// empty = today
    pub done_on: String,
    pub note: String,
    /// 补偿金额 (yuan), for a compensation only
    pub amount: String,
    pub operator: String,
}

/// 结案.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct ComplaintCloseInput {
    /// empty = today
    pub closed_on: String,
    pub confirmation: String,
    pub note: String,
}

/// What the register lists: a month's complaints by their 受理 date, the
/// open ones, or those matching a name, phone or number.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct ComplaintQuery {
    /// YYYY-MM, or empty for every month
    pub month: String,
    /// "" = all, "open" (overdue ones among them), "overdue", "closed"
    pub status: String,
    /// 投诉单号, the complainant's name or phone, a VIN or plate
    pub text: String,
}

const SELECT: &str = "SELECT k.id, k.complaint_no, k.received_on, k.source, k.follow_up_id, k.customer_id,
    k.complainant, k.phone, k.vehicle_id, coalesce(v.vin, ''), coalesce(v.plate, ''), coalesce(v.model, ''),
    k.category, k.content, k.staff_id, coalesce(s.name, ''), k.owner, k.due_on, k.closed_on, k.confirmation,
    k.close_note
    FROM complaint k LEFT JOIN vehicle v ON v.id = k.vehicle_id LEFT JOIN staff s ON s.id = k.staff_id";

fn row(r: &rusqlite::Row, today: &str) -> rusqlite::Result<Complaint> {
    let source: String = r.get(3)?;
    let category: String = r.get(12)?;
    let received_on: String = r.get(2)?;
    let due_on: String = r.get(17)?;
    let closed_on: Option<String> = r.get(18)?;
    let confirmation: Option<String> = r.get(19)?;
    let overdue = closed_on.is_none() && due_on.as_str() < today;
    let days_taken = closed_on.as_deref().and_then(|c| {
        let (a, b) = (received_on.parse::<NaiveDate>().ok()?, c.parse::<NaiveDate>().ok()?);
        Some((b - a).num_days())
    });
    Ok(Complaint {
        id: r.get(0)?,
        complaint_no: r.get(1)?,
        source_label: label_of(&SOURCES, &source),
        source,
        follow_up_id: r.get(4)?,
        customer_id: r.get(5)?,
        complainant: r.get(6)?,
        phone: r.get(7)?,
        vehicle_id: r.get(8)?,
        vin: r.get(9)?,
        plate: r.get(10)?,
        model: r.get(11)?,
        category_label: complaint_label(&category),
        category,
        content: r.get(13)?,
        staff_id: r.get(14)?,
        staff_name: r.get(15)?,
        owner: r.get(16)?,
        received_on,
        due_on,
        steps: Vec::new(),
        confirmation_label: confirmation.as_deref().map_or("", |c| label_of(&CONFIRMATIONS, c)),
        confirmation,
        close_note: r.get(20)?,
        days_taken,
        overdue,
        status_label: if closed_on.is_some() {
            "已结案"
        } else if overdue {
            "已逾期"
        } else {
            "处理中"
        },
        closed_on,
    })
}

fn steps_of(conn: &Connection, id: i64) -> AppResult<Vec<ComplaintStep>> {
    let mut st = conn.prepare_cached(
        "SELECT id, kind, done_on, note, amount_fen, operator FROM complaint_step
         WHERE complaint_id = ?1 ORDER BY done_on, id",
    )?;
    let rows = st
        .query_map([id], |r| {
            let kind: String = r.get(1)?;
            Ok(ComplaintStep {
                id: r.get(0)?,
                kind_label: label_of(&STEPS, &kind),
                kind,
                done_on: r.get(2)?,
                note: r.get(3)?,
                amount: r.get::<_, Option<i64>>(4)?.map(Money::from_fen),
                operator: r.get(5)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

pub fn get(conn: &Connection, id: i64, today: NaiveDate) -> AppResult<Complaint> {
    let t = today.to_string();
    let mut c = conn
        .query_row(&format!("{SELECT} WHERE k.id = ?1"), [id], |r| row(r, &t))
        .optional()?
        .ok_or_else(|| AppError::not_found("找不到该投诉记录"))?;
    c.steps = steps_of(conn, id)?;
    Ok(c)
}

/// The register as asked, the latest 受理 first, each with its steps.
pub fn list(conn: &Connection, q: &ComplaintQuery, today: NaiveDate) -> AppResult<Vec<Complaint>> {
    let (from, to) = if q.month.trim().is_empty() {
        (String::new(), "9999".to_string())
    } else {
        let m = Month::parse(q.month.trim())?;
        (m.first_day().to_string(), m.last_day().to_string())
    };
    let status = match q.status.trim() {
        "" => "",
        "open" => " AND k.closed_on IS NULL",
        "overdue" => " AND k.closed_on IS NULL AND k.due_on < ?3",
        "closed" => " AND k.closed_on IS NOT NULL",
        other => return Err(AppError::invalid("status", format!("不认识的状态「{other}」"))),
    };
    let text = q.text.trim();
    let like = format!("%{}%", text.replace(['%', '_'], ""));
    let t = today.to_string();
    let sql = format!(
        "{SELECT} WHERE k.received_on BETWEEN ?1 AND ?2{status}
           AND (?4 = '' OR k.complaint_no LIKE ?5 OR k.complainant LIKE ?5 OR k.phone LIKE ?5
                OR v.vin LIKE upper(?5) OR v.plate LIKE upper(?5))
         ORDER BY k.received_on DESC, k.id DESC"
    );
    let mut st = conn.prepare(&sql)?;
    let mut rows: Vec<Complaint> = st
        .query_map(params![from, to, t, text, like], |r| row(r, &t))?
        .collect::<Result<_, _>>()?;
    for c in &mut rows {
        c.steps = steps_of(conn, c.id)?;
    }
    Ok(rows)
}

/// The checked 受理 fields, ready to write.
struct Head {
    received_on: NaiveDate,
    source: &'static str,
    customer_id: Option<i64>,
    complainant: String,
    phone: String,
    vehicle_id: Option<i64>,
    category: &'static str,
    content: String,
    staff_id: Option<i64>,
    owner: String,
    due_on: NaiveDate,
}

fn check(tx: &Connection, input: &ComplaintInput, today: NaiveDate) -> AppResult<Head> {
    let mut f = Fields::new();
    let received_on = if input.received_on.trim().is_empty() {
        Some(today)
    } else {
        f.required_date("receivedOn", "受理日期", &input.received_on, today)
    };
    let source = code_of(&SOURCES, &input.source);
    if source.is_none() {
        f.bad("source", "请选择投诉来源（来人、来电、来函、回访发现）");
    }
    // the customer on file gives the name and phone left empty
    let customer: Option<(i64, String, String)> = match input.customer_id {
        Some(id) => {
            let c = tx
                .query_row("SELECT id, name, mobile FROM customer WHERE id = ?1", [id], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })
                .optional()?;
            if c.is_none() {
                f.bad("customerId", "找不到该客户");
            }
            c
        }
        None => None,
    };
    let mut vehicle_id = None;
    let mut customer_id = customer.as_ref().map(|c| c.0);
    if let Some(vid) = input.vehicle_id {
        let owner: Option<i64> = tx
            .query_row("SELECT customer_id FROM vehicle WHERE id = ?1", [vid], |r| r.get(0))
            .optional()?;
        match (owner, customer_id) {
            (None, _) => f.bad("vehicleId", "找不到该车辆"),
            (Some(o), Some(c)) if o != c => f.bad("vehicleId", "该车辆不属于这位客户"),
            (Some(o), _) => {
                vehicle_id = Some(vid);
                customer_id = Some(o);
            }
        }
    }
    // a vehicle named alone gives its owner
    let customer = match (customer, customer_id) {
        (None, Some(id)) if !f.has("customerId") => tx
            .query_row("SELECT id, name, mobile FROM customer WHERE id = ?1", [id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()?,
        (c, _) => c,
    };
    let complainant = match (&customer, input.complainant.trim()) {
        (Some(c), "") => c.1.clone(),
        _ => f.text("complainant", "投诉人", &input.complainant, 40, true),
    };
    let phone = match (&customer, input.phone.trim()) {
        (Some(c), "") => c.2.clone(),
        (_, p) => {
            let p = crate::form::halfwidth(p);
            if p.chars().count() > 20 {
                f.bad("phone", "联系电话不能超过 20 个字");
            }
            p
        }
    };
    let category = code_of(&COMPLAINTS, &input.category);
    if category.is_none() {
        f.bad("category", "请选择投诉类别");
    }
    let content = f.text("content", "投诉内容", &input.content, 500, true);
    if let Some(sid) = input.staff_id {
        let found = tx
            .query_row("SELECT 1 FROM staff WHERE id = ?1", [sid], |_| Ok(()))
            .optional()?
            .is_some();
        if !found {
            f.bad("staffId", "找不到该员工");
        }
    }
    let owner = f.text("owner", "处理负责人", &input.owner, 20, true);
    let due_on = if input.due_on.trim().is_empty() {
        received_on.map(|r| r + Days::new(DEFAULT_DUE_DAYS))
    } else {
        match crate::dates::parse_date("dueOn", &input.due_on) {
            Ok(d) => Some(d),
            Err(_) => {
                f.bad("dueOn", format!("处理期限「{}」不是日期", input.due_on.trim()));
                None
            }
        }
    };
    f.not_before("dueOn", "处理期限", due_on, "受理日期", received_on);
    if !f.is_empty() {
        return Err(AppError::from_problems(ErrorCode::Validation, f.problems));
    }
    Ok(Head {
        received_on: received_on.expect("checked"),
        source: source.expect("checked"),
        customer_id,
        complainant,
        phone,
        vehicle_id,
        category: category.expect("checked"),
        content,
        staff_id: input.staff_id,
        owner,
        due_on: due_on.expect("checked"),
    })
}

fn insert(tx: &Connection, h: &Head, follow_up_id: Option<i64>) -> AppResult<i64> {
    let prefix = format!("TS-{}-", h.received_on.format("%Y%m"));
    let no = crate::store::next_number(tx, "complaint", "complaint_no", &prefix, 3)?;
    tx.execute(
        "INSERT INTO complaint (complaint_no, received_on, source, follow_up_id, customer_id, complainant, phone,
            vehicle_id, category, content, staff_id, owner, due_on, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        params![
            no,
            h.received_on.to_string(),
            h.source,
            follow_up_id,
            h.customer_id,
            h.complainant,
            h.phone,
            h.vehicle_id,
            h.category,
            h.content,
            h.staff_id,
            h.owner,
            h.due_on.to_string(),
            crate::dates::stamp()
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

/// 受理: records a new complaint.
pub fn open(store: &mut Store, input: &ComplaintInput, today: NaiveDate) -> AppResult<Complaint> {
    let id = store.write(|tx| open_in(tx, input, today))?;
    get(store.conn(), id, today)
}

/// [`open`] inside the caller's transaction; returns the complaint's id.
pub fn open_in(tx: &Connection, input: &ComplaintInput, today: NaiveDate) -> AppResult<i64> {
    insert(tx, &check(tx, input, today)?, None)
}

/// Corrects an open complaint's 受理 fields (its source and the call that
/// found it stay). A closed one is a record of what was done: refused.
pub fn update(store: &mut Store, id: i64, input: &ComplaintInput, today: NaiveDate) -> AppResult<Complaint> {
    let tx = store.conn_mut().transaction()?;
    let (source, closed): (String, Option<String>) = tx
        .query_row("SELECT source, closed_on FROM complaint WHERE id = ?1", [id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?
        .ok_or_else(|| AppError::not_found("找不到该投诉记录"))?;
    if let Some(d) = closed {
        return Err(AppError::invalid(
            "closedOn",
            format!("该投诉已于 {d} 结案，不能再修改"),
        ));
    }
    let first_step: Option<String> = tx.query_row(
        "SELECT min(done_on) FROM complaint_step WHERE complaint_id = ?1",
        [id],
        |r| r.get(0),
    )?;
    let input = ComplaintInput {
        source: source.clone(),
        ..input.clone()
    };
    let h = check(&tx, &input, today)?;
    if let Some(s) = first_step.filter(|s| h.received_on.to_string() > *s) {
        return Err(AppError::invalid(
            "receivedOn",
            format!("受理日期晚于已记录的处理措施（{s}）"),
        ));
    }
    tx.execute(
        "UPDATE complaint SET received_on = ?2, customer_id = ?3, complainant = ?4, phone = ?5, vehicle_id = ?6,
            category = ?7, content = ?8, staff_id = ?9, owner = ?10, due_on = ?11 WHERE id = ?1",
        params![
            id,
            h.received_on.to_string(),
            h.customer_id,
            h.complainant,
            h.phone,
            h.vehicle_id,
            h.category,
            h.content,
            h.staff_id,
            h.owner,
            h.due_on.to_string()
        ],
    )?;
    tx.commit()?;
    get(store.conn(), id, today)
}

/// A follow-up call that recorded a complaint category opens the complaint
/// (回访发现), inside the call's transaction: the customer and vehicle of
/// the call, its note as the content, the caller as the owner. For a repair
/// follow-up the technician on the order is the staff member involved when
/// the roster has exactly one person of that name.
pub fn open_from_follow_up_in(tx: &Connection, follow_up_id: i64) -> AppResult<i64> {
    #[allow(clippy::type_complexity)]
    let (called_on, customer_id, vehicle_id, category, note, operator, technician): (
        String,
        i64,
        Option<i64>,
        String,
        String,
        String,
        Option<String>,
    ) = tx.query_row(
        "SELECT f.called_on, f.customer_id, f.vehicle_id, f.complaint, f.note, f.operator, o.technician
         FROM follow_up f LEFT JOIN repair_order o ON o.id = f.repair_order_id WHERE f.id = ?1",
        [follow_up_id],
        |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ))
        },
    )?;
    let (name, mobile): (String, String) =
        tx.query_row("SELECT name, mobile FROM customer WHERE id = ?1", [customer_id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    let staff_id: Option<i64> = match technician.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => tx.query_row(
            "SELECT CASE WHEN count(*) = 1 THEN min(id) END FROM staff WHERE name = ?1",
            [t],
            |r| r.get(0),
        )?,
        None => None,
    };
    let received_on: NaiveDate = called_on
        .parse()
        .map_err(|_| AppError::invalid("calledOn", "回访日期不对"))?;
    let content = if note.trim().is_empty() {
        format!("回访时客户投诉：{}", complaint_label(&category))
    } else {
        note
    };
    let h = Head {
        received_on,
        source: "follow_up",
        customer_id: Some(customer_id),
        complainant: name,
        phone: mobile,
        vehicle_id,
        category: code_of(&COMPLAINTS, &category).unwrap_or("other"),
        content,
        staff_id,
        owner: operator,
        due_on: received_on + Days::new(DEFAULT_DUE_DAYS),
    };
    insert(tx, &h, Some(follow_up_id))
}

/// 处理措施: records a step taken on an open complaint.
pub fn add_step(store: &mut Store, id: i64, input: &ComplaintStepInput, today: NaiveDate) -> AppResult<Complaint> {
    store.write(|tx| add_step_in(tx, id, input, today))?;
    get(store.conn(), id, today)
}

/// [`add_step`] inside the caller's transaction.
pub fn add_step_in(tx: &Connection, id: i64, input: &ComplaintStepInput, today: NaiveDate) -> AppResult<()> {
    let (received_on, closed): (String, Option<String>) = tx
        .query_row(
            "SELECT received_on, closed_on FROM complaint WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or_else(|| AppError::not_found("找不到该投诉记录"))?;
    let mut f = Fields::new();
    if let Some(d) = closed {
        f.bad("kind", format!("该投诉已于 {d} 结案，不能再记录处理措施"));
    }
    let kind = code_of(&STEPS, &input.kind);
    if kind.is_none() {
        f.bad("kind", "请选择处理措施（致歉、更正、返修、补偿）");
    }
    let done_on = if input.done_on.trim().is_empty() {
        Some(today)
    } else {
        f.required_date("doneOn", "处理日期", &input.done_on, today)
    };
    f.not_before("doneOn", "处理日期", done_on, "受理日期", received_on.parse().ok());
    let note = f.text("note", "处理说明", &input.note, 300, false);
    let amount = f.money("amount", "补偿金额", &input.amount);
    match (kind, amount) {
        (Some("compensation"), None) if !f.has("amount") => f.bad("amount", "补偿请填写金额（元）"),
        (Some(k), Some(_)) if k != "compensation" => f.bad("amount", "只有补偿才填金额"),
        _ => {}
    }
    let operator = f.text("operator", "经办人", &input.operator, 20, true);
    if !f.is_empty() {
        return Err(AppError::from_problems(ErrorCode::Validation, f.problems));
    }
    tx.execute(
        "INSERT INTO complaint_step (complaint_id, kind, done_on, note, amount_fen, operator)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            id,
            kind.expect("checked"),
            done_on.expect("checked").to_string(),
            note,
            amount.map(Money::to_fen),
            operator
        ],
    )?;
    Ok(())
}

/// 结案: the customer's confirmation on a day, after at least one step.
pub fn close(store: &mut Store, id: i64, input: &ComplaintCloseInput, today: NaiveDate) -> AppResult<Complaint> {
    store.write(|tx| close_in(tx, id, input, today))?;
    get(store.conn(), id, today)
}

/// [`close`] inside the caller's transaction.
pub fn close_in(tx: &Connection, id: i64, input: &ComplaintCloseInput, today: NaiveDate) -> AppResult<()> {
    let (received_on, closed): (String, Option<String>) = tx
        .query_row(
            "SELECT received_on, closed_on FROM complaint WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or_else(|| AppError::not_found("找不到该投诉记录"))?;
    let last_step: Option<String> = tx.query_row(
        "SELECT max(done_on) FROM complaint_step WHERE complaint_id = ?1",
        [id],
        |r| r.get(0),
    )?;
    let mut f = Fields::new();
    if let Some(d) = closed {
        f.bad("closedOn", format!("该投诉已于 {d} 结案"));
    }
    if last_step.is_none() {
        f.bad("closedOn", "还没有记录任何处理措施（致歉、更正、返修或补偿），不能结案");
    }
    let closed_on = if input.closed_on.trim().is_empty() {
        Some(today)
    } else {
        f.required_date("closedOn", "结案日期", &input.closed_on, today)
    };
    f.not_before("closedOn", "结案日期", closed_on, "受理日期", received_on.parse().ok());
    f.not_before(
        "closedOn",
        "结案日期",
        closed_on,
        "最后一项处理措施",
        last_step.as_deref().and_then(|d| d.parse().ok()),
    );
    let confirmation = code_of(&CONFIRMATIONS, &input.confirmation);
    if confirmation.is_none() {
        f.bad("confirmation", "请选择客户确认的结果（满意、接受、不满意）");
    }
    let note = f.text("note", "结案说明", &input.note, 300, false);
    if !f.is_empty() {
        return Err(AppError::from_problems(ErrorCode::Validation, f.problems));
    }
    tx.execute(
        "UPDATE complaint SET closed_on = ?2, confirmation = ?3, close_note = ?4 WHERE id = ?1",
        params![id, closed_on.expect("checked").to_string(), confirmation, note],
    )?;
    Ok(())
}

/// A count under a name (a category or a staff member).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct NamedCount {
    pub name: String,
    pub count: i64,
}

/// 投诉统计: a month's complaints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ComplaintMonth {
    pub month: String,
    /// 受理 in the month
    pub received: i64,
    /// of them, 回访发现
    pub from_follow_ups: i64,
    /// 结案 in the month, and of them by their due date
    pub closed: i64,
    pub closed_on_time: i64,
    /// the days the month's closings took, on average (one decimal), None
    /// when none closed
    pub average_days: Option<String>,
    /// closed with the customer 不满意
    pub closed_unsatisfied: i64,
    /// received in the month by category, every category listed
    pub by_category: Vec<NamedCount>,
    /// received in the month by the staff member involved, the most first;
    /// those naming nobody are not listed
    pub by_staff: Vec<NamedCount>,
    /// open at the month's end (or today, for the current month)
    pub open_at_end: i64,
}

/// The month's counts: by category, by staff member, closings and days.
pub fn month_summary(conn: &Connection, month: Month, today: NaiveDate) -> AppResult<ComplaintMonth> {
    let (a, b) = (month.first_day().to_string(), month.last_day().to_string());
    let end = month.last_day().min(today).to_string();
    let (received, from_follow_ups): (i64, i64) = conn.query_row(
        "SELECT count(*), count(follow_up_id) FROM complaint WHERE received_on BETWEEN ?1 AND ?2",
        [&a, &b],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    // whole days between two dates: julianday's difference is exact for
    // days at midnight, and is made an integer in SQL before it is summed
    let (closed, on_time, days, unsatisfied): (i64, i64, i64, i64) = conn.query_row(
        "SELECT count(*), count(CASE WHEN closed_on <= due_on THEN 1 END),
                coalesce(sum(CAST(julianday(closed_on) - julianday(received_on) AS INTEGER)), 0),
                count(CASE WHEN confirmation = 'unsatisfied' THEN 1 END)
         FROM complaint WHERE closed_on BETWEEN ?1 AND ?2",
        [&a, &b],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    let average_days = super::satisfaction::average(days, closed);
    // received by category, every category listed (one statement)
    let mut st =
        conn.prepare("SELECT category, count(*) FROM complaint WHERE received_on BETWEEN ?1 AND ?2 GROUP BY category")?;
    let counted: std::collections::HashMap<String, i64> = st
        .query_map([&a, &b], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let by_category = COMPLAINTS
        .iter()
        .map(|(code, l)| NamedCount {
            name: l.to_string(),
            count: counted.get(*code).copied().unwrap_or(0),
        })
        .collect();
    let mut st = conn.prepare(
        "SELECT s.name, count(*) AS n FROM complaint k JOIN staff s ON s.id = k.staff_id
         WHERE k.received_on BETWEEN ?1 AND ?2 GROUP BY s.id ORDER BY n DESC, s.name",
    )?;
    let by_staff = st
        .query_map([&a, &b], |r| {
            Ok(NamedCount {
                name: r.get(0)?,
                count: r.get(1)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    let open_at_end: i64 = conn.query_row(
        "SELECT count(*) FROM complaint WHERE received_on <= ?1 AND (closed_on IS NULL OR closed_on > ?1)",
        [&end],
        |r| r.get(0),
    )?;
    Ok(ComplaintMonth {
        month: month.iso(),
        received,
        from_follow_ups,
        closed,
        closed_on_time: on_time,
        average_days,
        closed_unsatisfied: unsatisfied,
        by_category,
        by_staff,
        open_at_end,
    })
}

/// The to-do's counts: open complaints, and of them past their due date.
pub fn open_counts(conn: &Connection, today: NaiveDate) -> AppResult<(i64, i64)> {
    Ok(conn.query_row(
        "SELECT count(*), count(CASE WHEN due_on < ?1 THEN 1 END) FROM complaint WHERE closed_on IS NULL",
        [today.to_string()],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

/// The register as listed, as .xlsx: a row per complaint with its steps in
/// one cell; returns how many.
pub fn export(conn: &Connection, q: &ComplaintQuery, today: NaiveDate, path: &std::path::Path) -> AppResult<usize> {
    const COLUMNS: &[(&str, u16)] = &[
        ("投诉单号", 15),
        ("受理日期", 12),
        ("来源", 9),
        ("投诉人", 10),
        ("电话", 13),
        ("车牌号", 10),
        ("车架号", 20),
        ("类别", 10),
        ("投诉内容", 30),
        ("涉及员工", 10),
        ("负责人", 10),
        ("处理期限", 12),
        ("处理措施", 36),
        ("状态", 8),
        ("结案日期", 12),
        ("客户确认", 9),
        ("用时（天）", 10),
    ];
    let rows: Vec<Vec<String>> = list(conn, q, today)?
        .into_iter()
        .map(|c| {
            let steps: Vec<String> = c
                .steps
                .iter()
                .map(|s| {
                    let mut t = format!("{} {}", s.done_on, s.kind_label);
                    if let Some(a) = s.amount {
                        t.push_str(&format!(" {a} 元"));
                    }
                    if !s.note.is_empty() {
                        t.push_str(&format!("：{}", s.note));
                    }
                    t
                })
                .collect();
            vec![
                c.complaint_no,
                c.received_on,
                c.source_label.to_string(),
                c.complainant,
                c.phone,
                c.plate,
                c.vin,
                c.category_label.to_string(),
                c.content,
                c.staff_name,
                c.owner,
                c.due_on,
                steps.join("；"),
                c.status_label.to_string(),
                c.closed_on.unwrap_or_default(),
                c.confirmation_label.to_string(),
                c.days_taken.map(|d| d.to_string()).unwrap_or_default(),
            ]
        })
        .collect();
    let n = rows.len();
    crate::sheet::write_table(path, "投诉登记", COLUMNS, &rows)?;
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::customers::follow_up::{self, FollowUpInput};
    use crate::customers::testkit::{day, sell};
    use crate::staff::roster::{self, StaffInput};

    fn staff(s: &mut Store, name: &str) -> i64 {
        roster::save(
            s,
            None,
            &StaffInput {
                name: name.into(),
                active: true,
                posts: vec!["J".into()],
                ..Default::default()
            },
            day("2026-11-01"),
        )
        .unwrap()
        .id
    }

    #[test]
    fn a_complaint_from_entry_through_its_steps_to_closing() {
        let today = day("2026-11-20");
        let mut s = Store::open_in_memory().unwrap();
        let v = sell(&mut s, "李秀英", "13900000002", 2, "2026-05-01");
        let li = staff(&mut s, "李师傅");
        let c = open(
            &mut s,
            &ComplaintInput {
                received_on: "2026-11-16".into(),
                source: "来电".into(),
                vehicle_id: Some(v),
                category: "attitude".into(),
                content: "接车时态度冷淡，没有解释等候时间".into(),
                staff_id: Some(li),
                owner: "张经理".into(),
                ..Default::default()
            },
            today,
        )
        .unwrap();
        // the vehicle names its customer; name and phone from the file;
        // due three days after 受理, already past today
        assert_eq!(
            (
                c.complaint_no.as_str(),
                c.complainant.as_str(),
                c.phone.as_str(),
                c.due_on.as_str(),
                c.staff_name.as_str(),
                c.source_label,
                c.status_label
            ),
            (
                "TS-202611-001",
                "李秀英",
                "13900000002",
                "2026-11-19",
                "李师傅",
                "来电",
                "已逾期"
            )
        );
        assert_eq!(open_counts(s.conn(), today).unwrap(), (1, 1));

        // closing before any step is refused, as is a compensation without
        // its amount or a step dated before 受理
        let close_in = ComplaintCloseInput {
            closed_on: "2026-11-20".into(),
            confirmation: "satisfied".into(),
            note: String::new(),
        };
        let e = close(&mut s, c.id, &close_in, today).unwrap_err();
        assert!(e.problems[0].message.contains("还没有记录任何处理措施"), "{e:?}");
        let e = add_step(
            &mut s,
            c.id,
            &ComplaintStepInput {
                kind: "compensation".into(),
                done_on: "2026-11-15".into(),
                operator: "张经理".into(),
                ..Default::default()
            },
            today,
        )
        .unwrap_err();
        let fields: Vec<_> = e.problems.iter().map(|p| p.field.clone().unwrap()).collect();
        assert_eq!(fields, ["doneOn", "amount"]);
        assert!(get(s.conn(), c.id, today).unwrap().steps.is_empty());

        add_step(
            &mut s,
            c.id,
            &ComplaintStepInput {
                kind: "致歉".into(),
                done_on: "2026-11-17".into(),
                note: "电话致歉".into(),
                operator: "张经理".into(),
                ..Default::default()
            },
            today,
        )
        .unwrap();
        let c = add_step(
            &mut s,
            c.id,
            &ComplaintStepInput {
                kind: "compensation".into(),
                done_on: "2026-11-18".into(),
                amount: "50".into(),
                note: "赠送保养券".into(),
                operator: "张经理".into(),
            },
            today,
        )
        .unwrap();
        assert_eq!(
            c.steps
                .iter()
                .map(|x| (x.kind_label, x.amount.map(|a| a.to_fen())))
                .collect::<Vec<_>>(),
            [("致歉", None), ("补偿", Some(5000))]
        );
        // closed before the last step: refused; then closed, 4 days taken
        let early = ComplaintCloseInput {
            closed_on: "2026-11-17".into(),
            ..close_in.clone()
        };
        assert!(close(&mut s, c.id, &early, today).is_err());
        let c = close(&mut s, c.id, &close_in, today).unwrap();
        assert_eq!(
            (
                c.closed_on.as_deref(),
                c.days_taken,
                c.status_label,
                c.confirmation_label
            ),
            (Some("2026-11-20"), Some(4), "已结案", "满意")
        );
        assert_eq!(open_counts(s.conn(), today).unwrap(), (0, 0));
        // a closed complaint takes no more steps and no corrections
        assert!(close(&mut s, c.id, &close_in, today).is_err());
        assert!(update(
            &mut s,
            c.id,
            &ComplaintInput {
                content: "改".into(),
                ..Default::default()
            },
            today
        )
        .is_err());
    }

    #[test]
    fn bad_entries_are_refused_whole() {
        let today = day("2026-11-20");
        let mut s = Store::open_in_memory().unwrap();
        let v = sell(&mut s, "李秀英", "13900000002", 2, "2026-05-01");
        let other = sell(&mut s, "王建国", "13800000001", 3, "2026-05-01");
        let wang: i64 = s
            .conn()
            .query_row("SELECT customer_id FROM vehicle WHERE id = ?1", [other], |r| r.get(0))
            .unwrap();
        let e = open(
            &mut s,
            &ComplaintInput {
                received_on: "2026-11-21".into(),
                source: "托梦".into(),
                customer_id: Some(wang),
                vehicle_id: Some(v),
                category: String::new(),
                content: " ".into(),
                staff_id: Some(99),
                owner: String::new(),
                due_on: "2026-11-01".into(),
                ..Default::default()
            },
            today,
        )
        .unwrap_err();
        let fields: Vec<_> = e.problems.iter().map(|p| p.field.clone().unwrap()).collect();
        assert_eq!(
            fields,
            [
                "receivedOn",
                "source",
                "vehicleId",
                "category",
                "content",
                "staffId",
                "owner"
            ]
        );
        // someone not on file must give a name
        let e = open(
            &mut s,
            &ComplaintInput {
                source: "walk_in".into(),
                category: "price".into(),
                content: "配件比别家贵".into(),
                owner: "张经理".into(),
                ..Default::default()
            },
            today,
        )
        .unwrap_err();
        assert_eq!(e.problems[0].field.as_deref(), Some("complainant"));
        let n: i64 = s
            .conn()
            .query_row("SELECT count(*) FROM complaint", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 0);
    }

    #[test]
    fn a_follow_up_with_a_complaint_opens_one() {
        let today = day("2026-11-20");
        let mut s = Store::open_in_memory().unwrap();
        let v = sell(&mut s, "李秀英", "13900000002", 2, "2026-11-01");
        let cust: i64 = s
            .conn()
            .query_row("SELECT customer_id FROM vehicle WHERE id = ?1", [v], |r| r.get(0))
            .unwrap();
        let call = |complaint: &str, note: &str| FollowUpInput {
            customer_id: Some(cust),
            vehicle_id: Some(v),
            reason: "sale".into(),
            called_on: "2026-11-19".into(),
            effective: true,
            satisfaction: "2".into(),
            complaint: complaint.into(),
            note: note.into(),
            operator: "赵内勤".into(),
            ..Default::default()
        };
        follow_up::record(&mut s, &call("", "满意"), today).unwrap();
        let f = follow_up::record(&mut s, &call("waiting", ""), today).unwrap();
        let all = list(s.conn(), &ComplaintQuery::default(), today).unwrap();
        assert_eq!(all.len(), 1, "only the call with a complaint opens one");
        let c = &all[0];
        assert_eq!(
            (
                c.source_label,
                c.follow_up_id,
                c.category_label,
                c.content.as_str(),
                c.owner.as_str(),
                c.received_on.as_str(),
                c.vin.is_empty()
            ),
            (
                "回访发现",
                Some(f.id),
                "等候时间",
                "回访时客户投诉：等候时间",
                "赵内勤",
                "2026-11-19",
                false
            )
        );
    }

    #[test]
    fn the_months_counts_by_category_and_person() {
        let today = day("2026-12-03");
        let mut s = Store::open_in_memory().unwrap();
        let li = staff(&mut s, "李师傅");
        let wu = staff(&mut s, "吴接待");
        let mut ids = Vec::new();
        // 4 in November: 2 attitude (李, 吴), 1 waiting (李), 1 price (nobody);
        // one in October still open at November's end
        for (on, cat, who) in [
            ("2026-10-30", "quality", None),
            ("2026-11-02", "attitude", Some(li)),
            ("2026-11-10", "attitude", Some(wu)),
            ("2026-11-12", "waiting", Some(li)),
            ("2026-11-28", "price", None),
        ] {
            let c = open(
                &mut s,
                &ComplaintInput {
                    received_on: on.into(),
                    source: "walk_in".into(),
                    complainant: "来店客户".into(),
                    category: cat.into(),
                    content: "投诉".into(),
                    staff_id: who,
                    owner: "张经理".into(),
                    ..Default::default()
                },
                today,
            )
            .unwrap();
            ids.push(c.id);
        }
        // closings in November: 2 days (on time), 6 days (late, 不满意), 3 days (on time)
        for (i, step_on, closed_on, conf) in [
            (1, "2026-11-03", "2026-11-04", "satisfied"),
            (2, "2026-11-12", "2026-11-16", "unsatisfied"),
            (3, "2026-11-13", "2026-11-15", "accepted"),
        ] {
            add_step(
                &mut s,
                ids[i],
                &ComplaintStepInput {
                    kind: "apology".into(),
                    done_on: step_on.into(),
                    operator: "张经理".into(),
                    ..Default::default()
                },
                today,
            )
            .unwrap();
            close(
                &mut s,
                ids[i],
                &ComplaintCloseInput {
                    closed_on: closed_on.into(),
                    confirmation: conf.into(),
                    note: String::new(),
                },
                today,
            )
            .unwrap();
        }
        let m = month_summary(s.conn(), Month::parse("2026-11").unwrap(), today).unwrap();
        assert_eq!(
            (m.received, m.closed, m.closed_on_time, m.closed_unsatisfied),
            (4, 3, 2, 1)
        );
        // (2 + 6 + 3) / 3 = 3.67 → 3.7
        assert_eq!(m.average_days.as_deref(), Some("3.7"));
        let cats: Vec<(&str, i64)> = m.by_category.iter().map(|c| (c.name.as_str(), c.count)).collect();
        assert_eq!(
            cats,
            [
                ("服务态度", 2),
                ("产品质量", 0),
                ("价格", 1),
                ("等候时间", 1),
                ("其他", 0)
            ]
        );
        let people: Vec<(&str, i64)> = m.by_staff.iter().map(|c| (c.name.as_str(), c.count)).collect();
        assert_eq!(people, [("李师傅", 2), ("吴接待", 1)]);
        // open at November's end: October's quality one and the 28th's price one
        assert_eq!(m.open_at_end, 2);

        // once November is closed (月结) its complaints stay as counted
        s.conn()
            .execute(
                "INSERT INTO month_closing (month, closed_at, closed_by, figures, checklist) VALUES ('2026-11', 'x', 'x', '[]', '[]')",
                [],
            )
            .unwrap();
        let e = update(
            &mut s,
            ids[4],
            &ComplaintInput {
                received_on: "2026-11-28".into(),
                complainant: "来店客户".into(),
                category: "other".into(),
                content: "投诉".into(),
                owner: "张经理".into(),
                ..Default::default()
            },
            today,
        )
        .unwrap_err();
        assert!(e.message.contains("月结"), "{e:?}");
        // work on it goes on in December
        add_step(
            &mut s,
            ids[4],
            &ComplaintStepInput {
                kind: "correction".into(),
                done_on: "2026-12-02".into(),
                operator: "张经理".into(),
                ..Default::default()
            },
            today,
        )
        .unwrap();
    }
}
