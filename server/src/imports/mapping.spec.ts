import { describe, expect, it } from 'vitest';
import { resolveFields, truncatedFieldNames, type Mapping } from './mapping.js';

const NO_MAPPING: Mapping = { fields: {}, values: {}, defaults: {} };

describe('field names cut by the Shapefile format', () => {
  it('gives the 10-byte forms of a long name in UTF-8 and in GBK, and none of a short one', () => {
    expect(truncatedFieldNames('last_inspected_at')).toEqual(['last_inspe']);
    expect(truncatedFieldNames('最后在线时间')).toEqual(['最后在', '最后在线时']);
    expect(truncatedFieldNames('owner_unit')).toEqual([]);
  });

  it('maps cut names back to their columns, a full name winning over a cut one', () => {
    const fields = resolveFields(['responsibl', 'last_inspe', 'reported_a', '最后在\uFFFD'], NO_MAPPING);
    expect(fields.get('responsible_unit')).toBe('responsibl');
    expect(fields.get('last_inspected_at')).toBe('last_inspe');
    expect(fields.get('reported_at')).toBe('reported_a');
    expect(fields.get('last_seen')).toBe('最后在\uFFFD');
    expect(resolveFields(['last_seen', '最后在'], NO_MAPPING).get('last_seen')).toBe('last_seen');
  });

  it("finds a mapping file's long field name by its cut form when only that is in the file", () => {
    const mapping: Mapping = { ...NO_MAPPING, fields: { owner_unit: '设备管理单位名称' } };
    expect(resolveFields(['设备管理单', 'id'], mapping).get('owner_unit')).toBe('设备管理单');
    expect(resolveFields(['设备管理单位名称'], mapping).get('owner_unit')).toBe('设备管理单位名称');
  });
});
