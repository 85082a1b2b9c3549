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

use super::{command, file_path};
use moto4s_core::Store;

// ---- 客户与车辆 ----

/// A page of 50 customers (`page` from 1), with the true total found.
#[command(Read)]
pub fn customers_search(s: &mut Store, q: String, page: Option<i64>) -> AppResult<CustomerPage> {
    let offset = (page.unwrap_or(1).max(1) - 1) * CUSTOMER_PAGE;
    customer::search_page(s.conn(), &q, offset, CUSTOMER_PAGE)
}

/// Customers on a page of the 客户 list.
const CUSTOMER_PAGE: i64 = 50;

#[command(Read)]
pub fn customer_detail(s: &mut Store, id: i64) -> AppResult<CustomerDetail> {
    file::detail(s.conn(), id, dates::now())
}

#[command(Customers)]
pub fn customer_update(
    s: &mut Store,
    id: i64,
    #[arg("客户资料")] input: CustomerInput,
) -> AppResult<customer::Customer> {
    customer::update(s, id, &input)
}

/// Registers a vehicle (and a new customer with it), or changes one.
#[command(Customers)]
pub fn vehicle_save(s: &mut Store, id: Option<i64>, #[arg("车辆资料")] input: VehicleInput) -> AppResult<Vehicle> {
    match id {
        Some(id) => vehicle::update(s, id, &input, dates::today()),
        None => vehicle::create(s, &input, dates::today()),
    }
}

#[command(Read)]
pub fn customers_import_preview(s: &mut Store, path: String) -> AppResult<CustomerImport> {
    let path = file_path(&path)?;
    customer_import::preview(s, &path, dates::today())
}

#[command(Customers)]
pub fn customers_import_apply(s: &mut Store, path: String) -> AppResult<CustomerImport> {
    let path = file_path(&path)?;
    customer_import::apply(s, &path, dates::today())
}

#[command(Read)]
pub fn customers_export(s: &mut Store, path: String) -> AppResult<usize> {
    let path = file_path(&path)?;
    customer_import::export(s.conn(), &path)
}

// ---- 建档 ----

#[command(Read)]
pub fn filing_pending(s: &mut Store) -> AppResult<Vec<Vehicle>> {
    filing::pending_files(s.conn(), 500)
}

#[command(Read)]
pub fn fees_unreturned(s: &mut Store) -> AppResult<Vec<Vehicle>> {
    filing::unreturned_fees(s.conn(), 1000)
}

#[command(Customers)]
pub fn file_record(s: &mut Store, vehicle_id: i64, #[arg("建档登记")] input: FileInput) -> AppResult<Vehicle> {
    filing::record_file(s, vehicle_id, &input, dates::today())
}

#[command(Customers)]
pub fn fee_batch_create(s: &mut Store, #[arg("建档费返厂")] input: FeeBatchInput) -> AppResult<FeeBatch> {
    filing::create_batch(s, &input, dates::today())
}

#[command(Read)]
pub fn fee_batches(s: &mut Store) -> AppResult<Vec<FeeBatch>> {
    filing::batches(s.conn(), 100)
}

#[command(Read)]
pub fn fee_batch(s: &mut Store, id: i64) -> AppResult<FeeBatch> {
    filing::batch(s.conn(), id)
}

// ---- 整车销售 ----

#[command(Read)]
pub fn sales_get(s: &mut Store, month: String) -> AppResult<SalesMonth> {
    let m = Month::parse(&month)?;
    sales::get(s.conn(), m)
}

#[command(Customers)]
pub fn sales_set(s: &mut Store, #[arg("整车销售")] input: SalesInput) -> AppResult<SalesMonth> {
    sales::set(s, &input, dates::today())
}

// ---- 投诉处理 ----

#[command(Read)]
pub fn complaints_list(s: &mut Store, #[arg("投诉查询")] query: ComplaintQuery) -> AppResult<Vec<Complaint>> {
    complaint::list(s.conn(), &query, dates::today())
}

#[command(Read)]
pub fn complaint_get(s: &mut Store, id: i64) -> AppResult<Complaint> {
    complaint::get(s.conn(), id, dates::today())
}

/// 受理 a new complaint (`id` None) or correct an open one.
#[command(Complaints)]
pub fn complaint_save(
    s: &mut Store,
    id: Option<i64>,
    #[arg("投诉登记")] input: ComplaintInput,
) -> AppResult<Complaint> {
    match id {
        None => complaint::open(s, &input, dates::today()),
        Some(id) => complaint::update(s, id, &input, dates::today()),
    }
}

#[command(Complaints)]
pub fn complaint_add_step(
    s: &mut Store,
    id: i64,
    #[arg("处理措施")] input: ComplaintStepInput,
) -> AppResult<Complaint> {
    complaint::add_step(s, id, &input, dates::today())
}

#[command(Complaints)]
pub fn complaint_close(s: &mut Store, id: i64, #[arg("结案")] input: ComplaintCloseInput) -> AppResult<Complaint> {
    complaint::close(s, id, &input, dates::today())
}

/// 投诉统计: the month's counts by category and by staff member.
#[command(Read)]
pub fn complaints_month(s: &mut Store, month: String) -> AppResult<ComplaintMonth> {
    complaint::month_summary(s.conn(), Month::parse(&month)?, dates::today())
}

/// The register as listed, as .xlsx.
#[command(Read)]
pub fn complaints_export(
    s: &mut Store, #[arg("投诉查询")] query: ComplaintQuery, path: String
) -> AppResult<usize> {
    let path = file_path(&path)?;
    complaint::export(s.conn(), &query, dates::today(), &path)
}

/// 满意度分析: the month's satisfaction from the follow-up calls.
#[command(Read)]
pub fn satisfaction_month(
    s: &mut Store,
    month: String,
) -> AppResult<moto4s_core::customers::satisfaction::SatisfactionMonth> {
    moto4s_core::customers::satisfaction::month_report(s.conn(), Month::parse(&month)?)
}

/// 流失客户: customers not seen for `months`, a page at a time.
#[command(Read)]
pub fn lost_customers(
    s: &mut Store,
    months: Option<u32>,
    page: Option<i64>,
) -> AppResult<moto4s_core::customers::lost::LostPage> {
    // the shop's rule unless the list looks further
    let months = match months {
        Some(m) => m,
        None => moto4s_core::customers::lost::rule_months(s.conn())?,
    };
    moto4s_core::customers::lost::list(s.conn(), months, page.unwrap_or(1), dates::today())
}

/// Records a call-back's result (会再来, or why the customer was lost).
#[command(FollowUps)]
pub fn lost_record(
    s: &mut Store,
    #[arg("流失客户回访")] input: moto4s_core::customers::lost::LostInput,
) -> AppResult<()> {
    moto4s_core::customers::lost::record(s, &input, dates::today())
}

/// A year's call-backs by reason.
#[command(Read)]
pub fn lost_year(s: &mut Store, year: i32) -> AppResult<moto4s_core::customers::lost::LostYear> {
    moto4s_core::customers::lost::year_breakdown(s.conn(), year)
}

// ---- 回访 ----

#[command(Read)]
pub fn follow_ups_due(s: &mut Store) -> AppResult<Vec<DueFollowUp>> {
    follow_up::due(s.conn(), dates::today(), follow_up::DESK_BACK_DAYS, 3)
}

#[command(FollowUps)]
pub fn follow_up_record(s: &mut Store, #[arg("回访记录")] input: FollowUpInput) -> AppResult<FollowUp> {
    follow_up::record(s, &input, dates::today())
}

/// The customers marked 无法回访 (shown apart from the due list).
#[command(Read)]
pub fn follow_ups_unreachable(s: &mut Store) -> AppResult<Vec<follow_up::Unreachable>> {
    follow_up::unreachable(s.conn())
}

/// Marks a customer 无法回访 with a reason, or clears the mark (reason "").
#[command(FollowUps)]
pub fn customer_set_unreachable(
    s: &mut Store,
    #[arg("无法回访")] input: follow_up::UnreachableInput,
) -> AppResult<Vec<follow_up::Unreachable>> {
    follow_up::set_unreachable(s, &input, dates::today())?;
    follow_up::unreachable(s.conn())
}

#[command(Read)]
pub fn follow_ups_list(s: &mut Store, month: String) -> AppResult<Vec<FollowUp>> {
    let m = Month::parse(&month)?;
    follow_up::list(s.conn(), Some(m), None)
}

/// The month's calls, as .xlsx.
#[command(Read)]
pub fn follow_ups_export(s: &mut Store, month: String, path: String) -> AppResult<usize> {
    let m = Month::parse(&month)?;
    let path = file_path(&path)?;
    follow_up::export_month(s.conn(), m, &path)
}

/// The month's inspections due, done or not, as .xlsx.
#[command(Read)]
pub fn inspections_export(s: &mut Store, month: String, path: String) -> AppResult<usize> {
    let m = Month::parse(&month)?;
    let path = file_path(&path)?;
    inspection::export_month(s.conn(), m, &path)
}

// ---- 点检 ----

#[command(Read)]
pub fn inspections_due(s: &mut Store, month: String) -> AppResult<Vec<DueInspection>> {
    let m = Month::parse(&month)?;
    inspection::due_in(s.conn(), m)
}

#[command(FollowUps)]
pub fn inspection_record(s: &mut Store, #[arg("点检记录")] input: InspectionInput) -> AppResult<Inspection> {
    inspection::record(s, &input, dates::today())
}

#[command(Read)]
pub fn inspections_list(s: &mut Store, month: String) -> AppResult<Vec<Inspection>> {
    let m = Month::parse(&month)?;
    inspection::list(s.conn(), Some(m), None)
}

// ---- 维修单 ----

#[command(Read)]
pub fn repairs_list(s: &mut Store, #[arg("查询条件", partial)] query: RepairQuery) -> AppResult<Vec<RepairOrder>> {
    repair::list(s.conn(), &query, dates::now())
}

/// Every order the desk list's query finds, as .xlsx.
#[command(Read)]
pub fn repairs_export(
    s: &mut Store, #[arg("查询条件", partial)] query: RepairQuery, path: String
) -> AppResult<usize> {
    let path = file_path(&path)?;
    repair::export(s.conn(), &query, dates::now(), &path)
}

#[command(Read)]
pub fn repair_get(s: &mut Store, id: i64) -> AppResult<RepairOrder> {
    repair::get(s.conn(), id, dates::now())
}

#[command(Repairs)]
pub fn repair_save(s: &mut Store, id: Option<i64>, #[arg("维修单")] input: RepairInput) -> AppResult<RepairOrder> {
    match id {
        Some(id) => repair::update(s, id, &input, dates::now()),
        None => repair::create(s, &input, dates::now()),
    }
}

#[command(Repairs)]
pub fn repair_add_part(
    s: &mut Store, id: i64, #[arg("领用配件")] input: RepairPartInput
) -> AppResult<RepairOrder> {
    repair::add_part(s, id, &input, dates::now())
}

#[command(Repairs)]
pub fn repair_remove_part(s: &mut Store, id: i64, line_id: i64, operator: String) -> AppResult<RepairOrder> {
    repair::remove_part(s, id, line_id, &operator, dates::now())
}

#[command(Repairs)]
pub fn repair_complete(s: &mut Store, id: i64, #[arg("完工")] input: CompleteInput) -> AppResult<RepairOrder> {
    repair::complete(s, id, &input, dates::now())
}

#[command(Repairs)]
pub fn repair_deliver(s: &mut Store, id: i64, #[arg("交车结算")] input: DeliverInput) -> AppResult<RepairOrder> {
    repair::deliver(s, id, &input, dates::now())
}

/// The repair kinds with their promised wait (minutes).
#[command(Read)]
pub fn repair_kinds(s: &mut Store) -> AppResult<Vec<(String, String, u32)>> {
    repair::kinds(s.conn())
}

/// Technicians named on recent orders and inspections (suggestions).
#[command(Read)]
pub fn repair_technicians(s: &mut Store) -> AppResult<Vec<String>> {
    repair::technicians(s.conn(), dates::today())
}

// ---- 规则与指标 ----

#[command(Read)]
pub fn service_rules_get(s: &mut Store) -> AppResult<ServiceRules> {
    rules::load(s.conn())
}

/// The inspection schedules (点检周期) by the sale date they apply from.
#[command(Read)]
pub fn inspection_schedules(s: &mut Store) -> AppResult<Vec<rules::InspectionSchedule>> {
    rules::schedules(s.conn())
}

#[command(Settings)]
pub fn service_rules_save(
    s: &mut Store, #[arg("回访与点检规则")] input: ServiceRulesInput
) -> AppResult<ServiceRules> {
    rules::save(s, &input, dates::today())
}

#[command(Read)]
pub fn customer_indicators(s: &mut Store, month: String) -> AppResult<WithMarks<CustomerIndicators>> {
    let m = Month::parse(&month)?;
    let figures = indicators::compute_to(s.conn(), m, dates::today())?;
    with_marks(s.conn(), figures, |f| {
        vec![(12, f.filing_rate), (14, f.follow_up_rate), (20, f.inspection_rate)]
    })
}

/// 服务项目: the list; `all` also those no longer used.
#[command(Read)]
pub fn service_items(s: &mut Store, all: bool) -> AppResult<Vec<moto4s_core::customers::service::ServiceItem>> {
    moto4s_core::customers::service::items(s.conn(), all)
}

/// Adds (`id` None) or changes a service item.
#[command(Manage)]
pub fn service_item_save(
    s: &mut Store,
    id: Option<i64>,
    #[arg("服务项目")] input: moto4s_core::customers::service::ServiceItemInput,
) -> AppResult<moto4s_core::customers::service::ServiceItem> {
    moto4s_core::customers::service::save_item(s, id, &input)
}

/// An order's process steps.
#[command(Read)]
pub fn repair_steps(s: &mut Store, id: i64) -> AppResult<Vec<moto4s_core::customers::service::OrderStep>> {
    moto4s_core::customers::service::steps(s.conn(), id)
}

/// Ticks 诊断, 报价 or 质检 on an order, now.
#[command(Repairs)]
pub fn repair_step_tick(
    s: &mut Store,
    id: i64,
    step: String,
    who: String,
) -> AppResult<Vec<moto4s_core::customers::service::OrderStep>> {
    moto4s_core::customers::service::tick_step(s, id, &step, &who, dates::now())
}

/// The month's 按时交车率 and 返修率 with the orders behind them.
#[command(Read)]
pub fn service_month(s: &mut Store, month: String) -> AppResult<moto4s_core::customers::service::ServiceMonth> {
    let m = dates::Month::parse(&month)?;
    moto4s_core::customers::service::month(s.conn(), m)
}
