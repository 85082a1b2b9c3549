//! 客户档案: a customer's file — their vehicles, repairs, calls and
//! inspections in one answer. It reads every customer module; none of them
//! reads it, so the customer modules depend on each other one way only.

use rusqlite::Connection;
use serde::Serialize;

use super::{customer, follow_up, inspection, repair, vehicle};
use crate::error::AppResult;

/// A customer's file: their vehicles, repairs, calls and inspections.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct CustomerDetail {
    pub customer: customer::Customer,
    pub vehicles: Vec<vehicle::Vehicle>,
    pub repairs: Vec<repair::RepairOrder>,
    pub follow_ups: Vec<follow_up::FollowUp>,
    pub inspections: Vec<inspection::Inspection>,
}

pub fn detail(conn: &Connection, id: i64, now: chrono::NaiveDateTime) -> AppResult<CustomerDetail> {
    Ok(CustomerDetail {
        customer: customer::get(conn, id)?,
        vehicles: vehicle::of_customer(conn, id)?,
        repairs: repair::history(conn, id, now)?,
        follow_ups: follow_up::list(conn, None, Some(id))?,
        inspections: inspection::list(conn, None, Some(id))?,
    })
}
