import { For, Show } from "solid-js";
import type { DeviceFunction } from "../../../../shared/alert.ts";
import { usePanel } from "../../stores/panelContext.ts";

/** The functions an alert makes unusable (claim 3), or a note that all still work. */
export function UnavailableFunctions(props: { functions: readonly DeviceFunction[]; labelId: string }) {
  const { t } = usePanel();
  return (
    <Show when={props.functions.length > 0} fallback={<p>{t("alert.allWork")}</p>}>
      <ul class="chips" aria-labelledby={props.labelId}>
        <For each={props.functions}>
          {(fn) => (
            <li class="chip chip-off" data-unavailable-function={fn}>
              {t(`fn.${fn}`)}
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}
