//! 三包：claims, old parts' return, the policy and indicators 8–10.

use moto4s_core::dates::{self, Month};
use moto4s_core::targets::{with_marks, WithMarks};
use moto4s_core::warranty::claim::{self, Claim, ClaimInput, ClaimQuery, ClaimRow, StepInput};
use moto4s_core::warranty::indicators::{self, WarrantyIndicators};
use moto4s_core::warranty::old_parts::{self, Batch, BatchInput, OldPart};
use moto4s_core::warranty::policy::{self, PolicyInput, WarrantyPolicy};
use moto4s_core::AppResult;

use super::{blocking, parse_arg, Shared};

#[tauri::command]
pub async fn claims_list(state: Shared<'_>, query: serde_json::Value) -> AppResult<Vec<ClaimRow>> {
    super::authorize(&state, "claims_list")?;
    let q: ClaimQuery = parse_arg("查询条件", query)?;
    blocking(state, move |st| {
        st.with_store("claims_list", |s| claim::list(s.conn(), &q, dates::today()))
    })
    .await
}

/// Every claim the list's query finds, as .xlsx.
#[tauri::command]
pub async fn claims_export(state: Shared<'_>, query: serde_json::Value, path: String) -> AppResult<usize> {
    super::authorize(&state, "claims_export")?;
    let q: ClaimQuery = parse_arg("查询条件", query)?;
    let path = super::file_path(&path)?;
    blocking(state, move |st| {
        st.with_store("claims_export", |s| claim::export(s.conn(), &q, dates::today(), &path))
    })
    .await
}

#[tauri::command]
pub async fn claim_get(state: Shared<'_>, id: i64) -> AppResult<Claim> {
    super::authorize(&state, "claim_get")?;
    blocking(state, move |st| {
        st.with_store("claim_get", |s| claim::get(s.conn(), id))
    })
    .await
}

#[tauri::command]
pub async fn claim_save(state: Shared<'_>, id: Option<i64>, input: serde_json::Value) -> AppResult<Claim> {
    super::authorize(&state, "claim_save")?;
    let input: ClaimInput = parse_arg("索赔单", input)?;
    blocking(state, move |st| {
        st.with_store("claim_save", |s| match id {
            Some(id) => claim::update(s, id, &input, dates::today()),
            None => claim::create(s, &input, dates::today()),
        })
    })
    .await
}

/// What the policy says about a claim as it is typed.
#[tauri::command]
pub async fn claim_coverage(state: Shared<'_>, input: serde_json::Value) -> AppResult<Vec<String>> {
    super::authorize(&state, "claim_coverage")?;
    let input: ClaimInput = parse_arg("索赔单", input)?;
    blocking(state, move |st| {
        st.with_store("claim_coverage", |s| {
            claim::preview_coverage(s.conn(), &input, dates::today())
        })
    })
    .await
}

#[tauri::command]
pub async fn claim_issue_parts(state: Shared<'_>, id: i64, date: String, operator: String) -> AppResult<Claim> {
    super::authorize(&state, "claim_issue_parts")?;
    blocking(state, move |st| {
        st.with_store("claim_issue_parts", |s| {
            claim::issue_parts(s, id, &date, &operator, dates::today())
        })
    })
    .await
}

#[tauri::command]
pub async fn claim_step(state: Shared<'_>, id: i64, input: serde_json::Value) -> AppResult<Claim> {
    super::authorize(&state, "claim_step")?;
    let input: StepInput = parse_arg("索赔处理", input)?;
    blocking(state, move |st| {
        st.with_store("claim_step", |s| claim::step(s, id, &input, dates::today()))
    })
    .await
}

/// 包换/包退 (or back to 修复): the case's outcome.
#[tauri::command]
pub async fn claim_outcome(state: Shared<'_>, id: i64, input: serde_json::Value) -> AppResult<Claim> {
    super::authorize(&state, "claim_outcome")?;
    let input: claim::OutcomeInput = parse_arg("包换包退", input)?;
    blocking(state, move |st| {
        st.with_store("claim_outcome", |s| {
            claim::record_outcome(s, id, &input, dates::today())
        })
    })
    .await
}

#[tauri::command]
pub async fn old_parts_waiting(state: Shared<'_>) -> AppResult<Vec<OldPart>> {
    super::authorize(&state, "old_parts_waiting")?;
    blocking(state, |st| {
        st.with_store("old_parts_waiting", |s| old_parts::waiting(s.conn(), dates::today()))
    })
    .await
}

#[tauri::command]
pub async fn old_part_batch_create(state: Shared<'_>, input: serde_json::Value) -> AppResult<Batch> {
    super::authorize(&state, "old_part_batch_create")?;
    let input: BatchInput = parse_arg("旧件返厂", input)?;
    blocking(state, move |st| {
        st.with_store("old_part_batch_create", |s| {
            old_parts::create_batch(s, &input, dates::today())
        })
    })
    .await
}

#[tauri::command]
pub async fn old_part_batch_receive(state: Shared<'_>, id: i64, received_on: String) -> AppResult<Batch> {
    super::authorize(&state, "old_part_batch_receive")?;
    blocking(state, move |st| {
        st.with_store("old_part_batch_receive", |s| {
            old_parts::receive(s, id, &received_on, dates::today())
        })
    })
    .await
}

#[tauri::command]
pub async fn old_part_batches(state: Shared<'_>) -> AppResult<Vec<Batch>> {
    super::authorize(&state, "old_part_batches")?;
    blocking(state, |st| {
        st.with_store("old_part_batches", |s| old_parts::batches(s.conn(), 100))
    })
    .await
}

#[tauri::command]
pub async fn old_part_batch(state: Shared<'_>, id: i64) -> AppResult<Batch> {
    super::authorize(&state, "old_part_batch")?;
    blocking(state, move |st| {
        st.with_store("old_part_batch", |s| old_parts::batch(s.conn(), id, dates::today()))
    })
    .await
}

#[tauri::command]
pub async fn warranty_policy_get(state: Shared<'_>) -> AppResult<WarrantyPolicy> {
    super::authorize(&state, "warranty_policy_get")?;
    blocking(state, |st| {
        st.with_store("warranty_policy_get", |s| policy::load(s.conn()))
    })
    .await
}

#[tauri::command]
pub async fn warranty_policy_save(state: Shared<'_>, input: serde_json::Value) -> AppResult<WarrantyPolicy> {
    super::authorize(&state, "warranty_policy_save")?;
    let input: PolicyInput = parse_arg("三包政策", input)?;
    blocking(state, move |st| {
        st.with_store("warranty_policy_save", |s| policy::save(s, &input, dates::today()))
    })
    .await
}

/// Every policy the shop has had, by 生效日期, the latest first.
#[tauri::command]
pub async fn warranty_policy_history(state: Shared<'_>) -> AppResult<Vec<WarrantyPolicy>> {
    super::authorize(&state, "warranty_policy_history")?;
    blocking(state, |st| {
        st.with_store("warranty_policy_history", |s| policy::history(s.conn()))
    })
    .await
}

#[tauri::command]
pub async fn warranty_indicators(state: Shared<'_>, month: String) -> AppResult<WithMarks<WarrantyIndicators>> {
    super::authorize(&state, "warranty_indicators")?;
    let m = Month::parse(&month)?;
    blocking(state, move |st| {
        st.with_store("warranty_indicators", |s| {
            let figures = indicators::compute(s.conn(), m)?;
            with_marks(s.conn(), figures, |f| vec![(9, f.cost_rate)])
        })
    })
    .await
}
