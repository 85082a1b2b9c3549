//! 工厂文件: the factory's documents, their reading confirmations (传达),
//! the 服务活动/召回's vehicles, and the attached files kept in the data
//! file (also a claim's). Thin adapters over `moto4s_core::documents` and
//! `moto4s_core::attachment`.

use moto4s_core::attachment::{self, Attachment, Owner};
use moto4s_core::dates;
use moto4s_core::documents::{self, campaign};
use moto4s_core::AppResult;

use super::{command, file_path};
use moto4s_core::Store;

/// The register; `kind` one kind or "" for all.
#[command(Read)]
pub fn documents_list(s: &mut Store, kind: String) -> AppResult<documents::FactoryDocumentList> {
    documents::list(s.conn(), &kind, dates::today())
}

/// A document with its reading list, scope and files.
#[command(Read)]
pub fn document_get(s: &mut Store, id: i64) -> AppResult<documents::FactoryDocumentDetail> {
    documents::get(s.conn(), id, dates::today())
}

/// Adds (`id` None) or changes a document.
#[command(Manage)]
pub fn document_save(
    s: &mut Store,
    id: Option<i64>,
    #[arg("工厂文件")] input: documents::FactoryDocumentInput,
) -> AppResult<documents::FactoryDocumentDetail> {
    documents::save(s, id, &input, dates::today())
}

/// 落实 on a day with what was done.
#[command(Manage)]
pub fn document_done(s: &mut Store, id: i64, on: String, note: String) -> AppResult<documents::FactoryDocument> {
    documents::mark_done(s, id, &on, &note, dates::today())
}

/// Takes back 落实.
#[command(Manage)]
pub fn document_reopen(s: &mut Store, id: i64) -> AppResult<documents::FactoryDocument> {
    documents::reopen(s, id, dates::today())
}

/// 传达确认 of one person (本人, or recorded by the manager).
#[command(Read)]
pub fn document_confirm(
    s: &mut Store,
    id: i64,
    staff_id: i64,
    on: String,
) -> AppResult<documents::FactoryDocumentDetail> {
    documents::confirm(s, id, staff_id, &on, dates::today())
}

/// The signed-in person's documents still to read.
#[command(Read)]
pub fn documents_mine(s: &mut Store) -> AppResult<Vec<documents::FactoryDocument>> {
    documents::mine(s, dates::today())
}

/// A campaign's vehicles and completion.
#[command(Read)]
pub fn campaign_progress(s: &mut Store, id: i64) -> AppResult<campaign::CampaignProgress> {
    campaign::progress(s.conn(), id)
}

/// 通知 of a covered vehicle's customer.
#[command(FollowUps)]
pub fn campaign_notify(
    s: &mut Store,
    id: i64,
    vehicle_id: i64,
    on: String,
    note: String,
) -> AppResult<campaign::CampaignProgress> {
    campaign::notify(s, id, vehicle_id, &on, &note, dates::today())
}

/// 完成 by a finished repair order of the vehicle.
#[command(Repairs)]
pub fn campaign_complete(
    s: &mut Store,
    id: i64,
    vehicle_id: i64,
    order_no: String,
) -> AppResult<campaign::CampaignProgress> {
    campaign::complete(s, id, vehicle_id, &order_no)
}

/// Takes back a completion.
#[command(Manage)]
pub fn campaign_undo(s: &mut Store, id: i64, vehicle_id: i64) -> AppResult<campaign::CampaignProgress> {
    campaign::undo(s, id, vehicle_id)
}

/// The campaigns a vehicle is covered by and has not had done.
#[command(Read)]
pub fn campaigns_for_vehicle(s: &mut Store, vehicle_id: i64) -> AppResult<Vec<campaign::OpenCampaign>> {
    campaign::open_for_vehicle(s.conn(), vehicle_id)
}

/// The models of the shop's vehicles, the most common first.
#[command(Read)]
pub fn vehicle_models(s: &mut Store) -> AppResult<Vec<String>> {
    moto4s_core::customers::vehicle::models(s.conn())
}

/// An owner's attached files.
#[command(Read)]
pub fn attachments_list(s: &mut Store, owner_kind: String, owner_id: i64) -> AppResult<Vec<Attachment>> {
    attachment::list(s.conn(), Owner::parse(&owner_kind, owner_id)?)
}

/// Keeps the file at `path` (picked by the user) in the data file.
#[command(Read)]
pub fn attachment_add(s: &mut Store, owner_kind: String, owner_id: i64, path: String) -> AppResult<Attachment> {
    let owner = Owner::parse(&owner_kind, owner_id)?;
    attachment::add(s, owner, &file_path(&path)?)
}

/// A picture as a data: URL, to show in the window.
#[command(Read)]
pub fn attachment_image(s: &mut Store, id: i64) -> AppResult<String> {
    attachment::image_data_url(s.conn(), id)
}

/// Saves a copy where the user chose (另存为).
#[command(Read)]
pub fn attachment_save_as(s: &mut Store, id: i64, path: String) -> AppResult<()> {
    attachment::save_as(s.conn(), id, &file_path(&path)?)
}

/// Deletes a kept file.
#[command(Read)]
pub fn attachment_remove(s: &mut Store, id: i64) -> AppResult<()> {
    attachment::remove(s, id)
}
