import { Show } from "solid-js";
import { usePanel } from "../../stores/panelContext.ts";

/** "Call your service representative", with the name and phone from the service contact settings. */
export function ContactPrompt() {
  const { state, t } = usePanel();
  const hasContact = () => state.settings.contactName !== "" || state.settings.contactPhone !== "";
  return (
    <div class="contact" data-role="contact-service">
      <p class="contact-prompt">{t("contact.prompt")}</p>
      <Show when={hasContact()} fallback={<p>{t("contact.unset")}</p>}>
        <dl>
          <dt>{t("contact.name")}</dt>
          <dd>{state.settings.contactName}</dd>
          <dt>{t("contact.phone")}</dt>
          <dd>
            <a href={`tel:${state.settings.contactPhone.replace(/[^+\d]/g, "")}`}>
              {state.settings.contactPhone}
            </a>
          </dd>
        </dl>
      </Show>
    </div>
  );
}
