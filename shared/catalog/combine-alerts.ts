import {
  type AlertFacts,
  DEVICE_FUNCTIONS,
  levelForFunctions,
  TRAINING_LEVELS,
  type TrainingLevel,
} from "../alert.ts";

/**
 * Facts of several faults active at once: the union of unusable functions, the level that union
 * implies (two partials can make a fatal) and the most skilled fixer any of them needs.
 */
export function combineAlerts(entries: readonly AlertFacts[]): AlertFacts {
  const unusable = new Set(entries.flatMap((e) => e.functions));
  const functions = DEVICE_FUNCTIONS.filter((f) => unusable.has(f));
  return { level: levelForFunctions(functions), functions, training: mostSkilled(entries) };
}

function mostSkilled(entries: readonly AlertFacts[]): TrainingLevel {
  let rank = 0;
  for (const e of entries) rank = Math.max(rank, TRAINING_LEVELS.indexOf(e.training));
  return TRAINING_LEVELS[rank] ?? "untrained";
}
