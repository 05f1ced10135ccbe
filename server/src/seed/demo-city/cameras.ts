/**
 * Cameras of the 雪亮工程 network: ~60 % where people are (weight ∝ density^1.2 per area,
 * so towns get more per head), ~40 % along roads (checkpoints mostly there). Ids follow
 * GB/T 28181; a few villages suffer a clustered outage that monitoring should notice.
 */
import type { CameraFeature } from '../../domain/dataset-format.js';
import { CAMERA_DEVICE_TYPES, CAMERA_INDUSTRIES, CAMERA_NETWORKS, cameraId } from '../../domain/codes.js';
import type { CameraKind, CameraStatus } from '../../domain/vocabulary.js';
import { shanghaiIso } from './calendar.js';
import { shortCountyName } from './divisions.js';
import { villageBaseName } from './names.js';
import { xyToPosition } from './planar.js';
import { WeightedSampler, type Rng } from './prng.js';
import { randomPointInAtom, randomPointOnPiece, type PlacedPoint, type RoadPiece } from './point-placement.js';
import { unitsOfGrid, type GridUnits, type World } from './world.js';

export interface CameraOptions {
  count: number;
  /** Share of cameras placed along roads. */
  roadShare: number;
  outageVillageCount: number;
  /** The moment the data is as of (generate.ts): every last_seen lies before it. */
  nowMs: number;
}

export interface GeneratedCameras {
  features: CameraFeature[];
  outageVillages: string[];
}

type Industry = (typeof CAMERA_INDUSTRIES)[keyof typeof CAMERA_INDUSTRIES];

const KIND_LABEL: Readonly<Record<CameraKind, string>> = {
  bullet: '枪机',
  dome: '球机',
  ptz: '云台',
  checkpoint: '卡口',
  unknown: '未知',
};
const DAY_MS = 86_400_000;
const ROAD_CLASS_WEIGHT = { expressway: 0.5, main: 1, local: 0.8 } as const;

function ownerUnit(industry: Industry, units: GridUnits): string {
  switch (industry) {
    case CAMERA_INDUSTRIES.publicSecurityStreet:
      return `${units.countyName}公安局`;
    case CAMERA_INDUSTRIES.community:
      return units.villageName;
    case CAMERA_INDUSTRIES.traffic:
      return `菏泽市公安局交警支队${shortCountyName(units.countyName)}大队`;
    case CAMERA_INDUSTRIES.cityManagement:
      return `${units.countyName}城管局`;
    case CAMERA_INDUSTRIES.education:
      return `${units.countyName}教育局`;
    default:
      return '居民自建';
  }
}

function networkFor(industry: Industry, rng: Rng): string {
  const { publicSecurity, government, internet, socialResources } = CAMERA_NETWORKS;
  if (industry === CAMERA_INDUSTRIES.publicSecurityStreet || industry === CAMERA_INDUSTRIES.traffic) {
    return rng.chance(0.9) ? publicSecurity : government;
  }
  if (industry === CAMERA_INDUSTRIES.resident)
    return [socialResources, internet, government][rng.weightedIndex([0.6, 0.25, 0.15])]!;
  return rng.chance(0.85) ? government : publicSecurity;
}

export function generateCameras(
  world: World,
  pieces: readonly RoadPiece[],
  options: CameraOptions,
  rng: Rng,
): GeneratedCameras {
  const { model, atomGrid } = world;
  const allowed = (atom: number) => atomGrid[atom]! >= 0;
  const atoms = Array.from(atomGrid.keys()).filter(allowed);
  const atomSampler = new WeightedSampler(
    atoms.map((a) => model.atomPopulation[a]! * model.atomDensityPerKm2[a]! ** 0.2),
  );
  const pieceSampler = new WeightedSampler(pieces.map((p) => p.lengthMeters * ROAD_CLASS_WEIGHT[p.roadClass]));

  const villages = world.gridVillages.filter((v) => world.stats[v]!.gridCount >= 2);
  const outageVillages = new Set(
    rng
      .shuffled(villages.length > 0 ? villages : world.gridVillages)
      .slice(0, options.outageVillageCount)
      .map((v) => world.regions.villages[v]!.division.code),
  );
  const outageMs = options.nowMs - rng.range(1.5, 4) * DAY_MS;

  const serials = new Map<string, number>();
  const nameCounters = new Map<string, number>();
  const features: CameraFeature[] = [];
  for (let i = 0; i < options.count; i++) {
    let point: PlacedPoint | null = null;
    let piece: RoadPiece | null = null;
    if (pieces.length > 0 && rng.chance(options.roadShare)) {
      for (let attempt = 0; attempt < 20 && !point; attempt++) {
        piece = pieces[pieceSampler.draw(rng)]!;
        point = randomPointOnPiece(model.mesh, piece, 12, allowed, rng);
      }
      if (!point) piece = null;
    }
    point ??= randomPointInAtom(model.mesh, atoms[atomSampler.draw(rng)]!, rng);
    const units = unitsOfGrid(world, atomGrid[point.atom]!);

    const kind: CameraKind = piece
      ? (['checkpoint', 'bullet', 'ptz'] as const)[rng.weightedIndex([0.55, 0.35, 0.1])]!
      : (['bullet', 'dome', 'ptz'] as const)[rng.weightedIndex([0.45, 0.35, 0.2])]!;
    const industry: Industry = piece
      ? rng.chance(0.7)
        ? CAMERA_INDUSTRIES.traffic
        : CAMERA_INDUSTRIES.publicSecurityStreet
      : (
          [
            CAMERA_INDUSTRIES.publicSecurityStreet,
            CAMERA_INDUSTRIES.community,
            CAMERA_INDUSTRIES.cityManagement,
            CAMERA_INDUSTRIES.education,
            CAMERA_INDUSTRIES.resident,
          ] as const
        )[rng.weightedIndex([0.3, 0.3, 0.1, 0.08, 0.22])]!;
    const deviceType = rng.chance(0.75) ? CAMERA_DEVICE_TYPES.ipCamera : CAMERA_DEVICE_TYPES.camera;
    const network = networkFor(industry, rng);
    const centre = `${units.countyCode.slice(0, 6)}00`;
    const prefix = `${centre}${industry}${deviceType}${network}`;
    const serial = (serials.get(prefix) ?? 0) + 1;
    serials.set(prefix, serial);

    const place = piece ? `${piece.roadName}${villageBaseName(units.villageName)}段` : units.villageName;
    const nameKey = `${place}|${kind}`;
    const n = (nameCounters.get(nameKey) ?? 0) + 1;
    nameCounters.set(nameKey, n);

    let status: CameraStatus;
    let lastSeenMs: number;
    if (outageVillages.has(units.villageCode) && rng.chance(0.85)) {
      status = 'offline';
      lastSeenMs = outageMs - rng.range(0, 180_000);
    } else {
      const roll = rng.next();
      status = roll < 0.92 ? 'online' : roll < 0.97 ? 'offline' : 'fault';
      lastSeenMs =
        status === 'online'
          ? options.nowMs - rng.range(0, 600_000)
          : status === 'offline'
            ? options.nowMs - rng.range(1, 20) * DAY_MS
            : options.nowMs - rng.range(0, 2) * DAY_MS;
    }
    const fovRange = kind === 'checkpoint' ? [30, 60] : kind === 'bullet' ? [40, 90] : [60, 111];
    features.push({
      type: 'Feature',
      properties: {
        id: cameraId({ centre, industry, deviceType, network, serial }),
        name: `${place}${KIND_LABEL[kind]}${String(n).padStart(3, '0')}`,
        kind,
        status,
        last_seen: shanghaiIso(lastSeenMs),
        heading: rng.int(360),
        fov: fovRange[0]! + rng.int(fovRange[1]! - fovRange[0]!),
        owner_unit: ownerUnit(industry, units),
        grid_code: units.grid.code,
      },
      geometry: { type: 'Point', coordinates: xyToPosition(point.x, point.y) },
    });
  }
  features.sort((a, b) => (a.properties.id < b.properties.id ? -1 : 1));
  return { features, outageVillages: [...outageVillages].sort() };
}
