import { defineConfig } from "vitest/config";
import vue from "@vitejs/plugin-vue";
import Components from "unplugin-vue-components/vite";
import { ElementPlusResolver } from "unplugin-vue-components/resolvers";

// The UI is served by Tauri from ui/dist (no network); `npm run dev` is only
// for working on the UI with a Tauri dev build.
export default defineConfig({
  // Element Plus components, and each one's stylesheet, are imported where a
  // template uses them (not the whole library at start); main.ts adds the
  // styles of the services called from scripts
  plugins: [vue(), Components({ resolvers: [ElementPlusResolver({ importStyle: "css" })], dts: false })],
  clearScreen: false,
  base: "./",
  server: { port: 1420, strictPort: true, host: "127.0.0.1" },
  build: {
    // WebKitGTK 2.4x on Debian 12 and WebView2 on Windows both handle ES2021.
    target: "es2021",
    chunkSizeWarningLimit: 2000,
    sourcemap: false,
  },
  test: {
    environment: "happy-dom",
    // the components' stylesheets are imported from element-plus/es: let
    // vite, not node, load them
    server: { deps: { inline: ["element-plus"] } },
    include: ["src/**/*.spec.ts"],
  },
});
