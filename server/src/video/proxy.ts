/**
 * `/video/{camera}/{token}/…`: the streams of views under way, relayed from the gateway on our
 * own origin. The token is the credential (a player's segment requests carry no bearer); a
 * wrong one, one for another camera, or one whose view has ended or whose first use came too
 * late are all answered the same 404. `DELETE /video/{camera}/{token}` ends the view.
 */
import { Readable } from 'node:stream';
import { Router, type Request, type Response } from 'express';
import { sendError } from '../http/bearer.js';
import { folderOf, PlaylistAddressError, rewritePlaylist } from './playlist.js';
import type { View, VideoViews } from './views.js';

const NO_SUCH_STREAM =
  'no such stream: the link is wrong, is for another camera, or has ended or expired; ask for a new one';

/** Headers of the gateway's answer passed on to the player; the rest (cookies, servers) stay behind. */
const PASSED_HEADERS = ['content-type', 'content-length', 'last-modified', 'etag'];

const isPlaylist = (url: URL, contentType: string | null) =>
  /\.m3u8$/i.test(url.pathname) || /mpegurl/i.test(contentType ?? '');

/** The gateway address a request's path below the token names, or null when it would leave the stream's folder. */
function upstreamOf(view: View, rest: string[], search: string): URL | null {
  if (rest.some((part) => part === '.' || part === '..' || /[/\\]/.test(part))) return null;
  const folder = folderOf(view.upstream.url);
  const target =
    rest.length === 0 ? new URL(view.upstream.url.href) : new URL(rest.map(encodeURIComponent).join('/'), folder);
  if (target.origin !== folder.origin || !target.pathname.startsWith(folder.pathname)) return null;
  // The entry's own query (a gateway's signature) is kept; the player's is added to a segment's.
  if (rest.length > 0 && search) target.search = search;
  return target;
}

/**
 * Copies a gateway's answer to the player. When the view ends while the answer is still flowing
 * (an HTTP-FLV stream lasts as long as the view), the upstream is cut and the player's answer
 * is ended properly, so that the player sees the stream end rather than a broken connection.
 */
function relay(body: Readable, res: Response, ended: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const finish = () => {
      body.unpipe(res);
      body.destroy();
      if (!res.writableEnded && !res.destroyed) res.end();
      resolve();
    };
    body.once('error', (error) => (ended.aborted ? finish() : reject(error)));
    ended.addEventListener('abort', finish, { once: true });
    res.once('close', resolve);
    res.once('finish', resolve);
    body.pipe(res);
  });
}

/** The routes; with no gateway configured (`views` null) every stream is unknown. */
export function videoRouter(views: VideoViews | null): Router {
  const router = Router();

  router.get('/:camera/:token/{*rest}', async (req: Request, res: Response) => {
    const { camera, token } = req.params as { camera: string; token: string };
    const view = views?.admit(camera, token) ?? null;
    if (!view) return sendError(res, 404, 'NOT_FOUND', NO_SUCH_STREAM);
    const rest = ((req.params as { rest?: string[] }).rest ?? []).slice();
    // The first path element is the entry's own name: the stream's folder starts below the token.
    const entryName = view.upstream.url.pathname.split('/').pop();
    const isEntry = rest.length === 1 && rest[0] === entryName;
    const search = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
    const target = isEntry ? upstreamOf(view, [], search) : upstreamOf(view, rest, search);
    if (!target) return sendError(res, 404, 'NOT_FOUND', NO_SUCH_STREAM);

    const upstream = new AbortController();
    view.upstreamRequests.add(upstream);
    const done = () => {
      upstream.abort();
      view.upstreamRequests.delete(upstream);
    };
    res.on('close', done);
    try {
      const answer = await fetch(target, { signal: upstream.signal });
      if (!answer.ok || !answer.body) {
        await answer.body?.cancel();
        return sendError(res, 502, 'BAD_GATEWAY', `the video gateway answered ${answer.status} for this stream`);
      }
      res.setHeader('Cache-Control', 'private, no-store');
      const contentType = answer.headers.get('content-type');
      if (isPlaylist(target, contentType)) {
        const base = `/video/${encodeURIComponent(camera)}/${token}/`;
        const text = rewritePlaylist(await answer.text(), target, folderOf(view.upstream.url), base);
        res.type(contentType ?? 'application/vnd.apple.mpegurl').send(text);
        return;
      }
      for (const name of PASSED_HEADERS) {
        const value = answer.headers.get(name);
        if (value) res.setHeader(name, value);
      }
      await relay(Readable.fromWeb(answer.body as never), res, upstream.signal);
    } catch (error) {
      if (error instanceof PlaylistAddressError) return sendError(res, 502, 'BAD_GATEWAY', error.message);
      // The player went away or the view ended: the upstream request is cut, nothing to answer.
      if (upstream.signal.aborted || res.destroyed) return;
      if (!res.headersSent) {
        return sendError(res, 502, 'BAD_GATEWAY', `the video gateway could not be read: ${(error as Error).message}`);
      }
      res.destroy();
    } finally {
      done();
    }
  });

  router.delete('/:camera/:token', async (req: Request, res: Response) => {
    const { camera, token } = req.params as { camera: string; token: string };
    const view = views?.admit(camera, token) ?? null;
    if (!view) return sendError(res, 404, 'NOT_FOUND', NO_SUCH_STREAM);
    await views!.end(view, 'closed');
    res.status(204).end();
  });

  // Anything else under /video is no stream either, rather than the web app's page shell.
  router.use((_req: Request, res: Response) => sendError(res, 404, 'NOT_FOUND', NO_SUCH_STREAM));

  return router;
}
