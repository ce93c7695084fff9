// Constants of the DDPM reverse chain for M denoising steps (paper 1, Sec. 6.2). Index m runs 1..M; the
// arrays below are 0-based, entry m-1 belongs to step m. Pure numbers (float64), no tensors.

export interface DiffusionSchedule {
  steps: number;
  /** beta_m, eq. (33): 1 - exp(-bmin/M - (2m-1)/(2M^2) (bmax - bmin)). */
  beta: Float64Array;
  /** alpha_m = 1 - beta_m (eq. 35). */
  alpha: Float64Array;
  /** alpha-hat_m = prod_{u<=m} alpha_u (eq. 35). */
  alphaHat: Float64Array;
  /** beta-hat_m = (1 - alphaHat_{m-1}) / (1 - alphaHat_m) * beta_m, eq. (37); alphaHat_0 = 1 so beta-hat_1 = 0. */
  betaHat: Float64Array;
  /** 1 / sqrt(alpha_m): coefficient of x^m in the mean (39). */
  meanCoefX: Float64Array;
  /** (1 - alpha_m) / (sqrt(alpha_m) sqrt(1 - alphaHat_m)): coefficient of eps-hat in the mean (39). */
  meanCoefEps: Float64Array;
  /** sqrt(beta-hat_m): standard deviation of the noise added in (40). */
  noiseStd: Float64Array;
  /**
   * The same mean (39) written through the predicted clean sample, as DDPM code does when it clips it
   * (`clipDenoised`): x0-hat = x0CoefX x^m - x0CoefEps eps-hat, mean = postCoefX0 x0-hat + postCoefX x^m.
   * Unclipped, this equals (39) exactly.
   */
  x0CoefX: Float64Array;
  x0CoefEps: Float64Array;
  postCoefX0: Float64Array;
  postCoefX: Float64Array;
}

export function diffusionSchedule(steps: number, betaMin: number, betaMax: number): DiffusionSchedule {
  if (!Number.isInteger(steps) || steps < 1) throw new RangeError(`denoising steps M must be an integer >= 1, got ${steps}`);
  if (!(betaMin > 0) || !(betaMax > 0)) {
    throw new RangeError(`betaMin and betaMax must be > 0, got ${betaMin} and ${betaMax}`);
  }
  const M = steps;
  const beta = new Float64Array(M);
  const alpha = new Float64Array(M);
  const alphaHat = new Float64Array(M);
  const betaHat = new Float64Array(M);
  const meanCoefX = new Float64Array(M);
  const meanCoefEps = new Float64Array(M);
  const noiseStd = new Float64Array(M);
  const x0CoefX = new Float64Array(M);
  const x0CoefEps = new Float64Array(M);
  const postCoefX0 = new Float64Array(M);
  const postCoefX = new Float64Array(M);
  let prod = 1;
  for (let m = 1; m <= M; m++) {
    const i = m - 1;
    // eq. (33), the variance-preserving schedule in discrete form
    beta[i] = 1 - Math.exp(-betaMin / M - ((2 * m - 1) / (2 * M * M)) * (betaMax - betaMin));
    alpha[i] = 1 - beta[i];
    const prevHat = prod; // alphaHat_{m-1}, with alphaHat_0 = 1
    prod *= alpha[i];
    alphaHat[i] = prod; // eq. (35)
    betaHat[i] = ((1 - prevHat) / (1 - prod)) * beta[i]; // eq. (37)
    meanCoefX[i] = 1 / Math.sqrt(alpha[i]); // eq. (39)
    meanCoefEps[i] = (1 - alpha[i]) / (Math.sqrt(alpha[i]) * Math.sqrt(1 - prod)); // eq. (39)
    noiseStd[i] = Math.sqrt(betaHat[i]); // eq. (40)
    x0CoefX[i] = 1 / Math.sqrt(prod);
    x0CoefEps[i] = Math.sqrt(1 / prod - 1);
    postCoefX0[i] = (beta[i] * Math.sqrt(prevHat)) / (1 - prod);
    postCoefX[i] = ((1 - prevHat) * Math.sqrt(alpha[i])) / (1 - prod);
  }
  return { steps: M, beta, alpha, alphaHat, betaHat, meanCoefX, meanCoefEps, noiseStd, x0CoefX, x0CoefEps, postCoefX0, postCoefX };
}
