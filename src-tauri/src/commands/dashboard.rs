//! 工作台：the month's 22 indicators and the desk's to-do.

use moto4s_core::dashboard::{self, Dashboard};
use moto4s_core::dates::{self, Month};
use moto4s_core::AppResult;

use super::{blocking, Shared};

#[tauri::command]
pub async fn dashboard(state: Shared<'_>, month: String) -> AppResult<Dashboard> {
    let m = Month::parse(&month)?;
    blocking(state, move |st| {
        st.with_store(|s| dashboard::compute(s.conn(), m, dates::today()))
    })
    .await
}
