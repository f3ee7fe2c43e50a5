import { Show } from "solid-js";
import { describeError } from "../../i18n/describe.ts";
import { usePanel } from "../../stores/panelContext.ts";
import type { Action } from "../createAction.ts";

/** Why the last run of an action failed, announced at once (role="alert"); nothing while it has not. */
export function ActionError(props: { action: Action }) {
  const { t } = usePanel();
  return (
    <Show when={props.action.error()}>
      {(failure) => (
        <p role="alert" class="error" data-testid="action-error">
          {describeError(t, failure().thrown)}
        </p>
      )}
    </Show>
  );
}
