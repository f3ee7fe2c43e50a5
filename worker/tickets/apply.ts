import type { Ticket } from "../../shared/schemas.ts";
import type { AppDeps } from "../deps.ts";
import { enqueueCommitted } from "../dispatch/queue.ts";
import { ApiError } from "../errors.ts";
import type { TicketAction } from "../store/types.ts";

/** One desk action, shared by the JSON API and the console: 404 / 409 refusals, event enqueued. */
export async function applyTicketAction(
  deps: AppDeps,
  ticketId: string,
  action: TicketAction,
): Promise<Ticket> {
  const change = await deps.store.changeTicket(
    ticketId,
    action,
    deps.now().toISOString(),
    deps.config.dispatch !== null,
  );
  if (change.kind === "not-found") throw new ApiError("ticket_not_found");
  if (change.kind === "conflict")
    throw new ApiError("invalid_transition", { status: change.status, action: action.kind });
  await enqueueCommitted(deps.queue, change.eventIds);
  return change.ticket;
}
