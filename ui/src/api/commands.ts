// 窗口的命令 — one call per command of the window, generated from the
// commands' declarations (#[command] in src-tauri/src/commands) by
// src-tauri/src/contract.rs. Do not edit: change the command, then run
// MOTO4S_WRITE_CONTRACT=1 cargo test -p moto4s --bin moto4s contract
import { call } from "./core";
import type {
  ActionDoneInput,
  AppStatus,
  Appraisal,
  AppraisalInput,
  AppraisalItem,
  AppraisalItemInput,
  AppraisalMonth,
  AppraisalRow,
  Attachment,
  AuditEntry,
  AuditQuery,
  AuthStatus,
  BackupFile,
  BackupStatus,
  CampaignProgress,
  CatalogImported,
  CatalogPreview,
  CertificateDue,
  CheckInput,
  CheckReport,
  ChecklistItem,
  ChecklistItemInput,
  Claim,
  ClaimInput,
  ClaimQuery,
  ClaimRow,
  CloseOrderInput,
  Complaint,
  ComplaintCloseInput,
  ComplaintInput,
  ComplaintMonth,
  ComplaintQuery,
  ComplaintStepInput,
  CompleteInput,
  CountInput,
  Customer,
  CustomerDetail,
  CustomerImport,
  CustomerIndicators,
  CustomerInput,
  CustomerPage,
  DashboardMonth,
  DashboardTodo,
  DealerBalance,
  DeliverInput,
  DeliveryInput,
  DueFollowUp,
  DueInspection,
  Equipment,
  EquipmentInput,
  EquipmentLoan,
  EquipmentRegister,
  EtiquetteCheck,
  ExchangeImported,
  FactoryDocument,
  FactoryDocumentDetail,
  FactoryDocumentInput,
  FactoryDocumentList,
  FactoryReport,
  FeeBatch,
  FeeBatchInput,
  FileInput,
  FirstStartChoice,
  FiveSFinding,
  FiveSInspection,
  FiveSInspectionInput,
  FiveSOverview,
  FollowUp,
  FollowUpInput,
  Inspection,
  InspectionInput,
  InspectionSchedule,
  KeepFromDemo,
  LoanInput,
  LostInput,
  LostPage,
  LostYear,
  MonthClosing,
  MonthlySummary,
  Movement,
  MovementInput,
  NetworkMonth,
  OldPart,
  OldPartBatch,
  OldPartBatchInput,
  OpenAction,
  OpenCampaign,
  Order,
  OrderInput,
  OrderStep,
  OutcomeInput,
  Outlet,
  OutletCard,
  OutletImport,
  OutletInput,
  Part,
  PartCard,
  PartInput,
  PartsFigures,
  Payment,
  PaymentInput,
  PersonEtiquette,
  PersonTraining,
  PolicyInput,
  PositionDescription,
  PositionDescriptionInput,
  QualityReport,
  RepairInput,
  RepairOrder,
  RepairPartInput,
  RepairQuery,
  SalesInput,
  SalesMonth,
  SatisfactionMonth,
  ServiceItem,
  ServiceItemInput,
  ServiceMonth,
  ServiceRules,
  ServiceRulesInput,
  ServiceStandard,
  SettingsInput,
  SettingsView,
  Staff,
  StaffInput,
  StaffingPlan,
  StandardInput,
  StatementLine,
  StepInput,
  StockPage,
  StockQuery,
  Stocktake,
  Suggestion,
  Training,
  TrainingInput,
  TrainingYear,
  Unreachable,
  UnreachableInput,
  Vehicle,
  VehicleInput,
  Visit,
  VisitInput,
  WarrantyIndicators,
  WarrantyPolicy,
  WithMarks,
} from "./contract";

/**
 * The window's first screen has painted (the dashboard with its figures,
 * or the sign-in, first-start or error page): the start-up work that would
 * have slowed it begins now ([`crate::state::after_first_paint`]). With
 * `MOTO4S_PAINT_PROBE` set the first call also prints `painted <screen>`
 * on stdout, the signal `scripts/startup-bench.sh` times, with `nav=`: the
 * milliseconds from the process's start to the page's navigation
 * (`origin`, the page's `performance.timeOrigin`).
 */
export const appPainted = (screen: string, origin: number): Promise<void> =>
  call<void>("app_painted", { screen, origin });

/**
 * What the window shows first: the first-start page, the start-up error
 * page, the sign-in screen or the shop, with who is working.
 */
export const appStatus = (): Promise<AppStatus> =>
  call<AppStatus>("app_status");

/**
 * Deletes a draft.
 */
export const appraisalDelete = (id: number): Promise<void> =>
  call<void>("appraisal_delete", { id });

/**
 * 定稿.
 */
export const appraisalFinalise = (id: number): Promise<Appraisal> =>
  call<Appraisal>("appraisal_finalise", { id });

/**
 * One sheet: the manager's, or the person's own.
 */
export const appraisalGet = (id: number): Promise<Appraisal> =>
  call<Appraisal>("appraisal_get", { id });

/**
 * A person's last 12 months: the manager's, or the person's own.
 */
export const appraisalHistory = (staffId: number): Promise<Array<AppraisalRow>> =>
  call<Array<AppraisalRow>>("appraisal_history", { staffId });

/**
 * Adds (`id` None) or changes an appraisal item.
 */
export const appraisalItemSave = (id: number | null, input: AppraisalItemInput): Promise<AppraisalItem> =>
  call<AppraisalItem>("appraisal_item_save", { id, input });

/**
 * 考核项目: each duty's appraisal items; `all` also the retired ones.
 */
export const appraisalItems = (all: boolean): Promise<Array<AppraisalItem>> =>
  call<Array<AppraisalItem>>("appraisal_items", { all });

/**
 * Makes a person's sheet for a closed month.
 */
export const appraisalMake = (staffId: number, month: string): Promise<Appraisal> =>
  call<Appraisal>("appraisal_make", { staffId, month });

/**
 * The manager's scores, 奖惩 and remarks on a draft.
 */
export const appraisalUpdate = (id: number, input: AppraisalInput): Promise<Appraisal> =>
  call<Appraisal>("appraisal_update", { id, input });

/**
 * The signed-in person's own sheets (我的考核).
 */
export const appraisalsMine = (): Promise<Array<AppraisalRow>> =>
  call<Array<AppraisalRow>>("appraisals_mine");

/**
 * The month's sheets (the last closed month when none is given).
 */
export const appraisalsMonth = (month: string | null): Promise<AppraisalMonth> =>
  call<AppraisalMonth>("appraisals_month", { month });

/**
 * Keeps the file at `path` (picked by the user) in the data file.
 */
export const attachmentAdd = (ownerKind: string, ownerId: number, path: string): Promise<Attachment> =>
  call<Attachment>("attachment_add", { ownerKind, ownerId, path });

/**
 * A picture as a data: URL, to show in the window.
 */
export const attachmentImage = (id: number): Promise<string> =>
  call<string>("attachment_image", { id });

/**
 * Deletes a kept file.
 */
export const attachmentRemove = (id: number): Promise<void> =>
  call<void>("attachment_remove", { id });

/**
 * Saves a copy where the user chose (另存为).
 */
export const attachmentSaveAs = (id: number, path: string): Promise<void> =>
  call<void>("attachment_save_as", { id, path });

/**
 * An owner's attached files.
 */
export const attachmentsList = (ownerKind: string, ownerId: number): Promise<Array<Attachment>> =>
  call<Array<Attachment>>("attachments_list", { ownerKind, ownerId });

export const auditExport = (query: AuditQuery, path: string): Promise<number> =>
  call<number>("audit_export", { query, path });

export const auditQuery = (query: AuditQuery): Promise<Array<AuditEntry>> =>
  call<Array<AuditEntry>>("audit_query", { query });

/**
 * Before sign-in too: whether login is required, who is signed in, who can.
 */
export const authStatus = (): Promise<AuthStatus> =>
  call<AuthStatus>("auth_status");

/**
 * 立即备份 into the folder the manager picked.
 */
export const backupNow = (dir: string): Promise<BackupFile> =>
  call<BackupFile>("backup_now", { dir });

/**
 * Restores from the chosen backup file, after backing up the current data.
 */
export const backupRestore = (path: string): Promise<BackupFile> =>
  call<BackupFile>("backup_restore", { path });

/**
 * The second folder (e.g. a USB stick); empty = none. A backup is copied
 * there at once when it is present.
 */
export const backupSetMirror = (dir: string): Promise<BackupStatus> =>
  call<BackupStatus>("backup_set_mirror", { dir });

export const backupStatus = (): Promise<BackupStatus> =>
  call<BackupStatus>("backup_status");

/**
 * 完成 by a finished repair order of the vehicle.
 */
export const campaignComplete = (id: number, vehicleId: number, orderNo: string): Promise<CampaignProgress> =>
  call<CampaignProgress>("campaign_complete", { id, vehicleId, orderNo });

/**
 * 通知 of a covered vehicle's customer.
 */
export const campaignNotify = (id: number, vehicleId: number, on: string, note: string): Promise<CampaignProgress> =>
  call<CampaignProgress>("campaign_notify", { id, vehicleId, on, note });

/**
 * A campaign's vehicles and completion.
 */
export const campaignProgress = (id: number): Promise<CampaignProgress> =>
  call<CampaignProgress>("campaign_progress", { id });

/**
 * Takes back a completion.
 */
export const campaignUndo = (id: number, vehicleId: number): Promise<CampaignProgress> =>
  call<CampaignProgress>("campaign_undo", { id, vehicleId });

/**
 * The campaigns a vehicle is covered by and has not had done.
 */
export const campaignsForVehicle = (vehicleId: number): Promise<Array<OpenCampaign>> =>
  call<Array<OpenCampaign>>("campaigns_for_vehicle", { vehicleId });

/**
 * Imports a catalogue file: everything in one transaction, or nothing.
 */
export const catalogImportApply = (path: string): Promise<CatalogImported> =>
  call<CatalogImported>("catalog_import_apply", { path });

/**
 * Checks a catalogue file (.xlsx/.csv) and says what importing it would do.
 */
export const catalogImportPreview = (path: string): Promise<CatalogPreview> =>
  call<CatalogPreview>("catalog_import_preview", { path });

/**
 * Certificates to renew.
 */
export const certificatesDue = (): Promise<Array<CertificateDue>> =>
  call<Array<CertificateDue>>("certificates_due");

/**
 * What the policy says about a claim as it is typed.
 */
export const claimCoverage = (input: ClaimInput): Promise<Array<string>> =>
  call<Array<string>>("claim_coverage", { input });

export const claimGet = (id: number): Promise<Claim> =>
  call<Claim>("claim_get", { id });

/**
 * 维修出库: the replaced parts leave stock as 三包更换.
 */
export const claimIssueParts = (id: number, date: string, operator: string): Promise<Claim> =>
  call<Claim>("claim_issue_parts", { id, date, operator });

/**
 * 包换/包退 (or back to 修复): the case's outcome.
 */
export const claimOutcome = (id: number, input: OutcomeInput): Promise<Claim> =>
  call<Claim>("claim_outcome", { id, input });

export const claimSave = (id: number | null, input: ClaimInput): Promise<Claim> =>
  call<Claim>("claim_save", { id, input });

/**
 * submit / approve / reject / return / settle
 */
export const claimStep = (id: number, input: StepInput): Promise<Claim> =>
  call<Claim>("claim_step", { id, input });

/**
 * Every claim the list's query finds, as .xlsx.
 */
export const claimsExport = (query: Partial<ClaimQuery>, path: string): Promise<number> =>
  call<number>("claims_export", { query, path });

export const claimsList = (query: Partial<ClaimQuery>): Promise<Array<ClaimRow>> =>
  call<Array<ClaimRow>>("claims_list", { query });

export const complaintAddStep = (id: number, input: ComplaintStepInput): Promise<Complaint> =>
  call<Complaint>("complaint_add_step", { id, input });

export const complaintClose = (id: number, input: ComplaintCloseInput): Promise<Complaint> =>
  call<Complaint>("complaint_close", { id, input });

export const complaintGet = (id: number): Promise<Complaint> =>
  call<Complaint>("complaint_get", { id });

/**
 * 受理 a new complaint (`id` None) or correct an open one.
 */
export const complaintSave = (id: number | null, input: ComplaintInput): Promise<Complaint> =>
  call<Complaint>("complaint_save", { id, input });

/**
 * The register as listed, as .xlsx.
 */
export const complaintsExport = (query: ComplaintQuery, path: string): Promise<number> =>
  call<number>("complaints_export", { query, path });

export const complaintsList = (query: ComplaintQuery): Promise<Array<Complaint>> =>
  call<Array<Complaint>>("complaints_list", { query });

/**
 * 投诉统计: the month's counts by category and by staff member.
 */
export const complaintsMonth = (month: string): Promise<ComplaintMonth> =>
  call<ComplaintMonth>("complaints_month", { month });

export const customerDetail = (id: number): Promise<CustomerDetail> =>
  call<CustomerDetail>("customer_detail", { id });

export const customerIndicators = (month: string): Promise<WithMarks<CustomerIndicators>> =>
  call<WithMarks<CustomerIndicators>>("customer_indicators", { month });

/**
 * Marks a customer 无法回访 with a reason, or clears the mark (reason "").
 */
export const customerSetUnreachable = (input: UnreachableInput): Promise<Array<Unreachable>> =>
  call<Array<Unreachable>>("customer_set_unreachable", { input });

export const customerUpdate = (id: number, input: CustomerInput): Promise<Customer> =>
  call<Customer>("customer_update", { id, input });

export const customersExport = (path: string): Promise<number> =>
  call<number>("customers_export", { path });

export const customersImportApply = (path: string): Promise<CustomerImport> =>
  call<CustomerImport>("customers_import_apply", { path });

export const customersImportPreview = (path: string): Promise<CustomerImport> =>
  call<CustomerImport>("customers_import_preview", { path });

/**
 * A page of 50 customers (`page` from 1), with the true total found.
 */
export const customersSearch = (q: string, page: number | null): Promise<CustomerPage> =>
  call<CustomerPage>("customers_search", { q, page });

/**
 * The month's dashboard; without a month, the one it opens on
 * ([`dashboard::start_month`]: last month while it waits to be closed).
 * The opening month's first answer is usually worked out at start,
 * before the window asks (`EarlyDesk`).
 */
export const dashboard = (month: string | null): Promise<DashboardMonth> =>
  call<DashboardMonth>("dashboard", { month });

/**
 * 全面检查: integrity, foreign keys and the app's invariants; when
 * something is wrong, the newest backup that passes.
 */
export const dataCheck = (): Promise<CheckReport> =>
  call<CheckReport>("data_check");

/**
 * An outlet's statement (对账单).
 */
export const dealerStatement = (dealer: string): Promise<Array<StatementLine>> =>
  call<Array<StatementLine>>("dealer_statement", { dealer });

export const descriptionReset = (code: string): Promise<PositionDescription> =>
  call<PositionDescription>("description_reset", { code });

export const descriptionSave = (code: string, input: PositionDescriptionInput): Promise<PositionDescription> =>
  call<PositionDescription>("description_save", { code, input });

export const descriptionsAll = (): Promise<Array<PositionDescription>> =>
  call<Array<PositionDescription>>("descriptions_all");

/**
 * The desk's to-do as of today (the same for every month shown, so asked
 * for once when the desk opens, not with each month).
 */
export const deskTodo = (): Promise<DashboardTodo> =>
  call<DashboardTodo>("desk_todo");

/**
 * 传达确认 of one person (本人, or recorded by the manager).
 */
export const documentConfirm = (id: number, staffId: number, on: string): Promise<FactoryDocumentDetail> =>
  call<FactoryDocumentDetail>("document_confirm", { id, staffId, on });

/**
 * 落实 on a day with what was done.
 */
export const documentDone = (id: number, on: string, note: string): Promise<FactoryDocument> =>
  call<FactoryDocument>("document_done", { id, on, note });

/**
 * A document with its reading list, scope and files.
 */
export const documentGet = (id: number): Promise<FactoryDocumentDetail> =>
  call<FactoryDocumentDetail>("document_get", { id });

/**
 * Takes back 落实.
 */
export const documentReopen = (id: number): Promise<FactoryDocument> =>
  call<FactoryDocument>("document_reopen", { id });

/**
 * Adds (`id` None) or changes a document.
 */
export const documentSave = (id: number | null, input: FactoryDocumentInput): Promise<FactoryDocumentDetail> =>
  call<FactoryDocumentDetail>("document_save", { id, input });

/**
 * The register; `kind` one kind or "" for all.
 */
export const documentsList = (kind: string): Promise<FactoryDocumentList> =>
  call<FactoryDocumentList>("documents_list", { kind });

/**
 * The signed-in person's documents still to read.
 */
export const documentsMine = (): Promise<Array<FactoryDocument>> =>
  call<Array<FactoryDocument>>("documents_mine");

/**
 * 归还.
 */
export const equipmentGiveBack = (id: number, on: string): Promise<Equipment> =>
  call<Equipment>("equipment_give_back", { id, on });

/**
 * 借出.
 */
export const equipmentLend = (id: number, input: LoanInput): Promise<Equipment> =>
  call<Equipment>("equipment_lend", { id, input });

/**
 * 借用记录: an item's loans, newest first.
 */
export const equipmentLoans = (id: number): Promise<Array<EquipmentLoan>> =>
  call<Array<EquipmentLoan>>("equipment_loans", { id });

/**
 * 设备工具: the register; `scrapped` also the scrapped items.
 */
export const equipmentRegister = (scrapped: boolean): Promise<EquipmentRegister> =>
  call<EquipmentRegister>("equipment_register", { scrapped });

/**
 * Adds (`id` None) or changes an item.
 */
export const equipmentSave = (id: number | null, input: EquipmentInput): Promise<Equipment> =>
  call<Equipment>("equipment_save", { id, input });

/**
 * 报废 with a reason.
 */
export const equipmentScrap = (id: number, on: string, reason: string): Promise<Equipment> =>
  call<Equipment>("equipment_scrap", { id, on, reason });

/**
 * 保养/校准 done on a day.
 */
export const equipmentServiced = (id: number, on: string): Promise<Equipment> =>
  call<Equipment>("equipment_serviced", { id, on });

/**
 * A month's checks by person.
 */
export const etiquetteByPerson = (month: string): Promise<Array<PersonEtiquette>> =>
  call<Array<PersonEtiquette>>("etiquette_by_person", { month });

/**
 * Records a check of one person against the standards in use.
 */
export const etiquetteCheckRecord = (input: CheckInput): Promise<EtiquetteCheck> =>
  call<EtiquetteCheck>("etiquette_check_record", { input });

/**
 * A month's etiquette checks (礼仪检查).
 */
export const etiquetteChecks = (month: string): Promise<Array<EtiquetteCheck>> =>
  call<Array<EtiquetteCheck>>("etiquette_checks", { month });

/**
 * 导出数据交换工作簿: the whole shop as one .xlsx.
 */
export const exchangeExport = (path: string): Promise<void> =>
  call<void>("exchange_export", { path });

/**
 * 导入数据交换工作簿: all or nothing, after a backup of the data as it is;
 * how far it has got goes to the window as [`IMPORT_PROGRESS`] events
 * (one when the percentage moves).
 */
export const exchangeImport = (path: string): Promise<ExchangeImported> =>
  call<ExchangeImported>("exchange_import", { path });

export const factoryReport = (month: string): Promise<FactoryReport> =>
  call<FactoryReport>("factory_report", { month });

/**
 * Saves the factory report as .xlsx (`kind` = "xlsx") or PDF ("pdf").
 */
export const factoryReportSave = (month: string, kind: string, path: string): Promise<string> =>
  call<string>("factory_report_save", { month, kind, path });

/**
 * Records the month as reported on `sent_on`, keeping the seven as they are now.
 */
export const factoryReportSent = (month: string, sentOn: string): Promise<FactoryReport> =>
  call<FactoryReport>("factory_report_sent", { month, sentOn });

export const feeBatch = (id: number): Promise<FeeBatch> =>
  call<FeeBatch>("fee_batch", { id });

export const feeBatchCreate = (input: FeeBatchInput): Promise<FeeBatch> =>
  call<FeeBatch>("fee_batch_create", { input });

export const feeBatches = (): Promise<Array<FeeBatch>> =>
  call<Array<FeeBatch>>("fee_batches");

export const feesUnreturned = (): Promise<Array<Vehicle>> =>
  call<Array<Vehicle>>("fees_unreturned");

export const fileRecord = (vehicleId: number, input: FileInput): Promise<Vehicle> =>
  call<Vehicle>("file_record", { vehicleId, input });

export const filingPending = (): Promise<Array<Vehicle>> =>
  call<Array<Vehicle>>("filing_pending");

/**
 * 首次使用: opens the demo shop or an empty one where no data file is yet
 * (refused once there is one).
 */
export const firstStart = (choice: FirstStartChoice): Promise<AppStatus> =>
  call<AppStatus>("first_start", { choice });

/**
 * The 5S checklist; inactive items too when `all`.
 */
export const fiveSChecklist = (all: boolean): Promise<Array<ChecklistItem>> =>
  call<Array<ChecklistItem>>("five_s_checklist", { all });

export const fiveSCloseFinding = (id: number, closedOn: string): Promise<FiveSFinding> =>
  call<FiveSFinding>("five_s_close_finding", { id, closedOn });

export const fiveSGet = (id: number): Promise<FiveSInspection> =>
  call<FiveSInspection>("five_s_get", { id });

export const fiveSItemSave = (id: number | null, input: ChecklistItemInput): Promise<ChecklistItem> =>
  call<ChecklistItem>("five_s_item_save", { id, input });

/**
 * The inspections, newest first, the 12-month trend and the open findings.
 */
export const fiveSOverview = (): Promise<FiveSOverview> =>
  call<FiveSOverview>("five_s_overview");

export const fiveSRecord = (id: number | null, input: FiveSInspectionInput): Promise<FiveSInspection> =>
  call<FiveSInspection>("five_s_record", { id, input });

export const followUpRecord = (input: FollowUpInput): Promise<FollowUp> =>
  call<FollowUp>("follow_up_record", { input });

export const followUpsDue = (): Promise<Array<DueFollowUp>> =>
  call<Array<DueFollowUp>>("follow_ups_due");

/**
 * The month's calls, as .xlsx.
 */
export const followUpsExport = (month: string, path: string): Promise<number> =>
  call<number>("follow_ups_export", { month, path });

export const followUpsList = (month: string): Promise<Array<FollowUp>> =>
  call<Array<FollowUp>>("follow_ups_list", { month });

/**
 * The customers marked 无法回访 (shown apart from the due list).
 */
export const followUpsUnreachable = (): Promise<Array<Unreachable>> =>
  call<Array<Unreachable>>("follow_ups_unreachable");

/**
 * 店铺设置 as saved (or the defaults for a new shop).
 */
export const getSettings = (): Promise<SettingsView> =>
  call<SettingsView>("get_settings");

/**
 * 导入模板: an import's columns with an example row (`catalog`,
 * `customers`, `outlets`), written where the user chose.
 */
export const importTemplate = (kind: string, path: string): Promise<void> =>
  call<void>("import_template", { kind, path });

export const inspectionRecord = (input: InspectionInput): Promise<Inspection> =>
  call<Inspection>("inspection_record", { input });

/**
 * The inspection schedules (点检周期) by the sale date they apply from.
 */
export const inspectionSchedules = (): Promise<Array<InspectionSchedule>> =>
  call<Array<InspectionSchedule>>("inspection_schedules");

export const inspectionsDue = (month: string): Promise<Array<DueInspection>> =>
  call<Array<DueInspection>>("inspections_due", { month });

/**
 * The month's inspections due, done or not, as .xlsx.
 */
export const inspectionsExport = (month: string, path: string): Promise<number> =>
  call<number>("inspections_export", { month, path });

export const inspectionsList = (month: string): Promise<Array<Inspection>> =>
  call<Array<Inspection>>("inspections_list", { month });

/**
 * Signs in with a password (the sign-in screen).
 */
export const login = (staffId: number, password: string): Promise<AuthStatus> =>
  call<AuthStatus>("login", { staffId, password });

/**
 * Signs out: with login required, the sign-in screen comes back.
 */
export const logout = (): Promise<AuthStatus> =>
  call<AuthStatus>("logout");

/**
 * 流失客户: customers not seen for `months`, a page at a time.
 */
export const lostCustomers = (months: number | null, page: number | null): Promise<LostPage> =>
  call<LostPage>("lost_customers", { months, page });

/**
 * Records a call-back's result (会再来, or why the customer was lost).
 */
export const lostRecord = (input: LostInput): Promise<void> =>
  call<void>("lost_record", { input });

/**
 * A year's call-backs by reason.
 */
export const lostYear = (year: number): Promise<LostYear> =>
  call<LostYear>("lost_year", { year });

export const monthChecklist = (month: string): Promise<MonthClosing> =>
  call<MonthClosing>("month_checklist", { month });

/**
 * Closes the month (warnings accepted with `reason`).
 */
export const monthClose = (month: string, reason: string): Promise<MonthClosing> =>
  call<MonthClosing>("month_close", { month, reason });

/**
 * 反月结, with a reason.
 */
export const monthReopen = (month: string, reason: string): Promise<MonthClosing> =>
  call<MonthClosing>("month_reopen", { month, reason });

/**
 * Posts a receipt or issue.
 */
export const movementPost = (input: MovementInput): Promise<Movement> =>
  call<Movement>("movement_post", { input });

/**
 * 冲销: reverses a movement by a counter-movement.
 */
export const movementReverse = (id: number, operator: string, note: string): Promise<Movement> =>
  call<Movement>("movement_reverse", { id, operator, note });

export const networkActionsOpen = (): Promise<Array<OpenAction>> =>
  call<Array<OpenAction>>("network_actions_open");

export const networkExport = (month: string, path: string): Promise<number> =>
  call<number>("network_export", { month, path });

export const networkOverview = (month: string): Promise<NetworkMonth> =>
  call<NetworkMonth>("network_overview", { month });

export const oldPartBatch = (id: number): Promise<OldPartBatch> =>
  call<OldPartBatch>("old_part_batch", { id });

export const oldPartBatchCreate = (input: OldPartBatchInput): Promise<OldPartBatch> =>
  call<OldPartBatch>("old_part_batch_create", { input });

export const oldPartBatchReceive = (id: number, receivedOn: string): Promise<OldPartBatch> =>
  call<OldPartBatch>("old_part_batch_receive", { id, receivedOn });

export const oldPartBatches = (): Promise<Array<OldPartBatch>> =>
  call<Array<OldPartBatch>>("old_part_batches");

/**
 * Saves every old part (shipped in a batch or waiting) as .xlsx at the
 * path the user picked; answers how many.
 */
export const oldPartsExport = (path: string): Promise<number> =>
  call<number>("old_parts_export", { path });

export const oldPartsWaiting = (): Promise<Array<OldPart>> =>
  call<Array<OldPart>>("old_parts_waiting");

/**
 * 撤销 or 结案 of a sub-dealer order, with its reason.
 */
export const orderClose = (input: CloseOrderInput): Promise<Order> =>
  call<Order>("order_close", { input });

export const orderCreate = (input: OrderInput): Promise<Order> =>
  call<Order>("order_create", { input });

export const orderDeliver = (input: DeliveryInput): Promise<Order> =>
  call<Order>("order_deliver", { input });

/**
 * The orders indicator 6 counts for a month (the records behind it).
 */
export const ordersCounted = (month: string): Promise<Array<Order>> =>
  call<Array<Order>>("orders_counted", { month });

/**
 * Every sub-dealer order, a row per line, to .xlsx; resolves to the number of orders.
 */
export const ordersExport = (path: string): Promise<number> =>
  call<number>("orders_export", { path });

export const ordersList = (): Promise<Array<Order>> =>
  call<Array<Order>>("orders_list");

export const outletCard = (id: number, month: string): Promise<OutletCard> =>
  call<OutletCard>("outlet_card", { id, month });

export const outletSave = (id: number | null, input: OutletInput): Promise<Outlet> =>
  call<Outlet>("outlet_save", { id, input });

export const outletsExport = (path: string): Promise<number> =>
  call<number>("outlets_export", { path });

export const outletsImport = (path: string): Promise<OutletImport> =>
  call<OutletImport>("outlets_import", { path });

export const outletsList = (query: string, status: string): Promise<Array<Outlet>> =>
  call<Array<Outlet>>("outlets_list", { query, status });

/**
 * 配件卡片.
 */
export const partCard = (id: number): Promise<PartCard> =>
  call<PartCard>("part_card", { id });

/**
 * A part's stock card (all its movements) to .xlsx; resolves to the number of movements.
 */
export const partCardExport = (id: number, path: string): Promise<number> =>
  call<number>("part_card_export", { id, path });

export const partCategories = (): Promise<Array<string>> =>
  call<Array<string>>("part_categories");

/**
 * Parts matching a typed or scanned number, name or pinyin initials.
 */
export const partLookup = (text: string): Promise<Array<Part>> =>
  call<Array<Part>>("part_lookup", { text });

/**
 * Adds (id null) or changes a catalogue entry.
 */
export const partSave = (id: number | null, input: PartInput): Promise<Part> =>
  call<Part>("part_save", { id, input });

/**
 * Indicators 1–7, 21, 22 for a month ("2026-11").
 */
export const partsIndicators = (month: string): Promise<PartsFigures> =>
  call<PartsFigures>("parts_indicators", { month });

/**
 * A 收款 from an outlet.
 */
export const paymentReceive = (input: PaymentInput): Promise<Payment> =>
  call<Payment>("payment_receive", { input });

/**
 * 冲销 of a payment, dated today.
 */
export const paymentReverse = (id: number, operator: string, reason: string): Promise<Payment> =>
  call<Payment>("payment_reverse", { id, operator, reason });

/**
 * The same, as a workbook (汇总 and 明细); returns the claims written.
 */
export const qualityExport = (from: string, to: string, path: string): Promise<number> =>
  call<number>("quality_export", { from, to, path });

/**
 * 质量信息反馈 for the months `from` to `to`.
 */
export const qualityReport = (from: string, to: string): Promise<QualityReport> =>
  call<QualityReport>("quality_report", { from, to });

/**
 * The receivables list to .xlsx; resolves to the number of outlets.
 */
export const receivablesExport = (path: string): Promise<number> =>
  call<number>("receivables_export", { path });

/**
 * Every outlet charged so far, with its balance and ages as of today.
 */
export const receivablesList = (): Promise<Array<DealerBalance>> =>
  call<Array<DealerBalance>>("receivables_list");

export const reorderExport = (path: string): Promise<number> =>
  call<number>("reorder_export", { path });

export const reorderList = (): Promise<Array<Suggestion>> =>
  call<Array<Suggestion>>("reorder_list");

export const repairAddPart = (id: number, input: RepairPartInput): Promise<RepairOrder> =>
  call<RepairOrder>("repair_add_part", { id, input });

export const repairComplete = (id: number, input: CompleteInput): Promise<RepairOrder> =>
  call<RepairOrder>("repair_complete", { id, input });

export const repairDeliver = (id: number, input: DeliverInput): Promise<RepairOrder> =>
  call<RepairOrder>("repair_deliver", { id, input });

export const repairGet = (id: number): Promise<RepairOrder> =>
  call<RepairOrder>("repair_get", { id });

/**
 * The repair kinds with their promised wait (minutes).
 */
export const repairKinds = (): Promise<Array<[string, string, number]>> =>
  call<Array<[string, string, number]>>("repair_kinds");

export const repairRemovePart = (id: number, lineId: number, operator: string): Promise<RepairOrder> =>
  call<RepairOrder>("repair_remove_part", { id, lineId, operator });

export const repairSave = (id: number | null, input: RepairInput): Promise<RepairOrder> =>
  call<RepairOrder>("repair_save", { id, input });

/**
 * Ticks 诊断, 报价 or 质检 on an order, now.
 */
export const repairStepTick = (id: number, step: string, who: string): Promise<Array<OrderStep>> =>
  call<Array<OrderStep>>("repair_step_tick", { id, step, who });

/**
 * An order's process steps.
 */
export const repairSteps = (id: number): Promise<Array<OrderStep>> =>
  call<Array<OrderStep>>("repair_steps", { id });

/**
 * Technicians named on recent orders and inspections (suggestions).
 */
export const repairTechnicians = (): Promise<Array<string>> =>
  call<Array<string>>("repair_technicians");

/**
 * Every order the desk list's query finds, as .xlsx.
 */
export const repairsExport = (query: Partial<RepairQuery>, path: string): Promise<number> =>
  call<number>("repairs_export", { query, path });

export const repairsList = (query: Partial<RepairQuery>): Promise<Array<RepairOrder>> =>
  call<Array<RepairOrder>>("repairs_list", { query });

/**
 * Restores the data file from a backup before any shop is open: from the
 * start-up error page when the data file is damaged, or from the first-start
 * page when there is no data file yet (a new PC)
 * ([`moto4s_core::backup::restore_over_damaged`]); then opens the shop.
 * Refused while a store is open (the settings' restore is for that) and
 * for any other start-up error (a file from a newer version is never
 * replaced by an older backup from here).
 */
export const restoreAtStart = (path: string): Promise<AppStatus> =>
  call<AppStatus>("restore_at_start", { path });

export const salesGet = (month: string): Promise<SalesMonth> =>
  call<SalesMonth>("sales_get", { month });

export const salesSet = (input: SalesInput): Promise<SalesMonth> =>
  call<SalesMonth>("sales_set", { input });

/**
 * 满意度分析: the month's satisfaction from the follow-up calls.
 */
export const satisfactionMonth = (month: string): Promise<SatisfactionMonth> =>
  call<SatisfactionMonth>("satisfaction_month", { month });

/**
 * Parses and validates the form's text; saves nothing unless all is right.
 */
export const saveSettings = (input: SettingsInput): Promise<SettingsView> =>
  call<SettingsView>("save_settings", { input });

/**
 * Adds (`id` None) or changes a service item.
 */
export const serviceItemSave = (id: number | null, input: ServiceItemInput): Promise<ServiceItem> =>
  call<ServiceItem>("service_item_save", { id, input });

/**
 * 服务项目: the list; `all` also those no longer used.
 */
export const serviceItems = (all: boolean): Promise<Array<ServiceItem>> =>
  call<Array<ServiceItem>>("service_items", { all });

/**
 * The month's 按时交车率 and 返修率 with the orders behind them.
 */
export const serviceMonth = (month: string): Promise<ServiceMonth> =>
  call<ServiceMonth>("service_month", { month });

export const serviceRulesGet = (): Promise<ServiceRules> =>
  call<ServiceRules>("service_rules_get");

export const serviceRulesSave = (input: ServiceRulesInput): Promise<ServiceRules> =>
  call<ServiceRules>("service_rules_save", { input });

/**
 * Turns login on (needs a manager account) or off.
 */
export const setLoginRequired = (on: boolean): Promise<AuthStatus> =>
  call<AuthStatus>("set_login_required", { on });

export const staffList = (): Promise<Array<Staff>> =>
  call<Array<Staff>>("staff_list");

export const staffSave = (id: number | null, input: StaffInput): Promise<Staff> =>
  call<Staff>("staff_save", { id, input });

/**
 * A roster person's trainings (their card).
 */
export const staffTrainings = (id: number): Promise<Array<PersonTraining>> =>
  call<Array<PersonTraining>>("staff_trainings", { id });

/**
 * The plan for the settings' annual sales, or for `annual_sales` when the
 * manager tries another figure; `small_agent` saves the shop's choice.
 */
export const staffingPlan = (annualSales: number | null, smallAgent: boolean | null): Promise<StaffingPlan> =>
  call<StaffingPlan>("staffing_plan", { annualSales, smallAgent });

/**
 * Adds (`id` None) or changes an entry of the register.
 */
export const standardSave = (id: number | null, input: StandardInput): Promise<ServiceStandard> =>
  call<ServiceStandard>("standard_save", { id, input });

/**
 * The service standards register; `all` also the retired ones.
 */
export const standardsList = (all: boolean): Promise<Array<ServiceStandard>> =>
  call<Array<ServiceStandard>>("standards_list", { all });

/**
 * 开始使用本店数据: the demo shop gives way to the shop's own, empty data,
 * keeping what the manager chose (the demo stays as a backup).
 */
export const startRealData = (keep: KeepFromDemo): Promise<BackupFile> =>
  call<BackupFile>("start_real_data", { keep });

/**
 * The data file could not be opened: the backups in its default folder
 * (`backups` beside it), newest first, for the start-up error page to offer.
 */
export const startupBackups = (): Promise<Array<BackupFile>> =>
  call<Array<BackupFile>>("startup_backups");

/**
 * Writes the stock list, with the filters on screen, to an .xlsx file.
 */
export const stockExport = (query: StockQuery, path: string): Promise<number> =>
  call<number>("stock_export", { query, path });

/**
 * 库存查询: one page of the stock list with totals over all matches.
 */
export const stockQuery = (query: StockQuery): Promise<StockPage> =>
  call<StockPage>("stock_query", { query });

export const stocktakeCreate = (category: string): Promise<Stocktake> =>
  call<Stocktake>("stocktake_create", { category });

export const stocktakeExport = (id: number, path: string): Promise<void> =>
  call<void>("stocktake_export", { id, path });

export const stocktakeGet = (id: number): Promise<Stocktake> =>
  call<Stocktake>("stocktake_get", { id });

export const stocktakeList = (): Promise<Array<Stocktake>> =>
  call<Array<Stocktake>>("stocktake_list");

export const stocktakePost = (id: number, operator: string): Promise<Stocktake> =>
  call<Stocktake>("stocktake_post", { id, operator });

export const stocktakeSave = (id: number, counts: Array<CountInput>): Promise<Stocktake> =>
  call<Stocktake>("stocktake_save", { id, counts });

/**
 * The month's summary as printed: the rows, notes and to-do lines the
 * window's print shows, the same the PDF draws.
 */
export const summary = (month: string): Promise<MonthlySummary> =>
  call<MonthlySummary>("summary", { month });

/**
 * Saves the month's summary as a PDF (A4) at the path the user picked.
 */
export const summaryPdf = (month: string, path: string): Promise<string> =>
  call<string>("summary_pdf", { month, path });

/**
 * Saves the month's summary as an .xlsx at the path the user picked.
 */
export const summaryXlsx = (month: string, path: string): Promise<string> =>
  call<string>("summary_xlsx", { month, path });

/**
 * Cancels a plan not held.
 */
export const trainingCancel = (id: number): Promise<void> =>
  call<void>("training_cancel", { id });

export const trainingGet = (id: number): Promise<Training> =>
  call<Training>("training_get", { id });

/**
 * Plans or records a training (`id` None), or changes one.
 */
export const trainingSave = (id: number | null, input: TrainingInput): Promise<Training> =>
  call<Training>("training_save", { id, input });

/**
 * A year's trainings, and every planned one not held.
 */
export const trainingsList = (year: number): Promise<Array<Training>> =>
  call<Array<Training>>("trainings_list", { year });

/**
 * A year's totals.
 */
export const trainingsYear = (year: number): Promise<TrainingYear> =>
  call<TrainingYear>("trainings_year", { year });

/**
 * The models of the shop's vehicles, the most common first.
 */
export const vehicleModels = (): Promise<Array<string>> =>
  call<Array<string>>("vehicle_models");

/**
 * Registers a vehicle (and a new customer with it), or changes one.
 */
export const vehicleSave = (id: number | null, input: VehicleInput): Promise<Vehicle> =>
  call<Vehicle>("vehicle_save", { id, input });

export const visitActionDone = (id: number, input: ActionDoneInput): Promise<Visit> =>
  call<Visit>("visit_action_done", { id, input });

export const visitRecord = (input: VisitInput): Promise<Visit> =>
  call<Visit>("visit_record", { input });

export const warrantyIndicators = (month: string): Promise<WithMarks<WarrantyIndicators>> =>
  call<WithMarks<WarrantyIndicators>>("warranty_indicators", { month });

export const warrantyPolicyGet = (): Promise<WarrantyPolicy> =>
  call<WarrantyPolicy>("warranty_policy_get");

/**
 * Every policy the shop has had, by 生效日期, the latest first.
 */
export const warrantyPolicyHistory = (): Promise<Array<WarrantyPolicy>> =>
  call<Array<WarrantyPolicy>>("warranty_policy_history");

export const warrantyPolicySave = (input: PolicyInput): Promise<WarrantyPolicy> =>
  call<WarrantyPolicy>("warranty_policy_save", { input });
