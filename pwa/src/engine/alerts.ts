// Alert lifecycle: raise writes the report before any attempt to send, then the communication test
// (or a recent result) fixes the screen, then the outbox is flushed. Clear closes the screen and
// queues the `resolved` report.
import type { CatalogEntry } from "../../../shared/catalog/index.ts";
import { decideAlert } from "../../../shared/policy.ts";
import type { AlertReport } from "../../../shared/schemas.ts";
import { backoffDelay } from "../data/backoff.ts";
import type { StoredAlert } from "../data/db.ts";
import { enqueue, isQuotaError, markFailed, StorageFullError, setUserPrompted } from "../data/outbox.ts";
import type { EngineContext } from "./context.ts";
import { deliver } from "./delivery.ts";
import { recentLink, testLink } from "./link.ts";

/** Raises a fault; a code already active is left as it is. */
export async function raiseAlert(ctx: EngineContext, code: string, onQueued: () => void): Promise<void> {
  const { state } = ctx;
  const entry = ctx.lookup(code);
  if (state.alerts.has(code) || state.alerts.has(entry.code)) return;
  const monitoring = state.settings.monitoring;
  const known = monitoring ? recentLink(ctx) : null;
  const provisional = decideAlert({ alert: entry, monitoring, link: known ?? "up", send: "pending" });
  const stored: StoredAlert = {
    code: entry.code,
    reportId: ctx.newId(),
    raisedAt: new Date(ctx.now()).toISOString(),
    link: known ?? "up",
    reported: provisional.outbox,
    ticket: null,
    assignee: null,
    deskNote: null,
  };
  state.alerts.set(stored.code, stored);
  // Partial-remote versus partial-contact depends on the test: hold that screen until it is known.
  const waitsForTest = monitoring && known === null && provisional.screen === "partial-remote";
  if (waitsForTest) state.deciding.add(stored.code);
  await persistAlert(ctx, stored);
  if (provisional.outbox) {
    await queueReport(ctx, report(ctx, entry, stored, "firing", stored.reportId, provisional.userPrompted));
    onQueued();
  }
  ctx.emit();
  if (!monitoring) return;

  const link = known ?? (await testLink(ctx, true)).state;
  state.deciding.delete(stored.code);
  if (state.alerts.get(stored.code)?.reportId !== stored.reportId) return; // cleared during the test
  stored.link = link === "up" ? "up" : "down";
  await persistAlert(ctx, stored);
  const decided = decideAlert({ alert: entry, monitoring, link: stored.link, send: "pending" });
  if (stored.reported && decided.userPrompted !== provisional.userPrompted) {
    await setUserPrompted(ctx.db, stored.reportId, decided.userPrompted);
  }
  if (stored.reported && link !== "up") {
    // Not sent at raise time: once it does get through, the status line says it came late.
    await markFailed(ctx.db, [stored.reportId], ctx.now());
    ctx.state.sends.set(stored.reportId, "failed");
    ctx.schedule.once("retry", backoffDelay(0, { random: ctx.random }), () => deliver(ctx));
  }
  ctx.emit();
  if (stored.reported && link === "up") await deliver(ctx);
}

/** Clears a fault: its screen closes and, when its firing report was queued, a resolved one follows. */
export async function clearAlert(ctx: EngineContext, code: string, onQueued: () => void): Promise<void> {
  const { state } = ctx;
  const stored = state.alerts.get(code) ?? state.alerts.get(ctx.lookup(code).code);
  if (!stored) return;
  state.alerts.delete(stored.code);
  state.deciding.delete(stored.code);
  const tx = ctx.db.transaction(["alerts", "reports"], "readwrite");
  await Promise.all([
    tx.objectStore("alerts").delete(stored.code),
    tx.objectStore("reports").delete(stored.reportId),
    tx.done,
  ]);
  const monitoring = state.settings.monitoring;
  if (monitoring && stored.reported) {
    const entry = ctx.lookup(stored.code);
    await queueReport(ctx, report(ctx, entry, stored, "resolved", ctx.newId(), false));
    onQueued();
  }
  ctx.emit();
  if (monitoring && stored.reported) await deliver(ctx);
}

function report(
  ctx: EngineContext,
  entry: CatalogEntry,
  stored: StoredAlert,
  state: AlertReport["state"],
  id: string,
  userPrompted: boolean,
): AlertReport {
  return {
    id,
    deviceId: ctx.state.settings.deviceId,
    code: stored.code,
    level: entry.level,
    functions: [...entry.functions],
    training: entry.training,
    state,
    occurredAt: state === "firing" ? stored.raisedAt : new Date(ctx.now()).toISOString(),
    userPrompted,
  };
}

async function persistAlert(ctx: EngineContext, stored: StoredAlert): Promise<void> {
  // The map may have been re-read from IndexedDB meanwhile; this alert's newest facts are ours.
  ctx.state.alerts.set(stored.code, stored);
  try {
    await ctx.db.put("alerts", { ...stored });
  } catch (error) {
    if (!isQuotaError(error)) throw error;
    ctx.state.storageFull = true; // the screen still shows from memory
  }
}

async function queueReport(ctx: EngineContext, alertReport: AlertReport): Promise<void> {
  try {
    const { evicted } = await enqueue(ctx.db, alertReport, ctx.now());
    if (evicted.length > 0) ctx.state.storageFull = true;
    ctx.state.outboxCount = await ctx.db.count("outbox");
    ctx.state.sends.set(alertReport.id, "pending");
  } catch (error) {
    if (!(error instanceof StorageFullError)) throw error;
    ctx.state.storageFull = true;
  }
}
