import { createSignal, For, Show } from "solid-js";
import type { Service } from "../../../../shared/schemas.ts";
import { usePanel } from "../../stores/panelContext.ts";
import { TERMS_VERSION } from "../terms.ts";

const SENT = ["consent.what.device", "consent.what.codes", "consent.what.times"] as const;

/** Fig. 7: what monitoring sends and why; Agree turns monitoring on and registers the device. */
export function ConsentScreen(props: { services: readonly Service[] }) {
  const { controller, t, language, nav } = usePanel();
  const [busy, setBusy] = createSignal(false);
  const agree = async () => {
    setBusy(true);
    try {
      await controller.agree(
        props.services.map((s) => s.id),
        TERMS_VERSION,
      );
      nav.go("home");
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="page" aria-labelledby="consent-heading">
      <h1 id="consent-heading">{t("consent.heading")}</h1>
      <Show
        when={props.services.length > 0}
        fallback={
          <>
            <p role="alert">{t("register.needService")}</p>
            <button type="button" onClick={() => nav.go("registration")}>
              {t("common.back")}
            </button>
          </>
        }
      >
        <h2>{t("consent.services")}</h2>
        <ul>
          <For each={props.services}>{(service) => <li>{service.name[language()]}</li>}</For>
        </ul>
        <h2>{t("consent.whatHeading")}</h2>
        <ul>
          <For each={SENT}>{(key) => <li>{t(key)}</li>}</For>
        </ul>
        <p>{t("consent.notSent")}</p>
        <p>{t("consent.notes")}</p>
        <p class="hint">{t("consent.terms", { version: TERMS_VERSION })}</p>
        <div class="actions">
          <button type="button" class="secondary" onClick={() => nav.go("settings")}>
            {t("common.cancel")}
          </button>
          <button type="button" disabled={busy()} onClick={agree}>
            {t("consent.agree")}
          </button>
        </div>
      </Show>
    </section>
  );
}
