/**
 * The time zone every screen shows dates in and cuts days by: the server's display zone, which
 * its anonymous /healthz answer names (`timeZone`), so that "today" on a screen is the server's
 * "today" whatever the machine driving the screen is set to. Until the server has answered, and
 * when it names no zone this browser knows, the screens use DEFAULT_TIME_ZONE.
 */
import { useSyncExternalStore } from 'react';
import { DEFAULT_TIME_ZONE, isTimeZone } from './zone.js';

/** The zone a /healthz body names, or DEFAULT_TIME_ZONE when it names none this browser knows. */
export function zoneFromHealth(body: unknown): string {
  const zone = typeof body === 'object' && body !== null ? (body as { timeZone?: unknown }).timeZone : undefined;
  return typeof zone === 'string' && isTimeZone(zone) ? zone : DEFAULT_TIME_ZONE;
}

/** The display zone as a store: asks the server once, when the first screen subscribes. */
export class DisplayZone {
  private zone = DEFAULT_TIME_ZONE;
  private asking: Promise<void> | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly readHealth: () => Promise<unknown>) {}

  /** The zone known now. */
  get = (): string => this.zone;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    void this.ask();
    return () => this.listeners.delete(listener);
  };

  /** Reads the server's zone (once; again after a failure, when a screen next subscribes). */
  ask(): Promise<void> {
    this.asking ??= this.readHealth().then(
      (body) => this.set(zoneFromHealth(body)),
      () => {
        // A server that cannot be reached now leaves the fallback in place until a later screen asks.
        this.asking = null;
      },
    );
    return this.asking;
  }

  private set(zone: string): void {
    if (zone === this.zone) return;
    this.zone = zone;
    for (const listener of this.listeners) listener();
  }
}

const displayZone = new DisplayZone(async () => (await fetch('/healthz')).json());

/** The display time zone, for screens: re-renders them once if the server names another zone. */
export function useTimeZone(): string {
  return useSyncExternalStore(displayZone.subscribe, displayZone.get);
}
