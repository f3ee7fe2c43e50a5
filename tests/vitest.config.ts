import { defineProject } from "vitest/config";

// Browser and process-level tests: real wrangler dev, real Chromium, real Deno. One file at a
// time, since each starts its own servers and 2 cores are shared.
export default defineProject({
  test: {
    name: "e2e",
    environment: "node",
    include: ["**/*.e2e.test.ts", "**/*.integration.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
