// 登录与权限、操作日志: helpers beside the generated calls (commands.ts) of the auth commands.
import {
  RoleAreas,
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

/** The areas (route paths) each role may open; the rest are hidden — core's
 *  rule (an area opens with its permission), carried by the contract. */
export const AREAS_OF: Readonly<Record<Role, ReadonlyArray<string>>> = RoleAreas;
