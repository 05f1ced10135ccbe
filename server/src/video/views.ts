/**
 * The views under way: one per `cameraStream` answered, from the grant until the player stops
 * (its card closed, the page hidden, or no request for a while). Each start and end is one
 * audit row (who watched which camera, from when to when), and the gateway is told to stop a
 * camera once its last view has ended.
 */
import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database.js';
import { insertAuditEntry } from '../db/queries/audit.js';
import type { UpstreamStream, VideoGateway } from './gateway.js';
import { signGrant, verifyGrant, type StreamGrant } from './stream-token.js';

/** The audit operation of a view's start; its target is the camera id. */
export const WATCH_OPERATION = 'watchCamera';
/** The audit operation of a view's end, with `{ view, from, to, why }` as its detail. */
export const STOP_WATCHING_OPERATION = 'stopWatchingCamera';

/** Why a view ended: the player said so, it stopped asking, it never started, the server stopped. */
export type ViewEnd = 'closed' | 'idle' | 'unopened' | 'shutdown';

export interface View {
  id: string;
  cameraId: string;
  username: string;
  upstream: UpstreamStream;
  startedAt: Date;
  /** Until when the token may open the view for the first time. */
  expiresAt: Date;
  /** When the player last asked for anything; null until it first does. */
  lastRequestAt: Date | null;
  /** Upstream requests under way (an HTTP-FLV stream lasts as long as the view): ended with it. */
  readonly upstreamRequests: Set<AbortController>;
}

export interface ViewsOptions {
  db: Database;
  gateway: VideoGateway;
  key: Buffer;
  now: () => Date;
  /** How long a token may wait for its first request. */
  tokenTtlMs: number;
  /** How long a view lasts without a request (an HLS player asks every few seconds). */
  idleMs: number;
}

/** Where a view's stream is read on our origin: the upstream entry's file name under the token. */
export function proxyPath(view: View, token: string): string {
  const entry = view.upstream.url.pathname.split('/').pop() || 'stream';
  return `/video/${encodeURIComponent(view.cameraId)}/${token}/${entry}`;
}

export class VideoViews {
  private readonly views = new Map<string, View>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly o: ViewsOptions) {
    this.timer = setInterval(
      () => void this.sweep().catch((error: unknown) => console.warn(`video: ending idle views failed: ${error}`)),
      Math.max(250, Math.min(o.idleMs, o.tokenTtlMs) / 4),
    );
    this.timer.unref();
  }

  /** Whether the gateway's video is made up (the demo's). */
  get synthetic(): boolean {
    return this.o.gateway.synthetic ?? false;
  }

  /** Starts a view of `cameraId` for `username` (the gateway plays it) and audits the start. */
  async open(username: string, cameraId: string): Promise<{ view: View; url: string }> {
    const upstream = await this.o.gateway.play(cameraId);
    const now = this.o.now();
    const view: View = {
      id: randomUUID(),
      cameraId,
      username,
      upstream,
      startedAt: now,
      expiresAt: new Date(now.getTime() + this.o.tokenTtlMs),
      lastRequestAt: null,
      upstreamRequests: new Set(),
    };
    this.views.set(view.id, view);
    await insertAuditEntry(this.o.db, {
      username,
      operation: WATCH_OPERATION,
      target: cameraId,
      success: true,
      detail: JSON.stringify({ view: view.id, protocol: upstream.protocol, gateway: this.o.gateway.name }),
    });
    const grant: StreamGrant = { view: view.id, camera: cameraId, username, expiresAt: view.expiresAt.getTime() };
    return { view, url: proxyPath(view, signGrant(this.o.key, grant)) };
  }

  /**
   * The view a request on `/video/{camera}/{token}` may read, or null: the token must be ours,
   * name this camera, and its view must be under way, opened before its expiry.
   */
  admit(camera: string, token: string): View | null {
    const grant = verifyGrant(this.o.key, token);
    if (!grant || grant.camera !== camera) return null;
    const view = this.views.get(grant.view);
    if (!view || view.cameraId !== camera || view.username !== grant.username) return null;
    const now = this.o.now();
    if (view.lastRequestAt === null && now.getTime() > view.expiresAt.getTime()) return null;
    view.lastRequestAt = now;
    return view;
  }

  /** Ends a view: its upstream requests are cut, the end audited, the gateway told when it was the camera's last. */
  async end(view: View, why: ViewEnd): Promise<void> {
    if (!this.views.delete(view.id)) return;
    for (const request of view.upstreamRequests) request.abort();
    const to = this.o.now();
    await insertAuditEntry(this.o.db, {
      username: view.username,
      operation: STOP_WATCHING_OPERATION,
      target: view.cameraId,
      success: true,
      detail: JSON.stringify({ view: view.id, from: view.startedAt.toISOString(), to: to.toISOString(), why }),
    });
    if (![...this.views.values()].some((v) => v.cameraId === view.cameraId)) {
      // A gateway that cannot be told lets the stream time out by itself; the view has ended here.
      await this.o.gateway.stop(view.cameraId).catch((error: unknown) => {
        console.warn(`video: telling the gateway to stop camera ${view.cameraId} failed: ${error}`);
      });
    }
  }

  /** How many views are under way (of one camera, when given). */
  count(cameraId?: string): number {
    return [...this.views.values()].filter((v) => cameraId === undefined || v.cameraId === cameraId).length;
  }

  /** Ends the views nobody reads any more, and those whose token expired unopened. */
  async sweep(): Promise<void> {
    const now = this.o.now().getTime();
    for (const view of [...this.views.values()]) {
      if (view.upstreamRequests.size > 0) continue; // an HTTP-FLV stream still flowing is being read
      if (view.lastRequestAt === null) {
        if (now > view.expiresAt.getTime()) await this.end(view, 'unopened');
      } else if (now - view.lastRequestAt.getTime() > this.o.idleMs) {
        await this.end(view, 'idle');
      }
    }
  }

  /** Ends every view (the server is stopping) and lets go of the gateway. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    for (const view of [...this.views.values()]) await this.end(view, 'shutdown');
    await this.o.gateway.close?.();
  }
}
