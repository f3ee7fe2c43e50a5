import type { PanelController } from "./engine/types.ts";
import { createPanel } from "./stores/createPanel.ts";
import { PanelContext } from "./stores/panelContext.ts";
import { PanelShell } from "./ui/PanelShell.tsx";

/** The whole panel for one engine controller. */
export function App(props: { controller: PanelController }) {
  const panel = createPanel(props.controller);
  return (
    <PanelContext.Provider value={panel}>
      <PanelShell />
    </PanelContext.Provider>
  );
}
