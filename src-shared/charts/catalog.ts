// The figure catalogue: every figure (and Table III) of both papers, addressable by id ('p1-fig6b', 'p2-fig5a').
import { UserError } from '../errors';
import type { FigureBuildOptions, FigureInput, FigureResult, FigureSpec } from './figure-types';
import { styledTitle } from './figure-titles';
import { p1Figures } from './p1-figures';
import { p2Figures } from './p2-figures';

/** The spec with its builder's title prefixed by the paper figure ("Fig. 6b-style: ..."), in the option too. */
function withStyledTitle(spec: FigureSpec): FigureSpec {
  return {
    ...spec,
    build(input: FigureInput, opts?: FigureBuildOptions): FigureResult {
      // A figure of one paper drawn from runs of the other would mix incomparable quantities: leave them out.
      const env = spec.paper === 1 ? 'vec-dnn' : 'isac-dt';
      const other = input.runs.filter((r) => r.env !== env);
      const result = spec.build(other.length > 0 ? { ...input, runs: input.runs.filter((r) => r.env === env) } : input, opts);
      if (other.length > 0) {
        result.warnings.unshift(`${other.length} run(s) of paper ${spec.paper === 1 ? 2 : 1} left out: ${spec.label} of paper ${spec.paper} is built from ${env} runs`);
      }
      const title = styledTitle(spec.label, result.title);
      const optionTitle = result.option?.title;
      if (result.option && optionTitle && !Array.isArray(optionTitle)) result.option.title = { ...optionTitle, text: title };
      return { ...result, title };
    },
  };
}

export const figureCatalog: Readonly<Record<string, FigureSpec>> = Object.fromEntries(
  [...p1Figures, ...p2Figures].map((f) => [f.id, withStyledTitle(f)]),
);

export const figureIds: readonly string[] = Object.keys(figureCatalog);

export function getFigure(id: string): FigureSpec {
  const spec = figureCatalog[id];
  if (!spec) throw new UserError(`unknown figure '${id}'; known figures: ${figureIds.join(', ')}`);
  return spec;
}

/** Builds a figure of the catalogue from runs (or a layer profile for p1-fig1). */
export function buildFigure(id: string, input: FigureInput, opts: FigureBuildOptions = {}): FigureResult {
  if (opts.window !== undefined && (!Number.isInteger(opts.window) || opts.window < 1 || opts.window > 100_000)) {
    throw new UserError(`window must be an integer in 1..100000, got ${opts.window}`);
  }
  if (opts.lastN !== undefined && (!Number.isInteger(opts.lastN) || opts.lastN < 1 || opts.lastN > 1_000_000)) {
    throw new UserError(`lastN must be an integer in 1..1000000, got ${opts.lastN}`);
  }
  if (opts.yScale !== undefined && !['auto', 'linear', 'log'].includes(opts.yScale)) {
    throw new UserError(`yScale must be auto, linear or log, got ${String(opts.yScale)}`);
  }
  return getFigure(id).build(input, opts);
}

/** Figures fed by the runs of one paper experiment. */
export function figuresOfExperiment(experimentId: string): FigureSpec[] {
  return Object.values(figureCatalog).filter((f) => f.experiment === experimentId);
}
