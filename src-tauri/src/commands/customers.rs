//! 客户与维修：customers and vehicles, filing, sales figures, follow-ups,
//! inspections, repair orders, their rules and indicators 11–20.

use moto4s_core::customers::complaint::{
    self, Complaint, ComplaintCloseInput, ComplaintInput, ComplaintMonth, ComplaintQuery, ComplaintStepInput,
};
use moto4s_core::customers::customer::{self, CustomerInput, CustomerPage};
use moto4s_core::customers::file::{self, CustomerDetail};
use moto4s_core::customers::filing::{self, FeeBatch, FeeBatchInput, FileInput};
use moto4s_core::customers::follow_up::{self, DueFollowUp, FollowUp, FollowUpInput};
use moto4s_core::customers::import::{self as customer_import, CustomerImport};
use moto4s_core::customers::indicators::{self, CustomerIndicators};
use moto4s_core::customers::inspection::{self, DueInspection, Inspection, InspectionInput};
use moto4s_core::customers::repair::{
    self, CompleteInput, DeliverInput, RepairInput, RepairOrder, RepairPartInput, RepairQuery,
};
use moto4s_core::customers::rules::{self, ServiceRules, ServiceRulesInput};
use moto4s_core::customers::sales::{self, SalesInput, SalesMonth};
use moto4s_core::customers::vehicle::{self, Vehicle, VehicleInput};
use moto4s_core::dates::{self, Month};
use moto4s_core::targets::{with_marks, WithMarks};
use moto4s_core::AppResult;

use super::{blocking, file_path, parse_arg, Shared};

// ---- 客户与车辆 ----

/// A page of 50 customers (`page` from 1), with the true total found.
#[tauri::command]
pub async fn customers_search(state: Shared<'_>, q: String, page: Option<i64>) -> AppResult<CustomerPage> {
    blocking(state, move |st| {
        st.with_store("customers_search", |s| {
            let offset = (page.unwrap_or(1).max(1) - 1) * CUSTOMER_PAGE;
            customer::search_page(s.conn(), &q, offset, CUSTOMER_PAGE)
        })
    })
    .await
}

/// Customers on a page of the 客户 list.
const CUSTOMER_PAGE: i64 = 50;

#[tauri::command]
pub async fn customer_detail(state: Shared<'_>, id: i64) -> AppResult<CustomerDetail> {
    blocking(state, move |st| {
        st.with_store("customer_detail", |s| file::detail(s.conn(), id, dates::now()))
    })
    .await
}

#[tauri::command]
pub async fn customer_update(state: Shared<'_>, id: i64, input: serde_json::Value) -> AppResult<customer::Customer> {
    blocking(state, move |st| {
        st.with_store("customer_update", |s| {
            let input: CustomerInput = parse_arg("客户资料", input)?;
            customer::update(s, id, &input)
        })
    })
    .await
}

#[tauri::command]
pub async fn vehicle_save(state: Shared<'_>, id: Option<i64>, input: serde_json::Value) -> AppResult<Vehicle> {
    blocking(state, move |st| {
        st.with_store("vehicle_save", |s| {
            let input: VehicleInput = parse_arg("车辆资料", input)?;
            match id {
                Some(id) => vehicle::update(s, id, &input, dates::today()),
                None => vehicle::create(s, &input, dates::today()),
            }
        })
    })
    .await
}

#[tauri::command]
pub async fn customers_import_preview(state: Shared<'_>, path: String) -> AppResult<CustomerImport> {
    blocking(state, move |st| {
        st.with_store("customers_import_preview", |s| {
            let path = file_path(&path)?;
            customer_import::preview(s, &path, dates::today())
        })
    })
    .await
}

#[tauri::command]
pub async fn customers_import_apply(state: Shared<'_>, path: String) -> AppResult<CustomerImport> {
    blocking(state, move |st| {
        st.with_store("customers_import_apply", |s| {
            let path = file_path(&path)?;
            customer_import::apply(s, &path, dates::today())
        })
    })
    .await
}

#[tauri::command]
pub async fn customers_export(state: Shared<'_>, path: String) -> AppResult<usize> {
    blocking(state, move |st| {
        st.with_store("customers_export", |s| {
            let path = file_path(&path)?;
            customer_import::export(s.conn(), &path)
        })
    })
    .await
}

// ---- 建档 ----

#[tauri::command]
pub async fn filing_pending(state: Shared<'_>) -> AppResult<Vec<Vehicle>> {
    blocking(state, |st| {
        st.with_store("filing_pending", |s| filing::pending_files(s.conn(), 500))
    })
    .await
}

#[tauri::command]
pub async fn fees_unreturned(state: Shared<'_>) -> AppResult<Vec<Vehicle>> {
    blocking(state, |st| {
        st.with_store("fees_unreturned", |s| filing::unreturned_fees(s.conn(), 1000))
    })
    .await
}

#[tauri::command]
pub async fn file_record(state: Shared<'_>, vehicle_id: i64, input: serde_json::Value) -> AppResult<Vehicle> {
    blocking(state, move |st| {
        st.with_store("file_record", |s| {
            let input: FileInput = parse_arg("建档登记", input)?;
            filing::record_file(s, vehicle_id, &input, dates::today())
        })
    })
    .await
}

#[tauri::command]
pub async fn fee_batch_create(state: Shared<'_>, input: serde_json::Value) -> AppResult<FeeBatch> {
    blocking(state, move |st| {
        st.with_store("fee_batch_create", |s| {
            let input: FeeBatchInput = parse_arg("建档费返厂", input)?;
            filing::create_batch(s, &input, dates::today())
        })
    })
    .await
}

#[tauri::command]
pub async fn fee_batches(state: Shared<'_>) -> AppResult<Vec<FeeBatch>> {
    blocking(state, |st| {
        st.with_store("fee_batches", |s| filing::batches(s.conn(), 100))
    })
    .await
}

#[tauri::command]
pub async fn fee_batch(state: Shared<'_>, id: i64) -> AppResult<FeeBatch> {
    blocking(state, move |st| {
        st.with_store("fee_batch", |s| filing::batch(s.conn(), id))
    })
    .await
}

// ---- 整车销售 ----

#[tauri::command]
pub async fn sales_get(state: Shared<'_>, month: String) -> AppResult<SalesMonth> {
    blocking(state, move |st| {
        st.with_store("sales_get", |s| {
            let m = Month::parse(&month)?;
            sales::get(s.conn(), m)
        })
    })
    .await
}

#[tauri::command]
pub async fn sales_set(state: Shared<'_>, input: serde_json::Value) -> AppResult<SalesMonth> {
    blocking(state, move |st| {
        st.with_store("sales_set", |s| {
            let input: SalesInput = parse_arg("整车销售", input)?;
            sales::set(s, &input, dates::today())
        })
    })
    .await
}

// ---- 投诉处理 ----

#[tauri::command]
pub async fn complaints_list(state: Shared<'_>, query: serde_json::Value) -> AppResult<Vec<Complaint>> {
    blocking(state, move |st| {
        st.with_store("complaints_list", |s| {
            let q: ComplaintQuery = parse_arg("投诉查询", query)?;
            complaint::list(s.conn(), &q, dates::today())
        })
    })
    .await
}

#[tauri::command]
pub async fn complaint_get(state: Shared<'_>, id: i64) -> AppResult<Complaint> {
    blocking(state, move |st| {
        st.with_store("complaint_get", |s| complaint::get(s.conn(), id, dates::today()))
    })
    .await
}

/// 受理 a new complaint (`id` None) or correct an open one.
#[tauri::command]
pub async fn complaint_save(state: Shared<'_>, id: Option<i64>, input: serde_json::Value) -> AppResult<Complaint> {
    blocking(state, move |st| {
        st.with_store("complaint_save", |s| {
            let input: ComplaintInput = parse_arg("投诉登记", input)?;
            match id {
                None => complaint::open(s, &input, dates::today()),
                Some(id) => complaint::update(s, id, &input, dates::today()),
            }
        })
    })
    .await
}

#[tauri::command]
pub async fn complaint_add_step(state: Shared<'_>, id: i64, input: serde_json::Value) -> AppResult<Complaint> {
    blocking(state, move |st| {
        st.with_store("complaint_add_step", |s| {
            let input: ComplaintStepInput = parse_arg("处理措施", input)?;
            complaint::add_step(s, id, &input, dates::today())
        })
    })
    .await
}

#[tauri::command]
pub async fn complaint_close(state: Shared<'_>, id: i64, input: serde_json::Value) -> AppResult<Complaint> {
    blocking(state, move |st| {
        st.with_store("complaint_close", |s| {
            let input: ComplaintCloseInput = parse_arg("结案", input)?;
            complaint::close(s, id, &input, dates::today())
        })
    })
    .await
}

/// 投诉统计: the month's counts by category and by staff member.
#[tauri::command]
pub async fn complaints_month(state: Shared<'_>, month: String) -> AppResult<ComplaintMonth> {
    blocking(state, move |st| {
        st.with_store("complaints_month", |s| {
            complaint::month_summary(s.conn(), Month::parse(&month)?, dates::today())
        })
    })
    .await
}

/// The register as listed, as .xlsx.
#[tauri::command]
pub async fn complaints_export(state: Shared<'_>, query: serde_json::Value, path: String) -> AppResult<usize> {
    blocking(state, move |st| {
        st.with_store("complaints_export", |s| {
            let q: ComplaintQuery = parse_arg("投诉查询", query)?;
            let path = file_path(&path)?;
            complaint::export(s.conn(), &q, dates::today(), &path)
        })
    })
    .await
}

/// 满意度分析: the month's satisfaction from the follow-up calls.
#[tauri::command]
pub async fn satisfaction_month(
    state: Shared<'_>,
    month: String,
) -> AppResult<moto4s_core::customers::satisfaction::SatisfactionMonth> {
    blocking(state, move |st| {
        st.with_store("satisfaction_month", |s| {
            moto4s_core::customers::satisfaction::month_report(s.conn(), Month::parse(&month)?)
        })
    })
    .await
}

/// 流失客户: customers not seen for `months`, a page at a time.
#[tauri::command]
pub async fn lost_customers(
    state: Shared<'_>,
    months: Option<u32>,
    page: Option<i64>,
) -> AppResult<moto4s_core::customers::lost::LostPage> {
    blocking(state, move |st| {
        st.with_store("lost_customers", |s| {
            // the shop's rule unless the list looks further
            let months = match months {
                Some(m) => m,
                None => moto4s_core::customers::lost::rule_months(s.conn())?,
            };
            moto4s_core::customers::lost::list(s.conn(), months, page.unwrap_or(1), dates::today())
        })
    })
    .await
}

/// Records a call-back's result (会再来, or why the customer was lost).
#[tauri::command]
pub async fn lost_record(state: Shared<'_>, input: serde_json::Value) -> AppResult<()> {
    blocking(state, move |st| {
        st.with_store("lost_record", |s| {
            let input: moto4s_core::customers::lost::LostInput = parse_arg("流失客户回访", input)?;
            moto4s_core::customers::lost::record(s, &input, dates::today())
        })
    })
    .await
}

/// A year's call-backs by reason.
#[tauri::command]
pub async fn lost_year(state: Shared<'_>, year: i32) -> AppResult<moto4s_core::customers::lost::LostYear> {
    blocking(state, move |st| {
        st.with_store("lost_year", |s| {
            moto4s_core::customers::lost::year_breakdown(s.conn(), year)
        })
    })
    .await
}

// ---- 回访 ----

#[tauri::command]
pub async fn follow_ups_due(state: Shared<'_>) -> AppResult<Vec<DueFollowUp>> {
    blocking(state, |st| {
        st.with_store("follow_ups_due", |s| {
            follow_up::due(s.conn(), dates::today(), follow_up::DESK_BACK_DAYS, 3)
        })
    })
    .await
}

#[tauri::command]
pub async fn follow_up_record(state: Shared<'_>, input: serde_json::Value) -> AppResult<FollowUp> {
    blocking(state, move |st| {
        st.with_store("follow_up_record", |s| {
            let input: FollowUpInput = parse_arg("回访记录", input)?;
            follow_up::record(s, &input, dates::today())
        })
    })
    .await
}

/// The customers marked 无法回访 (shown apart from the due list).
#[tauri::command]
pub async fn follow_ups_unreachable(state: Shared<'_>) -> AppResult<Vec<follow_up::Unreachable>> {
    blocking(state, |st| {
        st.with_store("follow_ups_unreachable", |s| follow_up::unreachable(s.conn()))
    })
    .await
}

/// Marks a customer 无法回访 with a reason, or clears the mark (reason "").
#[tauri::command]
pub async fn customer_set_unreachable(
    state: Shared<'_>,
    input: serde_json::Value,
) -> AppResult<Vec<follow_up::Unreachable>> {
    blocking(state, move |st| {
        st.with_store("customer_set_unreachable", |s| {
            let input: follow_up::UnreachableInput = parse_arg("无法回访", input)?;
            follow_up::set_unreachable(s, &input, dates::today())?;
            follow_up::unreachable(s.conn())
        })
    })
    .await
}

#[tauri::command]
pub async fn follow_ups_list(state: Shared<'_>, month: String) -> AppResult<Vec<FollowUp>> {
    blocking(state, move |st| {
        st.with_store("follow_ups_list", |s| {
            let m = Month::parse(&month)?;
            follow_up::list(s.conn(), Some(m), None)
        })
    })
    .await
}

/// The month's calls, as .xlsx.
#[tauri::command]
pub async fn follow_ups_export(state: Shared<'_>, month: String, path: String) -> AppResult<usize> {
    blocking(state, move |st| {
        st.with_store("follow_ups_export", |s| {
            let m = Month::parse(&month)?;
            let path = file_path(&path)?;
            follow_up::export_month(s.conn(), m, &path)
        })
    })
    .await
}

/// The month's inspections due, done or not, as .xlsx.
#[tauri::command]
pub async fn inspections_export(state: Shared<'_>, month: String, path: String) -> AppResult<usize> {
    blocking(state, move |st| {
        st.with_store("inspections_export", |s| {
            let m = Month::parse(&month)?;
            let path = file_path(&path)?;
            inspection::export_month(s.conn(), m, &path)
        })
    })
    .await
}

// ---- 点检 ----

#[tauri::command]
pub async fn inspections_due(state: Shared<'_>, month: String) -> AppResult<Vec<DueInspection>> {
    blocking(state, move |st| {
        st.with_store("inspections_due", |s| {
            let m = Month::parse(&month)?;
            inspection::due_in(s.conn(), m)
        })
    })
    .await
}

#[tauri::command]
pub async fn inspection_record(state: Shared<'_>, input: serde_json::Value) -> AppResult<Inspection> {
    blocking(state, move |st| {
        st.with_store("inspection_record", |s| {
            let input: InspectionInput = parse_arg("点检记录", input)?;
            inspection::record(s, &input, dates::today())
        })
    })
    .await
}

#[tauri::command]
pub async fn inspections_list(state: Shared<'_>, month: String) -> AppResult<Vec<Inspection>> {
    blocking(state, move |st| {
        st.with_store("inspections_list", |s| {
            let m = Month::parse(&month)?;
            inspection::list(s.conn(), Some(m), None)
        })
    })
    .await
}

// ---- 维修单 ----

#[tauri::command]
pub async fn repairs_list(state: Shared<'_>, query: serde_json::Value) -> AppResult<Vec<RepairOrder>> {
    blocking(state, move |st| {
        st.with_store("repairs_list", |s| {
            let q: RepairQuery = parse_arg("查询条件", query)?;
            repair::list(s.conn(), &q, dates::now())
        })
    })
    .await
}

/// Every order the desk list's query finds, as .xlsx.
#[tauri::command]
pub async fn repairs_export(state: Shared<'_>, query: serde_json::Value, path: String) -> AppResult<usize> {
    blocking(state, move |st| {
        st.with_store("repairs_export", |s| {
            let q: RepairQuery = parse_arg("查询条件", query)?;
            let path = file_path(&path)?;
            repair::export(s.conn(), &q, dates::now(), &path)
        })
    })
    .await
}

#[tauri::command]
pub async fn repair_get(state: Shared<'_>, id: i64) -> AppResult<RepairOrder> {
    blocking(state, move |st| {
        st.with_store("repair_get", |s| repair::get(s.conn(), id, dates::now()))
    })
    .await
}

#[tauri::command]
pub async fn repair_save(state: Shared<'_>, id: Option<i64>, input: serde_json::Value) -> AppResult<RepairOrder> {
    blocking(state, move |st| {
        st.with_store("repair_save", |s| {
            let input: RepairInput = parse_arg("维修单", input)?;
            match id {
                Some(id) => repair::update(s, id, &input, dates::now()),
                None => repair::create(s, &input, dates::now()),
            }
        })
    })
    .await
}

#[tauri::command]
pub async fn repair_add_part(state: Shared<'_>, id: i64, input: serde_json::Value) -> AppResult<RepairOrder> {
    blocking(state, move |st| {
        st.with_store("repair_add_part", |s| {
            let input: RepairPartInput = parse_arg("领用配件", input)?;
            repair::add_part(s, id, &input, dates::now())
        })
    })
    .await
}

#[tauri::command]
pub async fn repair_remove_part(state: Shared<'_>, id: i64, line_id: i64, operator: String) -> AppResult<RepairOrder> {
    blocking(state, move |st| {
        st.with_store("repair_remove_part", |s| {
            repair::remove_part(s, id, line_id, &operator, dates::now())
        })
    })
    .await
}

#[tauri::command]
pub async fn repair_complete(state: Shared<'_>, id: i64, input: serde_json::Value) -> AppResult<RepairOrder> {
    blocking(state, move |st| {
        st.with_store("repair_complete", |s| {
            let input: CompleteInput = parse_arg("完工", input)?;
            repair::complete(s, id, &input, dates::now())
        })
    })
    .await
}

#[tauri::command]
pub async fn repair_deliver(state: Shared<'_>, id: i64, input: serde_json::Value) -> AppResult<RepairOrder> {
    blocking(state, move |st| {
        st.with_store("repair_deliver", |s| {
            let input: DeliverInput = parse_arg("交车结算", input)?;
            repair::deliver(s, id, &input, dates::now())
        })
    })
    .await
}

/// The repair kinds with their promised wait (minutes).
#[tauri::command]
pub async fn repair_kinds(state: Shared<'_>) -> AppResult<Vec<(String, String, u32)>> {
    blocking(state, |st| st.with_store("repair_kinds", |s| repair::kinds(s.conn()))).await
}

/// Technicians named on recent orders and inspections (suggestions).
#[tauri::command]
pub async fn repair_technicians(state: Shared<'_>) -> AppResult<Vec<String>> {
    blocking(state, |st| {
        st.with_store("repair_technicians", |s| repair::technicians(s.conn(), dates::today()))
    })
    .await
}

// ---- 规则与指标 ----

#[tauri::command]
pub async fn service_rules_get(state: Shared<'_>) -> AppResult<ServiceRules> {
    blocking(state, |st| {
        st.with_store("service_rules_get", |s| rules::load(s.conn()))
    })
    .await
}

/// The inspection schedules (点检周期) by the sale date they apply from.
#[tauri::command]
pub async fn inspection_schedules(state: Shared<'_>) -> AppResult<Vec<rules::InspectionSchedule>> {
    blocking(state, |st| {
        st.with_store("inspection_schedules", |s| rules::schedules(s.conn()))
    })
    .await
}

#[tauri::command]
pub async fn service_rules_save(state: Shared<'_>, input: serde_json::Value) -> AppResult<ServiceRules> {
    blocking(state, move |st| {
        st.with_store("service_rules_save", |s| {
            let input: ServiceRulesInput = parse_arg("回访与点检规则", input)?;
            rules::save(s, &input, dates::today())
        })
    })
    .await
}

#[tauri::command]
pub async fn customer_indicators(state: Shared<'_>, month: String) -> AppResult<WithMarks<CustomerIndicators>> {
    blocking(state, move |st| {
        st.with_store("customer_indicators", |s| {
            let m = Month::parse(&month)?;
            let figures = indicators::compute_to(s.conn(), m, dates::today())?;
            with_marks(s.conn(), figures, |f| {
                vec![(12, f.filing_rate), (14, f.follow_up_rate), (20, f.inspection_rate)]
            })
        })
    })
    .await
}

/// 服务项目: the list; `all` also those no longer used.
#[tauri::command]
pub async fn service_items(
    state: Shared<'_>,
    all: bool,
) -> AppResult<Vec<moto4s_core::customers::service::ServiceItem>> {
    blocking(state, move |st| {
        st.with_store("service_items", |s| {
            moto4s_core::customers::service::items(s.conn(), all)
        })
    })
    .await
}

/// Adds (`id` None) or changes a service item.
#[tauri::command]
pub async fn service_item_save(
    state: Shared<'_>,
    id: Option<i64>,
    input: serde_json::Value,
) -> AppResult<moto4s_core::customers::service::ServiceItem> {
    blocking(state, move |st| {
        st.with_store("service_item_save", |s| {
            let input: moto4s_core::customers::service::ServiceItemInput = parse_arg("服务项目", input)?;
            moto4s_core::customers::service::save_item(s, id, &input)
        })
    })
    .await
}

/// An order's process steps.
#[tauri::command]
pub async fn repair_steps(state: Shared<'_>, id: i64) -> AppResult<Vec<moto4s_core::customers::service::OrderStep>> {
    blocking(state, move |st| {
        st.with_store("repair_steps", |s| moto4s_core::customers::service::steps(s.conn(), id))
    })
    .await
}

/// Ticks 诊断, 报价 or 质检 on an order, now.
#[tauri::command]
pub async fn repair_step_tick(
    state: Shared<'_>,
    id: i64,
    step: String,
    who: String,
) -> AppResult<Vec<moto4s_core::customers::service::OrderStep>> {
    blocking(state, move |st| {
        st.with_store("repair_step_tick", |s| {
            moto4s_core::customers::service::tick_step(s, id, &step, &who, dates::now())
        })
    })
    .await
}

/// The month's 按时交车率 and 返修率 with the orders behind them.
#[tauri::command]
pub async fn service_month(
    state: Shared<'_>,
    month: String,
) -> AppResult<moto4s_core::customers::service::ServiceMonth> {
    blocking(state, move |st| {
        st.with_store("service_month", |s| {
            let m = dates::Month::parse(&month)?;
            moto4s_core::customers::service::month(s.conn(), m)
        })
    })
    .await
}
