//! 配件：catalogue, stock list, stock card, receipts and issues.

use moto4s_core::parts::stock::{self, StockPage, StockQuery};
use moto4s_core::parts::{catalog, ledger, Movement, MovementInput, Part, PartInput};
use moto4s_core::{dates, AppResult};
use serde::Serialize;

use super::{blocking, parse_arg, Shared};

#[tauri::command]
pub async fn stock_query(state: Shared<'_>, query: serde_json::Value) -> AppResult<StockPage> {
    let q: StockQuery = parse_arg("查询条件", query)?;
    blocking(state, move |st| {
        st.with_store(|s| stock::query(s.conn(), &q, dates::today()))
    })
    .await
}

#[tauri::command]
pub async fn part_lookup(state: Shared<'_>, text: String) -> AppResult<Vec<Part>> {
    blocking(state, move |st| {
        st.with_store(|s| stock::lookup(s.conn(), &text, 8, dates::today()))
    })
    .await
}

#[tauri::command]
pub async fn part_categories(state: Shared<'_>) -> AppResult<Vec<String>> {
    blocking(state, |st| st.with_store(|s| catalog::categories(s.conn()))).await
}

/// 配件卡片: the part and its latest movements with their balances.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PartCard {
    pub part: Part,
    pub movements: Vec<Movement>,
}

#[tauri::command]
pub async fn part_card(state: Shared<'_>, id: i64) -> AppResult<PartCard> {
    blocking(state, move |st| {
        st.with_store(|s| {
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
    let input: PartInput = parse_arg("配件资料", input)?;
    blocking(state, move |st| {
        st.with_store(|s| match id {
            Some(id) => catalog::update(s.conn(), id, &input),
            None => catalog::create(s.conn(), &input),
        })
    })
    .await
}

#[tauri::command]
pub async fn movement_post(state: Shared<'_>, input: serde_json::Value) -> AppResult<Movement> {
    let input: MovementInput = parse_arg("出入库单", input)?;
    blocking(state, move |st| st.with_store(|s| ledger::post(s, &input))).await
}

#[tauri::command]
pub async fn movement_reverse(state: Shared<'_>, id: i64, operator: String, note: String) -> AppResult<Movement> {
    blocking(state, move |st| {
        st.with_store(|s| ledger::reverse(s, id, &operator, &note, dates::today()))
    })
    .await
}

// ---- 导入导出 ----

use moto4s_core::dates::Month;
use moto4s_core::parts::import::{self as catalog_import, CatalogImported, CatalogPreview};
use moto4s_core::parts::indicators::{self, PartsIndicators};
use moto4s_core::parts::orders::{self, DeliveryInput, Order, OrderInput};
use moto4s_core::parts::reorder::{self, Suggestion};
use moto4s_core::parts::stocktake::{self, CountInput, Stocktake};

use super::file_path;

#[tauri::command]
pub async fn catalog_import_preview(state: Shared<'_>, path: String) -> AppResult<CatalogPreview> {
    let path = file_path(&path)?;
    blocking(state, move |st| {
        st.with_store(|s| catalog_import::preview(s.conn(), &path))
    })
    .await
}

#[tauri::command]
pub async fn catalog_import_apply(state: Shared<'_>, path: String) -> AppResult<CatalogImported> {
    let path = file_path(&path)?;
    blocking(state, move |st| st.with_store(|s| catalog_import::apply(s, &path))).await
}

/// Writes the stock list, with the filters on screen, to an .xlsx file.
#[tauri::command]
pub async fn stock_export(state: Shared<'_>, query: serde_json::Value, path: String) -> AppResult<usize> {
    let mut q: StockQuery = parse_arg("查询条件", query)?;
    let path = file_path(&path)?;
    blocking(state, move |st| {
        st.with_store(|s| {
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
    blocking(state, |st| st.with_store(|s| orders::list(s.conn(), 200))).await
}

#[tauri::command]
pub async fn order_create(state: Shared<'_>, input: serde_json::Value) -> AppResult<Order> {
    let input: OrderInput = parse_arg("经销商订单", input)?;
    blocking(state, move |st| {
        st.with_store(|s| orders::create(s, &input, dates::today()))
    })
    .await
}

#[tauri::command]
pub async fn order_deliver(state: Shared<'_>, input: serde_json::Value) -> AppResult<Order> {
    let input: DeliveryInput = parse_arg("发货单", input)?;
    blocking(state, move |st| {
        st.with_store(|s| orders::deliver(s, &input, dates::today()))
    })
    .await
}

// ---- 配件指标 ----

#[tauri::command]
pub async fn parts_indicators(state: Shared<'_>, month: String) -> AppResult<PartsIndicators> {
    let m = Month::parse(&month)?;
    blocking(state, move |st| st.with_store(|s| indicators::compute(s.conn(), m))).await
}

// ---- 配件计划 ----

#[tauri::command]
pub async fn reorder_list(state: Shared<'_>) -> AppResult<Vec<Suggestion>> {
    blocking(state, |st| {
        st.with_store(|s| reorder::suggestions(s.conn(), dates::today()))
    })
    .await
}

#[tauri::command]
pub async fn orders_export(state: Shared<'_>, path: String) -> AppResult<usize> {
    let path = file_path(&path)?;
    blocking(state, move |st| st.with_store(|s| orders::export(s.conn(), &path))).await
}

#[tauri::command]
pub async fn part_card_export(state: Shared<'_>, id: i64, path: String) -> AppResult<usize> {
    let path = file_path(&path)?;
    blocking(state, move |st| {
        st.with_store(|s| ledger::export_card(s.conn(), id, &path))
    })
    .await
}

#[tauri::command]
pub async fn reorder_export(state: Shared<'_>, path: String) -> AppResult<usize> {
    let path = file_path(&path)?;
    blocking(state, move |st| {
        st.with_store(|s| {
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
    blocking(state, |st| st.with_store(|s| stocktake::list(s.conn()))).await
}

#[tauri::command]
pub async fn stocktake_get(state: Shared<'_>, id: i64) -> AppResult<Stocktake> {
    blocking(state, move |st| st.with_store(|s| stocktake::get(s.conn(), id))).await
}

#[tauri::command]
pub async fn stocktake_create(state: Shared<'_>, category: String) -> AppResult<Stocktake> {
    blocking(state, move |st| {
        st.with_store(|s| stocktake::create(s, &category, dates::today()))
    })
    .await
}

#[tauri::command]
pub async fn stocktake_save(state: Shared<'_>, id: i64, counts: serde_json::Value) -> AppResult<Stocktake> {
    let counts: Vec<CountInput> = parse_arg("实盘数量", counts)?;
    blocking(state, move |st| {
        st.with_store(|s| stocktake::save_counts(s, id, &counts))
    })
    .await
}

#[tauri::command]
pub async fn stocktake_post(state: Shared<'_>, id: i64, operator: String) -> AppResult<Stocktake> {
    blocking(state, move |st| {
        st.with_store(|s| stocktake::post(s, id, &operator, dates::today()))
    })
    .await
}

#[tauri::command]
pub async fn stocktake_export(state: Shared<'_>, id: i64, path: String) -> AppResult<()> {
    let path = file_path(&path)?;
    blocking(state, move |st| {
        st.with_store(|s| stocktake::export_sheet(s.conn(), id, &path))
    })
    .await
}
