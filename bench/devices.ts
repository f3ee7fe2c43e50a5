import { LOCAL_ENROLLMENT_KEY } from "../worker/config.ts";
import type { BenchDevice } from "./ingest-scripts.ts";

/** Registers `count` devices with the monitor (consent given now) and returns their tokens. */
export async function registerDevices(origin: string, count: number, prefix: string): Promise<BenchDevice[]> {
  const devices: BenchDevice[] = [];
  for (let i = 0; i < count; i++) {
    const deviceId = `${prefix}-${i}`;
    const response = await fetch(`${origin}/v1/devices`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${LOCAL_ENROLLMENT_KEY}` },
      body: JSON.stringify({
        deviceId,
        model: "bench MFP",
        services: ["fault-monitoring"],
        consent: { termsVersion: "2026-11", acceptedAt: new Date().toISOString() },
      }),
    });
    if (response.status !== 201)
      throw new Error(`registering ${deviceId}: ${response.status} ${await response.text()}`);
    const { token } = (await response.json()) as { token: string };
    devices.push({ deviceId, token });
  }
  return devices;
}
