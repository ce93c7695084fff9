// DataT and InstrT uploading of paper 2 (Sec. III-D 2), eqs. (7)-(12), (22)) and the RSU computing (13)(14).

export type OffloadMode = 'DataT' | 'InstrT';

/** eq. (7): DataT upload time of the offloaded part l * G^{TasD} over rate R. */
export function dataTUploadS(offloadRatio: number, dataBits: number, rateBps: number): number {
  return (offloadRatio * dataBits) / rateBps;
}

/** eq. (8): DataT upload energy = upload time * P_i. */
export function dataTUploadEnergyJ(uploadS: number, txPowerW: number): number {
  return uploadS * txPowerW;
}

/** eq. (9): InstrT instruction upload time G^{InsD} / R. */
export function instructionUploadS(instructionBits: number, rateBps: number): number {
  return instructionBits / rateBps;
}

/** eq. (10): coordinate transformation at the RSU, l * G^{TasD} * I^{co-tra} / F_cpu. */
export function coTransformS(offloadRatio: number, dataBits: number, coTransformCyclesPerBit: number, cpuHz: number): number {
  return (offloadRatio * dataBits * coTransformCyclesPerBit) / cpuHz;
}

/** eq. (11): energy of the coordinate transformation, kappa_rsu * D^{co-tra} * F^3. */
export function coTransformEnergyJ(kappaRsu: number, coTransformS: number, cpuHz: number): number {
  return kappaRsu * coTransformS * cpuHz ** 3;
}

/**
 * eqs. (12)/(22): the DT picks the mode with the smaller upload time; eta = 1 (InstrT) when InstrT is strictly
 * faster, otherwise DataT (ties go to DataT). (22) prints the inequality the other way round; (17), (23) and the
 * text of Sec. III-E fix eta = 1 as InstrT chosen for the lower upload time (model notes).
 */
export function chooseMode(dataTS: number, instrTS: number): OffloadMode {
  return instrTS < dataTS ? 'InstrT' : 'DataT';
}

/** eq. (13): RSU computing time of the offloaded part, l * G^{TasD} * I^{task} / F_cpu. */
export function rsuComputeS(offloadRatio: number, dataBits: number, cyclesPerBit: number, cpuHz: number): number {
  return (offloadRatio * dataBits * cyclesPerBit) / cpuHz;
}

/** eq. (14): RSU computing energy, kappa_rsu * D^{compt} * F^3. */
export function rsuComputeEnergyJ(kappaRsu: number, computeS: number, cpuHz: number): number {
  return kappaRsu * computeS * cpuHz ** 3;
}
