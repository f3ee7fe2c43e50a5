// `npm start`: everything on one machine. Installs what is missing, builds the panel, applies the
// local D1 migrations, and serves monitor + panel + console from one wrangler dev on loopback.
import { ensureDependencies, npmRun, run } from "./lib/setup.mjs";

process.env.WRANGLER_SEND_METRICS = "false";
const port = process.env.PORT ?? "8787";
try {
  ensureDependencies();
  npmRun("build");
  npmRun("migrate");
  console.log(`
callout is starting on http://127.0.0.1:${port}
  panel    http://127.0.0.1:${port}/
  console  http://127.0.0.1:${port}/console   (local operator token: callout-local-operator)
  enrollment key for local registration:    callout-local-enrollment
`);
  run("npx", ["wrangler", "dev", "--ip", "127.0.0.1", "--port", port, "--var", "CALLOUT_LOCAL:1"]);
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
