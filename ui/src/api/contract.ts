// 界面合同 — generated from the Rust types that cross IPC by
// src-tauri/src/contract.rs. Do not edit: change the Rust type, then run
// MOTO4S_WRITE_CONTRACT=1 cargo test -p moto4s --bin moto4s contract

/**
 * Someone who can sign in.
 */
export type Account = {
  staffId: number,
  name: string,
  role: Role,
  roleLabel: string,
};

/**
 * An action done: the day and what was done.
 */
export type ActionDoneInput = {
  doneOn: string,
  note: string,
};

export type ActionInput = {
  action: string,
  dueOn: string,
};

/**
 * Who is working: a signed-in person, or the manager of a shop that does
 * not require login.
 */
export type Actor = {
  staffId: number | null,
  name: string,
  role: Role,
  roleLabel: string,
};

export type AppError = {
  code: ErrorCode,
  message: string,
  field?: string,
  problems?: Array<Problem>,
};

/**
 * What the UI needs to decide between the first-start page, the error page
 * and the app itself.
 */
export type AppStatus = {
  /**
   * `ready`, `firstStart` (no data file yet) or `error` (could not open)
   */
  state: string,
  dataPath: string,
  error: AppError | null,
  shopName: string | null,
  /**
   * 服务站代码 (printed on claims); empty when not set
   */
  serviceStationCode: string,
  isDemo: boolean,
  /**
   * Settings never saved (a shop that started empty).
   */
  needsSettings: boolean,
  schemaVersion: number | null,
  appVersion: string,
  /**
   * The app's clock ([`moto4s_core::dates::now`]), `2026-11-30T09:00:12`:
   * the window's "today" and default month follow it, so a clock set by
   * `MOTO4S_TODAY` holds for the screens as for the core.
   */
  now: string,
  /**
   * Who is working, when the shop is open (what `auth_status` answers):
   * the window's first screen needs both, and each call is a round trip
   * before its first paint.
   */
  auth: AuthStatus | null,
};

/**
 * A person's appraisal sheet for a month.
 */
export type Appraisal = {
  id: number,
  staffId: number,
  staffName: string,
  month: string,
  /**
   * the posts held when made: "K"
   */
  posts: string,
  /**
   * "K 客服经理兼配件主管"
   */
  postsLabel: string,
  status: AppraisalStatus,
  statusLabel: string,
  /**
   * 奖惩: a reward above 0, a penalty below
   */
  reward: MoneyString,
  remarks: string,
  madeAt: string,
  madeBy: string,
  finalisedAt: string | null,
  finalisedBy: string | null,
  lines: Array<AppraisalLine>,
  weightTotal: number,
  /**
   * the points scored so far
   */
  points: string,
  /**
   * lines not yet scored
   */
  unscored: number,
  /**
   * out of 100, when every line is scored
   */
  total: string | null,
  grade: string | null,
};

/**
 * The grades by total, highest first: a sheet of at least `atLeast` points has `grade`.
 */
export const AppraisalGrades: ReadonlyArray<{ atLeast: number, grade: string }> = [{ atLeast: 90, grade: "优秀" }, { atLeast: 80, grade: "良好" }, { atLeast: 60, grade: "合格" }, { atLeast: 0, grade: "不合格" }];

/**
 * The manager's part of a draft: the manual lines' scores, 奖惩, remarks.
 */
export type AppraisalInput = {
  scores: Array<LineScore>,
  reward: string,
  remarks: string,
};

/**
 * One item of a duty's 考核标准 (考核项目).
 */
export type AppraisalItem = {
  id: number,
  /**
   * the duty A–J
   */
  duty: string,
  /**
   * "D 配件主管"
   */
  dutyLabel: string,
  seq: number,
  name: string,
  weight: number,
  measure: AppraisalMeasure,
  measureLabel: string,
  /**
   * the item's own target (a number), for a measured item that does not
   * follow an indicator's target
   */
  target: string | null,
  /**
   * "≥ 95%", "> 90%（指标目标）", or the 评分标准 of a manual item
   */
  targetText: string,
  unit: string,
  /**
   * the target is the indicator's, set in the settings
   */
  followsIndicator: boolean,
  /**
   * 评分标准 (manual items)
   */
  standard: string,
  rule: string,
  active: boolean,
};

export type AppraisalItemInput = {
  duty: string,
  name: string,
  weight: string,
  measure: string,
  /**
   * the target of a measured item not following an indicator
   */
  target: string,
  standard: string,
  active: boolean,
};

/**
 * One line of a sheet, as made.
 */
export type AppraisalLine = {
  seq: number,
  duty: string,
  name: string,
  weight: number,
  measure: AppraisalMeasure,
  measureLabel: string,
  targetText: string,
  /**
   * the figure measured when the sheet was made
   */
  actual: string | null,
  actualText: string,
  /**
   * scored from the records (not by the manager)
   */
  auto: boolean,
  rule: string,
  /**
   * points, 0 … weight; None: not yet scored
   */
  score: string | null,
  note: string,
};

export type AppraisalMeasure = "manual" | "indicators_met" | "complaints_on_time" | "satisfaction" | "on_time_delivery" | "on_time_reception" | "satisfaction_reception" | "etiquette" | "complaints_named" | "filing_rate" | "follow_up_rate" | "inspection_rate" | "first_supply" | "slow_moving" | "warranty_cost" | "stocktake_lines" | "rejected_claims" | "old_parts_overdue" | "vehicles_repaired" | "repeat_repairs";

/**
 * AppraisalMeasure's codes with their labels, in order.
 */
export const AppraisalMeasureChoices: ReadonlyArray<{ code: AppraisalMeasure, label: string }> = [
  { code: "manual", label: "经理评分" },
  { code: "indicators_met", label: "月度指标达标率（有目标的六项）" },
  { code: "complaints_on_time", label: "投诉按期结案率" },
  { code: "satisfaction", label: "回访满意度平均分" },
  { code: "on_time_delivery", label: "按承诺时间完工率" },
  { code: "on_time_reception", label: "本人接待的按承诺时间完工率" },
  { code: "satisfaction_reception", label: "本人接待的维修回访平均分" },
  { code: "etiquette", label: "本人礼仪检查达标率" },
  { code: "complaints_named", label: "涉及本人的投诉" },
  { code: "filing_rate", label: "12 用户建档率" },
  { code: "follow_up_rate", label: "14 用户回访率" },
  { code: "inspection_rate", label: "20 点检率" },
  { code: "first_supply", label: "6 配件一次供应率" },
  { code: "slow_moving", label: "7 配件滞销率" },
  { code: "warranty_cost", label: "9 三包费用率" },
  { code: "stocktake_lines", label: "盘点差异笔数" },
  { code: "rejected_claims", label: "厂家拒赔单数" },
  { code: "old_parts_overdue", label: "超 30 天未返厂旧件" },
  { code: "vehicles_repaired", label: "本人维修整车数量" },
  { code: "repeat_repairs", label: "本人维修后 30 天内返修率" },
];

/**
 * The measures whose items carry a target of their own (not 经理评分, not an indicator's, whose target the settings hold).
 */
export const AppraisalMeasuresWithTarget: ReadonlyArray<AppraisalMeasure> = ["indicators_met", "complaints_on_time", "satisfaction", "on_time_delivery", "on_time_reception", "satisfaction_reception", "etiquette", "complaints_named", "stocktake_lines", "rejected_claims", "old_parts_overdue", "vehicles_repaired", "repeat_repairs"];

/**
 * The month's sheets as the appraisal screen opens them.
 */
export type AppraisalMonth = {
  month: string,
  /**
   * whether sheets can be made for it (closed, 月结)
   */
  closed: boolean,
  /**
   * the last closed month, the screen's first choice
   */
  lastClosed: string | null,
  rows: Array<AppraisalRow>,
};

/**
 * A person's sheet for a month in a list (the month's sheets, a person's
 * history): `id` None when not made.
 */
export type AppraisalRow = {
  staffId: number,
  name: string,
  postsLabel: string,
  month: string,
  id: number | null,
  status: AppraisalStatus | null,
  statusLabel: string,
  total: string | null,
  grade: string | null,
  reward: MoneyString | null,
};

export type AppraisalStatus = "draft" | "final";

/**
 * AppraisalStatus's codes with their labels, in order.
 */
export const AppraisalStatusChoices: ReadonlyArray<{ code: AppraisalStatus, label: string }> = [
  { code: "draft", label: "草稿" },
  { code: "final", label: "已定稿" },
];

/**
 * A kept file, without its content.
 */
export type Attachment = {
  id: number,
  fileName: string,
  mime: string,
  size: number,
  /**
   * a picture the window can show as it is
   */
  image: boolean,
  addedAt: string,
  addedBy: string,
};

export type AttachmentOwnerKind = "factory_document" | "warranty_claim";

/**
 * AttachmentOwnerKind's codes with their labels, in order.
 */
export const AttachmentOwnerKindChoices: ReadonlyArray<{ code: AttachmentOwnerKind, label: string }> = [
  { code: "factory_document", label: "工厂文件" },
  { code: "warranty_claim", label: "三包索赔" },
];

/**
 * One attendee.
 */
export type Attendee = {
  id: number,
  /**
   * a person of the shop's roster …
   */
  staffId: number | null,
  /**
   * … or of an outlet
   */
  dealerId: number | null,
  dealerName: string,
  name: string,
  /**
   * 成绩 (0–100)
   */
  score: number | null,
  /**
   * 证书
   */
  certificate: string,
  /**
   * 证书有效期至
   */
  certificateExpiresOn: string | null,
};

export type AttendeeInput = {
  staffId: number | null,
  dealerId: number | null,
  /**
   * an outlet's person (the roster gives the shop's own names)
   */
  name: string,
  /**
   * "" = none
   */
  score: string,
  certificate: string,
  certificateExpiresOn: string,
};

/**
 * One line of the audit log (操作日志).
 */
export type AuditEntry = {
  id: number,
  at: string,
  who: string,
  role: string,
  action: string,
  detail: string,
};

export type AuditQuery = {
  /**
   * YYYY-MM-DD, inclusive
   */
  from: string,
  to: string,
  who: string,
  action: string,
  limit: number,
};

export type AuthStatus = {
  loginRequired: boolean,
  /**
   * who is working (None: the sign-in screen)
   */
  actor: Actor | null,
  /**
   * who can sign in
   */
  accounts: Array<Account>,
};

/**
 * One backup file.
 */
export type BackupFile = {
  path: string,
  name: string,
  /**
   * daily / monthly / manual / before-restore
   */
  kind: string,
  /**
   * 每日 / 每月 / 手动 / 恢复前
   */
  kindLabel: string,
  /**
   * `2026-11-27 09:30:12` (the file's modification time)
   */
  takenAt: string,
  bytes: number,
};

/**
 * What the settings screen shows (备份与恢复).
 */
export type BackupStatus = {
  dataPath: string,
  backupDir: string,
  mirrorDir: string | null,
  /**
   * the second folder is set and can be written now (the USB stick is in)
   */
  mirrorPresent: boolean,
  /**
   * the last good backup (automatic or by hand)
   */
  last: BackupFile | null,
  /**
   * no good backup, or the last older than two days
   */
  stale: boolean,
  /**
   * the automatic backups in the folder, newest first
   */
  files: Array<BackupFile>,
};

/**
 * A band of the staffing table (售后服务各岗位组合推荐表).
 */
export type Band = {
  label: string,
  /**
   * annual sales above `from` (exclusive) up to `to` (inclusive);
   * None: no bound
   */
  from: number | null,
  to: number | null,
  headcountMin: number,
  headcountMax: number,
  /**
   * the posts to fill; each slot lists its alternatives (K or L)
   */
  posts: Array<Array<string>>,
};

export type BandView = {
  band: Band,
  /**
   * the posts to fill, e.g. ["K/L", "M", "N"]
   */
  slots: Array<string>,
  /**
   * duties the recommended posts leave to someone (e.g. E, F in the smallest bands)
   */
  gaps: Array<string>,
  /**
   * why, in the manager's words (the text's list leaves them out)
   */
  gapNote: string | null,
};

/**
 * A campaign's vehicles and its completion.
 */
export type CampaignProgress = {
  id: number,
  docNo: string,
  title: string,
  scope: Array<CampaignScope>,
  vehicles: Array<CampaignVehicle>,
  affected: number,
  notified: number,
  completed: number,
  /**
   * completed ÷ affected (无数据 when it covers none of the shop's vehicles)
   */
  completion: RateString | null,
};

/**
 * One part of a campaign's scope: a model, a VIN range, or both.
 */
export type CampaignScope = {
  model: string,
  vinFrom: string,
  vinTo: string,
};

/**
 * A covered vehicle with its customer and progress.
 */
export type CampaignVehicle = {
  vehicleId: number,
  vin: string,
  plate: string,
  model: string,
  saleDate: string | null,
  customer: string,
  mobile: string,
  address: string,
  notifiedOn: string | null,
  doneOn: string | null,
  orderNo: string | null,
  note: string,
};

/**
 * What an import wrote.
 */
export type CatalogImported = {
  created: number,
  updated: number,
};

export type CatalogPreview = {
  file: string,
  rows: Array<PreviewRow>,
  problems: Array<Problem>,
  newCount: number,
  updateCount: number,
};

export type CategoryPeriod = {
  category: string,
  months: number,
  km: number,
};

/**
 * A certificate to renew: its holder's latest of that certificate runs
 * out within [`CERTIFICATE_WARN_DAYS`] or has run out.
 */
export type CertificateDue = {
  name: string,
  /**
   * the outlet, for an outlet's person ("" = the shop's own)
   */
  dealerName: string,
  certificate: string,
  expiresOn: string,
  expired: boolean,
};

export type CheckInput = {
  /**
   * empty = today
   */
  checkedOn: string,
  staffId: number | null,
  checker: string,
  method: string,
  note: string,
  items: Array<CheckItemInput>,
};

/**
 * One standard judged in a check.
 */
export type CheckItem = {
  standardId: number,
  title: string,
  met: boolean,
  note: string,
};

export type CheckItemInput = {
  standardId: number,
  /**
   * None: not judged yet (refused)
   */
  met: boolean | null,
  note: string,
};

/**
 * One line of a month's checklist.
 */
export type CheckLine = {
  key: string,
  /**
   * what it is, with its count, in the manager's words
   */
  text: string,
  /**
   * what the line says when there is nothing to do
   */
  okText: string,
  count: number,
  /**
   * must be resolved before closing (otherwise: a warning that can be
   * accepted with a reason)
   */
  blocking: boolean,
  /**
   * the screen with the records behind it
   */
  link: string,
};

export type CheckMethod = "spot" | "mystery";

/**
 * CheckMethod's codes with their labels, in order.
 */
export const CheckMethodChoices: ReadonlyArray<{ code: CheckMethod, label: string }> = [
  { code: "spot", label: "现场抽查" },
  { code: "mystery", label: "神秘客户" },
];

/**
 * What the full check found.
 */
export type CheckReport = {
  /**
   * nothing wrong
   */
  ok: boolean,
  /**
   * what is wrong, in Chinese, one line each (at most 20 of each kind)
   */
  problems: Array<string>,
  /**
   * when something is wrong: the newest backup that passes the same checks
   */
  lastGoodBackup: BackupFile | null,
};

/**
 * What stands between a month and its closing.
 */
export type Checklist = {
  month: string,
  /**
   * already closed (then `closing` says when and by whom)
   */
  closed: boolean,
  closing: Closing | null,
  /**
   * why the month cannot be closed at all (current or future month)
   */
  notClosable: string | null,
  lines: Array<CheckLine>,
};

/**
 * One checklist item (检查项目).
 */
export type ChecklistItem = {
  id: number,
  area: string,
  s: string,
  text: string,
  maxScore: number,
  active: boolean,
};

export type ChecklistItemInput = {
  area: string,
  s: string,
  text: string,
  maxScore: number,
  active: boolean,
};

export type Claim = {
  id: number,
  /**
   * SB-YYYYMM-NNNN
   */
  claimNo: string,
  vehicleId: number,
  vin: string,
  /**
   * 发动机号 of the vehicle
   */
  engineNo: string,
  /**
   * 车牌号 of the vehicle ("" when not known)
   */
  plate: string,
  model: string,
  customerId: number,
  customerName: string,
  customerMobile: string,
  invoiceDate: string,
  mileage: number,
  reportedOn: string,
  fault: string,
  faultCategory: string,
  /**
   * 主损件 (none on a 首保 claim: the no and name are empty)
   */
  mainPartId: number | null,
  mainPartNo: string,
  mainPartName: string,
  appraiser: string,
  appraisalResult: string,
  appraisalNote: string,
  labourHours: string,
  labour: MoneyString,
  lines: Array<ClaimLine>,
  /**
   * Σ book value issued, or the estimate before 维修出库
   */
  partsValue: MoneyString,
  partsEstimated: boolean,
  /**
   * 索赔金额 = labour + parts
   */
  total: MoneyString,
  status: ClaimStatus,
  statusLabel: string,
  repairedOn: string | null,
  submittedOn: string | null,
  decidedOn: string | null,
  decisionNote: string,
  settled: MoneyString | null,
  settledOn: string | null,
  /**
   * what the coverage check finds now (or found when submitted)
   */
  coverageIssues: Array<string>,
  overrideReason: string,
  events: Array<ClaimEvent>,
  /**
   * the 三包 repair order this claim belongs to (the job)
   */
  repairOrderId: number | null,
  repairOrderNo: string | null,
  /**
   * 维修技师: from the order when it is completed
   */
  technician: string,
  /**
   * of the settled amount, for parts and for labour (None on claims
   * settled before the split was kept)
   */
  settledParts: MoneyString | null,
  settledLabour: MoneyString | null,
  /**
   * `warranty` 三包 or `first_service` 首保
   */
  claimType: ClaimType,
  claimTypeLabel: string,
  /**
   * 处理结果: `repair` 修复, `exchange` 包换, `refund` 包退
   */
  outcome: ClaimOutcome,
  outcomeLabel: string,
  outcomeOn: string | null,
  /**
   * what was exchanged or refunded: 整车, or the main part
   */
  outcomeItem: string,
  outcomeNote: string,
  /**
   * 包退: the amount refunded to the customer
   */
  refund: MoneyString | null,
  /**
   * 报修网点: the outlet that reported it (None: the shop's own job)
   */
  dealerId: number | null,
  dealerName: string | null,
};

export type ClaimEvent = {
  at: string,
  who: string,
  action: string,
  fromStatus: string | null,
  toStatus: string | null,
  note: string,
};

export type ClaimInput = {
  vehicleId: number | null,
  /**
   * empty = the vehicle's sale date
   */
  invoiceDate: string,
  mileage: string,
  /**
   * empty = today
   */
  reportedOn: string,
  fault: string,
  faultCategory: string,
  /**
   * 主损件 part number
   */
  mainPartNo: string,
  appraiser: string,
  appraisalResult: string,
  appraisalNote: string,
  labourHours: string,
  labour: string,
  /**
   * 维修技师 (a claim with a repair order takes the order's)
   */
  technician: string,
  /**
   * ignored on a claim that belongs to a repair order: its lines are the
   * parts issued on the order as covered
   */
  lines: Array<ClaimLineInput>,
  /**
   * the clerk confirmed it is not a duplicate
   */
  allowDuplicate: boolean,
  operator: string,
  /**
   * `warranty` (empty) or `first_service` — a 首保 claim is opened by its
   * 首保 repair order, never on its own
   */
  claimType: string,
  /**
   * 报修网点: the outlet that did the repair and reports the claim, by its
   * name on the register (empty: the shop's own job)
   */
  dealer: string,
};

export type ClaimLine = {
  id: number,
  partId: number,
  partNo: string,
  name: string,
  unit: string,
  qty: number,
  /**
   * book value issued (None until 维修出库)
   */
  value: MoneyString | null,
  /**
   * the part's average cost × qty now, before it is issued
   */
  estimate: MoneyString,
  movementId: number | null,
  /**
   * 待维修出库 / 维修中，完工后待返厂 / 待返厂 / 已发出 / 工厂已签收 (a 首保: 用料，不返厂)
   */
  oldPartState: string,
  oldBatchNo: string | null,
};

/**
 * A claim as typed (text).
 */
export type ClaimLineInput = {
  partNo: string,
  qty: string,
};

export type ClaimOutcome = "repair" | "exchange" | "refund";

/**
 * ClaimOutcome's codes with their labels, in order.
 */
export const ClaimOutcomeChoices: ReadonlyArray<{ code: ClaimOutcome, label: string }> = [
  { code: "repair", label: "修复" },
  { code: "exchange", label: "包换" },
  { code: "refund", label: "包退" },
];

export type ClaimQuery = {
  /**
   * a status code, `open` (not settled or rejected), `unpaid` (submitted or approved), or empty for all
   */
  status: string,
  /**
   * claim number, VIN tail or customer
   */
  q: string,
  /**
   * YYYY-MM of the report date
   */
  month: string,
  /**
   * one vehicle's claims
   */
  vehicleId: number | null,
  /**
   * only claims not yet part of a repair order (to link one to a 三包 order;
   * an outlet's claims are never the shop's orders')
   */
  unlinked: boolean,
  /**
   * one outlet's claims (报修网点)
   */
  dealerId: number | null,
};

/**
 * One line of the claims list.
 */
export type ClaimRow = {
  id: number,
  claimNo: string,
  vin: string,
  customerName: string,
  mainPartName: string,
  reportedOn: string,
  status: ClaimStatus,
  statusLabel: string,
  total: MoneyString,
  settled: MoneyString | null,
  submittedOn: string | null,
  /**
   * days since submitted while not settled (unpaid age)
   */
  unpaidDays: number | null,
  /**
   * 报修网点 (None: the shop's own)
   */
  dealerName: string | null,
};

export type ClaimStatus = "draft" | "submitted" | "approved" | "rejected" | "returned" | "settled";

/**
 * ClaimStatus's codes with their labels, in order.
 */
export const ClaimStatusChoices: ReadonlyArray<{ code: ClaimStatus, label: string }> = [
  { code: "draft", label: "录入" },
  { code: "submitted", label: "已提交" },
  { code: "approved", label: "已批准" },
  { code: "rejected", label: "已拒赔" },
  { code: "returned", label: "退回修改" },
  { code: "settled", label: "已结算" },
];

export type ClaimType = "warranty" | "first_service";

/**
 * ClaimType's codes with their labels, in order.
 */
export const ClaimTypeChoices: ReadonlyArray<{ code: ClaimType, label: string }> = [
  { code: "warranty", label: "三包" },
  { code: "first_service", label: "首保" },
];

/**
 * 撤销 or 结案 of an order, with the reason.
 */
export type CloseOrderInput = {
  orderId: number,
  /**
   * `cancelled` (撤销) or `short` (结案，不再发货)
   */
  kind: string,
  reason: string,
};

/**
 * A month's closing record.
 */
export type Closing = {
  id: number,
  month: string,
  closedAt: string,
  closedBy: string,
  /**
   * the 22 indicators as closed: (number, value; None = 无数据)
   */
  values: Array<[number, string | null]>,
  checklist: Array<CheckLine>,
  acceptedReason: string,
  reopenedAt: string | null,
  reopenedBy: string | null,
  reopenReason: string | null,
  /**
   * the rules its figures were computed under: 1 before migration 21
   * (indicator 6 was 数量供应率 of orders first delivered in the month),
   * 2 before migration 24 (21 counted units, 22 was at 限价), 3 now
   * ([`RULES`])
   */
  rules: number,
};

/**
 * How a figure is compared with its target.
 */
export type Cmp = ">" | "≥" | "≤";

/**
 * A complaint as the register and its card show it.
 */
export type Complaint = {
  id: number,
  /**
   * 投诉单号
   */
  complaintNo: string,
  receivedOn: string,
  source: ComplaintSource,
  sourceLabel: string,
  /**
   * the follow-up call that found it (回访发现)
   */
  followUpId: number | null,
  customerId: number | null,
  /**
   * 投诉人
   */
  complainant: string,
  phone: string,
  vehicleId: number | null,
  vin: string,
  plate: string,
  model: string,
  category: ComplaintCategory,
  categoryLabel: string,
  content: string,
  /**
   * 涉及员工
   */
  staffId: number | null,
  staffName: string,
  /**
   * 处理负责人
   */
  owner: string,
  /**
   * 处理期限
   */
  dueOn: string,
  steps: Array<ComplaintStep>,
  closedOn: string | null,
  confirmation: ComplaintConfirmation | null,
  confirmationLabel: string,
  closeNote: string,
  /**
   * days from 受理 to 结案
   */
  daysTaken: number | null,
  /**
   * open and past its due date
   */
  overdue: boolean,
  /**
   * 处理中 / 已逾期 / 已结案
   */
  statusLabel: string,
};

export type ComplaintCategory = "attitude" | "quality" | "price" | "waiting" | "other";

/**
 * ComplaintCategory's codes with their labels, in order.
 */
export const ComplaintCategoryChoices: ReadonlyArray<{ code: ComplaintCategory, label: string }> = [
  { code: "attitude", label: "服务态度" },
  { code: "quality", label: "产品质量" },
  { code: "price", label: "价格" },
  { code: "waiting", label: "等候时间" },
  { code: "other", label: "其他" },
];

/**
 * 结案.
 */
export type ComplaintCloseInput = {
  /**
   * empty = today
   */
  closedOn: string,
  confirmation: string,
  note: string,
};

export type ComplaintConfirmation = "satisfied" | "accepted" | "unsatisfied";

/**
 * ComplaintConfirmation's codes with their labels, in order.
 */
export const ComplaintConfirmationChoices: ReadonlyArray<{ code: ComplaintConfirmation, label: string }> = [
  { code: "satisfied", label: "满意" },
  { code: "accepted", label: "接受" },
  { code: "unsatisfied", label: "不满意" },
];

/**
 * 受理 (or, for an open complaint, its correction).
 */
export type ComplaintInput = {
  /**
   * empty = today
   */
  receivedOn: string,
  /**
   * a [`SOURCES`] code or label
   */
  source: string,
  /**
   * the customer on file; none for someone not on file (then the
   * complainant's name is required)
   */
  customerId: number | null,
  /**
   * empty with a customer: the customer's name
   */
  complainant: string,
  /**
   * empty with a customer: the customer's mobile
   */
  phone: string,
  vehicleId: number | null,
  /**
   * a complaint category code or label
   */
  category: string,
  content: string,
  staffId: number | null,
  owner: string,
  /**
   * empty = [`DEFAULT_DUE_DAYS`] after 受理
   */
  dueOn: string,
};

/**
 * 投诉统计: a month's complaints.
 */
export type ComplaintMonth = {
  month: string,
  /**
   * 受理 in the month
   */
  received: number,
  /**
   * of them, 回访发现
   */
  fromFollowUps: number,
  /**
   * 结案 in the month, and of them by their due date
   */
  closed: number,
  closedOnTime: number,
  /**
   * the days the month's closings took, on average (one decimal), None
   * when none closed
   */
  averageDays: string | null,
  /**
   * closed with the customer 不满意
   */
  closedUnsatisfied: number,
  /**
   * received in the month by category, every category listed
   */
  byCategory: Array<NamedCount>,
  /**
   * received in the month by the staff member involved, the most first;
   * those naming nobody are not listed
   */
  byStaff: Array<NamedCount>,
  /**
   * open at the month's end (or today, for the current month)
   */
  openAtEnd: number,
};

/**
 * What the register lists: a month's complaints by their 受理 date, the
 * open ones, or those matching a name, phone or number.
 */
export type ComplaintQuery = {
  /**
   * YYYY-MM, or empty for every month
   */
  month: string,
  /**
   * "" = all, "open" (overdue ones among them), "overdue", "closed"
   */
  status: string,
  /**
   * 投诉单号, the complainant's name or phone, a VIN or plate
   */
  text: string,
};

export type ComplaintSource = "walk_in" | "phone" | "letter" | "follow_up";

/**
 * ComplaintSource's codes with their labels, in order.
 */
export const ComplaintSourceChoices: ReadonlyArray<{ code: ComplaintSource, label: string }> = [
  { code: "walk_in", label: "来人" },
  { code: "phone", label: "来电" },
  { code: "letter", label: "来函" },
  { code: "follow_up", label: "回访发现" },
];

/**
 * 处理措施: one step taken.
 */
export type ComplaintStep = {
  id: number,
  kind: ComplaintStepKind,
  kindLabel: string,
  doneOn: string,
  note: string,
  /**
   * 补偿金额, for a compensation
   */
  amount: MoneyString | null,
  operator: string,
};

/**
 * A step taken.
 */
export type ComplaintStepInput = {
  kind: string,
  /**
   * empty = today
   */
  doneOn: string,
  note: string,
  /**
   * 补偿金额 (yuan), for a compensation only
   */
  amount: string,
  operator: string,
};

export type ComplaintStepKind = "apology" | "correction" | "rework" | "compensation";

/**
 * ComplaintStepKind's codes with their labels, in order.
 */
export const ComplaintStepKindChoices: ReadonlyArray<{ code: ComplaintStepKind, label: string }> = [
  { code: "apology", label: "致歉" },
  { code: "correction", label: "更正" },
  { code: "rework", label: "返修" },
  { code: "compensation", label: "补偿" },
];

export type CompleteInput = {
  /**
   * empty = now
   */
  doneAt: string,
  technician: string,
  workDone: string,
  labour: string,
};

export type CountInput = {
  partId: number,
  /**
   * empty = not counted yet
   */
  counted: string,
};

export type Customer = {
  id: number,
  /**
   * 姓名
   */
  name: string,
  /**
   * 手机 ('' when none)
   */
  mobile: string,
  /**
   * 地址或村
   */
  address: string,
  note: string,
};

/**
 * A customer's file: their vehicles, repairs, calls and inspections.
 */
export type CustomerDetail = {
  customer: Customer,
  vehicles: Array<Vehicle>,
  repairs: Array<RepairOrder>,
  followUps: Array<FollowUp>,
  inspections: Array<Inspection>,
};

/**
 * One line of the customer search: the customer and their vehicles in short.
 */
export type CustomerHit = {
  customer: Customer,
  /**
   * `车型 车架号` of each vehicle
   */
  vehicles: Array<VehicleBrief>,
};

/**
 * What an import did (or, in a preview, would do).
 */
export type CustomerImport = {
  file: string,
  rows: number,
  newCustomers: number,
  newVehicles: number,
  /**
   * rows whose customer and vehicle were already there
   */
  unchanged: number,
  problems: Array<Problem>,
};

export type CustomerIndicators = {
  month: string,
  /**
   * 11 用户建档数量
   */
  files: number,
  /**
   * the month's 整车销售数量 as 12 uses it: confirmed, else recorded
   * (None: neither)
   */
  vehiclesSold: number | null,
  /**
   * the manager has confirmed the month's sales figures
   */
  salesConfirmed: boolean,
  /**
   * 12 用户建档率 (the text's formula: files ÷ sales, can pass 100%)
   */
  filingRate: RateString | null,
  /**
   * beside 12, the cohort: the vehicles recorded as sold here in the
   * month, those of them filed so far, the share, and those still unfiled
   */
  cohortSold: number,
  cohortFiled: number,
  cohortRate: RateString | null,
  /**
   * 13 用户回访数量
   */
  followUps: number,
  /**
   * 14: customers filed in the month, and those of them followed up
   */
  filedCustomers: number,
  filedFollowed: number,
  /**
   * customers filed in the month marked 无法回访 and not followed up:
   * left out of 14's base (the text's "能回访的用户")
   */
  filedUnreachable: number,
  /**
   * 14 用户回访率
   */
  followUpRate: RateString | null,
  /**
   * 15 建档费登记金额
   */
  feesRegistered: MoneyString,
  /**
   * 16 建档费返厂金额
   */
  feesReturned: MoneyString,
  /**
   * 17 维修整车数量, and per technician
   */
  vehiclesRepaired: number,
  byTechnician: Array<TechnicianLoad>,
  /**
   * 18 上门派修次数
   */
  onsiteRepairs: number,
  /**
   * 19 维修业务收入: what customers paid
   */
  repairRevenue: MoneyString,
  /**
   * beside 19: what the factory paid for 三包 work, by settlement month,
   * and on how many claims (not part of 19)
   */
  factoryPaid: MoneyString,
  factoryPaidClaims: number,
  /**
   * 20: due and done, and 点检率 (in the open month: due by `as_of`)
   */
  inspectionsDue: number,
  inspectionsDone: number,
  inspectionRate: RateString | null,
  /**
   * 本月至今: the day the figures run to, when the month is not over
   */
  as_of: string | null,
};

/**
 * A customer as typed in the form (text).
 */
export type CustomerInput = {
  name: string,
  mobile: string,
  address: string,
  note: string,
};

export type CustomerPage = {
  rows: Array<CustomerHit>,
  /**
   * all matches (the page shows at most `limit`)
   */
  total: number,
};

export type Dashboard = {
  month: string,
  /**
   * 已月结: its figures are the closing record (see `closed_at`, `closed_by`)
   */
  closed: boolean,
  closedAt: string | null,
  closedBy: string | null,
  /**
   * an open month is 本月至今: the figures as of this day (YYYY-MM-DD);
   * its change from the month before is not shown (a part of a month is
   * not like for like with a whole one)
   */
  as_of: string | null,
  /**
   * the month is over and not yet closed: it waits to be closed (月结)
   * and reported
   */
  waitingClose: boolean,
  shopName: string,
  indicators: Array<DashboardIndicator>,
  /**
   * 参考库存金额 (indicator 1's reference, shown beside it)
   */
  inventoryReference: MoneyString,
};

/**
 * One indicator of the month.
 */
export type DashboardIndicator = {
  /**
   * 1–22
   */
  no: number,
  name: string,
  /**
   * 配件 / 三包 / 客户 / 维修 / 机油
   */
  group: string,
  kind: IndicatorKind,
  /**
   * a count's unit (份, 位, 台, 次, 件); empty for money and rates
   */
  unit: string,
  /**
   * money `1234.50`, a count, or a rate in percent; None = 无数据
   */
  value: string | null,
  previous: string | null,
  /**
   * value − previous (percentage points for a rate)
   */
  change: string | null,
  /**
   * the target with the text's comparator (`> 90%`), from
   * [`crate::targets`]; None for the indicators without one
   */
  target: Target | null,
  /**
   * 达标 / 未达标 against it, the figure as displayed
   */
  mark: Mark,
  /**
   * what is missing when the value is 无数据 because of an input, in
   * words for any reader (printed on the summary: no menu paths)
   */
  missing: string | null,
  /**
   * where that input is entered (a route), when the window can take the
   * manager there: 9 and 12 without the month's vehicle sales
   */
  inputLink: string | null,
  /**
   * how to read a value that stands on an unconfirmed input (9 and 12
   * on the vehicles recorded as sold while the sales are not confirmed)
   */
  note: string | null,
  /**
   * what the manager reads beside the figure, as of today: 12's cohort
   * (the month's vehicles filed so far and still unfiled), 14's
   * customers left out as 无法回访
   */
  aside: string | null,
  /**
   * one of the factory's seven
   */
  factory: boolean,
  /**
   * how it is computed, in the manager's words
   */
  definition: string,
  /**
   * the screen with the records behind it (a route with its tab)
   * where the records behind the figure are, for this month
   * (`…&month=YYYY-MM`: the 滞销 list is the month's, not today's)
   */
  link: string,
};

export type DashboardMonth = {
  dashboard: Dashboard,
  trend: DashboardTrend,
  flows: Array<DayFlow>,
  /**
   * when the month was reported to the factory, and how many of the seven changed since
   */
  reportedOn: string | null,
  /**
   * no good backup in the last two days: the dashboard warns
   */
  backupStale: boolean,
  /**
   * the last good backup's time, if any
   */
  lastBackupAt: string | null,
};

/**
 * The desk's to-do counts, as of today.
 */
export type DashboardTodo = {
  /**
   * follow-ups due today or overdue (within [`follow_up::DESK_BACK_DAYS`])
   */
  followUpsDue: number,
  /**
   * inspections due this month not yet done
   */
  inspectionsOpen: number,
  /**
   * vehicles in the shop past their promised time
   */
  repairsOverdue: number,
  repairsInShop: number,
  /**
   * claims submitted or approved, waiting on the factory
   */
  claimsWaiting: number,
  /**
   * claims still being entered (not submitted)
   */
  claimsDraft: number,
  /**
   * old parts not yet returned
   */
  oldPartsWaiting: number,
  /**
   * active parts below their minimum stock
   */
  partsBelowMin: number,
  /**
   * follow-up actions from outlet visits not done, and of them past due
   */
  networkActionsOpen: number,
  networkActionsOverdue: number,
  /**
   * complaints not closed (投诉处理), and of them past their due date
   */
  complaintsOpen: number,
  complaintsOverdue: number,
  /**
   * planned trainings past their day and not held (培训), and
   * certificates to renew within 30 days or run out
   */
  trainingsOverdue: number,
  certificatesDue: number,
  /**
   * equipment whose maintenance or calibration is past due or due within
   * 30 days (设备工具), and loans not back by their day
   */
  equipmentServiceDue: number,
  equipmentLoansOverdue: number,
  /**
   * factory documents whose action is not done, past its day or due
   * within 7 days (工厂文件), and reading confirmations missing (传达)
   */
  documentsDue: number,
  documentsUnread: number,
};

/**
 * 12-month trend (趋势): each indicator's value in each of the 12 months
 * ending with the dashboard's month, oldest first (None = 无数据).
 */
export type DashboardTrend = {
  /**
   * YYYY-MM, oldest first
   */
  months: Array<string>,
  series: Array<DashboardTrendSeries>,
};

export type DashboardTrendSeries = {
  no: number,
  values: Array<string | null>,
};

/**
 * One day of the month's parts flows: inbound and outbound book value that
 * day and the stock value at its end (配件出入库与库存).
 */
export type DayFlow = {
  day: string,
  inbound: MoneyString,
  outbound: MoneyString,
  stock: MoneyString,
};

/**
 * An outlet's account: what it owes and how old the debt is.
 */
export type DealerBalance = {
  dealerId: number,
  dealer: string,
  /**
   * Σ charged on deliveries
   */
  charged: MoneyString,
  /**
   * Σ received (with deliveries and later)
   */
  received: MoneyString,
  /**
   * 应收余额
   */
  balance: MoneyString,
  /**
   * the balance by age of the unpaid deliveries: 30 天内, 31–60, 61–90, 90 天以上
   */
  aged: [MoneyString, MoneyString, MoneyString, MoneyString],
  /**
   * the oldest delivery not yet fully paid
   */
  oldestUnpaidOn: string | null,
  /**
   * its age in days as of today
   */
  oldestDays: number | null,
  lastPaidOn: string | null,
};

export type DeliverInput = {
  /**
   * empty = now
   */
  deliveredAt: string,
  /**
   * 实收; empty = the order's total
   */
  received: string,
};

export type DeliveryInput = {
  orderId: number,
  date: string,
  operator: string,
  lines: Array<DeliveryLineInput>,
  /**
   * 本次收款: paid with the delivery; empty means the whole amount (现结),
   * `0` all on credit (挂账)
   */
  paid: string,
  /**
   * 收款方式 (empty = 现金)
   */
  method: string,
};

export type DeliveryLineInput = {
  lineId: number,
  qty: string,
  /**
   * 单价 charged to the outlet; empty means the part's 限价
   */
  unitPrice: string,
};

/**
 * One person on a document's reading list.
 */
export type DocumentReader = {
  staffId: number,
  name: string,
  confirmedOn: string | null,
  /**
   * 「本人」 or who recorded it
   */
  confirmedBy: string,
};

/**
 * One follow-up that is due.
 */
export type DueFollowUp = {
  /**
   * sale / repair
   */
  reason: string,
  reasonLabel: string,
  dueOn: string,
  /**
   * days after the sale or the delivery
   */
  daysAfter: number,
  /**
   * the sale date or the delivery date
   */
  eventOn: string,
  customerId: number,
  customerName: string,
  mobile: string,
  vehicleId: number,
  vin: string,
  model: string,
  repairOrderId: number | null,
  orderNo: string | null,
  /**
   * ineffective calls so far
   */
  attempts: number,
  /**
   * days past due (negative: due in the coming days)
   */
  overdueDays: number,
  /**
   * 销售网点: the outlet that sold the vehicle (None: the shop)
   */
  dealerName: string | null,
};

/**
 * One inspection due in a month, and whether it was done.
 */
export type DueInspection = {
  vehicleId: number,
  vin: string,
  model: string,
  customerId: number,
  customerName: string,
  mobile: string,
  saleDate: string,
  /**
   * the n-th inspection after the sale (1-based)
   */
  seq: number,
  dueOn: string,
  /**
   * done on (counts for the month when on or before its last day)
   */
  inspectedOn: string | null,
  /**
   * 销售网点: the outlet that sold the vehicle (None: the shop)
   */
  dealerName: string | null,
};

/**
 * One duty and who holds it.
 */
export type DutyCoverage = {
  code: string,
  name: string,
  holders: Array<string>,
  /**
   * covered / thin (one person who also carries three or more other duties) / uncovered
   */
  state: string,
  /**
   * whether the band's recommended posts include this duty
   */
  recommended: boolean,
};

/**
 * An item of the register, with what falls due.
 */
export type Equipment = {
  id: number,
  code: string,
  name: string,
  model: string,
  kind: EquipmentKind,
  kindLabel: string,
  qty: number,
  requiredQty: number,
  /**
   * required − held, when short
   */
  shortfall: number,
  location: string,
  boughtOn: string | null,
  value: MoneyString | null,
  keeper: string,
  state: EquipmentState,
  stateLabel: string,
  serviceMonths: number | null,
  lastServicedOn: string | null,
  /**
   * the next maintenance or calibration (none without a cycle, or scrapped)
   */
  nextServiceOn: string | null,
  /**
   * "overdue", "soon" (within 30 days) or ""
   */
  serviceDue: string,
  scrappedOn: string | null,
  scrapReason: string,
  note: string,
  /**
   * the open loan, if lent out
   */
  loan: EquipmentLoan | null,
};

export type EquipmentInput = {
  code: string,
  name: string,
  model: string,
  kind: string,
  qty: string,
  requiredQty: string,
  location: string,
  boughtOn: string,
  value: string,
  keeper: string,
  /**
   * good or repair (scrapping is its own action)
   */
  state: string,
  serviceMonths: string,
  lastServicedOn: string,
  note: string,
};

export type EquipmentKind = "equipment" | "special_tool" | "measuring";

/**
 * EquipmentKind's codes with their labels, in order.
 */
export const EquipmentKindChoices: ReadonlyArray<{ code: EquipmentKind, label: string }> = [
  { code: "equipment", label: "设备" },
  { code: "special_tool", label: "专用工具" },
  { code: "measuring", label: "量具" },
];

/**
 * A loan (借出).
 */
export type EquipmentLoan = {
  id: number,
  lentOn: string,
  borrower: string,
  dueOn: string,
  returnedOn: string | null,
  operator: string,
  note: string,
  /**
   * not back by its day (as of today)
   */
  overdue: boolean,
};

/**
 * The register with the counts the desk shows.
 */
export type EquipmentRegister = {
  items: Array<Equipment>,
  /**
   * items short of the factory's required quantity, and the units short
   */
  shortItems: number,
  shortUnits: number,
  /**
   * maintenance overdue, and due within 30 days
   */
  serviceOverdue: number,
  serviceSoon: number,
  /**
   * lent out, and of them not back by their day
   */
  onLoan: number,
  loansOverdue: number,
  /**
   * book value of the items in use
   */
  value: MoneyString,
};

export type EquipmentState = "good" | "repair" | "scrapped";

/**
 * EquipmentState's codes with their labels, in order.
 */
export const EquipmentStateChoices: ReadonlyArray<{ code: EquipmentState, label: string }> = [
  { code: "good", label: "完好" },
  { code: "repair", label: "待修" },
  { code: "scrapped", label: "已报废" },
];

/**
 * What kind of failure this is; the UI may treat kinds differently
 * (e.g. `database_newer` and `database_damaged` get the start-up error page).
 */
export type ErrorCode = "validation" | "not_found" | "conflict" | "import" | "database_newer" | "database_damaged" | "not_initialized" | "io" | "storage" | "forbidden";

/**
 * 礼仪检查: one person checked against the standards.
 */
export type EtiquetteCheck = {
  id: number,
  checkedOn: string,
  staffId: number,
  staffName: string,
  checker: string,
  method: CheckMethod,
  methodLabel: string,
  note: string,
  items: Array<CheckItem>,
  met: number,
  /**
   * the share met
   */
  share: RateString | null,
};

/**
 * What an import did: the records written per sheet, and the backup taken
 * before it.
 */
export type ExchangeImported = {
  summary: ImportSummary,
  backup: BackupFile,
};

/**
 * A document as its list shows it.
 */
export type FactoryDocument = {
  id: number,
  kind: FactoryDocumentKind,
  kindLabel: string,
  docNo: string,
  title: string,
  receivedOn: string,
  content: string,
  action: string,
  dueOn: string | null,
  doneOn: string | null,
  doneNote: string,
  /**
   * the action is not done: "overdue" past its day, "soon" within
   * 7 days, else ""
   */
  dueState: string,
  /**
   * 传达: people who must read it, and of them who confirmed
   */
  readers: number,
  confirmed: number,
  attachments: number,
  /**
   * 服务活动/召回: vehicles covered, done, and done ÷ covered
   */
  affected: number,
  completed: number,
  completion: RateString | null,
};

/**
 * A document with its reading list, scope and files.
 */
export type FactoryDocumentDetail = {
  document: FactoryDocument,
  readers: Array<DocumentReader>,
  scope: Array<CampaignScope>,
  attachments: Array<Attachment>,
};

export type FactoryDocumentInput = {
  kind: string,
  docNo: string,
  title: string,
  receivedOn: string,
  content: string,
  action: string,
  dueOn: string,
  /**
   * 传达: the people who must read it (roster ids)
   */
  readers: Array<number>,
  /**
   * 服务活动/召回 only: what it covers
   */
  scope: Array<CampaignScope>,
};

export type FactoryDocumentKind = "policy" | "bulletin" | "manual" | "campaign";

/**
 * FactoryDocumentKind's codes with their labels, in order.
 */
export const FactoryDocumentKindChoices: ReadonlyArray<{ code: FactoryDocumentKind, label: string }> = [
  { code: "policy", label: "服务政策" },
  { code: "bulletin", label: "技术通报" },
  { code: "manual", label: "维修手册" },
  { code: "campaign", label: "服务活动/召回" },
];

/**
 * The register with the counts its header shows.
 */
export type FactoryDocumentList = {
  items: Array<FactoryDocument>,
  /**
   * actions not done past their day, and due within 7 days
   */
  overdue: number,
  dueSoon: number,
  /**
   * confirmations still missing, over all documents
   */
  readsPending: number,
  /**
   * campaigns with vehicles still to do
   */
  campaignsOpen: number,
};

export type FactoryFigure = {
  no: number,
  name: string,
  /**
   * as computed now (None = 无数据)
   */
  value: string | null,
  /**
   * as shown: ¥123,456.00, 92.5%, 37, 无数据
   */
  display: string,
  /**
   * ≥ 90% …, or —
   */
  target: string,
  mark: string,
  markText: string,
  missing: string | null,
  /**
   * read beside the figure: 6's 数量供应率 with its target and mark, 1's
   * distance from the reference, 12's cohort
   */
  aside: string | null,
  /**
   * as reported, when the month was reported
   */
  reported: string | null,
  reportedDisplay: string | null,
  /**
   * the records changed since it was reported
   */
  differs: boolean,
};

export type FactoryReport = {
  month: string,
  /**
   * 已月结: the figures are the closing record; otherwise a draft
   */
  closed: boolean,
  /**
   * 2026年11月, with （草稿，未月结） while the month is open
   */
  monthLabel: string,
  shopName: string,
  figures: Array<FactoryFigure>,
  /**
   * when it was sent (None: not yet reported)
   */
  sentOn: string | null,
  /**
   * how many figures differ from what was reported
   */
  differences: number,
};

export type FeeBatch = {
  id: number,
  /**
   * JF-YYYYMM-NN
   */
  batchNo: string,
  returnedOn: string,
  note: string,
  count: number,
  total: MoneyString,
  /**
   * filled by [`batch`]; empty in [`batches`]
   */
  vehicles: Array<Vehicle>,
};

export type FeeBatchInput = {
  returnedOn: string,
  vehicleIds: Array<number>,
  note: string,
};

/**
 * 建档登记：the file slip came back (and the fee, when there is one).
 */
export type FileInput = {
  fileReturnedOn: string,
  filingFee: string,
  feeRegisteredOn: string,
};

/**
 * 首次使用的选择.
 */
export type FirstStartChoice = "demo" | "empty";

export type FiveS = "整理" | "整顿" | "清扫" | "清洁" | "素养";

/**
 * FiveS's codes with their labels, in order.
 */
export const FiveSChoices: ReadonlyArray<{ code: FiveS, label: string }> = [
  { code: "整理", label: "将物品分为要与不要，不要的就丢弃" },
  { code: "整顿", label: "将整理好的物品定位，并透过看板颜色进行效率管理" },
  { code: "清扫", label: "经常打扫，常保清洁，造就无垃圾、无污秽的环境" },
  { code: "清洁", label: "通过制度、规定，维持整理、整顿、清扫状态" },
  { code: "素养", label: "养成确实遵守组织规定事项的习惯" },
];

export type FiveSArea = "reception" | "workshop" | "store";

/**
 * FiveSArea's codes with their labels, in order.
 */
export const FiveSAreaChoices: ReadonlyArray<{ code: FiveSArea, label: string }> = [
  { code: "reception", label: "接待区" },
  { code: "workshop", label: "维修车间" },
  { code: "store", label: "配件库房" },
];

export type FiveSFinding = {
  id: number,
  inspectionId: number,
  month: string,
  area: string,
  text: string,
  responsible: string,
  dueOn: string,
  closedOn: string | null,
  /**
   * open and past its due date
   */
  overdue: boolean,
};

export type FiveSFindingInput = {
  area: string,
  text: string,
  responsible: string,
  dueOn: string,
};

export type FiveSInspection = {
  id: number,
  month: string,
  inspectedOn: string,
  inspector: string,
  note: string,
  total: FiveSSubtotal,
  byArea: Array<FiveSSubtotal>,
  byS: Array<FiveSSubtotal>,
  scores: Array<FiveSScoreLine>,
  findings: Array<FiveSFinding>,
};

export type FiveSInspectionInput = {
  inspectedOn: string,
  inspector: string,
  note: string,
  scores: Array<FiveSScoreInput>,
  /**
   * the findings as they now stand (replaces the open ones on an edit;
   * closed findings are kept)
   */
  findings: Array<FiveSFindingInput>,
};

/**
 * A month in the list and the trend.
 */
export type FiveSInspectionSummary = {
  id: number,
  month: string,
  inspectedOn: string,
  inspector: string,
  total: FiveSSubtotal,
  byArea: Array<FiveSSubtotal>,
  openFindings: number,
};

export type FiveSOverview = {
  inspections: Array<FiveSInspectionSummary>,
  trend: Array<FiveSTrendPoint>,
  openFindings: Array<FiveSFinding>,
};

/**
 * One item's score as entered.
 */
export type FiveSScoreInput = {
  itemId: number,
  /**
   * None: not scored yet
   */
  score: number | null,
};

export type FiveSScoreLine = {
  itemId: number,
  area: string,
  s: string,
  text: string,
  maxScore: number,
  score: number,
};

/**
 * A score out of a maximum, with its percentage.
 */
export type FiveSSubtotal = {
  key: string,
  label: string,
  score: number,
  maxScore: number,
  percent: RateString | null,
};

/**
 * The month-to-month trend: the 12 months ending with `last`, each with its
 * total and area percentages, or none where no inspection was made.
 */
export type FiveSTrendPoint = {
  month: string,
  total: RateString | null,
  byArea: Array<RateString | null>,
};

/**
 * A recorded call.
 */
export type FollowUp = {
  id: number,
  customerId: number,
  customerName: string,
  mobile: string,
  vehicleId: number | null,
  repairOrderId: number | null,
  reason: string,
  reasonLabel: string,
  dueOn: string | null,
  calledOn: string,
  /**
   * 有效 (reached)
   */
  effective: boolean,
  satisfaction: number | null,
  complaint: string,
  complaintLabel: string,
  note: string,
  operator: string,
};

export type FollowUpInput = {
  customerId: number | null,
  vehicleId: number | null,
  repairOrderId: number | null,
  /**
   * sale / repair / other
   */
  reason: string,
  /**
   * the due follow-up this call answers (from the due list)
   */
  dueOn: string,
  /**
   * empty = today
   */
  calledOn: string,
  effective: boolean,
  /**
   * 1–5, required when effective
   */
  satisfaction: string,
  /**
   * a [`COMPLAINTS`] code or empty
   */
  complaint: string,
  note: string,
  operator: string,
};

/**
 * The roster's headcount against the band's recommendation.
 */
export type HeadcountCheck = {
  /**
   * `within`, `short` or `over`
   */
  state: string,
  /**
   * 在册在岗 3 人，在推荐的 3–4 人之内 / 比推荐少 1 人 / 比推荐多 2 人
   */
  text: string,
};

/**
 * How far an import has got, for the window's progress bar: reading the
 * sheets is the first half, checking and writing them the second.
 */
export type ImportProgress = {
  /**
   * 0–100
   */
  percent: number,
  /**
   * 读取「出入库」, 写入「客户车辆」, 保存
   */
  text: string,
};

/**
 * What an import wrote.
 */
export type ImportSummary = {
  /**
   * (sheet, records written)
   */
  sheets: Array<[string, number]>,
};

/**
 * The 22 monthly indicators by number: name and definition, as the dashboard defines them.
 */
export const IndicatorDefs: Readonly<Record<number, { name: string; definition: string }>> = {
  1: { name: "配件库存金额", definition: "月末各配件结存金额（移动加权平均成本）" },
  2: { name: "配件入库金额", definition: "当月采购入库的进货金额（冲销已扣除）" },
  3: { name: "配件出库金额", definition: "当月销售、维修领用、三包更换、经销商发货、退厂的账面金额（盘盈、盘亏不计入出库）" },
  4: { name: "配件销售金额", definition: "当月收到的配件现金：柜台销售实收（退货冲销已扣），加经销商货款收款（现结随发货收，赊欠的在收款当月计）；维修单上收取的配件款计入维修收入" },
  5: { name: "配件周转率", definition: "出库金额 ÷ 月末库存金额 × 100%" },
  6: { name: "配件一次供应率", definition: "品种供应率：一次供应期（默认订货后 2 天）在当月结束的经销商订单中，供应期内发齐的品种 ÷ 订货品种；没发的按未供应计，撤销的不计" },
  7: { name: "配件滞销率", definition: "月末有库存的在用配件中，滞销的品种占比：截至月末的 6 个整月里没有销售、维修领用、三包更换或经销商发货（冲销的不算动销），且在这 6 个月之前就已入库（新到的配件不算滞销）" },
  8: { name: "三包配件金额", definition: "当月三包更换出库的配件账面金额（冲销已扣除）" },
  9: { name: "三包费用率", definition: "三包配件金额 ÷ 当月整车销售金额 × 100%" },
  10: { name: "三包旧件返厂金额", definition: "当月发出的旧件返厂批次中旧件的账面金额" },
  11: { name: "用户建档数量", definition: "当月收回档案联并建档的本店售车数" },
  12: { name: "用户建档率", definition: "建档数量 ÷ 当月整车销售数量 × 100%" },
  13: { name: "用户回访数量", definition: "当月有至少一次有效回访的客户数（同一客户多次回访算一次）" },
  14: { name: "用户回访率", definition: "当月建档、能回访的客户中，购车后已有效回访的比例（记为无法回访的不计入）" },
  15: { name: "建档费登记金额", definition: "当月登记记账的档案联费用" },
  16: { name: "建档费返厂金额", definition: "当月返厂批次寄回工厂的建档费" },
  17: { name: "维修整车数量", definition: "当月完工维修单涉及的车辆数（同一车多次维修算一台；三包维修随其维修单计一次；也按技师统计）" },
  18: { name: "上门派修次数", definition: "当月完工的上门服务和派修维修单数" },
  19: { name: "维修业务收入", definition: "当月交车结算的维修单实收金额（用户付的钱；三包配件与索赔工时由厂家结算，按结算月另列，不计入）" },
  20: { name: "点检率", definition: "当月应点检车辆中月底前已点检的比例（提前 15 天内也算）" },
  21: { name: "机油出库数量", definition: "当月各类出库的机油升数（每种机油按配件资料中的「机油升数」折算，冲销已扣）" },
  22: { name: "机油销售金额", definition: "当月卖给客户的机油金额，按实收价：柜台销售实收，维修单上的机油按单上价格（三包、免费的不算销售）；不经维修单的维修领用按限价" },
};

export type IndicatorKind = "money" | "count" | "rate";

/**
 * 指标目标：the targets the dashboard marks good or bad against (percent).
 */
export type IndicatorTargets = {
  /**
   * 配件一次供应率 — 品种供应率 (the headline) 高于
   */
  firstTimeSupplyMin: RateString,
  /**
   * 配件一次供应率 — 数量供应率 (shown beside it) 高于
   */
  firstTimeSupplyQtyMin: RateString,
  /**
   * 配件滞销率 不高于
   */
  slowMovingMax: RateString,
  /**
   * 三包费用率 不高于
   */
  warrantyCostMax: RateString,
  /**
   * 用户建档率 不低于
   */
  filingMin: RateString,
  /**
   * 用户回访率 不低于
   */
  followUpMin: RateString,
  /**
   * 点检率 不低于
   */
  inspectionMin: RateString,
};

export type Inspection = {
  id: number,
  vehicleId: number,
  vin: string,
  customerName: string,
  dueOn: string | null,
  inspectedOn: string,
  mileage: number | null,
  technician: string,
  findings: string,
};

export type InspectionInput = {
  vehicleId: number | null,
  /**
   * empty = today
   */
  inspectedOn: string,
  mileage: string,
  technician: string,
  findings: string,
};

/**
 * 点检周期: the inspection rule in force for the vehicles sold from
 * `from_date` (until the next schedule's). A vehicle is inspected on the
 * schedule in force when it was sold (migration 23).
 */
export type InspectionSchedule = {
  /**
   * YYYY-MM-DD; the first schedule's is `0001-01-01` (every earlier sale)
   */
  fromDate: string,
  firstMonths: number,
  intervalMonths: number,
  spanMonths: number,
};

/**
 * 参考库存基数：which vehicle count the inventory reference multiplies.
 */
export type InventoryBasis = "sales" | "parc";

/**
 * One item's month.
 */
export type ItemMonth = {
  itemId: number,
  code: string,
  name: string,
  /**
   * orders finished in the month with this item
   */
  orders: number,
  /**
   * of them, the vehicle back within 30 days of an earlier order of the item
   */
  returns: number,
  returnRate: RateString | null,
};

/**
 * What to carry from the demo into the shop's own data.
 */
export type KeepFromDemo = {
  /**
   * 店铺设置 (the shop's name loses its 「示例店铺·」) with its targets,
   * the 回访与点检规则 and the 三包政策 in force (as the shop's from the
   * beginning)
   */
  settings: boolean,
  /**
   * 人员名册 with posts and logins
   */
  roster: boolean,
  /**
   * 配件目录: every part with its prices and stock limits, no stock
   */
  catalogue: boolean,
};

/**
 * An order finished after its promised time.
 */
export type LateOrder = {
  orderId: number,
  orderNo: string,
  vin: string,
  customer: string,
  technician: string,
  promisedAt: string,
  doneAt: string,
  /**
   * minutes past the promise
   */
  lateMinutes: number,
};

export type LineScore = {
  seq: number,
  score: string,
  note: string,
};

export type LoanInput = {
  lentOn: string,
  borrower: string,
  dueOn: string,
  operator: string,
  note: string,
};

/**
 * A customer not seen for the months asked.
 */
export type LostCustomer = {
  customerId: number,
  name: string,
  mobile: string,
  /**
   * the vehicles' models, joined
   */
  vehicles: string,
  /**
   * the last purchase or repair day
   */
  lastSeen: string,
  /**
   * 购车 / 维修
   */
  lastSeenWhat: string,
  /**
   * the latest call-back, if any
   */
  outcome: LostOutcome | null,
  outcomeLabel: string,
  recordedOn: string | null,
  note: string,
};

/**
 * A call-back's result.
 */
export type LostInput = {
  customerId: number,
  /**
   * empty = today
   */
  recordedOn: string,
  /**
   * an [`OUTCOMES`] code or label
   */
  outcome: string,
  note: string,
  operator: string,
};

export type LostOutcome = "back" | "died" | "moved" | "other_shop" | "competitor" | "product" | "attitude";

/**
 * LostOutcome's codes with their labels, in order.
 */
export const LostOutcomeChoices: ReadonlyArray<{ code: LostOutcome, label: string }> = [
  { code: "back", label: "会再来" },
  { code: "died", label: "逝世" },
  { code: "moved", label: "迁居" },
  { code: "other_shop", label: "与其它公司建立关系" },
  { code: "competitor", label: "竞争" },
  { code: "product", label: "对产品不满意" },
  { code: "attitude", label: "服务态度" },
];

/**
 * A page of the list, with the true total.
 */
export type LostPage = {
  months: number,
  /**
   * not seen since (the day before this)
   */
  since: string,
  total: number,
  /**
   * of them with no call-back recorded yet
   */
  notCalled: number,
  rows: Array<LostCustomer>,
};

/**
 * A reason's count in the year, beside the survey's share.
 */
export type LostReason = {
  label: string,
  count: number,
  /**
   * of the year's lost customers; None with none lost
   */
  share: RateString | null,
  /**
   * the source text's survey
   */
  survey: string,
};

/**
 * 流失原因: a year's call-backs, each customer by their latest of the year.
 */
export type LostYear = {
  year: number,
  /**
   * customers called back in the year
   */
  called: number,
  /**
   * of them coming back
   */
  back: number,
  /**
   * of them lost, by reason
   */
  lost: number,
  reasons: Array<LostReason>,
};

/**
 * 达标 / 未达标 / no mark (no target, or 无数据).
 */
export type Mark = "good" | "bad" | "none";

/**
 * One figure's mark with its target, for an area's indicator screen.
 */
export type Marked = {
  no: number,
  mark: Mark,
  markText: string,
  target: Target,
};

/**
 * An amount in yuan as a decimal string, e.g. "1234.50" (money.rs).
 */
export type MoneyString = string;

/**
 * 月结: a month's checklist, its closings (oldest first) and what changed
 * between the last two.
 */
export type MonthClosing = {
  checklist: Checklist,
  history: Array<Closing>,
  /**
   * (indicator, value at the earlier closing, value at the later)
   */
  differences: Array<[number, string | null, string | null]>,
};

export type MonthlySummary = {
  month: string,
  /**
   * 2026年11月（已月结） or 2026年11月（草稿，未月结）
   */
  monthLabel: string,
  /**
   * when it was made, `2026-11-27 09:30`
   */
  generatedAt: string,
  dashboard: Dashboard,
  trend: DashboardTrend,
  /**
   * the desk's to-do as of the day it was made
   */
  todo: DashboardTodo,
  /**
   * 服务站代码 from the shop's settings (empty when not set)
   */
  stationCode: string,
  /**
   * the table's rows as printed, in [`GROUPS`] order: the one set of
   * texts the window's print and the PDF both show
   */
  rows: Array<SummaryRow>,
  /**
   * the lines under the table: 无数据 (what is missing, in words for the
   * reader — no menu paths on paper) and 说明
   */
  notes: Array<SummaryNote>,
  /**
   * the to-do as printed: the desk's tiles' words, each count with its unit
   */
  todoLines: Array<SummaryTodo>,
  /**
   * the line under the title ([`meta_line`])
   */
  meta: string,
  /**
   * [`LEGEND`], [`REMARKS_TITLE`], [`SIGNATURES`]: the window's print
   * takes them from here, so both forms of the paper say the same
   */
  legend: string,
  remarksTitle: string,
  signatures: Array<string>,
};

/**
 * One line of the ledger.
 */
export type Movement = {
  id: number,
  partId: number,
  movedOn: string,
  kind: MovementKind,
  kindLabel: string,
  qty: number,
  /**
   * signed change of on-hand
   */
  delta: number,
  /**
   * signed change of book value
   */
  value: MoneyString,
  cash: MoneyString,
  /**
   * balance after this movement
   */
  balanceQty: number,
  balanceValue: MoneyString,
  operator: string,
  note: string,
  /**
   * the movement this one reverses (冲销)
   */
  reversesId: number | null,
  /**
   * the movement that reversed this one
   */
  reversedBy: number | null,
};

/**
 * A movement as typed in the receipt/issue forms (or scanned): all text.
 */
export type MovementInput = {
  /**
   * 配件编号 (typed or scanned)
   */
  partNo: string,
  /**
   * a [`MovementKind`] code
   */
  kind: string,
  qty: string,
  /**
   * YYYY-MM-DD; empty means today
   */
  date: string,
  /**
   * 单价 for a receipt (purchase cost); empty means the part's cost price
   */
  unitCost: string,
  /**
   * 实收金额 for a cash sale or a sub-dealer shipment; empty means quantity × 限价
   */
  cash: string,
  operator: string,
  note: string,
};

/**
 * 出入库类型.
 */
export type MovementKind = "receipt" | "sale" | "repair" | "warranty" | "dealer" | "gain" | "loss" | "return";

/**
 * The movement kinds in the order the forms offer them; `inflow`: brings stock in.
 */
export const MovementKindChoices: ReadonlyArray<{ code: MovementKind, label: string, inflow: boolean }> = [
  { code: "receipt", label: "采购入库", inflow: true },
  { code: "sale", label: "销售出库", inflow: false },
  { code: "repair", label: "维修领用", inflow: false },
  { code: "warranty", label: "三包更换", inflow: false },
  { code: "dealer", label: "经销商发货", inflow: false },
  { code: "return", label: "退厂", inflow: false },
  { code: "gain", label: "盘盈", inflow: true },
  { code: "loss", label: "盘亏", inflow: false },
];

/**
 * A count under a name (a category or a staff member).
 */
export type NamedCount = {
  name: string,
  count: number,
};

export type NetworkMonth = {
  month: string,
  /**
   * the month still running: figures to this day
   */
  as_of: string | null,
  outlets: Array<OutletMonth>,
  /**
   * the network (all outlets) as one line; rates over the sums
   */
  total: OutletMonth,
};

/**
 * One old part.
 */
export type OldPart = {
  /**
   * the claim line
   */
  lineId: number,
  claimId: number,
  claimNo: string,
  claimStatus: string,
  vin: string,
  customerName: string,
  partNo: string,
  name: string,
  unit: string,
  qty: number,
  /**
   * book value when issued
   */
  value: MoneyString,
  /**
   * the day it was taken out (维修出库)
   */
  replacedOn: string,
  /**
   * days waiting (as of today) for those not yet shipped
   */
  ageDays: number,
  batchNo: string | null,
};

export type OldPartBatch = {
  id: number,
  /**
   * FH-YYYYMM-NN
   */
  batchNo: string,
  shippedOn: string,
  receivedOn: string | null,
  note: string,
  count: number,
  value: MoneyString,
  /**
   * filled by [`batch`]
   */
  parts: Array<OldPart>,
};

export type OldPartBatchInput = {
  shippedOn: string,
  lineIds: Array<number>,
  note: string,
};

/**
 * An open action as the to-do lists it.
 */
export type OpenAction = {
  id: number,
  dealerId: number,
  dealerName: string,
  visitedOn: string,
  action: string,
  dueOn: string | null,
  overdue: boolean,
};

/**
 * A campaign the vehicle is covered by and has not had done (shown on
 * its repair order, so the desk does it while the vehicle is in).
 */
export type OpenCampaign = {
  id: number,
  docNo: string,
  title: string,
  action: string,
};

export type Order = {
  id: number,
  orderNo: string,
  dealer: string,
  orderedOn: string,
  firstDeliveryOn: string | null,
  /**
   * the last day of the first-supply window (一次供应期截止)
   */
  supplyDueOn: string,
  note: string,
  status: OrderStatus,
  /**
   * 未发货 / 部分发货 / 已发齐 / 已撤销 / 已结案
   */
  statusLabel: string,
  /**
   * `cancelled` or `short` when the order was cancelled or closed short
   */
  closeKind: string | null,
  closedOn: string | null,
  closeReason: string,
  lines: Array<OrderLine>,
  /**
   * Σ charged on its deliveries (货款)
   */
  charged: MoneyString,
  /**
   * whether the first-supply figures are final: the window is over, or
   * everything was shipped, or the order was closed
   */
  ratesFinal: boolean,
  /**
   * 数量供应率 within the window (None for a cancelled order)
   */
  qtyRate: RateString | null,
  /**
   * 品种供应率 within the window
   */
  lineRate: RateString | null,
};

/**
 * A new order as typed: the outlet by its name on the register (服务网络).
 */
export type OrderInput = {
  dealer: string,
  orderedOn: string,
  note: string,
  lines: Array<OrderLineInput>,
};

/**
 * An item as an order did it: the hours and price as they stood then.
 */
export type OrderItem = {
  itemId: number,
  code: string,
  name: string,
  hours: string,
  price: MoneyString,
};

export type OrderLine = {
  id: number,
  partId: number,
  partNo: string,
  partName: string,
  unit: string,
  qtyOrdered: number,
  /**
   * shipped within the first-supply window (一次供应数量)
   */
  qtyFirst: number,
  /**
   * shipped on all deliveries so far
   */
  qtyShipped: number,
  onHand: number,
  /**
   * the part's 限价, the default price charged
   */
  retailPrice: MoneyString,
  /**
   * Σ charged for this line on its deliveries (货款)
   */
  charged: MoneyString,
};

export type OrderLineInput = {
  partNo: string,
  qty: string,
};

/**
 * 订单状态: where a sub-dealer order stands, from its deliveries and its
 * closing (never stored: computed when the order is read).
 */
export type OrderStatus = "unshipped" | "partial" | "shipped" | "cancelled" | "closed";

/**
 * A step of an order's process.
 */
export type OrderStep = {
  code: ProcessStep,
  label: string,
  /**
   * when it was done (`2026-11-26 09:40`), None while it is not
   */
  doneAt: string | null,
  who: string,
  /**
   * ticked by hand (诊断, 报价, 质检); the others follow the order
   */
  manual: boolean,
};

/**
 * 包换/包退 (or back to 修复) as typed.
 */
export type OutcomeInput = {
  /**
   * `repair`, `exchange` or `refund` (or 修复/包换/包退)
   */
  outcome: string,
  /**
   * the day it was exchanged or refunded; empty = today
   */
  date: string,
  /**
   * what was exchanged or refunded: 整车, or the main part
   */
  item: string,
  /**
   * e.g. the new vehicle's VIN, the customer's receipt
   */
  note: string,
  /**
   * 包退: the amount refunded
   */
  refund: string,
  operator: string,
};

/**
 * An outlet's card.
 */
export type Outlet = {
  id: number,
  name: string,
  /**
   * pinyin initials of the name (王集镇 → wjz), for the pickers' search
   */
  nameInitials: string,
  /**
   * `dealer` / `retailer` / `station`
   */
  kind: OutletKind,
  kindLabel: string,
  /**
   * 乡镇
   */
  township: string,
  address: string,
  /**
   * 联系人
   */
  contact: string,
  phone: string,
  /**
   * 经营品牌
   */
  brands: string,
  /**
   * 授权日期
   */
  authorisedOn: string | null,
  /**
   * `active` / `suspended` / `revoked`
   */
  status: OutletStatus,
  statusLabel: string,
  /**
   * the day the status began
   */
  statusOn: string | null,
  /**
   * 维修技师人数
   */
  technicians: number,
  /**
   * 设备等级 A/B/C ("" not graded)
   */
  equipmentLevel: string,
  note: string,
  /**
   * vehicles the outlet sold, on file
   */
  vehicles: number,
  /**
   * follow-up actions from visits not done yet
   */
  openActions: number,
  /**
   * 应收款 now: charged on deliveries less paid
   */
  owed: MoneyString,
};

/**
 * An outlet's card: its register entry, its month, its visits and claims.
 */
export type OutletCard = {
  outlet: Outlet,
  month: OutletMonth,
  visits: Array<Visit>,
  claims: Array<ClaimRow>,
};

/**
 * What an import of the register did.
 */
export type OutletImport = {
  rows: number,
  created: number,
  updated: number,
  problems: Array<Problem>,
};

/**
 * An outlet as typed on its form (or read from a sheet row).
 */
export type OutletInput = {
  name: string,
  kind: string,
  township: string,
  address: string,
  contact: string,
  phone: string,
  brands: string,
  authorisedOn: string,
  status: string,
  statusOn: string,
  technicians: string,
  equipmentLevel: string,
  note: string,
};

export type OutletKind = "dealer" | "retailer" | "station";

/**
 * OutletKind's codes with their labels, in order.
 */
export const OutletKindChoices: ReadonlyArray<{ code: OutletKind, label: string }> = [
  { code: "dealer", label: "经销商" },
  { code: "retailer", label: "零售商" },
  { code: "station", label: "特约维修站" },
];

export type OutletMonth = {
  /**
   * 0 on the total line
   */
  dealerId: number,
  name: string,
  kindLabel: string,
  statusLabel: string,
  township: string,
  /**
   * 售车
   */
  sold: number,
  /**
   * 建档 (files returned in the month)
   */
  filed: number,
  /**
   * 建档 ÷ 售车
   */
  filingRate: RateString | null,
  /**
   * of the month's sales, filed so far
   */
  soldFiled: number,
  /**
   * 建档费登记 / 返厂
   */
  feesRegistered: MoneyString,
  feesReturned: MoneyString,
  /**
   * orders placed in the month
   */
  orders: number,
  /**
   * orders whose first-supply window ended in the month, and their rates
   */
  supplyOrders: number,
  supplyQtyRate: RateString | null,
  supplyLineRate: RateString | null,
  /**
   * 欠款 at the month's end
   */
  owed: MoneyString,
  /**
   * claims reported in the month, and their cost (parts + labour)
   */
  claims: number,
  claimCost: MoneyString,
  /**
   * complaints recorded on calls in the month
   */
  complaints: number,
};

export type OutletStatus = "active" | "suspended" | "revoked";

/**
 * OutletStatus's codes with their labels, in order.
 */
export const OutletStatusChoices: ReadonlyArray<{ code: OutletStatus, label: string }> = [
  { code: "active", label: "在营" },
  { code: "suspended", label: "暂停" },
  { code: "revoked", label: "撤销" },
];

/**
 * A part of the catalogue with its current stock.
 */
export type Part = {
  id: number,
  /**
   * 配件编号
   */
  partNo: string,
  /**
   * 配件名称
   */
  name: string,
  /**
   * 拼音首字母
   */
  nameInitials: string,
  /**
   * 适用车型
   */
  fitment: string,
  /**
   * 单位
   */
  unit: string,
  /**
   * 类别
   */
  category: string,
  /**
   * 机油
   */
  isEngineOil: boolean,
  /**
   * 机油升数: litres per unit of an engine oil (indicator 21), e.g. "1", "0.8"
   */
  oilLitres: string | null,
  /**
   * 进货价
   */
  costPrice: MoneyString,
  /**
   * 限价 (retail price)
   */
  retailPrice: MoneyString,
  /**
   * 库位
   */
  binLocation: string,
  minStock: number,
  maxStock: number,
  active: boolean,
  /**
   * 库存数量
   */
  onHand: number,
  /**
   * 库存金额 (book value)
   */
  stockValue: MoneyString,
  /**
   * 移动平均成本 (stock value ÷ on hand, to the fen; the cost price when there is no stock)
   */
  averageCost: MoneyString,
  lastMovementOn: string | null,
  lastIssueOn: string | null,
};

/**
 * 配件卡片: the part and its latest movements with their balances.
 */
export type PartCard = {
  part: Part,
  movements: Array<Movement>,
};

/**
 * A part as typed in the form or read from an import row: all text.
 */
export type PartInput = {
  partNo: string,
  name: string,
  fitment: string,
  unit: string,
  category: string,
  isEngineOil: boolean,
  /**
   * litres per unit of an engine oil; empty means 1 L
   */
  oilLitres: string,
  costPrice: string,
  retailPrice: string,
  binLocation: string,
  minStock: string,
  maxStock: string,
  active: boolean,
};

/**
 * The parts indicators with their marks, and the mark of 6's second
 * measure (数量供应率) against its own target.
 */
export type PartsFigures = {
  qtySupplyMark: Marked,
  marks: Array<Marked>,
  month: string,
  /**
   * 1 配件库存金额
   */
  inventoryValue: MoneyString,
  /**
   * 2 配件入库金额
   */
  inboundValue: MoneyString,
  /**
   * 3 配件出库金额
   */
  outboundValue: MoneyString,
  /**
   * 盘盈 / 盘亏 in the month (not issues; shown beside 3)
   */
  stocktakeGainValue: MoneyString,
  stocktakeLossValue: MoneyString,
  /**
   * 4 配件销售金额
   */
  partsSales: MoneyString,
  /**
   * 5 配件周转率
   */
  turnover: RateString | null,
  /**
   * 6 配件一次供应率: 数量供应率, 品种供应率 (the headline), and the
   * orders counted
   */
  firstSupplyQtyRate: RateString | null,
  firstSupplyLineRate: RateString | null,
  firstSupplyOrders: number,
  /**
   * 7 配件滞销率, with its numerator and denominator
   */
  slowMovingRate: RateString | null,
  slowMovingKinds: number,
  stockedKinds: number,
  /**
   * 21 机油出库数量, in litres
   */
  engineOilLitres: string,
  /**
   * 22 机油销售金额
   */
  engineOilSales: MoneyString,
};

export type PartsIndicators = {
  month: string,
  /**
   * 1 配件库存金额
   */
  inventoryValue: MoneyString,
  /**
   * 2 配件入库金额
   */
  inboundValue: MoneyString,
  /**
   * 3 配件出库金额
   */
  outboundValue: MoneyString,
  /**
   * 盘盈 / 盘亏 in the month (not issues; shown beside 3)
   */
  stocktakeGainValue: MoneyString,
  stocktakeLossValue: MoneyString,
  /**
   * 4 配件销售金额
   */
  partsSales: MoneyString,
  /**
   * 5 配件周转率
   */
  turnover: RateString | null,
  /**
   * 6 配件一次供应率: 数量供应率, 品种供应率 (the headline), and the
   * orders counted
   */
  firstSupplyQtyRate: RateString | null,
  firstSupplyLineRate: RateString | null,
  firstSupplyOrders: number,
  /**
   * 7 配件滞销率, with its numerator and denominator
   */
  slowMovingRate: RateString | null,
  slowMovingKinds: number,
  stockedKinds: number,
  /**
   * 21 机油出库数量, in litres
   */
  engineOilLitres: string,
  /**
   * 22 机油销售金额
   */
  engineOilSales: MoneyString,
};

/**
 * One payment (or its reversal).
 */
export type Payment = {
  id: number,
  dealer: string,
  paidOn: string,
  /**
   * negative for a reversal
   */
  amount: MoneyString,
  method: string,
  /**
   * the order and delivery it was paid with (现结), e.g. `DD-202611-0003 第1次`
   */
  withDelivery: string | null,
  reversesId: number | null,
  reversedBy: number | null,
  operator: string,
  note: string,
};

/**
 * A 收款 as typed.
 */
export type PaymentInput = {
  dealer: string,
  paidOn: string,
  amount: string,
  method: string,
  operator: string,
  note: string,
};

/**
 * A person's result for a month: checks made, standards judged and met.
 */
export type PersonEtiquette = {
  staffId: number,
  name: string,
  checks: number,
  judged: number,
  met: number,
  share: RateString | null,
};

/**
 * A person's training, as their roster card lists it.
 */
export type PersonTraining = {
  trainingId: number,
  /**
   * held, or planned when not held yet
   */
  on: string,
  held: boolean,
  subjectLabel: string,
  title: string,
  hours: string,
  score: number | null,
  certificate: string,
  certificateExpiresOn: string | null,
};

/**
 * The policy as typed in the settings form (text).
 */
export type PolicyInput = {
  months: string,
  km: string,
  /**
   * one per line: `发动机 24 30000`
   */
  categories: string,
  /**
   * separated by 、 , or spaces
   */
  wearParts: string,
  /**
   * 首保期（月）; empty = 3
   */
  firstServiceMonths: string,
  /**
   * 首保里程（公里）; empty = 1,500
   */
  firstServiceKm: string,
  /**
   * 生效日期; empty = today
   */
  effectiveFrom: string,
};

export type PositionDescription = {
  postCode: string,
  /**
   * 岗位名称 on the screens, its letter first: 「K 服务经理（兼配件主管）」
   */
  title: string,
  /**
   * 岗位名称 on the printed description: 「服务经理（兼配件主管）」 (no
   * code letter, no gloss)
   */
  formalTitle: string,
  /**
   * 员工姓名 (from the roster)
   */
  staffNames: Array<string>,
  superior: string,
  subordinates: string,
  /**
   * one item per line
   */
  duties: string,
  targets: string,
  /**
   * 考核标准: the items of the duties the post holds, with weight and
   * target (edited as the appraisal's items, [`super::appraisal`])
   */
  appraisal: string,
  authority: string,
  requirements: string,
  /**
   * false: the defaults
   */
  edited: boolean,
};

export type PositionDescriptionInput = {
  superior: string,
  subordinates: string,
  duties: string,
  targets: string,
  authority: string,
  requirements: string,
};

/**
 * A post's letter: the duties A–J, the combined posts K–T.
 */
export type PostCode = "A" | "B" | "C" | "D" | "E" | "F" | "G" | "H" | "I" | "J" | "K" | "L" | "M" | "N" | "P" | "R" | "S" | "T";

/**
 * The posts A–J and K–T: `label` as the screens name them (letter first), `formal` as papers do, `name` the source text's, `holds` the duties.
 */
export const PostCodeChoices: ReadonlyArray<{ code: PostCode, label: string, formal: string, holds: string, name: string }> = [
  { code: "A", label: "A 客服经理", formal: "客服经理", holds: "A", name: "客服经理（或称服务经理、服务主管、4S服务店长）" },
  { code: "B", label: "B 服务内勤", formal: "服务内勤", holds: "B", name: "服务内勤（服务接待）" },
  { code: "C", label: "C 服务会计", formal: "服务会计", holds: "C", name: "服务会计" },
  { code: "D", label: "D 配件主管", formal: "配件主管", holds: "D", name: "配件主管（或称配件计划员）" },
  { code: "E", label: "E 配件库管员", formal: "配件库管员", holds: "E", name: "配件库管员" },
  { code: "F", label: "F 配件发运员", formal: "配件发运员", holds: "F", name: "配件发运员" },
  { code: "G", label: "G 三包维修主管", formal: "三包维修主管", holds: "G", name: "三包维修主管" },
  { code: "H", label: "H 三包鉴定员", formal: "三包鉴定员", holds: "H", name: "三包鉴定员" },
  { code: "I", label: "I 客户信息员", formal: "客户信息员", holds: "I", name: "客户信息员" },
  { code: "J", label: "J 维修技师", formal: "维修技师", holds: "J", name: "维修技师 / 维修工程师" },
  { code: "K", label: "K 服务经理（兼配件主管）", formal: "服务经理（兼配件主管）", holds: "A、D", name: "服务经理（或称客服经理、服务店长）" },
  { code: "L", label: "L 服务经理（兼三包维修主管）", formal: "服务经理（兼三包维修主管）", holds: "A、G", name: "服务经理（或称客服经理、服务店长）" },
  { code: "M", label: "M 服务内勤（兼服务会计、客户信息员）", formal: "服务内勤（兼服务会计、客户信息员）", holds: "B、C、I", name: "服务内勤（或称服务助理）" },
  { code: "N", label: "N 配件管理员（兼库管、发运）", formal: "配件管理员（兼库管、发运）", holds: "E、F", name: "配件管理员" },
  { code: "P", label: "P 三包维修主管（兼三包鉴定员、维修技师）", formal: "三包维修主管（兼三包鉴定员、维修技师）", holds: "G、H、J", name: "三包维修主管（或三包管理员）" },
  { code: "R", label: "R 三包维修技师（兼三包鉴定员）", formal: "三包维修技师（兼三包鉴定员）", holds: "H、J", name: "三包维修技师（或维修工程师）" },
  { code: "S", label: "S 三包维修主管（兼维修技师）", formal: "三包维修主管（兼维修技师）", holds: "G、J", name: "三包维修主管（或三包维修技师）" },
  { code: "T", label: "T 服务内勤（兼客户信息员）", formal: "服务内勤（兼客户信息员）", holds: "B、I", name: "服务内勤（或服务信息员）" },
];

/**
 * One row of the preview.
 */
export type PreviewRow = {
  row: number,
  partNo: string,
  name: string,
  /**
   * 新增 or 更新
   */
  action: string,
};

/**
 * One thing wrong: a form field, or a row of an imported sheet.
 */
export type Problem = {
  field?: string,
  sheet?: string,
  /**
   * 1-based row number as the spreadsheet program shows it.
   */
  row?: number,
  message: string,
};

export type ProcessStep = "reception" | "diagnosis" | "quote" | "repair" | "inspection" | "delivery" | "follow_up";

/**
 * ProcessStep's codes with their labels, in order.
 */
export const ProcessStepChoices: ReadonlyArray<{ code: ProcessStep, label: string }> = [
  { code: "reception", label: "接待" },
  { code: "diagnosis", label: "诊断" },
  { code: "quote", label: "报价" },
  { code: "repair", label: "维修" },
  { code: "inspection", label: "质检" },
  { code: "delivery", label: "交车" },
  { code: "follow_up", label: "回访" },
];

/**
 * One group of failures.
 */
export type QualityGroup = {
  name: string,
  claims: number,
  /**
   * of the period's claims
   */
  share: RateString | null,
  /**
   * the parts issued on them (book value)
   */
  partsValue: MoneyString,
};

/**
 * 质量信息反馈 for a period of months.
 */
export type QualityReport = {
  from: string,
  to: string,
  claims: number,
  vehicles: number,
  partsValue: MoneyString,
  byModel: Array<QualityGroup>,
  byPart: Array<QualityGroup>,
  byMileage: Array<QualityGroup>,
  byAge: Array<QualityGroup>,
  byCategory: Array<QualityGroup>,
  rows: Array<QualityRow>,
};

/**
 * One claim as the factory reads it.
 */
export type QualityRow = {
  claimNo: string,
  reportedOn: string,
  model: string,
  vin: string,
  /**
   * 购车发票日期
   */
  invoiceDate: string,
  monthsInUse: number,
  mileage: number,
  partNo: string,
  partName: string,
  faultCategory: string,
  fault: string,
  appraisalResult: string,
  statusLabel: string,
  outcomeLabel: string,
  partsValue: MoneyString,
};

/**
 * A percentage as a decimal string, e.g. "90" or "7.5" (rate.rs).
 */
export type RateString = string;

/**
 * The vehicles sold in the last 12 whole months, offered as the annual
 * sales that choose the band.
 */
export type RecentSales = {
  /**
   * 2025年12月至2026年11月
   */
  period: string,
  /**
   * confirmed figures where entered, else the vehicles recorded as sold
   */
  units: number,
  /**
   * months of the twelve with neither (counted as 0)
   */
  monthsWithout: number,
};

/**
 * A repair order as typed at the desk (text).
 */
export type RepairInput = {
  vehicleId: number | null,
  /**
   * a [`RepairKind`] code
   */
  kind: string,
  /**
   * `2026-11-26 09:30`; empty = now
   */
  receivedAt: string,
  /**
   * empty = received + the rules' wait for the kind
   */
  promisedAt: string,
  technician: string,
  /**
   * 接待员
   */
  receptionist: string,
  mileage: string,
  place: string,
  complaint: string,
  workDone: string,
  /**
   * charged to the customer
   */
  labour: string,
  /**
   * a 三包 order's claim: opened with the order (or linked)
   */
  claim: WarrantyJobInput | null,
  /**
   * 服务项目 done (service_item ids); None leaves an order's items as they are
   */
  items: Array<number> | null,
};

export type RepairKind = "maintenance" | "first_service" | "repair" | "warranty" | "onsite";

export type RepairOrder = {
  id: number,
  /**
   * WX-YYYYMM-NNNN
   */
  orderNo: string,
  vehicleId: number,
  vin: string,
  /**
   * 车牌号 of the vehicle ("" when not known)
   */
  plate: string,
  model: string,
  customerId: number,
  customerName: string,
  customerMobile: string,
  kind: RepairKind,
  kindLabel: string,
  /**
   * 进厂 `2026-11-26 09:30`
   */
  receivedAt: string,
  /**
   * 承诺交车
   */
  promisedAt: string,
  technician: string,
  /**
   * 接待员: who received the customer and wrote the order
   */
  receptionist: string,
  mileage: number | null,
  place: string,
  complaint: string,
  workDone: string,
  labour: MoneyString,
  /**
   * 服务项目 with their standard hours and price as taken
   */
  items: Array<OrderItem>,
  parts: Array<RepairPart>,
  partsAmount: MoneyString,
  /**
   * 应收 = labour + parts
   */
  total: MoneyString,
  /**
   * 实收
   */
  received: MoneyString,
  status: RepairStatus,
  /**
   * 在修 / 完工待交车 / 已交车
   */
  statusLabel: string,
  doneAt: string | null,
  deliveredAt: string | null,
  /**
   * not delivered and past its promised time (as of the `now` asked with)
   */
  overdue: boolean,
  /**
   * the warranty claim of a 三包 order (the job)
   */
  claimId: number | null,
  claimNo: string | null,
  claimStatusLabel: string | null,
};

export type RepairPart = {
  id: number,
  partId: number,
  partNo: string,
  name: string,
  unit: string,
  qty: number,
  /**
   * charged per unit
   */
  price: MoneyString,
  amount: MoneyString,
  movementId: number,
  /**
   * fitted under warranty (三包更换): charged to the factory through the
   * claim, nothing to the customer
   */
  covered: boolean,
};

export type RepairPartInput = {
  /**
   * 配件编号 (typed or scanned)
   */
  partNo: string,
  qty: string,
  /**
   * charged per unit; empty = the part's 限价
   */
  price: string,
  operator: string,
  /**
   * fitted under warranty: issued as 三包更换 onto the order's claim,
   * charged at nothing
   */
  covered: boolean,
};

/**
 * What the desk list shows.
 */
export type RepairQuery = {
  /**
   * `active` (open and done, not delivered), `delivered`, or `` (all)
   */
  status: string,
  /**
   * order number, VIN tail, customer name or mobile
   */
  q: string,
  /**
   * YYYY-MM: received in that month (for delivered/all)
   */
  month: string,
  limit: number,
};

export type RepairStatus = "open" | "done" | "delivered";

/**
 * RepairStatus's codes with their labels, in order.
 */
export const RepairStatusChoices: ReadonlyArray<{ code: RepairStatus, label: string }> = [
  { code: "open", label: "在修" },
  { code: "done", label: "完工待交车" },
  { code: "delivered", label: "已交车" },
];

/**
 * A return (返修): the order, and the earlier one it came back after.
 */
export type ReturnCase = {
  item: string,
  orderId: number,
  orderNo: string,
  receivedAt: string,
  vin: string,
  customer: string,
  firstOrderNo: string,
  firstDoneAt: string,
  /**
   * who did the first job
   */
  firstTechnician: string,
};

export type Role = "manager" | "clerk" | "parts";

/**
 * The areas (the window's paths, in the menu's order) each role may open: those whose permission the role has (core's actor.rs).
 */
export const RoleAreas: Readonly<Record<Role, ReadonlyArray<string>>> = {
  manager: ["/dashboard","/parts","/warranty","/customers","/network","/staff","/documents","/settings","/audit"],
  clerk: ["/dashboard","/warranty","/customers","/staff"],
  parts: ["/dashboard","/parts"],
};

/**
 * The sign-in roles with what each may do, in a few words (the rule is the core's).
 */
export const RoleChoices: ReadonlyArray<{ code: Role, label: string, can: string }> = [
  { code: "manager", label: "经理", can: "全部功能" },
  { code: "clerk", label: "内勤", can: "客户、维修、回访点检、投诉处理、培训、三包录入" },
  { code: "parts", label: "配件", can: "配件各功能" },
];

export type SalesInput = {
  month: string,
  units: string,
  amount: string,
};

export type SalesMonth = {
  /**
   * YYYY-MM
   */
  month: string,
  /**
   * entered 整车销售数量 (None: not entered)
   */
  units: number | null,
  /**
   * entered 整车销售金额
   */
  amount: MoneyString | null,
  /**
   * vehicles recorded as sold here in the month
   */
  recordedUnits: number,
  /**
   * their sale prices, summed (vehicles without a price add nothing)
   */
  recordedAmount: MoneyString,
  /**
   * recorded vehicles without a sale price
   */
  recordedWithoutPrice: number,
  /**
   * the 整车销售数量 the rates use: entered, else recorded (None: neither)
   */
  unitsUsed: number | null,
  /**
   * the 整车销售金额 the rates use: entered, else the recorded prices'
   * sum when every recorded vehicle has one (None: neither)
   */
  amountUsed: MoneyString | null,
};

/**
 * One group's scores.
 */
export type SatisfactionGroup = {
  name: string,
  /**
   * calls with a score
   */
  rated: number,
  /**
   * e.g. "4.3"; None without a score
   */
  average: string | null,
  /**
   * scores of 1 or 2 (不满意)
   */
  low: number,
};

/**
 * 满意度分析: a month.
 */
export type SatisfactionMonth = {
  month: string,
  /**
   * effective calls in the month
   */
  calls: number,
  /**
   * of them with a score
   */
  rated: number,
  average: string | null,
  /**
   * how many scored 1, 2, 3, 4, 5
   */
  distribution: Array<number>,
  /**
   * the share scoring 4 or 5; None without a score
   */
  satisfiedShare: RateString | null,
  /**
   * effective calls that recorded a complaint
   */
  complaints: number,
  byReason: Array<SatisfactionGroup>,
  /**
   * repair follow-ups by the order's technician
   */
  byTechnician: Array<SatisfactionGroup>,
  /**
   * repair follow-ups by the order's receptionist (接待员)
   */
  byReceptionist: Array<SatisfactionGroup>,
  /**
   * calls about a vehicle, by who sold it (本店 or the outlet)
   */
  byOutlet: Array<SatisfactionGroup>,
  /**
   * the twelve months up to this one
   */
  trend: Array<SatisfactionPoint>,
};

/**
 * A month's average, for the trend.
 */
export type SatisfactionPoint = {
  month: string,
  rated: number,
  average: string | null,
};

/**
 * A service item (服务项目).
 */
export type ServiceItem = {
  id: number,
  code: string,
  name: string,
  /**
   * 工时定额 in hours, as a decimal ("0.5")
   */
  hours: string,
  /**
   * 标准工时费
   */
  price: MoneyString,
  active: boolean,
  note: string,
};

export type ServiceItemInput = {
  code: string,
  name: string,
  hours: string,
  price: string,
  active: boolean,
  note: string,
};

/**
 * The month's 按时交车率 and 返修率, with the orders behind them.
 */
export type ServiceMonth = {
  month: string,
  /**
   * orders finished (完工) in the month, and of them by the promised time
   */
  done: number,
  onTime: number,
  onTimeRate: RateString | null,
  late: Array<LateOrder>,
  /**
   * orders finished in the month with at least one item, and of them returns
   */
  withItems: number,
  returns: number,
  returnRate: RateString | null,
  items: Array<ItemMonth>,
  cases: Array<ReturnCase>,
};

export type ServiceRules = {
  /**
   * 购车回访：days after the sale
   */
  followUpSaleDays: Array<number>,
  /**
   * 维修回访：days after the repair is delivered
   */
  followUpRepairDays: Array<number>,
  /**
   * 首次点检：months after the sale
   */
  inspectionFirstMonths: number,
  /**
   * 点检间隔（月）
   */
  inspectionIntervalMonths: number,
  /**
   * 点检期限：inspections fall due within this many months of the sale
   */
  inspectionSpanMonths: number,
  /**
   * 承诺等候时间（分钟）by repair kind
   */
  waitMaintenanceMinutes: number,
  waitRepairMinutes: number,
  waitWarrantyMinutes: number,
  waitOnsiteMinutes: number,
  /**
   * 流失客户: not seen for this many months
   */
  lostAfterMonths: number,
};

/**
 * The rules as typed in the settings form (text).
 */
export type ServiceRulesInput = {
  /**
   * e.g. `3, 30`
   */
  followUpSaleDays: string,
  followUpRepairDays: string,
  inspectionFirstMonths: string,
  inspectionIntervalMonths: string,
  inspectionSpanMonths: string,
  waitMaintenanceMinutes: string,
  waitRepairMinutes: string,
  waitWarrantyMinutes: string,
  waitOnsiteMinutes: string,
  lostAfterMonths: string,
};

export type ServiceStandard = {
  id: number,
  kind: StandardKind,
  kindLabel: string,
  /**
   * its place on the board (1 first)
   */
  seq: number,
  title: string,
  content: string,
  /**
   * a post code, or "" for everyone
   */
  ownerPost: string,
  /**
   * "全员" or the post's name
   */
  ownerLabel: string,
  measure: string,
  active: boolean,
};

/**
 * The shop's settings in the form's order (core's settings.rs SETTINGS): `key` as problems name the field, `input` the form's field, `label` as messages name it.
 */
export const SettingFields: ReadonlyArray<{ key: string, input: keyof SettingsInput, label: string }> = [
  { key: "shopName", input: "shopName", label: "店铺名称" },
  { key: "brands", input: "brands", label: "服务品牌" },
  { key: "region", input: "region", label: "所在地区" },
  { key: "address", input: "address", label: "详细地址" },
  { key: "serviceStationCode", input: "serviceStationCode", label: "服务站代码" },
  { key: "annualVehicleSales", input: "annualVehicleSales", label: "年整车销量" },
  { key: "vehicleParc", input: "vehicleParc", label: "保有量" },
  { key: "partsConsumptionPerVehicle", input: "partsConsumptionPerVehicle", label: "单车年均配件消耗" },
  { key: "inventoryBasis", input: "inventoryBasis", label: "参考库存基数" },
  { key: "inventoryFactor", input: "inventoryFactor", label: "库存系数" },
  { key: "firstSupplyDays", input: "firstSupplyDays", label: "一次供应期" },
  { key: "targets.firstTimeSupplyMin", input: "firstTimeSupplyMin", label: "品种供应率目标" },
  { key: "targets.firstTimeSupplyQtyMin", input: "firstTimeSupplyQtyMin", label: "数量供应率目标" },
  { key: "targets.slowMovingMax", input: "slowMovingMax", label: "配件滞销率目标" },
  { key: "targets.warrantyCostMax", input: "warrantyCostMax", label: "三包费用率目标" },
  { key: "targets.filingMin", input: "filingMin", label: "用户建档率目标" },
  { key: "targets.followUpMin", input: "followUpMin", label: "用户回访率目标" },
  { key: "targets.inspectionMin", input: "inspectionMin", label: "点检率目标" },
];

/**
 * 店铺设置 as typed in the form or read from a workbook: every value is
 * text, so that each one can be parsed here and a bad one reported against
 * its field (a typo in a number is a message, never a silent clamp).
 */
export type SettingsInput = {
  shopName: string,
  /**
   * brand names separated by 、 , ， ; or spaces
   */
  brands: string,
  region: string,
  address: string,
  serviceStationCode: string,
  annualVehicleSales: string,
  vehicleParc: string,
  partsConsumptionPerVehicle: string,
  /**
   * `sales`/`年销量` or `parc`/`保有量`
   */
  inventoryBasis: string,
  inventoryFactor: string,
  firstSupplyDays: string,
  firstTimeSupplyMin: string,
  firstTimeSupplyQtyMin: string,
  slowMovingMax: string,
  warrantyCostMax: string,
  filingMin: string,
  followUpMin: string,
  inspectionMin: string,
};

/**
 * The settings as the form shows them.
 */
export type SettingsView = {
  /**
   * the saved settings (or the defaults of a new shop)
   */
  settings: ShopSettings,
  /**
   * the same as the form edits them: every value as text
   */
  input: SettingsInput,
  /**
   * false for a shop that started empty and has not saved yet
   */
  saved: boolean,
  /**
   * 参考库存金额 from the saved settings (the text's formula)
   */
  inventoryReference: MoneyString,
  /**
   * the six targets with the text's comparators (`> 90%`, `≤ 5%` …)
   */
  targets: Array<Target>,
  /**
   * the inventory factor the last 12 months' stock and issues suggest
   * (average stock ÷ a year's issues), None without issues
   */
  suggestedInventoryFactor: string | null,
};

/**
 * 店铺设置.
 */
export type ShopSettings = {
  /**
   * 店铺名称
   */
  shopName: string,
  /**
   * 服务品牌
   */
  brands: Array<string>,
  /**
   * 所在地区 (省市县/乡镇)
   */
  region: string,
  /**
   * 详细地址
   */
  address: string,
  /**
   * 服务站代码: the code the factory gave the shop (printed on claims)
   */
  serviceStationCode: string,
  /**
   * 年整车销量（台）: picks the staffing band
   */
  annualVehicleSales: number,
  /**
   * 保有量（台）: vehicles of the brand in the shop's area
   */
  vehicleParc: number,
  /**
   * 单车年均配件消耗（元/台）
   */
  partsConsumptionPerVehicle: MoneyString,
  /**
   * 参考库存基数
   */
  inventoryBasis: InventoryBasis,
  /**
   * 库存系数: the share of a year's parts consumption kept in stock
   */
  inventoryFactor: string,
  /**
   * 一次供应期（天）: a sub-dealer order's first-supply window runs this
   * many days from its receipt; what ships within it is its first supply
   * (indicator 6). Fixed on each order when it is made.
   */
  firstSupplyDays: number,
  targets: IndicatorTargets,
};

export type Staff = {
  id: number,
  name: string,
  phone: string,
  hiredOn: string | null,
  active: boolean,
  note: string,
  /**
   * post codes, A–J and K–T
   */
  posts: Array<string>,
  /**
   * the duties (A–J) those posts hold
   */
  duties: Array<string>,
  /**
   * this month: vehicles repaired (indicator 17 by person) and claims appraised
   */
  vehiclesRepaired: number,
  claimsAppraised: number,
  /**
   * the sign-in role (manager / clerk / parts), None = no account
   */
  role: string | null,
};

export type StaffInput = {
  name: string,
  phone: string,
  hiredOn: string,
  active: boolean,
  note: string,
  posts: Array<string>,
  /**
   * the sign-in account: None = leave as is, "" = none, or a role code
   */
  accountRole: string | null,
  /**
   * a new password (empty = keep the old one)
   */
  password: string,
};

export type StaffingPlan = {
  annualSales: number,
  smallAgent: boolean,
  rule: string,
  current: BandView,
  next: BandView | null,
  headcount: number,
  headcountCheck: HeadcountCheck,
  /**
   * the last 12 months' sales (None when no month has any)
   */
  recentSales: RecentSales | null,
  duties: Array<DutyCoverage>,
  /**
   * recommended slots no active person fills
   */
  unfilled: Array<string>,
  /**
   * posts held that the band does not list
   */
  extra: Array<string>,
  /**
   * what the next band adds: slots not yet filled by the roster
   */
  nextUnfilled: Array<string>,
};

export type StandardInput = {
  kind: string,
  /**
   * empty = after the last of its kind
   */
  seq: string,
  title: string,
  content: string,
  ownerPost: string,
  measure: string,
  active: boolean,
};

export type StandardKind = "principle" | "standard";

/**
 * StandardKind's codes with their labels, in order.
 */
export const StandardKindChoices: ReadonlyArray<{ code: StandardKind, label: string }> = [
  { code: "principle", label: "服务原则" },
  { code: "standard", label: "服务标准" },
];

/**
 * One line of an outlet's statement (对账单): a delivery charged or a
 * payment received, oldest first, with the balance after it.
 */
export type StatementLine = {
  on: string,
  /**
   * 发货 / 收款 / 收款冲销
   */
  kind: string,
  reference: string,
  charged: MoneyString,
  received: MoneyString,
  balance: MoneyString,
  paymentId: number | null,
  /**
   * a payment that can still be reversed
   */
  reversible: boolean,
};

/**
 * A step of the claim's path.
 */
export type StepInput = {
  /**
   * submit / approve / reject / return / settle
   */
  action: string,
  operator: string,
  /**
   * the override reason (submit), the reason (reject, return), a note
   */
  note: string,
  /**
   * settle: 结算金额 (the total, when the factory's statement does not split it)
   */
  amount: string,
  /**
   * settle: of it, for parts and for labour; either given = the amount is their sum
   */
  partsAmount: string,
  labourAmount: string,
  /**
   * the date of the step; empty = today
   */
  date: string,
};

export type StockPage = {
  rows: Array<Part>,
  /**
   * parts matching the filters (all pages)
   */
  totalRows: number,
  /**
   * 合计数量 and 合计金额 over all matching parts
   */
  totalQty: number,
  totalValue: MoneyString,
};

/**
 * What the stock list asks for.
 */
export type StockQuery = {
  /**
   * part number, name or pinyin initials
   */
  q: string,
  category: string,
  /**
   * 低于最低库存
   */
  belowMin: boolean,
  /**
   * 零库存
   */
  zeroStock: boolean,
  /**
   * 滞销: the parts indicator 7 counts as slow-moving for `slow_month`
   * ([`super::indicators::slow_moving_parts`])
   */
  slowMoving: boolean,
  /**
   * YYYY-MM; empty = this month (本月至今)
   */
  slowMonth: string,
  /**
   * 机油
   */
  engineOil: boolean,
  /**
   * YYYY-MM: the stock as it stood at that month's end (indicator 1's
   * records) — each part's balance then, the parts in stock then, in use
   * or not since; empty = now
   */
  asOfMonth: string,
  /**
   * include inactive parts
   */
  includeInactive: boolean,
  /**
   * a column of [`SORT_COLUMNS`]
   */
  sort: string,
  descending: boolean,
  /**
   * 0-based page
   */
  page: number,
  pageSize: number,
};

export type Stocktake = {
  id: number,
  sheetNo: string,
  createdOn: string,
  category: string,
  status: StocktakeStatus,
  /**
   * 盘点中 / 已过账
   */
  statusLabel: string,
  postedOn: string | null,
  /**
   * empty in [`list`]'s summaries; [`get`] fills it
   */
  lines: Array<StocktakeLine>,
  /**
   * 品种数: lines on the sheet
   */
  lineCount: number,
  counted: number,
  gainQty: number,
  lossQty: number,
};

export type StocktakeLine = {
  partId: number,
  partNo: string,
  name: string,
  /**
   * 适用车型: seven parts may share the name 机油滤清器
   */
  fitment: string,
  unit: string,
  binLocation: string,
  bookQty: number,
  countedQty: number | null,
  /**
   * counted − book, once counted
   */
  difference: number | null,
  averageCost: MoneyString,
};

export type StocktakeStatus = "counting" | "posted";

/**
 * StocktakeStatus's codes with their labels, in order.
 */
export const StocktakeStatusChoices: ReadonlyArray<{ code: StocktakeStatus, label: string }> = [
  { code: "counting", label: "盘点中" },
  { code: "posted", label: "已过账" },
];

export type Suggestion = {
  partId: number,
  partNo: string,
  name: string,
  fitment: string,
  unit: string,
  onHand: number,
  minStock: number,
  maxStock: number,
  /**
   * 月均出库 over the last six months, to one decimal
   */
  monthlyIssues: string,
  suggestedQty: number,
  costPrice: MoneyString,
  /**
   * suggested × 进货价
   */
  amount: MoneyString,
  /**
   * 低于最低库存 / 不足一个月用量
   */
  reason: string,
};

/**
 * A line under the printed summary's table.
 */
export type SummaryNote = {
  /**
   * 无数据 or 说明
   */
  label: string,
  /**
   * `9 三包费用率：当月整车销售金额尚未录入，也没有登记的售车`
   */
  text: string,
};

/**
 * One indicator's row on the printed summary.
 */
export type SummaryRow = {
  group: string,
  no: number,
  /**
   * one of the factory's seven (★)
   */
  factory: boolean,
  name: string,
  /**
   * this month, as shown (¥1,234.50, 84.6%, 12 台, 无数据)
   */
  now: string,
  previous: string,
  /**
   * [`change_text`]
   */
  change: string,
  /**
   * [`target_text`]
   */
  target: string,
  /**
   * [`mark_text`]
   */
  mark: string,
};

/**
 * A to-do count as printed: `待回访 10 位`.
 */
export type SummaryTodo = {
  label: string,
  count: number,
  unit: string,
};

/**
 * One indicator's target.
 */
export type Target = {
  no: number,
  cmp: Cmp,
  /**
   * the number of percent, e.g. 90
   */
  goal: RateString,
  /**
   * "> 90%", "≤ 5%"
   */
  text: string,
  /**
   * "高于 90%", "不高于 5%"
   */
  words: string,
};

export type TechnicianLoad = {
  technician: string,
  /**
   * distinct vehicles completed
   */
  vehicles: number,
  /**
   * orders completed
   */
  orders: number,
};

/**
 * A training as the register shows it.
 */
export type Training = {
  id: number,
  plannedOn: string,
  /**
   * None: not held yet
   */
  heldOn: string | null,
  subject: TrainingSubject,
  subjectLabel: string,
  title: string,
  trainer: string,
  /**
   * 学时, e.g. "1.5"
   */
  hours: string,
  place: string,
  note: string,
  attendees: Array<Attendee>,
  /**
   * planned, its day passed, not held
   */
  overdue: boolean,
  /**
   * 已举办 / 计划中 / 逾期未办
   */
  statusLabel: string,
};

/**
 * A training planned or held, with who attends.
 */
export type TrainingInput = {
  plannedOn: string,
  /**
   * "" = planned, not held yet
   */
  heldOn: string,
  /**
   * a [`SUBJECTS`] code or label
   */
  subject: string,
  title: string,
  trainer: string,
  /**
   * 学时, e.g. "1.5"
   */
  hours: string,
  place: string,
  note: string,
  attendees: Array<AttendeeInput>,
};

export type TrainingSubject = "product" | "technique" | "warranty" | "etiquette" | "safety";

/**
 * TrainingSubject's codes with their labels, in order.
 */
export const TrainingSubjectChoices: ReadonlyArray<{ code: TrainingSubject, label: string }> = [
  { code: "product", label: "产品知识" },
  { code: "technique", label: "维修技术" },
  { code: "warranty", label: "三包政策" },
  { code: "etiquette", label: "服务礼仪" },
  { code: "safety", label: "安全生产" },
];

/**
 * A year's totals: what the register's head line says.
 */
export type TrainingYear = {
  year: number,
  /**
   * held in the year
   */
  held: number,
  /**
   * their hours together, e.g. "12.5"
   */
  hours: string,
  /**
   * attendances (人次), own staff and outlets'
   */
  attendances: number,
  outletAttendances: number,
  /**
   * planned, their day passed, not held (any year)
   */
  overdue: number,
};

/**
 * A customer marked 无法回访: left out of the due list and of indicator
 * 14's base until cleared.
 */
export type Unreachable = {
  customerId: number,
  customerName: string,
  mobile: string,
  reason: UnreachableReason,
  reasonLabel: string,
  markedOn: string,
  note: string,
};

/**
 * What marking a customer 无法回访 takes: a reason (`""` clears the mark:
 * the customer can be reached again) and, for 其他, a note.
 */
export type UnreachableInput = {
  customerId: number,
  reason: string,
  note: string,
};

export type UnreachableReason = "no_phone" | "dead_number" | "refused" | "moved" | "other";

/**
 * UnreachableReason's codes with their labels, in order.
 */
export const UnreachableReasonChoices: ReadonlyArray<{ code: UnreachableReason, label: string }> = [
  { code: "no_phone", label: "没有电话" },
  { code: "dead_number", label: "空号或停机" },
  { code: "refused", label: "拒绝回访" },
  { code: "moved", label: "已迁离" },
  { code: "other", label: "其他" },
];

export type Vehicle = {
  id: number,
  /**
   * 车架号
   */
  vin: string,
  /**
   * 发动机号
   */
  engineNo: string,
  /**
   * 车牌号 (normalised: 豫P12345; empty when not known)
   */
  plate: string,
  /**
   * 车型
   */
  model: string,
  /**
   * 颜色
   */
  colour: string,
  customerId: number,
  customerName: string,
  customerMobile: string,
  /**
   * 本店销售: sold in the shop's network — by the shop or one of its
   * outlets (`dealer_name`) — so the shop files, follows up and inspects it
   */
  soldHere: boolean,
  /**
   * 销售网点: the outlet that sold it (None: the shop itself)
   */
  dealerId: number | null,
  dealerName: string | null,
  /**
   * 销售日期 (purchase invoice date)
   */
  saleDate: string | null,
  salePrice: MoneyString | null,
  /**
   * 档案联收回、建档日期
   */
  fileReturnedOn: string | null,
  /**
   * 建档费
   */
  filingFee: MoneyString,
  /**
   * 建档费登记日期
   */
  feeRegisteredOn: string | null,
  /**
   * 建档费返厂批次号 / 日期
   */
  feeBatchNo: string | null,
  feeReturnedOn: string | null,
  /**
   * 最近记录的里程 (km) and its date, from repairs and inspections
   */
  lastMileage: number | null,
  lastMileageOn: string | null,
};

export type VehicleBrief = {
  id: number,
  vin: string,
  model: string,
  saleDate: string | null,
  filed: boolean,
  /**
   * 车牌号 ("" when not known)
   */
  plate: string,
};

/**
 * A vehicle as typed in the form. Either `customer_id` names an existing
 * customer, or `customer` is a new one, created in the same transaction.
 */
export type VehicleInput = {
  customerId: number | null,
  customer: CustomerInput,
  vin: string,
  engineNo: string,
  /**
   * 车牌号 (optional)
   */
  plate: string,
  model: string,
  colour: string,
  soldHere: boolean,
  /**
   * 销售网点: an outlet's name on the register (empty: sold by the shop)
   */
  dealer: string,
  saleDate: string,
  salePrice: string,
  fileReturnedOn: string,
  filingFee: string,
  feeRegisteredOn: string,
};

export type Visit = {
  id: number,
  dealerId: number,
  dealerName: string,
  visitedOn: string,
  visitor: string,
  purpose: VisitPurpose,
  purposeLabel: string,
  findings: string,
  actions: Array<VisitAction>,
};

export type VisitAction = {
  id: number,
  visitId: number,
  action: string,
  dueOn: string | null,
  doneOn: string | null,
  doneNote: string,
  /**
   * open and past its due date
   */
  overdue: boolean,
};

export type VisitInput = {
  dealerId: number,
  visitedOn: string,
  visitor: string,
  /**
   * a code or its label
   */
  purpose: string,
  findings: string,
  /**
   * blank rows are left out
   */
  actions: Array<ActionInput>,
};

export type VisitPurpose = "inspection" | "support" | "training" | "collection";

/**
 * VisitPurpose's codes with their labels, in order.
 */
export const VisitPurposeChoices: ReadonlyArray<{ code: VisitPurpose, label: string }> = [
  { code: "inspection", label: "巡检" },
  { code: "support", label: "技术支持" },
  { code: "training", label: "培训" },
  { code: "collection", label: "催款" },
];

export type WarrantyIndicators = {
  month: string,
  /**
   * 8 三包配件金额
   */
  partsValue: MoneyString,
  /**
   * the month's 整车销售金额 as 9 uses it: confirmed, else the recorded
   * vehicles' prices (None: neither)
   */
  vehicleSales: MoneyString | null,
  /**
   * the manager has confirmed the month's sales figures
   */
  salesConfirmed: boolean,
  /**
   * 9 三包费用率
   */
  costRate: RateString | null,
  /**
   * 10 三包旧件返厂金额
   */
  returnedValue: MoneyString,
  /**
   * claims reported in the month, and settled in the month (amount)
   */
  claimsReported: number,
  settledValue: MoneyString,
};

/**
 * The claim of a 三包 order, as typed with it: what the claim needs beyond
 * the order's vehicle, mileage, complaint and date.
 */
export type WarrantyJobInput = {
  /**
   * link this claim (录入 or 退回修改, the same vehicle) instead of opening one
   */
  claimId: number | null,
  /**
   * empty = the vehicle's sale date
   */
  invoiceDate: string,
  faultCategory: string,
  /**
   * 主损件 part number
   */
  mainPartNo: string,
  appraiser: string,
  appraisalResult: string,
  appraisalNote: string,
  /**
   * 索赔工时
   */
  labourHours: string,
  /**
   * 索赔工时费: what the factory is asked for labour
   */
  labour: string,
  allowDuplicate: boolean,
  operator: string,
};

export type WarrantyPolicy = {
  /**
   * 生效日期: claims reported on or after it are judged by this policy
   * (None: the built-in example, before the shop saved its own)
   */
  effectiveFrom: string | null,
  /**
   * 整车三包期（月）
   */
  months: number,
  /**
   * 整车三包里程（公里）
   */
  km: number,
  /**
   * 按配件类别的三包期
   */
  categories: Array<CategoryPeriod>,
  /**
   * 易损件: a part whose name contains one of these is not covered
   */
  wearParts: Array<string>,
  /**
   * 首保: within so many months of the invoice
   */
  firstServiceMonths: number,
  /**
   * 首保: up to so many km
   */
  firstServiceKm: number,
};

/**
 * An area's figures with their marks (what its indicator screen shows).
 */
export type WithMarks<T> = {
  marks: Array<Marked>,
} & T;
