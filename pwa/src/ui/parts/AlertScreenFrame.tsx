import { createUniqueId, type JSX, onMount, Show } from "solid-js";
import type { ActiveAlert } from "../../engine/types.ts";
import { usePanel } from "../../stores/panelContext.ts";
import { MoreAlerts } from "./MoreAlerts.tsx";
import { StatusLine } from "./StatusLine.tsx";
import { UnavailableFunctions } from "./UnavailableFunctions.tsx";

export type AlertScreenKind = "fatal" | "partial-remote" | "partial-contact" | "operator";

export interface AlertScreenProps {
  alert: ActiveAlert;
  others: readonly ActiveAlert[];
  /** Present when the screen may be sent to a banner (never for fatal). */
  onMinimise?: (() => void) | undefined;
}

/**
 * What every alert screen shows (claim 3): code, title, remedy, unusable functions, status line.
 * It takes focus when it appears so screen readers and keyboards land on it at once.
 */
export function AlertScreenFrame(
  props: AlertScreenProps & { kind: AlertScreenKind; children?: JSX.Element },
) {
  const { t, language } = usePanel();
  const headingId = createUniqueId();
  const titleId = createUniqueId();
  const functionsId = createUniqueId();
  let section: HTMLElement | undefined;
  onMount(() => section?.focus());
  return (
    <section
      ref={section}
      class={`alert-screen alert-${props.kind}`}
      data-screen={props.kind}
      role="alertdialog"
      aria-labelledby={headingId}
      aria-describedby={titleId}
      tabIndex={-1}
    >
      <h1 id={headingId}>{t(`alert.${props.kind}.heading`)}</h1>
      <p id={titleId} class="alert-title">
        {props.alert.entry.title[language()]}
      </p>
      <dl class="facts">
        <dt>{t("alert.code")}</dt>
        <dd class="code" data-testid="alert-code">
          {props.alert.entry.code}
        </dd>
      </dl>
      <h2 id={functionsId}>{t("alert.unavailable")}</h2>
      <UnavailableFunctions functions={props.alert.entry.functions} labelId={functionsId} />
      <h2>{t("alert.remedy")}</h2>
      <p class="remedy">{props.alert.entry.remedy[language()]}</p>
      {props.children}
      <StatusLine alert={props.alert} />
      <MoreAlerts others={props.others} />
      <Show when={props.onMinimise}>
        {(minimise) => (
          <button type="button" class="secondary" onClick={() => minimise()()}>
            {t("alert.minimise")}
          </button>
        )}
      </Show>
    </section>
  );
}
