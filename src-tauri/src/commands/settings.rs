//! 店铺设置.

use moto4s_core::settings::{self, SettingsInput, ShopSettings};
use moto4s_core::{AppResult, Money};
use serde::Serialize;

use super::command;
use moto4s_core::Store;

/// The settings as the form shows them.
#[derive(Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct SettingsView {
    /// the saved settings (or the defaults of a new shop)
    pub settings: ShopSettings,
    /// the same as the form edits them: every value as text
    pub input: SettingsInput,
    /// false for a shop that started empty and has not saved yet
    pub saved: bool,
    /// 参考库存金额 from the saved settings (the text's formula)
    pub inventory_reference: Money,
    /// the six targets with the text's comparators (`> 90%`, `≤ 5%` …)
    pub targets: Vec<moto4s_core::targets::Target>,
    /// the inventory factor the last 12 months' stock and issues suggest
    /// (average stock ÷ a year's issues), None without issues
    pub suggested_inventory_factor: Option<String>,
}

fn view(conn: &moto4s_core::rusqlite::Connection, s: Option<ShopSettings>) -> AppResult<SettingsView> {
    let saved = s.is_some();
    let settings = s.unwrap_or_default();
    let suggested = moto4s_core::parts::indicators::suggested_inventory_factor(conn, moto4s_core::dates::today())?;
    Ok(SettingsView {
        suggested_inventory_factor: suggested.map(|d| d.normalize().to_string()),
        inventory_reference: settings.inventory_reference(),
        targets: moto4s_core::targets::all(&settings),
        input: SettingsInput::from(&settings),
        settings,
        saved,
    })
}

/// 店铺设置 as saved (or the defaults for a new shop).
#[command(Read)]
pub fn get_settings(s: &mut Store) -> AppResult<SettingsView> {
    view(s.conn(), settings::load(s.conn())?)
}

/// Parses and validates the form's text; saves nothing unless all is right.
#[command(Settings)]
pub fn save_settings(s: &mut Store, #[arg("店铺设置")] input: SettingsInput) -> AppResult<SettingsView> {
    let parsed = input.parse()?;
    let saved = settings::save(s.conn(), parsed)?;
    view(s.conn(), Some(saved))
}
