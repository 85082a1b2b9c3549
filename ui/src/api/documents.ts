// 工厂文件: helpers beside the generated calls (commands.ts) of the factory-document, campaign and attachment commands.
import { open, save } from "@tauri-apps/plugin-dialog";
import { attachmentAdd, attachmentSaveAs } from "./commands";
import type { Attachment, AttachmentOwnerKind } from "./contract";

export { FactoryDocumentKindChoices as DOCUMENT_KINDS } from "./contract";

/** Asks for a file to attach and keeps it in the data file; null when cancelled. */
export async function pickAndAttach(ownerKind: AttachmentOwnerKind, ownerId: number): Promise<Attachment | null> {
  const path = await open({
    title: "选择要添加的附件（每个不超过 10 MB）",
    multiple: false,
    directory: false,
    filters: [
      { name: "图片、PDF 和文档", extensions: ["jpg", "jpeg", "png", "gif", "webp", "bmp", "pdf", "doc", "docx", "xls", "xlsx", "txt", "zip"] },
      { name: "所有文件", extensions: ["*"] },
    ],
  });
  if (typeof path !== "string") return null;
  return attachmentAdd(ownerKind, ownerId, path);
}

/** Saves a copy of a kept file where the user chooses; the path, or null when cancelled. */
export async function saveAttachmentCopy(a: Attachment): Promise<string | null> {
  const ext = a.fileName.includes(".") ? a.fileName.split(".").pop()! : "";
  const path = await save({ title: `另存为：${a.fileName}`, defaultPath: a.fileName, filters: ext ? [{ name: ext.toUpperCase() + " 文件", extensions: [ext] }] : [] });
  if (!path) return null;
  await attachmentSaveAs(a.id, path);
  return path;
}
