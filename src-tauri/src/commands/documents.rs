//! 工厂文件: the factory's documents, their reading confirmations (传达),
//! the 服务活动/召回's vehicles, and the attached files kept in the data
//! file (also a claim's). Thin adapters over `moto4s_core::documents` and
//! `moto4s_core::attachment`.

use moto4s_core::attachment::{self, Attachment, Owner};
use moto4s_core::dates;
use moto4s_core::documents::{self, campaign};
use moto4s_core::AppResult;

use super::{blocking, file_path, parse_arg, Shared};

/// The register; `kind` one kind or "" for all.
#[tauri::command]
pub async fn documents_list(state: Shared<'_>, kind: String) -> AppResult<documents::FactoryDocumentList> {
    blocking(state, move |st| {
        st.with_store("documents_list", |s| documents::list(s.conn(), &kind, dates::today()))
    })
    .await
}

/// A document with its reading list, scope and files.
#[tauri::command]
pub async fn document_get(state: Shared<'_>, id: i64) -> AppResult<documents::FactoryDocumentDetail> {
    blocking(state, move |st| {
        st.with_store("document_get", |s| documents::get(s.conn(), id, dates::today()))
    })
    .await
}

/// Adds (`id` None) or changes a document.
#[tauri::command]
pub async fn document_save(
    state: Shared<'_>,
    id: Option<i64>,
    input: serde_json::Value,
) -> AppResult<documents::FactoryDocumentDetail> {
    blocking(state, move |st| {
        st.with_store("document_save", |s| {
            let input: documents::FactoryDocumentInput = parse_arg("工厂文件", input)?;
            documents::save(s, id, &input, dates::today())
        })
    })
    .await
}

/// 落实 on a day with what was done.
#[tauri::command]
pub async fn document_done(
    state: Shared<'_>,
    id: i64,
    on: String,
    note: String,
) -> AppResult<documents::FactoryDocument> {
    blocking(state, move |st| {
        st.with_store("document_done", |s| {
            documents::mark_done(s, id, &on, &note, dates::today())
        })
    })
    .await
}

/// Takes back 落实.
#[tauri::command]
pub async fn document_reopen(state: Shared<'_>, id: i64) -> AppResult<documents::FactoryDocument> {
    blocking(state, move |st| {
        st.with_store("document_reopen", |s| documents::reopen(s, id, dates::today()))
    })
    .await
}

/// 传达确认 of one person (本人, or recorded by the manager).
#[tauri::command]
pub async fn document_confirm(
    state: Shared<'_>,
    id: i64,
    staff_id: i64,
    on: String,
) -> AppResult<documents::FactoryDocumentDetail> {
    blocking(state, move |st| {
        st.with_store("document_confirm", |s| {
            documents::confirm(s, id, staff_id, &on, dates::today())
        })
    })
    .await
}

/// The signed-in person's documents still to read.
#[tauri::command]
pub async fn documents_mine(state: Shared<'_>) -> AppResult<Vec<documents::FactoryDocument>> {
    blocking(state, move |st| {
        st.with_store("documents_mine", |s| documents::mine(s, dates::today()))
    })
    .await
}

/// A campaign's vehicles and completion.
#[tauri::command]
pub async fn campaign_progress(state: Shared<'_>, id: i64) -> AppResult<campaign::CampaignProgress> {
    blocking(state, move |st| {
        st.with_store("campaign_progress", |s| campaign::progress(s.conn(), id))
    })
    .await
}

/// 通知 of a covered vehicle's customer.
#[tauri::command]
pub async fn campaign_notify(
    state: Shared<'_>,
    id: i64,
    vehicle_id: i64,
    on: String,
    note: String,
) -> AppResult<campaign::CampaignProgress> {
    blocking(state, move |st| {
        st.with_store("campaign_notify", |s| {
            campaign::notify(s, id, vehicle_id, &on, &note, dates::today())
        })
    })
    .await
}

/// 完成 by a finished repair order of the vehicle.
#[tauri::command]
pub async fn campaign_complete(
    state: Shared<'_>,
    id: i64,
    vehicle_id: i64,
    order_no: String,
) -> AppResult<campaign::CampaignProgress> {
    blocking(state, move |st| {
        st.with_store("campaign_complete", |s| {
            campaign::complete(s, id, vehicle_id, &order_no)
        })
    })
    .await
}

/// Takes back a completion.
#[tauri::command]
pub async fn campaign_undo(state: Shared<'_>, id: i64, vehicle_id: i64) -> AppResult<campaign::CampaignProgress> {
    blocking(state, move |st| {
        st.with_store("campaign_undo", |s| campaign::undo(s, id, vehicle_id))
    })
    .await
}

/// The campaigns a vehicle is covered by and has not had done.
#[tauri::command]
pub async fn campaigns_for_vehicle(state: Shared<'_>, vehicle_id: i64) -> AppResult<Vec<campaign::OpenCampaign>> {
    blocking(state, move |st| {
        st.with_store("campaigns_for_vehicle", |s| {
            campaign::open_for_vehicle(s.conn(), vehicle_id)
        })
    })
    .await
}

/// The models of the shop's vehicles, the most common first.
#[tauri::command]
pub async fn vehicle_models(state: Shared<'_>) -> AppResult<Vec<String>> {
    blocking(state, move |st| {
        st.with_store("vehicle_models", |s| moto4s_core::customers::vehicle::models(s.conn()))
    })
    .await
}

/// An owner's attached files.
#[tauri::command]
pub async fn attachments_list(state: Shared<'_>, owner_kind: String, owner_id: i64) -> AppResult<Vec<Attachment>> {
    blocking(state, move |st| {
        st.with_store("attachments_list", |s| {
            attachment::list(s.conn(), Owner::parse(&owner_kind, owner_id)?)
        })
    })
    .await
}

/// Keeps the file at `path` (picked by the user) in the data file.
#[tauri::command]
pub async fn attachment_add(
    state: Shared<'_>,
    owner_kind: String,
    owner_id: i64,
    path: String,
) -> AppResult<Attachment> {
    blocking(state, move |st| {
        st.with_store("attachment_add", |s| {
            let owner = Owner::parse(&owner_kind, owner_id)?;
            attachment::add(s, owner, &file_path(&path)?)
        })
    })
    .await
}

/// A picture as a data: URL, to show in the window.
#[tauri::command]
pub async fn attachment_image(state: Shared<'_>, id: i64) -> AppResult<String> {
    blocking(state, move |st| {
        st.with_store("attachment_image", |s| attachment::image_data_url(s.conn(), id))
    })
    .await
}

/// Saves a copy where the user chose (另存为).
#[tauri::command]
pub async fn attachment_save_as(state: Shared<'_>, id: i64, path: String) -> AppResult<()> {
    blocking(state, move |st| {
        st.with_store("attachment_save_as", |s| {
            attachment::save_as(s.conn(), id, &file_path(&path)?)
        })
    })
    .await
}

/// Deletes a kept file.
#[tauri::command]
pub async fn attachment_remove(state: Shared<'_>, id: i64) -> AppResult<()> {
    blocking(state, move |st| {
        st.with_store("attachment_remove", |s| attachment::remove(s, id))
    })
    .await
}
