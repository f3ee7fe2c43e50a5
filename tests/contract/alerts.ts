import { describe, expect, it } from "vitest";
import { AlertBatchResultSchema, AlertStatusSchema, MAX_BODY_BYTES } from "../../shared/schemas.ts";
import {
  bearer,
  type ContractTarget,
  call,
  expectError,
  freshId,
  jsonInit,
  postAlerts,
  register,
  report,
} from "./client.ts";

async function results(response: Response) {
  expect(response.status).toBe(200);
  return AlertBatchResultSchema.parse(await response.json()).results;
}

/** Ingest (idempotency, all-or-nothing, ownership, body limits) and the per-report status. */
export function alertsContract(target: ContractTarget): void {
  describe("alert ingest", () => {
    it("accepts new reports and answers duplicates for repeats, in this batch or a later one", async () => {
      const deviceId = freshId("ing");
      const token = await register(target, deviceId);
      const [a, b] = [report(deviceId), report(deviceId, { level: "sign", training: "trained" })];
      expect(await results(await postAlerts(target, token, [a, b, a]))).toEqual([
        { id: a.id, status: "accepted" },
        { id: b.id, status: "accepted" },
        { id: a.id, status: "duplicate" },
      ]);
      expect(await results(await postAlerts(target, token, [b]))).toEqual([
        { id: b.id, status: "duplicate" },
      ]);
    });

    it("stores nothing of a batch with one bad report", async () => {
      const deviceId = freshId("aon");
      const token = await register(target, deviceId);
      const good = report(deviceId);
      const bad = { ...report(deviceId), level: "catastrophic" };
      const response = await call(target, "/v1/alerts", jsonInit("POST", { alerts: [good, bad] }, token));
      const details = (await expectError(response, 422, "validation_failed")) as { issues: unknown[] };
      expect(details.issues.length).toBeGreaterThan(0);
      await expectError(await call(target, `/v1/alerts/${good.id}`, bearer(token)), 404, "alert_not_found");
      expect(await results(await postAlerts(target, token, [good]))).toEqual([
        { id: good.id, status: "accepted" },
      ]);
    });

    it("refuses a report carrying another device's id and stores none of the batch", async () => {
      const mine = freshId("own");
      const theirs = freshId("theirs");
      const token = await register(target, mine);
      const theirToken = await register(target, theirs);
      const own = report(mine);
      const foreign = report(theirs);
      await expectError(await postAlerts(target, token, [own, foreign]), 403, "device_mismatch");
      await expectError(await postAlerts(target, token, [foreign]), 403, "device_mismatch");
      await expectError(await call(target, `/v1/alerts/${own.id}`, bearer(token)), 404, "alert_not_found");
      const status = await call(target, `/v1/alerts/${foreign.id}`, bearer(theirToken));
      await expectError(status, 404, "alert_not_found");
    });

    it("refuses without a token, with an unknown one, and after withdrawal", async () => {
      const deviceId = freshId("tok");
      const token = await register(target, deviceId);
      const alerts = [report(deviceId)];
      await expectError(await call(target, "/v1/alerts", jsonInit("POST", { alerts })), 401, "unauthorized");
      await expectError(await postAlerts(target, "y".repeat(43), alerts), 401, "invalid_token");
      await call(target, `/v1/devices/${deviceId}`, bearer(token, "DELETE"));
      await expectError(await postAlerts(target, token, alerts), 401, "invalid_token");
    });

    it("answers 413, 415, 400 and 422 for oversized, non-JSON, malformed and misshapen bodies", async () => {
      const deviceId = freshId("bad");
      const token = await register(target, deviceId);
      const huge = JSON.stringify({ alerts: [report(deviceId)], pad: "x".repeat(MAX_BODY_BYTES) });
      await expectError(
        await call(target, "/v1/alerts", jsonInit("POST", huge, token)),
        413,
        "payload_too_large",
      );
      const text = {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "text/plain" },
      };
      const plain = await call(target, "/v1/alerts", { ...text, body: "{}" });
      await expectError(plain, 415, "unsupported_media_type");
      const broken = await call(target, "/v1/alerts", jsonInit("POST", '{"alerts": [', token));
      await expectError(broken, 400, "malformed_json");
      await expectError(
        await call(target, "/v1/alerts", jsonInit("POST", { alerts: [] }, token)),
        422,
        "validation_failed",
      );
      const tooMany = Array.from({ length: 101 }, () =>
        report(deviceId, { level: "sign", training: "trained" }),
      );
      await expectError(await postAlerts(target, token, tooMany), 422, "validation_failed");
      // The server is still serving after every refusal.
      expect((await call(target, "/v1/ping", bearer(token))).status).toBe(200);
    });
  });

  describe("alert status", () => {
    it("tells a device what became of its own report and hides other devices' reports", async () => {
      const deviceId = freshId("st");
      const token = await register(target, deviceId);
      const otherToken = await register(target, freshId("st-other"));
      const fatal = report(deviceId, { code: "mib:printer.1002" });
      const sign = report(deviceId, { level: "sign", training: "trained", code: "mib:printer.1104" });
      await results(await postAlerts(target, token, [fatal, sign]));

      const opened = await call(target, `/v1/alerts/${fatal.id}`, bearer(token));
      expect(opened.status).toBe(200);
      const status = AlertStatusSchema.parse(await opened.json());
      expect(status).toMatchObject({ id: fatal.id, state: "ticket-open" });
      expect(status.ticket).toMatchObject({ deviceId, code: fatal.code, status: "open" });
      const received = AlertStatusSchema.parse(
        await (await call(target, `/v1/alerts/${sign.id}`, bearer(token))).json(),
      );
      expect(received).toEqual({ id: sign.id, state: "received" });

      const other = await call(target, `/v1/alerts/${fatal.id}`, bearer(otherToken));
      await expectError(other, 404, "alert_not_found");
      await expectError(await call(target, `/v1/alerts/${fatal.id}`), 401, "unauthorized");
    });
  });
}
