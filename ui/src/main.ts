import { createApp } from "vue";
import { ElLoading, ElMessage, ElMessageBox, provideGlobalConfig } from "element-plus";
import zhCn from "element-plus/es/locale/lang/zh-cn";
import "element-plus/dist/index.css";
import "./styles.css";
import App from "./App.vue";
import { router } from "./router";

// Element Plus by parts: the components come with the templates that use
// them (vite.config.ts); here only the Chinese locale for all of them and the
// services called from scripts (messages, message boxes, v-loading).
const app = createApp(App);
provideGlobalConfig({ locale: zhCn }, app, true);
app.use(ElLoading).use(ElMessage).use(ElMessageBox).use(router).mount("#app");
