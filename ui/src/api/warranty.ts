// 三包: typed wrappers of the warranty commands.
import { call } from "./core";
import type {
  QualityReport,
  Claim,
  ClaimInput,
  ClaimQuery,
  ClaimRow,
  OldPart,
  OldPartBatch,
  OldPartBatchInput,
  PolicyInput,
  StepInput,
  WarrantyIndicators,
  WarrantyPolicy,
  WithMarks,
} from "./contract";

export const claimsList = (query: Partial<ClaimQuery>) => call<ClaimRow[]>("claims_list", { query });
/** Every claim the query finds (the list shows the newest 500), as .xlsx. */
export const claimsExport = (query: Partial<ClaimQuery>, path: string) => call<number>("claims_export", { query, path });
export const claimGet = (id: number) => call<Claim>("claim_get", { id });
export const claimSave = (id: number | null, input: ClaimInput) => call<Claim>("claim_save", { id, input });
/** What the policy says about the claim as typed (empty: covered). */
export const claimCoverage = (input: ClaimInput) => call<string[]>("claim_coverage", { input });
/** 维修出库: the replaced parts leave stock as 三包更换. */
export const claimIssueParts = (id: number, date: string, operator: string) => call<Claim>("claim_issue_parts", { id, date, operator });
/** submit / approve / reject / return / settle */
export const claimStep = (
  id: number,
  input: Partial<StepInput>,
) =>
  call<Claim>("claim_step", { id, input });

/** 处理结果: 包换 / 包退 (or back to 修复) */
export const claimOutcome = (id: number, input: { outcome: string; date: string; item: string; note: string; refund: string; operator: string }) =>
  call<Claim>("claim_outcome", { id, input });

export const oldPartsWaiting = () => call<OldPart[]>("old_parts_waiting");
export const oldPartBatchCreate = (input: OldPartBatchInput) => call<OldPartBatch>("old_part_batch_create", { input });
export const oldPartBatchReceive = (id: number, receivedOn: string) => call<OldPartBatch>("old_part_batch_receive", { id, receivedOn });
export const oldPartBatches = () => call<OldPartBatch[]>("old_part_batches");
/** Every old part, shipped (with its batch) or waiting, as .xlsx; answers how many. */
export const oldPartsExport = (path: string) => call<number>("old_parts_export", { path });
export const oldPartBatch = (id: number) => call<OldPartBatch>("old_part_batch", { id });

export const warrantyPolicyGet = () => call<WarrantyPolicy>("warranty_policy_get");
export const warrantyPolicySave = (input: PolicyInput) =>
  call<WarrantyPolicy>("warranty_policy_save", { input });
/** every policy the shop has had, by 生效日期, the latest first */
export const warrantyPolicyHistory = () => call<WarrantyPolicy[]>("warranty_policy_history");
export const warrantyIndicators = (month: string) => call<WithMarks<WarrantyIndicators>>("warranty_indicators", { month });

// 质量信息反馈: the period's failures for the factory
export const qualityReport = (from: string, to: string) => call<QualityReport>("quality_report", { from, to });
export const qualityExport = (from: string, to: string, path: string) => call<number>("quality_export", { from, to, path });
