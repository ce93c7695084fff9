// The readings of paper 2 under which the workbench reproduces Table III / Fig. 4, 6, 7 (docs/model-notes.md,
// "Paper 2: reproduction readings"). The same fields ship as resources/scenarios/isac-dt-reproduction.json
// (a test keeps the two equal); the p2 presets lay their own settings (#CVs, V) over these.
import type { IsacDtScenarioInput } from './isac-dt-scenario';

export const isacDtReproductionReadings = {
  energy: { kappaCv: 1e-28, kappaRsu: 1e-30, eMaxPerCvJ: 0.5, virtualQueue: 'per-cv' },
  lyapunov: { reward: 'per-agent', drift: 'exact' },
  state: { timeFeature: true },
} as const satisfies IsacDtScenarioInput;
