import { createRouter, createWebHashHistory, type RouteRecordRaw } from "vue-router";
// the dashboard, the first screen, comes with the app; every other area is
// loaded when it is first opened
import DashboardView from "./views/dashboard/DashboardView.vue";
import { ElMessage } from "element-plus";
import { mayOpen } from "./lib/appState";

/** The main areas, in the order of the navigation. */
export const areas = [
  { path: "/dashboard", title: "工作台", icon: "DataLine" },
  { path: "/parts", title: "配件", icon: "Box" },
  { path: "/warranty", title: "三包", icon: "DocumentChecked" },
  { path: "/customers", title: "客户与维修", icon: "User" },
  { path: "/network", title: "服务网络", icon: "Connection" },
  { path: "/staff", title: "人员与现场", icon: "Avatar" },
  { path: "/documents", title: "工厂文件", icon: "Files" },
  { path: "/settings", title: "设置", icon: "Setting" },
  { path: "/audit", title: "操作日志", icon: "Tickets" },
] as const;

const routes: RouteRecordRaw[] = [
  { path: "/", redirect: "/dashboard" },
  { path: "/dashboard", component: DashboardView, meta: { title: "工作台" } },
  { path: "/parts", component: () => import("./views/parts/PartsView.vue"), meta: { title: "配件" } },
  { path: "/customers", component: () => import("./views/customers/CustomersView.vue"), meta: { title: "客户与维修" } },
  { path: "/warranty", component: () => import("./views/warranty/WarrantyView.vue"), meta: { title: "三包" } },
  { path: "/network", component: () => import("./views/network/NetworkView.vue"), meta: { title: "服务网络" } },
  { path: "/staff", component: () => import("./views/staff/StaffView.vue"), meta: { title: "人员与现场" } },
  { path: "/documents", component: () => import("./views/documents/DocumentsView.vue"), meta: { title: "工厂文件" } },
  { path: "/settings", component: () => import("./views/settings/SettingsView.vue"), meta: { title: "设置" } },
  { path: "/audit", component: () => import("./views/audit/AuditView.vue"), meta: { title: "操作日志" } },
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
