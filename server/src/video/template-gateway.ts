/**
 * The plainest gateway: a URL template per camera id, for any gateway or NVR that serves HLS
 * (`http://nvr/live/{id}/index.m3u8`) or HTTP-FLV (`http://nvr/live/{id}.flv`) without asking.
 */
import type { StreamProtocol, VideoGateway } from './gateway.js';

/** The protocol a template's path says: `.m3u8` is HLS, `.flv` is HTTP-FLV; otherwise null. */
export function protocolOfPath(path: string): StreamProtocol | null {
  if (/\.m3u8$/i.test(path)) return 'HLS';
  if (/\.flv$/i.test(path)) return 'FLV';
  return null;
}

/** Why `template` cannot be used, or null: http(s), `{id}` in its path, ending in .m3u8 or .flv. */
export function templateProblem(template: string): string | null {
  let url: URL;
  try {
    url = new URL(template.replaceAll('{id}', '00000000000000000000'));
  } catch {
    return `"${template}" is not a URL`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `"${template}" must start with http:// or https://`;
  if (!template.includes('{id}')) return `"${template}" must contain {id}, where the camera id goes`;
  if (!protocolOfPath(url.pathname)) return `"${template}" must end in .m3u8 (HLS) or .flv (HTTP-FLV)`;
  return null;
}

/** The gateway of a checked template (see templateProblem); starting and stopping ask nothing. */
export function templateGateway(template: string): VideoGateway {
  const problem = templateProblem(template);
  if (problem) throw new Error(problem);
  return {
    name: 'template',
    async play(cameraId) {
      const url = new URL(template.replaceAll('{id}', encodeURIComponent(cameraId)));
      return { protocol: protocolOfPath(url.pathname)!, url };
    },
    async stop() {},
  };
}
