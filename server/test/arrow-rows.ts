/**
 * A feed's rows as read by apache-arrow, the reference implementation: the second, independent
 * reader of what flechette writes (domain/feed-columns.ts), following only the documented
 * schema (docs/feeds.md): positions are offsets from the field's `origin`, times whole units
 * since its `epoch`, coded columns Arrow dictionaries. Test code only.
 */
import { tableFromIPC, type Field } from 'apache-arrow';

const STEP_MS: Record<string, number> = { minute: 60_000, day: 86_400_000 };

/** What a feed's schema says beside its columns. */
export interface ArrowFeed {
  layer: string | undefined;
  meta: Record<string, unknown>;
  /** Each column's Arrow type, as apache-arrow prints it. */
  types: Record<string, string>;
  rows: Record<string, unknown>[];
}

function reader(f: Field): (value: unknown) => unknown {
  const origin = f.metadata.get('origin');
  if (origin) {
    const [lon, lat] = JSON.parse(origin) as [number, number];
    return (v) => {
      const [x, y] = (v as { toArray(): Float32Array }).toArray();
      return [lon + x!, lat + y!];
    };
  }
  const epoch = f.metadata.get('epoch');
  if (epoch) {
    const step = STEP_MS[f.metadata.get('unit')!]!;
    return (v) => new Date(Date.parse(epoch) + (v as number) * step);
  }
  return (v) => v;
}

/** Reads `bytes` with apache-arrow. */
export function arrowFeed(bytes: Uint8Array | ArrayBuffer): ArrowFeed {
  const table = tableFromIPC(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
  const fields = table.schema.fields;
  const readers = fields.map(reader);
  const columns = fields.map((f) => table.getChild(f.name)!);
  const rows: Record<string, unknown>[] = [];
  for (let i = 0; i < table.numRows; i++) {
    const row: Record<string, unknown> = {};
    fields.forEach((f, c) => (row[f.name] = readers[c]!(columns[c]!.get(i))));
    rows.push(row);
  }
  const metadata = table.schema.metadata;
  return {
    layer: metadata.get('layer'),
    meta: JSON.parse(metadata.get('meta') ?? '{}'),
    types: Object.fromEntries(fields.map((f) => [f.name, String(f.type)])),
    rows,
  };
}

/** Only the rows. */
export const arrowRows = (bytes: Uint8Array | ArrayBuffer) => arrowFeed(bytes).rows;
