// Layer tables of DNN models (paper 1, Sec. 3.2). One row per conv/pool/FC layer; rows that share a
// `block` label form one partition unit (e.g. a ResNet residual block), so a cut can only fall between units.
// The chain check (`checkLayerChain`) is pure and exported so a UI can mark the offending cell.
import { z } from 'zod';

/** A layer size; `max` keeps workloads (products of sizes) finite and physical. */
const positiveInt = (what: string, max: number) =>
  z
    .number({ error: `${what} must be a number` })
    .int(`${what} must be an integer`)
    .min(1, `${what} must be >= 1`)
    .max(max, `${what} must be <= ${max}`);

/** Feature-map sides, channels, FC units, kernel and stride: far above any real network, far below overflow. */
const MAX_SIDE = 100_000;
const MAX_CHANNELS = 1_000_000;
const MAX_UNITS = 1_000_000_000;

/** Fields every row may carry to describe where its input comes from. */
const rowWiring = {
  /** Partition-unit label; consecutive rows with the same label are one unit (cut only between units). */
  block: z.string().min(1, 'block must be a non-empty label').optional(),
  /**
   * Name of an earlier row whose INPUT this row also takes (a residual shortcut such as ResNet's 1x1
   * downsample conv, or a parallel branch). Without it a row takes the previous row's output.
   */
  inputFrom: z.string().min(1, 'inputFrom must name an earlier row').optional(),
  /** Opt-out: do not check this row's input shape against its predecessor (reshape/adaptive tricks). */
  skipChainCheck: z.boolean().optional(),
};

export const convLayerSchema = z.strictObject({
  kind: z.enum(['conv', 'pool']),
  name: z.string().min(1, 'name must be non-empty'),
  /** Input feature-map height H (elements). */
  h: positiveInt('h', MAX_SIDE),
  /** Input feature-map width W (elements). */
  w: positiveInt('w', MAX_SIDE),
  cIn: positiveInt('cIn', MAX_CHANNELS),
  /** Output channels; a pool row keeps its channels (cOut = cIn). */
  cOut: positiveInt('cOut', MAX_CHANNELS),
  /** Square kernel size ker. */
  kernel: positiveInt('kernel', MAX_SIDE),
  stride: positiveInt('stride', MAX_SIDE),
  padding: z.number().int('padding must be an integer').min(0, 'padding must be >= 0').max(MAX_SIDE, `padding must be <= ${MAX_SIDE}`).default(0),
  ...rowWiring,
});

export const fcLayerSchema = z.strictObject({
  kind: z.literal('fc'),
  name: z.string().min(1, 'name must be non-empty'),
  uIn: positiveInt('uIn', MAX_UNITS),
  uOut: positiveInt('uOut', MAX_UNITS),
  ...rowWiring,
});

export const dnnLayerSchema = z.discriminatedUnion('kind', [convLayerSchema, fcLayerSchema]);

export type ConvLayer = z.infer<typeof convLayerSchema>;
export type FcLayer = z.infer<typeof fcLayerSchema>;
export type DnnLayer = z.infer<typeof dnnLayerSchema>;

/** Shape of a tensor between rows: a feature map (conv/pool) or a flat vector (FC). */
export type TensorShape = { kind: 'map'; h: number; w: number; c: number } | { kind: 'vector'; u: number };

/** One problem of a layer table, addressed by row index (0-based) and field, for per-cell display. */
export interface LayerChainIssue {
  row: number;
  field: string;
  message: string;
}

/**
 * Output size along one spatial axis: floor((in + 2*padding - kernel) / stride) + 1.
 * Not from the paper (eq. (6) only names H, W): standard convolution arithmetic, dilation 1, floor mode
 * (torchvision's default, ceil_mode = false).
 */
export function convOutputSize(inSize: number, kernel: number, stride: number, padding: number): number {
  return Math.floor((inSize + 2 * padding - kernel) / stride) + 1;
}

/** The row's input shape as written in its own fields. */
export function layerInputShape(layer: DnnLayer): TensorShape {
  return layer.kind === 'fc' ? { kind: 'vector', u: layer.uIn } : { kind: 'map', h: layer.h, w: layer.w, c: layer.cIn };
}

/** The row's output shape; spatial sizes may be < 1 for an impossible row (checkLayerChain reports it). */
export function layerOutputShape(layer: DnnLayer): TensorShape {
  if (layer.kind === 'fc') return { kind: 'vector', u: layer.uOut };
  return {
    kind: 'map',
    h: convOutputSize(layer.h, layer.kernel, layer.stride, layer.padding),
    w: convOutputSize(layer.w, layer.kernel, layer.stride, layer.padding),
    c: layer.cOut,
  };
}

/** A size the schema accepts (an integer >= 1); anything else is reported by the field schema itself. */
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1;

/**
 * Whether every number of a row is one the field schemas accept. The schema's chain refinement runs even when
 * a field failed, so a row with an invalid cell must not hand its (meaningless) output shape to the next row.
 */
function rowNumbersValid(layer: DnnLayer): boolean {
  if (layer.kind === 'fc') return isCount(layer.uIn) && isCount(layer.uOut);
  const padding: unknown = layer.padding ?? 0;
  return [layer.h, layer.w, layer.cIn, layer.cOut, layer.kernel, layer.stride].every(isCount) && typeof padding === 'number' && Number.isInteger(padding) && padding >= 0;
}

const describe = (s: TensorShape) => (s.kind === 'map' ? `${s.h}x${s.w}x${s.c}` : `vector of ${s.u}`);

/**
 * Checks that the rows of a layer table fit together: each row's input equals the previous row's output
 * (or the input of the row named by `inputFrom`); an FC row after a conv/pool row takes the flattened map
 * (U_in = H*W*C); conv/pool rows come before FC rows (paper 1: layers 1..L^con are conv/pool, the rest FC);
 * kernels fit the padded input; pool rows keep their channels; names are unique; block labels are contiguous.
 * Returns every issue found (empty = valid). Rows with `skipChainCheck` are not compared with their source.
 */
export function checkLayerChain(layers: readonly DnnLayer[]): LayerChainIssue[] {
  const issues: LayerChainIssue[] = [];
  const rowIndexByName = new Map<string, number>();
  const closedBlocks = new Set<string>();
  let previousOutput: TensorShape | undefined;

  // Messages number rows from 1, as the editor's "#" column shows them (issue fields stay 0-based indices).
  const shown = (row: number) => row + 1;
  layers.forEach((layer, row) => {
    const label = `row ${shown(row)} (${layer.name})`;
    const report = (field: string, message: string) => issues.push({ row, field, message: `${label}: ${message}` });

    if (rowIndexByName.has(layer.name)) {
      report('name', `name "${layer.name}" is already used by row ${shown(rowIndexByName.get(layer.name) as number)}; row names must be unique`);
    }

    // Block labels: a unit is a run of consecutive rows, so a label may not reappear after another one.
    const previousBlock = row > 0 ? layers[row - 1].block : undefined;
    if (previousBlock !== undefined && previousBlock !== layer.block) closedBlocks.add(previousBlock);
    if (layer.block !== undefined && closedBlocks.has(layer.block)) {
      report('block', `block "${layer.block}" was already closed by an earlier row; rows of one block must be consecutive`);
    }

    // Where this row's input comes from.
    let source: TensorShape | undefined = previousOutput;
    let sourceName = row > 0 ? `the previous row (${layers[row - 1].name})` : '';
    // A source with an invalid cell (reported by the field schema) gives no shape: nothing to compare with.
    // (The previous row's output is already left undefined when its effective numbers are invalid.)
    let sourceValid = true;
    if (layer.inputFrom !== undefined) {
      const from = rowIndexByName.get(layer.inputFrom);
      if (from === undefined) {
        report('inputFrom', `inputFrom "${layer.inputFrom}" must name an earlier row`);
        source = undefined;
      } else {
        source = layerInputShape(layers[from]);
        sourceName = `the input of row ${shown(from)} (${layers[from].name})`;
        sourceValid = rowNumbersValid(layers[from]);
      }
    }

    // The tensor this row really receives: its source when checked, else its own fields. Its output is
    // computed from that, so one wrong cell is reported once instead of again at every following row.
    let effective: DnnLayer = layer;
    if (row > 0 && source !== undefined && sourceValid && layer.skipChainCheck !== true) {
      if (layer.kind === 'fc') {
        const uExpected = source.kind === 'map' ? source.h * source.w * source.c : source.u;
        if (layer.uIn !== uExpected && isCount(layer.uIn)) {
          const how = source.kind === 'map' ? ` (${describe(source)} flattened)` : '';
          report('uIn', `uIn = ${layer.uIn} but ${sourceName} gives ${uExpected}${how}`);
        }
      } else if (source.kind === 'vector') {
        report('kind', `a ${layer.kind} row cannot follow an fc output (${sourceName}); conv/pool rows must come before fc rows`);
      } else {
        for (const [field, got, want] of [
          ['h', layer.h, source.h],
          ['w', layer.w, source.w],
          ['cIn', layer.cIn, source.c],
        ] as const) {
          // A cell the field schema already rejects (e.g. cIn = -5) is reported there, not again here.
          if (got !== want && isCount(got)) report(field, `${field} = ${got} but ${sourceName} outputs ${describe(source)} (${field} must be ${want})`);
        }
        effective = { ...layer, h: source.h, w: source.w, cIn: source.c };
      }
    }

    // The row itself must be computable (its own fields, and the tensor it really receives).
    const kernelFits = (l: DnnLayer) => l.kind === 'fc' || (l.kernel <= l.h + 2 * l.padding && l.kernel <= l.w + 2 * l.padding);
    if (layer.kind !== 'fc') {
      if (!kernelFits(layer)) {
        report('kernel', `kernel ${layer.kernel} exceeds the padded input ${layer.h + 2 * layer.padding}x${layer.w + 2 * layer.padding}`);
      }
      if (layer.kind === 'pool' && layer.cOut !== layer.cIn) {
        report('cOut', `a pool row keeps its channels: cOut must equal cIn = ${layer.cIn}, got ${layer.cOut}`);
      }
    }
    if (effective.kind === 'pool') effective = { ...effective, cOut: effective.cIn };
    const ok = kernelFits(layer) && kernelFits(effective);

    if (!rowIndexByName.has(layer.name)) rowIndexByName.set(layer.name, row);
    previousOutput = ok && rowNumbersValid(effective) ? layerOutputShape(effective) : undefined;
  });
  return issues;
}

export const dnnModelSchema = z
  .strictObject({
    name: z.string().min(1, 'name must be non-empty').max(64, 'name must be at most 64 characters'),
    description: z.string().max(2000).optional(),
    layers: z.array(dnnLayerSchema).min(1, 'a model needs at least one layer'),
  })
  .superRefine((model, ctx) => {
    for (const issue of checkLayerChain(model.layers)) {
      ctx.addIssue({ code: 'custom', path: ['layers', issue.row, issue.field], message: issue.message });
    }
  });

export type DnnModel = z.infer<typeof dnnModelSchema>;
export type DnnModelInput = z.input<typeof dnnModelSchema>;
