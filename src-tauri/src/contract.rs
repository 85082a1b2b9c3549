//! 界面合同: the TypeScript types the window uses, generated from the Rust
//! types that cross IPC (`ui/src/api/contract.ts`).
//!
//! Every type a command takes or answers derives `ts_rs::TS`; [`ROOTS`]
//! names the ones a command names, and every type they contain follows by
//! itself. The test below writes the file from them and fails when the
//! committed file differs, so the window and the core can't drift apart:
//! after changing a type, run
//! `MOTO4S_WRITE_CONTRACT=1 cargo test -p moto4s --bin moto4s contract` and commit the
//! file. The UI imports its types from `@/api/contract` only.

use std::any::TypeId;
use std::collections::{BTreeMap, HashMap};

use ts_rs::{Config, TypeVisitor, TS};

use moto4s_core as core;

/// What the window's file is made of: each declaration under its name.
pub fn declarations() -> BTreeMap<String, String> {
    let cfg = Config::new().with_large_int("number");
    let mut c = Collect {
        cfg: &cfg,
        seen: HashMap::new(),
        decls: BTreeMap::new(),
    };
    roots(&mut c);
    tables(&mut c.decls);
    c.decls
}

/// The code tables the window shows that are Rust enums rather than
/// (code, label) tables (those come with their type, see `contract_codes!`
/// in core's lib.rs).
fn tables(decls: &mut BTreeMap<String, String>) {
    use core::actor::Role;
    use core::parts::ledger::MovementKind;
    use serde_json::json;
    choices(
        decls,
        "MovementKind",
        "The movement kinds in the order the forms offer them; `inflow`: brings stock in.",
        MovementKind::ALL
            .iter()
            .map(|k| json!({ "code": k, "label": k.label(), "inflow": k.is_inflow() }))
            .collect(),
    );
    let codes: Vec<String> = core::staff::posts::all().map(|p| format!("\"{}\"", p.code)).collect();
    decls.insert(
        "PostCode".into(),
        format!(
            "/**\n * A post's letter: the duties A–J, the combined posts K–T.\n */\nexport type PostCode = {};",
            codes.join(" | ")
        ),
    );
    choices(
        decls,
        "PostCode",
        "The posts A–J and K–T: `label` as the screens name them (letter first), `formal` as papers do, `name` the source text's, `holds` the duties.",
        core::staff::posts::all()
            .map(|p| {
                json!({ "code": p.code, "label": p.label(), "formal": p.formal(), "name": p.name, "holds": p.holds.join("、") })
            })
            .collect(),
    );
    let names: Vec<String> = (1..=22u8)
        .map(|no| {
            format!(
                "{no}: \"{}\"",
                core::dashboard::indicator_name(no).expect("1–22 are defined")
            )
        })
        .collect();
    decls.insert(
        "IndicatorNames".into(),
        format!(
            "/**\n * The 22 monthly indicators' names by number, as the dashboard defines them.\n */\nexport const IndicatorNames: Readonly<Record<number, string>> = {{ {} }};",
            names.join(", ")
        ),
    );
    use core::staff::appraisal;
    let own: Vec<String> = appraisal::MEASURES
        .iter()
        .filter(|(c, _)| appraisal::has_own_target(c))
        .map(|(c, _)| format!("\"{c}\""))
        .collect();
    decls.insert(
        "AppraisalMeasuresWithTarget".into(),
        format!(
            "/**\n * The measures whose items carry a target of their own (not 经理评分, not an indicator's, whose target the settings hold).\n */\nexport const AppraisalMeasuresWithTarget: ReadonlyArray<AppraisalMeasure> = [{}];",
            own.join(", ")
        ),
    );
    let grades: Vec<String> = appraisal::GRADES
        .iter()
        .map(|(at_least, grade)| format!("{{ atLeast: {at_least}, grade: \"{grade}\" }}"))
        .collect();
    decls.insert(
        "AppraisalGrades".into(),
        format!(
            "/**\n * The grades by total, highest first: a sheet of at least `atLeast` points has `grade`.\n */\nexport const AppraisalGrades: ReadonlyArray<{{ atLeast: number, grade: string }}> = [{}];",
            grades.join(", ")
        ),
    );
    choices(
        decls,
        "Role",
        "The sign-in roles with what each may do, in a few words (the rule is the core's).",
        Role::ALL
            .iter()
            .map(|r| json!({ "code": r, "label": r.label(), "can": r.can() }))
            .collect(),
    );
}

/// `export const <ty>Choices`: a table's rows (objects with `code`, of the
/// type `ty`, `label`, and other text or yes/no fields) as the screens use
/// them.
fn choices(decls: &mut BTreeMap<String, String>, ty: &str, doc: &str, rows: Vec<serde_json::Value>) {
    let fields = |row: &serde_json::Value| -> Vec<(String, serde_json::Value)> {
        let o = row.as_object().expect("a row is an object");
        // code, label, then the rest (in name order)
        let first = ["code", "label"].map(|k| (k.to_string(), o[k].clone()));
        let rest = o
            .iter()
            .filter(|(k, _)| !matches!(k.as_str(), "code" | "label"))
            .map(|(k, v)| (k.clone(), v.clone()));
        first.into_iter().chain(rest).collect()
    };
    let shape: Vec<String> = rows
        .first()
        .map(fields)
        .unwrap_or_default()
        .iter()
        .map(|(k, v)| match (k.as_str(), v) {
            ("code", _) => format!("code: {ty}"),
            (_, serde_json::Value::Bool(_)) => format!("{k}: boolean"),
            _ => format!("{k}: string"),
        })
        .collect();
    let lines: String = rows
        .iter()
        .map(|row| {
            let cells: Vec<String> = fields(row).iter().map(|(k, v)| format!("{k}: {v}")).collect();
            format!("  {{ {} }},\n", cells.join(", "))
        })
        .collect();
    decls.insert(
        format!("{ty}Choices"),
        format!(
            "/**\n * {doc}\n */\nexport const {ty}Choices: ReadonlyArray<{{ {} }}> = [\n{lines}];",
            shape.join(", ")
        ),
    );
}

/// The file as written: a note, then every declaration in name order.
pub fn file_text() -> String {
    let mut out = String::from(
        "// 界面合同 — generated from the Rust types that cross IPC by\n\
         // src-tauri/src/contract.rs. Do not edit: change the Rust type, then run\n\
         // MOTO4S_WRITE_CONTRACT=1 cargo test -p moto4s --bin moto4s contract\n",
    );
    for decl in declarations().values() {
        out.push('\n');
        out.push_str(decl);
        out.push('\n');
    }
    out
}

struct Collect<'a> {
    cfg: &'a Config,
    /// name → the Rust type that took it (two types may not share a name)
    seen: HashMap<String, (TypeId, &'static str)>,
    decls: BTreeMap<String, String>,
}

impl TypeVisitor for Collect<'_> {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        if T::output_path().is_none() {
            // a built-in (string, number, array …): nothing to declare, but
            // what it holds may be ours
            T::visit_generics(self);
            return;
        }
        let name = T::ident(self.cfg);
        let id = TypeId::of::<T::WithoutGenerics>();
        let rust = std::any::type_name::<T::WithoutGenerics>();
        match self.seen.get(&name) {
            Some((seen, _)) if *seen == id => return,
            Some((_, other)) => panic!("两个类型同名 {name}：{other} 与 {rust}（用 #[ts(rename = \"…\")] 区分）"),
            None => {}
        }
        self.seen.insert(name.clone(), (id, rust));
        let mut decl = T::docs().unwrap_or_default();
        decl.push_str("export ");
        decl.push_str(&one_member_a_line(&T::decl(self.cfg)));
        self.decls.insert(name, decl);
        T::visit_dependencies(self);
        T::visit_generics(self);
    }
}

/// Visits each type a command takes or answers.
macro_rules! visit_all {
    ($c:expr; $($t:ty),* $(,)?) => { $( $c.visit::<$t>(); )* };
}

/// The types the commands name, by area (the types they hold follow).
fn roots(c: &mut Collect) {
    use crate::commands;
    use core::customers::{
        complaint, customer, filing, follow_up, import as customer_import, indicators as customer_indicators,
    };
    use core::customers::{inspection, lost, repair, rules, sales, satisfaction, vehicle};
    use core::network::{month as network_month, outlet, visit};
    use core::parts::{catalog, import as catalog_import, ledger, orders, receivables, reorder, stock, stocktake};
    use core::staff::{appraisal, descriptions, equipment, five_s, roster, standards, training};
    use core::warranty::{claim, indicators as warranty_indicators, old_parts, policy, quality};

    // the frame: errors, status, sign-in, backups, exchange
    visit_all!(c;
        core::error::AppError,
        commands::app::AppStatus,
        commands::app::FirstStartChoice,
        commands::auth::AuthStatus,
        core::auth::Account,
        core::auth::AuditEntry,
        core::auth::AuditQuery,
        core::backup::BackupStatus,
        core::backup::BackupFile,
        core::demo::start_real::Keep,
        core::check::CheckReport,
        commands::backup::ExchangeImported,
        core::exchange::ImportProgress,
    );
    // settings and targets
    visit_all!(c;
        commands::settings::SettingsView,
        core::settings::SettingsInput,
    );
    // parts
    visit_all!(c;
        stock::StockQuery,
        stock::StockPage,
        catalog::Part,
        catalog::PartInput,
        commands::parts::PartCard,
        commands::parts::PartsFigures,
        ledger::Movement,
        ledger::MovementInput,
        catalog_import::CatalogPreview,
        catalog_import::CatalogImported,
        orders::Order,
        orders::OrderInput,
        orders::CloseInput,
        orders::DeliveryInput,
        receivables::Payment,
        receivables::PaymentInput,
        receivables::DealerBalance,
        receivables::StatementLine,
        reorder::Suggestion,
        core::parts::indicators::PartsIndicators,
        stocktake::Stocktake,
        stocktake::CountInput,
    );
    // customers and repairs
    visit_all!(c;
        customer::Customer,
        customer::CustomerInput,
        customer::CustomerPage,
        core::customers::file::CustomerDetail,
        vehicle::Vehicle,
        vehicle::VehicleInput,
        filing::FileInput,
        filing::FeeBatch,
        filing::FeeBatchInput,
        follow_up::FollowUp,
        follow_up::FollowUpInput,
        follow_up::DueFollowUp,
        follow_up::Unreachable,
        follow_up::UnreachableInput,
        follow_up::ComplaintCode,
        follow_up::UnreachableCode,
        complaint::Complaint,
        complaint::ComplaintInput,
        complaint::ComplaintStepInput,
        complaint::ComplaintCloseInput,
        complaint::ComplaintQuery,
        complaint::ComplaintMonth,
        satisfaction::SatisfactionMonth,
        lost::LostPage,
        lost::LostInput,
        lost::LostYear,
        inspection::Inspection,
        inspection::InspectionInput,
        inspection::DueInspection,
        repair::RepairOrder,
        repair::RepairInput,
        repair::RepairPartInput,
        repair::CompleteInput,
        repair::DeliverInput,
        repair::RepairQuery,
        rules::ServiceRules,
        rules::ServiceRulesInput,
        sales::SalesMonth,
        sales::SalesInput,
        customer_import::CustomerImport,
        rules::InspectionSchedule,
        customer_indicators::CustomerIndicators,
        core::targets::WithMarks<customer_indicators::CustomerIndicators>,
    );
    // warranty
    visit_all!(c;
        claim::Claim,
        claim::ClaimInput,
        claim::ClaimRow,
        claim::ClaimQuery,
        claim::StepInput,
        claim::OutcomeInput,
        old_parts::OldPart,
        old_parts::Batch,
        old_parts::BatchInput,
        quality::QualityReport,
        quality::QualityGroup,
        quality::QualityRow,
        policy::WarrantyPolicy,
        policy::PolicyInput,
        warranty_indicators::WarrantyIndicators,
        core::targets::WithMarks<warranty_indicators::WarrantyIndicators>,
    );
    // staff and 5S
    visit_all!(c;
        roster::Staff,
        roster::StaffInput,
        roster::StaffingPlan,
        training::Training,
        training::TrainingInput,
        training::TrainingYear,
        training::PersonTraining,
        training::CertificateDue,
        standards::ServiceStandard,
        standards::StandardInput,
        standards::EtiquetteCheck,
        standards::CheckInput,
        standards::PersonEtiquette,
        equipment::Equipment,
        equipment::Loan,
        equipment::EquipmentInput,
        equipment::LoanInput,
        equipment::EquipmentRegister,
        appraisal::AppraisalItem,
        appraisal::AppraisalItemInput,
        appraisal::Appraisal,
        appraisal::AppraisalLine,
        appraisal::AppraisalRow,
        appraisal::AppraisalMonth,
        appraisal::AppraisalInput,
        appraisal::LineScore,
        descriptions::Description,
        descriptions::DescriptionInput,
        five_s::ChecklistItem,
        five_s::ChecklistItemInput,
        five_s::ScoreInput,
        five_s::FindingInput,
        five_s::InspectionInput,
        five_s::Finding,
        five_s::Inspection,
        five_s::AreaCode,
        five_s::SCode,
        commands::staff::FiveSOverview,
    );
    // 工厂文件 and the attachments kept in the data file
    visit_all!(c;
        core::documents::FactoryDocument,
        core::documents::FactoryDocumentDetail,
        core::documents::FactoryDocumentInput,
        core::documents::FactoryDocumentList,
        core::documents::KindCode,
        core::documents::campaign::CampaignProgress,
        core::documents::campaign::OpenCampaign,
        core::attachment::Attachment,
        core::attachment::OwnerKindCode,
    );
    // 服务项目 and the process on repair orders
    visit_all!(c;
        core::customers::service::ServiceItem,
        core::customers::service::ServiceItemInput,
        core::customers::service::OrderStep,
        core::customers::service::ServiceMonth,
        core::customers::service::StepCode,
    );
    // the desk: dashboard, 月结, reports
    visit_all!(c;
        commands::dashboard::DashboardMonth,
        commands::dashboard::MonthClosing,
        core::dashboard::Todo,
        core::report::factory::FactoryReport,
        core::report::summary::MonthlySummary,
    );
    // the network of outlets
    visit_all!(c;
        outlet::Outlet,
        outlet::OutletInput,
        outlet::OutletImport,
        network_month::NetworkMonth,
        visit::Visit,
        visit::VisitInput,
        visit::ActionInput,
        visit::ActionDoneInput,
        visit::OpenAction,
        commands::network::OutletCard,
    );
}

/// `type X = { a: A, /** doc */ b: B, };` as a reader wants it: each
/// member of the outer object on its own line, its doc comment above it.
fn one_member_a_line(decl: &str) -> String {
    let Some(open) = decl.find("= {").map(|i| i + 2) else {
        return decl.to_string();
    };
    // the outer object's closing brace and the members between
    let (mut depth, mut quoted, mut close, mut cut) = (0i32, false, None, vec![open + 1]);
    let mut comment_ends = 0;
    for (i, ch) in decl.char_indices().skip_while(|(i, _)| *i < open) {
        if i < comment_ends {
            continue;
        }
        match ch {
            '"' => quoted = !quoted,
            _ if quoted => {}
            // a doc comment's words are not the type's punctuation
            '/' if decl[i..].starts_with("/*") => {
                comment_ends = decl[i..].find("*/").map_or(decl.len(), |e| i + e + 2);
            }
            '{' | '[' | '(' | '<' => depth += 1,
            '}' | ']' | ')' | '>' => {
                depth -= 1;
                if depth == 0 {
                    close = Some(i);
                    break;
                }
            }
            ',' if depth == 1 => cut.push(i + 1),
            _ => {}
        }
    }
    let Some(close) = close else {
        return decl.to_string();
    };
    cut.push(close);
    let mut out = String::from(&decl[..open]);
    out.push_str("{\n");
    for w in cut.windows(2) {
        let member = decl[w[0]..w[1]].trim();
        if member.is_empty() {
            continue;
        }
        for line in member.lines() {
            let line = line.trim_start();
            let indent = if line.starts_with('*') { "   " } else { "  " };
            out.push_str(indent);
            out.push_str(line.trim_end());
            out.push('\n');
        }
    }
    out.push_str(&decl[close..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_object_is_written_one_member_a_line() {
        assert_eq!(
            one_member_a_line("type A = { a: string, \n/**\n * 说明, 1\n */\nb: Array<{ c: number, d: \"x,}\" }>, };"),
            "type A = {\n  a: string,\n  /**\n   * 说明, 1\n   */\n  b: Array<{ c: number, d: \"x,}\" }>,\n};"
        );
        assert_eq!(one_member_a_line("type K = \"a\" | \"b\";"), "type K = \"a\" | \"b\";");
    }

    #[test]
    fn the_windows_contract_is_generated_from_these_types() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/api/contract.ts");
        let want = file_text();
        if std::env::var_os("MOTO4S_WRITE_CONTRACT").is_some() {
            std::fs::write(&path, &want).unwrap();
            return;
        }
        let have = std::fs::read_to_string(&path).unwrap_or_default();
        if have != want {
            let first = have
                .lines()
                .zip(want.lines())
                .position(|(a, b)| a != b)
                .unwrap_or_else(|| have.lines().count().min(want.lines().count()));
            panic!(
                "ui/src/api/contract.ts 与 Rust 类型不一致（第 {} 行起）：\n  文件：{}\n  应为：{}\n\
                 请运行 MOTO4S_WRITE_CONTRACT=1 cargo test -p moto4s --bin moto4s contract 并提交该文件",
                first + 1,
                have.lines().nth(first).unwrap_or("（文件结束）"),
                want.lines().nth(first).unwrap_or("（文件结束）"),
            );
        }
    }
}
