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

/// Writes `bytes` to `out` through a temporary file beside it and a rename,
/// so a reader (or a power cut) never sees half a file under the chosen name.
pub fn write_atomically(out: &std::path::Path, bytes: &[u8]) -> crate::AppResult<()> {
    use std::io::Write;
    let dir = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let write = || -> std::io::Result<()> {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, out)
    };
    write().map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        crate::AppError::io("保存文件", &e)
    })
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
