import { createRouter, createWebHashHistory, type RouteRecordRaw } from "vue-router";
import SettingsView from "./views/settings/SettingsView.vue";
import PartsView from "./views/parts/PartsView.vue";
import CustomersView from "./views/customers/CustomersView.vue";
import WarrantyView from "./views/warranty/WarrantyView.vue";
import DashboardView from "./views/dashboard/DashboardView.vue";
import StaffView from "./views/staff/StaffView.vue";

/** The main areas, in the order of the navigation. */
export const areas = [
  { path: "/dashboard", title: "工作台（指标）", icon: "DataLine" },
  { path: "/parts", title: "配件", icon: "Box" },
  { path: "/warranty", title: "三包", icon: "DocumentChecked" },
  { path: "/customers", title: "客户与维修", icon: "User" },
  { path: "/staff", title: "人员与现场", icon: "Avatar" },
  { path: "/settings", title: "设置", icon: "Setting" },
] as const;

const routes: RouteRecordRaw[] = [
  { path: "/", redirect: "/dashboard" },
  { path: "/dashboard", component: DashboardView, meta: { title: "工作台（指标）" } },
  { path: "/parts", component: PartsView, meta: { title: "配件" } },
  { path: "/customers", component: CustomersView, meta: { title: "客户与维修" } },
  { path: "/warranty", component: WarrantyView, meta: { title: "三包" } },
  { path: "/staff", component: StaffView, meta: { title: "人员与现场" } },
  { path: "/settings", component: SettingsView, meta: { title: "设置" } },
  { path: "/:pathMatch(.*)*", redirect: "/dashboard" },
];

export const router = createRouter({ history: createWebHashHistory(), routes });
