import { describe, expect, it, vi } from "vitest";

const shown: string[] = [];
vi.mock("element-plus", () => ({ ElMessage: { error: (m: string) => shown.push(m) } }));

import { useSubmit } from "./submit";

// a refusal as the core sends it: a message and its problems by field
const refusal = {
  code: "invalid",
  message: "有 1 处需要修改",
  field: null,
  problems: [{ field: "qty", message: "数量不能为负数" }],
};

describe("useSubmit", () => {
  it("puts a refusal beside its field and over the dialog, and says nothing was saved", async () => {
    const s = useSubmit<"qty">("alert");
    const ok = await s.submit(() => Promise.reject(refusal));
    expect(ok).toBe(false);
    expect(s.errors.qty).toBe("数量不能为负数");
    expect(s.summary.value).toBe("有 1 处需要修改。未保存。");
    expect(s.busy.value).toBe(false);
  });

  it("clears the problems when the next try succeeds and hands over the result", async () => {
    const s = useSubmit<"qty">("alert");
    await s.submit(() => Promise.reject(refusal));
    let got = 0;
    const ok = await s.submit(() => Promise.resolve(7), (n) => (got = n));
    expect(ok).toBe(true);
    expect(got).toBe(7);
    expect(s.errors.qty).toBeUndefined();
    expect(s.summary.value).toBe("");
  });

  it("shows a refusal as a message in a page's form, and runs one submission at a time", async () => {
    shown.length = 0;
    const s = useSubmit();
    let release!: () => void;
    const first = s.submit(() => new Promise<void>((r) => (release = r)));
    expect(s.busy.value).toBe(true);
    expect(await s.submit(() => Promise.resolve())).toBe(false);
    release();
    expect(await first).toBe(true);
    await s.submit(() => Promise.reject(refusal));
    expect(shown).toEqual(["有 1 处需要修改"]);
    expect(s.summary.value).toBe("");
  });
});
