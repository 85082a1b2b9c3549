import { describe, expect, it, vi } from "vitest";
import { ref } from "vue";

const { error } = vi.hoisted(() => ({ error: vi.fn() }));
vi.mock("element-plus", () => ({ ElMessage: { error } }));

import { act } from "./act";

describe("act", () => {
  it("says a refused command's message and reports it did not run through", async () => {
    error.mockClear();
    const ran = await act(async () => {
      throw { code: "validation", message: "库存不足：现有 2 件" };
    });
    expect(ran).toBe(false);
    expect(error).toHaveBeenCalledWith("库存不足：现有 2 件");
  });

  it("says nothing when a confirmation box is cancelled", async () => {
    error.mockClear();
    expect(await act(() => Promise.reject("cancel"))).toBe(false);
    expect(await act(() => Promise.reject("close"))).toBe(false);
    expect(error).not.toHaveBeenCalled();
  });

  it("reports success", async () => {
    expect(await act(async () => undefined)).toBe(true);
  });

  it("with a busy flag, runs once at a time and clears the flag after a refusal", async () => {
    const busy = ref(false);
    let release: () => void = () => {};
    const slow = act(() => new Promise<void>((r) => (release = r)), { busy });
    expect(busy.value).toBe(true);
    // a second click while the first runs does nothing
    let ran = false;
    expect(await act(async () => void (ran = true), { busy })).toBe(false);
    expect(ran).toBe(false);
    release();
    expect(await slow).toBe(true);
    expect(busy.value).toBe(false);
    expect(await act(() => Promise.reject({ message: "磁盘已满" }), { busy })).toBe(false);
    expect(busy.value).toBe(false);
  });

  it("with a line, says the refusal there and clears it when the action starts again", async () => {
    error.mockClear();
    const line = ref("");
    expect(await act(() => Promise.reject({ message: "密码不对" }), { line })).toBe(false);
    expect(line.value).toBe("密码不对");
    expect(error).not.toHaveBeenCalled();
    expect(await act(async () => undefined, { line })).toBe(true);
    expect(line.value).toBe("");
  });
});
