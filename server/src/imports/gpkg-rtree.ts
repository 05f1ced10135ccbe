/**
 * The GeoPackage R-tree spatial index extension (OGC 12-128 F.3, as GDAL writes it) for a file
 * built with sql.js, whose SQLite has no R*Tree module: the index is written in the R*Tree's own
 * storage (its _node, _rowid and _parent tables, packed bottom-up from the features' boxes) and
 * its virtual table declared in the schema, so any SQLite with the module (GDAL, QGIS) finds a
 * complete index, and the spec's triggers keep it current when they edit the file.
 */
import type { Database } from 'sql.js';

/** A feature's id and box. */
export interface IndexEntry {
  id: number;
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

/** SQLite's RTREE_MAXCELLS and its 2-D cell: an 8-byte id, then four 4-byte floats. */
const MAX_CELLS = 51;
const CELL_BYTES = 24;
/** What SQLite itself picks for a 2-D R*Tree on 4 KiB pages: 4 header bytes and 51 cells. */
const NODE_BYTES = 4 + CELL_BYTES * MAX_CELLS;

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** `x` as a 32-bit float on the side that keeps it inside the box (SQLite rounds boxes outward). */
function outward(x: number, up: boolean): number {
  f32[0] = x;
  const r = f32[0]!;
  if (r === x || (up ? r > x : r < x)) return r;
  if (r === 0) return up ? 1e-45 : -1e-45;
  // One unit in the last place further out: the bits grow with the magnitude.
  u32[0] = u32[0]! + (r > 0 === up ? 1 : -1);
  return f32[0]!;
}

interface Node {
  no: number;
  cells: { id: number; box: [number, number, number, number] }[];
}

function nodeBlob(node: Node, depth: number | null): Uint8Array {
  const bytes = new Uint8Array(NODE_BYTES);
  const view = new DataView(bytes.buffer);
  view.setUint16(0, depth ?? 0);
  view.setUint16(2, node.cells.length);
  node.cells.forEach((c, i) => {
    const at = 4 + i * CELL_BYTES;
    view.setBigInt64(at, BigInt(c.id));
    view.setFloat32(at + 8, outward(c.box[0], false));
    view.setFloat32(at + 12, outward(c.box[1], true));
    view.setFloat32(at + 16, outward(c.box[2], false));
    view.setFloat32(at + 20, outward(c.box[3], true));
  });
  return bytes;
}

const boxOf = (cells: Node['cells']): [number, number, number, number] => [
  Math.min(...cells.map((c) => c.box[0])),
  Math.max(...cells.map((c) => c.box[1])),
  Math.min(...cells.map((c) => c.box[2])),
  Math.max(...cells.map((c) => c.box[3])),
];

/**
 * Adds the R-tree index of `table`.`column` (primary key `fid`) holding `entries`: the shadow
 * tables, the triggers, the gpkg_extensions row and, last, the virtual table's schema entry
 * (after which this connection must not touch the index table: it has no module for it).
 */
export function writeRtreeIndex(db: Database, table: string, column: string, entries: readonly IndexEntry[]): void {
  const rtree = `rtree_${table}_${column}`;
  db.run(`CREATE TABLE "${rtree}_node"(nodeno INTEGER PRIMARY KEY, data);
    CREATE TABLE "${rtree}_rowid"(rowid INTEGER PRIMARY KEY, nodeno);
    CREATE TABLE "${rtree}_parent"(nodeno INTEGER PRIMARY KEY, parentnode);`);
  // Sort-tile packing: strips by x, each sorted by y, so leaves hold neighbours.
  const sorted = [...entries].sort((a, b) => a.minX + a.maxX - (b.minX + b.maxX));
  const leafCount = Math.max(1, Math.ceil(sorted.length / MAX_CELLS));
  const strip = Math.ceil(Math.sqrt(leafCount)) * MAX_CELLS;
  const ordered: IndexEntry[] = [];
  for (let i = 0; i < sorted.length; i += strip) {
    ordered.push(...sorted.slice(i, i + strip).sort((a, b) => a.minY + a.maxY - (b.minY + b.maxY)));
  }
  let level: Node['cells'] = ordered.map((e) => ({ id: e.id, box: [e.minX, e.maxX, e.minY, e.maxY] }));
  const levels: Node[][] = [];
  let next = 2;
  for (;;) {
    const nodes: Node[] = [];
    for (let i = 0; i < Math.max(level.length, 1); i += MAX_CELLS) {
      nodes.push({ no: 0, cells: level.slice(i, i + MAX_CELLS) });
    }
    levels.push(nodes);
    if (nodes.length === 1) break;
    for (const n of nodes) n.no = next++;
    level = nodes.map((n) => ({ id: n.no, box: boxOf(n.cells) }));
  }
  const root = levels[levels.length - 1]![0]!;
  root.no = 1;
  const depth = levels.length - 1;
  const insertNode = db.prepare(`INSERT INTO "${rtree}_node" VALUES (?, ?)`);
  const insertParent = db.prepare(`INSERT INTO "${rtree}_parent" VALUES (?, ?)`);
  const insertRowid = db.prepare(`INSERT INTO "${rtree}_rowid" VALUES (?, ?)`);
  try {
    levels.forEach((nodes, height) => {
      for (const node of nodes) {
        insertNode.run([node.no, nodeBlob(node, node === root ? depth : null)]);
        for (const c of node.cells) (height === 0 ? insertRowid : insertParent).run([c.id, node.no]);
      }
    });
  } finally {
    insertNode.free();
    insertParent.free();
    insertRowid.free();
  }
  const t = `"${table}"`;
  const g = `"${column}"`;
  const values = `NEW.fid, ST_MinX(NEW.${g}), ST_MaxX(NEW.${g}), ST_MinY(NEW.${g}), ST_MaxY(NEW.${g})`;
  db.run(`
    CREATE TRIGGER "${rtree}_insert" AFTER INSERT ON ${t}
      WHEN (new.${g} NOT NULL AND NOT ST_IsEmpty(NEW.${g}))
      BEGIN INSERT OR REPLACE INTO "${rtree}" VALUES (${values}); END;
    CREATE TRIGGER "${rtree}_update1" AFTER UPDATE OF ${g} ON ${t}
      WHEN OLD.fid = NEW.fid AND (NEW.${g} NOTNULL AND NOT ST_IsEmpty(NEW.${g}))
      BEGIN INSERT OR REPLACE INTO "${rtree}" VALUES (${values}); END;
    CREATE TRIGGER "${rtree}_update2" AFTER UPDATE OF ${g} ON ${t}
      WHEN OLD.fid = NEW.fid AND (NEW.${g} IS NULL OR ST_IsEmpty(NEW.${g}))
      BEGIN DELETE FROM "${rtree}" WHERE id = OLD.fid; END;
    CREATE TRIGGER "${rtree}_update3" AFTER UPDATE ON ${t}
      WHEN OLD.fid != NEW.fid AND (NEW.${g} NOTNULL AND NOT ST_IsEmpty(NEW.${g}))
      BEGIN DELETE FROM "${rtree}" WHERE id = OLD.fid; INSERT OR REPLACE INTO "${rtree}" VALUES (${values}); END;
    CREATE TRIGGER "${rtree}_update4" AFTER UPDATE ON ${t}
      WHEN OLD.fid != NEW.fid AND (NEW.${g} IS NULL OR ST_IsEmpty(NEW.${g}))
      BEGIN DELETE FROM "${rtree}" WHERE id IN (OLD.fid, NEW.fid); END;
    CREATE TRIGGER "${rtree}_delete" AFTER DELETE ON ${t}
      WHEN old.${g} NOT NULL
      BEGIN DELETE FROM "${rtree}" WHERE id = OLD.fid; END;
    CREATE TABLE IF NOT EXISTS gpkg_extensions (table_name TEXT, column_name TEXT, extension_name TEXT NOT NULL,
      definition TEXT NOT NULL, scope TEXT NOT NULL, CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name));`);
  db.run('INSERT INTO gpkg_extensions VALUES (?, ?, ?, ?, ?)', [
    table,
    column,
    'gpkg_rtree_index',
    'http://www.geopackage.org/spec120/#extension_rtree',
    'write-only',
  ]);
  db.run('PRAGMA writable_schema = ON');
  db.run(`INSERT INTO sqlite_master (type, name, tbl_name, rootpage, sql) VALUES ('table', ?, ?, 0, ?)`, [
    rtree,
    rtree,
    `CREATE VIRTUAL TABLE "${rtree}" USING rtree(id, minx, maxx, miny, maxy)`,
  ]);
  db.run('PRAGMA writable_schema = OFF');
}
