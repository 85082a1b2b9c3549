//! 配件：catalogue, stock list, stock card, receipts and issues.

use moto4s_core::parts::stock::{self, StockPage, StockQuery};
use moto4s_core::parts::{catalog, ledger, Movement, MovementInput, Part, PartInput};
use moto4s_core::targets::{with_marks, WithMarks};
use moto4s_core::{dates, AppResult};
use serde::Serialize;

use super::command;
use moto4s_core::Store;

/// 库存查询: one page of the stock list with totals over all matches.
#[command(Read)]
pub fn stock_query(s: &mut Store, #[arg("查询条件")] query: StockQuery) -> AppResult<StockPage> {
    stock::query(s.conn(), &query, dates::today())
}

/// Parts matching a typed or scanned number, name or pinyin initials.
#[command(Read)]
pub fn part_lookup(s: &mut Store, text: String) -> AppResult<Vec<Part>> {
    stock::lookup(s.conn(), &text, 8, dates::today())
}

#[command(Read)]
pub fn part_categories(s: &mut Store) -> AppResult<Vec<String>> {
    catalog::categories(s.conn())
}

/// 配件卡片: the part and its latest movements with their balances.
#[derive(Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct PartCard {
    pub part: Part,
    pub movements: Vec<Movement>,
}

/// 配件卡片.
#[command(Read)]
pub fn part_card(s: &mut Store, id: i64) -> AppResult<PartCard> {
    Ok(PartCard {
        part: catalog::get(s.conn(), id)?,
        movements: ledger::card(s.conn(), id, 500)?,
    })
}

/// Adds (id null) or changes a catalogue entry.
#[command(Parts)]
pub fn part_save(s: &mut Store, id: Option<i64>, #[arg("配件资料")] input: PartInput) -> AppResult<Part> {
    match id {
        Some(id) => catalog::update(s.conn(), id, &input),
        None => catalog::create(s.conn(), &input),
    }
}

/// Posts a receipt or issue.
#[command(Parts)]
pub fn movement_post(s: &mut Store, #[arg("出入库单")] input: MovementInput) -> AppResult<Movement> {
    ledger::post(s, &input)
}

/// 冲销: reverses a movement by a counter-movement.
#[command(Parts)]
pub fn movement_reverse(s: &mut Store, id: i64, operator: String, note: String) -> AppResult<Movement> {
    ledger::reverse(s, id, &operator, &note, dates::today())
}

// ---- 导入导出 ----

use moto4s_core::dates::Month;
use moto4s_core::parts::import::{self as catalog_import, CatalogImported, CatalogPreview};
use moto4s_core::parts::indicators::{self, PartsIndicators};
use moto4s_core::parts::orders::{self, DeliveryInput, Order, OrderInput};
use moto4s_core::parts::receivables;
use moto4s_core::parts::reorder::{self, Suggestion};
use moto4s_core::parts::stocktake::{self, CountInput, Stocktake};

use super::file_path;

/// Checks a catalogue file (.xlsx/.csv) and says what importing it would do.
#[command(Read)]
pub fn catalog_import_preview(s: &mut Store, path: String) -> AppResult<CatalogPreview> {
    let path = file_path(&path)?;
    catalog_import::preview(s.conn(), &path)
}

/// Imports a catalogue file: everything in one transaction, or nothing.
#[command(Parts)]
pub fn catalog_import_apply(s: &mut Store, path: String) -> AppResult<CatalogImported> {
    let path = file_path(&path)?;
    catalog_import::apply(s, &path)
}

/// Writes the stock list, with the filters on screen, to an .xlsx file.
#[command(Read)]
pub fn stock_export(s: &mut Store, #[arg("查询条件")] mut query: StockQuery, path: String) -> AppResult<usize> {
    let path = file_path(&path)?;
    let mut parts = Vec::new();
    query.page_size = 500;
    query.page = 0;
    loop {
        let page = stock::query(s.conn(), &query, dates::today())?;
        let done = page.rows.len() < 500;
        parts.extend(page.rows);
        if done {
            break;
        }
        query.page += 1;
    }
    catalog_import::export_stock_list(&path, &parts)?;
    Ok(parts.len())
}

// ---- 经销商订单 ----

#[command(Read)]
pub fn orders_list(s: &mut Store) -> AppResult<Vec<Order>> {
    orders::list(s.conn(), 200)
}

#[command(Parts)]
pub fn order_create(s: &mut Store, #[arg("经销商订单")] input: OrderInput) -> AppResult<Order> {
    orders::create(s, &input, dates::today())
}

/// 撤销 or 结案 of a sub-dealer order, with its reason.
#[command(Parts)]
pub fn order_close(s: &mut Store, #[arg("撤销或结案")] input: orders::CloseInput) -> AppResult<Order> {
    orders::close(s, &input, dates::today())
}

// ---- 经销商往来 ----

/// Every outlet charged so far, with its balance and ages as of today.
#[command(Read)]
pub fn receivables_list(s: &mut Store) -> AppResult<Vec<receivables::DealerBalance>> {
    receivables::balances(s.conn(), dates::today())
}

/// An outlet's statement (对账单).
#[command(Read)]
pub fn dealer_statement(s: &mut Store, dealer: String) -> AppResult<Vec<receivables::StatementLine>> {
    receivables::statement(s.conn(), &dealer)
}

/// A 收款 from an outlet.
#[command(Parts)]
pub fn payment_receive(
    s: &mut Store,
    #[arg("收款")] input: receivables::PaymentInput,
) -> AppResult<receivables::Payment> {
    receivables::receive(s, &input, dates::today())
}

/// 冲销 of a payment, dated today.
#[command(Parts)]
pub fn payment_reverse(s: &mut Store, id: i64, operator: String, reason: String) -> AppResult<receivables::Payment> {
    receivables::reverse(s, id, &operator, &reason, dates::today())
}

/// The receivables list to .xlsx; resolves to the number of outlets.
#[command(Read)]
pub fn receivables_export(s: &mut Store, path: String) -> AppResult<usize> {
    let path = file_path(&path)?;
    receivables::export(s.conn(), &path, dates::today())
}

/// The orders indicator 6 counts for a month (the records behind it).
#[command(Read)]
pub fn orders_counted(s: &mut Store, month: String) -> AppResult<Vec<Order>> {
    let m = Month::parse(&month)?;
    orders::counted(s.conn(), m, dates::today())
}

#[command(Parts)]
pub fn order_deliver(s: &mut Store, #[arg("发货单")] input: DeliveryInput) -> AppResult<Order> {
    orders::deliver(s, &input, dates::today())
}

// ---- 配件指标 ----

/// The parts indicators with their marks, and the mark of 6's second
/// measure (数量供应率) against its own target.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct PartsFigures {
    #[serde(flatten)]
    pub figures: WithMarks<PartsIndicators>,
    pub qty_supply_mark: moto4s_core::targets::Marked,
}

/// Indicators 1–7, 21, 22 for a month ("2026-11").
#[command(Read)]
pub fn parts_indicators(s: &mut Store, month: String) -> AppResult<PartsFigures> {
    let m = Month::parse(&month)?;
    let figures = indicators::compute_to(s.conn(), m, dates::today())?;
    let qty = figures.first_supply_qty_rate;
    let figures = with_marks(s.conn(), figures, |f| {
        vec![(6, f.first_supply_line_rate), (7, f.slow_moving_rate)]
    })?;
    let set = moto4s_core::settings::load(s.conn())?.unwrap_or_default();
    let target = moto4s_core::targets::first_supply_qty(&set);
    let mark = target.mark(qty);
    Ok(PartsFigures {
        figures,
        qty_supply_mark: moto4s_core::targets::Marked {
            no: 6,
            mark,
            mark_text: mark.text(),
            target,
        },
    })
}

// ---- 配件计划 ----

#[command(Read)]
pub fn reorder_list(s: &mut Store) -> AppResult<Vec<Suggestion>> {
    reorder::suggestions(s.conn(), dates::today())
}

/// Every sub-dealer order, a row per line, to .xlsx; resolves to the number of orders.
#[command(Read)]
pub fn orders_export(s: &mut Store, path: String) -> AppResult<usize> {
    let path = file_path(&path)?;
    orders::export(s.conn(), &path)
}

/// A part's stock card (all its movements) to .xlsx; resolves to the number of movements.
#[command(Read)]
pub fn part_card_export(s: &mut Store, id: i64, path: String) -> AppResult<usize> {
    let path = file_path(&path)?;
    ledger::export_card(s.conn(), id, &path)
}

#[command(Read)]
pub fn reorder_export(s: &mut Store, path: String) -> AppResult<usize> {
    let path = file_path(&path)?;
    let list = reorder::suggestions(s.conn(), dates::today())?;
    reorder::export(&path, &list)?;
    Ok(list.len())
}

// ---- 盘点 ----

#[command(Read)]
pub fn stocktake_list(s: &mut Store) -> AppResult<Vec<Stocktake>> {
    stocktake::list(s.conn())
}

#[command(Read)]
pub fn stocktake_get(s: &mut Store, id: i64) -> AppResult<Stocktake> {
    stocktake::get(s.conn(), id)
}

#[command(Parts)]
pub fn stocktake_create(s: &mut Store, category: String) -> AppResult<Stocktake> {
    stocktake::create(s, &category, dates::today())
}

#[command(Parts)]
pub fn stocktake_save(s: &mut Store, id: i64, #[arg("实盘数量")] counts: Vec<CountInput>) -> AppResult<Stocktake> {
    stocktake::save_counts(s, id, &counts)
}

#[command(StocktakePost)]
pub fn stocktake_post(s: &mut Store, id: i64, operator: String) -> AppResult<Stocktake> {
    stocktake::post(s, id, &operator, dates::today())
}

#[command(Read)]
pub fn stocktake_export(s: &mut Store, id: i64, path: String) -> AppResult<()> {
    let path = file_path(&path)?;
    stocktake::export_sheet(s.conn(), id, &path)
}
