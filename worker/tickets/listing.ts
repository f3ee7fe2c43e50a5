import type { Ticket } from "../../shared/schemas.ts";
import { TICKET_STATUSES } from "../../shared/schemas.ts";
import type { AppDeps } from "../deps.ts";
import { ApiError } from "../errors.ts";
import type { TicketCursor, TicketFilter } from "../store/types.ts";

// One page of a desk listing, shared by the JSON API and the console: the filter, a page size and
// an opaque cursor in, the tickets and the cursor of the next page (null on the last) out.

export const FILTERS: readonly string[] = [...TICKET_STATUSES, "active"];
export const PAGE_LIMIT = 500;

export interface TicketPage {
  readonly tickets: readonly Ticket[];
  readonly nextCursor: string | null;
}

export interface PageQuery {
  readonly status?: string | undefined;
  readonly limit?: string | undefined;
  readonly cursor?: string | undefined;
}

/** Reads a listing page; a bad status, limit or cursor is a 400 naming the parameter. */
export async function ticketPage(deps: AppDeps, query: PageQuery): Promise<TicketPage> {
  const status = query.status ?? "active";
  if (!FILTERS.includes(status)) throw new ApiError("bad_request", { query: "status", allowed: FILTERS });
  const limit = query.limit === undefined ? PAGE_LIMIT : Number(query.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > PAGE_LIMIT) {
    throw new ApiError("bad_request", { query: "limit", allowed: `1..${PAGE_LIMIT}` });
  }
  const after = query.cursor === undefined ? null : parseCursor(query.cursor);
  // One row more than asked tells whether another page exists without a count query.
  const rows = await deps.store.listTickets(status as TicketFilter, limit + 1, after);
  const tickets = rows.slice(0, limit);
  const last = tickets[tickets.length - 1];
  return { tickets, nextCursor: rows.length > limit && last !== undefined ? cursorOf(last) : null };
}

function cursorOf(ticket: Ticket): string {
  return `${ticket.openedAt}~${ticket.id}`;
}

function parseCursor(text: string): TicketCursor {
  const match = /^(\d{4}-\d\d-\d\dT[\d:.]+Z)~([\w-]{1,64})$/.exec(text);
  if (match?.[1] === undefined || match[2] === undefined)
    throw new ApiError("bad_request", { query: "cursor" });
  return { openedAt: match[1], id: match[2] };
}
