import { For } from "solid-js";
import { ALERT_LEVELS } from "../../../../shared/alert.ts";
import type { CodeSource } from "../../../../shared/catalog/index.ts";
import { usePanel } from "../../stores/panelContext.ts";
import type { CatalogFilter } from "../filterCatalog.ts";

const SOURCES: readonly CodeSource[] = ["ipp", "mib", "vendor", "unknown"];

/** Source, level and text filters over the catalog in service mode. */
export function CatalogFilterBar(props: {
  filter: CatalogFilter;
  onChange: (filter: CatalogFilter) => void;
}) {
  const { t } = usePanel();
  const set = (patch: Partial<CatalogFilter>) => props.onChange({ ...props.filter, ...patch });
  return (
    <div class="filters">
      <label>
        {t("service.source")}
        <select
          value={props.filter.source}
          onChange={(e) => set({ source: e.currentTarget.value as CatalogFilter["source"] })}
        >
          <option value="all">{t("service.all")}</option>
          <For each={SOURCES}>{(source) => <option value={source}>{t(`source.${source}`)}</option>}</For>
        </select>
      </label>
      <label>
        {t("service.level")}
        <select
          value={props.filter.level}
          onChange={(e) => set({ level: e.currentTarget.value as CatalogFilter["level"] })}
        >
          <option value="all">{t("service.all")}</option>
          <For each={ALERT_LEVELS}>{(level) => <option value={level}>{t(`level.${level}`)}</option>}</For>
        </select>
      </label>
      <label>
        {t("service.search")}
        <input
          type="search"
          value={props.filter.text}
          onInput={(e) => set({ text: e.currentTarget.value })}
        />
      </label>
    </div>
  );
}
