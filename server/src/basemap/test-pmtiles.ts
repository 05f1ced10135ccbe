/**
 * Writes a minimal PMTiles v3 archive (one tile at z0/0/0, PNG, nothing compressed) for tests:
 * the header, a one-entry root directory, empty metadata and the tile.
 */
function varints(values: number[]): number[] {
  const out: number[] = [];
  for (let v of values) {
    while (v >= 0x80) {
      out.push((v & 0x7f) | 0x80);
      v = Math.floor(v / 128);
    }
    out.push(v);
  }
  return out;
}

export function writeTestPmtiles(tile: Uint8Array): Uint8Array {
  // Root directory: 1 entry; tile id 0; run length 1; length; offset + 1.
  const directory = new Uint8Array(varints([1, 0, 1, tile.length, 1]));
  const metadata = new TextEncoder().encode('{}');
  const headerLength = 127;
  const out = new Uint8Array(headerLength + directory.length + metadata.length + tile.length);
  const view = new DataView(out.buffer);
  out.set(new TextEncoder().encode('PMTiles'), 0);
  out[7] = 3;
  const u64 = (at: number, v: number) => view.setBigUint64(at, BigInt(v), true);
  u64(8, headerLength); // root directory offset
  u64(16, directory.length);
  u64(24, headerLength + directory.length); // metadata offset
  u64(32, metadata.length);
  u64(40, 0); // leaf directories
  u64(48, 0);
  u64(56, headerLength + directory.length + metadata.length); // tile data offset
  u64(64, tile.length);
  u64(72, 1); // addressed tiles
  u64(80, 1); // tile entries
  u64(88, 1); // tile contents
  out[96] = 1; // clustered
  out[97] = 1; // internal compression: none
  out[98] = 1; // tile compression: none
  out[99] = 2; // tile type: png
  out[100] = 0; // min zoom
  out[101] = 0; // max zoom
  const e7 = (at: number, v: number) => view.setInt32(at, Math.round(v * 1e7), true);
  e7(102, 114.8);
  e7(106, 34.6);
  e7(110, 116.4);
  e7(114, 35.9);
  out[118] = 0; // centre zoom
  e7(119, 115.5);
  e7(123, 35.25);
  out.set(directory, headerLength);
  out.set(metadata, headerLength + directory.length);
  out.set(tile, headerLength + directory.length + metadata.length);
  return out;
}
