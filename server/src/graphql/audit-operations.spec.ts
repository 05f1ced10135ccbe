import { describe, expect, it } from 'vitest';
import { auditOperationText } from '../../../web/src/i18n/audit-operations.js';
import { translator } from '../../../web/src/i18n/test-translator.js';
import { en } from '../../../web/src/i18n/en.js';
import { zh } from '../../../web/src/i18n/zh.js';
import { EXPORT_OPERATION } from '../audit/export-csv.js';
import { PRUNE_OPERATION } from '../audit/chain.js';
import { SIGN_IN_OPERATIONS } from '../auth/login.js';
import { CASE_ACTIONS } from '../domain/case-lifecycle.js';
import { IMPORT_LAYERS } from '../imports/mapping.js';
import { STOP_WATCHING_OPERATION, WATCH_OPERATION } from '../video/views.js';
import { INSPECTION_NOTE_OPERATION } from './features/risk-points.js';
import { schema } from './schema.js';

/** Every operation name the server writes into the audit log, enumerated from its sources. */
const OPERATIONS = [
  ...Object.keys(schema.getMutationType()!.getFields()),
  ...SIGN_IN_OPERATIONS,
  ...CASE_ACTIONS.map((action) => `advanceCase:${action}`),
  ...IMPORT_LAYERS.map((layer) => `import ${layer}`),
  INSPECTION_NOTE_OPERATION,
  WATCH_OPERATION,
  STOP_WATCHING_OPERATION,
  PRUNE_OPERATION,
  EXPORT_OPERATION,
];

describe('the audit log in words', () => {
  it.each(OPERATIONS)('names %s in Chinese and in English', (operation) => {
    const inZh = auditOperationText(operation, translator(zh));
    const inEn = auditOperationText(operation, translator(en));
    expect(inZh.known && inEn.known, `${operation} has no words in web/src/i18n/audit-operations.ts`).toBe(true);
    expect(inZh.text).toMatch(/\p{Script=Han}/u);
    expect(inEn.text).not.toMatch(/\p{Script=Han}/u);
  });

  it('shows an operation it has no words for as recorded', () => {
    expect(auditOperationText('someFutureMutation', translator(zh))).toEqual({
      text: 'someFutureMutation',
      known: false,
    });
  });
});
