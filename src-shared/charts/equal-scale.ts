// Axis ranges that draw one metre the same length along x and y (a road network must not be stretched): the
// data box, padded, is widened along the axis with room to spare until metres per pixel match.

export interface Box {
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

/** Ranges covering `box` (plus `padM` on every side) with equal metres per pixel on a plot of widthPx x heightPx. */
export function equalScaleRanges(box: Box, widthPx: number, heightPx: number, padM = 20): Box {
  const cx = (box.minX + box.maxX) / 2;
  const cy = (box.minY + box.maxY) / 2;
  const w = Math.max(1, box.maxX - box.minX + 2 * padM);
  const h = Math.max(1, box.maxY - box.minY + 2 * padM);
  const perPx = Math.max(w / Math.max(1, widthPx), h / Math.max(1, heightPx));
  const halfW = (perPx * Math.max(1, widthPx)) / 2;
  const halfH = (perPx * Math.max(1, heightPx)) / 2;
  return { minX: cx - halfW, maxX: cx + halfW, minY: cy - halfH, maxY: cy + halfH };
}

/** Points on a circle (closed), to draw a coverage radius in data coordinates. */
export function circlePoints(x: number, y: number, r: number, n = 72): [number, number][] {
  return Array.from({ length: n + 1 }, (_, i) => {
    const a = (2 * Math.PI * i) / n;
    return [x + r * Math.cos(a), y + r * Math.sin(a)];
  });
}
