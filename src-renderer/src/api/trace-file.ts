// Reads an uploaded SUMO FCD trace in the browser: plain XML, or gzip-compressed (recognised by its magic
// bytes, decompressed with the browser's DecompressionStream), with the 64 MiB limit of the API applied while
// reading, so a small .gz that inflates to gigabytes stops early instead of filling the tab's memory.
import { MAX_TRACE_CHARS } from '../../../src-shared/api/scenarios';

export interface TraceUpload {
  /** The name to store the trace under (".gz" removed: the engine receives XML). */
  fileName: string;
  xml: string;
}

function isGzip(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

export async function readTraceFile(file: Blob, name: string, maxChars = MAX_TRACE_CHARS): Promise<TraceUpload> {
  const gzipped = isGzip(new Uint8Array(await file.slice(0, 2).arrayBuffer()));
  if (!gzipped && /\.gz$/i.test(name)) throw new Error(`${name} is not gzip-compressed: upload the FCD XML itself or a real .gz file`);
  const bytes = gzipped ? file.stream().pipeThrough(new DecompressionStream('gzip')) : file.stream();
  const reader = bytes.pipeThrough(new TextDecoderStream()).getReader();
  let xml = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      xml += value;
      if (xml.length > maxChars) {
        await reader.cancel().catch(() => {});
        throw new RangeError(`${name}: the trace is larger than ${Math.round(maxChars / 1024 / 1024)} MiB of XML`);
      }
    }
  } catch (err) {
    if (err instanceof RangeError) throw err;
    throw new Error(`${name}: cannot ${gzipped ? 'decompress' : 'read'} the file (${err instanceof Error ? err.message : String(err)})`);
  }
  return { fileName: name.replace(/\.gz$/i, ''), xml };
}
