//! 配件管理：the parts catalogue ([`catalog`]), the stock ledger
//! ([`ledger`]) and the stock screens' queries ([`stock`]).

pub mod catalog;
pub mod import;
pub mod indicators;
pub mod ledger;
pub mod orders;
pub mod receivables;
pub mod reorder;
pub mod sheets;
pub mod stock;
pub mod stocktake;
#[cfg(test)]
pub(crate) mod testkit;

pub use catalog::{Part, PartInput};
pub use ledger::{Movement, MovementInput, MovementKind};
