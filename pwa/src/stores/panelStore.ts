import { onCleanup } from "solid-js";
import { createStore, reconcile } from "solid-js/store";
import type { PanelController, PanelSnapshot } from "../engine/types.ts";

/**
 * Mirrors the engine's snapshots in a Solid store: each new snapshot is reconciled in, so only the
 * parts that changed re-render. Snapshots are copied first because the store mutates what it holds
 * and the engine's values must stay immutable. Call inside a reactive owner (it unsubscribes on cleanup).
 */
export function createPanelStore(controller: PanelController): PanelSnapshot {
  const [state, setState] = createStore<PanelSnapshot>(structuredClone(controller.snapshot()));
  const unsubscribe = controller.subscribe((snapshot) => {
    setState(reconcile(structuredClone(snapshot), { key: "reportId" }));
  });
  onCleanup(unsubscribe);
  return state;
}
