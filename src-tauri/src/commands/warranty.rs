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
    blocking(state, move |st| {
        st.with_store("claims_list", |s| {
            let q: ClaimQuery = parse_arg("查询条件", query)?;
            claim::list(s.conn(), &q, dates::today())
        })
    })
    .await
}

/// Every claim the list's query finds, as .xlsx.
#[tauri::command]
pub async fn claims_export(state: Shared<'_>, query: serde_json::Value, path: String) -> AppResult<usize> {
    blocking(state, move |st| {
        st.with_store("claims_export", |s| {
            let q: ClaimQuery = parse_arg("查询条件", query)?;
            let path = super::file_path(&path)?;
            claim::export(s.conn(), &q, dates::today(), &path)
        })
    })
    .await
}

#[tauri::command]
pub async fn claim_get(state: Shared<'_>, id: i64) -> AppResult<Claim> {
    blocking(state, move |st| {
        st.with_store("claim_get", |s| claim::get(s.conn(), id))
    })
    .await
}

#[tauri::command]
pub async fn claim_save(state: Shared<'_>, id: Option<i64>, input: serde_json::Value) -> AppResult<Claim> {
    blocking(state, move |st| {
        st.with_store("claim_save", |s| {
            let input: ClaimInput = parse_arg("索赔单", input)?;
            match id {
                Some(id) => claim::update(s, id, &input, dates::today()),
                None => claim::create(s, &input, dates::today()),
            }
        })
    })
    .await
}

/// What the policy says about a claim as it is typed.
#[tauri::command]
pub async fn claim_coverage(state: Shared<'_>, input: serde_json::Value) -> AppResult<Vec<String>> {
    blocking(state, move |st| {
        st.with_store("claim_coverage", |s| {
            let input: ClaimInput = parse_arg("索赔单", input)?;
            claim::preview_coverage(s.conn(), &input, dates::today())
        })
    })
    .await
}

#[tauri::command]
pub async fn claim_issue_parts(state: Shared<'_>, id: i64, date: String, operator: String) -> AppResult<Claim> {
    blocking(state, move |st| {
        st.with_store("claim_issue_parts", |s| {
            claim::issue_parts(s, id, &date, &operator, dates::today())
        })
    })
    .await
}

#[tauri::command]
pub async fn claim_step(state: Shared<'_>, id: i64, input: serde_json::Value) -> AppResult<Claim> {
    blocking(state, move |st| {
        st.with_store("claim_step", |s| {
            let input: StepInput = parse_arg("索赔处理", input)?;
            claim::step(s, id, &input, dates::today())
        })
    })
    .await
}

/// 包换/包退 (or back to 修复): the case's outcome.
#[tauri::command]
pub async fn claim_outcome(state: Shared<'_>, id: i64, input: serde_json::Value) -> AppResult<Claim> {
    blocking(state, move |st| {
        st.with_store("claim_outcome", |s| {
            let input: claim::OutcomeInput = parse_arg("包换包退", input)?;
            claim::record_outcome(s, id, &input, dates::today())
        })
    })
    .await
}

#[tauri::command]
pub async fn old_parts_waiting(state: Shared<'_>) -> AppResult<Vec<OldPart>> {
    blocking(state, |st| {
        st.with_store("old_parts_waiting", |s| old_parts::waiting(s.conn(), dates::today()))
    })
    .await
}

#[tauri::command]
pub async fn old_part_batch_create(state: Shared<'_>, input: serde_json::Value) -> AppResult<Batch> {
    blocking(state, move |st| {
        st.with_store("old_part_batch_create", |s| {
            let input: BatchInput = parse_arg("旧件返厂", input)?;
            old_parts::create_batch(s, &input, dates::today())
        })
    })
    .await
}

#[tauri::command]
pub async fn old_part_batch_receive(state: Shared<'_>, id: i64, received_on: String) -> AppResult<Batch> {
    blocking(state, move |st| {
        st.with_store("old_part_batch_receive", |s| {
            old_parts::receive(s, id, &received_on, dates::today())
        })
    })
    .await
}

/// Saves every old part (shipped in a batch or waiting) as .xlsx at the
/// path the user picked; answers how many.
#[tauri::command]
pub async fn old_parts_export(state: Shared<'_>, path: String) -> AppResult<usize> {
    blocking(state, move |st| {
        st.with_store("old_parts_export", |s| {
            let path = super::file_path(&path)?;
            old_parts::export(s.conn(), dates::today(), &path)
        })
    })
    .await
}

#[tauri::command]
pub async fn old_part_batches(state: Shared<'_>) -> AppResult<Vec<Batch>> {
    blocking(state, |st| {
        st.with_store("old_part_batches", |s| old_parts::batches(s.conn(), 100))
    })
    .await
}

#[tauri::command]
pub async fn old_part_batch(state: Shared<'_>, id: i64) -> AppResult<Batch> {
    blocking(state, move |st| {
        st.with_store("old_part_batch", |s| old_parts::batch(s.conn(), id, dates::today()))
    })
    .await
}

#[tauri::command]
pub async fn warranty_policy_get(state: Shared<'_>) -> AppResult<WarrantyPolicy> {
    blocking(state, |st| {
        st.with_store("warranty_policy_get", |s| policy::load(s.conn()))
    })
    .await
}

#[tauri::command]
pub async fn warranty_policy_save(state: Shared<'_>, input: serde_json::Value) -> AppResult<WarrantyPolicy> {
    blocking(state, move |st| {
        st.with_store("warranty_policy_save", |s| {
            let input: PolicyInput = parse_arg("三包政策", input)?;
            policy::save(s, &input, dates::today())
        })
    })
    .await
}

/// Every policy the shop has had, by 生效日期, the latest first.
#[tauri::command]
pub async fn warranty_policy_history(state: Shared<'_>) -> AppResult<Vec<WarrantyPolicy>> {
    blocking(state, |st| {
        st.with_store("warranty_policy_history", |s| policy::history(s.conn()))
    })
    .await
}

#[tauri::command]
pub async fn warranty_indicators(state: Shared<'_>, month: String) -> AppResult<WithMarks<WarrantyIndicators>> {
    blocking(state, move |st| {
        st.with_store("warranty_indicators", |s| {
            let m = Month::parse(&month)?;
            let figures = indicators::compute(s.conn(), m)?;
            with_marks(s.conn(), figures, |f| vec![(9, f.cost_rate)])
        })
    })
    .await
}

/// 质量信息反馈 for the months `from` to `to`.
#[tauri::command]
pub async fn quality_report(
    state: Shared<'_>,
    from: String,
    to: String,
) -> AppResult<moto4s_core::warranty::quality::QualityReport> {
    blocking(state, move |st| {
        st.with_store("quality_report", |s| {
            moto4s_core::warranty::quality::report(s.conn(), dates::Month::parse(&from)?, dates::Month::parse(&to)?)
        })
    })
    .await
}

/// The same, as a workbook (汇总 and 明细); returns the claims written.
#[tauri::command]
pub async fn quality_export(state: Shared<'_>, from: String, to: String, path: String) -> AppResult<usize> {
    blocking(state, move |st| {
        st.with_store("quality_export", |s| {
            let path = super::file_path(&path)?;
            moto4s_core::warranty::quality::export(
                s.conn(),
                dates::Month::parse(&from)?,
                dates::Month::parse(&to)?,
                &path,
            )
        })
    })
    .await
}
