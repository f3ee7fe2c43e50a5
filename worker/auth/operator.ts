import type { Context } from "hono";
import type { MonitorConfig } from "../config.ts";
import { ApiError } from "../errors.ts";
import { bearerToken, secretsEqual, sha256Hex } from "./tokens.ts";

/** The configured operator token; a deployment without one refuses the desk rather than run open. */
export function operatorToken(config: MonitorConfig): string {
  if (config.operatorToken === null) throw new ApiError("not_configured", { missing: "OPERATOR_TOKEN" });
  return config.operatorToken;
}

/** Desk API: Authorization: Bearer <OPERATOR_TOKEN>, compared in constant time. */
export async function requireOperator(c: Context, config: MonitorConfig): Promise<void> {
  const expected = operatorToken(config);
  const given = bearerToken(c.req.header("authorization"));
  if (given === null || !(await secretsEqual(given, expected))) throw new ApiError("operator_unauthorized");
}

/** The console cookie: derived from the operator token, so rotating the token ends every session. */
export function consoleSession(config: MonitorConfig): Promise<string> {
  return sha256Hex(`callout-console-session-v1:${operatorToken(config)}`);
}
