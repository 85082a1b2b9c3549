//! 配件：catalogue, stock list, stock card, receipts and issues.

use moto4s_core::parts::stock::{self, StockPage, StockQuery};
use moto4s_core::parts::{catalog, ledger, Movement, MovementInput, Part, PartInput};
use moto4s_core::targets::{with_marks, WithMarks};
use moto4s_core::{dates, AppResult};
use serde::Serialize;

use super::{blocking, parse_arg, Shared};

#[tauri::command]
pub async fn stock_query(state: Shared<'_>, query: serde_json::Value) -> AppResult<StockPage> {
    blocking(state, move |st| {
        st.with_store("stock_query", |s| {
            let q: StockQuery = parse_arg("查询条件", query)?;
            stock::query(s.conn(), &q, dates::today())
        })
    })
    .await
}

#[tauri::command]
pub async fn part_lookup(state: Shared<'_>, text: String) -> AppResult<Vec<Part>> {
    blocking(state, move |st| {
        st.with_store("part_lookup", |s| stock::lookup(s.conn(), &text, 8, dates::today()))
    })
    .await
}

#[tauri::command]
pub async fn part_categories(state: Shared<'_>) -> AppResult<Vec<String>> {
    blocking(state, |st| {
        st.with_store("part_categories", |s| catalog::categories(s.conn()))
    })
    .await
}

/// 配件卡片: the part and its latest movements with their balances.
#[derive(Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct PartCard {
    pub part: Part,
    pub movements: Vec<Movement>,
}

#[tauri::command]
pub async fn part_card(state: Shared<'_>, id: i64) -> AppResult<PartCard> {
    blocking(state, move |st| {
        st.with_store("part_card", |s| {
            Ok(PartCard {
                part: catalog::get(s.conn(), id)?,
                movements: ledger::card(s.conn(), id, 500)?,
            })
        })
    })
    .await
}

#[tauri::command]
pub async fn part_save(state: Shared<'_>, id: Option<i64>, input: serde_json::Value) -> AppResult<Part> {
    blocking(state, move |st| {
        st.with_store("part_save", |s| {
            let input: PartInput = parse_arg("配件资料", input)?;
            match id {
                Some(id) => catalog::update(s.conn(), id, &input),
                None => catalog::create(s.conn(), &input),
            }
        })
    })
    .await
}

#[tauri::command]
pub async fn movement_post(state: Shared<'_>, input: serde_json::Value) -> AppResult<Movement> {
    blocking(state, move |st| {
        st.with_store("movement_post", |s| {
            let input: MovementInput = parse_arg("出入库单", input)?;
            ledger::post(s, &input)
        })
    })
    .await
}

#[tauri::command]
pub async fn movement_reverse(state: Shared<'_>, id: i64, operator: String, note: String) -> AppResult<Movement> {
    blocking(state, move |st| {
        st.with_store("movement_reverse", |s| {
            ledger::reverse(s, id, &operator, &note, dates::today())
        })
    })
    .await
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

#[tauri::command]
pub async fn catalog_import_preview(state: Shared<'_>, path: String) -> AppResult<CatalogPreview> {
    blocking(state, move |st| {
        st.with_store("catalog_import_preview", |s| {
            let path = file_path(&path)?;
            catalog_import::preview(s.conn(), &path)
        })
    })
    .await
}

#[tauri::command]
pub async fn catalog_import_apply(state: Shared<'_>, path: String) -> AppResult<CatalogImported> {
    blocking(state, move |st| {
        st.with_store("catalog_import_apply", |s| {
            let path = file_path(&path)?;
            catalog_import::apply(s, &path)
        })
    })
    .await
}

/// Writes the stock list, with the filters on screen, to an .xlsx file.
#[tauri::command]
pub async fn stock_export(state: Shared<'_>, query: serde_json::Value, path: String) -> AppResult<usize> {
    blocking(state, move |st| {
        st.with_store("stock_export", |s| {
            let mut q: StockQuery = parse_arg("查询条件", query)?;
            let path = file_path(&path)?;
            let mut parts = Vec::new();
            q.page_size = 500;
            q.page = 0;
            loop {
                let page = stock::query(s.conn(), &q, dates::today())?;
                let done = page.rows.len() < 500;
                parts.extend(page.rows);
                if done {
                    break;
                }
                q.page += 1;
            }
            catalog_import::export_stock_list(&path, &parts)?;
            Ok(parts.len())
        })
    })
    .await
}

// ---- 经销商订单 ----

#[tauri::command]
pub async fn orders_list(state: Shared<'_>) -> AppResult<Vec<Order>> {
    blocking(state, |st| {
        st.with_store("orders_list", |s| orders::list(s.conn(), 200))
    })
    .await
}

#[tauri::command]
pub async fn order_create(state: Shared<'_>, input: serde_json::Value) -> AppResult<Order> {
    blocking(state, move |st| {
        st.with_store("order_create", |s| {
            let input: OrderInput = parse_arg("经销商订单", input)?;
            orders::create(s, &input, dates::today())
        })
    })
    .await
}

/// 撤销 or 结案 of a sub-dealer order, with its reason.
#[tauri::command]
pub async fn order_close(state: Shared<'_>, input: serde_json::Value) -> AppResult<Order> {
    blocking(state, move |st| {
        st.with_store("order_close", |s| {
            let input: orders::CloseInput = parse_arg("撤销或结案", input)?;
            orders::close(s, &input, dates::today())
        })
    })
    .await
}

// ---- 经销商往来 ----

/// Every outlet charged so far, with its balance and ages as of today.
#[tauri::command]
pub async fn receivables_list(state: Shared<'_>) -> AppResult<Vec<receivables::DealerBalance>> {
    blocking(state, |st| {
        st.with_store("receivables_list", |s| receivables::balances(s.conn(), dates::today()))
    })
    .await
}

/// An outlet's statement (对账单).
#[tauri::command]
pub async fn dealer_statement(state: Shared<'_>, dealer: String) -> AppResult<Vec<receivables::StatementLine>> {
    blocking(state, move |st| {
        st.with_store("dealer_statement", |s| receivables::statement(s.conn(), &dealer))
    })
    .await
}

/// A 收款 from an outlet.
#[tauri::command]
pub async fn payment_receive(state: Shared<'_>, input: serde_json::Value) -> AppResult<receivables::Payment> {
    blocking(state, move |st| {
        st.with_store("payment_receive", |s| {
            let input: receivables::PaymentInput = parse_arg("收款", input)?;
            receivables::receive(s, &input, dates::today())
        })
    })
    .await
}

/// 冲销 of a payment, dated today.
#[tauri::command]
pub async fn payment_reverse(
    state: Shared<'_>,
    id: i64,
    operator: String,
    reason: String,
) -> AppResult<receivables::Payment> {
    blocking(state, move |st| {
        st.with_store("payment_reverse", |s| {
            receivables::reverse(s, id, &operator, &reason, dates::today())
        })
    })
    .await
}

#[tauri::command]
pub async fn receivables_export(state: Shared<'_>, path: String) -> AppResult<usize> {
    blocking(state, move |st| {
        st.with_store("receivables_export", |s| {
            let path = file_path(&path)?;
            receivables::export(s.conn(), &path, dates::today())
        })
    })
    .await
}

/// The orders indicator 6 counts for a month (the records behind it).
#[tauri::command]
pub async fn orders_counted(state: Shared<'_>, month: String) -> AppResult<Vec<Order>> {
    blocking(state, move |st| {
        st.with_store("orders_counted", |s| {
            let m = Month::parse(&month)?;
            orders::counted(s.conn(), m, dates::today())
        })
    })
    .await
}

#[tauri::command]
pub async fn order_deliver(state: Shared<'_>, input: serde_json::Value) -> AppResult<Order> {
    blocking(state, move |st| {
        st.with_store("order_deliver", |s| {
            let input: DeliveryInput = parse_arg("发货单", input)?;
            orders::deliver(s, &input, dates::today())
        })
    })
    .await
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

#[tauri::command]
pub async fn parts_indicators(state: Shared<'_>, month: String) -> AppResult<PartsFigures> {
    blocking(state, move |st| {
        st.with_store("parts_indicators", |s| {
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
        })
    })
    .await
}

// ---- 配件计划 ----

#[tauri::command]
pub async fn reorder_list(state: Shared<'_>) -> AppResult<Vec<Suggestion>> {
    blocking(state, |st| {
        st.with_store("reorder_list", |s| reorder::suggestions(s.conn(), dates::today()))
    })
    .await
}

#[tauri::command]
pub async fn orders_export(state: Shared<'_>, path: String) -> AppResult<usize> {
    blocking(state, move |st| {
        st.with_store("orders_export", |s| {
            let path = file_path(&path)?;
            orders::export(s.conn(), &path)
        })
    })
    .await
}

#[tauri::command]
pub async fn part_card_export(state: Shared<'_>, id: i64, path: String) -> AppResult<usize> {
    blocking(state, move |st| {
        st.with_store("part_card_export", |s| {
            let path = file_path(&path)?;
            ledger::export_card(s.conn(), id, &path)
        })
    })
    .await
}

#[tauri::command]
pub async fn reorder_export(state: Shared<'_>, path: String) -> AppResult<usize> {
    blocking(state, move |st| {
        st.with_store("reorder_export", |s| {
            let path = file_path(&path)?;
            let list = reorder::suggestions(s.conn(), dates::today())?;
            reorder::export(&path, &list)?;
            Ok(list.len())
        })
    })
    .await
}

// ---- 盘点 ----

#[tauri::command]
pub async fn stocktake_list(state: Shared<'_>) -> AppResult<Vec<Stocktake>> {
    blocking(state, |st| {
        st.with_store("stocktake_list", |s| stocktake::list(s.conn()))
    })
    .await
}

#[tauri::command]
pub async fn stocktake_get(state: Shared<'_>, id: i64) -> AppResult<Stocktake> {
    blocking(state, move |st| {
        st.with_store("stocktake_get", |s| stocktake::get(s.conn(), id))
    })
    .await
}

#[tauri::command]
pub async fn stocktake_create(state: Shared<'_>, category: String) -> AppResult<Stocktake> {
    blocking(state, move |st| {
        st.with_store("stocktake_create", |s| stocktake::create(s, &category, dates::today()))
    })
    .await
}

#[tauri::command]
pub async fn stocktake_save(state: Shared<'_>, id: i64, counts: serde_json::Value) -> AppResult<Stocktake> {
    blocking(state, move |st| {
        st.with_store("stocktake_save", |s| {
            let counts: Vec<CountInput> = parse_arg("实盘数量", counts)?;
            stocktake::save_counts(s, id, &counts)
        })
    })
    .await
}

#[tauri::command]
pub async fn stocktake_post(state: Shared<'_>, id: i64, operator: String) -> AppResult<Stocktake> {
    blocking(state, move |st| {
        st.with_store("stocktake_post", |s| stocktake::post(s, id, &operator, dates::today()))
    })
    .await
}

#[tauri::command]
pub async fn stocktake_export(state: Shared<'_>, id: i64, path: String) -> AppResult<()> {
    blocking(state, move |st| {
        st.with_store("stocktake_export", |s| {
            let path = file_path(&path)?;
            stocktake::export_sheet(s.conn(), id, &path)
        })
    })
    .await
}
