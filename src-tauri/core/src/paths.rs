//! 数据文件位置：where the shop's SQLite file lives.
//!
//! Order of precedence: the `--data FILE` flag, then the `MOTO4S_DATA`
//! environment variable, then `moto4s.db` in the OS app-data folder
//! (`~/.local/share/cn.moto4s.desk/` on Linux, `%APPDATA%\cn.moto4s.desk\` on
//! Windows) — the same folder Tauri's `app_data_dir()` gives for the app's
//! identifier, so the shell and the CLI agree without asking Tauri.

use std::path::PathBuf;

/// The app's identifier; must equal `identifier` in tauri.conf.json.
pub const APP_IDENTIFIER: &str = "cn.moto4s.desk";
/// The environment variable that overrides the data file.
pub const DATA_ENV: &str = "MOTO4S_DATA";
/// The data file's name inside the app-data folder.
pub const DATA_FILE_NAME: &str = "moto4s.db";

/// The OS app-data folder for this app.
pub fn app_data_dir() -> PathBuf {
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join(APP_IDENTIFIER)
}

/// The data file to use, given the `--data` flag if there was one.
pub fn resolve_data_file(flag: Option<PathBuf>) -> PathBuf {
    if let Some(p) = flag {
        return p;
    }
    match std::env::var_os(DATA_ENV) {
        Some(v) if !v.is_empty() => PathBuf::from(v),
        _ => app_data_dir().join(DATA_FILE_NAME),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flag_wins_and_default_is_in_the_app_data_folder() {
        let p = resolve_data_file(Some(PathBuf::from("/tmp/x.db")));
        assert_eq!(p, PathBuf::from("/tmp/x.db"));
        assert!(app_data_dir().ends_with(APP_IDENTIFIER));
    }
}
