//! Thin `#[tauri::command]` adapters, one module per screen. Each runs on
//! the blocking pool inside `AppState::with_store(name, …)`, which checks the
//! command's permission once, first — so a role that may not run it is
//! refused whatever it sends — and then parses the arguments and calls core.
//! No SQL here.

pub mod app;
pub mod auth;
pub mod backup;
pub mod customers;
pub mod dashboard;
pub mod documents;
pub mod network;
pub mod parts;
pub mod settings;
pub mod staff;
pub mod warranty;

use std::sync::Arc;

/// Every command the window can call, written once: `all!(handler)` is the
/// Tauri invoke handler (app.rs), `all!(names)` their names (the test that
/// every one has a permission in core's table).
macro_rules! all {
    ($what:ident) => {
        $crate::commands::all!(@$what
            app::app_status,
            app::first_start,
            app::startup_backups,
            app::app_painted,
            app::restore_at_start,
            auth::auth_status,
            auth::login,
            auth::logout,
            auth::set_login_required,
            auth::audit_query,
            auth::audit_export,
            backup::backup_status,
            backup::backup_now,
            backup::backup_set_mirror,
            backup::backup_restore,
            backup::start_real_data,
            backup::data_check,
            backup::exchange_export,
            dashboard::desk_todo,
            dashboard::month_checklist,
            dashboard::month_close,
            dashboard::month_reopen,
            backup::exchange_import,
            settings::get_settings,
            settings::save_settings,
            parts::stock_query,
            parts::part_lookup,
            parts::part_categories,
            parts::part_card,
            parts::part_save,
            parts::movement_post,
            parts::movement_reverse,
            parts::catalog_import_preview,
            parts::catalog_import_apply,
            parts::stock_export,
            parts::orders_list,
            parts::order_create,
            parts::order_deliver,
            parts::order_close,
            parts::orders_counted,
            parts::receivables_list,
            parts::dealer_statement,
            network::outlets_list,
            network::import_template,
            warranty::claims_export,
            customers::repairs_export,
            customers::follow_ups_export,
            customers::inspections_export,
            network::outlet_card,
            network::outlet_save,
            network::outlets_export,
            network::outlets_import,
            network::visit_record,
            network::visit_action_done,
            network::network_actions_open,
            network::network_overview,
            network::network_export,
            parts::payment_receive,
            parts::payment_reverse,
            parts::receivables_export,
            parts::parts_indicators,
            parts::reorder_list,
            parts::reorder_export,
            parts::stocktake_list,
            parts::stocktake_get,
            staff::staff_list,
            staff::staff_save,
            staff::staffing_plan,
            staff::descriptions_all,
            staff::description_save,
            staff::description_reset,
            staff::five_s_checklist,
            staff::five_s_item_save,
            staff::five_s_overview,
            staff::five_s_get,
            staff::five_s_record,
            staff::five_s_close_finding,
            staff::trainings_list,
            staff::training_get,
            staff::trainings_year,
            staff::training_save,
            staff::training_cancel,
            staff::staff_trainings,
            staff::certificates_due,
            staff::standards_list,
            staff::standard_save,
            staff::etiquette_checks,
            staff::etiquette_by_person,
            staff::etiquette_check_record,
            warranty::quality_report,
            warranty::quality_export,
            staff::equipment_register,
            staff::equipment_loans,
            staff::equipment_save,
            staff::equipment_serviced,
            staff::equipment_lend,
            staff::equipment_give_back,
            staff::equipment_scrap,
            documents::documents_list,
            documents::document_get,
            documents::document_save,
            documents::document_done,
            documents::document_reopen,
            documents::document_confirm,
            documents::documents_mine,
            documents::campaign_progress,
            documents::campaign_notify,
            documents::campaign_complete,
            documents::campaign_undo,
            documents::campaigns_for_vehicle,
            documents::vehicle_models,
            customers::service_items,
            customers::service_item_save,
            customers::repair_steps,
            customers::repair_step_tick,
            customers::service_month,
            documents::attachments_list,
            documents::attachment_add,
            documents::attachment_image,
            documents::attachment_save_as,
            documents::attachment_remove,
            staff::appraisal_items,
            staff::appraisal_item_save,
            staff::appraisals_month,
            staff::appraisal_get,
            staff::appraisal_history,
            staff::appraisals_mine,
            staff::appraisal_make,
            staff::appraisal_update,
            staff::appraisal_finalise,
            staff::appraisal_delete,
            dashboard::dashboard,
            dashboard::summary,
            dashboard::summary_pdf,
            dashboard::summary_xlsx,
            dashboard::factory_report,
            dashboard::factory_report_sent,
            dashboard::factory_report_save,
            warranty::claims_list,
            warranty::claim_get,
            warranty::claim_save,
            warranty::claim_coverage,
            warranty::claim_issue_parts,
            warranty::claim_step,
            warranty::claim_outcome,
            warranty::warranty_policy_history,
            warranty::old_parts_waiting,
            warranty::old_part_batch_create,
            warranty::old_part_batch_receive,
            warranty::old_part_batches,
            warranty::old_parts_export,
            warranty::old_part_batch,
            warranty::warranty_policy_get,
            warranty::warranty_policy_save,
            warranty::warranty_indicators,
            customers::customers_search,
            customers::customer_detail,
            customers::customer_update,
            customers::vehicle_save,
            customers::customers_import_preview,
            customers::customers_import_apply,
            customers::customers_export,
            customers::filing_pending,
            customers::fees_unreturned,
            customers::file_record,
            customers::fee_batch_create,
            customers::fee_batches,
            customers::fee_batch,
            customers::sales_get,
            customers::sales_set,
            customers::follow_ups_due,
            customers::follow_up_record,
            customers::follow_ups_unreachable,
            customers::customer_set_unreachable,
            customers::follow_ups_list,
            customers::complaints_list,
            customers::complaint_get,
            customers::complaint_save,
            customers::complaint_add_step,
            customers::complaint_close,
            customers::complaints_month,
            customers::complaints_export,
            customers::satisfaction_month,
            customers::lost_customers,
            customers::lost_record,
            customers::lost_year,
            customers::inspections_due,
            customers::inspection_record,
            customers::inspections_list,
            customers::repairs_list,
            customers::repair_get,
            customers::repair_save,
            customers::repair_add_part,
            customers::repair_remove_part,
            customers::repair_complete,
            customers::repair_deliver,
            customers::repair_kinds,
            customers::repair_technicians,
            customers::service_rules_get,
            customers::inspection_schedules,
            customers::service_rules_save,
            customers::customer_indicators,
            parts::orders_export,
            parts::part_card_export,
            parts::stocktake_create,
            parts::stocktake_save,
            parts::stocktake_post,
            parts::stocktake_export
        )
    };
    (@handler $($module:ident :: $command:ident),* $(,)?) => {
        tauri::generate_handler![$($crate::commands::$module::$command),*]
    };
    (@names $($module:ident :: $command:ident),* $(,)?) => {
        [$(stringify!($command)),*]
    };
}
pub(crate) use all;

use moto4s_core::{AppError, AppResult, ErrorCode};
use tauri::State;

use crate::state::AppState;

/// The managed state: shared with the blocking pool by `Arc`.
pub type Shared<'a> = State<'a, Arc<AppState>>;

/// Runs a store operation on the blocking pool so the window never waits on
/// the disk.
pub async fn blocking<T: Send + 'static>(
    state: Shared<'_>,
    f: impl FnOnce(&AppState) -> AppResult<T> + Send + 'static,
) -> AppResult<T> {
    let state = Arc::clone(state.inner());
    tauri::async_runtime::spawn_blocking(move || f(&state))
        .await
        .map_err(|e| AppError::new(ErrorCode::Storage, format!("后台任务失败：{e}")))?
}

/// Parses a command's JSON argument, turning serde's message into a Chinese
/// validation error (the money and rate parsers already speak Chinese).
pub fn parse_arg<T: serde::de::DeserializeOwned>(what: &str, v: serde_json::Value) -> AppResult<T> {
    serde_json::from_value(v).map_err(|e| {
        let msg = e.to_string();
        let reason = msg.split(" at line").next().unwrap_or(&msg);
        // the inputs refuse fields they don't know: a window and a core of
        // different versions, said so instead of silently dropping a value
        let name = |rest: &str| rest.split('`').nth(1).unwrap_or("").to_string();
        let reason = if let Some(rest) = reason.strip_prefix("unknown field") {
            format!(
                "有程序不认识的项「{}」（界面与程序版本不一致，请重新打开程序）",
                name(rest)
            )
        } else if let Some(rest) = reason.strip_prefix("missing field") {
            format!("缺少「{}」", name(rest))
        } else {
            reason.to_string()
        };
        AppError::new(ErrorCode::Validation, format!("{what}内容有误：{reason}"))
    })
}

/// A file path picked in a dialog (or typed).
pub fn file_path(path: &str) -> AppResult<std::path::PathBuf> {
    let p = path.trim();
    if p.is_empty() {
        return Err(AppError::invalid("path", "请选择文件"));
    }
    Ok(std::path::PathBuf::from(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_input_with_a_field_the_core_does_not_know_is_refused_in_chinese() {
        use moto4s_core::parts::PartInput;
        let mut v = serde_json::to_value(PartInput::default()).unwrap();
        v["colour"] = serde_json::json!("红");
        let e = parse_arg::<PartInput>("配件资料", v).unwrap_err();
        assert_eq!(e.code, ErrorCode::Validation);
        assert!(e.message.contains("有程序不认识的项「colour」"), "{}", e.message);
        // the inputs take a form's fields as sent; a missing one is empty
        let mut v = serde_json::to_value(PartInput::default()).unwrap();
        v.as_object_mut().unwrap().remove("partNo");
        assert_eq!(parse_arg::<PartInput>("配件资料", v).unwrap(), PartInput::default());
    }
}
