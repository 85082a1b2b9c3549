//! 导入模板: for each import the desk offers (配件目录, 客户车辆, 服务网络), an
//! .xlsx with the import's own columns and one example row that the import
//! accepts as it stands — a shop fills it in instead of guessing headers.

use std::path::Path;

use crate::error::{AppError, AppResult};

/// The imports with a template: (code, the sheet's name).
pub const KINDS: [(&str, &str); 3] = [
    ("catalog", "配件目录"),
    ("customers", "客户车辆"),
    ("outlets", "服务网络"),
];

/// Writes the template of `kind` to `path`.
pub fn write(kind: &str, path: &Path) -> AppResult<()> {
    let cells = |v: &[&str]| v.iter().map(|c| (*c).to_string()).collect::<Vec<_>>();
    match kind {
        "catalog" => crate::sheet::write_table(
            path,
            "配件目录",
            crate::parts::import::CATALOG_COLUMNS,
            &[cells(&[
                "15410-KPN-901",
                "机油滤清器",
                "豪爵 HJ125-7",
                "个",
                "滤清器",
                "否",
                "",
                "8.50",
                "12.00",
                "A-01",
                "5",
                "30",
                "是",
            ])],
        ),
        "customers" => {
            let vin = crate::customers::vin::with_check_digit("LBPKE1300T0000001");
            crate::sheet::write_table(
                path,
                crate::customers::import::SHEET,
                crate::customers::import::COLUMNS,
                &[cells(&[
                    "王建国",
                    "13800000000",
                    "城关镇东关村",
                    &vin,
                    "157FMI00000001",
                    "豫P12345",
                    "豪爵 AFR125",
                    "红",
                    "是",
                    "",
                    "2025-01-10",
                    "6680",
                    "2025-01-20",
                    "20",
                    "2025-01-20",
                ])],
            )
        }
        "outlets" => crate::sheet::write_table(
            path,
            "服务网络",
            crate::network::outlet::COLUMNS,
            &[cells(&[
                "王集镇摩托维修部",
                "零售商",
                "王集镇",
                "王集镇东街 18 号",
                "王保国",
                "13937051201",
                "豪爵",
                "2025-01-01",
                "在营",
                "",
                "2",
                "B",
                "",
            ])],
        ),
        _ => Err(AppError::invalid("kind", format!("没有「{kind}」的导入模板"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    /// Each template, filled in as it comes, imports into an empty shop.
    #[test]
    fn each_template_imports_as_it_stands() {
        let today: chrono::NaiveDate = "2026-11-26".parse().unwrap();
        let dir = tempfile::tempdir().unwrap();
        for (kind, _) in KINDS {
            let p = dir.path().join(format!("{kind}.xlsx"));
            write(kind, &p).unwrap();
            let mut s = Store::open_in_memory().unwrap();
            match kind {
                "catalog" => assert_eq!(crate::parts::import::apply(&mut s, &p).unwrap().created, 1),
                "customers" => {
                    let r = crate::customers::import::apply(&mut s, &p, today).unwrap();
                    assert_eq!((r.new_customers, r.new_vehicles), (1, 1), "{:?}", r.problems);
                }
                _ => assert_eq!(crate::network::outlet::import(&mut s, &p, today).unwrap().created, 1),
            }
        }
        assert!(write("stock", &dir.path().join("x.xlsx")).is_err());
    }
}
