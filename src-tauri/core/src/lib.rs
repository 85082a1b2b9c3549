//! moto4s-core：摩托车4S店服务经理台的领域模型与存储。
//!
//! This crate holds everything the desktop app can do, without a window:
//! the shop's data in one SQLite file ([`store`]), the money and date types
//! every screen uses ([`money`], [`dates`]), the error type that crosses IPC
//! ([`error`]), and the areas of the shop's work (starting with the shop
//! settings, [`settings`]). The Tauri shell (`moto4s`) only adapts these to
//! commands; it never touches SQL.

pub mod auth;
pub mod backup;
pub mod check;
pub mod closing;
pub mod customers;
pub mod dashboard;
pub mod dates;
pub mod demo;
pub mod demo_customers;
pub mod demo_large;
pub mod demo_large_claims;
pub mod demo_network;
pub mod error;
pub mod exchange;
pub mod form;
pub mod import_template;
pub mod money;
pub mod network;
pub mod parts;
pub mod paths;
pub mod rate;
pub mod report;
pub mod settings;
pub mod sheet;
pub mod staff;
pub mod store;
pub mod targets;
pub mod warranty;

/// The SQLite binding, for tests and tools that inspect a data file directly.
pub use rusqlite;

pub use error::{AppError, AppResult, ErrorCode, Problem};
pub use money::Money;
pub use rate::Rate;
pub use store::Store;
