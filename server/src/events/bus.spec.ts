import { describe, expect, it } from 'vitest';
import { EventBus, MAX_QUEUED_EVENTS } from './bus.js';

const camera = (id: string) => ({ id, gridCode: '371702005001001', status: 'offline', at: new Date(0) });

describe('the event bus', () => {
  it('delivers published events that pass the filter, in order', async () => {
    const bus = new EventBus();
    const events = bus.subscribe('cameraStatusChanged', (e) => e.id !== 'b');
    bus.publish('cameraStatusChanged', camera('a'));
    bus.publish('cameraStatusChanged', camera('b'));
    bus.publish('cameraStatusChanged', camera('c'));
    expect((await events.next()).value.id).toBe('a');
    expect((await events.next()).value.id).toBe('c');
  });

  it('wakes a waiting subscriber and forgets it once it returns', async () => {
    const bus = new EventBus();
    const events = bus.subscribe('cameraStatusChanged', () => true);
    const pending = events.next();
    bus.publish('cameraStatusChanged', camera('x'));
    expect((await pending).value.id).toBe('x');
    await events.return!();
    expect(bus.subscriberCount('cameraStatusChanged')).toBe(0);
    expect((await events.next()).done).toBe(true);
  });

  it('keeps at most the newest events for a subscriber that does not read', async () => {
    const bus = new EventBus();
    const events = bus.subscribe('cameraStatusChanged', () => true);
    for (let i = 0; i < MAX_QUEUED_EVENTS + 10; i++) bus.publish('cameraStatusChanged', camera(String(i)));
    expect((await events.next()).value.id).toBe('10');
  });
});
