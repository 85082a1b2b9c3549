//! 示例店铺：the demo shop, generated deterministically so that every screen
//! shows something true on a fresh install and in screenshots and tests.
//!
//! Each area adds its own records here. Everything is written in one
//! transaction: a demo shop is complete or absent.

use std::path::Path;

use rust_decimal::Decimal;

use crate::error::{AppError, AppResult, ErrorCode};
use crate::settings::{self, IndicatorTargets, InventoryBasis, ShopSettings};
use crate::store::Store;

/// The demo shop's name; the UI and the tests recognise it.
pub const DEMO_SHOP_NAME: &str = "示例店铺·宏达摩托4S店";

/// The demo shop's settings: a county-town shop of the 150–350 band.
pub fn demo_settings() -> ShopSettings {
    ShopSettings {
        shop_name: DEMO_SHOP_NAME.into(),
        brands: vec!["豪爵".into(), "新大洲本田".into()],
        region: "河南省周口市郸城县".into(),
        address: "城关镇建设路88号".into(),
        annual_vehicle_sales: 280,
        vehicle_parc: 1900,
        parts_consumption_per_vehicle: crate::Money::from_yuan(320),
        inventory_basis: InventoryBasis::Sales,
        inventory_factor: Decimal::new(3, 1),
        targets: IndicatorTargets::default(),
    }
}

/// Writes the demo shop into an open, empty store.
pub fn populate(store: &mut Store) -> AppResult<()> {
    if settings::load(store.conn())?.is_some() {
        return Err(AppError::new(
            ErrorCode::Conflict,
            "该数据文件已有店铺数据，示例店铺只能写入新的空白数据文件",
        ));
    }
    let tx = store.conn_mut().transaction()?;
    settings::save(&tx, demo_settings())?;
    tx.execute(
        "INSERT INTO meta (key, value) VALUES ('demo', '1')
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [],
    )?;
    tx.commit()?;
    Ok(())
}

/// Creates a new data file at `path` holding the demo shop. Refuses to touch
/// an existing file, so a shop's real data can never be overwritten.
pub fn create(path: &Path) -> AppResult<Store> {
    if path.exists() {
        return Err(AppError::new(
            ErrorCode::Conflict,
            format!("文件「{}」已存在；为免覆盖数据，示例店铺只写入新文件", path.display()),
        ));
    }
    let mut store = Store::open(path)?;
    populate(&mut store)?;
    Ok(store)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_shop_is_deterministic_and_valid() {
        assert_eq!(demo_settings(), demo_settings());
        assert!(demo_settings().validated().is_ok());
        let mut s = Store::open_in_memory().unwrap();
        populate(&mut s).unwrap();
        assert_eq!(settings::load(s.conn()).unwrap().unwrap().shop_name, DEMO_SHOP_NAME);
        assert_eq!(s.meta("demo").unwrap().as_deref(), Some("1"));
        // a second time is refused: it would mix the demo with a shop's data
        assert_eq!(populate(&mut s).unwrap_err().code, ErrorCode::Conflict);
    }

    #[test]
    fn create_never_overwrites_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.db");
        std::fs::write(&p, b"precious").unwrap();
        assert_eq!(create(&p).err().unwrap().code, ErrorCode::Conflict);
        assert_eq!(std::fs::read(&p).unwrap(), b"precious");
        let p2 = dir.path().join("y.db");
        let s = create(&p2).unwrap();
        assert!(s
            .health()
            .unwrap()
            .counts
            .iter()
            .any(|(t, n)| t == "shop_settings" && *n == 1));
    }
}
