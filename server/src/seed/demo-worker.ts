/** The worker thread of {@link generateDemoInWorker}: generates one demo data set and says where. */
import { parentPort, workerData } from 'node:worker_threads';
import { generateDemoDataset, type DemoOptions } from './demo-data.js';

const dir = await generateDemoDataset(workerData as DemoOptions);
parentPort!.postMessage(dir);
