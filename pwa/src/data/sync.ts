// Delivery of the outbox: registration first, then batches of up to 100 in send order. Shared by the
// page and the service worker; the outbox lock keeps them from sending the same batch at once.
import type { DeliveryProblem } from "../engine/types.ts";
import { type ApiClient, type ApiFailure, isRetryable } from "./api-client.ts";
import { backoffDelay } from "./backoff.ts";
import type { PanelDatabase } from "./db.ts";
import { type LockManagerLike, withOutboxLock } from "./lock.ts";
import { deleteMeta, getMeta, setMeta } from "./meta.ts";
import { acknowledge, hold, markFailed, takeBatch } from "./outbox.ts";

/** Background Sync tag the page registers and the service worker answers. */
export const SYNC_TAG = "callout-outbox";

export interface SyncDeps {
  readonly db: PanelDatabase;
  readonly api: ApiClient;
  readonly now?: () => number;
  readonly random?: () => number;
  /** Lock manager; omitted means this context's `navigator.locks` (or the in-process fallback). */
  readonly locks?: LockManagerLike | null;
  /** An explicit flush (the user, a test): skips the backoff wait, never the monitor's Retry-After. */
  readonly force?: boolean;
}

export type FlushOutcome =
  | "done" // outbox empty
  | "off" // monitoring off: nothing sent, nothing asked
  | "unregistered" // no token (registration refused or not made)
  | "wait" // a send failed or Retry-After holds; retry after `retryInMs`
  | "problem"; // the monitor refused for a reason retrying will not fix

export interface FlushResult {
  readonly outcome: FlushOutcome;
  /** Reports the monitor acknowledged during this flush. */
  readonly delivered: number;
  readonly retryInMs: number | null;
}

/** Sends what the outbox holds, under the outbox lock. */
export function flushOutbox(deps: SyncDeps): Promise<FlushResult> {
  const run = () => flushLocked(deps);
  return deps.locks === undefined ? withOutboxLock(run) : withOutboxLock(run, deps.locks);
}

async function flushLocked(deps: SyncDeps): Promise<FlushResult> {
  const { db, api } = deps;
  const now = deps.now ?? Date.now;
  const settings = await getMeta(db, "settings");
  if (!settings?.monitoring) return { outcome: "off", delivered: 0, retryInMs: null };
  const retry = await getMeta(db, "retry");
  if (retry && retry.notBefore > now() && (retry.fromServer || !deps.force)) {
    // Held back, so not sent now: the reports waiting count as failed sends (the screen says so).
    await markFailed(
      db,
      (await takeBatch(db)).map((r) => r.id),
      now(),
    );
    return { outcome: "wait", delivered: 0, retryInMs: retry.notBefore - now() };
  }

  if ((await getMeta(db, "registration")) === "pending") {
    const registered = await sendRegistration(deps, settings.enrollmentKey);
    if (registered) return registered;
  }
  const token = await getMeta(db, "token");
  if (token === undefined) return { outcome: "unregistered", delivered: 0, retryInMs: null };

  let delivered = 0;
  for (;;) {
    const batch = await takeBatch(db);
    if (batch.length === 0) {
      await deleteMeta(db, "retry");
      return { outcome: "done", delivered, retryInMs: null };
    }
    const ids = batch.map((r) => r.id);
    const result = await api.sendAlerts(
      token,
      batch.map((r) => r.report),
    );
    if (result.kind !== "ok") return { ...(await failed(deps, ids, result)), delivered };
    const wanted = new Set(ids);
    const acked = result.value.results.filter((r) => wanted.has(r.id)).map((r) => r.id);
    const removed = await acknowledge(db, acked, now());
    delivered += removed;
    if (removed === 0) {
      // An answer that acknowledges nothing would loop forever; treat it as a failed send.
      const none: ApiFailure = {
        kind: "http",
        status: 502,
        code: "no_ack",
        message: "nothing acknowledged",
        retryAfterMs: null,
      };
      return { ...(await failed(deps, ids, none)), delivered };
    }
    await deleteMeta(db, "retry");
  }
}

/** Sends the waiting registration; returns a result only when the flush must stop there. */
async function sendRegistration(deps: SyncDeps, enrollmentKey: string): Promise<FlushResult | null> {
  const { db, api } = deps;
  const request = await getMeta(db, "registrationRequest");
  if (!request) {
    await setMeta(db, "registration", "none");
    return { outcome: "unregistered", delivered: 0, retryInMs: null };
  }
  const result = await api.registerDevice(enrollmentKey, request);
  const settings = await getMeta(db, "settings");
  if (!settings?.monitoring) {
    // Consent was withdrawn while the request was out: the new token must not outlive it.
    if (result.kind === "ok")
      await api.withdrawDevice(result.value.token, request.deviceId, settings?.linkTimeoutMs);
    return { outcome: "off", delivered: 0, retryInMs: null };
  }
  if (result.kind === "ok") {
    await setMeta(db, "token", result.value.token);
    await setMeta(db, "registration", "registered");
    await deleteMeta(db, "registrationRequest");
    const problem = await getMeta(db, "problem");
    if (problem?.code.startsWith("registration")) await deleteMeta(db, "problem");
    return null;
  }
  if (isRetryable(result)) return scheduleRetry(deps, result);
  // A wrong enrollment key: monitoring stays on and the installer sees why (docs/panel.md).
  await setMeta(db, "registration", "refused");
  await setProblem(deps, "registration-refused", result, []);
  return { outcome: "problem", delivered: 0, retryInMs: null };
}

async function failed(deps: SyncDeps, ids: readonly string[], failure: ApiFailure): Promise<FlushResult> {
  const now = deps.now ?? Date.now;
  await markFailed(deps.db, ids, now());
  if (isRetryable(failure)) return scheduleRetry(deps, failure);
  await hold(deps.db, ids);
  await setProblem(deps, failure.kind === "http" ? failure.code : failure.kind, failure, ids);
  return { outcome: "problem", delivered: 0, retryInMs: null };
}

async function scheduleRetry(deps: SyncDeps, failure: ApiFailure): Promise<FlushResult> {
  const now = (deps.now ?? Date.now)();
  const attempt = (await getMeta(deps.db, "retry"))?.attempt ?? 0;
  const retryAfterMs = failure.kind === "http" ? failure.retryAfterMs : null;
  const random = deps.random ?? Math.random;
  const delay = retryAfterMs ?? backoffDelay(attempt, { random });
  // The deadline is stored, so the worker's timer, start-up and online flushes all wait for it too.
  await setMeta(deps.db, "retry", {
    attempt: attempt + 1,
    notBefore: now + delay,
    fromServer: retryAfterMs !== null,
  });
  return { outcome: "wait", delivered: 0, retryInMs: delay };
}

async function setProblem(
  deps: SyncDeps,
  code: string,
  failure: ApiFailure,
  ids: readonly string[],
): Promise<void> {
  const previous = await getMeta(deps.db, "problem");
  const reportIds = [...new Set([...(previous?.reportIds ?? []), ...ids])];
  const message = failure.kind === "http" ? failure.message : failure.kind;
  const problem: DeliveryProblem = {
    code,
    message,
    at: new Date((deps.now ?? Date.now)()).toISOString(),
    reportIds,
  };
  await setMeta(deps.db, "problem", problem);
}
