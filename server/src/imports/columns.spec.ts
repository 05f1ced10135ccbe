import { describe, expect, it } from 'vitest';
import { describeImportLayers, describeLayer, newRowValues } from './columns.js';
import { IMPORT_LAYERS, parseMapping, resolveFields } from './mapping.js';

const empty = parseMapping(null);
if (!empty.ok) throw new Error(empty.error);

describe('the columns an import reads', () => {
  it('asks a camera register only for its id, name and position, and says what stands in for the rest', () => {
    const cameras = describeLayer('cameras', '菏泽市');
    expect(cameras.columns.filter((c) => c.required).map((c) => c.name)).toEqual(['id', 'name', 'lon', 'lat']);
    const byName = Object.fromEntries(cameras.columns.map((c) => [c.name, c]));
    expect(byName.kind!.default).toEqual({ value: 'unknown' });
    expect(byName.owner_unit!.default).toEqual({ rule: 'account_unit', unit: '菏泽市' });
    expect(byName.id!.headers).toContain('编码');
  });

  it('writes templates whose every header is recognised as the column it stands for', () => {
    for (const layer of describeImportLayers(null)) {
      const headers = layer.columns.filter((c) => c.rule.type !== 'geometry').map((c) => c.templateHeader);
      const resolved = resolveFields(headers, empty.value);
      for (const c of layer.columns.filter((c) => c.rule.type !== 'geometry')) {
        expect(resolved.get(c.name), `${layer.layer}.${c.name}`).toBe(c.templateHeader);
      }
    }
    expect(describeImportLayers(null).map((l) => l.layer)).toEqual([...IMPORT_LAYERS]);
  });

  it('gives new cameras the unknown kind and the account’s unit, and other layers nothing', () => {
    expect(newRowValues('cameras', '牡丹区')).toEqual({ kind: 'unknown', owner_unit: '牡丹区' });
    expect(newRowValues('cases', '牡丹区')).toEqual({});
  });
});
