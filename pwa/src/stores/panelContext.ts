import { createContext, useContext } from "solid-js";
import type { Language } from "../../../shared/alert.ts";
import type { PanelController, PanelSnapshot } from "../engine/types.ts";
import type { Translate } from "../i18n/translate.ts";
import type { Navigation } from "./navigation.ts";

/** What every screen reads: the store, the controller to act through, texts and navigation. */
export interface Panel {
  readonly state: PanelSnapshot;
  readonly controller: PanelController;
  readonly t: Translate;
  readonly language: () => Language;
  readonly nav: Navigation;
}

export const PanelContext = createContext<Panel>();

/** The panel of the nearest `PanelContext.Provider`; screens outside one are a programming error. */
export function usePanel(): Panel {
  const panel = useContext(PanelContext);
  if (!panel) throw new Error("usePanel needs a PanelContext.Provider (see createPanel)");
  return panel;
}
