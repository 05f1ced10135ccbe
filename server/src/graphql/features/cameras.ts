/** Cameras (雪亮工程): filtered pages, and bulk status heartbeats from the video platform. */
import { coversCode } from '../../auth/jurisdiction.js';
import type { AreaInput } from '../../domain/area-filter.js';
import { cameraIdProblem } from '../../domain/codes.js';
import type { CameraStatus } from '../../domain/vocabulary.js';
import {
  applyCameraHeartbeats,
  findCamerasPage,
  lockCamerasGrids,
  type CameraHeartbeat,
  type CameraRow,
} from '../../db/queries/cameras.js';
import { auditedMutation } from '../audited.js';
import { requirePermission, requireViewer, type GraphQLContext } from '../context.js';
import { auditedAsOutside, badInput } from '../../errors.js';
import { areaFilter, unitPrefix } from '../inputs.js';
import { decodeCursor, pageSize, toConnection } from '../pagination.js';

/** Most heartbeats one call may carry: a township's cameras, well under the request size limit. */
export const MAX_CAMERA_UPDATES = 5000;

/** How far ahead of the server clock a heartbeat may be dated (device clocks drift). */
export const HEARTBEAT_CLOCK_SKEW_MS = 5 * 60_000;

/**
 * The earliest instant a heartbeat may carry. Device clocks count from the Unix epoch, so an
 * earlier one is garbage; and before year 1 PostgreSQL refuses it deep inside the update.
 */
export const EARLIEST_HEARTBEAT = new Date('1970-01-01T00:00:00Z');

export const camerasTypeDefs = /* GraphQL */ `
  "Whether a camera is working, as the video platform last reported."
  enum CameraStatus {
    "Streaming."
    online
    "Not reachable."
    offline
    "Reachable but reporting a fault."
    fault
  }

  "The physical form of a camera."
  enum CameraKind {
    "枪机 fixed bullet camera"
    bullet
    "球机 dome camera"
    dome
    "云台 pan-tilt-zoom camera"
    ptz
    "卡口 traffic checkpoint camera"
    checkpoint
    "未知 not stated by the register it was imported from"
    unknown
  }

  "A camera of the Sharp Eyes (雪亮工程) video network."
  type Camera {
    "The GB/T 28181 20-digit device id."
    id: ID!
    "The camera's name."
    name: String!
    "The physical form."
    kind: CameraKind!
    "Working or not, as last reported."
    status: CameraStatus!
    "When the camera last reported; null if it never has."
    lastSeen: DateTime
    "Where it points, degrees clockwise from north (0–359); null when unknown."
    heading: Int
    "Field of view in degrees (1–360); null when unknown."
    fov: Int
    "The unit that owns and maintains it."
    ownerUnit: String!
    "The grid it stands in."
    gridCode: ID!
    "Where it stands, a GeoJSON Point in WGS-84."
    location: GeoJSON!
  }

  "One camera in a page."
  type CameraEdge {
    "Pass as 'after' to continue after this camera."
    cursor: String!
    "The camera."
    node: Camera!
  }

  "A page of cameras, by id."
  type CameraConnection {
    "All cameras matching the filter, across pages."
    totalCount: Int!
    "The cameras of this page."
    edges: [CameraEdge!]!
    "Whether there is more, and where to continue."
    pageInfo: PageInfo!
  }

  "One heartbeat: a camera's status at a moment."
  input CameraStatusUpdate {
    "The camera's 20-digit id."
    id: ID!
    "Its status."
    status: CameraStatus!
    "When the status was observed; default now. At most 5 minutes ahead of the server clock, not before 1970."
    at: DateTime
  }

  extend type Query {
    "Cameras by id, in the area (unitCode is matched against the camera's grid code), with any of the statuses."
    cameras(area: Area, status: [CameraStatus!], first: Int, after: String): CameraConnection!
  }

  extend type Mutation {
    """
    Records heartbeats (at most ${MAX_CAMERA_UPDATES}, each camera once), all or nothing: an unknown
    camera or one outside your jurisdiction fails the whole call, naming its index. A heartbeat
    older than the camera's lastSeen is skipped, since they can arrive out of order. Returns how
    many cameras were updated.
    """
    updateCameraStatus(updates: [CameraStatusUpdate!]!): Int!
  }
`;

export function toCamera(row: CameraRow) {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    status: row.status,
    lastSeen: row.last_seen,
    heading: row.heading,
    fov: row.fov,
    ownerUnit: row.owner_unit,
    gridCode: row.grid_code,
    location: { type: 'Point', coordinates: [row.lon, row.lat] },
  };
}

interface CameraStatusUpdate {
  id: string;
  status: CameraStatus;
  at?: Date | null;
}

/** Checks what can be checked without the database: count, id format, repeats, dates. */
function checkHeartbeats(updates: readonly CameraStatusUpdate[], now: Date): CameraHeartbeat[] {
  if (updates.length > MAX_CAMERA_UPDATES) {
    throw badInput('updates', `has ${updates.length} updates; send at most ${MAX_CAMERA_UPDATES} per call`);
  }
  const firstIndex = new Map<string, number>();
  return updates.map((u, i) => {
    const problem = cameraIdProblem(u.id);
    if (problem) throw badInput(`updates[${i}].id`, problem);
    const earlier = firstIndex.get(u.id);
    if (earlier !== undefined) {
      throw badInput(`updates[${i}].id`, `camera ${u.id} is already updated at updates[${earlier}]; send it once`);
    }
    firstIndex.set(u.id, i);
    const at = u.at ?? now;
    if (at.getTime() > now.getTime() + HEARTBEAT_CLOCK_SKEW_MS) {
      throw badInput(`updates[${i}].at`, `${at.toISOString()} is in the future`);
    }
    if (at.getTime() < EARLIEST_HEARTBEAT.getTime()) {
      throw badInput(`updates[${i}].at`, `${at.toISOString()} is before 1970; check the device's clock`);
    }
    return { id: u.id, status: u.status, at };
  });
}

export const camerasResolvers = {
  Query: {
    cameras: async (
      _: unknown,
      args: { area?: AreaInput | null; status?: string[] | null; first?: number | null; after?: string | null },
      ctx: GraphQLContext,
    ) => {
      const viewer = requireViewer(ctx);
      const limit = pageSize(args.first);
      const after = decodeCursor(args.after, 's') as [string] | null;
      const { rows, total } = await findCamerasPage(
        ctx.db,
        { prefix: viewer.prefix, area: await areaFilter(ctx.db, args.area), unitPrefix, statuses: args.status ?? null },
        after && after[0],
        limit,
      );
      return toConnection(rows, limit, total, (r) => [r.id], toCamera);
    },
  },
  Mutation: {
    updateCameraStatus: async (_: unknown, { updates }: { updates: CameraStatusUpdate[] }, ctx: GraphQLContext) => {
      const viewer = requirePermission(ctx, 'update_cameras');
      const now = ctx.now();
      const result = await auditedMutation(
        ctx,
        viewer,
        'updateCameraStatus',
        `${updates.length} cameras`,
        async (tx) => {
          const beats = checkHeartbeats(updates, now);
          const gridOf = await lockCamerasGrids(
            tx,
            beats.map((b) => b.id),
          );
          beats.forEach((b, i) => {
            const grid = gridOf.get(b.id);
            // A camera outside the jurisdiction is answered like one that does not exist.
            if (grid === undefined || !coversCode(viewer.jurisdiction, grid)) {
              const error = badInput(`updates[${i}].id`, `there is no camera ${b.id}`);
              throw grid === undefined ? error : auditedAsOutside(error);
            }
          });
          return applyCameraHeartbeats(tx, beats);
        },
      );
      for (const change of result.changed) ctx.events.publish('cameraStatusChanged', change);
      return result.updated;
    },
  },
};
