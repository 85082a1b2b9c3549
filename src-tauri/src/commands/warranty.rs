//! 三包：claims, old parts' return, the policy and indicators 8–10.

use moto4s_core::dates::{self, Month};
use moto4s_core::targets::{with_marks, WithMarks};
use moto4s_core::warranty::claim::{self, Claim, ClaimInput, ClaimQuery, ClaimRow, StepInput};
use moto4s_core::warranty::indicators::{self, WarrantyIndicators};
use moto4s_core::warranty::old_parts::{self, Batch, BatchInput, OldPart};
use moto4s_core::warranty::policy::{self, PolicyInput, WarrantyPolicy};
use moto4s_core::AppResult;

use super::command;
use moto4s_core::Store;

#[command(Read)]
pub fn claims_list(s: &mut Store, #[arg("查询条件", partial)] query: ClaimQuery) -> AppResult<Vec<ClaimRow>> {
    claim::list(s.conn(), &query, dates::today())
}

/// Every claim the list's query finds, as .xlsx.
#[command(Read)]
pub fn claims_export(
    s: &mut Store, #[arg("查询条件", partial)] query: ClaimQuery, path: String
) -> AppResult<usize> {
    let path = super::file_path(&path)?;
    claim::export(s.conn(), &query, dates::today(), &path)
}

#[command(Read)]
pub fn claim_get(s: &mut Store, id: i64) -> AppResult<Claim> {
    claim::get(s.conn(), id)
}

#[command(ClaimEntry)]
pub fn claim_save(s: &mut Store, id: Option<i64>, #[arg("索赔单")] input: ClaimInput) -> AppResult<Claim> {
    match id {
        Some(id) => claim::update(s, id, &input, dates::today()),
        None => claim::create(s, &input, dates::today()),
    }
}

/// What the policy says about a claim as it is typed.
#[command(Read)]
pub fn claim_coverage(s: &mut Store, #[arg("索赔单")] input: ClaimInput) -> AppResult<Vec<String>> {
    claim::preview_coverage(s.conn(), &input, dates::today())
}

/// 维修出库: the replaced parts leave stock as 三包更换.
#[command(ClaimEntry)]
pub fn claim_issue_parts(s: &mut Store, id: i64, date: String, operator: String) -> AppResult<Claim> {
    claim::issue_parts(s, id, &date, &operator, dates::today())
}

/// submit / approve / reject / return / settle
#[command(ClaimEntry)]
pub fn claim_step(s: &mut Store, id: i64, #[arg("索赔处理")] input: StepInput) -> AppResult<Claim> {
    claim::step(s, id, &input, dates::today())
}

/// 包换/包退 (or back to 修复): the case's outcome.
#[command(ClaimDecide)]
pub fn claim_outcome(s: &mut Store, id: i64, #[arg("包换包退")] input: claim::OutcomeInput) -> AppResult<Claim> {
    claim::record_outcome(s, id, &input, dates::today())
}

#[command(Read)]
pub fn old_parts_waiting(s: &mut Store) -> AppResult<Vec<OldPart>> {
    old_parts::waiting(s.conn(), dates::today())
}

#[command(ClaimEntry)]
pub fn old_part_batch_create(s: &mut Store, #[arg("旧件返厂")] input: BatchInput) -> AppResult<Batch> {
    old_parts::create_batch(s, &input, dates::today())
}

#[command(ClaimEntry)]
pub fn old_part_batch_receive(s: &mut Store, id: i64, received_on: String) -> AppResult<Batch> {
    old_parts::receive(s, id, &received_on, dates::today())
}

/// Saves every old part (shipped in a batch or waiting) as .xlsx at the
/// path the user picked; answers how many.
#[command(Read)]
pub fn old_parts_export(s: &mut Store, path: String) -> AppResult<usize> {
    let path = super::file_path(&path)?;
    old_parts::export(s.conn(), dates::today(), &path)
}

#[command(Read)]
pub fn old_part_batches(s: &mut Store) -> AppResult<Vec<Batch>> {
    old_parts::batches(s.conn(), 100)
}

#[command(Read)]
pub fn old_part_batch(s: &mut Store, id: i64) -> AppResult<Batch> {
    old_parts::batch(s.conn(), id, dates::today())
}

#[command(Read)]
pub fn warranty_policy_get(s: &mut Store) -> AppResult<WarrantyPolicy> {
    policy::load(s.conn())
}

#[command(Settings)]
pub fn warranty_policy_save(s: &mut Store, #[arg("三包政策")] input: PolicyInput) -> AppResult<WarrantyPolicy> {
    policy::save(s, &input, dates::today())
}

/// Every policy the shop has had, by 生效日期, the latest first.
#[command(Read)]
pub fn warranty_policy_history(s: &mut Store) -> AppResult<Vec<WarrantyPolicy>> {
    policy::history(s.conn())
}

#[command(Read)]
pub fn warranty_indicators(s: &mut Store, month: String) -> AppResult<WithMarks<WarrantyIndicators>> {
    let m = Month::parse(&month)?;
    let figures = indicators::compute(s.conn(), m)?;
    with_marks(s.conn(), figures, |f| vec![(9, f.cost_rate)])
}

/// 质量信息反馈 for the months `from` to `to`.
#[command(Read)]
pub fn quality_report(
    s: &mut Store,
    from: String,
    to: String,
) -> AppResult<moto4s_core::warranty::quality::QualityReport> {
    moto4s_core::warranty::quality::report(s.conn(), dates::Month::parse(&from)?, dates::Month::parse(&to)?)
}

/// The same, as a workbook (汇总 and 明细); returns the claims written.
#[command(Read)]
pub fn quality_export(s: &mut Store, from: String, to: String, path: String) -> AppResult<usize> {
    let path = super::file_path(&path)?;
    moto4s_core::warranty::quality::export(s.conn(), dates::Month::parse(&from)?, dates::Month::parse(&to)?, &path)
}
