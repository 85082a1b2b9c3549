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

use super::{blocking, parse_arg, Shared};

#[tauri::command]
pub async fn staff_list(state: Shared<'_>) -> AppResult<Vec<Staff>> {
    blocking(state, |st| {
        st.with_store("staff_list", |s| roster::list(s.conn(), dates::today()))
    })
    .await
}

#[tauri::command]
pub async fn staff_save(state: Shared<'_>, id: Option<i64>, input: serde_json::Value) -> AppResult<Staff> {
    blocking(state, move |st| {
        st.with_store("staff_save", |s| {
            let input: StaffInput = parse_arg("人员资料", input)?;
            roster::save(s, id, &input, dates::today())
        })
    })
    .await
}

/// The plan for the settings' annual sales, or for `annual_sales` when the
/// manager tries another figure; `small_agent` saves the shop's choice.
#[tauri::command]
pub async fn staffing_plan(
    state: Shared<'_>,
    annual_sales: Option<i64>,
    small_agent: Option<bool>,
) -> AppResult<StaffingPlan> {
    blocking(state, move |st| {
        st.with_store("staffing_plan", |s| {
            if let Some(on) = small_agent {
                roster::set_small_agent(s, on)?;
            }
            let sales = match annual_sales {
                Some(n) => n.max(0),
                None => settings::load(s.conn())?.unwrap_or_default().annual_vehicle_sales,
            };
            let small = roster::small_agent(s.conn())?;
            roster::plan(s.conn(), sales, small, dates::today())
        })
    })
    .await
}

#[tauri::command]
pub async fn descriptions_all(state: Shared<'_>) -> AppResult<Vec<Description>> {
    blocking(state, |st| {
        st.with_store("descriptions_all", |s| descriptions::all(s.conn()))
    })
    .await
}

#[tauri::command]
pub async fn description_save(state: Shared<'_>, code: String, input: serde_json::Value) -> AppResult<Description> {
    blocking(state, move |st| {
        st.with_store("description_save", |s| {
            let input: DescriptionInput = parse_arg("岗位说明书", input)?;
            descriptions::save(s, &code, &input)
        })
    })
    .await
}

#[tauri::command]
pub async fn description_reset(state: Shared<'_>, code: String) -> AppResult<Description> {
    blocking(state, move |st| {
        st.with_store("description_reset", |s| descriptions::reset(s, &code))
    })
    .await
}

/// The 5S checklist; inactive items too when `all`.
#[tauri::command]
pub async fn five_s_checklist(state: Shared<'_>, all: bool) -> AppResult<Vec<ChecklistItem>> {
    blocking(state, move |st| {
        st.with_store("five_s_checklist", |s| five_s::checklist(s.conn(), all))
    })
    .await
}

#[tauri::command]
pub async fn five_s_item_save(
    state: Shared<'_>,
    id: Option<i64>,
    input: serde_json::Value,
) -> AppResult<ChecklistItem> {
    blocking(state, move |st| {
        st.with_store("five_s_item_save", |s| {
            let input: ChecklistItemInput = parse_arg("检查项目", input)?;
            five_s::save_item(s, id, &input)
        })
    })
    .await
}

/// The inspections, newest first, the 12-month trend and the open findings.
#[tauri::command]
pub async fn five_s_overview(state: Shared<'_>) -> AppResult<FiveSOverview> {
    blocking(state, |st| {
        st.with_store("five_s_overview", |s| {
            let today = dates::today();
            Ok(FiveSOverview {
                inspections: five_s::list(s.conn())?,
                trend: five_s::trend(s.conn(), dates::Month::of(today))?,
                open_findings: five_s::open_findings(s.conn(), today)?,
            })
        })
    })
    .await
}

#[derive(serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct FiveSOverview {
    inspections: Vec<InspectionSummary>,
    trend: Vec<TrendPoint>,
    open_findings: Vec<Finding>,
}

#[tauri::command]
pub async fn five_s_get(state: Shared<'_>, id: i64) -> AppResult<Inspection> {
    blocking(state, move |st| {
        st.with_store("five_s_get", |s| five_s::get(s.conn(), id, dates::today()))
    })
    .await
}

#[tauri::command]
pub async fn five_s_record(state: Shared<'_>, id: Option<i64>, input: serde_json::Value) -> AppResult<Inspection> {
    blocking(state, move |st| {
        st.with_store("five_s_record", |s| {
            let input: InspectionInput = parse_arg("5S检查", input)?;
            five_s::record(s, id, &input, dates::today())
        })
    })
    .await
}

#[tauri::command]
pub async fn five_s_close_finding(state: Shared<'_>, id: i64, closed_on: String) -> AppResult<Finding> {
    blocking(state, move |st| {
        st.with_store("five_s_close_finding", |s| {
            five_s::close_finding(s, id, &closed_on, dates::today())
        })
    })
    .await
}

// ---- 培训 ----

/// A year's trainings, and every planned one not held.
#[tauri::command]
pub async fn trainings_list(state: Shared<'_>, year: i32) -> AppResult<Vec<Training>> {
    blocking(state, move |st| {
        st.with_store("trainings_list", |s| training::list(s.conn(), year, dates::today()))
    })
    .await
}

#[tauri::command]
pub async fn training_get(state: Shared<'_>, id: i64) -> AppResult<Training> {
    blocking(state, move |st| {
        st.with_store("training_get", |s| training::get(s.conn(), id, dates::today()))
    })
    .await
}

/// A year's totals.
#[tauri::command]
pub async fn trainings_year(state: Shared<'_>, year: i32) -> AppResult<TrainingYear> {
    blocking(state, move |st| {
        st.with_store("trainings_year", |s| {
            training::year_summary(s.conn(), year, dates::today())
        })
    })
    .await
}

/// Plans or records a training (`id` None), or changes one.
#[tauri::command]
pub async fn training_save(state: Shared<'_>, id: Option<i64>, input: serde_json::Value) -> AppResult<Training> {
    blocking(state, move |st| {
        st.with_store("training_save", |s| {
            let input: TrainingInput = parse_arg("培训", input)?;
            training::save(s, id, &input, dates::today())
        })
    })
    .await
}

/// Cancels a plan not held.
#[tauri::command]
pub async fn training_cancel(state: Shared<'_>, id: i64) -> AppResult<()> {
    blocking(state, move |st| {
        st.with_store("training_cancel", |s| training::cancel(s, id))
    })
    .await
}

/// A roster person's trainings (their card).
#[tauri::command]
pub async fn staff_trainings(state: Shared<'_>, id: i64) -> AppResult<Vec<PersonTraining>> {
    blocking(state, move |st| {
        st.with_store("staff_trainings", |s| training::of_staff(s.conn(), id))
    })
    .await
}

/// Certificates to renew.
#[tauri::command]
pub async fn certificates_due(state: Shared<'_>) -> AppResult<Vec<CertificateDue>> {
    blocking(state, move |st| {
        st.with_store("certificates_due", |s| {
            training::certificates_due(s.conn(), dates::today())
        })
    })
    .await
}

// ---- 服务礼仪 ----

/// The service standards register; `all` also the retired ones.
#[tauri::command]
pub async fn standards_list(
    state: Shared<'_>,
    all: bool,
) -> AppResult<Vec<moto4s_core::staff::standards::ServiceStandard>> {
    blocking(state, move |st| {
        st.with_store("standards_list", |s| moto4s_core::staff::standards::list(s.conn(), all))
    })
    .await
}

/// Adds (`id` None) or changes an entry of the register.
#[tauri::command]
pub async fn standard_save(
    state: Shared<'_>,
    id: Option<i64>,
    input: serde_json::Value,
) -> AppResult<moto4s_core::staff::standards::ServiceStandard> {
    blocking(state, move |st| {
        st.with_store("standard_save", |s| {
            let input: moto4s_core::staff::standards::StandardInput = parse_arg("服务规范", input)?;
            moto4s_core::staff::standards::save(s, id, &input)
        })
    })
    .await
}

/// A month's etiquette checks (礼仪检查).
#[tauri::command]
pub async fn etiquette_checks(
    state: Shared<'_>,
    month: String,
) -> AppResult<Vec<moto4s_core::staff::standards::EtiquetteCheck>> {
    blocking(state, move |st| {
        st.with_store("etiquette_checks", |s| {
            moto4s_core::staff::standards::checks_of_month(s.conn(), moto4s_core::dates::Month::parse(&month)?)
        })
    })
    .await
}

/// A month's checks by person.
#[tauri::command]
pub async fn etiquette_by_person(
    state: Shared<'_>,
    month: String,
) -> AppResult<Vec<moto4s_core::staff::standards::PersonEtiquette>> {
    blocking(state, move |st| {
        st.with_store("etiquette_by_person", |s| {
            moto4s_core::staff::standards::month_by_person(s.conn(), moto4s_core::dates::Month::parse(&month)?)
        })
    })
    .await
}

/// Records a check of one person against the standards in use.
#[tauri::command]
pub async fn etiquette_check_record(
    state: Shared<'_>,
    input: serde_json::Value,
) -> AppResult<moto4s_core::staff::standards::EtiquetteCheck> {
    blocking(state, move |st| {
        st.with_store("etiquette_check_record", |s| {
            let input: moto4s_core::staff::standards::CheckInput = parse_arg("礼仪检查", input)?;
            moto4s_core::staff::standards::record_check(s, &input, dates::today())
        })
    })
    .await
}

/// 考核项目: each duty's appraisal items; `all` also the retired ones.
#[tauri::command]
pub async fn appraisal_items(state: Shared<'_>, all: bool) -> AppResult<Vec<appraisal::AppraisalItem>> {
    blocking(state, move |st| {
        st.with_store("appraisal_items", |s| appraisal::items(s.conn(), all))
    })
    .await
}

/// Adds (`id` None) or changes an appraisal item.
#[tauri::command]
pub async fn appraisal_item_save(
    state: Shared<'_>,
    id: Option<i64>,
    input: serde_json::Value,
) -> AppResult<appraisal::AppraisalItem> {
    blocking(state, move |st| {
        st.with_store("appraisal_item_save", |s| {
            let input: appraisal::AppraisalItemInput = parse_arg("考核项目", input)?;
            appraisal::save_item(s, id, &input)
        })
    })
    .await
}

/// The month's sheets (the last closed month when none is given).
#[tauri::command]
pub async fn appraisals_month(state: Shared<'_>, month: Option<String>) -> AppResult<appraisal::AppraisalMonth> {
    blocking(state, move |st| {
        st.with_store("appraisals_month", |s| {
            let m = month
                .filter(|m| !m.is_empty())
                .map(|m| dates::Month::parse(&m))
                .transpose()?;
            appraisal::month_view(s.conn(), m, dates::today())
        })
    })
    .await
}

/// One sheet: the manager's, or the person's own.
#[tauri::command]
pub async fn appraisal_get(state: Shared<'_>, id: i64) -> AppResult<appraisal::Appraisal> {
    blocking(state, move |st| {
        st.with_store("appraisal_get", |s| {
            let a = appraisal::get(s.conn(), id)?;
            appraisal::may_see(s, a.staff_id)?;
            Ok(a)
        })
    })
    .await
}

/// A person's last 12 months: the manager's, or the person's own.
#[tauri::command]
pub async fn appraisal_history(state: Shared<'_>, staff_id: i64) -> AppResult<Vec<appraisal::AppraisalRow>> {
    blocking(state, move |st| {
        st.with_store("appraisal_history", |s| {
            appraisal::may_see(s, staff_id)?;
            let last =
                moto4s_core::closing::last_closed(s.conn())?.unwrap_or_else(|| dates::Month::of(dates::today()).prev());
            appraisal::history(s.conn(), staff_id, last)
        })
    })
    .await
}

/// The signed-in person's own sheets (我的考核).
#[tauri::command]
pub async fn appraisals_mine(state: Shared<'_>) -> AppResult<Vec<appraisal::AppraisalRow>> {
    blocking(state, |st| {
        st.with_store("appraisals_mine", |s| appraisal::mine(s, dates::today()))
    })
    .await
}

/// Makes a person's sheet for a closed month.
#[tauri::command]
pub async fn appraisal_make(state: Shared<'_>, staff_id: i64, month: String) -> AppResult<appraisal::Appraisal> {
    blocking(state, move |st| {
        st.with_store("appraisal_make", |s| {
            appraisal::make(s, staff_id, dates::Month::parse(&month)?)
        })
    })
    .await
}

/// The manager's scores, 奖惩 and remarks on a draft.
#[tauri::command]
pub async fn appraisal_update(state: Shared<'_>, id: i64, input: serde_json::Value) -> AppResult<appraisal::Appraisal> {
    blocking(state, move |st| {
        st.with_store("appraisal_update", |s| {
            let input: appraisal::AppraisalInput = parse_arg("考核表", input)?;
            appraisal::update(s, id, &input)
        })
    })
    .await
}

/// 定稿.
#[tauri::command]
pub async fn appraisal_finalise(state: Shared<'_>, id: i64) -> AppResult<appraisal::Appraisal> {
    blocking(state, move |st| {
        st.with_store("appraisal_finalise", |s| appraisal::finalise(s, id))
    })
    .await
}

/// Deletes a draft.
#[tauri::command]
pub async fn appraisal_delete(state: Shared<'_>, id: i64) -> AppResult<()> {
    blocking(state, move |st| {
        st.with_store("appraisal_delete", |s| appraisal::delete_draft(s, id))
    })
    .await
}

/// 设备工具: the register; `scrapped` also the scrapped items.
#[tauri::command]
pub async fn equipment_register(state: Shared<'_>, scrapped: bool) -> AppResult<equipment::EquipmentRegister> {
    blocking(state, move |st| {
        st.with_store("equipment_register", |s| {
            equipment::register(s.conn(), scrapped, dates::today())
        })
    })
    .await
}

/// 借用记录: an item's loans, newest first.
#[tauri::command]
pub async fn equipment_loans(state: Shared<'_>, id: i64) -> AppResult<Vec<equipment::Loan>> {
    blocking(state, move |st| {
        st.with_store("equipment_loans", |s| equipment::loans(s.conn(), id, dates::today()))
    })
    .await
}

/// Adds (`id` None) or changes an item.
#[tauri::command]
pub async fn equipment_save(
    state: Shared<'_>,
    id: Option<i64>,
    input: serde_json::Value,
) -> AppResult<equipment::Equipment> {
    blocking(state, move |st| {
        st.with_store("equipment_save", |s| {
            let input: equipment::EquipmentInput = parse_arg("设备工具", input)?;
            equipment::save(s, id, &input, dates::today())
        })
    })
    .await
}

/// 保养/校准 done on a day.
#[tauri::command]
pub async fn equipment_serviced(state: Shared<'_>, id: i64, on: String) -> AppResult<equipment::Equipment> {
    blocking(state, move |st| {
        st.with_store("equipment_serviced", |s| {
            equipment::serviced(s, id, &on, dates::today())
        })
    })
    .await
}

/// 借出.
#[tauri::command]
pub async fn equipment_lend(state: Shared<'_>, id: i64, input: serde_json::Value) -> AppResult<equipment::Equipment> {
    blocking(state, move |st| {
        st.with_store("equipment_lend", |s| {
            let input: equipment::LoanInput = parse_arg("借出", input)?;
            equipment::lend(s, id, &input, dates::today())
        })
    })
    .await
}

/// 归还.
#[tauri::command]
pub async fn equipment_give_back(state: Shared<'_>, id: i64, on: String) -> AppResult<equipment::Equipment> {
    blocking(state, move |st| {
        st.with_store("equipment_give_back", |s| {
            equipment::give_back(s, id, &on, dates::today())
        })
    })
    .await
}

/// 报废 with a reason.
#[tauri::command]
pub async fn equipment_scrap(
    state: Shared<'_>,
    id: i64,
    on: String,
    reason: String,
) -> AppResult<equipment::Equipment> {
    blocking(state, move |st| {
        st.with_store("equipment_scrap", |s| {
            equipment::scrap(s, id, &on, &reason, dates::today())
        })
    })
    .await
}
