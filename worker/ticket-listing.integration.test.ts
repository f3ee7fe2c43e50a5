import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { Ticket } from "../shared/schemas.ts";
import * as tickets from "./store/sql/tickets.ts";
import { bearer, call, errorCode, OPERATOR, postAlerts, register, report } from "./test/client.ts";

interface Page {
  tickets: Ticket[];
  nextCursor: string | null;
}

async function page(query: string): Promise<Page> {
  const response = await call(`/v1/tickets?${query}`, bearer(OPERATOR));
  expect(response.status).toBe(200);
  return (await response.json()) as Page;
}

/** Every page of a listing, following nextCursor. */
async function allPages(query: string): Promise<Ticket[][]> {
  const pages: Ticket[][] = [];
  let cursor: string | null = null;
  do {
    const next: Page = await page(cursor === null ? query : `${query}&cursor=${encodeURIComponent(cursor)}`);
    pages.push(next.tickets);
    cursor = next.nextCursor;
  } while (cursor !== null);
  return pages;
}

/** The listing order: opening time, then id. */
const key = (t: Ticket) => `${t.openedAt} ${t.id}`;

async function planOf(sql: string, params: (string | number)[]): Promise<string> {
  const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .bind(...params)
    .all<{ detail: string }>();
  return results.map((row) => row.detail).join("\n");
}

describe("desk listing", () => {
  it("pages through every ticket with a cursor: not closed oldest first, closed newest first", async () => {
    const token = await register("list-a");
    const codes = ["vendor:A1", "vendor:A2", "vendor:A3", "vendor:A4", "vendor:A5"];
    for (const code of codes) await postAlerts(token, [report("list-a", { code })]);
    const activePages = await allPages("status=active&limit=2");
    expect(activePages.map((p) => p.length)).toEqual([2, 2, 1]);
    const opened = activePages.flat();
    expect(opened.map((t) => t.code).sort()).toEqual(codes);
    expect(opened.map(key)).toEqual(opened.map(key).sort());

    for (const code of codes) await postAlerts(token, [report("list-a", { code, state: "resolved" })]);
    const closed = (await allPages("status=closed&limit=2")).flat();
    expect(closed.map((t) => t.code).sort()).toEqual(codes);
    expect(closed.map(key)).toEqual(opened.map(key).reverse());
    expect(await page("status=active")).toEqual({ tickets: [], nextCursor: null });
  });

  it("refuses a bad limit or cursor with 400", async () => {
    for (const query of [
      "limit=0",
      "limit=501",
      "limit=x",
      "cursor=nonsense",
      "cursor=2026-11-25T10:00:00.000Z~a;b",
    ]) {
      const response = await call(`/v1/tickets?${query}`, bearer(OPERATOR));
      expect([query, response.status, await errorCode(response)]).toEqual([query, 400, "bad_request"]);
    }
  });

  it("reads each listing through tickets_listing, never scanning every ticket ever", async () => {
    const cases = [
      tickets.listQuery("active", 10, null),
      tickets.listQuery("open", 10, { openedAt: "2026-11-25T10:00:00.000Z", id: "t_1" }),
      tickets.listQuery("closed", 10, null),
    ];
    for (const { sql, params } of cases) {
      const plan = await planOf(sql, params);
      expect(plan).toMatch(/USING INDEX tickets_listing \(status=\? AND \(opened_at,id\)[<>]\(\?,\?\)\)/);
      expect(plan).not.toMatch(/^SCAN t/m);
    }
  });
});
