import type { Language } from "../../../shared/alert.ts";
import { isMessageKey, type Translate } from "./translate.ts";

// Texts that come from the engine as short codes, turned into sentences here so both
// languages live in the message tables.

/** Why the last communication test failed, in words. */
export function describeLinkDetail(t: Translate, detail: string | null): string | null {
  if (detail === null) return null;
  const key = `detail.${detail}`;
  if (isMessageKey(key)) return t(key);
  if (detail.startsWith("http ")) return t("detail.http", { detail });
  return t("detail.other", { detail });
}

/** Why the monitor refused a send; falls back to the monitor's own message for unknown codes. */
export function describeProblem(t: Translate, code: string, message: string): string {
  const key = `problem.${code}`;
  return isMessageKey(key) ? t(key) : message;
}

/** A timestamp in the panel's language, or null when there is none. */
export function formatTime(iso: string | null, language: Language): string | null {
  if (iso === null) return null;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "medium" }).format(date);
}
