/**
 * A camera's view (heading and field of view) as the camera feed carries it: one byte each, a
 * code into a dictionary of 5° steps, with -1 for a camera whose view is not known. Cones drawn
 * on the map at close zoom need no finer angles. Pure; the database computes the same codes
 * (db/queries/feeds.ts) so that 250,000 cameras are not compared against 73 values each.
 */

/** The step of both angles, in degrees. */
export const VIEW_STEP_DEGREES = 5;

/** The value of a camera without a known heading or field of view. */
export const VIEW_UNKNOWN = -1;

/** Heading values: unknown, then 0°, 5°, … 355° (clockwise from north). */
export const CAMERA_HEADINGS: readonly number[] = [
  VIEW_UNKNOWN,
  ...Array.from({ length: 360 / VIEW_STEP_DEGREES }, (_, i) => i * VIEW_STEP_DEGREES),
];

/** Field-of-view values: unknown, then 5°, 10°, … 360°. */
export const CAMERA_FOVS: readonly number[] = [
  VIEW_UNKNOWN,
  ...Array.from({ length: 360 / VIEW_STEP_DEGREES }, (_, i) => (i + 1) * VIEW_STEP_DEGREES),
];

/** The heading's 0-based position in CAMERA_HEADINGS: to the nearest step, 360° being 0°. */
export function headingCode(heading: number | null): number {
  if (heading === null || !Number.isFinite(heading)) return 0;
  const steps = 360 / VIEW_STEP_DEGREES;
  return (((Math.round(heading / VIEW_STEP_DEGREES) % steps) + steps) % steps) + 1;
}

/** The field of view's 0-based position in CAMERA_FOVS: to the nearest step, at least 5°, at most 360°. */
export function fovCode(fov: number | null): number {
  if (fov === null || !Number.isFinite(fov) || fov <= 0) return 0;
  return Math.min(360 / VIEW_STEP_DEGREES, Math.max(1, Math.round(fov / VIEW_STEP_DEGREES)));
}
