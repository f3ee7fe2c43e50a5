import { AlertScreenFrame, type AlertScreenProps } from "../parts/AlertScreenFrame.tsx";
import { ContactPrompt } from "../parts/ContactPrompt.tsx";

/** Fig. 10: every function stopped; the user is told to call service. It cannot be minimised. */
export function FatalAlertScreen(props: Omit<AlertScreenProps, "onMinimise">) {
  return (
    <AlertScreenFrame kind="fatal" alert={props.alert} others={props.others}>
      <ContactPrompt />
    </AlertScreenFrame>
  );
}
