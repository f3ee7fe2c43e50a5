import { render } from "@solidjs/testing-library";
import type { JSX } from "solid-js";
import type { PanelController } from "../src/engine/types.ts";
import { createPanel } from "../src/stores/createPanel.ts";
import { PanelContext } from "../src/stores/panelContext.ts";

/** Renders a component inside a real panel context (store, translator, navigation) over `controller`. */
export function renderPanel(controller: PanelController, ui: () => JSX.Element) {
  return render(() => <PanelContext.Provider value={createPanel(controller)}>{ui()}</PanelContext.Provider>);
}
