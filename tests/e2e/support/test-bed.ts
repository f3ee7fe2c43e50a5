import { afterAll, afterEach, beforeAll } from "vitest";
import { type MonitorServer, startMonitor } from "../../support/wrangler-dev.ts";
import { type OpenPanel, openPanel } from "./panel.ts";

/** What a browser test file gets from `panelTestBed`. */
export interface PanelTestBed {
  /** The file's wrangler dev (started before the first test). */
  readonly monitor: MonitorServer;
  /** A panel in a fresh profile (a new device), closed after the test. */
  openPanel(): Promise<OpenPanel>;
}

/** One wrangler dev per test file, and a fresh panel per test that is closed when the test ends. */
export function panelTestBed(): PanelTestBed {
  let monitor: MonitorServer | undefined;
  let panel: OpenPanel | undefined;
  beforeAll(async () => {
    monitor = await startMonitor();
  });
  afterEach(async () => {
    await panel?.close();
    panel = undefined;
  });
  afterAll(async () => {
    await monitor?.stop();
  });
  return {
    get monitor() {
      if (!monitor) throw new Error("the monitor starts in beforeAll; use it inside tests");
      return monitor;
    },
    async openPanel() {
      panel = await openPanel(this.monitor.origin);
      return panel;
    },
  };
}
