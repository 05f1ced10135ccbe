import { describe, expect, it } from 'vitest';
import { readVideoConfig, VideoConfigError } from './config.js';
import { templateGateway, templateProblem } from './template-gateway.js';

describe('the URL template gateway', () => {
  it('puts the camera id into the template and tells HLS from HTTP-FLV by the path', async () => {
    const hls = await templateGateway('http://nvr.example/live/{id}/index.m3u8').play('37170200001325000001');
    expect(hls).toEqual({ protocol: 'HLS', url: new URL('http://nvr.example/live/37170200001325000001/index.m3u8') });
    const flv = await templateGateway('https://nvr.example/live/{id}.flv?vhost=a').play('37170200001325000001');
    expect(flv.protocol).toBe('FLV');
    expect(flv.url.search).toBe('?vhost=a');
  });

  it('says what is wrong with a template', () => {
    expect(templateProblem('http://nvr.example/live/index.m3u8')).toMatch(/must contain \{id\}/);
    expect(templateProblem('rtsp://nvr.example/{id}.flv')).toMatch(/http:\/\/ or https:\/\//);
    expect(templateProblem('http://nvr.example/{id}.mp4')).toMatch(/\.m3u8 \(HLS\) or \.flv/);
    expect(templateProblem('not a url {id}')).toMatch(/is not a URL/);
  });
});

describe('VIDEO_GATEWAY', () => {
  it('is the demo by default with demo data outside production, else none', () => {
    expect(readVideoConfig({}, true)).toEqual({ kind: 'demo' });
    expect(readVideoConfig({}, false)).toEqual({ kind: 'none' });
  });

  it('reads a template and a WVP gateway with their settings', () => {
    expect(readVideoConfig({ VIDEO_GATEWAY: 'template', VIDEO_URL_TEMPLATE: 'http://n/{id}.flv' }, false)).toEqual({
      kind: 'template',
      template: 'http://n/{id}.flv',
    });
    const env = {
      VIDEO_GATEWAY: 'wvp',
      VIDEO_WVP_URL: 'http://wvp:18080',
      VIDEO_WVP_USERNAME: 'a',
      VIDEO_WVP_PASSWORD: 'b',
    };
    expect(readVideoConfig({ ...env, VIDEO_WVP_PROTOCOL: 'FLV' }, false)).toEqual({
      kind: 'wvp',
      baseUrl: 'http://wvp:18080',
      username: 'a',
      password: 'b',
      protocol: 'FLV',
      deviceId: undefined,
    });
  });

  it('names the variable that is missing or wrong', () => {
    const read = (env: NodeJS.ProcessEnv) => () => readVideoConfig(env, false);
    expect(read({ VIDEO_GATEWAY: 'rtsp' })).toThrow(/VIDEO_GATEWAY must be none, template, wvp or demo, got "rtsp"/);
    expect(read({ VIDEO_GATEWAY: 'template' })).toThrow(VideoConfigError);
    expect(read({ VIDEO_GATEWAY: 'template' })).toThrow(/VIDEO_URL_TEMPLATE must be set/);
    expect(read({ VIDEO_GATEWAY: 'template', VIDEO_URL_TEMPLATE: 'http://n/x.flv' })).toThrow(
      /VIDEO_URL_TEMPLATE: .*\{id\}/,
    );
    expect(read({ VIDEO_GATEWAY: 'wvp', VIDEO_WVP_URL: 'http://w' })).toThrow(/VIDEO_WVP_USERNAME must be set/);
    expect(
      read({
        VIDEO_GATEWAY: 'wvp',
        VIDEO_WVP_URL: 'http://w',
        VIDEO_WVP_USERNAME: 'a',
        VIDEO_WVP_PASSWORD: 'b',
        VIDEO_WVP_PROTOCOL: 'rtc',
      }),
    ).toThrow(/VIDEO_WVP_PROTOCOL must be hls or flv/);
  });
});
