/**
 * The map feed format before Arrow (media type `application/vnd.zongzhi.columns`, magic "ZZCF"),
 * kept here ONLY as the measured baseline of scripts/bench/feed-format.ts: the product neither
 * writes nor reads it. Little-endian hosts only (every host this bench runs on).
 *
 * Layout: "ZZCF", Uint16 version 1, Uint16 0, Uint32 rows, Uint32 header length H, H bytes of
 * JSON header (padded to 8), then each column padded to 8 bytes.
 */
interface Column {
  name: string;
  type: 'uint8' | 'uint32' | 'float32' | 'ascii';
  size: number;
  values: Uint8Array | Uint32Array | Float32Array;
  dictionary?: unknown[];
  origin?: [number, number];
  epoch?: string;
  unit?: string;
}

const alignUp = (n: number) => Math.ceil(n / 8) * 8;
const ARRAY = { uint8: Uint8Array, uint32: Uint32Array, float32: Float32Array, ascii: Uint8Array } as const;

/** The old encoder: a JSON header of column descriptors, then the columns as they are. */
export function encodeZzcf(layer: string, rows: number, columns: Column[], meta?: Record<string, unknown>): Uint8Array {
  let offset = 0;
  const descriptors = columns.map(({ values, ...rest }) => {
    const d = { ...rest, offset, byteLength: values.byteLength };
    offset = alignUp(offset + values.byteLength);
    return d;
  });
  const json = new TextEncoder().encode(
    JSON.stringify({ layer, rows, columns: descriptors, ...(meta ? { meta } : {}) }),
  );
  const headerLength = alignUp(16 + json.length) - 16;
  const bodyStart = 16 + headerLength;
  const out = new Uint8Array(bodyStart + offset);
  out.set([0x5a, 0x5a, 0x43, 0x46], 0);
  const view = new DataView(out.buffer);
  view.setUint16(4, 1, true);
  view.setUint32(8, rows, true);
  view.setUint32(12, headerLength, true);
  out.set(json, 16);
  out.fill(0x20, 16 + json.length, bodyStart);
  columns.forEach((c, i) =>
    out.set(
      new Uint8Array(c.values.buffer, c.values.byteOffset, c.values.byteLength),
      bodyStart + descriptors[i]!.offset,
    ),
  );
  return out;
}

/** The old browser decode into what deck.gl takes (web/src/map/feed-data.ts's toPointFeed then). */
export function zzcfPointFeed(input: ArrayBuffer) {
  const bytes = new Uint8Array(input);
  const view = new DataView(input);
  const rows = view.getUint32(8, true);
  const bodyStart = 16 + view.getUint32(12, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(16, bodyStart))) as {
    layer: string;
    columns: (Column & { offset: number })[];
  };
  let origin: [number, number] = [0, 0];
  let positions: Float32Array = new Float32Array(0);
  let minutes: Float32Array | null = null;
  let epochMs = 0;
  const codes: Record<string, { values: Uint8Array; dictionary: unknown[] }> = {};
  for (const d of header.columns) {
    const values = new ARRAY[d.type](input, bodyStart + d.offset, rows * d.size);
    if (d.origin) {
      origin = d.origin;
      positions = values as Float32Array;
    } else if (d.dictionary) codes[d.name] = { values: values as Uint8Array, dictionary: d.dictionary };
    else if (d.epoch && d.unit === 'minute') {
      minutes = Float32Array.from(values as Uint32Array);
      epochMs = Date.parse(d.epoch);
    }
  }
  return { layer: header.layer, rows, origin, positions, codes, minutes, epochMs };
}
