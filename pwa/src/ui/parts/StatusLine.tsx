import { Show } from "solid-js";
import type { ActiveAlert } from "../../engine/types.ts";
import { usePanel } from "../../stores/panelContext.ts";

/** The policy's status line under an alert; nothing at all when the policy says `none`. */
export function StatusLine(props: { alert: ActiveAlert }) {
  const { t } = usePanel();
  const status = () => props.alert.decision.status;
  return (
    <Show when={status() !== "none"}>
      <div class="status-line" data-status={status()} role="status">
        <p>{t(`status.${status() as Exclude<ReturnType<typeof status>, "none">}`)}</p>
        <Show when={props.alert.assignee}>{(name) => <p>{t("status.assignee", { name: name() })}</p>}</Show>
        <Show when={props.alert.deskNote}>{(note) => <p>{t("status.note", { note: note() })}</p>}</Show>
      </div>
    </Show>
  );
}
