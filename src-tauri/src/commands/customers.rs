//! 客户与维修：customers and vehicles, filing, sales figures, follow-ups,
//! inspections, repair orders, their rules and indicators 11–20.

use moto4s_core::customers::customer::{self, CustomerDetail, CustomerInput, CustomerPage};
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
use moto4s_core::AppResult;

use super::{blocking, file_path, parse_arg, Shared};

// ---- 客户与车辆 ----

#[tauri::command]
pub async fn customers_search(state: Shared<'_>, q: String) -> AppResult<CustomerPage> {
    blocking(state, move |st| st.with_store(|s| customer::search(s.conn(), &q, 50))).await
}

#[tauri::command]
pub async fn customer_detail(state: Shared<'_>, id: i64) -> AppResult<CustomerDetail> {
    blocking(state, move |st| {
        st.with_store(|s| customer::detail(s.conn(), id, dates::now()))
    })
    .await
}

#[tauri::command]
pub async fn customer_update(state: Shared<'_>, id: i64, input: serde_json::Value) -> AppResult<customer::Customer> {
    let input: CustomerInput = parse_arg("客户资料", input)?;
    blocking(state, move |st| st.with_store(|s| customer::update(s, id, &input))).await
}

#[tauri::command]
pub async fn vehicle_save(state: Shared<'_>, id: Option<i64>, input: serde_json::Value) -> AppResult<Vehicle> {
    let input: VehicleInput = parse_arg("车辆资料", input)?;
    blocking(state, move |st| {
        st.with_store(|s| match id {
            Some(id) => vehicle::update(s, id, &input, dates::today()),
            None => vehicle::create(s, &input, dates::today()),
        })
    })
    .await
}

#[tauri::command]
pub async fn customers_import_preview(state: Shared<'_>, path: String) -> AppResult<CustomerImport> {
    let path = file_path(&path)?;
    blocking(state, move |st| {
        st.with_store(|s| customer_import::preview(s, &path, dates::today()))
    })
    .await
}

#[tauri::command]
pub async fn customers_import_apply(state: Shared<'_>, path: String) -> AppResult<CustomerImport> {
    let path = file_path(&path)?;
    blocking(state, move |st| {
        st.with_store(|s| customer_import::apply(s, &path, dates::today()))
    })
    .await
}

#[tauri::command]
pub async fn customers_export(state: Shared<'_>, path: String) -> AppResult<usize> {
    let path = file_path(&path)?;
    blocking(state, move |st| {
        st.with_store(|s| customer_import::export(s.conn(), &path))
    })
    .await
}

// ---- 建档 ----

#[tauri::command]
pub async fn filing_pending(state: Shared<'_>) -> AppResult<Vec<Vehicle>> {
    blocking(state, |st| st.with_store(|s| filing::pending_files(s.conn(), 500))).await
}

#[tauri::command]
pub async fn fees_unreturned(state: Shared<'_>) -> AppResult<Vec<Vehicle>> {
    blocking(state, |st| st.with_store(|s| filing::unreturned_fees(s.conn(), 1000))).await
}

#[tauri::command]
pub async fn file_record(state: Shared<'_>, vehicle_id: i64, input: serde_json::Value) -> AppResult<Vehicle> {
    let input: FileInput = parse_arg("建档登记", input)?;
    blocking(state, move |st| {
        st.with_store(|s| filing::record_file(s, vehicle_id, &input, dates::today()))
    })
    .await
}

#[tauri::command]
pub async fn fee_batch_create(state: Shared<'_>, input: serde_json::Value) -> AppResult<FeeBatch> {
    let input: FeeBatchInput = parse_arg("建档费返厂", input)?;
    blocking(state, move |st| {
        st.with_store(|s| filing::create_batch(s, &input, dates::today()))
    })
    .await
}

#[tauri::command]
pub async fn fee_batches(state: Shared<'_>) -> AppResult<Vec<FeeBatch>> {
    blocking(state, |st| st.with_store(|s| filing::batches(s.conn(), 100))).await
}

#[tauri::command]
pub async fn fee_batch(state: Shared<'_>, id: i64) -> AppResult<FeeBatch> {
    blocking(state, move |st| st.with_store(|s| filing::batch(s.conn(), id))).await
}

// ---- 整车销售 ----

#[tauri::command]
pub async fn sales_get(state: Shared<'_>, month: String) -> AppResult<SalesMonth> {
    let m = Month::parse(&month)?;
    blocking(state, move |st| st.with_store(|s| sales::get(s.conn(), m))).await
}

#[tauri::command]
pub async fn sales_set(state: Shared<'_>, input: serde_json::Value) -> AppResult<SalesMonth> {
    let input: SalesInput = parse_arg("整车销售", input)?;
    blocking(state, move |st| {
        st.with_store(|s| sales::set(s, &input, dates::today()))
    })
    .await
}

// ---- 回访 ----

#[tauri::command]
pub async fn follow_ups_due(state: Shared<'_>) -> AppResult<Vec<DueFollowUp>> {
    blocking(state, |st| {
        st.with_store(|s| follow_up::due(s.conn(), dates::today(), 60, 3))
    })
    .await
}

#[tauri::command]
pub async fn follow_up_record(state: Shared<'_>, input: serde_json::Value) -> AppResult<FollowUp> {
    let input: FollowUpInput = parse_arg("回访记录", input)?;
    blocking(state, move |st| {
        st.with_store(|s| follow_up::record(s, &input, dates::today()))
    })
    .await
}

#[tauri::command]
pub async fn follow_ups_list(state: Shared<'_>, month: String) -> AppResult<Vec<FollowUp>> {
    let m = Month::parse(&month)?;
    blocking(state, move |st| {
        st.with_store(|s| follow_up::list(s.conn(), Some(m), None))
    })
    .await
}

// ---- 点检 ----

#[tauri::command]
pub async fn inspections_due(state: Shared<'_>, month: String) -> AppResult<Vec<DueInspection>> {
    let m = Month::parse(&month)?;
    blocking(state, move |st| st.with_store(|s| inspection::due_in(s.conn(), m))).await
}

#[tauri::command]
pub async fn inspection_record(state: Shared<'_>, input: serde_json::Value) -> AppResult<Inspection> {
    let input: InspectionInput = parse_arg("点检记录", input)?;
    blocking(state, move |st| {
        st.with_store(|s| inspection::record(s, &input, dates::today()))
    })
    .await
}

#[tauri::command]
pub async fn inspections_list(state: Shared<'_>, month: String) -> AppResult<Vec<Inspection>> {
    let m = Month::parse(&month)?;
    blocking(state, move |st| {
        st.with_store(|s| inspection::list(s.conn(), Some(m), None))
    })
    .await
}

// ---- 维修单 ----

#[tauri::command]
pub async fn repairs_list(state: Shared<'_>, query: serde_json::Value) -> AppResult<Vec<RepairOrder>> {
    let q: RepairQuery = parse_arg("查询条件", query)?;
    blocking(state, move |st| {
        st.with_store(|s| repair::list(s.conn(), &q, dates::now()))
    })
    .await
}

#[tauri::command]
pub async fn repair_get(state: Shared<'_>, id: i64) -> AppResult<RepairOrder> {
    blocking(state, move |st| {
        st.with_store(|s| repair::get(s.conn(), id, dates::now()))
    })
    .await
}

#[tauri::command]
pub async fn repair_save(state: Shared<'_>, id: Option<i64>, input: serde_json::Value) -> AppResult<RepairOrder> {
    let input: RepairInput = parse_arg("维修单", input)?;
    blocking(state, move |st| {
        st.with_store(|s| match id {
            Some(id) => repair::update(s, id, &input, dates::now()),
            None => repair::create(s, &input, dates::now()),
        })
    })
    .await
}

#[tauri::command]
pub async fn repair_add_part(state: Shared<'_>, id: i64, input: serde_json::Value) -> AppResult<RepairOrder> {
    let input: RepairPartInput = parse_arg("领用配件", input)?;
    blocking(state, move |st| {
        st.with_store(|s| repair::add_part(s, id, &input, dates::now()))
    })
    .await
}

#[tauri::command]
pub async fn repair_remove_part(state: Shared<'_>, id: i64, line_id: i64, operator: String) -> AppResult<RepairOrder> {
    blocking(state, move |st| {
        st.with_store(|s| repair::remove_part(s, id, line_id, &operator, dates::now()))
    })
    .await
}

#[tauri::command]
pub async fn repair_complete(state: Shared<'_>, id: i64, input: serde_json::Value) -> AppResult<RepairOrder> {
    let input: CompleteInput = parse_arg("完工", input)?;
    blocking(state, move |st| {
        st.with_store(|s| repair::complete(s, id, &input, dates::now()))
    })
    .await
}

#[tauri::command]
pub async fn repair_deliver(state: Shared<'_>, id: i64, input: serde_json::Value) -> AppResult<RepairOrder> {
    let input: DeliverInput = parse_arg("交车结算", input)?;
    blocking(state, move |st| {
        st.with_store(|s| repair::deliver(s, id, &input, dates::now()))
    })
    .await
}

/// The repair kinds with their promised wait (minutes).
#[tauri::command]
pub async fn repair_kinds(state: Shared<'_>) -> AppResult<Vec<(String, String, u32)>> {
    blocking(state, |st| st.with_store(|s| repair::kinds(s.conn()))).await
}

/// Technicians named on recent orders and inspections (suggestions).
#[tauri::command]
pub async fn repair_technicians(state: Shared<'_>) -> AppResult<Vec<String>> {
    blocking(state, |st| {
        st.with_store(|s| repair::technicians(s.conn(), dates::today()))
    })
    .await
}

// ---- 规则与指标 ----

#[tauri::command]
pub async fn service_rules_get(state: Shared<'_>) -> AppResult<ServiceRules> {
    blocking(state, |st| st.with_store(|s| rules::load(s.conn()))).await
}

#[tauri::command]
pub async fn service_rules_save(state: Shared<'_>, input: serde_json::Value) -> AppResult<ServiceRules> {
    let input: ServiceRulesInput = parse_arg("回访与点检规则", input)?;
    blocking(state, move |st| st.with_store(|s| rules::save(s, &input))).await
}

#[tauri::command]
pub async fn customer_indicators(state: Shared<'_>, month: String) -> AppResult<CustomerIndicators> {
    let m = Month::parse(&month)?;
    blocking(state, move |st| st.with_store(|s| indicators::compute(s.conn(), m))).await
}
