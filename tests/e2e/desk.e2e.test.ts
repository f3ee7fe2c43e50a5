// What the dispatch desk does reaches the person at the device: the panel polls its reports' state
// (about every 5 s) and the alert's status line follows acknowledge and assign.
import { afterAll, beforeAll, expect, it } from "vitest";
import { type MonitorServer, startMonitor } from "../support/wrangler-dev.ts";
import { FATAL } from "./support/codes.ts";
import { actOnTicket, deviceTickets } from "./support/monitor-api.ts";
import {
  openPanel,
  raiseFault,
  registerThroughUi,
  waitForAlertScreen,
  waitForStatus,
} from "./support/panel.ts";
import { panelDeviceId } from "./support/panel-storage.ts";

let monitor: MonitorServer;

beforeAll(async () => {
  monitor = await startMonitor();
});
afterAll(async () => {
  await monitor?.stop();
});

it("a ticket acknowledged, then assigned on the desk shows as acknowledged, then assigned with the technician", async () => {
  const panel = await openPanel(monitor.origin);
  try {
    const { page } = panel;
    await registerThroughUi(page, { expectLink: "up" });
    await raiseFault(page, FATAL);
    const screen = await waitForAlertScreen(page, FATAL, "fatal");
    await waitForStatus(screen, "sent");
    const [ticket] = await deviceTickets(monitor.origin, await panelDeviceId(page));
    if (!ticket) throw new Error("no ticket opened for the fatal alert");

    await actOnTicket(monitor.origin, ticket.id, "acknowledge");
    await waitForStatus(screen, "acknowledged");

    await actOnTicket(monitor.origin, ticket.id, { assignee: "Sato", note: "bringing a fuser" });
    await waitForStatus(screen, "assigned");
    const status = screen.locator('[data-status="assigned"]');
    await status.getByText("Technician: Sato").waitFor({ state: "visible" });
    expect(await status.getByText("Note from the service desk: bringing a fuser").count()).toBe(1);
  } finally {
    await panel.close();
  }
});
