// 人员与现场: typed wrappers of the staff commands.
import { call } from "./core";
import { FiveSAreaChoices, FiveSChoices, PostCodeChoices } from "./contract";
import type {
  Equipment,
  EquipmentInput,
  EquipmentLoan,
  EquipmentRegister,
  LoanInput,
  Appraisal,
  AppraisalInput,
  AppraisalItem,
  AppraisalItemInput,
  AppraisalMonth,
  AppraisalRow,
  CheckInput,
  EtiquetteCheck,
  PersonEtiquette,
  ServiceStandard,
  StandardInput,
  CertificateDue,
  PersonTraining,
  Training,
  TrainingInput,
  TrainingYear,
  ChecklistItem,
  ChecklistItemInput,
  FiveSFinding,
  FiveSInspection,
  FiveSInspectionInput,
  FiveSOverview,
  PositionDescription,
  PositionDescriptionInput,
  Staff,
  StaffInput,
  StaffingPlan,
} from "./contract";

export const staffList = () => call<Staff[]>("staff_list");
export const staffSave = (id: number | null, input: StaffInput) => call<Staff>("staff_save", { id, input });
/** The plan for the settings' sales, or a figure to try; smallAgent saves the shop's choice. */
export const staffingPlan = (annualSales: number | null, smallAgent: boolean | null) =>
  call<StaffingPlan>("staffing_plan", { annualSales, smallAgent });
export const descriptionsAll = () => call<PositionDescription[]>("descriptions_all");
export const descriptionSave = (code: string, input: PositionDescriptionInput) =>
  call<PositionDescription>("description_save", { code, input });
export const descriptionReset = (code: string) => call<PositionDescription>("description_reset", { code });

export const fiveSChecklist = (all: boolean) => call<ChecklistItem[]>("five_s_checklist", { all });
export const fiveSItemSave = (id: number | null, input: ChecklistItemInput) =>
  call<ChecklistItem>("five_s_item_save", { id, input });
export const fiveSOverview = () => call<FiveSOverview>("five_s_overview");
export const fiveSGet = (id: number) => call<FiveSInspection>("five_s_get", { id });
export const fiveSRecord = (id: number | null, input: FiveSInspectionInput) =>
  call<FiveSInspection>("five_s_record", { id, input });
export const fiveSCloseFinding = (id: number, closedOn: string) =>
  call<FiveSFinding>("five_s_close_finding", { id, closedOn });

/** The three areas a 5S inspection walks, and the five S's with the text's definitions. */
export const AREAS: { code: string; name: string }[] = FiveSAreaChoices.map((a) => ({ code: a.code, name: a.label }));
export const FIVE_S: { s: string; meaning: string }[] = FiveSChoices.map((f) => ({ s: f.code, meaning: f.label }));
export const areaName = (code: string) => AREAS.find((a) => a.code === code)?.name ?? code;
/** An S as shown: the fifth is 素养（纪律） (the text calls it 纪律); stored as 素养. */
export const sLabel = (s: string) => (s === "素养" ? "素养（纪律）" : s);

/** The posts A–J and K–T with what each holds (docs/domain.md §1), as the core names them. */
export const POSTS = PostCodeChoices;
/** 「K 服务经理（兼配件主管）」: a post as the screens name it, its letter first. */
export const postLabel = (code: string) => POSTS.find((p) => p.code === code)?.label ?? code;

// 培训
export const trainingsList = (year: number) => call<Training[]>("trainings_list", { year });
export const trainingGet = (id: number) => call<Training>("training_get", { id });
export const trainingsYear = (year: number) => call<TrainingYear>("trainings_year", { year });
export const trainingSave = (id: number | null, input: TrainingInput) => call<Training>("training_save", { id, input });
export const trainingCancel = (id: number) => call<null>("training_cancel", { id });
export const staffTrainings = (id: number) => call<PersonTraining[]>("staff_trainings", { id });
export const certificatesDue = () => call<CertificateDue[]>("certificates_due");
/** A training's subjects, as the core's code table has them. */
export { TrainingSubjectChoices as TRAINING_SUBJECTS } from "./contract";

// 服务礼仪
export const standardsList = (all: boolean) => call<ServiceStandard[]>("standards_list", { all });
export const standardSave = (id: number | null, input: StandardInput) => call<ServiceStandard>("standard_save", { id, input });
export { StandardKindChoices as STANDARD_KINDS } from "./contract";
export const etiquetteChecks = (month: string) => call<EtiquetteCheck[]>("etiquette_checks", { month });
export const etiquetteByPerson = (month: string) => call<PersonEtiquette[]>("etiquette_by_person", { month });
export const etiquetteCheckRecord = (input: CheckInput) => call<EtiquetteCheck>("etiquette_check_record", { input });
export { CheckMethodChoices as CHECK_METHODS } from "./contract";

// 绩效考核
export const appraisalItems = (all: boolean) => call<AppraisalItem[]>("appraisal_items", { all });
export const appraisalItemSave = (id: number | null, input: AppraisalItemInput) => call<AppraisalItem>("appraisal_item_save", { id, input });
export { AppraisalMeasureChoices as APPRAISAL_MEASURES } from "./contract";
/** The month's sheets; the last closed month when `month` is null. */
export const appraisalsMonth = (month: string | null) => call<AppraisalMonth>("appraisals_month", { month });
export const appraisalGet = (id: number) => call<Appraisal>("appraisal_get", { id });
export const appraisalHistory = (staffId: number) => call<AppraisalRow[]>("appraisal_history", { staffId });
export const appraisalsMine = () => call<AppraisalRow[]>("appraisals_mine");
export const appraisalMake = (staffId: number, month: string) => call<Appraisal>("appraisal_make", { staffId, month });
export const appraisalUpdate = (id: number, input: AppraisalInput) => call<Appraisal>("appraisal_update", { id, input });
export const appraisalFinalise = (id: number) => call<Appraisal>("appraisal_finalise", { id });
export const appraisalDelete = (id: number) => call<null>("appraisal_delete", { id });

// 设备工具
export const equipmentRegister = (scrapped: boolean) => call<EquipmentRegister>("equipment_register", { scrapped });
export const equipmentLoans = (id: number) => call<EquipmentLoan[]>("equipment_loans", { id });
export const equipmentSave = (id: number | null, input: EquipmentInput) => call<Equipment>("equipment_save", { id, input });
export const equipmentServiced = (id: number, on: string) => call<Equipment>("equipment_serviced", { id, on });
export const equipmentLend = (id: number, input: LoanInput) => call<Equipment>("equipment_lend", { id, input });
export const equipmentGiveBack = (id: number, on: string) => call<Equipment>("equipment_give_back", { id, on });
export const equipmentScrap = (id: number, on: string, reason: string) => call<Equipment>("equipment_scrap", { id, on, reason });
export { EquipmentKindChoices as EQUIPMENT_KINDS } from "./contract";
