// `vecwb layers <model>`: the partition units of a DNN with D_l (eq. 3) and B_l (eq. 6), as a table or JSON.
import type { Command } from 'commander';
import { z } from 'zod';
import { UserError } from '../../../src-shared/errors';
import type { DnnModel } from '../../../src-shared/schemas/dnn-model';
import { parseWith } from '../../../src-shared/validation';
import { profileModel } from '../../sim/vec-dnn/dnn-layers';
import { loadModelFile, resolveModel } from '../../sim/vec-dnn/model-catalog';
import type { ModelProfile } from '../../sim/vec-dnn/model-profile';

const optionsSchema = z.object({
  'bytes-per-element': z
    .number({ error: 'must be a number' })
    .positive('must be > 0 (bytes per tensor element, rho of eq. (3))')
    .max(16, 'must be <= 16'),
});

interface LayersJson {
  model: string;
  bytesPerElement: number;
  units: { l: number; name: string; inputBytes: number; workloadOps: number; cumulativeOps: number }[];
  totalOps: number;
}

function toJson(profile: ModelProfile, bytesPerElement: number): LayersJson {
  let cumulative = 0;
  const units = profile.units.map((u, i) => {
    cumulative += u.workloadOps;
    return { l: i + 1, name: u.name, inputBytes: u.inputBytes, workloadOps: u.workloadOps, cumulativeOps: cumulative };
  });
  return { model: profile.name, bytesPerElement, units, totalOps: profile.totalOps };
}

function formatTable(report: LayersJson): string {
  const header = ['l', 'name', 'D_l (bytes)', 'B_l (ops)', 'cumulative B (ops)'];
  const rows = report.units.map((u) => [String(u.l), u.name, String(u.inputBytes), String(u.workloadOps), String(u.cumulativeOps)]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) => cells.map((cell, c) => (c === 1 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  return [
    `${report.model}: ${report.units.length} partition units (cut phi in 1..${report.units.length + 1}), rho = ${report.bytesPerElement} bytes/element`,
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    `total B = ${report.totalOps} ops (${(report.totalOps / 1e9).toFixed(3)} G ops)`,
  ].join('\n');
}

export function register(program: Command): void {
  program
    .command('layers')
    .description('show the partition units of a DNN model: input bytes D_l (eq. 3) and workload B_l (eq. 6)')
    .argument('[model]', 'model name: AlexNet, ResNet18, VGG16, or a model from --model-file (default: that model)')
    .option('--json', 'print JSON instead of a table')
    .option('--bytes-per-element <rho>', 'bytes per tensor element (rho of eq. (3))', '4')
    .option('--model-file <path>', 'a user model JSON file (format of resources/models/*.json)')
    .action((modelName: string | undefined, opts: { json?: boolean; bytesPerElement: string; modelFile?: string }) => {
      const { 'bytes-per-element': bytesPerElement } = parseWith(
        optionsSchema,
        { 'bytes-per-element': Number(opts.bytesPerElement) },
        'layers options',
      );
      const custom: DnnModel[] = opts.modelFile !== undefined ? [loadModelFile(opts.modelFile)] : [];
      const name = modelName ?? custom[0]?.name;
      if (name === undefined) throw new UserError('layers: give a model name (AlexNet, ResNet18, VGG16) or --model-file');
      const report = toJson(profileModel(resolveModel(name, custom), bytesPerElement), bytesPerElement);
      process.stdout.write((opts.json ? JSON.stringify(report, null, 2) : formatTable(report)) + '\n');
    });
}
