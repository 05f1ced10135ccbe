/**
 * VIDEO_GATEWAY and its settings, checked once at start with messages that name the variable:
 *
 * - `none`: no video; `cameraStream` says so.
 * - `template`: VIDEO_URL_TEMPLATE, e.g. `http://nvr.example/live/{id}/index.m3u8` or `…/{id}.flv`.
 * - `wvp`: VIDEO_WVP_URL, VIDEO_WVP_USERNAME, VIDEO_WVP_PASSWORD, VIDEO_WVP_PROTOCOL (hls, the
 *   default, or flv), VIDEO_WVP_DEVICE_ID (the NVR or platform the cameras are channels of;
 *   absent: each camera is its own device).
 * - `demo`: synthetic clips made by ffmpeg at first start, served by the server itself (the
 *   default outside production when demo data is loaded).
 */
import type { StreamProtocol } from './gateway.js';
import { templateProblem } from './template-gateway.js';

export type VideoConfig =
  | { kind: 'none' }
  | { kind: 'template'; template: string }
  | {
      kind: 'wvp';
      baseUrl: string;
      username: string;
      password: string;
      protocol: StreamProtocol;
      deviceId: string | undefined;
    }
  | { kind: 'demo' };

export class VideoConfigError extends Error {}

/** The video configuration of `env`; `demoByDefault` when demo data is loaded outside production. */
export function readVideoConfig(env: NodeJS.ProcessEnv, demoByDefault: boolean): VideoConfig {
  const kind = (env.VIDEO_GATEWAY?.trim() || (demoByDefault ? 'demo' : 'none')).toLowerCase();
  const required = (name: string): string => {
    const value = env[name]?.trim();
    if (!value) throw new VideoConfigError(`${name} must be set when VIDEO_GATEWAY is ${kind}`);
    return value;
  };
  switch (kind) {
    case 'none':
    case 'demo':
      return { kind };
    case 'template': {
      const template = required('VIDEO_URL_TEMPLATE');
      const problem = templateProblem(template);
      if (problem) throw new VideoConfigError(`VIDEO_URL_TEMPLATE: ${problem}`);
      return { kind, template };
    }
    case 'wvp': {
      const baseUrl = required('VIDEO_WVP_URL');
      if (!/^https?:\/\/[^/]/.test(baseUrl)) {
        throw new VideoConfigError(`VIDEO_WVP_URL must start with http:// or https://, got "${baseUrl}"`);
      }
      const protocol = (env.VIDEO_WVP_PROTOCOL?.trim() || 'hls').toLowerCase();
      if (protocol !== 'hls' && protocol !== 'flv') {
        throw new VideoConfigError(`VIDEO_WVP_PROTOCOL must be hls or flv, got "${env.VIDEO_WVP_PROTOCOL}"`);
      }
      const deviceId = env.VIDEO_WVP_DEVICE_ID?.trim() || undefined;
      if (deviceId !== undefined && !/^\d{20}$/.test(deviceId)) {
        throw new VideoConfigError(`VIDEO_WVP_DEVICE_ID must be a 20-digit GB/T 28181 id, got "${deviceId}"`);
      }
      return {
        kind,
        baseUrl,
        username: required('VIDEO_WVP_USERNAME'),
        password: required('VIDEO_WVP_PASSWORD'),
        protocol: protocol === 'hls' ? 'HLS' : 'FLV',
        deviceId,
      };
    }
    default:
      throw new VideoConfigError(`VIDEO_GATEWAY must be none, template, wvp or demo, got "${env.VIDEO_GATEWAY}"`);
  }
}
