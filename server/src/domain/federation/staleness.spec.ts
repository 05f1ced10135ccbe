import { describe, expect, it } from 'vitest';
import { STALE_AFTER_SECONDS, staleSince } from './staleness.js';

const now = new Date('2026-06-30T08:00:00Z');
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);

describe('staleSince', () => {
  it('calls a running link that heard from its city a moment ago current', () => {
    expect(staleSince({ enabled: true, running: true, lastMessageAt: ago(3), latestEndAt: ago(5) }, now)).toEqual({
      stale: false,
      since: null,
    });
  });

  it('calls a link whose worker is down stale since it last heard, however recent', () => {
    const link = { enabled: true, running: false, lastMessageAt: ago(2), latestEndAt: ago(4) };
    expect(staleSince(link, now)).toEqual({ stale: true, since: ago(2) });
  });

  it('calls a running link that heard nothing for longer than a keepalive gap stale', () => {
    const link = { enabled: true, running: true, lastMessageAt: ago(STALE_AFTER_SECONDS + 1), latestEndAt: null };
    expect(staleSince(link, now)).toEqual({ stale: true, since: ago(STALE_AFTER_SECONDS + 1) });
  });

  it('calls a disabled link stale, and one that never heard stale with no instant', () => {
    expect(staleSince({ enabled: false, running: false, lastMessageAt: null, latestEndAt: null }, now)).toEqual({
      stale: true,
      since: null,
    });
    expect(staleSince({ enabled: true, running: true, lastMessageAt: null, latestEndAt: null }, now).stale).toBe(true);
  });
});
