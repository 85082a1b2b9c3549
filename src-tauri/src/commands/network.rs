//! 服务网络：the outlets' register and cards, their visits, and the
//! network's month side by side.

use moto4s_core::dates::{self, Month};
use moto4s_core::network::month::{self, NetworkMonth, OutletMonth};
use moto4s_core::network::outlet::{self, Outlet, OutletImport, OutletInput};
use moto4s_core::network::visit::{self, ActionDoneInput, OpenAction, Visit, VisitInput};
use moto4s_core::warranty::claim::{self, ClaimQuery, ClaimRow};
use moto4s_core::AppResult;
use serde::Serialize;

use super::{command, file_path};
use moto4s_core::Store;

#[command(Read)]
pub fn outlets_list(s: &mut Store, query: String, status: String) -> AppResult<Vec<Outlet>> {
    outlet::list(s.conn(), &query, &status)
}

/// An outlet's card: its register entry, its month, its visits and claims.
#[derive(Debug, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct OutletCard {
    pub outlet: Outlet,
    pub month: OutletMonth,
    pub visits: Vec<Visit>,
    pub claims: Vec<ClaimRow>,
}

#[command(Read)]
pub fn outlet_card(s: &mut Store, id: i64, month: String) -> AppResult<OutletCard> {
    let today = dates::today();
    let m = Month::parse(&month)?;
    Ok(OutletCard {
        outlet: outlet::get(s.conn(), id)?,
        month: month::of_outlet(s.conn(), id, m, today)?,
        visits: visit::of_outlet(s.conn(), id, today)?,
        claims: claim::list(
            s.conn(),
            &ClaimQuery {
                dealer_id: Some(id),
                ..Default::default()
            },
            today,
        )?,
    })
}

#[command(Manage)]
pub fn outlet_save(s: &mut Store, id: Option<i64>, #[arg("网点资料")] input: OutletInput) -> AppResult<Outlet> {
    outlet::save(s, id, &input, dates::today())
}

#[command(Read)]
pub fn outlets_export(s: &mut Store, path: String) -> AppResult<usize> {
    let path = file_path(&path)?;
    outlet::export(s.conn(), &path)
}

#[command(Manage)]
pub fn outlets_import(s: &mut Store, path: String) -> AppResult<OutletImport> {
    let path = file_path(&path)?;
    outlet::import(s, &path, dates::today())
}

/// 导入模板: an import's columns with an example row (`catalog`,
/// `customers`, `outlets`), written where the user chose.
#[command(Read)]
pub fn import_template(_: &mut Store, kind: String, path: String) -> AppResult<()> {
    let path = file_path(&path)?;
    moto4s_core::import_template::write(&kind, &path)
}

#[command(Manage)]
pub fn visit_record(s: &mut Store, #[arg("走访记录")] input: VisitInput) -> AppResult<Visit> {
    visit::record(s, &input, dates::today())
}

#[command(Manage)]
pub fn visit_action_done(s: &mut Store, id: i64, #[arg("跟进事项")] input: ActionDoneInput) -> AppResult<Visit> {
    visit::close_action(s, id, &input, dates::today())
}

#[command(Read)]
pub fn network_actions_open(s: &mut Store) -> AppResult<Vec<OpenAction>> {
    visit::open_actions(s.conn(), dates::today())
}

#[command(Read)]
pub fn network_overview(s: &mut Store, month: String) -> AppResult<NetworkMonth> {
    month::overview(s.conn(), Month::parse(&month)?, dates::today())
}

#[command(Read)]
pub fn network_export(s: &mut Store, month: String, path: String) -> AppResult<usize> {
    let path = file_path(&path)?;
    month::export(s.conn(), Month::parse(&month)?, dates::today(), &path)
}
