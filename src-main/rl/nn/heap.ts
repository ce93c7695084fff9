// Direct views of tensor memory for the batch-1 decision path. A matMul through tfjs costs ~10 us while a
// 256-element activation done as tf ops costs several op dispatches, so the decision loop runs its
// element-wise work in plain JS on the tensor's own buffer. Supported on the wasm and cpu backends; other
// backends (native TensorFlow) return null and the caller uses tf ops. A view is only valid until the next
// tensor allocation (the wasm heap may grow), so take it right before use.
import * as tf from '@tensorflow/tfjs';

interface WasmBackendShape {
  wasm: { HEAPF32: Float32Array };
  dataIdMap: { get(id: object): { memoryOffset: number } | undefined };
}
interface CpuBackendShape {
  data: { get(id: object): { values?: unknown } | undefined };
}

export type HeapViewFn = (t: tf.Tensor) => Float32Array;

/** A function returning a writable view of a float32 tensor's data, or null if the backend has none. */
export function heapViewer(): HeapViewFn | null {
  const name = tf.getBackend();
  if (name === 'wasm') {
    const be = tf.backend() as unknown as WasmBackendShape;
    return (t) => {
      const info = be.dataIdMap.get(t.dataId);
      if (!info) throw new Error('heap view of a disposed tensor');
      return new Float32Array(be.wasm.HEAPF32.buffer, info.memoryOffset, t.size);
    };
  }
  if (name === 'cpu') {
    const be = tf.backend() as unknown as CpuBackendShape;
    return (t) => {
      const values = be.data.get(t.dataId)?.values;
      if (!(values instanceof Float32Array)) throw new Error('heap view: tensor data is not a Float32Array');
      return values;
    };
  }
  return null;
}
