// 三包: typed wrappers of the warranty commands.
import { call } from "./core";
import type { Claim, ClaimInput, ClaimRow, OldPart, OldPartBatch, WarrantyIndicators, WarrantyPolicy, WithMarks } from "./contract";

export const claimsList = (query: { status: string; q: string; month: string; vehicleId?: number; unlinked?: boolean }) => call<ClaimRow[]>("claims_list", { query });
/** Every claim the query finds (the list shows the newest 500), as .xlsx. */
export const claimsExport = (query: { status: string; q: string; month: string }, path: string) => call<number>("claims_export", { query, path });
export const claimGet = (id: number) => call<Claim>("claim_get", { id });
export const claimSave = (id: number | null, input: ClaimInput) => call<Claim>("claim_save", { id, input });
/** What the policy says about the claim as typed (empty: covered). */
export const claimCoverage = (input: ClaimInput) => call<string[]>("claim_coverage", { input });
/** 维修出库: the replaced parts leave stock as 三包更换. */
export const claimIssueParts = (id: number, date: string, operator: string) => call<Claim>("claim_issue_parts", { id, date, operator });
/** submit / approve / reject / return / settle */
export const claimStep = (
  id: number,
  input: { action: string; operator: string; note: string; amount: string; partsAmount?: string; labourAmount?: string; date: string },
) =>
  call<Claim>("claim_step", { id, input });

/** 处理结果: 包换 / 包退 (or back to 修复) */
export const claimOutcome = (id: number, input: { outcome: string; date: string; item: string; note: string; refund: string; operator: string }) =>
  call<Claim>("claim_outcome", { id, input });

export const oldPartsWaiting = () => call<OldPart[]>("old_parts_waiting");
export const oldPartBatchCreate = (input: { shippedOn: string; lineIds: number[]; note: string }) => call<OldPartBatch>("old_part_batch_create", { input });
export const oldPartBatchReceive = (id: number, receivedOn: string) => call<OldPartBatch>("old_part_batch_receive", { id, receivedOn });
export const oldPartBatches = () => call<OldPartBatch[]>("old_part_batches");
export const oldPartBatch = (id: number) => call<OldPartBatch>("old_part_batch", { id });

export const warrantyPolicyGet = () => call<WarrantyPolicy>("warranty_policy_get");
export const warrantyPolicySave = (input: {
  months: string;
  km: string;
  categories: string;
  wearParts: string;
  firstServiceMonths: string;
  firstServiceKm: string;
  effectiveFrom: string;
}) =>
  call<WarrantyPolicy>("warranty_policy_save", { input });
/** every policy the shop has had, by 生效日期, the latest first */
export const warrantyPolicyHistory = () => call<WarrantyPolicy[]>("warranty_policy_history");
export const warrantyIndicators = (month: string) => call<WithMarks<WarrantyIndicators>>("warranty_indicators", { month });
