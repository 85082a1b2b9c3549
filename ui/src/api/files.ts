// The system's file dialogs: the user picks every file the app reads or writes.
import { open, save } from "@tauri-apps/plugin-dialog";
import { importTemplate } from "./commands";

/** Asks for a spreadsheet to read; null when cancelled. */
export async function pickSpreadsheet(title: string): Promise<string | null> {
  const p = await open({
    title,
    multiple: false,
    directory: false,
    filters: [{ name: "表格文件", extensions: ["xlsx", "xls", "csv"] }],
  });
  return typeof p === "string" ? p : null;
}

/** Asks where to save an .xlsx; null when cancelled. */
export async function pickSaveXlsx(title: string, defaultName: string): Promise<string | null> {
  const p = await save({ title, defaultPath: defaultName, filters: [{ name: "Excel 工作簿", extensions: ["xlsx"] }] });
  return p ?? null;
}

/** Writes an import's template (its columns and an example row) where the user chooses. */
export async function saveImportTemplate(kind: "catalog" | "customers" | "outlets", name: string): Promise<string | null> {
  const path = await pickSaveXlsx(`保存导入模板：${name}`, `${name}导入模板.xlsx`);
  if (!path) return null;
  await importTemplate(kind, path);
  return path;
}

/** Asks where to save a PDF; null when cancelled. */
export async function pickSavePdf(title: string, defaultName: string): Promise<string | null> {
  const p = await save({ title, defaultPath: defaultName, filters: [{ name: "PDF 文件", extensions: ["pdf"] }] });
  return p ?? null;
}

/** Asks for a folder (a backup destination); null when cancelled. */
export async function pickFolder(title: string): Promise<string | null> {
  const p = await open({ title, multiple: false, directory: true });
  return typeof p === "string" ? p : null;
}

/** Asks for a backup file to restore from; null when cancelled. */
export async function pickBackupFile(title: string, defaultPath?: string): Promise<string | null> {
  const p = await open({
    title,
    multiple: false,
    directory: false,
    defaultPath,
    filters: [{ name: "服务经理台数据（备份）", extensions: ["db"] }],
  });
  return typeof p === "string" ? p : null;
}
