/** Why a request to the server failed, so the wall can tell "server away" from "log in again". */
export type ApiErrorKind = 'network' | 'unauthenticated' | 'server';

export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly code?: string,
    /** What the server or client said about why, beyond the message (e.g. `reason`). */
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Whether a failure is worth retrying later (the server or network may come back). */
export function isTransient(error: unknown): boolean {
  return !(error instanceof ApiError) || error.kind !== 'unauthenticated';
}
