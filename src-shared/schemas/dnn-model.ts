// Layer tables of DNN models (paper 1, Sec. 3.2). One row per conv/pool/FC layer; rows that share a
// `block` label form one partition unit (e.g. a ResNet residual block), so a cut can only fall between units.
import { z } from 'zod';

const positiveInt = (what: string) => z.number().int(`${what} must be an integer`).min(1, `${what} must be >= 1`);

export const convLayerSchema = z.object({
  kind: z.enum(['conv', 'pool']),
  name: z.string().min(1),
  /** Input feature-map height H (elements). */
  h: positiveInt('h'),
  /** Input feature-map width W (elements). */
  w: positiveInt('w'),
  cIn: positiveInt('cIn'),
  cOut: positiveInt('cOut'),
  /** Square kernel size ker. */
  kernel: positiveInt('kernel'),
  stride: positiveInt('stride'),
  padding: z.number().int().min(0).default(0),
  block: z.string().min(1).optional(),
});

export const fcLayerSchema = z.object({
  kind: z.literal('fc'),
  name: z.string().min(1),
  uIn: positiveInt('uIn'),
  uOut: positiveInt('uOut'),
  block: z.string().min(1).optional(),
});

export const dnnLayerSchema = z.discriminatedUnion('kind', [convLayerSchema, fcLayerSchema]);

export const dnnModelSchema = z.object({
  name: z.string().min(1).max(64),
  description: z.string().optional(),
  layers: z.array(dnnLayerSchema).min(1, 'a model needs at least one layer'),
});

export type ConvLayer = z.infer<typeof convLayerSchema>;
export type FcLayer = z.infer<typeof fcLayerSchema>;
export type DnnLayer = z.infer<typeof dnnLayerSchema>;
export type DnnModel = z.infer<typeof dnnModelSchema>;
export type DnnModelInput = z.input<typeof dnnModelSchema>;
