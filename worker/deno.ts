import { createApp } from "./app.ts";
import { readConfig } from "./config.ts";
import { openDatabase } from "./deno/database.ts";
import { startDenoDispatcher } from "./deno/dispatch.ts";
import { withPanelFiles } from "./deno/panel-files.ts";
import { deno } from "./deno/runtime.ts";
import { createSqliteStore } from "./deno/sqlite-store.ts";

// The Deno entry: the same app over SQLite, ticket events delivered from the pending table by a
// timer, the built panel from pwa/dist. Run command and variables: docs/deno.md.
const CONFIG_NAMES = [
  "CALLOUT_LOCAL",
  "ENROLLMENT_KEY",
  "OPERATOR_TOKEN",
  "DISPATCH_URL",
  "DISPATCH_SECRET",
] as const;
type ConfigName = (typeof CONFIG_NAMES)[number];
const { env } = deno();
const root = new URL("..", import.meta.url).pathname;
const db = await openDatabase(env.get("CALLOUT_DB") || ".deno-data/callout.sqlite", `${root}migrations`);
const store = createSqliteStore(db);
const config = readConfig(
  Object.fromEntries(CONFIG_NAMES.map((name) => [name, env.get(name)])) as Record<ConfigName, string>,
);
const now = () => new Date();
const dispatcher = startDenoDispatcher({
  store,
  config,
  now,
  fetcher: (request) => fetch(request),
  retryBaseMs: Number(env.get("DISPATCH_RETRY_BASE_MS") || 10_000),
});
const app = withPanelFiles(createApp({ store, queue: dispatcher.queue, config, now }), `${root}pwa/dist`);
const server = deno().serve({ hostname: "127.0.0.1", port: Number(env.get("PORT") || 8000) }, (request) =>
  app.fetch(request),
);

const shutdown = async () => {
  await server.shutdown();
  await dispatcher.stop();
  db.close();
  deno().exit(0);
};
deno().addSignalListener("SIGINT", () => void shutdown());
deno().addSignalListener("SIGTERM", () => void shutdown());
