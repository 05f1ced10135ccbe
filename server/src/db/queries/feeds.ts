/**
 * The rows of the binary map feeds, packed by the database: per chunk of rows (keyset by id)
 * one aggregate row holding, for every row, its fields as big-endian fixed-width values, and
 * optionally the ids concatenated. Building 250,000 JavaScript row objects costs several times
 * more than the query itself; this way the driver hands over two strings per chunk. A feed may
 * be read over several connections on one snapshot (Database.readSnapshot), its id range cut
 * into one part per connection: on the server driver a 250,000-camera feed then takes about
 * half the time (scripts/bench/api.ts, README).
 */
import type { AreaFilter } from '../../domain/area-filter.js';
import { VIEW_STEP_DEGREES } from '../../domain/camera-view.js';
import type { Database, Queryable } from '../database.js';
import { caseConditions } from './cases.js';
import { Conditions } from './sql-builder.js';

/** Rows per round trip: large enough that round trips cost little, small enough to bound memory. */
export const FEED_CHUNK_ROWS = 50_000;

/**
 * One packed field. `float`: Float64 (8 bytes); `time`: Float64 seconds since 1970 (8 bytes);
 * `code`: Int16 (2 bytes), the 1-based position of the value in `dictionary`, 0 when it is not
 * there (the value's text form is compared, so numbers and booleans work too).
 */
export interface PackedField {
  name: string;
  kind: 'float' | 'time' | 'code';
  dictionary?: readonly (string | number | boolean)[];
  /**
   * A code whose SQL gives the value's 0-based position in `dictionary` itself (a computed
   * code, such as an angle to its step), not a value to look up.
   */
  positioned?: boolean;
}

export const PACKED_BYTES: Record<PackedField['kind'], number> = { float: 8, time: 8, code: 2 };

/** One chunk: `rows` records of the fields in order, big-endian, and the ids when asked for. */
export interface PackedChunk {
  rows: number;
  records: Uint8Array;
  ids: string | null;
}

export interface FeedFilter {
  /** The viewer's jurisdiction prefix. */
  prefix: string;
  /** The unit and bbox asked for (already checked). */
  area: AreaFilter;
  unitPrefix: (code: string) => string;
}

export interface CaseFeedFilter extends FeedFilter {
  from: Date | null;
  to: Date | null;
  statuses: string[] | null;
  categories: string[] | null;
  /** The instant `overdue` is judged at. */
  now: Date;
}

interface Source {
  table: string;
  id: string;
  /** The SQL of each field a feed may ask for, given a way to add a parameter. */
  columns: Record<string, (param: (value: unknown) => string) => string>;
  conditions: () => Conditions;
}

const POINT_COLUMNS = { lon: () => 'ST_X(geom)', lat: () => 'ST_Y(geom)' };

function pointConditions(filter: FeedFilter): () => Conditions {
  // Cameras and risk points carry their grid code, which starts with the village code.
  return () =>
    new Conditions().prefix('grid_code', filter.prefix).area(filter.area, 'geom', 'grid_code', filter.unitPrefix);
}

function packed(field: PackedField, sql: string, c: Conditions): string {
  if (field.kind === 'float') return `float8send((${sql})::float8)`;
  if (field.kind === 'time') return `float8send(extract(epoch FROM ${sql})::float8)`;
  if (field.positioned) return `int2send(((${sql}) + 1)::int2)`;
  // A CASE over the values costs less per row than array_position over a text[] parameter.
  const whens = (field.dictionary ?? []).map((value, i) => `WHEN ${c.param(String(value))} THEN ${i + 1}`);
  return `int2send((CASE (${sql})::text ${whens.join(' ')} ELSE 0 END)::int2)`;
}

export interface PackedReadOptions {
  ids: boolean;
  chunkRows: number;
  /**
   * Percentage of the table's pages sampled to cut the id range into one part per reader
   * (TABLESAMPLE SYSTEM); the cut only balances the work, the rows are the same whatever it is.
   */
  samplePercent?: number;
}

type IdRange = { from: string | null; to: string | null };

/**
 * Ids that cut the rows matching the source's conditions into `parts` ranges of about the same
 * size, from a sample of the table's pages; fewer (none) when the sample is too small.
 */
async function rangeCuts(db: Queryable, source: Source, parts: number, samplePercent: number): Promise<string[]> {
  const c = source.conditions();
  const { rows } = await db.query<{ cuts: string[] | null }>(
    // The first sampled id of each part but the first.
    `SELECT coalesce(array_agg(id ORDER BY id), '{}') AS cuts FROM (
       SELECT id, part, lag(part) OVER (ORDER BY id) AS before FROM (
         SELECT ${source.id} AS id, ntile(${parts}) OVER (ORDER BY ${source.id}) AS part
         FROM ${source.table} TABLESAMPLE SYSTEM (${c.param(samplePercent)}::float4) ${c.where()}) sample) cut
     WHERE part <> before`,
    c.params,
  );
  return rows[0]?.cuts ?? [];
}

/** The rows of one id range, chunk by chunk (keyset by id). */
async function* rangeChunks(
  db: Queryable,
  source: Source,
  fields: readonly PackedField[],
  range: IdRange,
  options: PackedReadOptions,
): AsyncGenerator<PackedChunk> {
  let after: string | null = null;
  for (;;) {
    const c = source.conditions();
    if (after !== null) c.add(`${source.id} > ${c.param(after)}`);
    else if (range.from !== null) c.add(`${source.id} >= ${c.param(range.from)}`);
    if (range.to !== null) c.add(`${source.id} < ${c.param(range.to)}`);
    const record = fields
      .map((f) => {
        const column = source.columns[f.name];
        if (!column) throw new Error(`${source.table} has no feed field "${f.name}"`);
        return packed(
          f,
          column((value) => c.param(value)),
          c,
        );
      })
      .join(' || ');
    // One aggregate pass feeds every row to each aggregate, so records and ids stay aligned;
    // a LIMIT subquery is not parallelised, so they come in id order. The records come as
    // base64 text: both drivers hand bytea over as hex text, which the embedded engine's
    // JavaScript decodes several times slower (of a 250,000-camera feed, ~400 of ~700 ms).
    const { rows } = await db.query<{
      n: number;
      last_id: string | null;
      records: string | null;
      ids: string | null;
    }>(
      `SELECT count(*)::int AS n, max(id) AS last_id, encode(string_agg(record, ''::bytea), 'base64') AS records,
         ${options.ids ? `string_agg(id, '')` : 'NULL::text'} AS ids
       FROM (SELECT ${source.id} AS id, ${record} AS record FROM ${source.table} ${c.where()}
             ORDER BY ${source.id} LIMIT ${options.chunkRows}) chunk`,
      c.params,
    );
    const { n, last_id, records, ids } = rows[0]!;
    if (n > 0) yield { rows: n, records: new Uint8Array(Buffer.from(records!, 'base64')), ids };
    if (n < options.chunkRows) return;
    after = last_id;
  }
}

async function collectChunks(chunks: AsyncIterable<PackedChunk>): Promise<PackedChunk[]> {
  const all: PackedChunk[] = [];
  for await (const chunk of chunks) all.push(chunk);
  return all;
}

/**
 * The packed rows in id order. With several readers (one snapshot, see Database.readSnapshot)
 * the id range is cut into one part per reader, read at the same time; the first part streams,
 * the others are held until their turn.
 */
async function* packedChunks(
  readers: readonly Queryable[],
  source: Source,
  fields: readonly PackedField[],
  options: PackedReadOptions,
): AsyncGenerator<PackedChunk> {
  if (readers.length === 0) throw new Error('packedChunks needs a reader');
  const cuts =
    readers.length > 1 ? await rangeCuts(readers[0]!, source, readers.length, options.samplePercent ?? 1) : [];
  const ranges: IdRange[] = [null, ...cuts].map((from, i) => ({ from, to: cuts[i] ?? null }));
  const later = ranges
    .slice(1)
    .map((range, i) => collectChunks(rangeChunks(readers[i + 1]!, source, fields, range, options)));
  // Awaited in turn below; until then a failure must not count as unhandled.
  for (const part of later) part.catch(() => undefined);
  yield* rangeChunks(readers[0]!, source, fields, ranges[0]!, options);
  for (const part of later) yield* await part;
}

export type FeedReadOptions = Omit<PackedReadOptions, 'chunkRows'> & { chunkRows?: number };

const asReaders = (readers: Queryable | readonly Queryable[]): readonly Queryable[] =>
  Array.isArray(readers) ? readers : [readers as Queryable];

const withDefaults = (options: FeedReadOptions): PackedReadOptions => ({
  ...options,
  chunkRows: options.chunkRows ?? FEED_CHUNK_ROWS,
});

/**
 * A camera's heading and field of view as positions in CAMERA_HEADINGS and CAMERA_FOVS
 * (domain/camera-view.ts, which computes the same): 5° steps, 0 for unknown.
 */
const HEADING_POSITION = `coalesce(round(heading / ${VIEW_STEP_DEGREES}.0)::int % ${360 / VIEW_STEP_DEGREES} + 1, 0)`;
const FOV_POSITION = `coalesce(least(${360 / VIEW_STEP_DEGREES}, greatest(1, round(fov / ${VIEW_STEP_DEGREES}.0)::int)), 0)`;

/** Cameras inside the jurisdiction and area, by id. Fields: lon, lat, status, kind, heading, fov. */
export function findCameraFeedChunks(
  readers: Queryable | readonly Queryable[],
  filter: FeedFilter,
  fields: readonly PackedField[],
  options: FeedReadOptions,
): AsyncGenerator<PackedChunk> {
  const source: Source = {
    table: 'cameras',
    id: 'id',
    columns: {
      ...POINT_COLUMNS,
      status: () => 'status',
      kind: () => 'kind',
      heading: () => HEADING_POSITION,
      fov: () => FOV_POSITION,
    },
    conditions: pointConditions(filter),
  };
  return packedChunks(asReaders(readers), source, fields, withDefaults(options));
}

/** Risk points inside the jurisdiction and area, by id. Fields: lon, lat, level, category. */
export function findRiskPointFeedChunks(
  readers: Queryable | readonly Queryable[],
  filter: FeedFilter,
  fields: readonly PackedField[],
  options: FeedReadOptions,
): AsyncGenerator<PackedChunk> {
  const source: Source = {
    table: 'risk_points',
    id: 'id',
    columns: { ...POINT_COLUMNS, level: () => 'level', category: () => 'category' },
    conditions: pointConditions(filter),
  };
  return packedChunks(asReaders(readers), source, fields, withDefaults(options));
}

/**
 * Cases inside the jurisdiction, area, time window, statuses and categories, by code.
 * Fields: lon, lat, status, category, severity, reported_at, overdue (open and past its deadline
 * at `filter.now`).
 */
export function findCaseFeedChunks(
  readers: Queryable | readonly Queryable[],
  filter: CaseFeedFilter,
  fields: readonly PackedField[],
  options: FeedReadOptions,
): AsyncGenerator<PackedChunk> {
  const source: Source = {
    table: 'cases',
    id: 'code',
    columns: {
      ...POINT_COLUMNS,
      status: () => 'status',
      category: () => 'category',
      severity: () => 'severity',
      reported_at: () => 'reported_at',
      overdue: (param) => `(closed_at IS NULL AND deadline < ${param(filter.now)}::timestamptz)`,
    },
    conditions: () => caseConditions({ ...filter, overdue: null }),
  };
  return packedChunks(asReaders(readers), source, fields, withDefaults(options));
}

/**
 * When the case feed of `filter` stops being exact: the earliest deadline, at or after
 * `filter.now`, of an open case in it (after that instant the case counts as overdue), or null
 * when no open case of the feed has a deadline still to come.
 */
export async function nextOverdueAt(db: Queryable, filter: CaseFeedFilter): Promise<Date | null> {
  const c = caseConditions({ ...filter, overdue: null });
  c.add(`closed_at IS NULL AND deadline >= ${c.param(filter.now)}::timestamptz`);
  const { rows } = await db.query<{ at: Date | null }>(`SELECT min(deadline) AS at FROM cases ${c.where()}`, c.params);
  return rows[0]?.at ? new Date(rows[0].at) : null;
}

/** The feeds with a version of their data (migrations 011 and 013). */
export type VersionedLayer = 'cameras' | 'cases' | 'risk_points';

/** The current version of a feed's data (migration 011), a bigint as text. */
export async function feedVersion(db: Queryable, layer: VersionedLayer): Promise<string> {
  const { rows } = await db.query<{ version: string }>(
    'SELECT version::text AS version FROM feed_versions WHERE layer = $1',
    [layer],
  );
  if (!rows[0]) throw new Error(`no feed version for ${layer} (migration 011 not applied?)`);
  return rows[0].version;
}

/**
 * The cameras' status changes since `version` (migration 012), read in one snapshot with the
 * version they bring the feed to; null when something other than statuses changed since (or the
 * log no longer reaches back that far), so a feed kept at `version` must be built afresh.
 */
export function cameraStatusChangesSince(
  db: Database,
  version: string,
  /** Also read the ids of the cameras a feed with this filter holds, in its row order. */
  idsOf?: FeedFilter,
): Promise<{ version: string; changes: { id: string; status: string }[]; ids: string | null } | null> {
  return inSnapshot(db, async (tx) => {
    const { rows } = await tx.query<{ version: string; rebuild_from: string }>(
      `SELECT version::text AS version, rebuild_from::text AS rebuild_from FROM feed_versions WHERE layer = 'cameras'`,
    );
    const current = rows[0];
    if (!current || BigInt(current.rebuild_from) > BigInt(version)) return null;
    const changes = await tx.query<{ id: string; status: string }>(
      `SELECT id, status FROM camera_status_changes WHERE version > $1 AND version <= $2 ORDER BY version, id`,
      [version, current.version],
    );
    let ids: string | null = null;
    if (idsOf) {
      // No camera came, went or moved since `version`: the rows are the kept feed's rows.
      const c = pointConditions(idsOf)();
      const { rows } = await tx.query<{ ids: string }>(
        `SELECT coalesce(string_agg(id, '' ORDER BY id), '') AS ids FROM cameras ${c.where()}`,
        c.params,
      );
      ids = rows[0]!.ids;
    }
    return { version: current.version, changes: changes.rows, ids };
  });
}

/**
 * Runs `work` in one read-only REPEATABLE READ transaction, so that its statements (a feed's
 * version and all its chunks) see one snapshot: the bytes built are exactly those of the
 * version read, which is what lets them be cached under it.
 */
export function inSnapshot<T>(db: Database, work: (tx: Queryable) => Promise<T>): Promise<T> {
  return db.readSnapshot(1, ([tx]) => work(tx!));
}
