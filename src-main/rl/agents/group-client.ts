// How the learner talks to an agent group, wherever it runs: in this thread (LocalGroupClient) or in a
// worker thread (workers/worker-group-client.ts). Same methods, always asynchronous.
import type { NamedArray } from '../nn/params';
import type { AgentGroup, DecideInput, TrainForwardInput, TrainForwardOutput } from './agent-group';

export interface GroupClient {
  readonly agentIds: number[];
  readonly remote: boolean;
  decide(inputs: DecideInput[]): Promise<Float32Array[]>;
  trainForward(inputs: TrainForwardInput[]): Promise<TrainForwardOutput[]>;
  trainBackward(inputs: { agent: number; dqChosen: Float32Array }[]): Promise<number[]>;
  applyUpdate(gradScale: number): Promise<void>;
  exportState(): Promise<NamedArray[]>;
  importState(arrays: NamedArray[]): Promise<void>;
  dispose(): Promise<void>;
}

export class LocalGroupClient implements GroupClient {
  readonly remote = false;
  constructor(private readonly group: AgentGroup) {}
  get agentIds(): number[] {
    return this.group.agentIds;
  }
  async decide(inputs: DecideInput[]) {
    return this.group.decide(inputs);
  }
  async trainForward(inputs: TrainForwardInput[]) {
    return this.group.trainForward(inputs);
  }
  async trainBackward(inputs: { agent: number; dqChosen: Float32Array }[]) {
    return this.group.trainBackward(inputs);
  }
  async applyUpdate(gradScale: number) {
    this.group.applyUpdate(gradScale);
  }
  async exportState() {
    return this.group.exportState();
  }
  async importState(arrays: NamedArray[]) {
    this.group.importState(arrays);
  }
  async dispose() {
    this.group.dispose();
  }
}
