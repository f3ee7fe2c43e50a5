import { createSignal } from "solid-js";
import type { Language } from "../../../shared/alert.ts";
import { en, type MessageKey } from "./en.ts";

export type { MessageKey };
export type MessageParams = Readonly<Record<string, string | number>>;
/** Looks a message up in the current language and fills its `{placeholders}`. */
export type Translate = (key: MessageKey, params?: MessageParams) => string;
type MessageTable = Readonly<Record<MessageKey, string>>;

// English ships in the first chunk; Japanese is its own chunk (precached, so it loads offline too),
// which keeps the panel's initial JavaScript inside its budget.
const [japanese, setJapanese] = createSignal<MessageTable | null>(null);
let japaneseLoading: Promise<void> | null = null;

/** Loads a language's table; resolves at once for English. */
export function loadMessages(language: Language): Promise<void> {
  if (language === "en") return Promise.resolve();
  japaneseLoading ??= import("./ja.ts").then((module) => {
    setJapanese(() => module.ja);
  });
  return japaneseLoading;
}

/** Fills `{name}` placeholders; unknown ones stay visible so a missing parameter is noticed. */
export function format(template: string, params: MessageParams = {}): string {
  return template.replace(/\{([^}]+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** Builds a `Translate` that follows a changing language; English shows until a table has loaded. */
export function createTranslator(language: () => Language): Translate {
  return (key, params) => {
    const lang = language();
    if (lang === "ja" && japanese() === null) void loadMessages(lang);
    const table = lang === "ja" ? (japanese() ?? en) : en;
    return format(table[key], params);
  };
}

/** Whether a string is a message key, for texts that arrive from the engine (reasons, codes). */
export function isMessageKey(key: string): key is MessageKey {
  return key in en;
}
