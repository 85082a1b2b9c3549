// 服务网络: helpers beside the generated calls (commands.ts) of the network commands.

/** The outlets' kinds and statuses and the visits' purposes, as the core's code tables have them. */
export {
  OutletKindChoices as OUTLET_KINDS,
  OutletStatusChoices as OUTLET_STATUSES,
  VisitPurposeChoices as VISIT_PURPOSES,
} from "./contract";
