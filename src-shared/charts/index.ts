// Chart option builders shared by the live UI and the headless export (pure: no Node or DOM imports).
export * from './catalog';
export * from './figure-types';
export * from './run-data';
export * from './stats';
export * from './style';
export * from './table';
export * from './metric-info';
export * from './labels';
export * from './figure-titles';
export { buildCurveChart, curveChartTable, type CurveChartSpec, type CurveGroup } from './curve-chart';
export { buildSweepChart, sweepChartTable, type SweepChartSpec, type SweepSeries, type SweepPoint } from './sweep-chart';
export { buildLayerProfileChart, layerProfileTable } from './layer-profile-chart';
export { convergenceStats, tableIIIDefaults, type ConvergenceStats } from './convergence-stats';
export * from './run-groups';
