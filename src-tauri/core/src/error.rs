//! 错误类型：`{code, message}` with a Chinese message a clerk can act on.
//!
//! Every fallible operation in core returns [`AppResult`]. The error crosses
//! IPC as JSON (`{"code":"validation","message":"…","field":"shop_name"}`);
//! the UI shows `message` next to `field` when there is one, otherwise in a
//! message box. `problems` carries the full list when there is more than one
//! thing wrong (every bad field of a form, every bad row of an import).

use serde::Serialize;

/// What kind of failure this is; the UI may treat kinds differently
/// (e.g. `database_newer` and `database_damaged` get the start-up error page).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// 输入有误：the user's input breaks a rule; nothing was saved.
    Validation,
    /// 找不到：the record asked for does not exist.
    NotFound,
    /// 数据冲突：the input clashes with a record already there.
    Conflict,
    /// 导入失败：an import file has bad rows; nothing was imported.
    Import,
    /// 数据文件来自更新的版本：refused and left untouched.
    DatabaseNewer,
    /// 数据文件已损坏或不是本软件的数据文件：refused and left untouched.
    DatabaseDamaged,
    /// 尚未打开数据：the app is waiting for the first-start choice.
    NotInitialized,
    /// 文件读写失败.
    Io,
    /// 数据库内部错误 (should not happen on user input).
    Storage,
    /// 没有权限 / 请先登录: the signed-in role may not do this; nothing was done.
    Forbidden,
}

/// One thing wrong: a form field, or a row of an imported sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Problem {
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub field: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub sheet: Option<String>,
    /// 1-based row number as the spreadsheet program shows it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub row: Option<u32>,
    pub message: String,
}

impl Problem {
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        Problem {
            field: Some(field.to_string()),
            sheet: None,
            row: None,
            message: message.into(),
        }
    }

    pub fn row(sheet: &str, row: u32, message: impl Into<String>) -> Self {
        Problem {
            field: None,
            sheet: Some(sheet.to_string()),
            row: Some(row),
            message: message.into(),
        }
    }

    /// The problem as one line, e.g. `工作表「店铺设置」第 3 行：年销量须为整数`.
    pub fn describe(&self) -> String {
        match (&self.sheet, self.row) {
            (Some(s), Some(r)) => format!("工作表「{s}」第 {r} 行：{}", self.message),
            (Some(s), None) => format!("工作表「{s}」：{}", self.message),
            _ => self.message.clone(),
        }
    }

    /// Problems as one import row's message (一行的问题): each message once,
    /// in order, joined by 「；」. `label_of` gives the column a problem's
    /// form field is read from; its label goes in front of a message that
    /// does not name it already (`|_| ""` leaves the messages as they are).
    pub fn joined(problems: impl IntoIterator<Item = Problem>, label_of: impl Fn(&str) -> &'static str) -> String {
        let mut messages: Vec<String> = Vec::new();
        for p in problems {
            let label = p.field.as_deref().map(&label_of).unwrap_or("");
            let message = if label.is_empty() || p.message.contains(label) {
                p.message
            } else {
                format!("{label}：{}", p.message)
            };
            if !messages.contains(&message) {
                messages.push(message);
            }
        }
        messages.join("；")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error, ts_rs::TS)]
#[error("{message}")]
pub struct AppError {
    pub code: ErrorCode,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub field: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<Problem>>", optional)]
    pub problems: Vec<Problem>,
}

pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        AppError {
            code,
            message: message.into(),
            field: None,
            problems: Vec::new(),
        }
    }

    /// This error as one import row's message: its problems
    /// ([`Problem::joined`]), or its message when it has none.
    pub fn row_message(self, label_of: impl Fn(&str) -> &'static str) -> String {
        if self.problems.is_empty() {
            self.message
        } else {
            Problem::joined(self.problems, label_of)
        }
    }

    /// A bad value in one form field.
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        let message = message.into();
        AppError {
            code: ErrorCode::Validation,
            message: message.clone(),
            field: Some(field.to_string()),
            problems: vec![Problem::field(field, message)],
        }
    }

    /// Several problems at once. The message names the first and the count.
    pub fn from_problems(code: ErrorCode, problems: Vec<Problem>) -> Self {
        debug_assert!(!problems.is_empty());
        let first = problems.first().map(Problem::describe).unwrap_or_default();
        let message = if problems.len() == 1 {
            first
        } else {
            format!("共 {} 处错误，第一处：{first}", problems.len())
        };
        let field = if problems.len() == 1 {
            problems[0].field.clone()
        } else {
            None
        };
        AppError {
            code,
            message,
            field,
            problems,
        }
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        AppError::new(ErrorCode::NotFound, message)
    }

    pub fn io(what: &str, err: &std::io::Error) -> Self {
        AppError::new(ErrorCode::Io, format!("{what}失败：{}", io_reason(err)))
    }
}

/// A Chinese reason for the common I/O failures.
pub(crate) fn io_reason(err: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match err.kind() {
        NotFound => "找不到文件或文件夹".to_string(),
        PermissionDenied => "没有权限（文件可能被其他程序占用或为只读）".to_string(),
        AlreadyExists => "文件已存在".to_string(),
        StorageFull => "磁盘空间不足".to_string(),
        ReadOnlyFilesystem => "磁盘或文件夹是只读的".to_string(),
        IsADirectory => "这是一个文件夹，不是文件".to_string(),
        _ if err.raw_os_error() == Some(28) => "磁盘空间不足".to_string(),
        _ => match err.raw_os_error() {
            Some(n) => format!("系统错误（代码 {n}）"),
            None => format!("{err}"),
        },
    }
}

/// What the database's 月结 triggers raise (store/sql/0017_month_closing.sql).
pub const MONTH_CLOSED: &str = "M4S_MONTH_CLOSED";
/// What the appraisal's triggers raise when a final sheet or a measured
/// line would change (store/sql/0037_appraisal.sql).
pub const APPRAISAL_FINAL: &str = "M4S_APPRAISAL_FINAL";
/// What the attachment triggers raise: the owner is missing, or a kept
/// file would change (store/sql/0040_factory_documents.sql).
pub const ATTACHMENT_OWNER: &str = "M4S_ATTACHMENT_OWNER";
pub const ATTACHMENT_FIXED: &str = "M4S_ATTACHMENT_FIXED";
/// …and what the user reads (月结).
pub const MONTH_CLOSED_MESSAGE: &str = "这条记录的日期在已月结的月份，已结月份的数字不能再变动。更正请记在当前未月结的月份；确需改动已结月份，请经理在工作台「月结」中反月结并填写原因";

impl From<rusqlite::Error> for AppError {
    fn from(err: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode as C;
        if let rusqlite::Error::SqliteFailure(e, _) = &err {
            match e.code {
                C::DatabaseBusy | C::DatabaseLocked => {
                    return AppError::new(
                        ErrorCode::Storage,
                        "数据文件正被另一个程序使用，请关闭其他打开该文件的窗口后重试",
                    )
                }
                C::DiskFull => return AppError::new(ErrorCode::Io, "磁盘已满，数据未保存，请清理磁盘后重试"),
                C::ReadOnly | C::CannotOpen | C::PermissionDenied => {
                    return AppError::new(ErrorCode::Io, "无法写入数据文件（只读或没有权限）")
                }
                C::DatabaseCorrupt | C::NotADatabase => {
                    return AppError::new(ErrorCode::DatabaseDamaged, "数据文件已损坏，请从备份恢复")
                }
                _ => {}
            }
        }
        if err.to_string().contains(APPRAISAL_FINAL) {
            return AppError::new(
                ErrorCode::Conflict,
                "考核表已定稿，测得的数字和得分按制作时保存，不能再改",
            );
        }
        if err.to_string().contains(ATTACHMENT_OWNER) {
            return AppError::not_found("附件所属的文件或索赔单不存在");
        }
        if err.to_string().contains(ATTACHMENT_FIXED) {
            return AppError::new(ErrorCode::Conflict, "附件保存后不能修改，可删除后重新添加");
        }
        if err.to_string().contains(MONTH_CLOSED) {
            return AppError::new(ErrorCode::Conflict, MONTH_CLOSED_MESSAGE);
        }
        AppError::new(ErrorCode::Storage, format!("数据库操作失败：{err}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rows_problems_read_as_one_line_each_said_once() {
        let label = |f: &str| match f {
            "vin" => "车架号",
            "saleDate" => "销售日期",
            _ => "",
        };
        let e = AppError::from_problems(
            ErrorCode::Validation,
            vec![
                Problem::field("vin", "应为 17 位"),
                Problem::field("saleDate", "销售日期不能晚于今天"),
                Problem::field("vin", "应为 17 位"),
                Problem::field("note", "太长"),
            ],
        );
        // the column named once in front of a message that lacks it; a
        // repeated message said once; a field without a column as it is
        assert_eq!(e.row_message(label), "车架号：应为 17 位；销售日期不能晚于今天；太长");
        // without labels, the messages as they are
        let plain = vec![Problem::field("vin", "应为 17 位"), Problem::field("vin", "应为 17 位")];
        assert_eq!(Problem::joined(plain, |_| ""), "应为 17 位");
        // an error without problems is its message
        assert_eq!(AppError::not_found("没有这个配件").row_message(label), "没有这个配件");
    }
}
