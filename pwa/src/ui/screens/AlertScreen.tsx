import { Match, Switch } from "solid-js";
import type { ActiveAlert } from "../../engine/types.ts";
import { FatalAlertScreen } from "./FatalAlertScreen.tsx";
import { OperatorRemedyScreen } from "./OperatorRemedyScreen.tsx";
import { PartialContactScreen } from "./PartialContactScreen.tsx";
import { PartialRemoteScreen } from "./PartialRemoteScreen.tsx";

/** The screen the policy chose for the alert on top. */
export function AlertScreen(props: {
  alert: ActiveAlert;
  others: readonly ActiveAlert[];
  onMinimise: () => void;
}) {
  const screen = () => props.alert.decision.screen;
  const common = {
    get alert() {
      return props.alert;
    },
    get others() {
      return props.others;
    },
  };
  return (
    <Switch>
      <Match when={screen() === "fatal"}>
        <FatalAlertScreen {...common} />
      </Match>
      <Match when={screen() === "partial-remote"}>
        <PartialRemoteScreen {...common} onMinimise={props.onMinimise} />
      </Match>
      <Match when={screen() === "partial-contact"}>
        <PartialContactScreen {...common} onMinimise={props.onMinimise} />
      </Match>
      <Match when={screen() === "operator"}>
        <OperatorRemedyScreen {...common} onMinimise={props.onMinimise} />
      </Match>
    </Switch>
  );
}
