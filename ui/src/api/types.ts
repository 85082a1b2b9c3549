// Types shared with the Rust side (moto4s-core). Money, rates and decimal
// factors travel as strings so that no amount ever passes through a float.

/** An amount in yuan as a decimal string, e.g. "1234.50". */
export type MoneyString = string;
/** A percentage as a decimal string, e.g. "90" or "7.5". */
export type RateString = string;

export interface IndicatorTargets {
  /** 品种供应率, indicator 6's headline */
  firstTimeSupplyMin: RateString;
  /** 数量供应率, shown beside it */
  firstTimeSupplyQtyMin: RateString;
  slowMovingMax: RateString;
  warrantyCostMax: RateString;
  filingMin: RateString;
  followUpMin: RateString;
  inspectionMin: RateString;
}

export type InventoryBasis = "sales" | "parc";

export interface ShopSettings {
  shopName: string;
  brands: string[];
  region: string;
  address: string;
  serviceStationCode: string;
  annualVehicleSales: number;
  vehicleParc: number;
  partsConsumptionPerVehicle: MoneyString;
  inventoryBasis: InventoryBasis;
  inventoryFactor: string;
  /** 一次供应期（天）: a sub-dealer order's first-supply window */
  firstSupplyDays: number;
  targets: IndicatorTargets;
}

/** 店铺设置 as the form edits it: every value as text, parsed by the backend. */
export interface SettingsInput {
  shopName: string;
  /** brand names separated by 、 */
  brands: string;
  region: string;
  address: string;
  /** 服务站代码 */
  serviceStationCode: string;
  annualVehicleSales: string;
  vehicleParc: string;
  partsConsumptionPerVehicle: string;
  /** "sales" or "parc" */
  inventoryBasis: string;
  inventoryFactor: string;
  firstSupplyDays: string;
  firstTimeSupplyMin: string;
  firstTimeSupplyQtyMin: string;
  slowMovingMax: string;
  warrantyCostMax: string;
  filingMin: string;
  followUpMin: string;
  inspectionMin: string;
}

export interface SettingsView {
  settings: ShopSettings;
  input: SettingsInput;
  saved: boolean;
  inventoryReference: MoneyString;
  /** the six targets with the text's comparators */
  targets: Target[];
  /** the inventory factor the last 12 months suggest (average stock ÷ a year's issues) */
  suggestedInventoryFactor: string | null;
}

/** A target as the source text writes it: "> 90%", "≤ 5%" (core: targets.rs). */
export interface Target {
  no: number;
  cmp: ">" | "≥" | "≤";
  goal: string;
  /** "> 90%" */
  text: string;
  /** "高于 90%" */
  words: string;
}

export type Mark = "good" | "bad" | "none";

/** A figure's mark against its target, compared as displayed (core). */
export interface Marked {
  no: number;
  mark: Mark;
  markText: string;
  target: Target;
}

export interface AppStatus {
  state: "ready" | "firstStart" | "error";
  dataPath: string;
  error: { code: string; message: string } | null;
  shopName: string | null;
  /** 服务站代码 (printed on claims); "" when not set */
  serviceStationCode: string;
  isDemo: boolean;
  needsSettings: boolean;
  schemaVersion: number | null;
  appVersion: string;
  /** The app's clock ("2026-11-30T09:00:12"); the window's today follows it. */
  now: string;
  /** Who is working, when the shop is open (auth_status's answer, sent along). */
  auth: import("./auth").AuthStatus | null;
}

/** A part of the catalogue with its current stock (配件). */
export interface Part {
  id: number;
  partNo: string;
  name: string;
  nameInitials: string;
  fitment: string;
  unit: string;
  category: string;
  isEngineOil: boolean;
  /** 机油升数 of an engine oil ("1", "0.8"); null for other parts */
  oilLitres: string | null;
  costPrice: MoneyString;
  retailPrice: MoneyString;
  binLocation: string;
  minStock: number;
  maxStock: number;
  active: boolean;
  onHand: number;
  stockValue: MoneyString;
  averageCost: MoneyString;
  lastMovementOn: string | null;
  lastIssueOn: string | null;
}

/** A part as the form edits it: text, parsed by the backend. */
export interface PartInput {
  partNo: string;
  name: string;
  fitment: string;
  unit: string;
  category: string;
  isEngineOil: boolean;
  /** litres per unit of an engine oil; empty = 1 L */
  oilLitres: string;
  costPrice: string;
  retailPrice: string;
  binLocation: string;
  minStock: string;
  maxStock: string;
  active: boolean;
}

export type MovementKind = "receipt" | "sale" | "repair" | "warranty" | "dealer" | "gain" | "loss" | "return";

export interface Movement {
  id: number;
  partId: number;
  movedOn: string;
  kind: MovementKind;
  kindLabel: string;
  qty: number;
  delta: number;
  value: MoneyString;
  cash: MoneyString;
  balanceQty: number;
  balanceValue: MoneyString;
  operator: string;
  note: string;
  reversesId: number | null;
  reversedBy: number | null;
}

/** A receipt or issue as typed or scanned. */
export interface MovementInput {
  partNo: string;
  kind: MovementKind | "";
  qty: string;
  date: string;
  unitCost: string;
  cash: string;
  operator: string;
  note: string;
}

export interface StockQuery {
  q: string;
  category: string;
  belowMin: boolean;
  zeroStock: boolean;
  slowMoving: boolean;
  /** YYYY-MM: the month whose 滞销 parts are listed; "" = this month */
  slowMonth: string;
  engineOil: boolean;
  /** YYYY-MM: the stock at that month's end (indicator 1's records); "" = now */
  asOfMonth: string;
  includeInactive: boolean;
  sort: string;
  descending: boolean;
  page: number;
  pageSize: number;
}

export interface StockPage {
  rows: Part[];
  totalRows: number;
  totalQty: number;
  totalValue: MoneyString;
}

export interface PartCard {
  part: Part;
  movements: Movement[];
}

export interface PreviewRow {
  row: number;
  partNo: string;
  name: string;
  action: "新增" | "更新";
}

export interface CatalogPreview {
  file: string;
  rows: PreviewRow[];
  problems: import("./core").Problem[];
  newCount: number;
  updateCount: number;
}

export interface OrderLine {
  id: number;
  partId: number;
  partNo: string;
  partName: string;
  unit: string;
  qtyOrdered: number;
  qtyFirst: number;
  qtyShipped: number;
  onHand: number;
  /** the part's 限价, the default price charged */
  retailPrice: MoneyString;
  /** Σ charged for this line on its deliveries (货款) */
  charged: MoneyString;
}

export interface Order {
  id: number;
  orderNo: string;
  dealer: string;
  orderedOn: string;
  firstDeliveryOn: string | null;
  /** the last day of the first-supply window (一次供应期截止) */
  supplyDueOn: string;
  note: string;
  status: "未发货" | "部分发货" | "已发齐" | "已撤销" | "已结案";
  closeKind: "cancelled" | "short" | null;
  closedOn: string | null;
  closeReason: string;
  lines: OrderLine[];
  /** Σ charged on its deliveries (货款) */
  charged: MoneyString;
  /** the window is over, all shipped, or the order closed: the rates no longer move */
  ratesFinal: boolean;
  /** 数量供应率 within the window (null for a cancelled order) */
  qtyRate: RateString | null;
  /** 品种供应率 within the window */
  lineRate: RateString | null;
}

/** 撤销 (cancelled) or 结案 (closed short) of an order, with the reason. */
export interface CloseOrderInput {
  orderId: number;
  kind: "cancelled" | "short";
  reason: string;
}

export interface OrderInput {
  dealer: string;
  orderedOn: string;
  note: string;
  lines: { partNo: string; qty: string }[];
}

export interface DeliveryInput {
  orderId: number;
  date: string;
  operator: string;
  /** unitPrice empty = the part's 限价 */
  lines: { lineId: number; qty: string; unitPrice: string }[];
  /** 本次收款: empty = the whole amount (现结), "0" = all on credit (挂账) */
  paid: string;
  /** 收款方式 (empty = 现金) */
  method: string;
}

/** 点检周期 for the vehicles sold from fromDate ("0001-01-01": before any change). */
export interface InspectionSchedule {
  fromDate: string;
  firstMonths: number;
  intervalMonths: number;
  spanMonths: number;
}

/** A 收款 from an outlet, as typed. */
export interface PaymentInput {
  dealer: string;
  paidOn: string;
  amount: string;
  method: string;
  operator: string;
  note: string;
}

/** One payment (negative for a reversal, 冲销). */
export interface Payment {
  id: number;
  dealer: string;
  paidOn: string;
  amount: MoneyString;
  method: string;
  withDelivery: string | null;
  reversesId: number | null;
  reversedBy: number | null;
  operator: string;
  note: string;
}

/** An outlet's account: charged, received, owed, and the debt's ages. */
export interface DealerBalance {
  dealerId: number;
  dealer: string;
  charged: MoneyString;
  received: MoneyString;
  balance: MoneyString;
  /** 30天内, 31–60天, 61–90天, 90天以上 */
  aged: [MoneyString, MoneyString, MoneyString, MoneyString];
  oldestUnpaidOn: string | null;
  oldestDays: number | null;
  lastPaidOn: string | null;
}

/** A line of an outlet's statement (对账单), oldest first. */
export interface StatementLine {
  on: string;
  kind: "发货" | "收款" | "收款冲销";
  reference: string;
  charged: MoneyString;
  received: MoneyString;
  balance: MoneyString;
  paymentId: number | null;
  reversible: boolean;
}

export interface PartsIndicators {
  /** the marks of its figures that have a target (core: targets.rs) */
  marks: Marked[];
  month: string;
  inventoryValue: MoneyString;
  inboundValue: MoneyString;
  outboundValue: MoneyString;
  stocktakeGainValue: MoneyString;
  stocktakeLossValue: MoneyString;
  partsSales: MoneyString;
  turnover: RateString | null;
  firstSupplyQtyRate: RateString | null;
  firstSupplyLineRate: RateString | null;
  firstSupplyOrders: number;
  /** 数量供应率's mark against its own target */
  qtySupplyMark: Marked;
  slowMovingRate: RateString | null;
  slowMovingKinds: number;
  stockedKinds: number;
  /** 21, in litres (decimal string) */
  engineOilLitres: string;
  engineOilSales: MoneyString;
}

export interface Suggestion {
  partId: number;
  partNo: string;
  name: string;
  fitment: string;
  unit: string;
  onHand: number;
  minStock: number;
  maxStock: number;
  monthlyIssues: string;
  suggestedQty: number;
  costPrice: MoneyString;
  amount: MoneyString;
  reason: string;
}

export interface StocktakeLine {
  partId: number;
  partNo: string;
  name: string;
  unit: string;
  binLocation: string;
  bookQty: number;
  countedQty: number | null;
  difference: number | null;
  averageCost: MoneyString;
}

export interface Stocktake {
  id: number;
  sheetNo: string;
  createdOn: string;
  category: string;
  status: "counting" | "posted";
  postedOn: string | null;
  /** empty in stocktakeList's summaries */
  lines: StocktakeLine[];
  lineCount: number;
  counted: number;
  gainQty: number;
  lossQty: number;
}

// ---- 客户与维修 ----

export interface Customer {
  id: number;
  name: string;
  mobile: string;
  address: string;
  note: string;
}

export interface CustomerInput {
  name: string;
  mobile: string;
  address: string;
  note: string;
}

export interface VehicleBrief {
  id: number;
  vin: string;
  /** 车牌号 ("" when not known) */
  plate: string;
  model: string;
  saleDate: string | null;
  filed: boolean;
}

export interface CustomerHit {
  customer: Customer;
  vehicles: VehicleBrief[];
}

export interface CustomerPage {
  rows: CustomerHit[];
  total: number;
}

/** 车辆 with its file (建档). */
export interface Vehicle {
  id: number;
  vin: string;
  engineNo: string;
  /** 车牌号 */
  plate: string;
  model: string;
  colour: string;
  customerId: number;
  customerName: string;
  customerMobile: string;
  soldHere: boolean;
  /** 销售网点 (null: the shop) */
  dealerId: number | null;
  dealerName: string | null;
  saleDate: string | null;
  salePrice: MoneyString | null;
  fileReturnedOn: string | null;
  filingFee: MoneyString;
  feeRegisteredOn: string | null;
  feeBatchNo: string | null;
  feeReturnedOn: string | null;
  lastMileage: number | null;
  lastMileageOn: string | null;
}

export interface VehicleInput {
  customerId: number | null;
  customer: CustomerInput;
  vin: string;
  engineNo: string;
  /** 车牌号 */
  plate: string;
  model: string;
  colour: string;
  soldHere: boolean;
  /** 销售网点: an outlet's name (empty: sold by the shop) */
  dealer: string;
  saleDate: string;
  salePrice: string;
  fileReturnedOn: string;
  filingFee: string;
  feeRegisteredOn: string;
}

export type RepairKind = "maintenance" | "first_service" | "repair" | "warranty" | "onsite";

export interface RepairPart {
  id: number;
  partId: number;
  partNo: string;
  name: string;
  unit: string;
  qty: number;
  price: MoneyString;
  amount: MoneyString;
  movementId: number;
  /** fitted under warranty (三包更换): the factory pays through the claim */
  covered: boolean;
}

/** 维修单 */
export interface RepairOrder {
  id: number;
  orderNo: string;
  vehicleId: number;
  vin: string;
  /** 车牌号 ("" when not known) */
  plate: string;
  model: string;
  customerId: number;
  customerName: string;
  customerMobile: string;
  kind: RepairKind;
  kindLabel: string;
  receivedAt: string;
  promisedAt: string;
  technician: string;
  mileage: number | null;
  place: string;
  complaint: string;
  workDone: string;
  labour: MoneyString;
  parts: RepairPart[];
  partsAmount: MoneyString;
  total: MoneyString;
  received: MoneyString;
  status: "open" | "done" | "delivered";
  statusLabel: string;
  doneAt: string | null;
  deliveredAt: string | null;
  overdue: boolean;
  /** the claim of a 三包 order (the job) */
  claimId: number | null;
  claimNo: string | null;
  claimStatusLabel: string | null;
}

/** the claim of a 三包 order, typed with it */
export interface WarrantyJobInput {
  /** link this claim (录入/退回修改, same vehicle) instead of opening one */
  claimId: number | null;
  invoiceDate: string;
  faultCategory: string;
  mainPartNo: string;
  appraiser: string;
  appraisalResult: string;
  appraisalNote: string;
  labourHours: string;
  /** 索赔工时费 */
  labour: string;
  allowDuplicate: boolean;
  operator: string;
}

export interface RepairInput {
  vehicleId: number | null;
  kind: string;
  receivedAt: string;
  promisedAt: string;
  technician: string;
  mileage: string;
  place: string;
  complaint: string;
  workDone: string;
  labour: string;
  claim: WarrantyJobInput | null;
}

export interface FollowUp {
  id: number;
  customerId: number;
  customerName: string;
  mobile: string;
  vehicleId: number | null;
  repairOrderId: number | null;
  reason: string;
  reasonLabel: string;
  dueOn: string | null;
  calledOn: string;
  effective: boolean;
  satisfaction: number | null;
  complaint: string;
  complaintLabel: string;
  note: string;
  operator: string;
}

/** A customer marked 无法回访 (left out of indicator 14's base and the due list). */
export interface Unreachable {
  customerId: number;
  customerName: string;
  mobile: string;
  reason: "no_phone" | "dead_number" | "refused" | "moved" | "other";
  reasonLabel: string;
  markedOn: string;
  note: string;
}

export interface UnreachableInput {
  customerId: number;
  /** "" clears the mark */
  reason: string;
  note: string;
}

export interface DueFollowUp {
  /** 销售网点 (null: the shop) */
  dealerName: string | null;
  reason: "sale" | "repair";
  reasonLabel: string;
  dueOn: string;
  daysAfter: number;
  eventOn: string;
  customerId: number;
  customerName: string;
  mobile: string;
  vehicleId: number;
  vin: string;
  model: string;
  repairOrderId: number | null;
  orderNo: string | null;
  attempts: number;
  overdueDays: number;
}

export interface FollowUpInput {
  customerId: number | null;
  vehicleId: number | null;
  repairOrderId: number | null;
  reason: string;
  dueOn: string;
  calledOn: string;
  effective: boolean;
  satisfaction: string;
  complaint: string;
  note: string;
  operator: string;
}

export interface Inspection {
  id: number;
  vehicleId: number;
  vin: string;
  customerName: string;
  dueOn: string | null;
  inspectedOn: string;
  mileage: number | null;
  technician: string;
  findings: string;
}

export interface DueInspection {
  /** 销售网点 (null: the shop) */
  dealerName: string | null;
  vehicleId: number;
  vin: string;
  model: string;
  customerId: number;
  customerName: string;
  mobile: string;
  saleDate: string;
  seq: number;
  dueOn: string;
  inspectedOn: string | null;
}

export interface CustomerDetail {
  customer: Customer;
  vehicles: Vehicle[];
  repairs: RepairOrder[];
  followUps: FollowUp[];
  inspections: Inspection[];
}

export interface FeeBatch {
  id: number;
  batchNo: string;
  returnedOn: string;
  note: string;
  count: number;
  total: MoneyString;
  vehicles: Vehicle[];
}

export interface SalesMonth {
  month: string;
  units: number | null;
  amount: MoneyString | null;
  recordedUnits: number;
  recordedAmount: MoneyString;
  recordedWithoutPrice: number;
  /** the units the rates use: entered, else recorded (null: neither) */
  unitsUsed: number | null;
  /** the amount the rates use: entered, else the recorded prices' sum when every vehicle has one */
  amountUsed: MoneyString | null;
}

export interface ServiceRules {
  followUpSaleDays: number[];
  followUpRepairDays: number[];
  inspectionFirstMonths: number;
  inspectionIntervalMonths: number;
  inspectionSpanMonths: number;
  waitMaintenanceMinutes: number;
  waitRepairMinutes: number;
  waitWarrantyMinutes: number;
  waitOnsiteMinutes: number;
}

export type ServiceRulesInput = Record<keyof ServiceRules, string>;

export interface CustomerImport {
  file: string;
  rows: number;
  newCustomers: number;
  newVehicles: number;
  unchanged: number;
  problems: { sheet?: string; row?: number; message: string }[];
}

export interface TechnicianLoad {
  technician: string;
  vehicles: number;
  orders: number;
}

export interface CustomerIndicators {
  /** beside 12: vehicles sold here in the month, filed so far, the share */
  cohortSold: number;
  cohortFiled: number;
  cohortRate: RateString | null;
  /** filed in the month, marked 无法回访, not followed: out of 14's base */
  filedUnreachable: number;
  /** the marks of its figures that have a target (core: targets.rs) */
  marks: Marked[];
  month: string;
  files: number;
  vehiclesSold: number | null;
  salesConfirmed: boolean;
  filingRate: RateString | null;
  followUps: number;
  filedCustomers: number;
  filedFollowed: number;
  followUpRate: RateString | null;
  feesRegistered: MoneyString;
  feesReturned: MoneyString;
  vehiclesRepaired: number;
  byTechnician: TechnicianLoad[];
  onsiteRepairs: number;
  repairRevenue: MoneyString;
  /** beside 19: what the factory paid for 三包 work (by settlement month), not part of 19 */
  factoryPaid: MoneyString;
  factoryPaidClaims: number;
  inspectionsDue: number;
  inspectionsDone: number;
  inspectionRate: RateString | null;
  /** 本月至今: the day the figures run to, when the month is not over */
  as_of: string | null;
}

// ---- 三包 ----

export interface ClaimLine {
  id: number;
  partId: number;
  partNo: string;
  name: string;
  unit: string;
  qty: number;
  value: MoneyString | null;
  estimate: MoneyString;
  movementId: number | null;
  oldPartState: string;
  oldBatchNo: string | null;
}

export interface ClaimEvent {
  at: string;
  who: string;
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  note: string;
}

export type ClaimStatus = "draft" | "submitted" | "approved" | "rejected" | "returned" | "settled";

/** 索赔单 */
export interface Claim {
  id: number;
  claimNo: string;
  vehicleId: number;
  vin: string;
  /** 发动机号 */
  engineNo: string;
  /** 车牌号 */
  plate: string;
  model: string;
  customerId: number;
  customerName: string;
  customerMobile: string;
  invoiceDate: string;
  mileage: number;
  reportedOn: string;
  fault: string;
  faultCategory: string;
  /** none on a 首保 claim */
  mainPartId: number | null;
  mainPartNo: string;
  mainPartName: string;
  appraiser: string;
  appraisalResult: string;
  appraisalNote: string;
  labourHours: string;
  labour: MoneyString;
  lines: ClaimLine[];
  partsValue: MoneyString;
  partsEstimated: boolean;
  total: MoneyString;
  status: ClaimStatus;
  statusLabel: string;
  repairedOn: string | null;
  submittedOn: string | null;
  decidedOn: string | null;
  decisionNote: string;
  settled: MoneyString | null;
  settledOn: string | null;
  coverageIssues: string[];
  overrideReason: string;
  events: ClaimEvent[];
  /** the 三包 repair order this claim belongs to */
  repairOrderId: number | null;
  repairOrderNo: string | null;
  technician: string;
  settledParts: MoneyString | null;
  settledLabour: MoneyString | null;
  /** warranty 三包 / first_service 首保 */
  claimType: "warranty" | "first_service";
  claimTypeLabel: string;
  /** 处理结果: repair 修复 / exchange 包换 / refund 包退 */
  outcome: "repair" | "exchange" | "refund";
  outcomeLabel: string;
  outcomeOn: string | null;
  outcomeItem: string;
  outcomeNote: string;
  refund: MoneyString | null;
  /** 报修网点 (null: the shop's own job) */
  dealerId: number | null;
  dealerName: string | null;
}

export interface ClaimInput {
  vehicleId: number | null;
  invoiceDate: string;
  mileage: string;
  reportedOn: string;
  fault: string;
  faultCategory: string;
  mainPartNo: string;
  appraiser: string;
  appraisalResult: string;
  appraisalNote: string;
  labourHours: string;
  labour: string;
  technician: string;
  lines: { partNo: string; qty: string }[];
  /** empty: 三包 (a 首保 claim is opened by its 首保 order) */
  claimType?: string;
  allowDuplicate: boolean;
  operator: string;
  /** 报修网点: an outlet's name on the register (empty: the shop's own job) */
  dealer: string;
}

export interface ClaimRow {
  id: number;
  claimNo: string;
  vin: string;
  customerName: string;
  mainPartName: string;
  reportedOn: string;
  status: ClaimStatus;
  statusLabel: string;
  total: MoneyString;
  settled: MoneyString | null;
  submittedOn: string | null;
  unpaidDays: number | null;
  dealerName: string | null;
}

export interface OldPart {
  lineId: number;
  claimId: number;
  claimNo: string;
  claimStatus: string;
  vin: string;
  customerName: string;
  partNo: string;
  name: string;
  unit: string;
  qty: number;
  value: MoneyString;
  replacedOn: string;
  ageDays: number;
  batchNo: string | null;
}

export interface OldPartBatch {
  id: number;
  batchNo: string;
  shippedOn: string;
  receivedOn: string | null;
  note: string;
  count: number;
  value: MoneyString;
  parts: OldPart[];
}

export interface WarrantyPolicy {
  /** 生效日期 (null: the built-in example, not yet the shop's own) */
  effectiveFrom: string | null;
  months: number;
  km: number;
  categories: { category: string; months: number; km: number }[];
  wearParts: string[];
  /** 首保: within so many months of the invoice, up to so many km */
  firstServiceMonths: number;
  firstServiceKm: number;
}

export interface WarrantyIndicators {
  /** the marks of its figures that have a target (core: targets.rs) */
  marks: Marked[];
  month: string;
  partsValue: MoneyString;
  vehicleSales: MoneyString | null;
  salesConfirmed: boolean;
  costRate: RateString | null;
  returnedValue: MoneyString;
  claimsReported: number;
  settledValue: MoneyString;
}

// ---- 工作台 ----

export interface DashboardIndicator {
  no: number;
  name: string;
  group: string;
  kind: "money" | "count" | "rate";
  /** a count's unit (份, 位, 台, 次, 件) */
  unit: string;
  value: string | null;
  previous: string | null;
  change: string | null;
  /** the target with the text's comparator (core: targets.rs) */
  target: Target | null;
  mark: Mark;
  missing: string | null;
  /** how to read a value on an unconfirmed input (9, 12 on the recorded sales) */
  note: string | null;
  /** beside the figure, as of today: 12's cohort, 14's 无法回访 */
  aside: string | null;
  factory: boolean;
  definition: string;
  link: string;
}

export interface DashboardTodo {
  followUpsDue: number;
  inspectionsOpen: number;
  repairsOverdue: number;
  repairsInShop: number;
  claimsWaiting: number;
  claimsDraft: number;
  oldPartsWaiting: number;
  partsBelowMin: number;
  networkActionsOpen: number;
  networkActionsOverdue: number;
}

export interface Dashboard {
  month: string;
  /** 已月结: the figures are the month's closing record */
  closed: boolean;
  closedAt: string | null;
  closedBy: string | null;
  /** an open current month: 本月至今, as of this day (YYYY-MM-DD) */
  as_of: string | null;
  /** the month is over and not yet closed: it waits to be closed and reported */
  waitingClose: boolean;
  shopName: string;
  indicators: DashboardIndicator[];
  inventoryReference: MoneyString;
}

// ---- 人员与现场 ----

export interface Staff {
  id: number;
  name: string;
  phone: string;
  hiredOn: string | null;
  active: boolean;
  note: string;
  posts: string[];
  duties: string[];
  vehiclesRepaired: number;
  claimsAppraised: number;
  /** the sign-in role, null = no account */
  role: "manager" | "clerk" | "parts" | null;
}

export interface StaffInput {
  name: string;
  phone: string;
  hiredOn: string;
  active: boolean;
  note: string;
  posts: string[];
  /** the sign-in account: null = leave as is, "" = none, or a role */
  accountRole?: string | null;
  /** a new password (empty = keep the old one) */
  password?: string;
}

export interface Band {
  label: string;
  from: number | null;
  to: number | null;
  headcountMin: number;
  headcountMax: number;
  posts: string[][];
}

export interface BandView {
  band: Band;
  slots: string[];
  gaps: string[];
  /** why the text's combination leaves those duties out */
  gapNote: string | null;
}

export interface HeadcountCheck {
  state: "within" | "short" | "over";
  text: string;
}

/** The last 12 whole months' vehicle sales, offered for the band. */
export interface RecentSales {
  period: string;
  units: number;
  monthsWithout: number;
}

export interface DutyCoverage {
  code: string;
  name: string;
  holders: string[];
  state: "covered" | "thin" | "uncovered";
  recommended: boolean;
}

export interface StaffingPlan {
  annualSales: number;
  smallAgent: boolean;
  rule: string;
  current: BandView;
  next: BandView | null;
  headcount: number;
  headcountCheck: HeadcountCheck;
  recentSales: RecentSales | null;
  duties: DutyCoverage[];
  unfilled: string[];
  extra: string[];
  nextUnfilled: string[];
}

export interface PositionDescription {
  postCode: string;
  title: string;
  staffNames: string[];
  superior: string;
  subordinates: string;
  duties: string;
  targets: string;
  appraisal: string;
  authority: string;
  requirements: string;
  edited: boolean;
}

/** 5S checklist item (检查项目). area: reception | workshop | store; s: 整理 整顿 清扫 清洁 素养 */
export interface ChecklistItem {
  id: number;
  area: string;
  s: string;
  text: string;
  maxScore: number;
  active: boolean;
}

export interface ChecklistItemInput {
  area: string;
  s: string;
  text: string;
  maxScore: number;
  active: boolean;
}

/** A score out of a maximum; percent is a decimal string ("95.3") or null. */
export interface Subtotal {
  key: string;
  label: string;
  score: number;
  maxScore: number;
  percent: string | null;
}

export interface FiveSFinding {
  id: number;
  inspectionId: number;
  month: string;
  area: string;
  text: string;
  responsible: string;
  dueOn: string;
  closedOn: string | null;
  overdue: boolean;
}

export interface FiveSScoreLine {
  itemId: number;
  area: string;
  s: string;
  text: string;
  maxScore: number;
  score: number;
}

export interface FiveSInspection {
  id: number;
  month: string;
  inspectedOn: string;
  inspector: string;
  note: string;
  total: Subtotal;
  byArea: Subtotal[];
  byS: Subtotal[];
  scores: FiveSScoreLine[];
  findings: FiveSFinding[];
}

export interface FiveSInspectionSummary {
  id: number;
  month: string;
  inspectedOn: string;
  inspector: string;
  total: Subtotal;
  byArea: Subtotal[];
  openFindings: number;
}

export interface FiveSTrendPoint {
  month: string;
  total: string | null;
  byArea: (string | null)[];
}

export interface FiveSOverview {
  inspections: FiveSInspectionSummary[];
  trend: FiveSTrendPoint[];
  openFindings: FiveSFinding[];
}

export interface FiveSFindingInput {
  area: string;
  text: string;
  responsible: string;
  dueOn: string;
}

export interface FiveSInspectionInput {
  inspectedOn: string;
  inspector: string;
  note: string;
  scores: { itemId: number; score: number | null }[];
  findings: FiveSFindingInput[];
}

/** 12-month trend: each indicator's values, oldest month first (null = 无数据). */
export interface DashboardTrend {
  months: string[];
  series: { no: number; values: (string | null)[] }[];
}

/** One day of the month's parts flows (book value). */
export interface DayFlow {
  day: string;
  inbound: string;
  outbound: string;
  stock: string;
}

export interface DashboardMonth {
  dashboard: Dashboard;
  trend: DashboardTrend;
  flows: DayFlow[];
  /** when the month was reported to the factory */
  reportedOn: string | null;
  /** no good backup in the last two days */
  backupStale: boolean;
  lastBackupAt: string | null;
}

/** One backup file (备份). kind: daily | monthly | manual | before-restore */
export interface BackupFile {
  path: string;
  name: string;
  kind: string;
  kindLabel: string;
  takenAt: string;
  bytes: number;
}

/** 全面检查的结果. */
export interface CheckReport {
  ok: boolean;
  /** what is wrong, one line each */
  problems: string[];
  lastGoodBackup: BackupFile | null;
}

export interface BackupStatus {
  dataPath: string;
  backupDir: string;
  mirrorDir: string | null;
  mirrorPresent: boolean;
  last: BackupFile | null;
  stale: boolean;
  files: BackupFile[];
}

export interface FactoryFigure {
  no: number;
  name: string;
  value: string | null;
  display: string;
  target: string;
  mark: "good" | "bad" | "none";
  markText: string;
  missing: string | null;
  reported: string | null;
  reportedDisplay: string | null;
  differs: boolean;
}

/** 工厂关注指标: the seven, with the snapshot when the month was reported. */
export interface FactoryReport {
  month: string;
  /** 已月结; otherwise the report is a draft and cannot be marked as sent */
  closed: boolean;
  /** with （草稿，未月结） while the month is open */
  monthLabel: string;
  shopName: string;
  figures: FactoryFigure[];
  sentOn: string | null;
  differences: number;
}

/** What a data-exchange import wrote: [sheet, records written] in import order. */
export interface ImportSummary {
  sheets: [string, number][];
}

/** 导入数据交换工作簿的结果, with the backup taken just before it. */
export interface ExchangeImported {
  summary: ImportSummary;
  backup: BackupFile;
}

// ---- 月结 ----

/** One line of a month's closing checklist. */
export interface CheckLine {
  key: string;
  text: string;
  /** what the line says when there is nothing to do */
  okText: string;
  count: number;
  /** must be resolved first; otherwise a warning accepted with a reason */
  blocking: boolean;
  /** the screen with the records behind it */
  link: string;
}

/** A month's closing record (月结). */
export interface Closing {
  id: number;
  month: string;
  closedAt: string;
  closedBy: string;
  /** [indicator number, value or null = 无数据] */
  values: [number, string | null][];
  checklist: CheckLine[];
  acceptedReason: string;
  reopenedAt: string | null;
  reopenedBy: string | null;
  reopenReason: string | null;
}

export interface Checklist {
  month: string;
  closed: boolean;
  closing: Closing | null;
  /** why the month cannot be closed (not over yet) */
  notClosable: string | null;
  lines: CheckLine[];
}

export interface MonthClosing {
  checklist: Checklist;
  /** every closing of the month, oldest first */
  history: Closing[];
  /** [indicator, earlier closing's value, later closing's value] */
  differences: [number, string | null, string | null][];
}

// ---- 服务网络 ----

export type OutletKind = "dealer" | "retailer" | "station";
export type OutletStatus = "active" | "suspended" | "revoked";

/** An outlet's card (网点). */
export interface Outlet {
  id: number;
  name: string;
  nameInitials: string;
  kind: OutletKind;
  kindLabel: string;
  township: string;
  address: string;
  contact: string;
  phone: string;
  brands: string;
  authorisedOn: string | null;
  status: OutletStatus;
  statusLabel: string;
  statusOn: string | null;
  technicians: number;
  equipmentLevel: string;
  note: string;
  vehicles: number;
  openActions: number;
  owed: MoneyString;
}

export interface OutletInput {
  name: string;
  kind: string;
  township: string;
  address: string;
  contact: string;
  phone: string;
  brands: string;
  authorisedOn: string;
  status: string;
  statusOn: string;
  technicians: string;
  equipmentLevel: string;
  note: string;
}

export interface OutletImport {
  rows: number;
  created: number;
  updated: number;
}

/** One outlet's month (or the network's total, dealerId 0). */
export interface OutletMonth {
  dealerId: number;
  name: string;
  kindLabel: string;
  statusLabel: string;
  township: string;
  sold: number;
  filed: number;
  filingRate: RateString | null;
  soldFiled: number;
  feesRegistered: MoneyString;
  feesReturned: MoneyString;
  orders: number;
  supplyOrders: number;
  supplyQtyRate: RateString | null;
  supplyLineRate: RateString | null;
  owed: MoneyString;
  claims: number;
  claimCost: MoneyString;
  complaints: number;
}

export interface NetworkMonth {
  month: string;
  as_of: string | null;
  outlets: OutletMonth[];
  total: OutletMonth;
}

export interface VisitAction {
  id: number;
  visitId: number;
  action: string;
  dueOn: string | null;
  doneOn: string | null;
  doneNote: string;
  overdue: boolean;
}

export type VisitPurpose = "inspection" | "support" | "training" | "collection";

export interface Visit {
  id: number;
  dealerId: number;
  dealerName: string;
  visitedOn: string;
  visitor: string;
  purpose: VisitPurpose;
  purposeLabel: string;
  findings: string;
  actions: VisitAction[];
}

export interface VisitInput {
  dealerId: number;
  visitedOn: string;
  visitor: string;
  purpose: string;
  findings: string;
  actions: { action: string; dueOn: string }[];
}

export interface OpenAction {
  id: number;
  dealerId: number;
  dealerName: string;
  visitedOn: string;
  action: string;
  dueOn: string | null;
  overdue: boolean;
}

export interface OutletCard {
  outlet: Outlet;
  month: OutletMonth;
  visits: Visit[];
  claims: ClaimRow[];
}
