// `vecwb layers <model>`: the partition units of a DNN with D_l (eq. 3) and B_l (eq. 6), as a table or JSON;
// with --rows, the raw layer rows of the table instead. The work is in layers-report.ts, imported when it runs.
import type { Command } from 'commander';
import type { LayersOptions } from './layers-report';

export function register(program: Command): void {
  program
    .command('layers')
    .description('show the partition units of a DNN model: input bytes D_l (eq. 3) and workload B_l (eq. 6)')
    .argument('[model]', 'model name: AlexNet, ResNet18, VGG16, or a model from --model-file (default: that model)')
    .option('--json', 'print JSON instead of a table')
    .option('--bytes-per-element <rho>', 'bytes per tensor element (rho of eq. (3))', '4')
    .option('--model-file <path>', 'a user model JSON file (format of resources/models/*.json)')
    .option('--rows', 'list the raw layer rows (conv/pool: H, W, C_in, C_out, ker, stride; fc: U_in, U_out) with D_l and B_l per row')
    .action(async (modelName: string | undefined, opts: LayersOptions) => {
      const { layersReport } = await import('./layers-report');
      process.stdout.write(layersReport(modelName, opts));
    });
}
