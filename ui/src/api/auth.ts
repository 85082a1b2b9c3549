// 登录与权限、操作日志: helpers beside the generated calls (commands.ts) of the auth commands.
import {
  RoleChoices,
  type Account,
  type Actor,
  type AuditEntry,
  type AuditQuery,
  type AuthStatus,
  type Role,
} from "./contract";

export type { Account, Actor, AuditEntry, AuditQuery, AuthStatus, Role };

/** The roles with what each may do, as the core has them. */
export const ROLES = RoleChoices;

/** The areas (route paths) each role may open; the rest are hidden. */
export const AREAS_OF: Record<Role, string[]> = {
  manager: ["/dashboard", "/parts", "/warranty", "/customers", "/network", "/staff", "/documents", "/settings", "/audit"],
  // the clerk enters trainings (人员与现场 shows them its 培训 tab only)
  clerk: ["/dashboard", "/warranty", "/customers", "/staff"],
  parts: ["/dashboard", "/parts"],
};
