import { AlertScreenFrame, type AlertScreenProps } from "../parts/AlertScreenFrame.tsx";
import { ContactPrompt } from "../parts/ContactPrompt.tsx";

/** Fig. 12: monitoring is off or the alert could not be sent, so the user is told to call service. */
export function PartialContactScreen(props: AlertScreenProps) {
  return (
    <AlertScreenFrame
      kind="partial-contact"
      alert={props.alert}
      others={props.others}
      onMinimise={props.onMinimise}
    >
      <ContactPrompt />
    </AlertScreenFrame>
  );
}
