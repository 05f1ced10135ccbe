/**
 * The built web app (dist/web), served by the API server itself so a wall needs one origin only.
 *
 * - /assets/*: Vite's content-hashed files, cached for a year (`immutable`: a new build has new
 *   names). Where the build left a gzipped copy beside a file (`name.js.gz`, made by
 *   web/vite-plugins/precompress.ts) and the client takes gzip, that copy is sent as it is: the
 *   server does not compress the same 3.7 MB of scripts again on every wall's load. A missing
 *   asset is a 404, never the app shell (a script answered with HTML fails with a confusing MIME
 *   error).
 * - index.html, and every client-side route (/wall, /review, /plan): the app shell, revalidated on
 *   each load (`no-cache` + ETag), so a wall picks up a new build on its next reload.
 */
import { existsSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import express, { Router, type Request, type Response } from 'express';

const YEAR_SECONDS = 365 * 24 * 3600;
const IMMUTABLE = `public, max-age=${YEAR_SECONDS}, immutable`;

export function webAppRouter(dir: string): Router {
  const router = Router();
  const assets = join(dir, 'assets');

  router.get('/assets/{*path}', (req, res, next) => {
    const file = assetPath(assets, req.path.slice('/assets/'.length));
    if (!file || !existsSync(file)) {
      res.status(404).type('text/plain').send(`No such file in this build: ${req.path}`);
      return;
    }
    res.setHeader('Vary', 'Accept-Encoding');
    if (req.acceptsEncodings('gzip') && existsSync(`${file}.gz`)) {
      // `send` keeps a Content-Type that is already set; the compression middleware leaves an
      // answer that already has a Content-Encoding alone.
      res.type(extname(file));
      res.setHeader('Content-Encoding', 'gzip');
      sendFile(res, `${file}.gz`, next);
      return;
    }
    sendFile(res, file, next);
  });

  const shell = (_req: Request, res: Response, next: (err?: unknown) => void) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(join(dir, 'index.html'), { cacheControl: false }, (err) => err && next(err));
  };
  router.use(
    express.static(dir, {
      index: false,
      cacheControl: false,
      setHeaders: (res) => res.setHeader('Cache-Control', 'no-cache'),
    }),
  );
  // Client-side routes all load the app shell.
  router.get(/^\/(?!graphql|healthz|feeds|basemap|imports|exports|assets\/).*/, shell);
  return router;
}

/** The file an /assets/ path names, or null if it would leave the folder. */
function assetPath(assets: string, relative: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(relative);
  } catch {
    return null;
  }
  const file = normalize(join(assets, decoded));
  return file.startsWith(assets + sep) ? file : null;
}

function sendFile(res: Response, file: string, next: (err?: unknown) => void): void {
  res.setHeader('Cache-Control', IMMUTABLE);
  res.sendFile(file, { cacheControl: false, dotfiles: 'deny' }, (err) => err && next(err));
}
