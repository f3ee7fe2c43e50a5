// Named one-shot timers on an injectable clock, so tests drive time and nothing runs after dispose.

/** The timer functions the engine uses; tests pass their own. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface Schedule {
  /** Runs `fn` once after `ms`, replacing any timer of the same name. */
  once(name: string, ms: number, fn: () => unknown): void;
  cancel(name: string): void;
  cancelAll(): void;
}

/** A set of named timers; a rejected task is ignored because each task records its own failures. */
export function createSchedule(timers: Timers): Schedule {
  const handles = new Map<string, unknown>();
  let disposed = false;
  const cancel = (name: string) => {
    if (handles.has(name)) timers.clearTimeout(handles.get(name));
    handles.delete(name);
  };
  return {
    once(name, ms, fn) {
      cancel(name);
      if (disposed) return;
      const handle = timers.setTimeout(() => {
        handles.delete(name);
        void Promise.resolve()
          .then(fn)
          .catch(() => undefined);
      }, ms);
      handles.set(name, handle);
    },
    cancel,
    cancelAll() {
      disposed = true;
      for (const name of [...handles.keys()]) cancel(name);
    },
  };
}
