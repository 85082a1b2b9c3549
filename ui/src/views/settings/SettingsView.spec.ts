// Component tests of the settings form. The backend is replaced at the api
// module boundary (views only talk to the backend through ui/src/api), so these test what
// the form does with the answers: fill, send the typed text, show errors.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { flushPromises, mount } from "@vue/test-utils";
import ElementPlus from "element-plus";
import SettingsViewComp from "./SettingsView.vue";
import { ApiError } from "../../api/core";
import { getSettings, saveSettings } from "../../api/commands";
import type { SettingsInput, SettingsView } from "../../api/contract";

vi.mock("../../api/commands", async (original) => ({
  ...(await original<typeof import("../../api/commands")>()),
  getSettings: vi.fn(),
  saveSettings: vi.fn(),
}));
vi.mock("../../lib/appState", async () => {
  const { ref } = await import("vue");
  // no shop status: not the demo, so no 开始使用本店数据 card
  return { refreshStatus: vi.fn(), status: ref(null) };
});


const input: SettingsInput = {
  shopName: "示例店铺·宏达摩托4S店",
  brands: "豪爵",
  region: "河南省周口市郸城县",
  address: "城关镇建设路88号",
  serviceStationCode: "HJ-HN-0328",
  annualVehicleSales: "280",
  vehicleParc: "1900",
  partsConsumptionPerVehicle: "320.00",
  inventoryBasis: "sales",
  inventoryFactor: "0.3",
  firstSupplyDays: "2",
  firstTimeSupplyMin: "90",
  firstTimeSupplyQtyMin: "90",
  slowMovingMax: "5",
  warrantyCostMax: "8",
  filingMin: "100",
  followUpMin: "100",
  inspectionMin: "75",
};

function view(over: Partial<SettingsInput> = {}, saved = true): SettingsView {
  return {
    settings: {} as SettingsView["settings"],
    input: { ...input, ...over },
    saved,
    inventoryReference: "26880.00",
    suggestedInventoryFactor: null,
    targets: [
      { no: 6, cmp: ">", goal: "90", text: "> 90%", words: "高于 90%" },
      { no: 7, cmp: "≤", goal: "5", text: "≤ 5%", words: "不高于 5%" },
      { no: 9, cmp: "≤", goal: "8", text: "≤ 8%", words: "不高于 8%" },
      { no: 12, cmp: "≥", goal: "100", text: "≥ 100%", words: "不低于 100%" },
      { no: 14, cmp: "≥", goal: "100", text: "≥ 100%", words: "不低于 100%" },
      { no: 20, cmp: ">", goal: "75", text: "> 75%", words: "高于 75%" },
    ],
  };
}

async function mountForm() {
  // the backup and login cards have their own backends; these tests are about the form
  const w = mount(SettingsViewComp, {
    global: { plugins: [ElementPlus], stubs: { BackupCard: true, LoginCard: true } },
    attachTo: document.body,
  });
  await flushPromises();
  return w;
}

describe("店铺设置 form", () => {
  beforeEach(() => {
    vi.mocked(getSettings).mockReset();
    vi.mocked(saveSettings).mockReset();
  });

  it("shows the saved settings and the inventory reference in yuan", async () => {
    vi.mocked(getSettings).mockResolvedValue(view());
    const w = await mountForm();
    expect((w.find('[data-testid="shopName"]').element as HTMLInputElement).value).toBe("示例店铺·宏达摩托4S店");
    expect((w.find('[data-testid="inspectionMin"]').element as HTMLInputElement).value).toBe("75");
    expect(w.find('[data-testid="inventoryReference"]').text()).toBe("¥26,880.00");
    expect(w.text()).toContain("原文参考：> 75%");
    w.unmount();
  });

  it("sends exactly what was typed and shows the saved result", async () => {
    vi.mocked(getSettings).mockResolvedValue(view());
    vi.mocked(saveSettings).mockResolvedValue(view({ shopName: "新名字" }));
    const w = await mountForm();
    await w.find('[data-testid="shopName"]').setValue("新名字");
    await w.find('[data-testid="annualVehicleSales"]').setValue("1,200");
    await w.find('[data-testid="save-settings"]').trigger("click");
    await flushPromises();
    expect(saveSettings).toHaveBeenCalledTimes(1);
    const sent = vi.mocked(saveSettings).mock.calls[0][0];
    expect(sent.shopName).toBe("新名字");
    expect(sent.annualVehicleSales).toBe("1,200");
    expect(w.find('[data-testid="settings-error"]').exists()).toBe(false);
    w.unmount();
  });

  it("puts each backend problem next to its field and says nothing was saved", async () => {
    vi.mocked(getSettings).mockResolvedValue(view());
    vi.mocked(saveSettings).mockRejectedValue(
      new ApiError("validation", "共 2 处错误，第一处：请填写店铺名称", undefined, [
        { field: "shopName", message: "请填写店铺名称" },
        { field: "targets.inspectionMin", message: "点检率目标须在 0% 到 100% 之间" },
      ]),
    );
    const w = await mountForm();
    await w.find('[data-testid="shopName"]').setValue("");
    await w.find('[data-testid="inspectionMin"]').setValue("120");
    await w.find('[data-testid="save-settings"]').trigger("click");
    await flushPromises();
    expect(w.find('[data-testid="settings-error"]').text()).toContain("有 2 处需要修改，设置未保存。");
    // Element Plus shows a field's error after a 100 ms debounce
    await new Promise((r) => setTimeout(r, 250));
    const itemErrors = w.findAll(".el-form-item__error").map((e) => e.text());
    expect(itemErrors).toEqual(["请填写店铺名称", "点检率目标须在 0% 到 100% 之间"]);
    // the typed values stay in the form for correction
    expect((w.find('[data-testid="inspectionMin"]').element as HTMLInputElement).value).toBe("120");
    w.unmount();
  });

  it("asks a new shop to fill in its name", async () => {
    vi.mocked(getSettings).mockResolvedValue(view({ shopName: "", brands: "" }, false));
    const w = await mountForm();
    expect(w.text()).toContain("这是新店铺：请填写店铺名称和服务品牌，然后保存。");
    w.unmount();
  });
});
