//! 人员与现场：the roster, the staffing plan, the position descriptions and
//! the monthly 5S inspection.

use moto4s_core::dates;
use moto4s_core::settings;
use moto4s_core::staff::appraisal;
use moto4s_core::staff::descriptions::{self, Description, DescriptionInput};
use moto4s_core::staff::equipment;
use moto4s_core::staff::five_s::{
    self, ChecklistItem, ChecklistItemInput, Finding, Inspection, InspectionInput, InspectionSummary, TrendPoint,
};
use moto4s_core::staff::roster::{self, Staff, StaffInput, StaffingPlan};
use moto4s_core::staff::training::{self, CertificateDue, PersonTraining, Training, TrainingInput, TrainingYear};
use moto4s_core::AppResult;

use super::command;
use moto4s_core::Store;

#[command(Read)]
pub fn staff_list(s: &mut Store) -> AppResult<Vec<Staff>> {
    roster::list(s.conn(), dates::today())
}

#[command(Manage)]
pub fn staff_save(s: &mut Store, id: Option<i64>, #[arg("人员资料")] input: StaffInput) -> AppResult<Staff> {
    roster::save(s, id, &input, dates::today())
}

/// The plan for the settings' annual sales, or for `annual_sales` when the
/// manager tries another figure; `small_agent` saves the shop's choice.
#[command(Read)]
pub fn staffing_plan(s: &mut Store, annual_sales: Option<i64>, small_agent: Option<bool>) -> AppResult<StaffingPlan> {
    if let Some(on) = small_agent {
        roster::set_small_agent(s, on)?;
    }
    let sales = match annual_sales {
        Some(n) => n.max(0),
        None => settings::load(s.conn())?.unwrap_or_default().annual_vehicle_sales,
    };
    let small = roster::small_agent(s.conn())?;
    roster::plan(s.conn(), sales, small, dates::today())
}

#[command(Read)]
pub fn descriptions_all(s: &mut Store) -> AppResult<Vec<Description>> {
    descriptions::all(s.conn())
}

#[command(Manage)]
pub fn description_save(
    s: &mut Store,
    code: String,
    #[arg("岗位说明书")] input: DescriptionInput,
) -> AppResult<Description> {
    descriptions::save(s, &code, &input)
}

#[command(Manage)]
pub fn description_reset(s: &mut Store, code: String) -> AppResult<Description> {
    descriptions::reset(s, &code)
}

/// The 5S checklist; inactive items too when `all`.
#[command(Read)]
pub fn five_s_checklist(s: &mut Store, all: bool) -> AppResult<Vec<ChecklistItem>> {
    five_s::checklist(s.conn(), all)
}

#[command(Manage)]
pub fn five_s_item_save(
    s: &mut Store,
    id: Option<i64>,
    #[arg("检查项目")] input: ChecklistItemInput,
) -> AppResult<ChecklistItem> {
    five_s::save_item(s, id, &input)
}

/// The inspections, newest first, the 12-month trend and the open findings.
#[command(Read)]
pub fn five_s_overview(s: &mut Store) -> AppResult<FiveSOverview> {
    let today = dates::today();
    Ok(FiveSOverview {
        inspections: five_s::list(s.conn())?,
        trend: five_s::trend(s.conn(), dates::Month::of(today))?,
        open_findings: five_s::open_findings(s.conn(), today)?,
    })
}

#[derive(serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct FiveSOverview {
    inspections: Vec<InspectionSummary>,
    trend: Vec<TrendPoint>,
    open_findings: Vec<Finding>,
}

#[command(Read)]
pub fn five_s_get(s: &mut Store, id: i64) -> AppResult<Inspection> {
    five_s::get(s.conn(), id, dates::today())
}

#[command(Manage)]
pub fn five_s_record(
    s: &mut Store, id: Option<i64>, #[arg("5S检查")] input: InspectionInput
) -> AppResult<Inspection> {
    five_s::record(s, id, &input, dates::today())
}

#[command(Manage)]
pub fn five_s_close_finding(s: &mut Store, id: i64, closed_on: String) -> AppResult<Finding> {
    five_s::close_finding(s, id, &closed_on, dates::today())
}

// ---- 培训 ----

/// A year's trainings, and every planned one not held.
#[command(Read)]
pub fn trainings_list(s: &mut Store, year: i32) -> AppResult<Vec<Training>> {
    training::list(s.conn(), year, dates::today())
}

#[command(Read)]
pub fn training_get(s: &mut Store, id: i64) -> AppResult<Training> {
    training::get(s.conn(), id, dates::today())
}

/// A year's totals.
#[command(Read)]
pub fn trainings_year(s: &mut Store, year: i32) -> AppResult<TrainingYear> {
    training::year_summary(s.conn(), year, dates::today())
}

/// Plans or records a training (`id` None), or changes one.
#[command(Training)]
pub fn training_save(s: &mut Store, id: Option<i64>, #[arg("培训")] input: TrainingInput) -> AppResult<Training> {
    training::save(s, id, &input, dates::today())
}

/// Cancels a plan not held.
#[command(Training)]
pub fn training_cancel(s: &mut Store, id: i64) -> AppResult<()> {
    training::cancel(s, id)
}

/// A roster person's trainings (their card).
#[command(Read)]
pub fn staff_trainings(s: &mut Store, id: i64) -> AppResult<Vec<PersonTraining>> {
    training::of_staff(s.conn(), id)
}

/// Certificates to renew.
#[command(Read)]
pub fn certificates_due(s: &mut Store) -> AppResult<Vec<CertificateDue>> {
    training::certificates_due(s.conn(), dates::today())
}

// ---- 服务礼仪 ----

/// The service standards register; `all` also the retired ones.
#[command(Read)]
pub fn standards_list(s: &mut Store, all: bool) -> AppResult<Vec<moto4s_core::staff::standards::ServiceStandard>> {
    moto4s_core::staff::standards::list(s.conn(), all)
}

/// Adds (`id` None) or changes an entry of the register.
#[command(Manage)]
pub fn standard_save(
    s: &mut Store,
    id: Option<i64>,
    #[arg("服务规范")] input: moto4s_core::staff::standards::StandardInput,
) -> AppResult<moto4s_core::staff::standards::ServiceStandard> {
    moto4s_core::staff::standards::save(s, id, &input)
}

/// A month's etiquette checks (礼仪检查).
#[command(Read)]
pub fn etiquette_checks(s: &mut Store, month: String) -> AppResult<Vec<moto4s_core::staff::standards::EtiquetteCheck>> {
    moto4s_core::staff::standards::checks_of_month(s.conn(), moto4s_core::dates::Month::parse(&month)?)
}

/// A month's checks by person.
#[command(Read)]
pub fn etiquette_by_person(
    s: &mut Store,
    month: String,
) -> AppResult<Vec<moto4s_core::staff::standards::PersonEtiquette>> {
    moto4s_core::staff::standards::month_by_person(s.conn(), moto4s_core::dates::Month::parse(&month)?)
}

/// Records a check of one person against the standards in use.
#[command(Manage)]
pub fn etiquette_check_record(
    s: &mut Store,
    #[arg("礼仪检查")] input: moto4s_core::staff::standards::CheckInput,
) -> AppResult<moto4s_core::staff::standards::EtiquetteCheck> {
    moto4s_core::staff::standards::record_check(s, &input, dates::today())
}

/// 考核项目: each duty's appraisal items; `all` also the retired ones.
#[command(Read)]
pub fn appraisal_items(s: &mut Store, all: bool) -> AppResult<Vec<appraisal::AppraisalItem>> {
    appraisal::items(s.conn(), all)
}

/// Adds (`id` None) or changes an appraisal item.
#[command(Manage)]
pub fn appraisal_item_save(
    s: &mut Store,
    id: Option<i64>,
    #[arg("考核项目")] input: appraisal::AppraisalItemInput,
) -> AppResult<appraisal::AppraisalItem> {
    appraisal::save_item(s, id, &input)
}

/// The month's sheets (the last closed month when none is given).
#[command(Manage)]
pub fn appraisals_month(s: &mut Store, month: Option<String>) -> AppResult<appraisal::AppraisalMonth> {
    let m = month
        .filter(|m| !m.is_empty())
        .map(|m| dates::Month::parse(&m))
        .transpose()?;
    appraisal::month_view(s.conn(), m, dates::today())
}

/// One sheet: the manager's, or the person's own.
#[command(Read)]
pub fn appraisal_get(s: &mut Store, id: i64) -> AppResult<appraisal::Appraisal> {
    let a = appraisal::get(s.conn(), id)?;
    appraisal::may_see(s, a.staff_id)?;
    Ok(a)
}

/// A person's last 12 months: the manager's, or the person's own.
#[command(Read)]
pub fn appraisal_history(s: &mut Store, staff_id: i64) -> AppResult<Vec<appraisal::AppraisalRow>> {
    appraisal::may_see(s, staff_id)?;
    let last = moto4s_core::closing::last_closed(s.conn())?.unwrap_or_else(|| dates::Month::of(dates::today()).prev());
    appraisal::history(s.conn(), staff_id, last)
}

/// The signed-in person's own sheets (我的考核).
#[command(Read)]
pub fn appraisals_mine(s: &mut Store) -> AppResult<Vec<appraisal::AppraisalRow>> {
    appraisal::mine(s, dates::today())
}

/// Makes a person's sheet for a closed month.
#[command(Manage)]
pub fn appraisal_make(s: &mut Store, staff_id: i64, month: String) -> AppResult<appraisal::Appraisal> {
    appraisal::make(s, staff_id, dates::Month::parse(&month)?)
}

/// The manager's scores, 奖惩 and remarks on a draft.
#[command(Manage)]
pub fn appraisal_update(
    s: &mut Store,
    id: i64,
    #[arg("考核表")] input: appraisal::AppraisalInput,
) -> AppResult<appraisal::Appraisal> {
    appraisal::update(s, id, &input)
}

/// 定稿.
#[command(Manage)]
pub fn appraisal_finalise(s: &mut Store, id: i64) -> AppResult<appraisal::Appraisal> {
    appraisal::finalise(s, id)
}

/// Deletes a draft.
#[command(Manage)]
pub fn appraisal_delete(s: &mut Store, id: i64) -> AppResult<()> {
    appraisal::delete_draft(s, id)
}

/// 设备工具: the register; `scrapped` also the scrapped items.
#[command(Read)]
pub fn equipment_register(s: &mut Store, scrapped: bool) -> AppResult<equipment::EquipmentRegister> {
    equipment::register(s.conn(), scrapped, dates::today())
}

/// 借用记录: an item's loans, newest first.
#[command(Read)]
pub fn equipment_loans(s: &mut Store, id: i64) -> AppResult<Vec<equipment::Loan>> {
    equipment::loans(s.conn(), id, dates::today())
}

/// Adds (`id` None) or changes an item.
#[command(Manage)]
pub fn equipment_save(
    s: &mut Store,
    id: Option<i64>,
    #[arg("设备工具")] input: equipment::EquipmentInput,
) -> AppResult<equipment::Equipment> {
    equipment::save(s, id, &input, dates::today())
}

/// 保养/校准 done on a day.
#[command(Manage)]
pub fn equipment_serviced(s: &mut Store, id: i64, on: String) -> AppResult<equipment::Equipment> {
    equipment::serviced(s, id, &on, dates::today())
}

/// 借出.
#[command(Manage)]
pub fn equipment_lend(
    s: &mut Store,
    id: i64,
    #[arg("借出")] input: equipment::LoanInput,
) -> AppResult<equipment::Equipment> {
    equipment::lend(s, id, &input, dates::today())
}

/// 归还.
#[command(Manage)]
pub fn equipment_give_back(s: &mut Store, id: i64, on: String) -> AppResult<equipment::Equipment> {
    equipment::give_back(s, id, &on, dates::today())
}

/// 报废 with a reason.
#[command(Manage)]
pub fn equipment_scrap(s: &mut Store, id: i64, on: String, reason: String) -> AppResult<equipment::Equipment> {
    equipment::scrap(s, id, &on, &reason, dates::today())
}
