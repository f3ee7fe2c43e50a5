import { defineConfig } from "vitest/config";

// One run, one project per environment: node (shared), workerd (worker), jsdom (pwa), node with
// real Chromium, wrangler dev and Deno (tests/). Each folder owns its project config.
export default defineConfig({
  test: {
    projects: ["*/vitest.config.ts"],
  },
});
