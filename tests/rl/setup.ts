// Shared test setup: the learners' tests run on the wasm backend (the project's CPU target) unless
// VECWB_TF_BACKEND says otherwise.
import { selectBackend } from '../../src-main/rl/backend';

export async function useTestBackend(): Promise<string> {
  return (await selectBackend(process.env.VECWB_TF_BACKEND ?? 'wasm')).name;
}
