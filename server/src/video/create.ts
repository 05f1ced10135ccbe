/** The gateway a VIDEO_GATEWAY configuration names (see config.ts). */
import { join } from 'node:path';
import type { VideoConfig } from './config.js';
import { demoGateway } from './demo-gateway.js';
import type { VideoGateway } from './gateway.js';
import { templateGateway } from './template-gateway.js';
import { wvpGateway } from './wvp-gateway.js';

/** The gateway of `config`, or null for none; the demo keeps its clips under `demoDir`. */
export function gatewayOf(config: VideoConfig, demoDir: string): VideoGateway | null {
  switch (config.kind) {
    case 'none':
      return null;
    case 'template':
      return templateGateway(config.template);
    case 'wvp':
      return wvpGateway(config);
    case 'demo':
      return demoGateway(join(demoDir, 'video'));
  }
}
