// The one place an AlertReport is made from an active alert, so the raise, the clear and Agree's
// reporting of faults already on screen can never disagree on its shape.
import type { AlertReport } from "../../../shared/schemas.ts";
import type { StoredAlert } from "../data/db.ts";
import type { EngineContext } from "./context.ts";

type Reported = Pick<StoredAlert, "code" | "reportId" | "raisedAt">;

/** The `firing` report of an alert: its own report id, dated when the fault was raised. */
export function firingReport(ctx: EngineContext, alert: Reported, userPrompted: boolean): AlertReport {
  return build(ctx, alert.code, "firing", alert.reportId, alert.raisedAt, userPrompted);
}

/** The `resolved` report that follows a firing one: a new id, dated now. */
export function resolvedReport(ctx: EngineContext, alert: Reported): AlertReport {
  return build(ctx, alert.code, "resolved", ctx.newId(), new Date(ctx.now()).toISOString(), false);
}

function build(
  ctx: EngineContext,
  code: string,
  state: AlertReport["state"],
  id: string,
  occurredAt: string,
  userPrompted: boolean,
): AlertReport {
  const entry = ctx.lookup(code);
  return {
    id,
    deviceId: ctx.state.settings.deviceId,
    code,
    level: entry.level,
    functions: [...entry.functions],
    training: entry.training,
    state,
    occurredAt,
    userPrompted,
  };
}
