// ElMessageBox joined to the app (its buttons in the app's locale, 确定 /
// 取消) after the first screen has painted: the screens import and call it
// themselves, and none can before a click, so the first screen need not
// carry it (main.ts).
import type { App } from "vue";
import { ElMessageBox } from "element-plus";
import "element-plus/es/components/message-box/style/css";

export function installMessageBox(app: App): void {
  app.use(ElMessageBox);
}
