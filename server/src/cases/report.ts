/**
 * Reporting a case inside the caller's transaction: the grid at the point (inside the
 * reporter's jurisdiction), a code of the village and the reporting day in the display time
 * zone, the deadline of its category and severity, and its first event.
 */
import { coversCode } from '../auth/jurisdiction.js';
import type { Viewer } from '../auth/viewer.js';
import { todayIn } from '../config.js';
import type { Queryable } from '../db/database.js';
import {
  findGridAtAndLockSerials,
  insertCaseWithFirstEvent,
  nextCaseSerial,
  type CaseRow,
} from '../db/queries/cases.js';
import { caseDeadline } from '../domain/case-deadlines.js';
import { caseCode } from '../domain/codes.js';
import type { CaseCategory, CaseSeverity } from '../domain/vocabulary.js';
import { notInYourGrids } from '../errors.js';

export interface ReportCaseInput {
  category: CaseCategory;
  severity: CaseSeverity;
  source: string;
  lon: number;
  lat: number;
}

export interface ReportRequest {
  input: ReportCaseInput;
  /** Already checked (checkNote). */
  note: string | null;
  viewer: Viewer;
  now: Date;
  /** The zone whose calendar day a case code names (TZ_DISPLAY). */
  timeZone: string;
}

/** Records the case; returns it as stored. */
export async function reportCaseIn(tx: Queryable, r: ReportRequest): Promise<CaseRow> {
  const { input, viewer, now } = r;
  const day = todayIn(r.timeZone, now);
  const ymd = day.replaceAll('-', '');
  const grid = await findGridAtAndLockSerials(tx, input.lon, input.lat, ymd);
  if (!grid || !coversCode(viewer.jurisdiction, grid.code)) {
    throw notInYourGrids('input.lon/lat', input.lon, input.lat, grid !== null);
  }
  const serial = await nextCaseSerial(tx, grid.village_code, ymd);
  return insertCaseWithFirstEvent(
    tx,
    {
      code: caseCode(grid.village_code, day, serial),
      category: input.category,
      severity: input.severity,
      source: input.source,
      reportedAt: now,
      deadline: caseDeadline(input.category, input.severity, now),
      gridCode: grid.code,
      villageCode: grid.village_code,
      lon: input.lon,
      lat: input.lat,
    },
    { actor: viewer.username, note: r.note },
  );
}
