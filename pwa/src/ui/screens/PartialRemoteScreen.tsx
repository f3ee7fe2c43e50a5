import { AlertScreenFrame, type AlertScreenProps } from "../parts/AlertScreenFrame.tsx";

/** Fig. 11: the monitoring service has the alert, so the screen shows the error and remedy only. */
export function PartialRemoteScreen(props: AlertScreenProps) {
  return (
    <AlertScreenFrame
      kind="partial-remote"
      alert={props.alert}
      others={props.others}
      onMinimise={props.onMinimise}
    />
  );
}
