import type { Language } from "../../../shared/alert.ts";
import { en, type MessageKey } from "./en.ts";
import { ja } from "./ja.ts";

export type { MessageKey };
export type MessageParams = Readonly<Record<string, string | number>>;
/** Looks a message up in the current language and fills its `{placeholders}`. */
export type Translate = (key: MessageKey, params?: MessageParams) => string;

/** One message table per language, all with the same keys. */
export const MESSAGES: Readonly<Record<Language, Readonly<Record<MessageKey, string>>>> = { en, ja };

/** Fills `{name}` placeholders; unknown ones stay visible so a missing parameter is noticed. */
export function format(template: string, params: MessageParams = {}): string {
  return template.replace(/\{([^}]+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** Builds a `Translate` that follows a changing language. */
export function createTranslator(language: () => Language): Translate {
  return (key, params) => format(MESSAGES[language()][key], params);
}

/** Whether a string is a message key, for texts that arrive from the engine (reasons, codes). */
export function isMessageKey(key: string): key is MessageKey {
  return key in en;
}
