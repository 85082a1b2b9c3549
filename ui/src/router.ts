import { createRouter, createWebHashHistory, type RouteRecordRaw } from "vue-router";
import SettingsView from "./views/settings/SettingsView.vue";
import PartsView from "./views/parts/PartsView.vue";
import CustomersView from "./views/customers/CustomersView.vue";
import WarrantyView from "./views/warranty/WarrantyView.vue";
import DashboardView from "./views/dashboard/DashboardView.vue";
import StaffView from "./views/staff/StaffView.vue";
import AuditView from "./views/audit/AuditView.vue";
import NetworkView from "./views/network/NetworkView.vue";
import { ElMessage } from "element-plus";
import { mayOpen } from "./lib/appState";

/** The main areas, in the order of the navigation. */
export const areas = [
  { path: "/dashboard", title: "工作台（指标）", icon: "DataLine" },
  { path: "/parts", title: "配件", icon: "Box" },
  { path: "/warranty", title: "三包", icon: "DocumentChecked" },
  { path: "/customers", title: "客户与维修", icon: "User" },
  { path: "/network", title: "服务网络", icon: "Connection" },
  { path: "/staff", title: "人员与现场", icon: "Avatar" },
  { path: "/settings", title: "设置", icon: "Setting" },
  { path: "/audit", title: "操作日志", icon: "Tickets" },
] as const;

const routes: RouteRecordRaw[] = [
  { path: "/", redirect: "/dashboard" },
  { path: "/dashboard", component: DashboardView, meta: { title: "工作台（指标）" } },
  { path: "/parts", component: PartsView, meta: { title: "配件" } },
  { path: "/customers", component: CustomersView, meta: { title: "客户与维修" } },
  { path: "/warranty", component: WarrantyView, meta: { title: "三包" } },
  { path: "/network", component: NetworkView, meta: { title: "服务网络" } },
  { path: "/staff", component: StaffView, meta: { title: "人员与现场" } },
  { path: "/settings", component: SettingsView, meta: { title: "设置" } },
  { path: "/audit", component: AuditView, meta: { title: "操作日志" } },
  { path: "/:pathMatch(.*)*", redirect: "/dashboard" },
];

export const router = createRouter({ history: createWebHashHistory(), routes });

// An area the signed-in role may not open is refused here too (the menu
// hides it; core refuses its commands whatever the screen does).
router.beforeEach((to) => {
  if (to.path !== "/dashboard" && !mayOpen(to.path)) {
    ElMessage.warning(`没有权限打开「${String(to.meta.title ?? to.path)}」`);
    return "/dashboard";
  }
  return true;
});
