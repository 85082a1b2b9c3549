import { defineConfig } from "vitest/config";
import vue from "@vitejs/plugin-vue";

// The UI is served by Tauri from ui/dist (no network); `npm run dev` is only
// for working on the UI with a Tauri dev build.
export default defineConfig({
  plugins: [vue()],
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
    include: ["src/**/*.spec.ts"],
  },
});
