import { describe, expect, it } from 'vitest';
import { COUNTY_SEATS, loadHezeDivisions, parseDivisionsCsv, shortCountyName, shortVillageName } from './divisions.js';

describe('village display names', () => {
  it('drops the committee suffix and keeps 村 or 社区', () => {
    expect(shortVillageName('东安社区居民委员会')).toBe('东安社区');
    expect(shortVillageName('大高桥村村民委员会')).toBe('大高桥村');
    expect(shortVillageName('二郎庙村委会')).toBe('二郎庙村');
    expect(shortVillageName('红旗村民委会')).toBe('红旗村');
    expect(shortVillageName('杨庄居委会')).toBe('杨庄社区');
    expect(shortVillageName('东新农场生活区')).toBe('东新农场生活区');
  });

  it('shortens county names for labels', () => {
    expect(shortCountyName('牡丹区')).toBe('牡丹');
    expect(shortCountyName('曹县')).toBe('曹县');
    expect(shortCountyName('菏泽高新技术开发区')).toBe('高新区');
  });
});

describe('the Heze division tree', () => {
  const city = loadHezeDivisions();
  const townships = city.counties.flatMap((c) => c.townships);
  const villages = townships.flatMap((t) => t.villages);

  it('has 11 counties, 167 townships and 5,040 villages, each with a seat for counties', () => {
    expect(city.code).toBe('371700000000');
    expect(city.counties).toHaveLength(11);
    expect(townships).toHaveLength(167);
    expect(villages).toHaveLength(5040);
    for (const county of city.counties) expect(COUNTY_SEATS[county.code]).toBeDefined();
  });

  it('knows 牡丹街道 as a street with 6 communities and 26 villages', () => {
    const mudan = townships.find((t) => t.code === '371702005000')!;
    expect(mudan.isStreet).toBe(true);
    expect(mudan.villages.filter((v) => v.isCommunity)).toHaveLength(6);
    expect(mudan.villages).toHaveLength(32);
  });

  it('rejects a village whose code does not match its level', () => {
    const csv =
      'code,name,level,parent_code\n371700000000,菏泽市,city,370000000000\n371702000000,X,township,371700000000\n';
    expect(() => parseDivisionsCsv(csv)).toThrow(/not a township code/);
  });
});
