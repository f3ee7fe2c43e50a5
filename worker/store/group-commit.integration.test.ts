import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { createGroupCommit } from "./group-commit.ts";

// Runs against the real local D1 inside workerd: the batch is spied on to see how callers were
// grouped, and every caller's rows are read back to see what committed.

interface BatchCall {
  readonly statements: number;
  readonly startedAfter: number;
}

function spiedDb() {
  const calls: BatchCall[] = [];
  let finished = 0;
  const db = {
    prepare: (sql: string) => env.DB.prepare(sql),
    batch: async (statements: D1PreparedStatement[]) => {
      calls.push({ statements: statements.length, startedAfter: finished });
      try {
        return await env.DB.batch(statements);
      } finally {
        finished += 1;
      }
    },
  } as unknown as D1Database;
  return { db, calls };
}

const insert = (id: string) => env.DB.prepare("INSERT INTO gc_probe (id) VALUES (?1) RETURNING id").bind(id);
const stored = async () =>
  (await env.DB.prepare("SELECT id FROM gc_probe ORDER BY id").all<{ id: string }>()).results.map(
    (r) => r.id,
  );

beforeAll(async () => {
  await env.DB.exec("CREATE TABLE IF NOT EXISTS gc_probe (id TEXT PRIMARY KEY)");
});

describe("group commit", () => {
  it("sends concurrent callers as one batch and hands each its own results", async () => {
    await env.DB.exec("DELETE FROM gc_probe");
    const { db, calls } = spiedDb();
    const batch = createGroupCommit(db);
    const ids = ["a", "b", "c", "d", "e"];
    const answers = await Promise.all(
      ids.map((id) => batch<{ id: string }>([insert(`${id}1`), insert(`${id}2`)])),
    );
    expect(calls).toEqual([{ statements: 10, startedAfter: 0 }]);
    answers.forEach((results, i) => {
      expect(results.map((r) => r.results[0]?.id)).toEqual([`${ids[i]}1`, `${ids[i]}2`]);
    });
    expect(await stored()).toHaveLength(10);
  });

  it("caps a group and sends the next only after the one in flight finished", async () => {
    await env.DB.exec("DELETE FROM gc_probe");
    const { db, calls } = spiedDb();
    const batch = createGroupCommit(db, 4);
    const ids = Array.from({ length: 10 }, (_, i) => `r${String(i).padStart(2, "0")}`);
    const answers = await Promise.all(ids.map((id) => batch<{ id: string }>([insert(id)])));
    expect(calls.map((c) => c.statements)).toEqual([4, 4, 2]);
    expect(calls.map((c) => c.startedAfter)).toEqual([0, 1, 2]);
    expect(answers.map((results) => results[0]?.results[0]?.id)).toEqual(ids);
    expect(await stored()).toEqual(ids);
  });

  it("lets one failing caller fail alone while the others commit", async () => {
    await env.DB.exec("DELETE FROM gc_probe");
    await insert("taken").run();
    const { db, calls } = spiedDb();
    const batch = createGroupCommit(db);
    const outcomes = await Promise.allSettled([
      batch([insert("x1")]),
      batch([insert("y1"), insert("taken")]),
      batch([insert("z1")]),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(calls[0]?.statements).toBe(4);
    expect(await stored()).toEqual(["taken", "x1", "z1"]);
  });

  it("runs a lone caller's batch unchanged and passes its error through", async () => {
    await env.DB.exec("DELETE FROM gc_probe");
    const { db, calls } = spiedDb();
    const batch = createGroupCommit(db);
    await expect(batch([insert("solo"), insert("solo")])).rejects.toThrow(/UNIQUE/);
    const [results] = await Promise.all([batch<{ id: string }>([insert("again")])]);
    expect(results?.[0]?.results[0]?.id).toBe("again");
    expect(calls.map((c) => c.statements)).toEqual([2, 1]);
    expect(await stored()).toEqual(["again"]);
  });
});
