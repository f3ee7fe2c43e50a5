// The whole test suite from a fresh clone: install what is missing, then format/lint, typecheck,
// build the panel, and run every vitest project (node, workerd, jsdom, Chromium + wrangler dev, Deno).
import { ensureChromium, ensureDependencies, npmRun, run } from "./lib/setup.mjs";

process.env.WRANGLER_SEND_METRICS = "false";
const started = Date.now();
try {
  ensureDependencies();
  ensureChromium();
  npmRun("lint");
  npmRun("typecheck");
  npmRun("build");
  run("npx", ["vitest", "run", ...process.argv.slice(2)]);
  console.log(`\nall checks passed in ${Math.round((Date.now() - started) / 1000)} s`);
} catch (error) {
  console.error(`\n${error.message}`);
  process.exit(1);
}
