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
