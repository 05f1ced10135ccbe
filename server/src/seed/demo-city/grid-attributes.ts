/**
 * What a grid is besides its shape: code, name, kind and staff. Each grid's choices come
 * from its own random stream (keyed by its code), so a grid reads the same in the tiny and
 * the city data set.
 */
import type { GridKind } from '../../domain/vocabulary.js';
import { gridCode } from '../../domain/codes.js';
import type { GridRegion } from './grids.js';
import { townshipBaseName, villageBaseName } from './names.js';
import { createRng, deriveSeed } from './prng.js';

export type DedicatedPurpose = 'school' | 'hospital' | 'industrial_park';

export interface GridRecord extends GridRegion {
  code: string;
  villageCode: string;
  name: string;
  kind: GridKind;
  /** For dedicated grids: what the grid serves and its name (e.g. 牡丹小学). */
  dedicated: { purpose: DedicatedPurpose; label: string } | null;
  staff: { head: number; workers: number; volunteers: number };
}

export interface GridContext {
  villageCode: string;
  villageName: string;
  townshipName: string;
  /** Grids in the village: the only grid of a village is always comprehensive. */
  villageGridCount: number;
  /** Mean modelled people per km² over the grid's atoms. */
  densityPerKm2: number;
}

/** A few % of grids, more in town, where schools, hospitals and parks need their own. */
function dedicatedChance(ctx: GridContext): number {
  if (ctx.villageGridCount < 2) return 0;
  return 0.025 + 0.06 * Math.min(1, ctx.densityPerKm2 / 4000);
}

export function describeGrid(region: GridRegion, ctx: GridContext, seed: number): GridRecord {
  const code = gridCode(ctx.villageCode, region.serial);
  const rng = createRng(deriveSeed(seed, `grid:${code}`));
  let dedicated: GridRecord['dedicated'] = null;
  if (rng.chance(dedicatedChance(ctx))) {
    const purpose = (['school', 'hospital', 'industrial_park'] as const)[rng.weightedIndex([0.45, 0.2, 0.35])]!;
    const village = villageBaseName(ctx.villageName);
    const township = townshipBaseName(ctx.townshipName);
    const label =
      purpose === 'school'
        ? `${village}${rng.pick(['小学', '中学', '实验学校', '幼儿园'])}`
        : purpose === 'hospital'
          ? `${township}${rng.pick(['中心卫生院', '人民医院', '中医医院', '妇幼保健院'])}`
          : `${township}${rng.pick(['工业园', '产业园', '物流园', '食品产业园'])}`;
    dedicated = { purpose, label };
  }
  const baseName = `${ctx.villageName}第${region.serial}网格`;
  const workers = Math.min(3, Math.max(1, Math.round(region.population / 700) + (rng.chance(0.3) ? 1 : 0)));
  const volunteers = Math.min(10, Math.max(2, Math.round(region.population / 180) + rng.int(3) - 1));
  return {
    ...region,
    code,
    villageCode: ctx.villageCode,
    name: dedicated ? `${baseName}（${dedicated.label}专属网格）` : baseName,
    kind: dedicated ? 'dedicated' : 'comprehensive',
    dedicated,
    staff: { head: 1, workers, volunteers },
  };
}
