/**
 * Where the shared test fixtures live. The global setup builds them once per run:
 * the tiny demo data set, and an embedded database with migrations (empty and loaded)
 * dumped to files that each test opens a private copy of.
 */
import { join } from 'node:path';

/**
 * One id per test run, set by the global setup before the workers start, so that two runs
 * in the same checkout (two terminals, two engineers) never share fixtures or databases.
 */
export const RUN_ID = process.env.ZZ_TEST_RUN ?? 'default';

export const FIXTURE_DIR = join(process.cwd(), '.cache', 'test-fixtures', RUN_ID);
export const TINY_DATASET_DIR = join(FIXTURE_DIR, 'tiny-dataset');
export const EMBEDDED_MIGRATED_DUMP = join(FIXTURE_DIR, 'embedded-migrated.tar');
export const EMBEDDED_TINY_DUMP = join(FIXTURE_DIR, 'embedded-tiny.tar');

/** The pinned "today" of the test data, so tests never depend on the clock. */
export const TEST_AS_OF = '2026-06-30';
export const TEST_SEED = 20260630;

/** Template databases on the real server (when TEST_DATABASE_URL is set). */
export const SERVER_TEMPLATE_MIGRATED = `zz_test_migrated_${RUN_ID}`;
export const SERVER_TEMPLATE_TINY = `zz_test_tiny_${RUN_ID}`;
