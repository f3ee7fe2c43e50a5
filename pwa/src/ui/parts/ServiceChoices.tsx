import { For } from "solid-js";
import type { Service } from "../../../../shared/schemas.ts";
import { usePanel } from "../../stores/panelContext.ts";

/** The monitor's services as checkboxes, each named and described in the panel's language. */
export function ServiceChoices(props: {
  services: readonly Service[];
  chosen: ReadonlySet<string>;
  onChange: (chosen: ReadonlySet<string>) => void;
}) {
  const { t, language } = usePanel();
  const toggle = (id: string, on: boolean) => {
    const next = new Set(props.chosen);
    if (on) next.add(id);
    else next.delete(id);
    props.onChange(next);
  };
  return (
    <fieldset class="choices">
      <legend>{t("register.services")}</legend>
      <For each={props.services}>
        {(service) => (
          <label class="choice">
            <input
              type="checkbox"
              value={service.id}
              checked={props.chosen.has(service.id)}
              onChange={(e) => toggle(service.id, e.currentTarget.checked)}
            />
            <span>
              <strong>{service.name[language()]}</strong>
              <span class="hint">{service.description[language()]}</span>
            </span>
          </label>
        )}
      </For>
    </fieldset>
  );
}
