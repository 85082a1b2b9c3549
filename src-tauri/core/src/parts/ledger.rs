//! 出入库台账：the stock ledger.
//!
//! Every change of stock is a dated [`Movement`]. Posting one updates the
//! part's on-hand quantity and book value in the same transaction; stock can
//! never go below zero. Movements are never edited or deleted (the database
//! refuses it); a mistake is corrected by [`reverse`], a counter-movement.
//!
//! Valuation is moving-average: the part keeps its total book value; an
//! issue of `q` of `n` pieces takes `value × q ÷ n` (rounded to the fen, half
//! away from zero; the last piece takes whatever value is left), so the
//! stock value is always exactly the sum of the movements' values.
//!
//! Movements of a part are posted in date order: a date earlier than the
//! part's latest movement is refused, so each movement's stored balance is
//! the true balance on its date and past month ends can be read back.

use std::str::FromStr;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::catalog::{self, Part, MAX_QTY};
use crate::dates::{self, date_label};
use crate::error::{AppError, AppResult, ErrorCode, Problem};
use crate::money::Money;
use crate::store::Store;

/// 出入库类型.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub enum MovementKind {
    /// 采购入库: receipt from the factory, at its purchase cost
    Receipt,
    /// 销售出库: cash sale over the counter, with the cash received
    Sale,
    /// 维修领用: issue to a repair
    Repair,
    /// 三包更换: issue for a warranty replacement
    Warranty,
    /// 经销商发货: shipment to a sub-dealer, with the cash received
    Dealer,
    /// 盘盈: stocktake gain
    Gain,
    /// 盘亏: stocktake loss
    Loss,
    /// 退厂: return to the factory
    Return,
}

impl MovementKind {
    /// Every kind, in the order the forms offer them.
    pub const ALL: [MovementKind; 8] = [
        MovementKind::Receipt,
        MovementKind::Sale,
        MovementKind::Repair,
        MovementKind::Warranty,
        MovementKind::Dealer,
        MovementKind::Return,
        MovementKind::Gain,
        MovementKind::Loss,
    ];

    pub fn code(self) -> &'static str {
        match self {
            MovementKind::Receipt => "receipt",
            MovementKind::Sale => "sale",
            MovementKind::Repair => "repair",
            MovementKind::Warranty => "warranty",
            MovementKind::Dealer => "dealer",
            MovementKind::Gain => "gain",
            MovementKind::Loss => "loss",
            MovementKind::Return => "return",
        }
    }

    pub fn from_code(s: &str) -> Option<MovementKind> {
        MovementKind::ALL.into_iter().find(|k| k.code() == s || k.label() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            MovementKind::Receipt => "采购入库",
            MovementKind::Sale => "销售出库",
            MovementKind::Repair => "维修领用",
            MovementKind::Warranty => "三包更换",
            MovementKind::Dealer => "经销商发货",
            MovementKind::Gain => "盘盈",
            MovementKind::Loss => "盘亏",
            MovementKind::Return => "退厂",
        }
    }

    /// Whether it brings stock in (receipt, gain) or takes it out.
    pub fn is_inflow(self) -> bool {
        matches!(self, MovementKind::Receipt | MovementKind::Gain)
    }

    /// 动销: the issues that count as the part moving (for 滞销率).
    pub fn is_sales_issue(self) -> bool {
        matches!(
            self,
            MovementKind::Sale | MovementKind::Repair | MovementKind::Warranty | MovementKind::Dealer
        )
    }
}

/// One line of the ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Movement {
    pub id: i64,
    pub part_id: i64,
    pub moved_on: String,
    pub kind: MovementKind,
    pub kind_label: &'static str,
    pub qty: i64,
    /// signed change of on-hand
    pub delta: i64,
    /// signed change of book value
    pub value: Money,
    pub cash: Money,
    /// balance after this movement
    pub balance_qty: i64,
    pub balance_value: Money,
    pub operator: String,
    pub note: String,
    /// the movement this one reverses (冲销)
    pub reverses_id: Option<i64>,
    /// the movement that reversed this one
    pub reversed_by: Option<i64>,
}

/// A movement's own columns, as [`movement_from_row`] reads them (the 14th,
/// the movement that reversed it, follows).
macro_rules! movement_fields {
    () => {
        "m.id, m.part_id, m.moved_on, m.kind, m.qty, m.delta, m.value_fen, m.cash_fen,
    m.balance_qty, m.balance_value_fen, m.operator, m.note, m.reverses_id"
    };
}

const MOVEMENT_COLUMNS: &str = concat!(
    movement_fields!(),
    ", (SELECT r.id FROM stock_movement r WHERE r.reverses_id = m.id)"
);

fn movement_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Movement> {
    let kind_code: String = r.get(3)?;
    let kind = MovementKind::from_code(&kind_code).ok_or(rusqlite::Error::InvalidColumnType(
        3,
        "kind".into(),
        rusqlite::types::Type::Text,
    ))?;
    Ok(Movement {
        id: r.get(0)?,
        part_id: r.get(1)?,
        moved_on: r.get(2)?,
        kind,
        kind_label: kind.label(),
        qty: r.get(4)?,
        delta: r.get(5)?,
        value: r.get(6)?,
        cash: r.get(7)?,
        balance_qty: r.get(8)?,
        balance_value: r.get(9)?,
        operator: r.get(10)?,
        note: r.get(11)?,
        reverses_id: r.get(12)?,
        reversed_by: r.get(13)?,
    })
}

/// A movement as typed in the receipt/issue forms (or scanned): all text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "camelCase", default)]
pub struct MovementInput {
    /// 配件编号 (typed or scanned)
    pub part_no: String,
    /// a [`MovementKind`] code
    pub kind: String,
    pub qty: String,
    /// YYYY-MM-DD; empty means today
    pub date: String,
    /// 单价 for a receipt (purchase cost); empty means the part's cost price
    pub unit_cost: String,
    /// 实收金额 for a cash sale or a sub-dealer shipment; empty means quantity × 限价
    pub cash: String,
    pub operator: String,
    pub note: String,
}

/// 新出入库: a movement to post, typed. [`MovementInput`] (the forms', the
/// scanner's and the workbook's text) is parsed into one; core's own modules
/// (a repair order's or a claim's parts, a stocktake's differences, an
/// order's shipment) build one directly, with the part they already hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMovement {
    pub part_id: i64,
    pub kind: MovementKind,
    pub qty: i64,
    pub date: NaiveDate,
    /// 单价 of a receipt (purchase cost); None = the part's cost price
    pub unit_cost: Option<Money>,
    /// 实收金额 of a cash sale or a sub-dealer shipment; None = quantity × 限价
    pub cash: Option<Money>,
    pub operator: String,
    pub note: String,
}

impl NewMovement {
    /// A movement of `qty` of a part on `date`, with no price given.
    pub fn new(part_id: i64, kind: MovementKind, qty: i64, date: NaiveDate, operator: &str, note: String) -> Self {
        NewMovement {
            part_id,
            kind,
            qty,
            date,
            unit_cost: None,
            cash: None,
            operator: operator.trim().to_string(),
            note,
        }
    }
}

/// What the ledger writes for one movement.
struct Posting {
    part: Part,
    kind: MovementKind,
    qty: i64,
    date: NaiveDate,
    unit_cost: Option<Money>,
    cash: Money,
    operator: String,
    note: String,
    /// whether stock comes in (a receipt, a gain, an issue's reversal)
    inflow: bool,
    /// the value an inflow brings, when fixed (an issue's reversal)
    fixed_value: Option<Money>,
    /// the movement this one reverses
    reverses: Option<i64>,
}

/// A quantity as typed: a positive whole number within [`MAX_QTY`].
pub fn parse_qty(text: &str) -> Result<i64, String> {
    let t = text.trim();
    if t.is_empty() {
        return Err("请填写数量".into());
    }
    match t.parse::<i64>() {
        Ok(n) if n <= 0 => Err("数量须为正整数（更正错误请用冲销）".into()),
        Ok(n) if n > MAX_QTY => Err("数量超出允许范围".into()),
        Ok(n) => Ok(n),
        Err(_) => Err(format!("数量须为正整数，「{t}」不是")),
    }
}

/// A part number as typed or scanned: the catalogue's part.
pub fn parse_part(conn: &Connection, part_no: &str) -> AppResult<Result<Part, Problem>> {
    if part_no.trim().is_empty() {
        return Ok(Err(Problem::field("partNo", "请填写或扫描配件编号")));
    }
    Ok(catalog::find_by_no(conn, part_no)?.ok_or_else(|| {
        Problem::field(
            "partNo",
            format!("没有编号为「{}」的配件", catalog::normalize_part_no(part_no)),
        )
    }))
}

/// The form's text checked against the part and today, every problem at
/// once: parsed into a [`NewMovement`], then held to the ledger's [`rules`].
fn validate(conn: &Connection, input: &MovementInput, today: NaiveDate) -> AppResult<Posting> {
    let mut p = Vec::new();
    let kind = MovementKind::from_code(input.kind.trim());
    if kind.is_none() {
        p.push(Problem::field("kind", "请选择出入库类型"));
    }
    let part = parse_part(conn, &input.part_no)?.map_err(|e| p.push(e)).ok();
    let qty = parse_qty(&input.qty).map_err(|m| p.push(Problem::field("qty", m))).ok();
    let date = if input.date.trim().is_empty() {
        Some(today)
    } else {
        match dates::parse_date("date", &input.date) {
            Ok(d) => match dates::not_in_future("date", "出入库日期", d, today) {
                Ok(()) => Some(d),
                Err(e) => {
                    p.extend(e.problems);
                    None
                }
            },
            Err(e) => {
                p.extend(e.problems);
                None
            }
        }
    };
    let money = |p: &mut Vec<Problem>, field: &str, label: &str, v: &str| -> Option<Money> {
        if v.trim().is_empty() {
            return None;
        }
        match Money::from_str(v) {
            Ok(m) if m.is_negative() => {
                p.push(Problem::field(field, format!("{label}不能为负数")));
                None
            }
            Ok(m) => Some(m),
            Err(e) => {
                p.push(Problem::field(field, format!("{label}：{}", e.0)));
                None
            }
        }
    };
    let unit_cost = money(&mut p, "unitCost", "单价", &input.unit_cost);
    let cash = money(&mut p, "cash", "实收金额", &input.cash);
    let operator = input.operator.trim().to_string();
    if operator.is_empty() {
        p.push(Problem::field("operator", "请填写经办人"));
    }
    let typed = match (part, kind, qty, date) {
        (Some(part), Some(kind), Some(qty), Some(date)) => {
            let m = NewMovement {
                part_id: part.id,
                kind,
                qty,
                date,
                unit_cost,
                cash,
                operator,
                note: input.note.clone(),
            };
            p.extend(rules(&part, &m));
            Some((part, m))
        }
        _ => None,
    };
    if !p.is_empty() {
        return Err(AppError::from_problems(ErrorCode::Validation, p));
    }
    let (part, m) = typed.expect("checked");
    posting(part, &m)
}

/// A typed movement checked against its part and today, every problem at
/// once (what [`validate`] checks of the text, less the parsing).
fn check(conn: &Connection, m: &NewMovement, today: NaiveDate) -> AppResult<Posting> {
    let part = catalog::get(conn, m.part_id)?;
    let mut p = Vec::new();
    if m.qty <= 0 || m.qty > MAX_QTY {
        p.push(Problem::field("qty", "数量须为正整数（更正错误请用冲销）"));
    }
    if let Err(e) = dates::not_in_future("date", "出入库日期", m.date, today) {
        p.extend(e.problems);
    }
    if m.unit_cost.is_some_and(Money::is_negative) {
        p.push(Problem::field("unitCost", "单价不能为负数"));
    }
    if m.cash.is_some_and(Money::is_negative) {
        p.push(Problem::field("cash", "实收金额不能为负数"));
    }
    if m.operator.trim().is_empty() {
        p.push(Problem::field("operator", "请填写经办人"));
    }
    p.extend(rules(&part, m));
    if !p.is_empty() {
        return Err(AppError::from_problems(ErrorCode::Validation, p));
    }
    posting(part, m)
}

/// The ledger's rules for a movement of `part`: the part in use, enough on
/// hand for an issue, and no date before the part's latest movement.
fn rules(part: &Part, m: &NewMovement) -> Vec<Problem> {
    let mut p = Vec::new();
    if !part.active {
        p.push(Problem::field(
            "partNo",
            format!("配件「{}」已停用，不能出入库", part.name),
        ));
    }
    if !m.kind.is_inflow() && m.qty > part.on_hand {
        p.push(Problem::field(
            "qty",
            format!(
                "库存不足：{} 现有 {} {}，不能出库 {} {}",
                part.name, part.on_hand, part.unit, m.qty, part.unit
            ),
        ));
    }
    if let Some(last) = part.last_movement_on.as_deref() {
        if m.date.format("%Y-%m-%d").to_string().as_str() < last {
            let last_d = NaiveDate::parse_from_str(last, "%Y-%m-%d")
                .map(date_label)
                .unwrap_or(last.to_string());
            p.push(Problem::field(
                "date",
                format!("日期早于该配件最近一笔出入库（{last_d}）；出入库须按发生顺序登记"),
            ));
        }
    }
    p
}

/// What the ledger writes for a checked movement: a receipt's cost and a
/// sale's cash filled in from the part when not given.
fn posting(part: Part, m: &NewMovement) -> AppResult<Posting> {
    let cash = if matches!(m.kind, MovementKind::Sale | MovementKind::Dealer) {
        match m.cash {
            Some(c) => c,
            None => part
                .retail_price
                .times(m.qty)
                .ok_or_else(|| AppError::invalid("cash", "金额超出允许范围"))?,
        }
    } else {
        Money::ZERO
    };
    Ok(Posting {
        unit_cost: if m.kind == MovementKind::Receipt {
            Some(m.unit_cost.unwrap_or(part.cost_price))
        } else {
            None
        },
        part,
        kind: m.kind,
        qty: m.qty,
        date: m.date,
        cash,
        operator: m.operator.trim().to_string(),
        note: m.note.trim().chars().take(200).collect(),
        inflow: m.kind.is_inflow(),
        fixed_value: None,
        reverses: None,
    })
}

/// Book value of taking `qty` out of `on_hand` pieces worth `value`.
fn issue_value(value: Money, on_hand: i64, qty: i64) -> Money {
    if qty >= on_hand {
        value
    } else {
        Money::round_from(value.as_decimal() * Decimal::from(qty) / Decimal::from(on_hand))
    }
}

/// Writes a validated posting inside an open transaction.
fn write(conn: &Connection, ps: &Posting) -> AppResult<Movement> {
    // re-read inside the transaction: the stock may have changed since validation
    let part = catalog::get(conn, ps.part.id)?;
    let (delta, value) = if ps.inflow {
        let value = match (ps.fixed_value, ps.unit_cost) {
            (Some(v), _) => v,
            (None, Some(c)) => c
                .times(ps.qty)
                .ok_or_else(|| AppError::invalid("unitCost", "金额超出允许范围"))?,
            (None, None) => Money::round_from(
                catalog::average_cost(part.stock_value, part.on_hand, part.cost_price).as_decimal()
                    * Decimal::from(ps.qty),
            ),
        };
        (ps.qty, value)
    } else {
        if ps.qty > part.on_hand {
            return Err(AppError::invalid(
                "qty",
                format!(
                    "库存不足：{} 现有 {} {}，不能出库 {} {}",
                    part.name, part.on_hand, part.unit, ps.qty, part.unit
                ),
            ));
        }
        (-ps.qty, -issue_value(part.stock_value, part.on_hand, ps.qty))
    };
    let balance_qty = part.on_hand + delta;
    let balance_value = part.stock_value + value;
    if balance_value.is_negative() || (balance_qty == 0 && !balance_value.is_zero()) {
        return Err(AppError::new(
            ErrorCode::Conflict,
            format!(
                "{}的库存金额将不一致（数量 {balance_qty}，金额 {}），未记账",
                part.name,
                balance_value.display_cny()
            ),
        ));
    }
    let date = ps.date.format("%Y-%m-%d").to_string();
    let now = crate::dates::stamp();
    let issue = ps.kind.is_sales_issue() && ps.reverses.is_none();
    // the part's latest 动销 as of this movement; a reversed issue is no
    // movement, so reversing one falls back to the latest issue still
    // standing (docs/domain.md, indicator 7)
    let issue_as_of = if issue {
        Some(date.clone())
    } else if let (Some(reversed), true) = (ps.reverses, ps.kind.is_sales_issue()) {
        conn.query_row(
            "SELECT max(m.moved_on) FROM stock_movement m
             WHERE m.part_id = ?1 AND m.kind IN ('sale', 'repair', 'warranty', 'dealer')
               AND m.reverses_id IS NULL AND m.id <> ?2
               AND NOT EXISTS (SELECT 1 FROM stock_movement r WHERE r.reverses_id = m.id)",
            params![part.id, reversed],
            |r| r.get(0),
        )?
    } else {
        part.last_issue_on.clone()
    };
    conn.execute(
        "INSERT INTO stock_movement (part_id, moved_on, kind, qty, delta, value_fen, cash_fen, balance_qty,
            balance_value_fen, operator, note, reverses_id, created_at, issue_as_of)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        params![
            part.id,
            date,
            ps.kind.code(),
            ps.qty,
            delta,
            value,
            ps.cash,
            balance_qty,
            balance_value,
            ps.operator,
            ps.note,
            ps.reverses,
            now,
            issue_as_of
        ],
    )?;
    let id = conn.last_insert_rowid();
    conn.execute(
        "UPDATE part SET on_hand = ?2, stock_value_fen = ?3, last_movement_on = ?4,
            last_issue_on = ?5
         WHERE id = ?1",
        params![part.id, balance_qty, balance_value, date, issue_as_of],
    )?;
    get(conn, id)
}

/// Posts one movement (validated against today's date) in its own transaction.
/// A sub-dealer shipment (经销商发货) is not posted here: it belongs to an
/// order and is charged to its outlet (orders.rs, receivables.rs).
pub fn post(store: &mut Store, input: &MovementInput) -> AppResult<Movement> {
    if input.kind.trim() == MovementKind::Dealer.code() {
        return Err(AppError::invalid(
            "kind",
            "经销商发货请在「经销商订单」里对订单发货（货款记到经销商名下）",
        ));
    }
    post_on(store, input, dates::today())
}

/// [`post`] with an explicit "today" (tests, the demo generator).
pub fn post_on(store: &mut Store, input: &MovementInput, today: NaiveDate) -> AppResult<Movement> {
    let tx = store
        .conn_mut()
        .transaction_with_behavior(TransactionBehavior::Immediate)?;
    let posting = validate(&tx, input, today)?;
    let m = write(&tx, &posting)?;
    tx.commit()?;
    Ok(m)
}

/// Posts the form's text inside a transaction the caller holds.
pub fn post_in(conn: &Connection, input: &MovementInput, today: NaiveDate) -> AppResult<Movement> {
    let posting = validate(conn, input, today)?;
    write(conn, &posting)
}

/// Posts a typed movement inside a transaction the caller holds (a claim, a
/// repair order, a stocktake post several movements at once, all or
/// nothing), held to the same rules as the forms' movements.
pub fn post_new_in(conn: &Connection, m: &NewMovement, today: NaiveDate) -> AppResult<Movement> {
    let posting = check(conn, m, today)?;
    write(conn, &posting)
}

/// 冲销: reverses a movement by a counter-movement of the same kind, dated
/// `date`. A receipt's reversal takes the goods out at their book value; an
/// issue's reversal brings them back at the value they left with. A movement
/// is reversed at most once and a reversal is not reversed again.
pub fn reverse(store: &mut Store, id: i64, operator: &str, note: &str, today: NaiveDate) -> AppResult<Movement> {
    let out = store.write(|tx| reverse_in(tx, id, operator, note, today))?;
    Ok(out)
}

/// [`reverse`] inside a transaction the caller holds, dated `date` (or the
/// part's latest movement, if later).
pub fn reverse_in(tx: &Connection, id: i64, operator: &str, note: &str, date: NaiveDate) -> AppResult<Movement> {
    let m = get(tx, id)?;
    if m.reverses_id.is_some() {
        return Err(AppError::new(ErrorCode::Conflict, "这是一笔冲销记录，不能再冲销"));
    }
    if m.reversed_by.is_some() {
        return Err(AppError::new(ErrorCode::Conflict, "这笔出入库已经冲销过了"));
    }
    if operator.trim().is_empty() {
        return Err(AppError::invalid("operator", "请填写经办人"));
    }
    let part = catalog::get(tx, m.part_id)?;
    let date = match part
        .last_movement_on
        .as_deref()
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
    {
        Some(last) if last > date => last,
        _ => date,
    };
    let posting = Posting {
        part,
        kind: m.kind,
        qty: m.qty,
        date,
        unit_cost: None,
        cash: Money::ZERO,
        operator: operator.trim().to_string(),
        note: format!("冲销第 {} 号：{}", m.id, note.trim()),
        // an issue's reversal brings back exactly what left; a receipt's or
        // gain's reversal is an issue at book value (the stock may have been
        // partly used since, at another average)
        inflow: m.delta < 0,
        fixed_value: (m.delta < 0).then_some(-m.value),
        reverses: Some(m.id),
    };
    write(tx, &posting).map_err(|e| {
        if e.field.as_deref() == Some("qty") {
            AppError::new(ErrorCode::Conflict, format!("{}，无法冲销这笔入库", e.message))
        } else {
            e
        }
    })
}

/// Posts a movement read back from the data-exchange workbook, inside the
/// import's transaction: validated like any other, except that an inflow
/// (receipt, gain) keeps the value it was booked with, when the file gives it.
pub fn post_imported(
    conn: &Connection,
    input: &MovementInput,
    inflow_value: Option<Money>,
    today: NaiveDate,
) -> AppResult<Movement> {
    let mut posting = validate(conn, input, today)?;
    if posting.inflow {
        posting.fixed_value = inflow_value;
    }
    write(conn, &posting)
}

/// The columns of a part's stock card (配件卡片). The workbook's 出入库
/// sheet has the same with the part's number and name after 日期
/// ([`ledger_columns`]), so the two files read alike.
pub const CARD_COLUMNS: [(&str, u16); 11] = [
    ("编号", 8),
    ("日期", 12),
    ("类型", 10),
    ("数量变动", 9),
    ("金额变动", 12),
    ("实收金额", 10),
    ("结存数量", 9),
    ("结存金额", 12),
    ("经办人", 10),
    ("备注", 30),
    ("冲销编号", 9),
];

/// Where the 出入库 sheet puts the part among [`CARD_COLUMNS`]: after 编号 and 日期.
const PART_AT: usize = 2;

/// The workbook's 出入库 sheet's columns: the stock card's, with the part.
pub fn ledger_columns() -> Vec<(&'static str, u16)> {
    let mut columns = CARD_COLUMNS.to_vec();
    columns.splice(PART_AT..PART_AT, [("配件编号", 18), ("配件名称", 20)]);
    columns
}

impl Movement {
    /// Its cells on the stock card, in [`CARD_COLUMNS`] order.
    pub fn card_cells(&self) -> Vec<String> {
        vec![
            self.id.to_string(),
            self.moved_on.clone(),
            self.kind_label.to_string(),
            self.delta.to_string(),
            self.value.to_string(),
            self.cash.to_string(),
            self.balance_qty.to_string(),
            self.balance_value.to_string(),
            self.operator.clone(),
            self.note.clone(),
            self.reverses_id.map(|v| v.to_string()).unwrap_or_default(),
        ]
    }
}

/// Every movement with its part's number and name, in posting order: the
/// workbook's 出入库 sheet; each row read by [`ledger_cells`]. (The sheet
/// names what a movement reverses, not what reversed it: that column is
/// left NULL rather than looked up for every movement of the shop.)
pub const LEDGER_SQL: &str = concat!(
    "SELECT ",
    movement_fields!(),
    ", NULL, p.part_no, p.name FROM stock_movement m JOIN part p ON p.id = m.part_id ORDER BY m.id"
);

/// One row of [`LEDGER_SQL`] as its cells, in [`ledger_columns`] order.
pub fn ledger_cells(r: &rusqlite::Row<'_>) -> rusqlite::Result<Vec<String>> {
    let mut cells = movement_from_row(r)?.card_cells();
    cells.splice(PART_AT..PART_AT, [r.get::<_, String>(14)?, r.get::<_, String>(15)?]);
    Ok(cells)
}

/// A part's stock card (配件卡片) as .xlsx: every movement, oldest first,
/// with the balance after each. Returns the number of movements.
pub fn export_card(conn: &Connection, part_id: i64, path: &std::path::Path) -> AppResult<usize> {
    catalog::get(conn, part_id)?;
    let mut moves = card(conn, part_id, i64::MAX)?;
    moves.reverse();
    let rows: Vec<Vec<String>> = moves.iter().map(Movement::card_cells).collect();
    crate::sheet::write_table(path, "配件卡片", &CARD_COLUMNS, &rows)?;
    Ok(rows.len())
}

pub fn get(conn: &Connection, id: i64) -> AppResult<Movement> {
    conn.query_row(
        &format!("SELECT {MOVEMENT_COLUMNS} FROM stock_movement m WHERE m.id = ?1"),
        [id],
        movement_from_row,
    )
    .optional()?
    .ok_or_else(|| AppError::not_found("找不到该出入库记录"))
}

/// 配件卡片: a part's movements, newest first, each with its balance after.
pub fn card(conn: &Connection, part_id: i64, limit: i64) -> AppResult<Vec<Movement>> {
    let mut st = conn.prepare(&format!(
        "SELECT {MOVEMENT_COLUMNS} FROM stock_movement m WHERE m.part_id = ?1
         ORDER BY m.moved_on DESC, m.id DESC LIMIT ?2"
    ))?;
    let rows = st
        .query_map(params![part_id, limit], movement_from_row)?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Stock quantity and value of every part at the end of `date`, summed:
/// the balance of each part's latest movement on or before that date.
pub fn stock_at(conn: &Connection, date: NaiveDate) -> AppResult<(i64, Money)> {
    let d = date.format("%Y-%m-%d").to_string();
    // the latest movement of each part on or before the date, by one index
    // seek per part on (part_id, moved_on, id), then a rowid lookup
    let (qty, value): (i64, i64) = conn.query_row(
        "SELECT coalesce(sum(m.balance_qty), 0), coalesce(sum(m.balance_value_fen), 0)
         FROM (SELECT (SELECT id FROM stock_movement WHERE part_id = p.id AND moved_on <= ?1
                       ORDER BY moved_on DESC, id DESC LIMIT 1) AS mid
               FROM part p) last
         JOIN stock_movement m ON m.id = last.mid",
        [d],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok((qty, Money::from_fen(value)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parts::catalog::{create, PartInput};

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn setup() -> (Store, Part) {
        let s = Store::open_in_memory().unwrap();
        let p = create(
            s.conn(),
            &PartInput {
                part_no: "15410-KPN-901".into(),
                name: "机油滤清器".into(),
                unit: "个".into(),
                cost_price: "10.00".into(),
                retail_price: "18.00".into(),
                active: true,
                ..Default::default()
            },
        )
        .unwrap();
        (s, p)
    }

    fn mv(kind: &str, qty: &str, date: &str) -> MovementInput {
        MovementInput {
            part_no: "15410-kpn-901".into(),
            kind: kind.into(),
            qty: qty.into(),
            date: date.into(),
            operator: "李库管".into(),
            ..Default::default()
        }
    }

    const TODAY: &str = "2026-11-26";

    fn post_t(s: &mut Store, m: MovementInput) -> AppResult<Movement> {
        post_on(s, &m, day(TODAY))
    }

    #[test]
    fn a_typed_movement_is_held_to_the_same_rules_as_the_forms_text() {
        let (mut s, p) = setup();
        post_t(&mut s, mv("receipt", "5", "2026-11-10")).unwrap();
        let typed =
            |kind, qty, date: &str| NewMovement::new(p.id, kind, qty, day(date), "李库管", "维修单 WX-1".into());
        // posted as the same text would be: same value, balance and note
        let m = post_new_in(s.conn(), &typed(MovementKind::Repair, 2, "2026-11-12"), day(TODAY)).unwrap();
        assert_eq!(
            (m.kind, m.delta, m.value, m.balance_qty),
            (MovementKind::Repair, -2, Money::from_fen(-2000), 3)
        );
        assert_eq!(m.note, "维修单 WX-1");
        // every rule refused at once, in the forms' words, nothing written
        let e = post_new_in(
            s.conn(),
            &NewMovement {
                operator: " ".into(),
                ..typed(MovementKind::Sale, 9, "2026-11-11")
            },
            day(TODAY),
        )
        .unwrap_err();
        let said: Vec<_> = e
            .problems
            .iter()
            .map(|p| (p.field.as_deref().unwrap_or(""), p.message.as_str()))
            .collect();
        assert_eq!(
            said,
            [
                ("operator", "请填写经办人"),
                ("qty", "库存不足：机油滤清器 现有 3 个，不能出库 9 个"),
                (
                    "date",
                    "日期早于该配件最近一笔出入库（2026年11月12日）；出入库须按发生顺序登记"
                ),
            ]
        );
        let e = post_new_in(s.conn(), &typed(MovementKind::Sale, 0, "2026-11-27"), day(TODAY)).unwrap_err();
        let fields: Vec<_> = e.problems.iter().filter_map(|p| p.field.as_deref()).collect();
        assert_eq!(fields, ["qty", "date"]);
        assert_eq!(catalog::get(s.conn(), p.id).unwrap().on_hand, 3);
    }

    fn part(s: &Store) -> Part {
        catalog::find_by_no(s.conn(), "15410-KPN-901").unwrap().unwrap()
    }

    fn sums(s: &Store) -> (i64, i64) {
        s.conn()
            .query_row("SELECT sum(delta), sum(value_fen) FROM stock_movement", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap()
    }

    #[test]
    fn receipts_and_issues_move_stock_at_moving_average_cost() {
        let (mut s, _) = setup();
        let r1 = post_t(
            &mut s,
            MovementInput {
                unit_cost: "10".into(),
                ..mv("receipt", "3", "2026-10-01")
            },
        )
        .unwrap();
        assert_eq!((r1.delta, r1.value.to_fen(), r1.balance_qty), (3, 3000, 3));
        post_t(
            &mut s,
            MovementInput {
                unit_cost: "11".into(),
                ..mv("receipt", "4", "2026-10-02")
            },
        )
        .unwrap();
        // 7 pieces worth 74.00: an issue of 2 takes 74 × 2 / 7 = 21.142… → 21.14
        let i = post_t(&mut s, mv("repair", "2", "2026-10-03")).unwrap();
        assert_eq!(i.value.to_fen(), -2114);
        assert_eq!((i.balance_qty, i.balance_value.to_fen()), (5, 5286));
        // a cash sale defaults to quantity × 限价
        let sale = post_t(&mut s, mv("sale", "1", "2026-10-04")).unwrap();
        assert_eq!(sale.cash.to_fen(), 1800);
        // the last pieces take whatever value is left
        let last = post_t(&mut s, mv("dealer", "4", "2026-10-05")).unwrap();
        assert_eq!((last.balance_qty, last.balance_value.to_fen()), (0, 0));
        let p = part(&s);
        assert_eq!((p.on_hand, p.stock_value.to_fen()), (0, 0));
        assert_eq!(p.last_issue_on.as_deref(), Some("2026-10-05"));
        assert_eq!(sums(&s), (0, 0));
        // the card as .xlsx: oldest first, the balance after each
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("card.xlsx");
        assert_eq!(export_card(s.conn(), p.id, &path).unwrap(), 5);
        let t = crate::sheet::read_table(&path, 1 << 20).unwrap();
        let col = |h: &str| {
            t.rows
                .iter()
                .map(|(_, r)| r[t.col(h).unwrap()].clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            col("类型"),
            ["采购入库", "采购入库", "维修领用", "销售出库", "经销商发货"]
        );
        assert_eq!(col("结存数量"), ["3", "7", "5", "4", "0"]);
        assert_eq!(col("金额变动")[2], "-21.14");
        // the workbook's 出入库 rows are the card's rows with the part after 日期
        let card_rows: Vec<Vec<String>> = t.rows.iter().map(|(_, r)| r.clone()).collect();
        let mut st = s.conn().prepare(LEDGER_SQL).unwrap();
        let ledger: Vec<Vec<String>> = st.query_map([], ledger_cells).unwrap().map(Result::unwrap).collect();
        assert_eq!(ledger.len(), card_rows.len());
        for (l, c) in ledger.iter().zip(&card_rows) {
            let mut with_part = c.clone();
            with_part.splice(2..2, [p.part_no.clone(), p.name.clone()]);
            assert_eq!(l, &with_part);
        }
        let headers: Vec<&str> = ledger_columns().iter().map(|(h, _)| *h).collect();
        assert_eq!(&headers[..4], ["编号", "日期", "配件编号", "配件名称"]);
        assert_eq!(headers.len(), CARD_COLUMNS.len() + 2);
    }

    #[test]
    fn an_issue_beyond_stock_is_refused_and_nothing_changes() {
        let (mut s, _) = setup();
        post_t(&mut s, mv("receipt", "3", "2026-11-01")).unwrap();
        let e = post_t(&mut s, mv("sale", "5", "2026-11-02")).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("qty"));
        assert_eq!(e.message, "库存不足：机油滤清器 现有 3 个，不能出库 5 个");
        assert_eq!(part(&s).on_hand, 3);
        let n: i64 = s
            .conn()
            .query_row("SELECT count(*) FROM stock_movement", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 1);
    }

    #[test]
    fn bad_inputs_get_chinese_messages() {
        let (mut s, _) = setup();
        let cases = [
            (mv("receipt", "-2", ""), "数量须为正整数（更正错误请用冲销）"),
            (mv("receipt", "0", ""), "数量须为正整数（更正错误请用冲销）"),
            (mv("receipt", "2.5", ""), "数量须为正整数，「2.5」不是"),
            (
                mv("receipt", "2", "2026-11-27"),
                "出入库日期（2026年11月27日）晚于今天（2026年11月26日），请检查",
            ),
            (
                MovementInput {
                    unit_cost: "3.333".into(),
                    ..mv("receipt", "2", "")
                },
                "单价：金额最多保留两位小数（精确到分）",
            ),
            (
                MovementInput {
                    part_no: "NOPE".into(),
                    ..mv("receipt", "2", "")
                },
                "没有编号为「NOPE」的配件",
            ),
            (
                MovementInput {
                    operator: " ".into(),
                    ..mv("receipt", "2", "")
                },
                "请填写经办人",
            ),
            (mv("frobnicate", "2", ""), "请选择出入库类型"),
        ];
        for (input, msg) in cases {
            let e = post_t(&mut s, input).unwrap_err();
            assert_eq!(e.message, msg);
        }
        let n: i64 = s
            .conn()
            .query_row("SELECT count(*) FROM stock_movement", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 0);
    }

    #[test]
    fn inactive_parts_and_back_dated_movements_are_refused() {
        let (mut s, p) = setup();
        post_t(&mut s, mv("receipt", "2", "2026-11-10")).unwrap();
        let e = post_t(&mut s, mv("receipt", "2", "2026-11-09")).unwrap_err();
        assert_eq!(
            e.message,
            "日期早于该配件最近一笔出入库（2026年11月10日）；出入库须按发生顺序登记"
        );
        let mut input = PartInput::from(&p);
        input.active = false;
        catalog::update(s.conn(), p.id, &input).unwrap();
        let e = post_t(&mut s, mv("receipt", "2", "2026-11-11")).unwrap_err();
        assert_eq!(e.message, "配件「机油滤清器」已停用，不能出入库");
    }

    #[test]
    fn movements_cannot_be_edited_only_reversed_once() {
        let (mut s, _) = setup();
        let r = post_t(
            &mut s,
            MovementInput {
                unit_cost: "10".into(),
                ..mv("receipt", "5", "2026-11-01")
            },
        )
        .unwrap();
        let e = s.conn().execute("UPDATE stock_movement SET qty = 50", []).unwrap_err();
        assert!(e.to_string().contains("出入库记录不能修改"), "{e}");
        assert!(s.conn().execute("DELETE FROM stock_movement", []).is_err());

        let sale = post_t(&mut s, mv("sale", "2", "2026-11-02")).unwrap();
        let back = reverse(&mut s, sale.id, "王经理", "顾客退货", day(TODAY)).unwrap();
        assert_eq!(
            (back.delta, back.value, back.reverses_id),
            (2, -sale.value, Some(sale.id))
        );
        assert_eq!(part(&s).on_hand, 5);
        assert_eq!(
            reverse(&mut s, sale.id, "王经理", "", day(TODAY)).unwrap_err().message,
            "这笔出入库已经冲销过了"
        );
        assert_eq!(
            reverse(&mut s, back.id, "王经理", "", day(TODAY)).unwrap_err().message,
            "这是一笔冲销记录，不能再冲销"
        );

        let undo = reverse(&mut s, r.id, "王经理", "录错了", day(TODAY)).unwrap();
        assert_eq!((undo.delta, undo.balance_qty, undo.balance_value.to_fen()), (-5, 0, 0));
        assert!(undo.note.starts_with(&format!("冲销第 {} 号", r.id)));
        assert_eq!(sums(&s), (0, 0));
        // the reversed sale does not count as the part moving
        assert_eq!(part(&s).last_issue_on, None);
    }

    #[test]
    fn stock_at_a_past_date_is_read_back_from_the_balances() {
        let (mut s, _) = setup();
        post_t(
            &mut s,
            MovementInput {
                unit_cost: "10".into(),
                ..mv("receipt", "10", "2026-09-15")
            },
        )
        .unwrap();
        post_t(&mut s, mv("repair", "4", "2026-10-20")).unwrap();
        post_t(
            &mut s,
            MovementInput {
                unit_cost: "12".into(),
                ..mv("receipt", "5", "2026-11-03")
            },
        )
        .unwrap();
        assert_eq!(stock_at(s.conn(), day("2026-08-31")).unwrap(), (0, Money::ZERO));
        assert_eq!(
            stock_at(s.conn(), day("2026-09-30")).unwrap(),
            (10, Money::from_yuan(100))
        );
        assert_eq!(
            stock_at(s.conn(), day("2026-10-31")).unwrap(),
            (6, Money::from_yuan(60))
        );
        assert_eq!(
            stock_at(s.conn(), day("2026-11-30")).unwrap(),
            (11, Money::from_yuan(120))
        );
        let c = card(s.conn(), part(&s).id, 100).unwrap();
        let balances: Vec<i64> = c.iter().map(|m| m.balance_qty).collect();
        assert_eq!(balances, vec![11, 6, 10]);
    }
}
