// The paper-2 (ISAC + DT) scenario form: its fields by group, with labels and display units. Enum choices
// come from the scenario schema itself, so the form offers exactly what the engine accepts.
import { z } from 'zod';
import { isacDtScenarioSchema } from '../../../../src-shared/schemas/isac-dt-scenario';

export interface FormField {
  path: string;
  label: string;
  unit?: string;
  /** Stored value = shown value x scale (e.g. GHz -> Hz). */
  scale?: number;
  kind?: 'number' | 'enum' | 'boolean';
}

export interface FormGroup {
  title: string;
  fields: FormField[];
}

const GHz = { unit: 'GHz', scale: 1e9 };

export const isacGroups: FormGroup[] = [
  {
    title: 'Road and CVs',
    fields: [
      { path: 'road.lengthM', label: 'Road length', unit: 'm' },
      { path: 'road.lanes', label: 'Lanes' },
      { path: 'road.laneWidthM', label: 'Lane width', unit: 'm' },
      { path: 'road.atRoadEnd', label: 'At the road end', kind: 'enum' },
      { path: 'cvs.count', label: 'Number of CVs (agents)' },
      { path: 'cvs.speedMps.min', label: 'Speed min', unit: 'm/s' },
      { path: 'cvs.speedMps.max', label: 'Speed max', unit: 'm/s' },
      { path: 'cvs.cpuHz.min', label: 'CPU min', ...GHz },
      { path: 'cvs.cpuHz.max', label: 'CPU max', ...GHz },
    ],
  },
  {
    title: 'RSUs',
    fields: [
      { path: 'rsus.count', label: 'Number of RSUs' },
      { path: 'rsus.spacingM', label: 'Spacing', unit: 'm' },
      { path: 'rsus.lateralOffsetM', label: 'Lateral offset l_k', unit: 'm' },
      { path: 'rsus.heightM', label: 'Antenna height H_k', unit: 'm' },
      { path: 'rsus.coverageRadiusM', label: 'Coverage radius', unit: 'm' },
      { path: 'rsus.cpuHz', label: 'CPU F^max', ...GHz },
      { path: 'rsus.twinReserveHz', label: 'DT reserve C^twin', ...GHz },
      { path: 'rsus.idleDrain', label: 'Idle RSUs drain their queue', kind: 'boolean' },
    ],
  },
  {
    title: 'Tasks',
    fields: [
      { path: 'tasks.dataBits.min', label: 'Data min', unit: 'Mb', scale: 1e6 },
      { path: 'tasks.dataBits.max', label: 'Data max', unit: 'Mb', scale: 1e6 },
      { path: 'tasks.cyclesPerBit.min', label: 'Cycles/bit min' },
      { path: 'tasks.cyclesPerBit.max', label: 'Cycles/bit max' },
      { path: 'tasks.coTransformCyclesPerBit.min', label: 'Co-transform cycles/bit min' },
      { path: 'tasks.coTransformCyclesPerBit.max', label: 'Co-transform cycles/bit max' },
      { path: 'tasks.instructionBits.min', label: 'Instructions min', unit: 'kb', scale: 1e3 },
      { path: 'tasks.instructionBits.max', label: 'Instructions max', unit: 'kb', scale: 1e3 },
      { path: 'tasks.maxDelayS.min', label: 'Max delay min', unit: 's' },
      { path: 'tasks.maxDelayS.max', label: 'Max delay max', unit: 's' },
    ],
  },
  {
    title: 'Channel',
    fields: [
      { path: 'channel.bandwidthHz', label: 'Bandwidth B', unit: 'MHz', scale: 1e6 },
      { path: 'channel.noiseW', label: 'Noise power', unit: 'W' },
      { path: 'channel.txPowerW', label: 'Transmit power', unit: 'W' },
      { path: 'channel.sensingGain', label: 'Sensing gain Theta' },
      { path: 'channel.pathLoss.interceptDb', label: 'Path loss intercept', unit: 'dB' },
      { path: 'channel.pathLoss.slopeDb', label: 'Path loss slope', unit: 'dB/decade' },
      { path: 'channel.fading', label: 'Fading', kind: 'enum' },
      { path: 'channel.bandwidthSharing', label: 'Bandwidth sharing', kind: 'enum' },
    ],
  },
  {
    title: 'Time, energy and Lyapunov',
    fields: [
      { path: 'slots', label: 'Slots per episode T' },
      { path: 'slotDurationS', label: 'Slot duration tau', unit: 's' },
      { path: 'seed', label: 'Scenario seed' },
      { path: 'costWeightAlpha', label: 'Cost weight alpha' },
      { path: 'lyapunov.controlV', label: 'Lyapunov V' },
      { path: 'lyapunov.queueUnitCycles', label: 'Queue unit', unit: 'cycles' },
      { path: 'lyapunov.reward', label: 'Reward', kind: 'enum' },
      { path: 'lyapunov.drift', label: 'Drift', kind: 'enum' },
      { path: 'energy.kappaCv', label: 'kappa CV' },
      { path: 'energy.kappaRsu', label: 'kappa RSU' },
      { path: 'energy.eMaxPerCvJ', label: 'E_max per CV', unit: 'J' },
      { path: 'energy.virtualQueue', label: 'Energy queue', kind: 'enum' },
    ],
  },
  {
    title: 'Queues, offloading and digital twin',
    fields: [
      { path: 'queues.windowSlots', label: 'Delay window m', unit: 'slots' },
      { path: 'queues.initialLocalCycles.min', label: 'Initial local queue min', unit: 'cycles' },
      { path: 'queues.initialLocalCycles.max', label: 'Initial local queue max', unit: 'cycles' },
      { path: 'queues.initialRsuCycles.min', label: 'Initial RSU queue min', unit: 'cycles' },
      { path: 'queues.initialRsuCycles.max', label: 'Initial RSU queue max', unit: 'cycles' },
      { path: 'offloading.targets', label: 'Offloading targets', kind: 'enum' },
      { path: 'offloading.rsuCpu', label: 'RSU CPU share', kind: 'enum' },
      { path: 'offloading.instrTIncludesInstructionUpload', label: 'InstrT includes the instruction upload', kind: 'boolean' },
      { path: 'actionMapping.simplex', label: 'Simplex mapping', kind: 'enum' },
      { path: 'actionMapping.minBandwidthRatio', label: 'Min bandwidth ratio' },
      { path: 'actionMapping.minCpuShare', label: 'Min CPU share' },
      { path: 'digitalTwin.enabled', label: 'Digital twin on', kind: 'boolean' },
      { path: 'digitalTwin.offMasks', label: 'DT off hides', kind: 'enum' },
      { path: 'state.timeFeature', label: 'Time feature t/T', kind: 'boolean' },
    ],
  },
];

/** Unwraps defaults, prefaults, optionals and pipes down to the schema that describes the value. */
function inner(schema: z.core.$ZodType): z.core.$ZodType {
  let s = schema;
  for (;;) {
    if (s instanceof z.ZodDefault || s instanceof z.ZodPrefault || s instanceof z.ZodOptional || s instanceof z.ZodNullable) s = s.def.innerType;
    else if (s instanceof z.ZodPipe) s = s.def.in;
    else return s;
  }
}

/** The choices of the enum field at `path` of a scenario schema (empty when it is not an enum). */
export function enumOptions(schema: z.core.$ZodType, path: string): string[] {
  let s = inner(schema);
  for (const key of path.split('.')) {
    if (!(s instanceof z.ZodObject)) return [];
    const child = (s.shape as Record<string, z.core.$ZodType | undefined>)[key];
    if (!child) return [];
    s = inner(child);
  }
  return s instanceof z.ZodEnum ? (s.options as string[]).map(String) : [];
}

export const isacEnumOptions = (path: string) => enumOptions(isacDtScenarioSchema, path);

/** Every path the form shows (other problems are listed above the form). */
export const isacFieldPaths = new Set(isacGroups.flatMap((g) => g.fields.map((f) => f.path)));
