//! 服务礼仪: the shop's service standards register — the source text's four
//! principles (真诚, 一致, 合宜, 主动) and ten standards (仪容规范 … 主动回访)
//! as the shop's own: each with what it asks, the post that owns it (or
//! everyone) and how it is checked (衡量), in the order of the wall board.
//! The text asks that standards be "具体化、简明、可测定、符合客户要求、写入
//! 工作职责与评介"; the shop may reword them, add its own and retire one
//! (a retired one leaves the board but keeps its row). docs/domain.md §4.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::{AppError, AppResult, ErrorCode};
use crate::form::Fields;
use crate::store::Store;

/// (code, label) of a register entry's kind.
pub const KINDS: [(&str, &str); 2] = [("principle", "服务原则"), ("standard", "服务标准")];

contract_codes!(KindCode, "StandardKind", KINDS);

pub fn kind_label(code: &str) -> &'static str {
    KINDS.iter().find(|(c, _)| *c == code).map_or("", |(_, l)| l)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ServiceStandard {
    pub id: i64,
    #[ts(as = "KindCode")]
    pub kind: String,
    pub kind_label: &'static str,
    /// its place on the board (1 first)
    pub seq: i64,
    pub title: String,
    pub content: String,
    /// a post code, or "" for everyone
    pub owner_post: String,
    /// "全员" or the post's name
    pub owner_label: String,
    pub measure: String,
    pub active: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct StandardInput {
    pub kind: String,
    /// empty = after the last of its kind
    pub seq: String,
    pub title: String,
    pub content: String,
    pub owner_post: String,
    pub measure: String,
    pub active: bool,
}

fn owner_label(code: &str) -> String {
    match crate::staff::posts::find(code) {
        // the post's name without the text's 「或称…」 gloss
        Some(p) => format!("{} {}", p.code, p.name.split(['(', '（']).next().unwrap_or(p.name)),
        None => "全员".to_string(),
    }
}

/// The register, principles first, each kind in board order; `all` also
/// the retired ones.
pub fn list(conn: &Connection, all: bool) -> AppResult<Vec<ServiceStandard>> {
    let mut st = conn.prepare(
        "SELECT id, kind, seq, title, content, owner_post, measure, active FROM service_standard
         WHERE ?1 OR active = 1 ORDER BY kind = 'standard', seq, id",
    )?;
    let rows = st
        .query_map([all], |r| {
            let kind: String = r.get(1)?;
            let owner: String = r.get(5)?;
            Ok(ServiceStandard {
                id: r.get(0)?,
                kind_label: kind_label(&kind),
                kind,
                seq: r.get(2)?,
                title: r.get(3)?,
                content: r.get(4)?,
                owner_label: owner_label(&owner),
                owner_post: owner,
                measure: r.get(6)?,
                active: r.get(7)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Adds (`id` None) or changes an entry. All or nothing.
pub fn save(store: &mut Store, id: Option<i64>, input: &StandardInput) -> AppResult<ServiceStandard> {
    let tx = store.conn_mut().transaction()?;
    let mut f = Fields::new();
    let kind = KINDS
        .iter()
        .find(|(c, l)| *c == input.kind.trim() || *l == input.kind.trim())
        .map(|(c, _)| *c);
    if kind.is_none() {
        f.bad("kind", "请选择服务原则或服务标准");
    }
    let title = f.text("title", "名称", &input.title, 20, true);
    let content = f.text("content", "内容", &input.content, 300, true);
    let measure = f.text("measure", "衡量方法", &input.measure, 100, false);
    let owner = input.owner_post.trim().to_uppercase();
    if !owner.is_empty() && crate::staff::posts::find(&owner).is_none() {
        f.bad("ownerPost", format!("没有岗位「{owner}」"));
    }
    let seq = f.count("seq", "顺序", &input.seq, 999);
    if let (Some(k), false) = (kind, title.is_empty()) {
        let taken: Option<i64> = tx
            .query_row(
                "SELECT id FROM service_standard WHERE kind = ?1 AND title = ?2",
                params![k, title],
                |r| r.get(0),
            )
            .optional()?;
        if taken.is_some_and(|t| Some(t) != id) {
            f.bad("title", format!("已有「{title}」，请勿重复登记"));
        }
    }
    if !f.is_empty() {
        return Err(AppError::from_problems(ErrorCode::Validation, f.problems));
    }
    let kind = kind.expect("checked");
    let seq = match seq {
        Some(n) => n,
        None => tx.query_row(
            "SELECT coalesce(max(seq), 0) + 1 FROM service_standard WHERE kind = ?1",
            [kind],
            |r| r.get(0),
        )?,
    };
    let id = match id {
        None => {
            tx.execute(
                "INSERT INTO service_standard (kind, seq, title, content, owner_post, measure, active)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![kind, seq, title, content, owner, measure, input.active],
            )?;
            tx.last_insert_rowid()
        }
        Some(id) => {
            let n = tx.execute(
                "UPDATE service_standard SET kind = ?2, seq = ?3, title = ?4, content = ?5, owner_post = ?6,
                    measure = ?7, active = ?8 WHERE id = ?1",
                params![id, kind, seq, title, content, owner, measure, input.active],
            )?;
            if n == 0 {
                return Err(AppError::not_found("找不到该条服务规范"));
            }
            id
        }
    };
    tx.commit()?;
    list(store.conn(), true)?
        .into_iter()
        .find(|s| s.id == id)
        .ok_or_else(|| AppError::not_found("找不到该条服务规范"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_texts_standards_to_start_with_then_the_shops_own() {
        let mut s = Store::open_in_memory().unwrap();
        let all = list(s.conn(), false).unwrap();
        assert_eq!(all.len(), 14);
        assert_eq!(
            all.iter()
                .filter(|x| x.kind == "principle")
                .map(|x| x.title.as_str())
                .collect::<Vec<_>>(),
            ["真诚原则", "一致原则", "合宜原则", "主动原则"]
        );
        let visit = all.iter().find(|x| x.title == "主动回访").unwrap();
        assert_eq!(visit.owner_label, "I 客户信息员");
        // the shop's own, after the ten
        let own = save(
            &mut s,
            None,
            &StandardInput {
                kind: "standard".into(),
                title: "电话礼仪".into(),
                content: "铃响三声内接听，先报店名".into(),
                owner_post: "b".into(),
                measure: "抽查来电录音".into(),
                active: true,
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!((own.seq, own.owner_post.as_str()), (11, "B"));
        // the same title again, a post that does not exist, no content: refused
        let e = save(
            &mut s,
            None,
            &StandardInput {
                kind: "standard".into(),
                title: "电话礼仪".into(),
                owner_post: "Z".into(),
                active: true,
                ..Default::default()
            },
        )
        .unwrap_err();
        let fields: Vec<_> = e.problems.iter().map(|p| p.field.clone().unwrap()).collect();
        assert_eq!(fields, ["content", "ownerPost", "title"]);
        // retired: off the board, kept in the register
        let mut input = StandardInput {
            kind: own.kind.clone(),
            seq: own.seq.to_string(),
            title: own.title.clone(),
            content: own.content.clone(),
            owner_post: own.owner_post.clone(),
            measure: own.measure.clone(),
            active: false,
        };
        save(&mut s, Some(own.id), &input).unwrap();
        assert_eq!(list(s.conn(), false).unwrap().len(), 14);
        assert_eq!(list(s.conn(), true).unwrap().len(), 15);
        input.active = true;
        assert!(save(&mut s, Some(own.id), &input).unwrap().active);
    }
}
