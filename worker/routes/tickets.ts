import { Hono } from "hono";
import { TICKET_STATUSES, TicketAssignmentSchema } from "../../shared/schemas.ts";
import { requireOperator } from "../auth/operator.ts";
import type { AppDeps } from "../deps.ts";
import { ApiError } from "../errors.ts";
import { readJson } from "../http/body.ts";
import type { TicketFilter } from "../store/types.ts";
import { applyTicketAction } from "../tickets/apply.ts";

const FILTERS: readonly string[] = [...TICKET_STATUSES, "active"];
const LIST_LIMIT = 500;

/** The dispatch desk's JSON API, behind the operator token. */
export function ticketRoutes(deps: AppDeps): Hono {
  const app = new Hono();

  app.use("/v1/tickets", (c, next) => requireOperator(c, deps.config).then(next));
  app.use("/v1/tickets/*", (c, next) => requireOperator(c, deps.config).then(next));

  app.get("/v1/tickets", async (c) => {
    const status = c.req.query("status") ?? "active";
    if (!FILTERS.includes(status)) {
      throw new ApiError("bad_request", { query: "status", allowed: FILTERS });
    }
    return c.json({ tickets: await deps.store.listTickets(status as TicketFilter, LIST_LIMIT) });
  });

  app.get("/v1/tickets/:id", async (c) => {
    const ticket = await deps.store.getTicket(c.req.param("id"));
    if (ticket === null) throw new ApiError("ticket_not_found");
    return c.json(ticket);
  });

  app.post("/v1/tickets/:id/acknowledge", async (c) =>
    c.json(await applyTicketAction(deps, c.req.param("id"), { kind: "acknowledge" })),
  );

  app.post("/v1/tickets/:id/assign", async (c) => {
    const assignment = await readJson(c, TicketAssignmentSchema);
    return c.json(await applyTicketAction(deps, c.req.param("id"), { kind: "assign", assignment }));
  });

  app.post("/v1/tickets/:id/close", async (c) =>
    c.json(await applyTicketAction(deps, c.req.param("id"), { kind: "close" })),
  );

  return app;
}
