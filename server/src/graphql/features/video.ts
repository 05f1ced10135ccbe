/**
 * Camera video (雪亮工程): a stream of one camera the viewer may see, on our own origin. The
 * gateway's address and credentials never leave the server; the URL carries a signed token
 * for this camera and account that must be opened before `expiresAt` (video/views.ts).
 */
import { coversCode } from '../../auth/jurisdiction.js';
import { cameraIdProblem } from '../../domain/codes.js';
import { findCamera } from '../../db/queries/cameras.js';
import { AppError, badInput, notFound, outsideJurisdiction } from '../../errors.js';
import { VideoGatewayError } from '../../video/gateway.js';
import { requirePermission, type GraphQLContext } from '../context.js';

export const videoTypeDefs = /* GraphQL */ `
  "How a stream is carried."
  enum StreamProtocol {
    "An HLS playlist (play with hls.js)."
    HLS
    "One HTTP-FLV response (play with mpegts.js)."
    FLV
  }

  "Where to read one camera's live video, on this server's own origin."
  type CameraStream {
    "A path on this server (/video/…) with a signed token for this camera and account."
    url: String!
    "How the stream is carried."
    protocol: StreamProtocol!
    "The URL must be opened before this; once playing it lasts until the player stops asking."
    expiresAt: DateTime!
    "Whether the video is made up (the demo's test patterns, labelled 合成演示视频): the player must say so."
    synthetic: Boolean!
  }

  extend type Query {
    """
    Starts a live view of a camera of your jurisdiction (NOT_FOUND for one outside). Refused
    with CONFLICT and extensions.reason: camera_offline or camera_fault (the camera's status),
    no_video_gateway (none is configured), gateway_unreachable, gateway_refused (with
    gatewayMessage, the gateway's own words) or gateway_bad_answer. The start and end of every
    view are audited (watchCamera, stopWatchingCamera).
    """
    cameraStream(cameraId: ID!): CameraStream!
  }
`;

export const videoResolvers = {
  Query: {
    cameraStream: async (_: unknown, { cameraId }: { cameraId: string }, ctx: GraphQLContext) => {
      const viewer = requirePermission(ctx, 'read_map');
      const problem = cameraIdProblem(cameraId);
      if (problem) throw badInput('cameraId', problem);
      const camera = await findCamera(ctx.db, cameraId, '');
      if (!camera) throw notFound('camera', cameraId);
      if (!coversCode(viewer.jurisdiction, camera.grid_code)) throw outsideJurisdiction('camera', cameraId);
      if (camera.status !== 'online') {
        throw new AppError('conflict', `camera ${cameraId} is ${camera.status}: there is no video to show`, {
          field: 'cameraId',
          details: { reason: camera.status === 'fault' ? 'camera_fault' : 'camera_offline', status: camera.status },
        });
      }
      if (!ctx.video) {
        throw new AppError('conflict', 'no video gateway is configured on this server (VIDEO_GATEWAY)', {
          details: { reason: 'no_video_gateway' },
        });
      }
      try {
        const { view, url } = await ctx.video.open(viewer.username, cameraId);
        return { url, protocol: view.upstream.protocol, expiresAt: view.expiresAt, synthetic: ctx.video.synthetic };
      } catch (error) {
        if (!(error instanceof VideoGatewayError)) throw error;
        throw new AppError('conflict', error.message, {
          details: { reason: error.reason, ...(error.gatewayMessage ? { gatewayMessage: error.gatewayMessage } : {}) },
        });
      }
    },
  },
};
