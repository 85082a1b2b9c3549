//! 客户与维修：customers and their vehicles ([`customer`], [`vehicle`]), a
//! customer's file ([`file`]),
//! filing and its fees ([`filing`]), the month's vehicle sales figures
//! ([`sales`]), follow-up calls ([`follow_up`]) and the satisfaction they
//! record ([`satisfaction`]), complaints ([`complaint`]), customers not seen
//! for months and why they were lost ([`lost`]), inspections
//! ([`inspection`]), repair orders ([`repair`]), the shop's rules for them
//! ([`rules`]) and indicators 11–20 ([`indicators`]).

pub mod complaint;
pub mod customer;
pub mod file;
pub mod filing;
pub mod follow_up;
pub mod import;
pub mod indicators;
pub mod inspection;
pub mod lost;
pub mod repair;
pub mod rules;
pub mod sales;
pub mod satisfaction;
pub mod service;
pub mod sheets;
pub mod vehicle;
pub mod vin;

#[cfg(test)]
pub(crate) mod testkit;
