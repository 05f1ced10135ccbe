/** Why no video can be shown, as a key of the `video` texts (web/src/i18n/video.ts). */
import { ApiError } from '../api/errors.js';

const REASONS = new Set([
  'camera_offline',
  'camera_fault',
  'no_video_gateway',
  'gateway_unreachable',
  'gateway_refused',
  'gateway_bad_answer',
]);

/** The text key of a refusal of cameraStream, with what it needs (the gateway's own words). */
export function refusalOf(error: unknown): { key: string; params: Record<string, string> } {
  if (!(error instanceof ApiError)) return { key: 'video.failed', params: {} };
  if (error.kind === 'network') return { key: 'video.serverAway', params: {} };
  if (error.code === 'NOT_FOUND') return { key: 'video.notFound', params: {} };
  const reason = String(error.details.reason ?? '');
  if (!REASONS.has(reason)) return { key: 'video.failed', params: {} };
  const said = error.details.gatewayMessage;
  return { key: `video.reason.${reason}`, params: { said: typeof said === 'string' ? said : '' } };
}

/** The path that ends a view (DELETE): the stream's URL without its file name. */
export function viewPath(streamUrl: string): string {
  return streamUrl.slice(0, streamUrl.lastIndexOf('/'));
}
