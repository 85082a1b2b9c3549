// 工厂文件: typed wrappers of the factory-document, campaign and attachment commands.
import { open, save } from "@tauri-apps/plugin-dialog";
import { call } from "./core";
import type {
  Attachment,
  AttachmentOwnerKind,
  CampaignProgress,
  FactoryDocument,
  FactoryDocumentDetail,
  FactoryDocumentInput,
  FactoryDocumentKind,
  FactoryDocumentList,
  OpenCampaign,
} from "./contract";

export { FactoryDocumentKindChoices as DOCUMENT_KINDS } from "./contract";

export const documentsList = (kind: FactoryDocumentKind | "") => call<FactoryDocumentList>("documents_list", { kind });
export const documentGet = (id: number) => call<FactoryDocumentDetail>("document_get", { id });
export const documentSave = (id: number | null, input: FactoryDocumentInput) => call<FactoryDocumentDetail>("document_save", { id, input });
export const documentDone = (id: number, on: string, note: string) => call<FactoryDocument>("document_done", { id, on, note });
export const documentReopen = (id: number) => call<FactoryDocument>("document_reopen", { id });
export const documentConfirm = (id: number, staffId: number, on: string) => call<FactoryDocumentDetail>("document_confirm", { id, staffId, on });
export const documentsMine = () => call<FactoryDocument[]>("documents_mine");

export const campaignProgress = (id: number) => call<CampaignProgress>("campaign_progress", { id });
export const campaignNotify = (id: number, vehicleId: number, on: string, note: string) => call<CampaignProgress>("campaign_notify", { id, vehicleId, on, note });
export const campaignComplete = (id: number, vehicleId: number, orderNo: string) => call<CampaignProgress>("campaign_complete", { id, vehicleId, orderNo });
export const campaignUndo = (id: number, vehicleId: number) => call<CampaignProgress>("campaign_undo", { id, vehicleId });
export const campaignsForVehicle = (vehicleId: number) => call<OpenCampaign[]>("campaigns_for_vehicle", { vehicleId });

export const attachmentsList = (ownerKind: AttachmentOwnerKind, ownerId: number) => call<Attachment[]>("attachments_list", { ownerKind, ownerId });
export const attachmentImage = (id: number) => call<string>("attachment_image", { id });
export const attachmentRemove = (id: number) => call<null>("attachment_remove", { id });

/** Asks for a file to attach and keeps it in the data file; null when cancelled. */
export async function attachmentAdd(ownerKind: AttachmentOwnerKind, ownerId: number): Promise<Attachment | null> {
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
  return call<Attachment>("attachment_add", { ownerKind, ownerId, path });
}

/** Saves a copy of a kept file where the user chooses; the path, or null when cancelled. */
export async function attachmentSaveAs(a: Attachment): Promise<string | null> {
  const ext = a.fileName.includes(".") ? a.fileName.split(".").pop()! : "";
  const path = await save({ title: `另存为：${a.fileName}`, defaultPath: a.fileName, filters: ext ? [{ name: ext.toUpperCase() + " 文件", extensions: [ext] }] : [] });
  if (!path) return null;
  await call<null>("attachment_save_as", { id: a.id, path });
  return path;
}
export const vehicleModels = () => call<string[]>("vehicle_models");
