/** Builds the web app when dist/web is missing or older than web/ (the benchmarks run it first). */
import { buildWeb, webBuildIsStale } from './web-build.js';

if (webBuildIsStale()) {
  console.log('building the web app …');
  await buildWeb();
}
