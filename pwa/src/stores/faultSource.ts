import type { PanelController, PanelSnapshot } from "../engine/types.ts";

/**
 * Where faults come from. Service mode drives the simulator; a real device source (IPP
 * printer-state-reasons, SNMP traps) would implement the same three methods.
 */
export interface FaultSource {
  raise(code: string): Promise<void>;
  clear(code: string): Promise<void>;
  /** Codes active now, in the engine's order (most severe screen first). */
  active(): readonly string[];
}

/** The service-mode simulator: faults raised by hand, passed straight to the panel engine. */
export function createSimulatedFaultSource(controller: PanelController, state: PanelSnapshot): FaultSource {
  return {
    raise: (code) => controller.raise(code),
    clear: (code) => controller.clear(code),
    active: () => state.alerts.map((alert) => alert.entry.code),
  };
}
