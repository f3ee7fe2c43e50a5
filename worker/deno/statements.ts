import { arity } from "../store/sql/params.ts";
import type { SqliteDatabase, SqliteStatement, SqlValue } from "./sqlite.ts";

// Prepared statements cached per SQL text, each bound with exactly the parameters it names: the
// ingest statements share one parameter list, and node:sqlite refuses values past the highest ?N.

export interface Statements {
  run(sql: string, params: readonly SqlValue[]): number;
  all<R>(sql: string, params: readonly SqlValue[]): R[];
  get<R>(sql: string, params: readonly SqlValue[]): R | null;
}

/** A statement cache over one database; values beyond a statement's highest ?N are dropped. */
export function statementsOf(db: SqliteDatabase): Statements {
  const cache = new Map<string, { statement: SqliteStatement; arity: number }>();
  const bound = (sql: string, params: readonly SqlValue[]) => {
    let entry = cache.get(sql);
    if (entry === undefined) {
      entry = { statement: db.prepare(sql), arity: arity(sql) };
      cache.set(sql, entry);
    }
    return { statement: entry.statement, values: params.slice(0, entry.arity) };
  };
  return {
    run(sql, params) {
      const { statement, values } = bound(sql, params);
      return Number(statement.run(...values).changes);
    },
    all<R>(sql: string, params: readonly SqlValue[]) {
      const { statement, values } = bound(sql, params);
      return statement.all(...values) as R[];
    },
    get<R>(sql: string, params: readonly SqlValue[]) {
      const { statement, values } = bound(sql, params);
      return (statement.get(...values) as R | undefined) ?? null;
    },
  };
}
