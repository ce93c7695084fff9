// Projected wall time of a sweep whose runs execute `slots` at a time (a local pool, or machines x their
// pools): longest runs first, each to the slot free soonest (LPT list scheduling).

export function makespanSeconds(runSeconds: readonly number[], slots: number): number {
  const n = Math.max(1, Math.floor(slots));
  const free = new Array<number>(Math.min(n, Math.max(1, runSeconds.length))).fill(0);
  for (const s of [...runSeconds].sort((a, b) => b - a)) {
    let k = 0;
    for (let i = 1; i < free.length; i++) if (free[i] < free[k]) k = i;
    free[k] += s;
  }
  return Math.max(0, ...free);
}

/**
 * Hours of a sweep on `machines` machines like this one, each running `perMachine` runs at once, for
 * machines = 1..maxMachines: index 0 is this machine alone, each next one adds a cluster worker machine.
 */
export function hoursByMachines(runSeconds: readonly number[], perMachine: number, maxMachines = 4): number[] {
  return Array.from({ length: maxMachines }, (_, i) => makespanSeconds(runSeconds, perMachine * (i + 1)) / 3600);
}
