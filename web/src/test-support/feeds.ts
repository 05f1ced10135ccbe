/** Small feeds written the way the server writes them (domain/feed-columns.ts), for the map's specs (test code only). */
import {
  codeColumn,
  encodeFeed,
  positionColumn,
  timeColumn,
  type DictionaryValue,
} from '../../../server/src/domain/feed-columns.js';
import { CAMERA_FOVS, CAMERA_HEADINGS } from '../../../server/src/domain/camera-view.js';
import { toPointFeed, type PointFeed } from '../map/feed-data.js';

export function feedBytes(
  layer: string,
  lonLat: number[],
  codes: Record<string, [DictionaryValue[], number[]]>,
  times?: string[],
): ArrayBuffer {
  const columns = [
    positionColumn('position', Float64Array.from(lonLat)),
    ...Object.entries(codes).map(([name, [dictionary, values]]) =>
      codeColumn(name, dictionary, Uint8Array.from(values)),
    ),
    ...(times ? [timeColumn('reportedAt', Float64Array.from(times.map((t) => Date.parse(t))))] : []),
  ];
  return encodeFeed(layer, lonLat.length / 2, columns).slice().buffer as ArrayBuffer;
}

export const STATUSES = ['registered', 'mediating', 'assessing', 'dispatched', 'supervising', 'resolved', 'reviewed'];

export function testCases(): PointFeed {
  return toPointFeed(
    feedBytes(
      'cases',
      [115.41, 35.25, 115.43, 35.27],
      {
        status: [STATUSES, [0, 5]],
        category: [
          ['land', 'family'],
          [0, 1],
        ],
        severity: [
          ['low', 'high'],
          [1, 0],
        ],
        overdue: [
          [false, true],
          [0, 1],
        ],
      },
      ['2026-06-30T01:30:00Z', '2026-06-29T08:00:00Z'],
    ),
  );
}

export function testCameras(): PointFeed {
  return toPointFeed(
    feedBytes('cameras', [115.4, 35.2, 115.41, 35.21, 115.42, 35.22], {
      status: [
        ['online', 'offline', 'fault'],
        [0, 1, 2],
      ],
      kind: [
        ['bullet', 'dome', 'ptz', 'checkpoint'],
        [0, 1, 3],
      ],
      // Looking east with 60°, a view not known, looking all round.
      heading: [[...CAMERA_HEADINGS], [CAMERA_HEADINGS.indexOf(90), 0, CAMERA_HEADINGS.indexOf(0)]],
      fov: [[...CAMERA_FOVS], [CAMERA_FOVS.indexOf(60), CAMERA_FOVS.indexOf(60), CAMERA_FOVS.indexOf(360)]],
    }),
  );
}

export function testRiskPoints(): PointFeed {
  return toPointFeed(
    feedBytes('risk-points', [115.4, 35.2, 115.5, 35.3], {
      level: [
        [1, 2, 3, 4],
        [0, 3],
      ],
      category: [
        ['school', 'market'],
        [0, 1],
      ],
    }),
  );
}
