import { createMemo, createSignal, For, Show } from "solid-js";
import { CATALOG } from "../../../../shared/catalog/index.ts";
import { describeScreen } from "../../i18n/describe.ts";
import type { FaultSource } from "../../stores/faultSource.ts";
import { usePanel } from "../../stores/panelContext.ts";
import { firstScreenAlert } from "../chooseAlertScreen.ts";
import { createAction } from "../createAction.ts";
import { type CatalogFilter, filterCatalog } from "../filterCatalog.ts";
import { ActionError } from "../parts/ActionError.tsx";
import { CatalogFilterBar } from "../parts/CatalogFilterBar.tsx";

/** The fault simulator: raise any catalog entry, several at once, and clear them again. */
export function ServiceModeScreen(props: { source: FaultSource }) {
  const { state, t, language } = usePanel();
  const [filter, setFilter] = createSignal<CatalogFilter>({ source: "all", level: "all", text: "" });
  const active = createMemo(() => new Set(props.source.active()));
  const entries = createMemo(() => filterCatalog(CATALOG, filter(), language()));
  const showing = () => firstScreenAlert(state.alerts);
  const action = createAction();
  return (
    <section class="page" aria-labelledby="service-heading">
      <h1 id="service-heading">{t("service.heading")}</h1>
      <p>{t("service.intro")}</p>
      <p role="status" data-testid="service-showing" data-showing={showing()?.decision.screen ?? "none"}>
        <Show when={showing()} fallback={t("service.showingNone")}>
          {(alert) => (
            // A JSX expression, not a plain string, so the text follows a change of language.
            <>
              {t("service.showing", {
                screen: `${describeScreen(t, alert().decision.screen)} — ${alert().entry.code}`,
              })}
            </>
          )}
        </Show>
      </p>
      <ActionError action={action} />
      <h2 id="active-heading">{t("service.active")}</h2>
      <Show when={state.alerts.length > 0} fallback={<p>{t("service.noActive")}</p>}>
        <ul class="rows" aria-labelledby="active-heading">
          <For each={state.alerts}>
            {(alert) => (
              <li data-active-code={alert.entry.code}>
                <span class="code">{alert.entry.code}</span>
                <span>{alert.entry.title[language()]}</span>
                <button
                  type="button"
                  class="secondary"
                  onClick={() => void action.run(() => props.source.clear(alert.entry.code))}
                >
                  {t("service.clear", { code: alert.entry.code })}
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <h2 id="catalog-heading">{t("service.catalog")}</h2>
      <CatalogFilterBar filter={filter()} onChange={setFilter} />
      <Show when={entries().length > 0} fallback={<p>{t("service.empty")}</p>}>
        <ul class="rows" aria-labelledby="catalog-heading">
          <For each={entries()}>
            {(entry) => (
              <li data-catalog-code={entry.code}>
                <span class="code">{entry.code}</span>
                <span>
                  {entry.title[language()]} · {t(`level.${entry.level}`)}
                </span>
                <button
                  type="button"
                  disabled={active().has(entry.code)}
                  onClick={() => void action.run(() => props.source.raise(entry.code))}
                >
                  {t("service.raise", { code: entry.code })}
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
