import { startMonitor } from "../tests/support/wrangler-dev.ts";
import { LOCAL_OPERATOR_TOKEN } from "../worker/config.ts";
import { registerDevices } from "./devices.ts";
import { type Percentiles, percentiles } from "./stats.ts";

// Alert raised → ticket on the desk, on loopback: POST /v1/alerts from a registered device, then
// GET /v1/tickets?status=active with the operator token until the ticket is listed.

const OPERATOR = LOCAL_OPERATOR_TOKEN;
const CODE = "mib:5.30";

/** `raises` firing reports (each resolved afterwards so the next opens a new ticket). */
export async function benchTicketLatency(raises = 50): Promise<Percentiles> {
  const monitor = await startMonitor();
  try {
    const [device] = await registerDevices(monitor.origin, 1, `tl${Date.now().toString(36)}`);
    if (!device) throw new Error("no device");
    const post = (id: string, state: "firing" | "resolved") =>
      fetch(`${monitor.origin}/v1/alerts`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${device.token}` },
        body: JSON.stringify({
          alerts: [
            {
              id,
              deviceId: device.deviceId,
              code: CODE,
              level: "fatal",
              functions: ["print", "copy", "scan", "fax", "send"],
              training: "fieldService",
              state,
              occurredAt: new Date().toISOString(),
              userPrompted: false,
            },
          ],
        }),
      }).then((r) => r.text());
    const samples: number[] = [];
    for (let i = 0; i < raises + 3; i++) {
      const started = performance.now();
      await post(`tl-${i}-f`, "firing");
      while (!(await ticketListed(monitor.origin, device.deviceId))) {
        // Poll again at once: the figure is the time until the desk can see it.
      }
      if (i >= 3) samples.push(performance.now() - started); // the first few warm the isolate
      await post(`tl-${i}-r`, "resolved");
    }
    return percentiles(samples);
  } finally {
    await monitor.stop();
  }
}

async function ticketListed(origin: string, deviceId: string): Promise<boolean> {
  const response = await fetch(`${origin}/v1/tickets?status=active`, {
    headers: { authorization: `Bearer ${OPERATOR}` },
  });
  const { tickets } = (await response.json()) as { tickets: { deviceId: string; code: string }[] };
  return tickets.some((t) => t.deviceId === deviceId && t.code === CODE);
}
