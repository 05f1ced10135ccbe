/**
 * Downloads a file that needs the bearer token: a plain link cannot send the Authorization
 * header, so the file is fetched, then handed to the browser as a blob.
 */
import { ApiError } from '../api/errors.js';

export async function downloadWithToken(path: string, token: string, fileName: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(path, { headers: { authorization: `Bearer ${token}` } });
  } catch (error) {
    throw new ApiError('network', `the server cannot be reached (${(error as Error).message})`);
  }
  if (res.status === 401)
    throw new ApiError('unauthenticated', 'the token was refused', undefined, { reason: 'refused' });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new ApiError('server', body?.error?.message ?? `${path} answered ${res.status}`);
  }
  const url = URL.createObjectURL(await res.blob());
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // After the click has handed the blob over; revoking at once can cancel it in some browsers.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}
