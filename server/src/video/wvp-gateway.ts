/**
 * WVP-GB28181-pro (with ZLMediaKit) as the gateway, through its documented REST API:
 *
 * - `GET /api/user/login?username=…&password=<md5 hex>` answers `{ code: 0, data: { accessToken } }`;
 *   later calls carry the token in the `access-token` header.
 * - `GET /api/play/start/{deviceId}/{channelId}` starts a live view (an INVITE to the device)
 *   and answers `{ code: 0, data: StreamContent }`, whose `hls`, `flv`, `ws_flv`, `rtc` … are the
 *   media server's addresses of the stream.
 * - `GET /api/play/stop/{deviceId}/{channelId}` ends it.
 *
 * Every answer is a WVPResult `{ code, msg, data }`: 0 is success, 401 asks to log in again,
 * anything else is a refusal whose `msg` says why (设备不存在, 点播超时 …).
 */
import { createHash } from 'node:crypto';
import { VideoGatewayError, type StreamProtocol, type VideoGateway } from './gateway.js';

export interface WvpOptions {
  /** WVP's own address, e.g. `http://wvp.example:18080`. */
  baseUrl: string;
  username: string;
  password: string;
  /** Which of the addresses a play answers with to relay. */
  protocol: StreamProtocol;
  /**
   * The GB/T 28181 device (NVR or lower platform) the cameras are channels of; when absent each
   * camera is its own device (an IP camera registered directly: device id = channel id).
   */
  deviceId?: string;
  /** How long one call may take before the gateway counts as unreachable. */
  timeoutMs?: number;
  /** The HTTP client; tests give one that answers with recorded responses. */
  fetch?: typeof fetch;
}

interface WvpResult<T> {
  code: number;
  msg?: string | null;
  data?: T | null;
}

const SUCCESS = 0;
const LOGIN_AGAIN = 401;
const DEFAULT_TIMEOUT_MS = 10_000;

/** A WVP gateway; it logs in on first use and again when WVP says the token is no longer good. */
export function wvpGateway(options: WvpOptions): VideoGateway {
  const base = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
  const http = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let token: Promise<string> | null = null;

  async function call<T>(path: string, headers: Record<string, string>): Promise<WvpResult<T>> {
    let res: Response;
    try {
      res = await http(new URL(path, base), { headers, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      throw new VideoGatewayError(
        'gateway_unreachable',
        `the video gateway at ${base.origin} did not answer: ${error}`,
      );
    }
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      throw new VideoGatewayError('gateway_bad_answer', `the video gateway answered ${res.status} without JSON`);
    }
    if (typeof body !== 'object' || body === null || typeof (body as WvpResult<T>).code !== 'number') {
      throw new VideoGatewayError('gateway_bad_answer', 'the video gateway answered without a result code');
    }
    return body as WvpResult<T>;
  }

  async function login(): Promise<string> {
    const md5 = createHash('md5').update(options.password).digest('hex');
    const query = new URLSearchParams({ username: options.username, password: md5 });
    const result = await call<{ accessToken?: string }>(`api/user/login?${query}`, {});
    const accessToken = result.data?.accessToken;
    if (result.code !== SUCCESS || !accessToken) {
      throw new VideoGatewayError(
        'gateway_refused',
        `the video gateway refused our login as ${options.username} (code ${result.code})`,
        result.msg ?? null,
      );
    }
    return accessToken;
  }

  /** A call with the token, logging in once more when WVP asks to. */
  async function authorized<T>(path: string): Promise<WvpResult<T>> {
    for (let attempt = 0; ; attempt++) {
      token ??= login();
      const current = token;
      let result: WvpResult<T>;
      try {
        result = await call<T>(path, { 'access-token': await current });
      } catch (error) {
        if (token === current) token = null;
        throw error;
      }
      if (result.code !== LOGIN_AGAIN || attempt > 0) return result;
      if (token === current) token = null;
    }
  }

  const pathOf = (action: 'start' | 'stop', cameraId: string) =>
    `api/play/${action}/${encodeURIComponent(options.deviceId ?? cameraId)}/${encodeURIComponent(cameraId)}`;

  return {
    name: 'wvp',
    async play(cameraId) {
      const result = await authorized<Record<string, unknown>>(pathOf('start', cameraId));
      if (result.code !== SUCCESS) {
        throw new VideoGatewayError(
          'gateway_refused',
          `the video gateway would not play camera ${cameraId} (code ${result.code})`,
          result.msg ?? null,
        );
      }
      const key = options.protocol === 'HLS' ? 'hls' : 'flv';
      const address = result.data?.[key];
      let url: URL;
      try {
        url = new URL(String(address));
      } catch {
        throw new VideoGatewayError('gateway_bad_answer', `the video gateway's play answer has no ${key} address`);
      }
      return { protocol: options.protocol, url };
    },
    async stop(cameraId) {
      const result = await authorized(pathOf('stop', cameraId));
      if (result.code !== SUCCESS) {
        throw new VideoGatewayError(
          'gateway_refused',
          `the video gateway would not stop camera ${cameraId} (code ${result.code})`,
          result.msg ?? null,
        );
      }
    },
  };
}
