import { applyD1Migrations, env } from "cloudflare:test";

// Each test file gets its own isolated D1; migrations go in before its tests run.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
