//! 界面合同: the TypeScript types the window uses, generated from the Rust
//! types that cross IPC (`ui/src/api/contract.ts`).
//!
//! Every type a command takes or answers derives `ts_rs::TS`; each
//! command's declaration (`#[command]`) names its arguments' and answer's
//! types, every type they contain follows by itself, and [`roots`] adds the
//! few the window names that no command does. `ui/src/api/commands.ts`, the
//! window's calls, is generated from the same declarations. The tests below
//! write the files and fail when the committed ones differ, so the window
//! and the core can't drift apart: after changing a type or a command, run
//! `MOTO4S_WRITE_CONTRACT=1 cargo test -p moto4s --bin moto4s contract` and commit the
//! files. The UI imports its types from `@/api/contract` and calls the core
//! through `@/api/commands` only.

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
    for command in crate::commands::registry().values() {
        (command.signature)(&mut c);
    }
    tables(&mut c.decls);
    c.decls
}

/// A command's call as the window writes it: its doc comment, the
/// arguments by the window's names with their TypeScript types, and the
/// type of its answer (made by `#[command]` from the declaration).
pub struct Signature {
    /// the call's name in the window: the command's in camelCase
    pub call: &'static str,
    pub doc: &'static str,
    pub args: Vec<(&'static str, String)>,
    pub returns: String,
}

/// `ui/src/api/commands.ts`: one call wrapper per command, named as the
/// command in camelCase, taking what the command takes and answering what
/// it answers, with the types of contract.ts.
pub fn commands_text() -> String {
    let cfg = Config::new().with_large_int("number");
    let mut c = Collect {
        cfg: &cfg,
        seen: HashMap::new(),
        decls: BTreeMap::new(),
    };
    let declared = declarations();
    let mut used = std::collections::BTreeSet::new();
    let mut body = String::new();
    for command in crate::commands::registry().values() {
        let sig = (command.signature)(&mut c);
        let returns = if sig.returns == "null" {
            "void".to_string()
        } else {
            sig.returns.clone()
        };
        for ty in sig.args.iter().map(|(_, t)| t.as_str()).chain([returns.as_str()]) {
            for word in ty.split(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '_')) {
                if declared.contains_key(word) {
                    used.insert(word.to_string());
                }
            }
        }
        let params: Vec<String> = sig.args.iter().map(|(n, t)| format!("{n}: {t}")).collect();
        let names: Vec<&str> = sig.args.iter().map(|(n, _)| *n).collect();
        let sent = if names.is_empty() {
            String::new()
        } else {
            format!(", {{ {} }}", names.join(", "))
        };
        body.push('\n');
        if !sig.doc.is_empty() {
            body.push_str("/**\n");
            for line in sig.doc.lines() {
                body.push_str(format!(" * {line}").trim_end());
                body.push('\n');
            }
            body.push_str(" */\n");
        }
        body.push_str(&format!(
            "export const {} = ({}): Promise<{returns}> =>\n  call<{returns}>(\"{}\"{sent});\n",
            sig.call,
            params.join(", "),
            command.name,
        ));
    }
    let imports: Vec<String> = used.into_iter().collect();
    format!(
        "// 窗口的命令 — one call per command of the window, generated from the\n\
         // commands' declarations (#[command] in src-tauri/src/commands) by\n\
         // src-tauri/src/contract.rs. Do not edit: change the command, then run\n\
         // MOTO4S_WRITE_CONTRACT=1 cargo test -p moto4s --bin moto4s contract\n\
         import {{ call }} from \"./core\";\n\
         import type {{\n{}}} from \"./contract\";\n{body}",
        imports.iter().map(|i| format!("  {i},\n")).collect::<String>()
    )
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
    let defs: Vec<String> = (1..=22u8)
        .map(|no| {
            let name = json!(core::dashboard::indicator_name(no).expect("1–22 are defined"));
            let definition = json!(core::dashboard::indicator_definition(no).expect("1–22 are defined"));
            format!("  {no}: {{ name: {name}, definition: {definition} }},\n")
        })
        .collect();
    decls.insert(
        "IndicatorDefs".into(),
        format!(
            "/**\n * The 22 monthly indicators by number: name and definition, as the dashboard defines them.\n */\nexport const IndicatorDefs: Readonly<Record<number, {{ name: string; definition: string }}>> = {{\n{}}};",
            defs.concat()
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
    let fields: Vec<String> = core::settings::SETTINGS
        .iter()
        .map(|d| {
            let input = d.key.trim_start_matches("targets.");
            format!(
                "  {{ key: {}, input: {}, label: {} }},\n",
                json!(d.key),
                json!(input),
                json!(d.label)
            )
        })
        .collect();
    decls.insert(
        "SettingFields".into(),
        format!(
            "/**\n * The shop's settings in the form's order (core's settings.rs SETTINGS): `key` as problems name the field, `input` the form's field, `label` as messages name it.\n */\nexport const SettingFields: ReadonlyArray<{{ key: string, input: keyof SettingsInput, label: string }}> = [\n{}];",
            fields.concat()
        ),
    );
    let areas: Vec<String> = Role::ALL
        .iter()
        .map(|r| format!("  {}: {},\n", r.code(), json!(r.areas())))
        .collect();
    decls.insert(
        "RoleAreas".into(),
        format!(
            "/**\n * The areas (the window's paths, in the menu's order) each role may open: those whose permission the role has (core's actor.rs).\n */\nexport const RoleAreas: Readonly<Record<Role, ReadonlyArray<string>>> = {{\n{}}};",
            areas.concat()
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

pub struct Collect<'a> {
    cfg: &'a Config,
    /// name → the Rust type that took it (two types may not share a name)
    seen: HashMap<String, (TypeId, &'static str)>,
    decls: BTreeMap<String, String>,
}

impl Collect<'_> {
    /// `T`'s name in TypeScript, declaring it (and what it holds) on the way.
    pub fn name_of<T: TS + 'static + ?Sized>(&mut self) -> String {
        self.visit::<T>();
        T::name(self.cfg)
    }

    /// `Partial<T>`, for an argument whose every field may be left out
    /// (`#[arg("…", partial)]`) — which an empty object must show.
    pub fn partial_of<T: TS + serde::de::DeserializeOwned + 'static>(&mut self) -> String {
        assert!(
            serde_json::from_value::<T>(serde_json::json!({})).is_ok(),
            "{} 不能省略字段，不应声明为 partial",
            std::any::type_name::<T>()
        );
        format!("Partial<{}>", self.name_of::<T>())
    }
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

/// The types the window names that no command takes or answers (those
/// come with the commands' declarations, and every type they hold follows):
/// an event's payload, code tables the screens offer, figures a command
/// answers flattened into another type.
fn roots(c: &mut Collect) {
    c.visit::<core::exchange::ImportProgress>();
    c.visit::<core::attachment::OwnerKindCode>();
    c.visit::<core::staff::five_s::SCode>();
    c.visit::<core::staff::five_s::AreaCode>();
    c.visit::<core::parts::indicators::PartsIndicators>();
    c.visit::<core::warranty::indicators::WarrantyIndicators>();
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
        same_as_generated("contract.ts", file_text());
    }

    #[test]
    fn the_windows_calls_are_generated_from_the_commands() {
        same_as_generated("commands.ts", commands_text());
    }

    fn same_as_generated(file: &str, want: String) {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../ui/src/api")
            .join(file);
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
                "ui/src/api/{file} 与 Rust 的声明不一致（第 {} 行起）：\n  文件：{}\n  应为：{}\n\
                 请运行 MOTO4S_WRITE_CONTRACT=1 cargo test -p moto4s --bin moto4s contract 并提交该文件",
                first + 1,
                have.lines().nth(first).unwrap_or("（文件结束）"),
                want.lines().nth(first).unwrap_or("（文件结束）"),
            );
        }
    }
}
