/**
 * `npm start`: the server, and the web app's build beside it when dist/web is out of date. The
 * build runs in its own process while the server opens its database (on a first start, the
 * embedded engine's setup and the demo load take longer than the build), so a first start waits
 * for the longer of the two, not for both in a row. The server serves dist/web per request:
 * once the build is written, the screens are there.
 */
import { buildWeb, webBuildIsStale } from './web-build.js';

if (webBuildIsStale()) {
  console.log('building the web app beside the server start …');
  const started = performance.now();
  buildWeb().then(
    () => console.log(`web app built in ${((performance.now() - started) / 1000).toFixed(1)} s`),
    (error: unknown) => {
      console.error(`the web app could not be built (${(error as Error).message}); the screens are missing`);
      process.exitCode = 1;
    },
  );
}
await import('../server/src/main.js');
