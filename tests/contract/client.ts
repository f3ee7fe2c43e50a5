import { expect } from "vitest";
import { type AlertReport, ErrorBodySchema } from "../../shared/schemas.ts";
import { LOCAL_ENROLLMENT_KEY, LOCAL_OPERATOR_TOKEN } from "../../worker/config.ts";

// HTTP helpers for the contract suite: plain fetch against a running monitor started with
// CALLOUT_LOCAL=1, so the documented local secrets apply on every runtime.

/** A running monitor; `origin` is filled in by the runtime's beforeAll before any test runs. */
export interface ContractTarget {
  origin: string;
}

export const ENROLLMENT = LOCAL_ENROLLMENT_KEY;
export const OPERATOR = LOCAL_OPERATOR_TOKEN;

export function call(target: ContractTarget, path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${target.origin}${path}`, { redirect: "manual", ...init });
}

export function jsonInit(method: string, body: unknown, token?: string): RequestInit {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  return { method, headers, body: typeof body === "string" ? body : JSON.stringify(body) };
}

export function bearer(token: string, method = "GET"): RequestInit {
  return { method, headers: { authorization: `Bearer ${token}` } };
}

/** A device id no earlier test in this run used: storage lives as long as the server. */
export function freshId(prefix: string): string {
  return `${prefix}-${crypto.randomUUID().slice(0, 12)}`;
}

export function registration(deviceId: string) {
  return {
    deviceId,
    model: "imageRUNNER contract",
    services: ["fault-monitoring", "technician-dispatch"],
    consent: { termsVersion: "2026-11", acceptedAt: "2026-11-25T09:00:00.000Z" },
  };
}

/** Registers a device and returns its token. */
export async function register(target: ContractTarget, deviceId: string): Promise<string> {
  const response = await call(target, "/v1/devices", jsonInit("POST", registration(deviceId), ENROLLMENT));
  expect(response.status).toBe(201);
  return ((await response.json()) as { token: string }).token;
}

/** A fatal fieldService report with a fresh id; override any field. */
export function report(deviceId: string, overrides: Partial<AlertReport> = {}): AlertReport {
  return {
    id: freshId("r"),
    deviceId,
    code: "mib:printer.30",
    level: "fatal",
    functions: ["print", "copy", "scan", "fax", "send"],
    training: "fieldService",
    state: "firing",
    occurredAt: "2026-11-25T10:00:00.000Z",
    userPrompted: false,
    ...overrides,
  };
}

export function postAlerts(target: ContractTarget, token: string, alerts: readonly AlertReport[]) {
  return call(target, "/v1/alerts", jsonInit("POST", { alerts }, token));
}

/** Asserts the status and that the body is the one error shape, then returns its code. */
export async function expectError(response: Response, status: number, code: string): Promise<unknown> {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  const body = ErrorBodySchema.parse(await response.json());
  expect(body.error.code).toBe(code);
  return body.error.details;
}
