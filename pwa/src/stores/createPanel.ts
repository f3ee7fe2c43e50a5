import type { PanelController } from "../engine/types.ts";
import { createTranslator } from "../i18n/translate.ts";
import { createNavigation } from "./navigation.ts";
import type { Panel } from "./panelContext.ts";
import { createPanelStore } from "./panelStore.ts";

/** Wires a controller into everything the screens need; call inside a reactive owner. */
export function createPanel(controller: PanelController): Panel {
  const state = createPanelStore(controller);
  const language = () => state.settings.language;
  return { state, controller, t: createTranslator(language), language, nav: createNavigation() };
}
