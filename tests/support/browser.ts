import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium } from "playwright-core";

/** Launch flags that work on this machine's closed network (see TOOLCHAIN.md). */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface PanelBrowser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Debian's Chromium in a persistent profile: installability checks and service-worker caches
 * need a real (non-incognito) profile, and reload/restart tests need it to survive.
 */
export async function launchPanelBrowser(userDataDir?: string): Promise<PanelBrowser> {
  const dir = userDataDir ?? mkdtempSync(join(tmpdir(), "callout-chromium-"));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
    headless: true,
  });
  return {
    context,
    async close() {
      await context.close();
      if (!userDataDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
