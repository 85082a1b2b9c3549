//! moto4s-core：摩托车4S店服务经理台的领域模型与存储。
//!
//! This crate holds everything the desktop app can do, without a window:
//! the shop's data in one SQLite file ([`store`]), the money and date types
//! every screen uses ([`money`], [`dates`]), the error type that crosses IPC
//! ([`error`]), and the areas of the shop's work (starting with the shop
//! settings, [`settings`]). The Tauri shell (`moto4s`) only adapts these to
//! commands; it never touches SQL.

/// Declares how a type that travels as a decimal string appears in the
/// window's generated contract (ui/src/api/contract.ts): a named alias of
/// `string`, so that no amount or rate ever passes through a float.
macro_rules! contract_string {
    ($ty:ty, $name:literal, $doc:literal) => {
        impl ts_rs::TS for $ty {
            type WithoutGenerics = Self;
            type OptionInnerType = Self;
            fn docs() -> Option<String> {
                Some(concat!("/**\n * ", $doc, "\n */\n").to_string())
            }
            fn name(_: &ts_rs::Config) -> String {
                $name.to_string()
            }
            fn inline(_: &ts_rs::Config) -> String {
                "string".to_string()
            }
            fn decl(_: &ts_rs::Config) -> String {
                concat!("type ", $name, " = string;").to_string()
            }
            fn decl_concrete(cfg: &ts_rs::Config) -> String {
                Self::decl(cfg)
            }
            fn output_path() -> Option<std::path::PathBuf> {
                Some(std::path::PathBuf::from(concat!($name, ".ts")))
            }
        }
    };
}

/// Declares a code table's codes as a union of string literals in the
/// window's contract, with the table beside it (`<Name>Choices`, code and
/// label): `$marker` stands for "one of the codes of `$table`" on a field
/// that holds the code as text (`#[ts(as = "…")]`).
macro_rules! contract_codes {
    ($marker:ident, $name:literal, $table:expr) => {
        #[doc = concat!("The codes of ", stringify!($table), " in the window's contract (`", $name, "`).")]
        pub struct $marker;
        impl ts_rs::TS for $marker {
            type WithoutGenerics = Self;
            type OptionInnerType = Self;
            fn name(_: &ts_rs::Config) -> String {
                $name.to_string()
            }
            fn inline(_: &ts_rs::Config) -> String {
                $table
                    .iter()
                    .map(|(code, _)| format!("\"{code}\""))
                    .collect::<Vec<_>>()
                    .join(" | ")
            }
            /// the union, and beside it the table itself (`…Choices`), so
            /// that a screen's options and labels come from the same table
            fn decl(cfg: &ts_rs::Config) -> String {
                let rows: Vec<String> = $table
                    .iter()
                    .map(|(code, label)| format!("  {{ code: \"{code}\", label: \"{label}\" }},\n"))
                    .collect();
                format!(
                    "type {name} = {union};\n\n/**\n * {name}'s codes with their labels, in order.\n */\nexport const {name}Choices: ReadonlyArray<{{ code: {name}, label: string }}> = [\n{rows}];",
                    name = $name,
                    union = Self::inline(cfg),
                    rows = rows.concat()
                )
            }
            fn decl_concrete(cfg: &ts_rs::Config) -> String {
                Self::decl(cfg)
            }
            fn output_path() -> Option<std::path::PathBuf> {
                Some(std::path::PathBuf::from(concat!($name, ".ts")))
            }
        }
    };
}

pub mod actor;
pub mod attachment;
pub mod auth;
pub mod backup;
pub mod check;
pub mod closing;
pub mod customers;
pub mod dashboard;
pub mod dates;
pub mod demo;
pub mod documents;
pub mod error;
pub mod exchange;
pub mod form;
pub mod import_template;
pub mod labels;
pub mod money;
pub mod network;
pub mod parts;
pub mod paths;
pub mod rate;
pub mod report;
pub mod return_batch;
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
