/**
 * The audit review: the audit administrator reads, filters, verifies and exports the audit
 * record; nobody else may (separated duties), and the export is safe to open in a spreadsheet.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eachDriver } from '../../../test/databases.js';
import { startTestApi, TEST_NOW, type TestApi } from '../../../test/api.js';
import { signInWithSecondFactor, TestClock } from '../../../test/sign-in.js';

const LOG = `query ($f: AuditFilter, $first: Int, $after: String) {
  auditLog(filter: $f, first: $first, after: $after) {
    totalCount nextCursor entries { id at username operation target outcome success detail }
  }
}`;
const CHAIN = '{ auditChain { intact checked firstBrokenId problem } }';
const OPERATIONS = '{ auditOperations }';

const T0 = new Date('2026-06-01T08:00:00+08:00');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
const REVIEWED = 'zz-reviewer';

/** The rows the tests look for, under a username no one else writes as. */
const ROWS = [
  { at: minutes(0), operation: 'login', target: null, outcome: 'ok' },
  { at: minutes(1), operation: 'advanceCase', target: 'C-001', outcome: 'ok' },
  { at: minutes(2), operation: 'advanceCase', target: 'c-002', outcome: 'denied_jurisdiction' },
  { at: minutes(3), operation: 'publishIndex', target: 'day 100%', outcome: 'denied_role' },
  { at: minutes(4), operation: 'updateCamera', target: '=HYPERLINK("http://evil.example","x")', outcome: 'ok' },
];

eachDriver('the audit review', (driver) => {
  let api: TestApi;
  const clock = new TestClock(TEST_NOW);
  const tokens: Record<string, string> = {};
  const ids: string[] = [];
  beforeAll(async () => {
    api = await startTestApi(driver, 'tiny', clock.now);
    for (const row of ROWS) {
      const { rows } = await api.db.query<{ id: string }>(
        `INSERT INTO audit_log (at, username, operation, target, success, outcome, detail)
         VALUES ($1, $2, $3, $4, $5, $6, '+1 row') RETURNING id::text AS id`,
        [row.at, REVIEWED, row.operation, row.target, row.outcome === 'ok', row.outcome],
      );
      ids.push(rows[0]!.id);
    }
    for (const username of ['demo-auditadmin', 'demo-sysadmin', 'demo-secadmin', 'demo-city']) {
      tokens[username] = (await signInWithSecondFactor(api, clock, username)).token;
    }
  });
  afterAll(() => api.stop());

  const log = (variables: Record<string, unknown>, token = tokens['demo-auditadmin']) => api.gql(LOG, variables, token);
  const csv = (query: string, token?: string) =>
    fetch(`${api.base}/exports/audit.csv${query}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});

  it('reads the record newest first, a page at a time, with the total on every page', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 5; pages += 1) {
      const res = await log({ f: { username: REVIEWED }, first: 2, after });
      expect(res.errors).toBeUndefined();
      expect(res.data.auditLog.totalCount).toBe(5);
      seen.push(...res.data.auditLog.entries.map((e: { id: string }) => e.id));
      after = res.data.auditLog.nextCursor;
      if (!after) break;
    }
    expect(seen).toEqual([...ids].reverse());
    const newest = (await log({ f: { username: REVIEWED }, first: 1 })).data.auditLog.entries[0];
    expect(newest).toEqual({
      id: ids[4],
      at: minutes(4).toISOString(),
      username: REVIEWED,
      operation: 'updateCamera',
      target: ROWS[4]!.target,
      outcome: 'ok',
      success: true,
      detail: '+1 row',
    });
  });

  it('filters by time, user, operation, target and outcome', async () => {
    const matching = async (filter: Record<string, unknown>) => {
      const res = await log({ f: { username: REVIEWED, ...filter }, first: 50 });
      expect(res.errors).toBeUndefined();
      expect(res.data.auditLog.totalCount).toBe(res.data.auditLog.entries.length);
      return res.data.auditLog.entries.map((e: { id: string }) => e.id).reverse();
    };
    expect(await matching({ from: minutes(1).toISOString(), to: minutes(3).toISOString() })).toEqual(ids.slice(1, 3));
    expect(await matching({ operation: 'advanceCase' })).toEqual(ids.slice(1, 3));
    expect(await matching({ operation: 'advance' })).toEqual([]);
    expect(await matching({ target: 'C-00' })).toEqual(ids.slice(1, 3));
    expect(await matching({ target: '100%' })).toEqual([ids[3]]);
    expect(await matching({ target: '_' })).toEqual([]);
    expect(await matching({ outcome: 'denied_role' })).toEqual([ids[3]]);
    expect(await matching({ username: 'nobody-at-all' })).toEqual([]);
  });

  it('says what is wrong with a filter, a page size or a cursor', async () => {
    const problem = async (variables: Record<string, unknown>) => (await log(variables)).errors?.[0]?.extensions;
    expect(await problem({ f: { from: minutes(3).toISOString(), to: minutes(3).toISOString() } })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'filter.to',
    });
    expect(await problem({ f: { target: 'x'.repeat(201) } })).toMatchObject({ field: 'filter.target' });
    expect(await problem({ first: 0 })).toMatchObject({ field: 'first' });
    expect(await problem({ after: 'not-a-cursor' })).toMatchObject({ field: 'after' });
  });

  it('lists the operation names in the record, for the filter', async () => {
    const res = await api.gql(OPERATIONS, {}, tokens['demo-auditadmin']);
    const names: string[] = res.data.auditOperations;
    expect(names).toEqual(expect.arrayContaining(['advanceCase', 'login', 'publishIndex', 'updateCamera']));
    expect(names).toEqual([...names].sort());
    expect(new Set(names).size).toBe(names.length);
  });

  describe('separated duties', () => {
    it.each(['demo-sysadmin', 'demo-secadmin', 'demo-city'])('refuses %s the record and its export', async (who) => {
      for (const query of [LOG, CHAIN, OPERATIONS]) {
        const res = await api.gql(query, {}, tokens[who]);
        expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
        expect(res.data).toBeNull();
      }
      const res = await csv('', tokens[who]);
      expect(res.status).toBe(403);
      expect((await res.json()).error.code).toBe('FORBIDDEN');
    });

    it('asks for a sign-in without a token', async () => {
      expect((await api.gql(LOG, {})).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect((await csv('')).status).toBe(401);
    });
  });

  describe('the CSV export', () => {
    it('exports the filtered record with every formula defused, and audits the export', async () => {
      const res = await csv(`?username=${REVIEWED}&target=hyperlink`, tokens['demo-auditadmin']);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      const bytes = Buffer.from(await res.arrayBuffer());
      // A byte order mark, so that spreadsheet programs read the file as UTF-8.
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = bytes.subarray(3).toString('utf8').split('\r\n');
      expect(lines[0]).toBe('id,at,username,operation,target,outcome,success,detail,hash');
      expect(lines).toHaveLength(3);
      expect(lines[2]).toBe('');
      const cells = lines[1]!.split(',');
      expect(cells.slice(0, 4)).toEqual([ids[4], minutes(4).toISOString(), REVIEWED, 'updateCamera']);
      expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
      expect(lines[1]).toContain(",'+1 row,");

      const { rows } = await api.db.query<{ detail: string }>(
        `SELECT detail FROM audit_log WHERE operation = 'exportAudit' AND username = 'demo-auditadmin' AND success`,
      );
      expect(rows.map((r) => JSON.parse(r.detail))).toEqual([{ username: REVIEWED, target: 'hyperlink' }]);
    });

    it('exports everything, newest first, without a filter', async () => {
      const text = await (await csv('', tokens['demo-auditadmin'])).text();
      const exported = text
        .split('\r\n')
        .slice(1, -1)
        .map((line) => line.split(',')[0]!);
      expect(exported.length).toBeGreaterThan(ROWS.length);
      expect(exported).toEqual([...exported].sort((a, b) => Number(b) - Number(a)));
    });

    it('says what is wrong with a parameter', async () => {
      const token = tokens['demo-auditadmin'];
      const unknown = await csv('?user=x', token);
      expect(unknown.status).toBe(400);
      expect((await unknown.json()).error).toMatchObject({ field: 'user' });
      const outcome = await csv('?outcome=maybe', token);
      expect((await outcome.json()).error).toMatchObject({ code: 'BAD_REQUEST', field: 'outcome' });
      const from = await csv('?from=yesterday', token);
      expect((await from.json()).error).toMatchObject({ field: 'from' });
    });
  });

  it('reports the chain intact, and names a row edited behind the append-only guard', async () => {
    const chain = async () => (await api.gql(CHAIN, {}, tokens['demo-auditadmin'])).data.auditChain;
    expect(await chain()).toMatchObject({ intact: true, firstBrokenId: null, problem: null });
    await api.db.transaction(async (tx) => {
      await tx.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_or_delete');
      await tx.query(`UPDATE audit_log SET outcome = 'ok', success = true WHERE id = $1`, [ids[3]]);
      await tx.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_or_delete');
    });
    expect(await chain()).toMatchObject({
      intact: false,
      firstBrokenId: ids[3],
      problem: 'its fields do not match its hash: it was changed',
    });
  });
});
