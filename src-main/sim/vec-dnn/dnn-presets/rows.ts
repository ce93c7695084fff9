// Row builders for the preset layer tables: one call per torchvision layer, input dims written out.
import type { ConvLayer, FcLayer } from '../../../../src-shared/schemas/dnn-model';

type Wiring = Pick<ConvLayer, 'block' | 'inputFrom'>;

/** Conv row: input h x w x cIn, cOut filters of kernel x kernel, stride, zero padding. */
export function conv(
  name: string,
  [h, w, cIn]: [number, number, number],
  cOut: number,
  kernel: number,
  stride: number,
  padding: number,
  wiring: Wiring = {},
): ConvLayer {
  return { kind: 'conv', name, h, w, cIn, cOut, kernel, stride, padding, ...wiring };
}

/** Pool row (max or average): input h x w x c, channels unchanged. */
export function pool(
  name: string,
  [h, w, c]: [number, number, number],
  kernel: number,
  stride: number,
  padding: number,
  wiring: Wiring = {},
): ConvLayer {
  return { kind: 'pool', name, h, w, cIn: c, cOut: c, kernel, stride, padding, ...wiring };
}

/** Fully connected row U_in -> U_out. */
export function fc(name: string, uIn: number, uOut: number): FcLayer {
  return { kind: 'fc', name, uIn, uOut };
}
