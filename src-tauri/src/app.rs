//! The window: the Tauri builder, the commands it answers, and what happens
//! when it paints and closes. The shop's state is `state.rs`.

use std::sync::Arc;

use crate::cli::GuiArgs;
use crate::commands;
use crate::state::{after_first_paint, automatic_backup, initial_state, PAINT_WAIT};

pub fn run(gui: GuiArgs) {
    let state = Arc::new(initial_state(&gui));
    let on_exit = Arc::clone(&state);
    let waiting = Arc::clone(&state);
    tauri::Builder::default()
        .setup(move |app| {
            // the window that never says it has painted still gets its
            // check and backups
            {
                let handle = app.handle().clone();
                std::thread::spawn(move || {
                    std::thread::sleep(PAINT_WAIT);
                    after_first_paint(&waiting, &handle);
                });
            }
            crate::webview::configure(app);
            Ok(())
        })
        .plugin(tauri_plugin_dialog::init())
        .manage(state)
        .invoke_handler(tauri::generate_handler![
            commands::app::app_status,
            commands::app::first_start,
            commands::app::startup_backups,
            commands::app::app_painted,
            commands::app::restore_at_start,
            commands::auth::auth_status,
            commands::auth::login,
            commands::auth::logout,
            commands::auth::set_login_required,
            commands::auth::audit_query,
            commands::auth::audit_export,
            commands::backup::backup_status,
            commands::backup::backup_now,
            commands::backup::backup_set_mirror,
            commands::backup::backup_restore,
            commands::backup::data_check,
            commands::backup::exchange_export,
            commands::dashboard::desk_todo,
            commands::dashboard::month_checklist,
            commands::dashboard::month_close,
            commands::dashboard::month_reopen,
            commands::backup::exchange_import,
            commands::settings::get_settings,
            commands::settings::save_settings,
            commands::parts::stock_query,
            commands::parts::part_lookup,
            commands::parts::part_categories,
            commands::parts::part_card,
            commands::parts::part_save,
            commands::parts::movement_post,
            commands::parts::movement_reverse,
            commands::parts::catalog_import_preview,
            commands::parts::catalog_import_apply,
            commands::parts::stock_export,
            commands::parts::orders_list,
            commands::parts::order_create,
            commands::parts::order_deliver,
            commands::parts::order_close,
            commands::parts::orders_counted,
            commands::parts::receivables_list,
            commands::parts::dealer_statement,
            commands::network::outlets_list,
            commands::network::import_template,
            commands::warranty::claims_export,
            commands::customers::repairs_export,
            commands::customers::follow_ups_export,
            commands::customers::inspections_export,
            commands::network::outlet_card,
            commands::network::outlet_save,
            commands::network::outlets_export,
            commands::network::outlets_import,
            commands::network::visit_record,
            commands::network::visit_action_done,
            commands::network::network_actions_open,
            commands::network::network_overview,
            commands::network::network_export,
            commands::parts::payment_receive,
            commands::parts::payment_reverse,
            commands::parts::receivables_export,
            commands::parts::parts_indicators,
            commands::parts::reorder_list,
            commands::parts::reorder_export,
            commands::parts::stocktake_list,
            commands::parts::stocktake_get,
            commands::staff::staff_list,
            commands::staff::staff_save,
            commands::staff::staffing_plan,
            commands::staff::descriptions_all,
            commands::staff::description_save,
            commands::staff::description_reset,
            commands::staff::five_s_checklist,
            commands::staff::five_s_item_save,
            commands::staff::five_s_overview,
            commands::staff::five_s_get,
            commands::staff::five_s_record,
            commands::staff::five_s_close_finding,
            commands::dashboard::dashboard,
            commands::dashboard::summary_pdf,
            commands::dashboard::summary_xlsx,
            commands::dashboard::factory_report,
            commands::dashboard::factory_report_sent,
            commands::dashboard::factory_report_save,
            commands::warranty::claims_list,
            commands::warranty::claim_get,
            commands::warranty::claim_save,
            commands::warranty::claim_coverage,
            commands::warranty::claim_issue_parts,
            commands::warranty::claim_step,
            commands::warranty::claim_outcome,
            commands::warranty::warranty_policy_history,
            commands::warranty::old_parts_waiting,
            commands::warranty::old_part_batch_create,
            commands::warranty::old_part_batch_receive,
            commands::warranty::old_part_batches,
            commands::warranty::old_part_batch,
            commands::warranty::warranty_policy_get,
            commands::warranty::warranty_policy_save,
            commands::warranty::warranty_indicators,
            commands::customers::customers_search,
            commands::customers::customer_detail,
            commands::customers::customer_update,
            commands::customers::vehicle_save,
            commands::customers::customers_import_preview,
            commands::customers::customers_import_apply,
            commands::customers::customers_export,
            commands::customers::filing_pending,
            commands::customers::fees_unreturned,
            commands::customers::file_record,
            commands::customers::fee_batch_create,
            commands::customers::fee_batches,
            commands::customers::fee_batch,
            commands::customers::sales_get,
            commands::customers::sales_set,
            commands::customers::follow_ups_due,
            commands::customers::follow_up_record,
            commands::customers::follow_ups_unreachable,
            commands::customers::customer_set_unreachable,
            commands::customers::follow_ups_list,
            commands::customers::inspections_due,
            commands::customers::inspection_record,
            commands::customers::inspections_list,
            commands::customers::repairs_list,
            commands::customers::repair_get,
            commands::customers::repair_save,
            commands::customers::repair_add_part,
            commands::customers::repair_remove_part,
            commands::customers::repair_complete,
            commands::customers::repair_deliver,
            commands::customers::repair_kinds,
            commands::customers::repair_technicians,
            commands::customers::service_rules_get,
            commands::customers::inspection_schedules,
            commands::customers::service_rules_save,
            commands::customers::customer_indicators,
            commands::parts::orders_export,
            commands::parts::part_card_export,
            commands::parts::stocktake_create,
            commands::parts::stocktake_save,
            commands::parts::stocktake_post,
            commands::parts::stocktake_export,
        ])
        .build(tauri::generate_context!())
        .expect("无法启动窗口")
        .run(move |_, event| {
            // on exit: today's backup replaced by the day's final state
            if let tauri::RunEvent::Exit = event {
                automatic_backup(&on_exit, true);
            }
        });
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    /// The locked-down shell: a strict CSP (no eval, no remote sources) and
    /// the main window granted only the core calls and the open/save dialogs
    /// (no file-system plugin: the app reads and writes only the data file
    /// and the files the user picks).
    #[test]
    fn the_csp_and_the_capabilities_are_locked_down() {
        let conf: Value = serde_json::from_str(include_str!("../tauri.conf.json")).unwrap();
        let csp = conf["app"]["security"]["csp"].as_object().unwrap();
        assert_eq!(csp["default-src"], "'self'");
        assert_eq!(csp["script-src"], "'self'");
        assert_eq!(csp["object-src"], "'none'");
        for (directive, sources) in csp {
            for source in sources.as_str().unwrap().split_whitespace() {
                assert!(
                    ["'self'", "'none'", "data:", "ipc:", "http://ipc.localhost"].contains(&source)
                        || (source == "'unsafe-inline'" && directive == "style-src"),
                    "{directive} allows {source}"
                );
            }
        }
        let caps: Value = serde_json::from_str(include_str!("../capabilities/default.json")).unwrap();
        assert_eq!(caps["windows"], json!(["main"]));
        assert_eq!(
            caps["permissions"],
            json!(["core:default", "dialog:allow-open", "dialog:allow-save"])
        );
    }

    /// Every command the window registers has a permission in core's table
    /// (or works before sign-in), and the table names no command that does
    /// not exist — so none escapes the check.
    #[test]
    fn every_command_is_in_cores_permission_table() {
        let src = include_str!("app.rs");
        let start = src.find("generate_handler![").unwrap();
        let end = start + src[start..].find("])").unwrap();
        let registered: Vec<&str> = src[start..end]
            .split("commands::")
            .skip(1)
            .map(|x| {
                x.split("::")
                    .nth(1)
                    .unwrap()
                    .trim_end_matches(|c: char| c == ',' || c.is_whitespace())
            })
            .collect();
        let before_login = ["app_status", "app_painted", "auth_status", "login", "logout"];
        for c in &registered {
            assert!(
                before_login.contains(c) || moto4s_core::auth::COMMANDS.iter().any(|(n, _)| n == c),
                "{c} has no permission"
            );
        }
        for (n, _) in moto4s_core::auth::COMMANDS {
            assert!(registered.contains(n), "{n} is not a command");
        }
        assert!(registered.len() > 100, "{}", registered.len());
    }
}
