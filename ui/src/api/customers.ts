// 客户与维修: helpers beside the generated calls (commands.ts) of the customer and repair commands.

// 流失客户
export { LostOutcomeChoices as LOST_OUTCOMES } from "./contract";

// 投诉处理
/** How a complaint came in, the steps taken on one and the customer's confirmation, as the core's code tables have them. */
export {
  ComplaintSourceChoices as COMPLAINT_SOURCES,
  ComplaintStepKindChoices as COMPLAINT_STEPS,
  ComplaintConfirmationChoices as COMPLAINT_CONFIRMATIONS,
} from "./contract";
