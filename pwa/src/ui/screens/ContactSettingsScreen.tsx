import { createSignal, Show } from "solid-js";
import { usePanel } from "../../stores/panelContext.ts";
import { createAction } from "../createAction.ts";
import { ActionError } from "../parts/ActionError.tsx";

/** The service representative shown on every "contact service" screen. */
export function ContactSettingsScreen() {
  const { state, controller, t, nav } = usePanel();
  const [name, setName] = createSignal(state.settings.contactName);
  const [phone, setPhone] = createSignal(state.settings.contactPhone);
  const [saved, setSaved] = createSignal(false);
  const action = createAction();
  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    setSaved(false);
    const patch = { contactName: name().trim(), contactPhone: phone().trim() };
    setSaved(await action.run(() => controller.updateSettings(patch)));
  };
  return (
    <section class="page" aria-labelledby="contact-settings-heading">
      <h1 id="contact-settings-heading">{t("contactSettings.heading")}</h1>
      <p>{t("contactSettings.intro")}</p>
      <form class="form" onSubmit={save}>
        <label>
          {t("contactSettings.name")}
          <input
            type="text"
            maxLength={120}
            autocomplete="off"
            value={name()}
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </label>
        <label>
          {t("contactSettings.phone")}
          <input
            type="tel"
            maxLength={40}
            autocomplete="off"
            value={phone()}
            onInput={(e) => setPhone(e.currentTarget.value)}
          />
        </label>
        <ActionError action={action} />
        <Show when={saved()}>
          <p role="status">{t("common.saved")}</p>
        </Show>
        <div class="actions">
          <button type="button" class="secondary" onClick={() => nav.go("settings")}>
            {t("common.back")}
          </button>
          <button type="submit" disabled={action.busy()}>
            {t("common.save")}
          </button>
        </div>
      </form>
    </section>
  );
}
