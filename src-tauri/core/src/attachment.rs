//! 附件: files kept inside the data file — a scanned 技术通报 with its
//! factory document, a photo of a failed part with its 三包 claim. At most
//! [`MAX_BYTES`] (10 MB) each. Because they live in SQLite they are in every
//! backup, and the data-exchange workbook carries them (sheet 附件, the file
//! in base64 over as many rows as it needs); nothing is written outside the
//! data folder unless the user saves a copy where they choose (另存为).
//! A kept file never changes (a trigger refuses an UPDATE); it may be
//! deleted and added again. docs/domain.md §16.

use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::actor::Permission;
use crate::error::{AppError, AppResult, ErrorCode};
use crate::store::Store;

/// The largest file kept: 10 MB.
pub const MAX_BYTES: i64 = 10 * 1024 * 1024;

/// (code, label) of what an attachment belongs to.
pub const OWNER_KINDS: [(&str, &str); 2] = [("factory_document", "工厂文件"), ("warranty_claim", "三包索赔")];
contract_codes!(OwnerKindCode, "AttachmentOwnerKind", OWNER_KINDS);

/// What an attachment belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    /// 工厂文件 (factory_document.id)
    FactoryDocument(i64),
    /// 三包索赔 (warranty_claim.id)
    WarrantyClaim(i64),
}

impl Owner {
    /// From the window's (kind, id).
    pub fn parse(kind: &str, id: i64) -> AppResult<Owner> {
        match kind {
            "factory_document" => Ok(Owner::FactoryDocument(id)),
            "warranty_claim" => Ok(Owner::WarrantyClaim(id)),
            _ => Err(AppError::new(
                ErrorCode::Validation,
                format!("未知的附件所属「{kind}」"),
            )),
        }
    }

    pub fn kind(self) -> &'static str {
        match self {
            Owner::FactoryDocument(_) => "factory_document",
            Owner::WarrantyClaim(_) => "warranty_claim",
        }
    }

    pub fn id(self) -> i64 {
        match self {
            Owner::FactoryDocument(id) | Owner::WarrantyClaim(id) => id,
        }
    }

    /// Who may add or delete: a factory document's files are the
    /// manager's; a claim's are part of entering the claim.
    fn permission(self) -> Permission {
        match self {
            Owner::FactoryDocument(_) => Permission::Manage,
            Owner::WarrantyClaim(_) => Permission::ClaimEntry,
        }
    }
}

/// A kept file, without its content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Attachment {
    pub id: i64,
    pub file_name: String,
    pub mime: String,
    pub size: i64,
    /// a picture the window can show as it is
    pub image: bool,
    pub added_at: String,
    pub added_by: String,
}

/// The content type by the file's extension (what the window needs to
/// show a picture; anything else is saved as it came).
pub fn mime_of(file_name: &str) -> &'static str {
    let ext = file_name.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    match ext.as_str() {
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "bmp" => "image/bmp",
        "pdf" => "application/pdf",
        "txt" => "text/plain",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls" => "application/vnd.ms-excel",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

/// A size in words (「2.4 MB」, 「36 KB」).
pub fn size_text(size: i64) -> String {
    if size >= 1024 * 1024 {
        // tenths of a MB, rounded half up, in integers
        let tenths = (size * 10 + 512 * 1024) / (1024 * 1024);
        format!("{}.{} MB", tenths / 10, tenths % 10)
    } else {
        format!("{} KB", (size + 1023) / 1024)
    }
}

/// Checks a file's name and size before it is kept.
pub fn check(file_name: &str, size: i64) -> AppResult<()> {
    if file_name.trim().is_empty() {
        return Err(AppError::new(ErrorCode::Validation, "附件没有文件名"));
    }
    if file_name.chars().count() > 120 {
        return Err(AppError::new(
            ErrorCode::Validation,
            "附件的文件名太长（最多 120 个字）",
        ));
    }
    if size == 0 {
        return Err(AppError::new(ErrorCode::Validation, format!("「{file_name}」是空文件")));
    }
    if size > MAX_BYTES {
        return Err(AppError::new(
            ErrorCode::Validation,
            format!(
                "「{file_name}」有 {}，超过每个附件 10 MB 的上限，请压缩或缩小后再添加",
                size_text(size)
            ),
        ));
    }
    Ok(())
}

/// Keeps `bytes` as `file_name` for `owner`, inside the caller's
/// transaction (the add below, the workbook import, the demo).
pub fn add_bytes_in(
    tx: &Connection,
    owner: Owner,
    file_name: &str,
    bytes: &[u8],
    added_at: &str,
    added_by: &str,
) -> AppResult<i64> {
    let name = file_name.trim();
    check(name, bytes.len() as i64)?;
    tx.execute(
        "INSERT INTO attachment (owner_kind, owner_id, file_name, mime, size, content, added_at, added_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            owner.kind(),
            owner.id(),
            name,
            mime_of(name),
            bytes.len() as i64,
            bytes,
            added_at,
            added_by
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

/// Reads the file at `path` (chosen by the user) into the data file for
/// `owner`. The size is checked before anything is read.
pub fn add(store: &mut Store, owner: Owner, path: &Path) -> AppResult<Attachment> {
    crate::auth::require(store, owner.permission())?;
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let meta = std::fs::metadata(path).map_err(|e| AppError::io("读取附件", &e))?;
    if meta.is_dir() {
        return Err(AppError::new(ErrorCode::Validation, "请选择一个文件，不是文件夹"));
    }
    check(&file_name, meta.len().min(i64::MAX as u64) as i64)?;
    let bytes = std::fs::read(path).map_err(|e| AppError::io("读取附件", &e))?;
    let by = store.actor().unwrap_or_else(crate::actor::Actor::without_login).name;
    let id = store.write(|tx| add_bytes_in(tx, owner, &file_name, &bytes, &crate::dates::stamp(), &by))?;
    get(store.conn(), id)
}

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Attachment> {
    let mime: String = r.get(2)?;
    Ok(Attachment {
        id: r.get(0)?,
        file_name: r.get(1)?,
        image: mime.starts_with("image/"),
        mime,
        size: r.get(3)?,
        added_at: r.get(4)?,
        added_by: r.get(5)?,
    })
}

const COLUMNS: &str = "id, file_name, mime, size, added_at, added_by";

pub fn get(conn: &Connection, id: i64) -> AppResult<Attachment> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM attachment WHERE id = ?1"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or_else(|| AppError::not_found("找不到该附件"))
}

/// An owner's files, in the order they were added (never their content).
pub fn list(conn: &Connection, owner: Owner) -> AppResult<Vec<Attachment>> {
    let mut st = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM attachment WHERE owner_kind = ?1 AND owner_id = ?2 ORDER BY id"
    ))?;
    let rows = st
        .query_map(params![owner.kind(), owner.id()], from_row)?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// A file's bytes.
pub fn content(conn: &Connection, id: i64) -> AppResult<Vec<u8>> {
    conn.query_row("SELECT content FROM attachment WHERE id = ?1", [id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| AppError::not_found("找不到该附件"))
}

/// A picture as a `data:` URL the window shows as it is; other kinds are
/// saved with [`save_as`] and opened with the PC's own program.
pub fn image_data_url(conn: &Connection, id: i64) -> AppResult<String> {
    use base64::Engine;
    let a = get(conn, id)?;
    if !a.image {
        return Err(AppError::new(
            ErrorCode::Validation,
            format!("「{}」不是图片，请用「另存为」保存后打开", a.file_name),
        ));
    }
    let bytes = content(conn, id)?;
    Ok(format!(
        "data:{};base64,{}",
        a.mime,
        base64::engine::general_purpose::STANDARD.encode(bytes)
    ))
}

/// Writes a copy of the file to `out` (where the user chose), whole or
/// not at all.
pub fn save_as(conn: &Connection, id: i64, out: &Path) -> AppResult<()> {
    let bytes = content(conn, id)?;
    crate::paths::write_atomically(out, &bytes)
}

/// Deletes a kept file (the window asks first).
pub fn remove(store: &mut Store, id: i64) -> AppResult<()> {
    let owner: Option<(String, i64)> = store
        .conn()
        .query_row("SELECT owner_kind, owner_id FROM attachment WHERE id = ?1", [id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    let Some((kind, owner_id)) = owner else {
        return Err(AppError::not_found("找不到该附件"));
    };
    crate::auth::require(store, Owner::parse(&kind, owner_id)?.permission())?;
    store.conn().execute("DELETE FROM attachment WHERE id = ?1", [id])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_kept_whole_checked_and_never_changed() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open_in_memory().unwrap();
        s.conn()
            .execute(
                "INSERT INTO factory_document (kind, doc_no, title, received_on, created_at)
                 VALUES ('bulletin', 'JT-2026-01', '化油器怠速调整', '2026-11-02', '2026-11-02 09:00:00')",
                [],
            )
            .unwrap();
        let owner = Owner::FactoryDocument(1);
        let photo = dir.path().join("通报扫描.png");
        let bytes: Vec<u8> = (0..3000u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(&photo, &bytes).unwrap();
        let a = add(&mut s, owner, &photo).unwrap();
        assert_eq!((a.file_name.as_str(), a.size, a.image), ("通报扫描.png", 3000, true));
        assert_eq!(a.added_by, "经理（免登录）");
        assert_eq!(content(s.conn(), a.id).unwrap(), bytes);
        assert!(image_data_url(s.conn(), a.id)
            .unwrap()
            .starts_with("data:image/png;base64,"));
        let out = dir.path().join("copy.png");
        save_as(s.conn(), a.id, &out).unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), bytes);
        assert_eq!(list(s.conn(), owner).unwrap().len(), 1);

        // an empty file, one over 10 MB, a missing owner: refused, nothing kept
        let empty = dir.path().join("空.pdf");
        std::fs::write(&empty, b"").unwrap();
        assert!(add(&mut s, owner, &empty).unwrap_err().message.contains("空文件"));
        let big = dir.path().join("大.pdf");
        let f = std::fs::File::create(&big).unwrap();
        f.set_len(MAX_BYTES as u64 + 1).unwrap();
        let e = add(&mut s, owner, &big).unwrap_err();
        assert!(e.message.contains("超过每个附件 10 MB"), "{}", e.message);
        let e = add(&mut s, Owner::WarrantyClaim(99), &photo).unwrap_err();
        assert_eq!(e.code, ErrorCode::NotFound, "{}", e.message);
        assert_eq!(list(s.conn(), owner).unwrap().len(), 1);

        // a kept file does not change; deleting is allowed
        let e: AppError = s
            .conn()
            .execute("UPDATE attachment SET file_name = 'x.png'", [])
            .unwrap_err()
            .into();
        assert!(e.message.contains("不能修改"), "{}", e.message);
        remove(&mut s, a.id).unwrap();
        assert!(list(s.conn(), owner).unwrap().is_empty());
    }

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(size_text(1), "1 KB");
        assert_eq!(size_text(36 * 1024), "36 KB");
        assert_eq!(size_text(2_516_582), "2.4 MB");
        assert_eq!(size_text(MAX_BYTES), "10.0 MB");
    }
}
