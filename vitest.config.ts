import { defineConfig } from "vitest/config";

// One run, one project per environment: node (shared), workerd (worker), jsdom (pwa), node + real
// Chromium and wrangler dev (tests/e2e).
export default defineConfig({
  test: {
    projects: ["shared/vitest.config.ts"],
  },
});
