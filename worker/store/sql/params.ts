// D1 and node:sqlite both refuse values past the highest ?N a statement names, while the ingest
// statements share one parameter list; each store binds the prefix a statement uses.
const arities = new Map<string, number>();

/** The highest ?N a statement names (0 when none), cached per SQL text. */
export function arity(sql: string): number {
  let n = arities.get(sql);
  if (n === undefined) {
    n = Math.max(0, ...Array.from(sql.matchAll(/\?(\d+)/g), (m) => Number(m[1])));
    arities.set(sql, n);
  }
  return n;
}
