// The one place that calls Tauri's invoke(). Views use the typed wrappers in
// this folder; every failure arrives as an ApiError with a Chinese message.
import { invoke } from "@tauri-apps/api/core";

import type { ErrorCode as CoreErrorCode, Problem } from "./contract";

export type { Problem };

/** What a failure is: the core's codes, and "internal" for a failure the
 *  window itself met (a call that never reached the core). */
export type ErrorCode = CoreErrorCode | "internal";

/** The error every command can fail with: `{code, message}` in Chinese. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly field?: string;
  readonly problems: Problem[];

  constructor(code: ErrorCode, message: string, field?: string, problems: Problem[] = []) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.field = field;
    this.problems = problems;
  }

  /** Field name → message, for showing errors next to form fields. */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const p of this.problems) {
      if (p.field && !(p.field in out)) out[p.field] = p.message;
    }
    if (this.field && !(this.field in out)) out[this.field] = this.message;
    return out;
  }
}

/** Turns whatever a rejected invoke() gave into an ApiError. */
export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  if (e && typeof e === "object" && "message" in e) {
    const o = e as { code?: ErrorCode; message: string; field?: string; problems?: Problem[] };
    return new ApiError(o.code ?? "internal", String(o.message), o.field, o.problems ?? []);
  }
  return new ApiError("internal", `程序内部错误：${String(e)}`);
}

/** Calls a backend command. */
export async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    throw toApiError(e);
  }
}
