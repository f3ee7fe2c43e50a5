import { AlertScreenFrame, type AlertScreenProps } from "../parts/AlertScreenFrame.tsx";

/** A fault the person at the device fixes (jam, paper, toner): the remedy, no call to service. */
export function OperatorRemedyScreen(props: AlertScreenProps) {
  return (
    <AlertScreenFrame
      kind="operator"
      alert={props.alert}
      others={props.others}
      onMinimise={props.onMinimise}
    />
  );
}
