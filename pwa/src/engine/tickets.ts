// What the desk did: polled per delivered, still-active alert while monitoring is on, so the panel
// can say "acknowledged" or who is coming. Never polled with monitoring off.
import type { AlertStatus, TicketStatus } from "../../../shared/schemas.ts";
import type { StoredAlert } from "../data/db.ts";
import { getMeta } from "../data/meta.ts";
import { type EngineContext, reloadState } from "./context.ts";

export const TICKET_POLL_MS = 5000;

function ticketOf(status: AlertStatus): TicketStatus | null {
  if (status.ticket) return status.ticket.status;
  if (status.state === "received") return null;
  return status.state === "ticket-open" ? "open" : status.state;
}

/** Alerts whose report reached the monitor and whose ticket is not closed yet. */
function pollable(ctx: EngineContext) {
  return [...ctx.state.alerts.values()].filter((a) => {
    const send = ctx.state.sends.get(a.reportId);
    return a.reported && (send === "acknowledged" || send === "delivered-late") && a.ticket !== "closed";
  });
}

type DeskView = Pick<StoredAlert, "ticket" | "assignee" | "deskNote">;

/** Stores what the desk did, only if that alert is still active (a clear meanwhile wins). */
async function recordDesk(
  ctx: EngineContext,
  code: string,
  reportId: string,
  view: DeskView,
): Promise<boolean> {
  const tx = ctx.db.transaction("alerts", "readwrite");
  const row = await tx.store.get(code);
  const active = row !== undefined && row.reportId === reportId;
  if (active) await tx.store.put({ ...row, ...view });
  await tx.done;
  return active;
}

/** One round of polling; returns whether anything changed. */
export async function pollTickets(ctx: EngineContext): Promise<boolean> {
  if (!ctx.state.settings.monitoring) return false;
  const token = await getMeta(ctx.db, "token");
  if (token === undefined) return false;
  let changed = false;
  for (const alert of pollable(ctx)) {
    const result = await ctx.api.alertStatus(token, alert.reportId);
    if (result.kind !== "ok" || !ctx.state.settings.monitoring) continue;
    const ticket = ticketOf(result.value);
    const assignee = result.value.ticket?.assignee ?? null;
    const deskNote = result.value.ticket?.note ?? null;
    if (ticket === alert.ticket && assignee === alert.assignee && deskNote === alert.deskNote) continue;
    changed = (await recordDesk(ctx, alert.code, alert.reportId, { ticket, assignee, deskNote })) || changed;
  }
  if (changed) {
    await reloadState(ctx);
    ctx.emit();
  }
  return changed;
}

/** Polls every ~5 s while monitoring is on; each round finds for itself whether anything is open. */
export function scheduleTicketPolling(ctx: EngineContext, intervalMs: number = TICKET_POLL_MS): void {
  if (!ctx.state.settings.monitoring) {
    ctx.schedule.cancel("tickets");
    return;
  }
  ctx.schedule.once("tickets", intervalMs, async () => {
    try {
      if (pollable(ctx).length > 0) await pollTickets(ctx);
    } finally {
      scheduleTicketPolling(ctx, intervalMs);
    }
  });
}
