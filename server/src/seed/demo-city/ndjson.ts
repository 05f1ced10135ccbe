/** Writes features as NDJSON (one JSON object per line, "\n" endings) in large chunks. */
import { closeSync, openSync, writeSync } from 'node:fs';

export function writeNdjson(path: string, items: readonly unknown[]): void {
  const fd = openSync(path, 'w');
  try {
    const chunk: string[] = [];
    for (const item of items) {
      chunk.push(JSON.stringify(item));
      if (chunk.length === 2000) {
        writeSync(fd, `${chunk.join('\n')}\n`);
        chunk.length = 0;
      }
    }
    if (chunk.length > 0) writeSync(fd, `${chunk.join('\n')}\n`);
  } finally {
    closeSync(fd);
  }
}
