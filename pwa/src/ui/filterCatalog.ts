import type { AlertLevel, Language } from "../../../shared/alert.ts";
import type { CatalogEntry, CodeSource } from "../../../shared/catalog/index.ts";

/** Service mode's catalog filter; `all` lets every value through. */
export interface CatalogFilter {
  readonly source: CodeSource | "all";
  readonly level: AlertLevel | "all";
  readonly text: string;
}

/** Entries matching source, level and a case-insensitive search in code and title. */
export function filterCatalog(
  catalog: readonly CatalogEntry[],
  filter: CatalogFilter,
  language: Language,
): CatalogEntry[] {
  const text = filter.text.trim().toLowerCase();
  return catalog.filter(
    (entry) =>
      (filter.source === "all" || entry.source === filter.source) &&
      (filter.level === "all" || entry.level === filter.level) &&
      (text === "" ||
        entry.code.toLowerCase().includes(text) ||
        entry.title[language].toLowerCase().includes(text)),
  );
}
