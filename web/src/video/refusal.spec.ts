import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors.js';
import { refusalOf, viewPath } from './refusal.js';

describe('why no video is shown', () => {
  it("names the server's reason, with the gateway's own words", () => {
    const error = new ApiError('server', 'x', 'CONFLICT', { reason: 'gateway_refused', gatewayMessage: '设备离线' });
    expect(refusalOf(error)).toEqual({ key: 'video.reason.gateway_refused', params: { said: '设备离线' } });
    expect(refusalOf(new ApiError('server', 'x', 'CONFLICT', { reason: 'camera_offline' })).key).toBe(
      'video.reason.camera_offline',
    );
  });

  it('tells a camera it may not see, a server away and anything else apart', () => {
    expect(refusalOf(new ApiError('server', 'x', 'NOT_FOUND')).key).toBe('video.notFound');
    expect(refusalOf(new ApiError('network', 'x')).key).toBe('video.serverAway');
    expect(refusalOf(new ApiError('server', 'x', 'CONFLICT', { reason: 'new_reason' })).key).toBe('video.failed');
    expect(refusalOf(new Error('x')).key).toBe('video.failed');
  });

  it("ends a view at its stream's folder", () => {
    expect(viewPath('/video/37170200001325000001/a.b/index.m3u8')).toBe('/video/37170200001325000001/a.b');
  });
});
