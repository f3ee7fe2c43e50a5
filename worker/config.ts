// Configuration in one place, runtime-neutral: the Workers entry and the Deno entry both hand over a
// plain record of strings. Local defaults apply only when CALLOUT_LOCAL is "1", so a deployment
// that forgot its secrets refuses those routes instead of running open.

export const LOCAL_ENROLLMENT_KEY = "callout-local-enrollment";
export const LOCAL_OPERATOR_TOKEN = "callout-local-operator";
export const LOCAL_DISPATCH_SECRET = "callout-local-dispatch";

export interface MonitorConfig {
  readonly enrollmentKey: string | null;
  readonly operatorToken: string | null;
  /** Set when ticket events go to an external dispatch server as well. */
  readonly dispatch: { readonly url: string; readonly secret: string | null } | null;
}

export interface ConfigSource {
  readonly CALLOUT_LOCAL?: string | undefined;
  readonly ENROLLMENT_KEY?: string | undefined;
  readonly OPERATOR_TOKEN?: string | undefined;
  readonly DISPATCH_URL?: string | undefined;
  readonly DISPATCH_SECRET?: string | undefined;
}

export function readConfig(source: ConfigSource): MonitorConfig {
  const local = source.CALLOUT_LOCAL === "1";
  const pick = (value: string | undefined, fallback: string): string | null =>
    nonEmpty(value) ?? (local ? fallback : null);
  const url = nonEmpty(source.DISPATCH_URL);
  const secret = pick(source.DISPATCH_SECRET, LOCAL_DISPATCH_SECRET);
  return {
    enrollmentKey: pick(source.ENROLLMENT_KEY, LOCAL_ENROLLMENT_KEY),
    operatorToken: pick(source.OPERATOR_TOKEN, LOCAL_OPERATOR_TOKEN),
    // Without its HMAC key events are still recorded but held back (never sent unsigned, never lost).
    dispatch: url ? { url, secret } : null,
  };
}

function nonEmpty(value: string | undefined): string | null {
  return value !== undefined && value.trim() !== "" ? value : null;
}
