import { createApp } from "vue";
import { ElLoading, ElMessage, provideGlobalConfig } from "element-plus";
import zhCn from "element-plus/es/locale/lang/zh-cn";
import "element-plus/es/components/base/style/css";
import "element-plus/es/components/message/style/css";
import "element-plus/es/components/loading/style/css";
import "./styles.css";
import App from "./App.vue";
import { router } from "./router";
import { prefetchDashboard } from "./api/dashboard";
import { refreshStatus, startStatus } from "./lib/appState";
import { afterStart } from "./lib/painted";

// Element Plus by parts: the components and their styles come with the
// templates that use them (vite.config.ts); here only the Chinese locale for
// all of them and the services called from scripts (messages, v-loading)
// with their styles; message boxes join after the first paint
// (lib/messageBox.ts).

performance.mark("main");
// when the window opens on the desk, its figures are asked for before the
// page has set itself up; which page to show (and who is working) the
// backend put in the page (lib/appState.ts), asked again once it has painted
if (["", "#/", "#/dashboard"].includes(location.hash)) prefetchDashboard();
void startStatus();
void afterStart().then(() => refreshStatus());
const app = createApp(App);
provideGlobalConfig({ locale: zhCn }, app, true);
app.use(ElLoading).use(ElMessage).use(router);
// mounted once the first route is resolved: the shell and the screen in it
// are drawn in one pass (not the shell first and the screen a task later);
// a first navigation that failed mounts the window all the same
const mount = () => void app.mount("#app");
void router.isReady().then(mount, mount);
// message boxes once the first screen has painted
void afterStart().then(() => import("./lib/messageBox").then((m) => m.installMessageBox(app)));
