import { describe, expect, it } from "vitest";
import type { Ticket } from "../../shared/schemas.ts";
import { bearer, call, OPERATOR, postAlerts, register, report } from "../test/client.ts";

const form = (body: Record<string, string>, cookie?: string): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/x-www-form-urlencoded", ...(cookie ? { cookie } : {}) },
  body: new URLSearchParams(body).toString(),
  redirect: "manual",
});

async function signIn(): Promise<string> {
  const response = await call("/console/login", form({ token: OPERATOR }));
  expect(response.status).toBe(303);
  const cookie = response.headers.get("set-cookie") ?? "";
  expect(cookie).toMatch(/HttpOnly/i);
  expect(cookie).toMatch(/SameSite=Strict/i);
  return cookie.split(";")[0] ?? "";
}

describe("console", () => {
  it("shows a sign-in form, refuses a wrong token, lists tickets once signed in", async () => {
    expect(await (await call("/console")).text()).toContain('name="token"');
    expect((await call("/console/login", form({ token: "wrong" }))).status).toBe(401);
    const token = await register("con-a");
    await postAlerts(token, [report("con-a", { userPrompted: true })]);
    const cookie = await signIn();
    const page = await (await call("/console", { headers: { cookie } })).text();
    expect(page).toContain("<td>con-a</td>");
    const injected = await (
      await call("/console?error=%3Cscript%3Ealert(1)%3C/script%3E", { headers: { cookie } })
    ).text();
    expect(injected).not.toContain("<script>");
    expect(injected).toContain("&lt;script&gt;");
  });

  it("acknowledges, assigns and closes through forms", async () => {
    const token = await register("con-b");
    await postAlerts(token, [report("con-b")]);
    const cookie = await signIn();
    const list = await call("/v1/tickets", bearer(OPERATOR));
    const ticket = ((await list.json()) as { tickets: Ticket[] }).tickets.find((t) => t.deviceId === "con-b");
    const base = `/console/tickets/${ticket?.id}`;
    expect((await call(`${base}/acknowledge`, form({}, cookie))).status).toBe(303);
    await call(`${base}/assign`, form({ assignee: "Sato", note: "fuser", eta: "2026-11-25T15:00" }, cookie));
    const assigned = (await (await call(`/v1/tickets/${ticket?.id}`, bearer(OPERATOR))).json()) as Ticket;
    expect(assigned).toMatchObject({ status: "assigned", assignee: "Sato", eta: "2026-11-25T15:00:00.000Z" });
    await call(`${base}/close`, form({}, cookie));
    const again = await call(`${base}/close`, form({}, cookie));
    expect(again.headers.get("location")).toMatch(/^\/console\?error=/);
  });

  it("refuses actions without the session cookie", async () => {
    const response = await call("/console/tickets/t_x/close", form({}));
    expect(response.status).toBe(401);
  });
});
