// Display names of algorithms as the papers print them, and the order in which the figures list them.

const algoLabels: Record<string, string> = {
  mad2rl: 'MAD2RL',
  pqmix: 'P-QMIX',
  genetic: 'Genetic algorithm',
  greedy: 'Greedy algorithm',
  random: 'Random',
  'all-local': 'All local',
  'all-rsu': 'All to RSU',
  exhaustive: 'Exhaustive search',
  'ly-dtmppo': 'Ly-DTMPPO',
  'ly-mappo': 'Ly-MAPPO',
  'ly-maddpg': 'Ly-MADDPG',
  'ly-matd3': 'Ly-MATD3',
  'ly-masac': 'Ly-MASAC',
};

const algoOrder = Object.keys(algoLabels);

export function algoLabel(algo: string): string {
  return algoLabels[algo] ?? algo;
}

/** Sorts algorithm names: the papers' order first (proposed method, then baselines), unknown names after. */
export function sortAlgos(algos: Iterable<string>): string[] {
  const rank = (a: string) => {
    const i = algoOrder.indexOf(a);
    return i < 0 ? algoOrder.length : i;
  };
  return [...new Set(algos)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** Sorts display labels of algorithms (as made by algoLabel) into the papers' order. */
export function sortAlgoLabels(labels: Iterable<string>): string[] {
  const order = algoOrder.map(algoLabel);
  const rank = (l: string) => {
    const i = order.indexOf(l);
    return i < 0 ? order.length : i;
  };
  return [...new Set(labels)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** A number as a category label: integers as is, others with up to 4 significant digits. */
export function formatParam(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(4)));
}
