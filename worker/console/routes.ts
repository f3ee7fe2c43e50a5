import { type Context, Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { TicketAssignmentSchema } from "../../shared/schemas.ts";
import { consoleSession, operatorToken } from "../auth/operator.ts";
import { secretsEqual } from "../auth/tokens.ts";
import type { AppDeps } from "../deps.ts";
import { ApiError } from "../errors.ts";
import { readBodyText } from "../http/body.ts";
import type { TicketAction } from "../store/types.ts";
import { applyTicketAction } from "../tickets/apply.ts";
import { loginPage, ticketsPage } from "./page.ts";

const COOKIE = "callout_desk";
const FORM_TYPE = /^application\/x-www-form-urlencoded\s*(;|$)/i;

/** The desk's web page: a login form, the open tickets, and forms for each action. */
export function consoleRoutes(deps: AppDeps): Hono {
  const app = new Hono();

  const signedIn = async (c: Context) => {
    const cookie = getCookie(c, COOKIE);
    return cookie !== undefined && (await secretsEqual(cookie, await consoleSession(deps.config)));
  };

  app.get("/console", async (c) => {
    operatorToken(deps.config);
    if (!(await signedIn(c))) return c.html(loginPage(false));
    const tickets = await deps.store.listTickets("active", 500);
    return c.html(ticketsPage(tickets, deps.now(), c.req.query("error") ?? null));
  });

  app.post("/console/login", async (c) => {
    const form = new URLSearchParams(await readBodyText(c, FORM_TYPE));
    if (!(await secretsEqual(form.get("token") ?? "", operatorToken(deps.config)))) {
      return c.html(loginPage(true), 401);
    }
    setCookie(c, COOKIE, await consoleSession(deps.config), {
      httpOnly: true,
      sameSite: "Strict",
      secure: new URL(c.req.url).protocol === "https:",
      path: "/console",
      maxAge: 12 * 3600,
    });
    return c.redirect("/console", 303);
  });

  app.post("/console/logout", (c) => {
    deleteCookie(c, COOKIE, { path: "/console" });
    return c.redirect("/console", 303);
  });

  app.post("/console/tickets/:id/:action", async (c) => {
    if (!(await signedIn(c))) throw new ApiError("operator_unauthorized");
    const form = new URLSearchParams(await readBodyText(c, FORM_TYPE));
    try {
      await applyTicketAction(deps, c.req.param("id"), formAction(c.req.param("action"), form));
    } catch (error) {
      if (!(error instanceof ApiError) || error.status >= 500) throw error;
      return c.redirect(`/console?error=${encodeURIComponent(error.message)}`, 303);
    }
    return c.redirect("/console", 303);
  });

  return app;
}

function formAction(name: string, form: URLSearchParams): TicketAction {
  if (name === "acknowledge" || name === "close") return { kind: name };
  if (name !== "assign") throw new ApiError("not_found");
  const eta = form.get("eta");
  const parsed = TicketAssignmentSchema.safeParse({
    assignee: form.get("assignee") ?? "",
    ...(form.get("note") ? { note: form.get("note") } : {}),
    // datetime-local has no zone; the desk's browser time is taken as UTC, said so in docs/api.md.
    ...(eta ? { eta: localToIso(eta) } : {}),
  });
  if (!parsed.success) throw new ApiError("validation_failed", { issues: parsed.error.issues });
  return { kind: "assign", assignment: parsed.data };
}

function localToIso(value: string): string {
  const time = Date.parse(`${value}Z`);
  return Number.isNaN(time) ? value : new Date(time).toISOString();
}
