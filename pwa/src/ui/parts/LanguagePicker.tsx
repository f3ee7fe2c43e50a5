import { For } from "solid-js";
import { LANGUAGES } from "../../../../shared/alert.ts";
import { usePanel } from "../../stores/panelContext.ts";
import { createAction } from "../createAction.ts";
import { ActionError } from "./ActionError.tsx";

/** English / Japanese; the choice is a device setting, so it survives reloads. */
export function LanguagePicker() {
  const { controller, t, language } = usePanel();
  const action = createAction();
  return (
    <fieldset class="choices">
      <legend>{t("settings.language")}</legend>
      <For each={LANGUAGES}>
        {(lang) => (
          <label class="choice" lang={lang}>
            <input
              type="radio"
              name="language"
              value={lang}
              checked={language() === lang}
              onChange={() => void action.run(() => controller.updateSettings({ language: lang }))}
            />
            {t(`lang.${lang}`)}
          </label>
        )}
      </For>
      <ActionError action={action} />
    </fieldset>
  );
}
