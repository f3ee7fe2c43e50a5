// Alert lifecycle: raise writes the report before any attempt to send, then the communication test
// (or a recent result) fixes the screen, then the outbox is flushed. Clear closes the screen and
// queues the `resolved` report.
import type { CatalogEntry } from "../../../shared/catalog/index.ts";
import { decideAlert, type LinkState } from "../../../shared/policy.ts";
import type { AlertReport } from "../../../shared/schemas.ts";
import { backoffDelay } from "../data/backoff.ts";
import type { StoredAlert } from "../data/db.ts";
import { settleDecision } from "../data/decision.ts";
import { getMeta } from "../data/meta.ts";
import type { EngineContext } from "./context.ts";
import { deliver } from "./delivery.ts";
import { recentLink, testLink } from "./link.ts";
import { dropAlert, setAlert, setSend } from "./state.ts";
import { persistAlert, queueReport } from "./storage.ts";

/** Raises a fault; a code already active is left as it is. */
export async function raiseAlert(ctx: EngineContext, code: string, onQueued: () => void): Promise<void> {
  const { state } = ctx;
  const entry = ctx.lookup(code);
  if (state.alerts.has(code) || state.alerts.has(entry.code)) return;
  const monitoring = state.settings.monitoring;
  const known = monitoring ? recentLink(ctx) : null;
  const testing = monitoring && known === null;
  // Until a test says otherwise the link counts as down, so nothing stored claims a good link.
  const provisional = decideAlert({ alert: entry, monitoring, link: known ?? "down", send: "pending" });
  const stored: StoredAlert = {
    code: entry.code,
    reportId: ctx.newId(),
    raisedAt: new Date(ctx.now()).toISOString(),
    link: known ?? "down",
    reported: provisional.outbox,
    ticket: null,
    assignee: null,
    deskNote: null,
  };
  if (testing) stored.undecided = true;
  setAlert(state, stored);
  // Partial-remote versus partial-contact depends on the test: hold that screen until it is known.
  const upScreen = decideAlert({ alert: entry, monitoring, link: "up", send: "pending" }).screen;
  if (testing && upScreen !== provisional.screen) state.deciding.add(stored.code);
  await persistAlert(ctx, stored, true);
  if (provisional.outbox) {
    const firing = report(ctx, entry, stored, "firing", stored.reportId, provisional.userPrompted);
    // A known down link means it cannot go out now: its delivery will be a late one.
    const send = known === "down" ? "failed" : "pending";
    if (!(await queueReport(ctx, firing, { undecided: testing, send }))) {
      // No room for the report: nothing will reach the desk, so the screen must not claim it will.
      stored.reported = false;
      await persistAlert(ctx, stored);
    } else if (!testing) onQueued();
  }
  ctx.emit();
  if (!monitoring) return;
  const link = testing ? await decideByTest(ctx, stored, onQueued) : stored.link;
  if (!stored.reported || state.alerts.get(stored.code)?.reportId !== stored.reportId) return;
  if (link === "up") {
    await deliver(ctx);
    return;
  }
  // Not sent at raise time: retried at the stored backoff deadline, else after the first step.
  const retry = await getMeta(ctx.db, "retry");
  const delay = retry ? Math.max(0, retry.notBefore - ctx.now()) : backoffDelay(0, { random: ctx.random });
  ctx.schedule.once("retry", delay, () => deliver(ctx));
}

/** Runs the raise-time test and settles the screen and the held-back report by its result. */
async function decideByTest(
  ctx: EngineContext,
  stored: StoredAlert,
  onQueued: () => void,
): Promise<LinkState> {
  const { state } = ctx;
  let link: LinkState = "down";
  try {
    link = (await testLink(ctx, "raise")).state === "up" ? "up" : "down";
  } catch {
    // A test that broke proved nothing: the link counts as down and the user is told to call.
  } finally {
    state.deciding.delete(stored.code);
  }
  if (stored.reported) {
    // Settled even when cleared meanwhile: the firing report must go out before its resolved one.
    await settleDecision(ctx.db, stored.reportId, link, ctx.now());
    if (link === "down") setSend(state, stored.reportId, "failed");
    onQueued();
  }
  if (state.alerts.get(stored.code)?.reportId === stored.reportId) {
    stored.link = link;
    delete stored.undecided;
    await persistAlert(ctx, stored);
  }
  ctx.emit();
  return link;
}

/** Clears a fault: its screen closes and, when its firing report was queued, a resolved one follows. */
export async function clearAlert(ctx: EngineContext, code: string, onQueued: () => void): Promise<void> {
  const { state } = ctx;
  const stored = state.alerts.get(code) ?? state.alerts.get(ctx.lookup(code).code);
  if (!stored) return;
  dropAlert(state, stored.code);
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
