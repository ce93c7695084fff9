// The first (and only) task message a pool's run process receives, checked on arrival.
import { z } from 'zod';
import { runTaskSchema } from '../worker-protocol';

export const childTaskSchema = z.object({ type: z.literal('task'), task: runTaskSchema });
export type ChildTask = z.infer<typeof childTaskSchema>;
