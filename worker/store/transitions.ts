import type { TicketStatus } from "../../shared/schemas.ts";
import type { TicketAction } from "./types.ts";

// The desk's state machine: open → acknowledged → assigned → closed; assigning again re-assigns,
// closing is allowed from any status but closed. Anything else is a 409.
const ALLOWED: Record<TicketAction["kind"], readonly TicketStatus[]> = {
  acknowledge: ["open"],
  assign: ["open", "acknowledged", "assigned"],
  close: ["open", "acknowledged", "assigned"],
};

const TARGET: Record<TicketAction["kind"], TicketStatus> = {
  acknowledge: "acknowledged",
  assign: "assigned",
  close: "closed",
};

/** The status an action leads to from `from`, or null when the desk may not do it. */
export function nextStatus(from: TicketStatus, action: TicketAction["kind"]): TicketStatus | null {
  return ALLOWED[action].includes(from) ? TARGET[action] : null;
}
