// 客户与维修: typed wrappers of the customer and repair commands.
import { call } from "./core";
import type { LostInput, LostPage, LostYear, SatisfactionMonth, Complaint, ComplaintCloseInput, ComplaintInput, ComplaintMonth, ComplaintQuery, ComplaintStepInput, Customer, CustomerDetail, CustomerImport, CustomerIndicators, CustomerInput, CustomerPage, DueFollowUp, DueInspection, FeeBatch, InspectionSchedule, FollowUp, FollowUpInput, Inspection, RepairInput, RepairOrder, SalesMonth, ServiceRules, ServiceRulesInput, Unreachable, UnreachableInput, Vehicle, VehicleInput, WithMarks, SalesInput, RepairQuery, DeliverInput, ServiceItem, ServiceItemInput, OrderStep, ServiceMonth } from "./contract";

/** A page (from 1) of 50 customers found, with the true total. */
export const customersSearch = (q: string, page = 1) => call<CustomerPage>("customers_search", { q, page });
export const customerDetail = (id: number) => call<CustomerDetail>("customer_detail", { id });
export const customerUpdate = (id: number, input: CustomerInput) => call<Customer>("customer_update", { id, input });
/** Registers a vehicle (and a new customer with it), or changes one. */
export const vehicleSave = (id: number | null, input: VehicleInput) => call<Vehicle>("vehicle_save", { id, input });
export const customersImportPreview = (path: string) => call<CustomerImport>("customers_import_preview", { path });
export const customersImportApply = (path: string) => call<CustomerImport>("customers_import_apply", { path });
export const customersExport = (path: string) => call<number>("customers_export", { path });

export const filingPending = () => call<Vehicle[]>("filing_pending");
export const feesUnreturned = () => call<Vehicle[]>("fees_unreturned");
export const fileRecord = (vehicleId: number, input: { fileReturnedOn: string; filingFee: string; feeRegisteredOn: string }) =>
  call<Vehicle>("file_record", { vehicleId, input });
export const feeBatchCreate = (input: { returnedOn: string; vehicleIds: number[]; note: string }) =>
  call<FeeBatch>("fee_batch_create", { input });
export const feeBatches = () => call<FeeBatch[]>("fee_batches");
export const feeBatch = (id: number) => call<FeeBatch>("fee_batch", { id });

export const salesGet = (month: string) => call<SalesMonth>("sales_get", { month });
export const salesSet = (input: SalesInput) => call<SalesMonth>("sales_set", { input });

// 满意度
export const satisfactionMonth = (month: string) => call<SatisfactionMonth>("satisfaction_month", { month });

// 流失客户
/** The lost customers; `months` null: the shop's rule (回访点检规则). */
export const lostCustomers = (months: number | null, page: number) => call<LostPage>("lost_customers", { months, page });
export const lostRecord = (input: LostInput) => call<null>("lost_record", { input });
export const lostYear = (year: number) => call<LostYear>("lost_year", { year });
export { LostOutcomeChoices as LOST_OUTCOMES } from "./contract";

// 投诉处理
export const complaintsList = (query: ComplaintQuery) => call<Complaint[]>("complaints_list", { query });
export const complaintGet = (id: number) => call<Complaint>("complaint_get", { id });
export const complaintSave = (id: number | null, input: ComplaintInput) => call<Complaint>("complaint_save", { id, input });
export const complaintAddStep = (id: number, input: ComplaintStepInput) => call<Complaint>("complaint_add_step", { id, input });
export const complaintClose = (id: number, input: ComplaintCloseInput) => call<Complaint>("complaint_close", { id, input });
export const complaintsMonth = (month: string) => call<ComplaintMonth>("complaints_month", { month });
export const complaintsExport = (query: ComplaintQuery, path: string) => call<number>("complaints_export", { query, path });
/** How a complaint came in, the steps taken on one and the customer's confirmation, as the core's code tables have them. */
export {
  ComplaintSourceChoices as COMPLAINT_SOURCES,
  ComplaintStepKindChoices as COMPLAINT_STEPS,
  ComplaintConfirmationChoices as COMPLAINT_CONFIRMATIONS,
} from "./contract";

export const followUpsDue = () => call<DueFollowUp[]>("follow_ups_due");
export const followUpRecord = (input: FollowUpInput) => call<FollowUp>("follow_up_record", { input });
/** The customers marked 无法回访, shown apart from the due list. */
export const followUpsUnreachable = () => call<Unreachable[]>("follow_ups_unreachable");
/** Marks a customer 无法回访 (reason "" clears the mark); returns the list. */
export const customerSetUnreachable = (input: UnreachableInput) => call<Unreachable[]>("customer_set_unreachable", { input });
export const followUpsList = (month: string) => call<FollowUp[]>("follow_ups_list", { month });
export const followUpsExport = (month: string, path: string) => call<number>("follow_ups_export", { month, path });
export const inspectionsExport = (month: string, path: string) => call<number>("inspections_export", { month, path });

export const inspectionsDue = (month: string) => call<DueInspection[]>("inspections_due", { month });
export const inspectionRecord = (input: { vehicleId: number | null; inspectedOn: string; mileage: string; technician: string; findings: string }) =>
  call<Inspection>("inspection_record", { input });
export const inspectionsList = (month: string) => call<Inspection[]>("inspections_list", { month });

export const repairsList = (query: Partial<RepairQuery>) => call<RepairOrder[]>("repairs_list", { query });
/** Every order the query finds, as .xlsx. */
export const repairsExport = (query: Partial<RepairQuery>, path: string) => call<number>("repairs_export", { query, path });
export const repairGet = (id: number) => call<RepairOrder>("repair_get", { id });
export const repairSave = (id: number | null, input: RepairInput) => call<RepairOrder>("repair_save", { id, input });
export const repairAddPart = (id: number, input: { partNo: string; qty: string; price: string; operator: string; covered: boolean }) =>
  call<RepairOrder>("repair_add_part", { id, input });
export const repairRemovePart = (id: number, lineId: number, operator: string) => call<RepairOrder>("repair_remove_part", { id, lineId, operator });
export const repairComplete = (id: number, input: { doneAt: string; technician: string; workDone: string; labour: string }) =>
  call<RepairOrder>("repair_complete", { id, input });
export const repairDeliver = (id: number, input: DeliverInput) => call<RepairOrder>("repair_deliver", { id, input });
/** [code, label, promised minutes] of each repair kind. */
export const repairKinds = () => call<[string, string, number][]>("repair_kinds");

export const serviceRulesGet = () => call<ServiceRules>("service_rules_get");
/** 点检周期 by the sale date each applies from, oldest first. */
export const inspectionSchedules = () => call<InspectionSchedule[]>("inspection_schedules");
export const serviceRulesSave = (input: ServiceRulesInput) => call<ServiceRules>("service_rules_save", { input });
export const customerIndicators = (month: string) => call<WithMarks<CustomerIndicators>>("customer_indicators", { month });
/** Technicians named on recent orders and inspections, most frequent first. */
export const repairTechnicians = () => call<string[]>("repair_technicians");

// 服务项目与作业流程
export const serviceItems = (all: boolean) => call<ServiceItem[]>("service_items", { all });
export const serviceItemSave = (id: number | null, input: ServiceItemInput) => call<ServiceItem>("service_item_save", { id, input });
export const repairSteps = (id: number) => call<OrderStep[]>("repair_steps", { id });
export const repairStepTick = (id: number, step: string, who: string) => call<OrderStep[]>("repair_step_tick", { id, step, who });
export const serviceMonth = (month: string) => call<ServiceMonth>("service_month", { month });
