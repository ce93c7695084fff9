// Body of a pool's run process (child_process.fork): waits for its task on the IPC channel, runs it with the
// same code as a run worker thread (run-serve.ts) and exits when the run ends. The parent gone (killed, lost)
// means nobody collects the run: the process exits at once and the run folder keeps its last checkpoint.
import { serveRunTask } from '../run-serve';
import { childTaskSchema } from './pool-protocol';

if (!process.send) throw new Error('run-child.ts must run in a process forked with an IPC channel');
process.on('disconnect', () => process.exit(1));
process.once('message', (raw: unknown) => {
  const parsed = childTaskSchema.safeParse(raw);
  if (!parsed.success) {
    process.send?.({ type: 'failed', message: `run process got an invalid task: ${parsed.error.issues[0]?.message ?? ''}` });
    process.disconnect();
    return;
  }
  void serveRunTask(parsed.data.task, {
    send: (msg) => process.send?.(msg),
    onMessage: (listener) => process.on('message', listener),
    // Let the last messages reach the parent before the channel goes; the process then ends by itself.
    close: () => setImmediate(() => process.connected && process.disconnect()),
  }).catch((err: unknown) => {
    process.send?.({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
    setImmediate(() => process.exit(1));
  });
});
