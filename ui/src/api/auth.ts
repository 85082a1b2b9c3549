// 登录与权限、操作日志: typed wrappers of the auth commands.
import { call } from "./core";
import { RoleChoices, type Account, type Actor, type AuditEntry, type AuditQuery, type AuthStatus, type Role } from "./contract";

export type { Account, Actor, AuditEntry, AuditQuery, AuthStatus, Role };

export const authStatus = () => call<AuthStatus>("auth_status");
export const login = (staffId: number, password: string) => call<AuthStatus>("login", { staffId, password });
export const logout = () => call<AuthStatus>("logout");
export const setLoginRequired = (on: boolean) => call<AuthStatus>("set_login_required", { on });
export const auditQuery = (query: AuditQuery) => call<AuditEntry[]>("audit_query", { query });
export const auditExport = (query: AuditQuery, path: string) => call<number>("audit_export", { query, path });

/** The roles with what each may do, as the core has them. */
export const ROLES = RoleChoices;

/** The areas (route paths) each role may open; the rest are hidden. */
export const AREAS_OF: Record<Role, string[]> = {
  manager: ["/dashboard", "/parts", "/warranty", "/customers", "/network", "/staff", "/documents", "/settings", "/audit"],
  // the clerk enters trainings (人员与现场 shows them its 培训 tab only)
  clerk: ["/dashboard", "/warranty", "/customers", "/staff"],
  parts: ["/dashboard", "/parts"],
};
