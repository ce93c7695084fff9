// Scenario presets offered by the UI: the paper's default and the settings of its figures.
import type { ScenarioPreset } from '../../src-shared/api/scenarios';

export const scenarioPresets: readonly ScenarioPreset[] = [
  {
    id: 'paper1-default',
    env: 'vec-dnn',
    label: 'MAD2RL default (Sec. 8.1)',
    description: '7 CVs, 5 SVs, V = 10, T = 30 slots of 1 s; AlexNet/ResNet18/VGG16; highway at 25 m/s (Figs. 6, 9).',
    scenario: {},
  },
  {
    id: 'paper1-fig7',
    env: 'vec-dnn',
    label: 'Queue stability (Fig. 7)',
    description: '5 CVs, 3 SVs, V = 10: the setting of the queue-length figures.',
    scenario: { name: 'Queue stability (Fig. 7)', cvs: { count: 5 }, svs: { count: 3 } },
  },
  {
    id: 'paper1-fig8a',
    env: 'vec-dnn',
    label: 'Vary #CVs (Fig. 8a)',
    description: '5 SVs, V = 10; #CVs 3..7 (the Experiments form fills the sweep in).',
    scenario: { name: 'Vary #CVs (Fig. 8a)', svs: { count: 5 } },
    sweep: { cvCount: [3, 4, 5, 6, 7] },
  },
  {
    id: 'paper1-fig8b',
    env: 'vec-dnn',
    label: 'Vary #SVs (Fig. 8b)',
    description: '5 CVs, V = 10; #SVs 3..7 (the Experiments form fills the sweep in).',
    scenario: { name: 'Vary #SVs (Fig. 8b)', cvs: { count: 5 } },
    sweep: { svCount: [3, 4, 5, 6, 7] },
  },
  {
    id: 'paper1-small',
    env: 'vec-dnn',
    label: 'Small (3 CVs, 2 SVs)',
    description: 'A small instance for quick experiments and the exhaustive-search oracle.',
    scenario: { name: 'Small (3 CVs, 2 SVs)', cvs: { count: 3 }, svs: { count: 2 } },
  },
  {
    id: 'paper2-default',
    env: 'isac-dt',
    label: 'Ly-DTMPPO default',
    description: "Paper 2's ISAC + digital-twin scenario with its default parameters.",
    scenario: {},
  },
];
