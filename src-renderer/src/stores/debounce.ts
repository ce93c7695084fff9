// A debounced action with an explicit flush (stores persist and validate through it; tests flush it).
export interface Debounced {
  (): void;
  flush(): Promise<void>;
  cancel(): void;
}

export function debounced(fn: () => Promise<void> | void, delayMs: number): Debounced {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    timer = null;
    running = running.then(() => fn()).catch(() => {});
    return running;
  };
  const d = (() => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(run, delayMs);
  }) as Debounced;
  d.flush = async () => {
    if (timer) {
      clearTimeout(timer);
      await run();
    } else await running;
  };
  d.cancel = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  return d;
}
