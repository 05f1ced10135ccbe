/**
 * What the server needs of a video platform (雪亮工程 gateway, NVR, WVP-GB28181-pro): start a
 * camera's stream and say where to read it, and stop it when nobody of ours watches. The
 * server never transcodes or speaks SIP; it only asks, checks who may watch, and relays.
 */

/** How a stream is carried: an HLS playlist with segments, or one long HTTP-FLV response. */
export type StreamProtocol = 'HLS' | 'FLV';

/** A stream a gateway has started for one camera. */
export interface UpstreamStream {
  protocol: StreamProtocol;
  /** The entry: the HLS playlist or the HTTP-FLV stream; its folder holds everything the stream needs. */
  url: URL;
}

/** One way of reaching a video platform, chosen by VIDEO_GATEWAY. */
export interface VideoGateway {
  /** The adapter's name for logs: `template`, `wvp`, `demo`. */
  readonly name: string;
  /** Whether its video is made up (the demo's test patterns), for the player to say so. */
  readonly synthetic?: boolean;
  /** Starts (or joins) the stream of `cameraId`; throws a VideoGatewayError when it cannot. */
  play(cameraId: string): Promise<UpstreamStream>;
  /** Tells the gateway the last of our views of `cameraId` has ended (no watcher, no stream). */
  stop(cameraId: string): Promise<void>;
  /** Lets go of what the adapter holds (a demo's clip server); the default holds nothing. */
  close?(): Promise<void>;
}

/**
 * Why a gateway could not start a stream, as a stable code a client can say in its own
 * language: `gateway_unreachable` (down, timed out), `gateway_refused` (it answered no: the
 * device is offline, unknown, the login failed), `gateway_bad_answer` (an answer we cannot read).
 */
export type GatewayFailure = 'gateway_unreachable' | 'gateway_refused' | 'gateway_bad_answer';

export class VideoGatewayError extends Error {
  readonly reason: GatewayFailure;
  /** What the gateway itself said, when it said something (its own language). */
  readonly gatewayMessage: string | null;

  constructor(reason: GatewayFailure, message: string, gatewayMessage: string | null = null) {
    super(message);
    this.name = 'VideoGatewayError';
    this.reason = reason;
    this.gatewayMessage = gatewayMessage;
  }
}
