// The one delivery problem the panel shows: why the monitor refused, and which reports wait for it.
import type { DeliveryProblem } from "../engine/types.ts";
import type { ApiFailure } from "./api-client.ts";
import type { PanelDatabase } from "./db.ts";
import { getMeta, setMeta } from "./meta.ts";

/** Records a refusal retrying will not fix, adding `ids` to the reports it already holds back. */
export async function recordProblem(
  db: PanelDatabase,
  code: string,
  failure: ApiFailure,
  ids: readonly string[],
  now: number,
): Promise<void> {
  const previous = await getMeta(db, "problem");
  const reportIds = [...new Set([...(previous?.reportIds ?? []), ...ids])];
  const message = failure.kind === "http" ? failure.message : failure.kind;
  const problem: DeliveryProblem = { code, message, at: new Date(now).toISOString(), reportIds };
  await setMeta(db, "problem", problem);
}
