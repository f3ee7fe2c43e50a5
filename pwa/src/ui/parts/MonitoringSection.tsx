import { createSignal, Show } from "solid-js";
import { usePanel } from "../../stores/panelContext.ts";
import { createAction } from "../createAction.ts";
import { ActionError } from "./ActionError.tsx";

/** Monitoring on/off; turning it off withdraws consent, so it asks first. */
export function MonitoringSection() {
  const { state, controller, t, nav } = usePanel();
  const [confirming, setConfirming] = createSignal(false);
  const action = createAction();
  const turnOff = async () => {
    if (await action.run(() => controller.turnMonitoringOff())) setConfirming(false);
  };
  return (
    <section aria-labelledby="monitoring-heading">
      <h2 id="monitoring-heading">{t("settings.monitoring")}</h2>
      <p>
        <strong>{state.settings.monitoring ? t("monitoring.on") : t("monitoring.off")}</strong> —{" "}
        {t(`registration.${state.registration}`)}
      </p>
      <Show when={state.settings.services.length > 0}>
        <p>{t("settings.services", { list: state.settings.services.join(", ") })}</p>
      </Show>
      <Show
        when={state.settings.monitoring}
        fallback={
          <button type="button" onClick={() => nav.go("registration")}>
            {t("settings.register")}
          </button>
        }
      >
        <Show
          when={confirming()}
          fallback={
            <button type="button" class="danger" onClick={() => setConfirming(true)}>
              {t("settings.turnOff")}
            </button>
          }
        >
          <div class="confirm" role="alertdialog" aria-labelledby="confirm-off-text">
            <p id="confirm-off-text">{t("settings.confirmOff")}</p>
            <ActionError action={action} />
            <button type="button" class="danger" disabled={action.busy()} onClick={turnOff}>
              {t("settings.confirmYes")}
            </button>
            <button type="button" class="secondary" onClick={() => setConfirming(false)}>
              {t("settings.confirmNo")}
            </button>
          </div>
        </Show>
      </Show>
    </section>
  );
}
