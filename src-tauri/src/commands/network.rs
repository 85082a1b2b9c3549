//! 服务网络：the outlets' register and cards, their visits, and the
//! network's month side by side.

use moto4s_core::dates::{self, Month};
use moto4s_core::network::month::{self, NetworkMonth, OutletMonth};
use moto4s_core::network::outlet::{self, Outlet, OutletImport, OutletInput};
use moto4s_core::network::visit::{self, ActionDoneInput, OpenAction, Visit, VisitInput};
use moto4s_core::warranty::claim::{self, ClaimQuery, ClaimRow};
use moto4s_core::AppResult;
use serde::Serialize;

use super::{blocking, file_path, parse_arg, Shared};

#[tauri::command]
pub async fn outlets_list(state: Shared<'_>, query: String, status: String) -> AppResult<Vec<Outlet>> {
    blocking(state, move |st| {
        st.with_store("outlets_list", |s| outlet::list(s.conn(), &query, &status))
    })
    .await
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

#[tauri::command]
pub async fn outlet_card(state: Shared<'_>, id: i64, month: String) -> AppResult<OutletCard> {
    blocking(state, move |st| {
        st.with_store("outlet_card", |s| {
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
        })
    })
    .await
}

#[tauri::command]
pub async fn outlet_save(state: Shared<'_>, id: Option<i64>, input: serde_json::Value) -> AppResult<Outlet> {
    blocking(state, move |st| {
        st.with_store("outlet_save", |s| {
            let input: OutletInput = parse_arg("网点资料", input)?;
            outlet::save(s, id, &input, dates::today())
        })
    })
    .await
}

#[tauri::command]
pub async fn outlets_export(state: Shared<'_>, path: String) -> AppResult<usize> {
    blocking(state, move |st| {
        st.with_store("outlets_export", |s| {
            let path = file_path(&path)?;
            outlet::export(s.conn(), &path)
        })
    })
    .await
}

#[tauri::command]
pub async fn outlets_import(state: Shared<'_>, path: String) -> AppResult<OutletImport> {
    blocking(state, move |st| {
        st.with_store("outlets_import", |s| {
            let path = file_path(&path)?;
            outlet::import(s, &path, dates::today())
        })
    })
    .await
}

/// 导入模板: an import's columns with an example row (`catalog`,
/// `customers`, `outlets`), written where the user chose.
#[tauri::command]
pub async fn import_template(state: Shared<'_>, kind: String, path: String) -> AppResult<()> {
    blocking(state, move |st| {
        st.with_store("import_template", |_| {
            let path = file_path(&path)?;
            moto4s_core::import_template::write(&kind, &path)
        })
    })
    .await
}

#[tauri::command]
pub async fn visit_record(state: Shared<'_>, input: serde_json::Value) -> AppResult<Visit> {
    blocking(state, move |st| {
        st.with_store("visit_record", |s| {
            let input: VisitInput = parse_arg("走访记录", input)?;
            visit::record(s, &input, dates::today())
        })
    })
    .await
}

#[tauri::command]
pub async fn visit_action_done(state: Shared<'_>, id: i64, input: serde_json::Value) -> AppResult<Visit> {
    blocking(state, move |st| {
        st.with_store("visit_action_done", |s| {
            let input: ActionDoneInput = parse_arg("跟进事项", input)?;
            visit::close_action(s, id, &input, dates::today())
        })
    })
    .await
}

#[tauri::command]
pub async fn network_actions_open(state: Shared<'_>) -> AppResult<Vec<OpenAction>> {
    blocking(state, |st| {
        st.with_store("network_actions_open", |s| {
            visit::open_actions(s.conn(), dates::today())
        })
    })
    .await
}

#[tauri::command]
pub async fn network_overview(state: Shared<'_>, month: String) -> AppResult<NetworkMonth> {
    blocking(state, move |st| {
        st.with_store("network_overview", |s| {
            month::overview(s.conn(), Month::parse(&month)?, dates::today())
        })
    })
    .await
}

#[tauri::command]
pub async fn network_export(state: Shared<'_>, month: String, path: String) -> AppResult<usize> {
    blocking(state, move |st| {
        st.with_store("network_export", |s| {
            let path = file_path(&path)?;
            month::export(s.conn(), Month::parse(&month)?, dates::today(), &path)
        })
    })
    .await
}
